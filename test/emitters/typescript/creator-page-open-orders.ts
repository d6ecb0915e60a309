// creator-page-open-orders.ts: examples/creator-page-open-orders.dg as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).
// It does what `deluge run` does with the script: the same requests, the same info lines on stdout.
//
// Run it with Node.js 20 or later:  npx tsx creator-page-open-orders.ts
//   with Node.js 22.6 or later:    node --experimental-strip-types creator-page-open-orders.ts (no flag from Node.js 23.6)
//   or compile it with tsc first:  npm i -D typescript @types/node && npx tsc --strict --target es2022 --module nodenext creator-page-open-orders.ts && node creator-page-open-orders.js
// It needs no package at run time: requests go through the global fetch.
// Deluge's semantics are kept by the helpers after the program: NUMBER is a 64-bit bigint (record IDs keep every
//   digit), DECIMAL a number, maps are Maps in insertion order, `+` joins text (null as ""), info prints as Zoho does.
//
// NOTE: not converted (a warning each; the program stops with an error if it gets there):
//   line 1: a page template (`<%{ … }%>`) is a Zoho Creator statement, which needs a Creator application around it

/** The script: its top-level statements, in order. */
export async function main(): Promise<Value> {
  // NOTE: not converted: <%{ — a page template (`<%{ … }%>`) is a Zoho Creator statement, which needs a Creator application around it
  void notConverted("DLG6050", "a page template (`<%{ … }%>`) is a Zoho Creator statement, which needs a Creator application around it (line 1)");
  // Creator: check and lint only.
  // Zoho Creator - page (Design > Pages > Deluge/HTML page) listing the ten newest open orders.
  // Code runs between <%{ and }%>; text between %> and <% is HTML sent to the browser, and <%=expr%>
  // writes the value of an expression into it. The page parameter "city" comes from the page URL.
  return null;
}

// ── Deluge semantics: the helpers this program uses (from deluge-kit; see the header) ──────────────

/**
 * A Deluge value: TEXT is a string, NUMBER a 64-bit integer as a bigint (record IDs keep every digit), DECIMAL a
 * number, BOOLEAN a boolean; a LIST is an array and a KEY-VALUE map a Map, which keeps its keys in insertion order.
 */
type Value =
  | string
  | bigint
  | number
  | boolean
  | null
  | Value[]
  | DelugeMap;

/** A key of a map: text, NUMBER (bigint), DECIMAL, boolean or null; JavaScript's Map compares these by value. */
type MapKey = string | bigint | number | boolean | null;

/** A KEY-VALUE map: case-sensitive keys in insertion order (a JS object would move integer-like keys first). */
type DelugeMap = Map<MapKey, Value>;

/** A runtime error of the script, as `deluge run` reports it: a code, and whether `try/catch` can catch it. */
class DelugeError extends Error {
  readonly code: string;
  readonly catchable: boolean;
  constructor(code: string, message: string, catchable = true) {
    super(message);
    this.name = 'DelugeError';
    this.code = code;
    this.catchable = catchable;
  }
}

/** Whether the reader of stdout went away: the script's lines go nowhere from then on, as with `deluge run`. */
const stdout = { closed: false };

/**
 * The reader of stdout went away (`… | head -1`, EPIPE): a program that sends requests stops as `deluge run` stops
 * (`stopForClosedStdout`). Node lost the line that met the closed pipe silently and ended the program with an
 * unhandled EPIPE at the next, with no account of the requests made.
 */
function stdoutClosed(): void {
  if (stdout.closed) return;
  stdout.closed = true;
}

/**
 * What the emitter could not convert: reaching it stops the program with an error that says what and why, under the
 * code of the emitter's warning about it (DLG6050…). `values` are what the unconverted code reads (evaluated first,
 * as Deluge would).
 */
function notConverted(code: string, what: string, ...values: (Value | undefined)[]): never {
  void values;
  throw new DelugeError(code, `not converted to TypeScript: ${what}`, false);
}

/**
 * Runs the script; an uncaught error is printed on stderr as `deluge run` prints it, with exit code 1 (130 after
 * Ctrl-C, 143 after SIGTERM: `exitIfStopped`): when the program ends, after its account of requests and records
 * (printed then too), as run prints its error after its summary.
 */
function run(main: () => Promise<unknown>): void {
  // A reader of stdout that goes away is not the script's error (an EPIPE that `info` did not see at once).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed();
  });
  main().catch((error: unknown) => {
    const text = error instanceof DelugeError ? `error[${error.code}] ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.once('exit', () => process.stderr.write(`${text}\n`));
    process.exitCode = 1;
  });
}

// ── Run ──────────────────────────────────────────────────────────────────────────────────────

run(main);
