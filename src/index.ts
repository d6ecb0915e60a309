/** deluge-kit's public API. Every stage returns `{ value, diagnostics }` and never throws for bad input. */
export * from './syntax/index.js';
export { SourceFile, type Position } from './source/source-file.js';
export type { Span } from './source/span.js';
export { codeFrame } from './source/code-frame.js';
export { CODES, codeInfo, type DiagnosticCode, type Severity, type CodeInfo } from './diagnostics/codes.js';
export { type Diagnostic, type Result, type RelatedInformation, type TextEdit, hasErrors } from './diagnostics/diagnostic.js';
export { renderStylish, renderDiagnostic, toJsonResult, type JsonFileResult, type JsonMessage } from './diagnostics/render.js';
export { check, type CheckedFile } from './check.js';
export { format, type FormatOptions, type FormatResult } from './format/index.js';
export { runScript, DEFAULT_LIMITS, type RunOptions, type RunResult, type RunDiagnostic, type RecordedMail } from './runtime/run.js';
export type { TaskHost } from './runtime/interpreter.js';
export { toJsonValue, type JsonValue } from './runtime/json-value.js';
export { textForm } from './runtime/text-form.js';
export { BUILTINS } from './runtime/builtins/index.js';
export type { BuiltinSpec, ArgType } from './runtime/builtins/registry.js';
export * as values from './runtime/values.js';
