/** A one-line request counter on a terminal, for runs with many requests; never in CI. */
export class Progress {
  private shown = false;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(count: number): void {
    if (!this.stream.isTTY || process.env['CI'] || count < 10) return;
    this.stream.write(`\r${count} requests…`);
    this.shown = true;
  }

  /** Takes the line away (before other output, which would otherwise run on from it); the next update redraws it. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
