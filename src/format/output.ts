const INDENT = '    ';

/**
 * The text being printed, line by line: indentation is added when a line gets its first text, so no line
 * ever ends in spaces and an empty line is truly empty.
 */
export class Output {
  private readonly chunks: string[] = [];
  private depth = 0;
  private lineHasText = false;
  /** Extra indentation for the next line only (see continueLine). */
  private continuation = 0;
  /** At the start of the text or right after an opening `{`/`[`: no blank line may follow. */
  private afterOpener = true;

  /** Whether the current line has text (a comment may still be added to it). */
  get lineOpen(): boolean {
    return this.lineHasText;
  }

  write(text: string): void {
    if (!this.lineHasText) {
      const depth = this.depth + this.continuation;
      if (depth > 0) this.chunks.push(INDENT.repeat(depth));
      this.lineHasText = true;
      this.continuation = 0;
    }
    this.chunks.push(text);
    this.afterOpener = false;
  }

  /** Writes an opening bracket and indents what follows. */
  open(text: string): void {
    this.write(text);
    this.depth++;
    this.afterOpener = true;
  }

  /** The next line (the continuation of an expression broken by a comment) is indented once more than the others. */
  continueLine(): void {
    this.continuation = 1;
  }

  dedent(): void {
    this.depth--;
  }

  /** Text kept byte for byte (the HTML of a page template): written as is, never indented. */
  verbatim(text: string): void {
    this.lineHasText = true;
    this.chunks.push(text);
    this.afterOpener = false;
  }

  endLine(): void {
    if (!this.lineHasText) return;
    this.chunks.push('\n');
    this.lineHasText = false;
  }

  /** An empty line, unless it would follow an opening bracket (or start the text). */
  blankLine(): void {
    this.endLine();
    if (!this.afterOpener) this.chunks.push('\n');
    this.afterOpener = true; // never two in a row
  }

  text(): string {
    return this.chunks.join('');
  }
}
