import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Value } from './values.js';

/**
 * A Deluge runtime error. Builtins throw it without a span; the interpreter adds the span of the expression
 * that was being evaluated, so the diagnostic points at the call, not into our code.
 */
export class DelugeError extends Error {
  /** The file the span is in (a `--functions` file, or the script). */
  file?: SourceFile;
  /** The task block parameter (lower-case key) whose value the error is about: the diagnostic points at it. */
  key?: string;
  /** The calls of the script's own functions the error came up through, innermost first (for notes at them). */
  calledFrom?: { readonly file: SourceFile; readonly span: Span; readonly name: string }[];

  constructor(
    readonly code: DiagnosticCode,
    message: string,
    public span?: Span,
    /** False for the run's limits and for unsupported features: `try/catch` cannot catch those. */
    readonly catchable = true,
    /** For `throw`: the value thrown. */
    readonly thrown?: Value,
  ) {
    super(message);
    this.name = 'DelugeError';
  }
}

/** Throws a catchable runtime error: the one way builtins report bad input. */
export function fail(code: DiagnosticCode, message: string): never {
  throw new DelugeError(code, message);
}

/**
 * Runs `read`, which reads the value of a task block's parameter `key`: an error it throws is about that parameter
 * (a wrong `type: DELET` is pointed at, not the block's first line).
 */
export function readingKey<T>(key: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DelugeError && error.span === undefined) error.key ??= key;
    throw error;
  }
}

/**
 * How large a text or a list may grow in a run (DLG4027). Zoho names no limit but stops scripts that use too much
 * memory; without one, `l.addAll(l)` thirty times crashed Node itself (a fatal error, no summary), and `s = s + s`
 * ended in "internal error: Invalid string length". Both are far above what a CRM function builds.
 */
export const SIZE_LIMITS = { textLength: 50_000_000, listSize: 10_000_000 } as const;

/** `text`, or DLG4027 when it is longer than a run may hold. */
export function checkedText(text: string, what: string): string {
  checkTextLength(text.length, what);
  return text;
}

/** DLG4027 when a text is to be `length` characters long, more than a run may hold: said before it is made. */
export function checkTextLength(length: number, what: string): void {
  if (length > SIZE_LIMITS.textLength) {
    fail('DLG4027', `${what} would be ${length.toLocaleString('en-US')} characters long, more than the ${SIZE_LIMITS.textLength.toLocaleString('en-US')} a run may hold`);
  }
}

/** DLG4027 when a list is to hold more elements than a run may hold. */
export function checkListSize(size: number, what: string): void {
  if (size > SIZE_LIMITS.listSize) {
    fail('DLG4027', `${what} would hold ${size.toLocaleString('en-US')} elements, more than the ${SIZE_LIMITS.listSize.toLocaleString('en-US')} a run may hold`);
  }
}

/**
 * An error a builtin raised, its message naming the builtin as the script called it: builtins word their errors
 * after their own name (`toNumber: "x" is not a number`), and a script that wrote an alias (`toLong`) should read
 * that name. Other errors go through unchanged.
 */
export function asCalled(error: unknown, specName: string, calledAs: string): unknown {
  if (error instanceof DelugeError && calledAs !== specName && error.message.startsWith(`${specName}:`) && calledAs.toLowerCase() !== specName.toLowerCase()) {
    error.message = `${calledAs}${error.message.slice(specName.length)}`;
  }
  return error;
}

/** A builtin's result, or DLG4027 when it is a text or list larger than a run may hold (`s.toList(",")` of a huge text). */
export function checkedResult<T>(result: T, fn: string): T {
  // (The length first: the message is made only for a text too long.)
  if (typeof result === 'string') return result.length > SIZE_LIMITS.textLength ? (checkedText(result, `${fn}: the text`) as T) : result;
  if (typeof result === 'object' && result !== null) {
    const items = (result as { items?: unknown }).items;
    if (Array.isArray(items)) checkListSize(items.length, `${fn}: the list`);
  }
  return result;
}
