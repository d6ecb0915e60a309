import type { Span } from '../source/span.js';
import { CODES, type DiagnosticCode, type Severity } from './codes.js';

export interface RelatedInformation {
  readonly span: Span;
  readonly message: string;
}

export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}

/** The one diagnostic shape of every stage: lexer, parser, linter, runtime and emitters. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** `syntax` for lexer and parser diagnostics, the rule id for lint diagnostics. */
  readonly ruleId: string;
  readonly related?: readonly RelatedInformation[];
  readonly fix?: TextEdit;
  /** The text at the span is a credential (a warning about it): code frames show it masked. */
  readonly secret?: true;
}

export function diagnostic(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra: { related?: readonly RelatedInformation[]; fix?: TextEdit; ruleId?: string; severity?: Severity; secret?: true } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? CODES[code].severity,
    message,
    span,
    ruleId: extra.ruleId ?? 'syntax',
    ...(extra.related ? { related: extra.related } : {}),
    ...(extra.fix ? { fix: extra.fix } : {}),
    ...(extra.secret ? { secret: true as const } : {}),
  };
}

/** What every pipeline stage returns: a value and what was wrong with its input. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
}
