/**
 * How a run that makes requests says it was stopped, and its exit code then: the words of `deluge run`
 * (src/cli/commands/run.ts, src/runner/http-host.ts) and of emitted TypeScript programs alike (the prelude generator
 * copies this file's declarations into programs: it imports nothing), so that both give the same account.
 */

/** What stops a run with its account: Ctrl-C, SIGTERM, and stdout closed by its reader (SIGPIPE, which Node turns into EPIPE). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGPIPE';

/** The exit code of a run so stopped: 128 + the signal's number, as shells report it. */
export const STOP_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143, SIGPIPE: 141 };

/** The line on stderr as the first Ctrl-C or SIGTERM is taken: the request in flight is let finish. */
export function stoppingNotice(signal: 'SIGINT' | 'SIGTERM'): string {
  return signal === 'SIGINT'
    ? '\nInterrupted: letting the request in flight finish (Ctrl-C again to quit at once)\n'
    : '\nTerminated (SIGTERM): letting the request in flight finish (a second SIGTERM or Ctrl-C quits at once)\n';
}

/**
 * The line on stderr as the reader of stdout goes away (`… | head -1`). It is seen when a line is written, mostly
 * between requests: the words hold whether a request is in flight then or not.
 */
export const STDOUT_CLOSED_NOTICE = '\nStopped: standard output was closed (its reader ended); a request in flight is let finish, no further one is sent\n';

/** The same stop when standard output cannot be written (a full disk): why, said as the system says it. */
export const stdoutFailedNotice = (failure: string): string =>
  `\nStopped: standard output cannot be written (${failure}); a request in flight is let finish, no further one is sent\n`;

/** What stopped the run, as DLG4026's messages begin (Ctrl-C when unknown). */
function stoppedBy(signal: unknown): string {
  return signal === 'SIGTERM' ? 'Terminated (SIGTERM)' : signal === 'SIGPIPE' ? 'Stopped (standard output was closed)' : 'Interrupted (Ctrl-C)';
}

/** DLG4026's message once the request in flight finished after `signal` (Ctrl-C when unknown): no further request was sent. */
export function stoppedMessage(signal: unknown): string {
  return `${stoppedBy(signal)}: the request in flight finished; no further request was sent`;
}

/** DLG4026's message at the statement the stop came before (stdout closed while the script computed): it and all after it not run. */
export function stoppedHereMessage(signal: unknown): string {
  return `${stoppedBy(signal)}: the script stopped before this statement; no further request was sent`;
}

/**
 * DLG4026's message at a request the stop came before (stdout closed while the script computed, Ctrl-C while a token
 * was fetched): nothing of it reached a server, and nothing after it.
 */
export function notSentMessage(signal: unknown): string {
  return `${stoppedBy(signal)}: this request was not sent, nor any after it`;
}

/** How a second signal quit, as the messages name it: `Ctrl-C twice`, `SIGTERM after SIGINT`, … */
export function quitHow(quit: StopSignal, first: StopSignal): string {
  return quit === 'SIGINT' && first === 'SIGINT' ? 'Ctrl-C twice' : `${quit} after ${first}`;
}

/** DLG4026's message after a second signal (`quitBy`: {@link quitHow}) quit without waiting for the request in flight. */
export function quitMessage(quitBy: string): string {
  return `Quit (${quitBy}) without waiting for the request in flight: whether the server processed it is unknown; no further request was sent`;
}

/** The line on stderr for a request a quit did not wait for (`place`: method, host and path, its query left out). */
export function notAwaitedNotice(place: string): string {
  return `\nQuit without waiting for ${place}: the server may have processed it\n`;
}

/** Why a request a quit did not wait for has no answer, on its entry and its account line. */
export function notAwaitedReason(quitBy: string): string {
  return `not awaited: the run was quit (${quitBy}) before the answer came; the server may have processed it`;
}
