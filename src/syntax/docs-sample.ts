/**
 * Text copied from Zoho's docs pages carries artefacts: a leading `Copied` (the copy button's label), markdown
 * escapes (`[\` and a `\` at line ends; `\[`, `\_` and the like in a page's markdown copy), typographic quotes and
 * non-breaking spaces. `normaliseDocsSample` removes them and keeps a map from every offset of the clean text back to
 * the text as given, so diagnostics still point at what the user pasted.
 */
export interface NormalisedText {
  readonly text: string;
  /** `toOriginal(offset)` maps an offset of `text` to the offset of the same character in the input. */
  readonly toOriginal: (offset: number) => number;
  /** Whether anything was changed. */
  readonly changed: boolean;
}

const SMART_DOUBLE = new Set(['“', '”', '„']);
const SMART_SINGLE = new Set(['‘', '’']);

function straightened(c: string): string {
  return SMART_DOUBLE.has(c) ? '"' : SMART_SINGLE.has(c) ? "'" : c;
}

/**
 * Heuristic for `--docs` auto-detection: the copy button's label, markdown-escaped line ends, or the escapes of a page's
 * markdown copy (a task's `\[` on a line of its own, `\_` inside a name).
 */
export function looksLikeDocsSample(text: string): boolean {
  if (/^\s*Copied/.test(text)) return true;
  const escapedEnds = text.match(/\\\r?\n/g)?.length ?? 0;
  return /\[\\\r?\n/.test(text) || escapedEnds >= 2 || isMarkdownCopy(text);
}

/**
 * A page's markdown copy: a task's `\[` on a line of its own, or `\_` inside a name. Only there are the other escapes
 * of markdown (`\]`, `\_`, …) taken out; a sample copied from the page itself keeps its backslashes (in comments, say).
 */
function isMarkdownCopy(text: string): boolean {
  return /^\s*\\\[\s*$/m.test(text) || /\w\\_\w/.test(text);
}

/**
 * The ASCII punctuation markdown lets a `\` escape. Outside a text Deluge has no `\` at all, so one before these is the
 * markdown copy's (`parameters\_data`, `\[`, `\]`), and dropping it loses nothing.
 */
const MARKDOWN_ESCAPABLE = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

export interface NormaliseOptions {
  /**
   * Keep a `\` at a line end. In a Deluge sample it is a markdown escape the page added; in a shell sample (curl) it is
   * the command's line continuation, and dropping it would split one command into several.
   */
  readonly keepLineEndBackslashes?: boolean;
}

export function normaliseDocsSample(input: string, options: NormaliseOptions = {}): NormalisedText {
  const out: string[] = [];
  const origin: number[] = [];
  const emit = (s: string, at: number) => {
    out.push(s);
    origin.push(at);
  };
  let i = 0;
  const lead = /^\s*Copied/.exec(input);
  if (lead) {
    for (let k = 0; k < lead[0].length - 'Copied'.length; k++) emit(input[k]!, k);
    i = lead[0].length;
  }
  const markdownCopy = isMarkdownCopy(input);
  let quote: '"' | "'" | undefined;
  // Whether the open quote is typographic: the page set the whole text in its typography, so a straight quote of the
  // other kind inside is the text's own (`“it's”`), and a typographic one is straightened like its delimiters.
  let typographic = false;
  for (; i < input.length; i++) {
    const c = input[i]!;
    // A markdown escape at a line end: drop the backslash, keep the line break.
    if (c === '\\' && !options.keepLineEndBackslashes && (input[i + 1] === '\n' || (input[i + 1] === '\r' && input[i + 2] === '\n'))) continue;
    if (quote) {
      // `\_` inside a text is the markdown copy's too (`organisation\_id` in a URL); as a pattern it matches what `_`
      // matches, so no regular expression changes.
      if (markdownCopy && c === '\\' && input[i + 1] === '_') continue;
      if (c === '\\' && i + 1 < input.length) {
        emit(c, i);
        emit(input[i + 1]!, i + 1);
        i++;
        continue;
      }
      const shown = typographic ? straightened(c) : c;
      if (shown === quote || c === '\n') quote = undefined;
      emit(shown, i);
      continue;
    }
    if (markdownCopy && c === '\\' && MARKDOWN_ESCAPABLE.has(input[i + 1] ?? '')) continue;
    if (c === '"' || c === "'") [quote, typographic] = [c, false];
    if (SMART_DOUBLE.has(c) || SMART_SINGLE.has(c)) [quote, typographic] = [straightened(c) as '"' | "'", true];
    if (SMART_DOUBLE.has(c)) emit('"', i);
    else if (SMART_SINGLE.has(c)) emit("'", i);
    else if (c === '\u00a0' || c === '\u2007' || c === '\u202f') emit(' ', i);
    else if (c === '\u200b' || c === '\ufeff') continue;
    else emit(c, i);
  }
  const text = out.join('');
  return {
    text,
    changed: text !== input,
    toOriginal: (offset) => (offset >= origin.length ? input.length : origin[Math.max(0, offset)]!),
  };
}
