/**
 * Requests to a worker that answers one at a time, in order: one is sent, and while it is being answered only the
 * newest later request is kept, to be sent when the answer comes. A request replaced before it is sent is never
 * sent: its answer could only be thrown away, and the newest one would wait behind it.
 */
export class LatestOnly<Request> {
  private sent: { readonly request: Request } | undefined;
  private kept: { readonly request: Request } | undefined;

  constructor(private readonly send: (request: Request) => void) {}

  /** A request is out and not answered yet. */
  get busy(): boolean {
    return this.sent !== undefined;
  }

  /** The request out, not answered yet. */
  get out(): Request | undefined {
    return this.sent?.request;
  }

  /** Sends the request now, or keeps it (in place of the one kept before) until the answer to the one out comes. */
  request(request: Request): void {
    if (this.sent) {
      this.kept = { request };
      return;
    }
    this.sent = { request };
    this.send(request);
  }

  /** The answer to the request out has come: the kept one, if any, is sent. */
  answered(): void {
    const next = this.kept;
    this.sent = undefined;
    this.kept = undefined;
    if (next) this.request(next.request);
  }

  /** Sends nothing more: the newest request not answered (the kept one, else the one out), for another to answer. */
  abandon(): Request | undefined {
    const newest = this.kept ?? this.sent;
    this.sent = undefined;
    this.kept = undefined;
    return newest?.request;
  }
}
