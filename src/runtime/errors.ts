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
