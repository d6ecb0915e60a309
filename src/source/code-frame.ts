import stringWidth from 'string-width';
import type { SourceFile } from './source-file.js';
import type { Span } from './span.js';

export interface CodeFrameOptions {
  /** Lines of context shown before the first line of the span. */
  readonly contextLines?: number;
  readonly colour?: boolean;
  /** Text printed under the caret line, e.g. a label. */
  readonly label?: string;
  /** Applied to each source line shown (masking secrets), with its number; must keep the line's length. */
  readonly maskLine?: (line: string, lineNumber: number) => string;
}

/**
 * Renders the lines of `span` with a gutter and a caret underline, Ruff/rustc style:
 *
 *   3 | x = 1
 *     |     ^
 */
export function codeFrame(file: SourceFile, target: Span, options: CodeFrameOptions = {}): string {
  const context = options.contextLines ?? 1;
  const red = options.colour ? (s: string) => `\x1b[31m${s}\x1b[39m` : (s: string) => s;
  const dim = options.colour ? (s: string) => `\x1b[2m${s}\x1b[22m` : (s: string) => s;
  const start = file.position(target.start);
  let end = file.position(Math.max(target.start, target.end));
  // A span that ends right after a line break ends on the previous line: do not underline the next one.
  if (end.line > start.line && end.column === 1) end = { line: end.line - 1, column: [...file.lineText(end.line - 1)].length + 1 };
  const lastLine = Math.min(end.line, start.line + 4);
  const firstLine = Math.max(1, start.line - context);
  const width = String(lastLine).length;
  const out: string[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    const chars = shownLine(file, line, options.maskLine);
    // A long line (minified JSON, a 1 MB one-liner) is shown as a window of it around where the span starts.
    const lo = chars.length > MAX_FRAME_WIDTH ? Math.max(0, Math.min(start.column - 1 - WINDOW_LEAD, chars.length - MAX_FRAME_WIDTH)) : 0;
    const hi = Math.min(chars.length, lo + MAX_FRAME_WIDTH);
    const text = `${lo > 0 ? '…' : ''}${chars.slice(lo, hi).join('')}${hi < chars.length ? '…' : ''}`;
    out.push(`${dim(`${String(line).padStart(width)} |`)}${text ? ' ' + text : ''}`);
    if (line < start.line) continue;
    const clamp = (index: number) => Math.min(hi, Math.max(lo, index));
    const from = clamp((line === start.line ? start.column : 1) - 1);
    const to = clamp((line === end.line ? end.column : chars.length + 1) - 1);
    // Columns count code points; a terminal gives wide characters (CJK, emoji) two cells: the carets go by cells.
    const before = (lo > 0 ? 1 : 0) + stringWidth(chars.slice(lo, from).join(''));
    const carets = Math.max(1, stringWidth(chars.slice(from, to).join('')));
    const label = line === lastLine && options.label ? ` ${options.label}` : '';
    out.push(`${dim(`${' '.repeat(width)} |`)} ${' '.repeat(before)}${red('^'.repeat(carets))}${label}`);
  }
  return out.join('\n');
}

/**
 * A line as frames show it (masked, tabs and control characters replaced), by code point. The last few are kept:
 * diagnostics come sorted, and the many findings of one long line (a minified one-liner) would each mask and split
 * the whole line again, and the line above it shown for context (one line kept was taken turn about by the two: 4,000
 * findings on a 30 KB line took 7 s).
 */
let shownLines: { file: SourceFile; mask: CodeFrameOptions['maskLine']; lines: Map<number, string[]> } | undefined;
const LINES_KEPT = 8;
function shownLine(file: SourceFile, line: number, mask: CodeFrameOptions['maskLine']): string[] {
  if (shownLines?.file !== file || shownLines.mask !== mask) shownLines = { file, mask, lines: new Map() };
  const kept = shownLines.lines.get(line);
  if (kept) return kept;
  const chars = [...expandTabs(mask ? mask(file.lineText(line), line) : file.lineText(line))];
  if (shownLines.lines.size >= LINES_KEPT) shownLines.lines.clear();
  shownLines.lines.set(line, chars);
  return chars;
}

/** The most characters of a line a frame shows, and how many of them come before the span's start in a long line. */
const MAX_FRAME_WIDTH = 160;
const WINDOW_LEAD = 60;

// Tabs count as one column; print them as one space so carets line up.
// Other control characters as their Unicode pictures (ESC as ␛): a script's raw escape sequences must not reach the
// terminal or the CI log as commands (colours, cursor moves, a cleared screen). One cell each, so carets line up.
function expandTabs(line: string): string {
  return controlPictures(line.replace(/\t/g, ' '));
}

/**
 * Control characters (but tab and line feed) as their Unicode pictures: ESC as ␛, DEL as ␡. The bidirectional
 * controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) as U+FFFD, one cell each: shown raw, they reorder
 * the line the terminal or CI log prints ("Trojan Source"), so that code reads otherwise than it runs.
 */
export function controlPictures(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(BIDI_CONTROLS, '\ufffd');
}

/** The bidirectional controls, as a character class's contents (the lexer names them by code point too). */
export const BIDI_CONTROL_CHARACTERS = '\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c';
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CHARACTERS}]`, 'g');
