import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Expr } from '../syntax/ast.js';
import { parse } from '../syntax/parse.js';
import { AsyncInterpreter } from './interpreter-async.js';
import type { BuiltinSpec } from './builtins/registry.js';
import type { DelugeError } from './errors.js';
import { Interpreter, ZOHO_CRM_STATEMENT_LIMIT, type InterpreterOptions, type LoadedProgram, type TaskHost } from './interpreter.js';
import { SEMANTICS } from './semantics.js';
import type { Value } from './values.js';

export interface RunOptions {
  /** The script's path, for diagnostics. */
  readonly fileName?: string;
  /** Arguments: bound to the function's parameters by name and readable as `input.<name>`. */
  readonly args?: Readonly<Record<string, Value>>;
  /** Which function to run when the file only declares functions (default: the first). */
  readonly entry?: string;
  /** The instant `zoho.currenttime`, `now`, `today` … show, in ms since the epoch (default: the clock). */
  readonly now?: number;
  /** The run's clock for the time limit and (without `now`) for `now`; tests inject one. Default `Date.now`. */
  readonly clock?: () => number;
  /**
   * The run's randomness: fills the bytes given with random values and returns them, as `crypto.getRandomValues` (the
   * default) does. `randomNumber` and the IV `aesEncode` makes without one draw from it; tests inject a fixed one.
   */
  readonly random?: (bytes: Uint8Array) => Uint8Array;
  /**
   * The zone date-times are shown in (default: SEMANTICS.defaultTimeZone); a function is asked when the run first needs
   * it (`deluge run` passes the machine's zone so: looking it up starts ICU, about 30 ms, which most scripts never need).
   */
  readonly timeZone?: string | (() => string);
  /** Statements executed before the run stops (Zoho CRM: 200,000). */
  readonly maxStatements?: number;
  /** Nested function calls before the run stops (Zoho: 75). */
  readonly maxCallDepth?: number;
  /** Wall-clock limit of the whole run, in ms (Zoho CRM: 60 s). */
  readonly timeoutMs?: number;
  /** Other `.dg` files whose functions the script may call (`standalone.f(...)`). */
  readonly functions?: readonly { readonly path: string; readonly text: string }[];
  /** `zoho.loginuserid` and friends, by their name without `zoho.`. */
  readonly system?: Readonly<Record<string, Value>>;
  /** Performs tasks (`invokeurl`, `zoho.crm.*`, …); without one, such tasks stop the run with DLG4014. */
  readonly tasks?: TaskHost;
  /** Called with each `info` line as it is printed. */
  readonly onInfo?: (line: string) => void;
  /** Called every 1,024 statements, where the time limit is checked: the script is computing. */
  readonly onComputing?: () => void;
  /**
   * Asked before every statement: once `signal` is aborted (the CLI's stdout closed by its reader while the script
   * computed), the run stops there with `error` (not catchable), rather than compute on to its next request.
   */
  readonly stop?: {
    readonly signal: AbortSignal;
    readonly error: (span: Span) => DelugeError;
    /**
     * runScriptAsync: while the script computes, its loops let the event loop turn at least this often (in ms of the
     * run's clock), so that what aborts `signal` (the CLI's Ctrl-C handler) runs, and the run stops with its account
     * instead of computing on, deaf, to its time limit.
     */
    readonly turnEveryMs?: number;
  };
  /** Treat the text as pasted from Zoho's docs (see `parse`). */
  readonly docs?: boolean | 'auto';
  /**
   * Runtime errors no `try … catch` of the script may take: they stop the run instead. `deluge emit` records a script
   * with placeholders for response values; an error a placeholder caused is not one a live run meets, and a catch of
   * it would record the error path.
   */
  readonly uncatchable?: (error: DelugeError) => boolean;
  /**
   * Sees every builtin's result, and may give the script another value instead. `deluge emit` turns a text function's
   * result on a placeholder (`email.getSuffix("@")`) into a placeholder of its own: the function ran on the
   * placeholder's text, not on the live value.
   */
  readonly builtinResult?: (call: BuiltinCall) => Value;
  /**
   * Sees each decision as it is taken (an `if` condition, an `if(…)` expression, a side of `&&` or `||`): called as
   * its evaluation begins, it gives what to call when it ends. With `variableRead`, `deluge emit` tells the decisions
   * that took a response's placeholders (a guess at what a live run decides) from the others.
   */
  readonly onCondition?: (condition: Expr) => () => void;
  /** Sees each value a variable gives the script. */
  readonly variableRead?: (value: Value) => void;
}

/** A builtin as it was called, and what it returned (see RunOptions.builtinResult). */
export interface BuiltinCall {
  readonly spec: BuiltinSpec;
  /** As the script wrote it: an alias or another case of the name. */
  readonly calledAs: string;
  /** The value it applied to (null in function form with no receiver). */
  readonly receiver: Value;
  readonly args: readonly Value[];
  readonly result: Value;
}

/** A mail `sendmail` would have sent: never sent, recorded. */
export interface RecordedMail {
  readonly [key: string]: Value;
}

