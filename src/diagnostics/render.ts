import { maskCredentialsKeepingColumns } from '../http/redact.js';
import { codeFrame, controlPictures } from '../source/code-frame.js';
import type { Position, SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Diagnostic } from './diagnostic.js';

export interface FileDiagnostics {
  readonly file: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

/** ESLint's result shape plus `code`: the `--format json` contract of `shared/design/cli.md`. */
export interface JsonMessage {
  ruleId: string;
  code: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
}

export interface JsonFileResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function toJsonMessage(file: SourceFile, d: Diagnostic): JsonMessage {
  const start = file.position(d.span.start);
  const end = file.position(d.span.end);
  return {
    ruleId: d.ruleId,
    code: d.code,
    severity: d.severity === 'error' ? 2 : 1,
    message: shownMessage(d.message),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(d.fix ? { fix: { range: eslintRange(file, d.fix.span), text: d.fix.text } } : {}),
  };
}

/**
 * One diagnostic as `lint --format json` gives it, with ESLint's meaning of a fix: a fix `--fix` would not apply
 * (`isSafe` false) is a suggestion, `suggestions: [{ desc, fix }]`, never a `fix`.
 */
export function lintJsonMessage(file: SourceFile, diagnostic: Diagnostic, isSafe: (d: Diagnostic) => boolean): JsonMessage & { suggestions?: object[] } {
  const unsafe = diagnostic.fix && !isSafe(diagnostic) ? diagnostic.fix : undefined;
  const message: JsonMessage & { suggestions?: object[] } = toJsonMessage(file, unsafe ? { ...diagnostic, fix: undefined } : diagnostic);
  if (unsafe) message.suggestions = [{ desc: message.message, fix: { range: eslintRange(file, unsafe.span), text: unsafe.text } }];
  return message;
}

/**
 * A span as ESLint's `fix.range`: UTF-16 offsets into the text without its byte order mark (ESLint, and the editors
 * that apply its fixes, read the text with the BOM removed).
 */
export function eslintRange(file: SourceFile, span: Span): [number, number] {
  const bom = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [span.start - bom, span.end - bom];
}

export function toJsonResult({ file, diagnostics }: FileDiagnostics): JsonFileResult {
  return { filePath: file.path, messages: diagnostics.map((d) => toJsonMessage(file, d)), ...jsonCounts(diagnostics) };
}

/** ESLint's counts of a file's problems; `fixable`: which fixes count (default: every one). */
export function jsonCounts(
  diagnostics: readonly Diagnostic[],
  fixable: (d: Diagnostic) => boolean = (d) => d.fix !== undefined,
): Pick<JsonFileResult, 'errorCount' | 'warningCount' | 'fixableErrorCount' | 'fixableWarningCount'> {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return {
    errorCount: errors.length,
    warningCount: warnings.length,
    fixableErrorCount: errors.filter(fixable).length,
    fixableWarningCount: warnings.filter(fixable).length,
  };
}

export interface StylishOptions {
  readonly colour?: boolean;
}

/** One diagnostic as `file:line:col: severity[CODE] message` followed by a code frame. */
export function renderDiagnostic(file: SourceFile, d: Diagnostic, options: StylishOptions = {}): string {
  const c = colours(options.colour ?? false);
  const pos = file.position(d.span.start);
  const head =
    `${c.bold(`${shownPath(file.path)}:${pos.line}:${pos.column}`)}: ` +
    `${d.severity === 'error' ? c.red('error') : c.yellow('warning')}[${d.code}] ${oneLine(shownMessage(d.message))}`;
  const maskLine = file.credentialsMasked ? (line: string) => line : d.secret ? spanMasker(file, d.span) : maskCredentialsKeepingColumns;
  const frame = { colour: options.colour ?? false, maskLine };
  const lines = [head, codeFrame(file, d.span, frame)];
  for (const r of d.related ?? []) {
    const rp = file.position(r.span.start);
    lines.push(`  ${c.dim('note:')} ${oneLine(shownMessage(r.message))} (${shownPath(file.path)}:${rp.line}:${rp.column})`);
    lines.push(codeFrame(file, r.span, { ...frame, contextLines: 0 }));
  }
  return lines.join('\n');
}

/**
 * A diagnostic's message as every format prints it: masked as its code frame is ({@link maskCredentialsKeepingColumns}),
 * since a message may quote what the frame hides — a run's error quoting a value that a server echoed from the
 * connection's token (`toLong: "Bearer sk_live_…" is not a number`), a URL with its `?key=…`.
 */
export function shownMessage(message: string): string {
  const masked = maskCredentialsKeepingColumns(message);
  if (masked === message) return message;
  // A message keeps no columns: each secret is `****`, whatever its length (one `*` a character told how long it was).
  let out = '';
  for (let i = 0; i < masked.length; i++) {
    const hidden = masked[i] === '*' && message[i] !== '*';
    if (!hidden) out += masked[i];
    else if (!(i > 0 && masked[i - 1] === '*' && message[i - 1] !== '*')) out += '****';
  }
  return out;
}

/**
 * A file's name as a terminal shows it: its control characters as their pictures (a name holding an escape sequence
 * set the terminal's title or cleared its screen; one holding a line break split the `file:line:col` line).
 */
export function shownPath(path: string): string {
  // (C1 controls too: U+009B is a terminal's CSI.)
  return oneLine(path).replace(/[\u0080-\u009f]/g, '\ufffd');
}

/**
 * A message on its header line: a message that quotes the script's text (a URL's module, an id) may quote a line
 * break from a string's escapes, which would split the line; it shows as ␊, as other control characters show.
 */
function oneLine(message: string): string {
  return controlPictures(message).replace(/\n/g, '\u240a');
}

/** A code frame's `maskLine` that also shows the characters of `span` as `*` (a quote around them kept). */
function spanMasker(file: SourceFile, span: Span): (line: string, lineNumber: number) => string {
  const start = file.position(span.start);
  const end = file.position(span.end);
  return (line, lineNumber) => maskCredentialsKeepingColumns(maskSpan(start, end, line, lineNumber));
}

/** `line` (line `lineNumber` of the file) with the characters between `start` and `end` on it as `*`. */
function maskSpan(start: Position, end: Position, line: string, lineNumber: number): string {
  if (lineNumber < start.line || lineNumber > end.line) return line;
  const chars = [...line];
  const from = lineNumber === start.line ? start.column - 1 : 0;
  const to = lineNumber === end.line ? end.column - 1 : chars.length;
  for (let i = from; i < to; i++) {
    const quote = (i === from && lineNumber === start.line) || (i === to - 1 && lineNumber === end.line);
    if (!(quote && (chars[i] === '"' || chars[i] === "'"))) chars[i] = '*';
  }
  return chars.join('');
}

export function renderStylish(results: readonly FileDiagnostics[], options: StylishOptions = {}): string {
  const c = colours(options.colour ?? false);
  const blocks: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      blocks.push(renderDiagnostic(file, d, options));
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  if (errors + warnings === 0) return '';
  const summary = `Found ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(results.filter((r) => r.diagnostics.length).length, 'file')}.`;
  return `${blocks.join('\n\n')}\n\n${errors ? c.red(summary) : c.yellow(summary)}\n`;
}

/** `1 error`, `2 errors`: a count and its noun (an `s` for the plural). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function colours(on: boolean) {
  const wrap = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}
