import type { Span } from './span.js';

/** 1-based line and column; columns count Unicode code points (a tab is one column). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

const BOM = 0xfeff;

/**
 * A source text with a lazily built line index. Line breaks are `\r\n`, `\n` or a lone `\r`.
 * A leading byte-order mark is not counted as a column, so positions match what editors show.
 */
export class SourceFile {
  private lineStarts: number[] | undefined;
  /** Whether the text has a surrogate: without one, a column is an offset within the line (no counting). */
  private surrogates: boolean | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    /**
     * The credentials in `text` are masked already (a configuration file as its code frames show it): frames print it
     * as it is, without the masking meant for Deluge source.
     */
    readonly credentialsMasked = false,
  ) {}

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [this.text.charCodeAt(0) === BOM ? 1 : 0];
    const text = this.text;
    if (!text.includes('\r')) {
      // The usual text: only `\n` breaks, found by the engine's own search rather than a character at a time.
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
      this.lineStarts = starts;
      return starts;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** The 0-based index of the line holding `offset`. */
  private lineIndex(offset: number): number {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const index = this.lineIndex(clamped);
    const start = this.starts()[index]!;
    const from = Math.min(start, clamped);
    // (Counting from the line's start at every call made many positions on one long line quadratic.)
    this.surrogates ??= /[\ud800-\udfff]/.test(this.text);
    return { line: index + 1, column: (this.surrogates ? codePointCount(this.text, from, clamped) : clamped - from) + 1 };
  }

  /** The offset where the line holding `offset` begins. */
  lineStartOf(offset: number): number {
    return this.starts()[this.lineIndex(Math.max(0, Math.min(offset, this.text.length)))]!;
  }

  /** The offset where a 1-based line begins (the text's length past the last line). */
  lineStart(line: number): number {
    return this.starts()[line - 1] ?? this.text.length;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    let end = line < starts.length ? starts[line]! : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }

  slice(s: Span): string {
    return this.text.slice(s.start, s.end);
  }
}

function codePointCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