export interface RunDiagnostic {
  readonly file: SourceFile;
  readonly diagnostic: Diagnostic;
}

export interface RunResult {
  /** Each `info` line, as printed. */
  readonly info: readonly string[];
  /** The script's return value (undefined when it returned nothing). */
  readonly result: Value | undefined;
  readonly mails: readonly RecordedMail[];
  /** Syntax errors (then nothing ran) or the uncaught runtime error, each with the file it is in. */
  readonly diagnostics: readonly RunDiagnostic[];
  /** Statements executed. */
  readonly statements: number;
  /** True when the script ran to its end or a `return`. */
  readonly completed: boolean;
  /** The parameters of the function run (a file of functions) and the `input.<name>` read that no argument was given for: they were null. */
  readonly missingArguments: readonly string[];
}

/**
 * A function run without a value for some of its parameters gets null for them, as Zoho's Execute with a field left
 * empty — and then fails somewhere inside with "Value is empty…". This says which were not given, and how to give
 * them (`deluge run` prints it as a note, `deluge emit` adds it to the warning where the recording stopped).
 */
export function missingArgumentsText(names: readonly string[]): string {
  if (names.length === 0) return '';
  const list = names.join(', ');
  const how = names.map((name) => `--arg ${name}=…`).join(' ');
  return names.length === 1
    ? `no argument was given for the parameter ${list}: it was null (give it with ${how})`
    : `no arguments were given for the parameters ${list}: they were null (give them with ${how})`;
}

export const DEFAULT_LIMITS = { maxStatements: ZOHO_CRM_STATEMENT_LIMIT, maxCallDepth: 75, timeoutMs: 60_000 } as const;


/** `deluge run` as a function: parse the script (and `functions`), then run it. Never throws for bad input. */
export function runScript(text: string, options: RunOptions = {}): RunResult {
  // Before anything runs: the first request would be sent, and the run end on its promise with the answer lost.
  if (options.tasks?.asynchronous) throw new TypeError('runScript: this task host answers with promises (openRunSession\'s host, which sends requests): use runScriptAsync');
  const prepared = prepare(text, options);
  if ('failed' in prepared) return prepared.failed;
  return new Interpreter(prepared.options).run(prepared.main, prepared.libraries);
}

/**
 * The same for a task host that answers with promises (the HTTP runner): the statements that contain a task
 * await it; everything else runs synchronously.
 */
export async function runScriptAsync(text: string, options: RunOptions = {}): Promise<RunResult> {
  const prepared = prepare(text, options);
  if ('failed' in prepared) return prepared.failed;
  return new AsyncInterpreter(prepared.options).runAsync(prepared.main, prepared.libraries);
}

type Prepared =
  | { failed: RunResult }
  | { options: InterpreterOptions; main: LoadedProgram; libraries: LoadedProgram[] };

/** The largest instant a Date holds (±8.64e15 ms): beyond it every date builtin would fail mid-run. */
const LAST_INSTANT = 8.64e15;

/**
 * Options that would fail mid-run (a zone ICU does not know, an instant no Date holds), refused before the script
 * starts: a run that failed after its first requests would have sent them for nothing.
 */
function refuseBadOptions(options: RunOptions): void {
  if (options.now !== undefined && !(Number.isFinite(options.now) && Math.abs(options.now) <= LAST_INSTANT)) {
    throw new RangeError(`run: 'now' must be an instant in milliseconds since 1970 (within ±8.64e15), not ${options.now}`);
  }
  if (typeof options.timeZone === 'string') {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: options.timeZone });
    } catch {
      throw new RangeError(`run: 'timeZone' must be an IANA time zone such as "Asia/Kolkata", not "${options.timeZone}"`);
    }
  }
}

function prepare(text: string, options: RunOptions): Prepared {
  refuseBadOptions(options);
  const main = new SourceFile(options.fileName ?? '<script>', text);
  const parsed = parse(text, { docs: options.docs });
  const diagnostics: RunDiagnostic[] = parsed.diagnostics
    .filter((d) => d.severity === 'error')
    .map((diagnostic) => ({ file: main, diagnostic }));
  const libraries = (options.functions ?? []).map((f) => {
    const file = new SourceFile(f.path, f.text);
    const result = parse(f.text);
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.severity === 'error') diagnostics.push({ file, diagnostic });
    }
    return { file, program: result.value };
  });
  if (diagnostics.length > 0) {
    return { failed: { info: [], result: undefined, mails: [], diagnostics, statements: 0, completed: false, missingArguments: [] } };
  }
  return {
    options: {
      ...options,
      timeZone: options.timeZone ?? SEMANTICS.defaultTimeZone,
      maxStatements: options.maxStatements ?? DEFAULT_LIMITS.maxStatements,
      maxCallDepth: options.maxCallDepth ?? DEFAULT_LIMITS.maxCallDepth,
      timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
      clock: options.clock ?? Date.now,
      random: options.random ?? ((bytes) => globalThis.crypto.getRandomValues(bytes)),
    },
    main: { file: main, program: parsed.value },
    libraries,
  };
}
