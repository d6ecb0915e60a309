import { firstAtOrAfter } from '../sorted.js';
import { SourceFile } from '../source/source-file.js';
import { type NormaliseOptions, normaliseDocsSample } from './docs-sample.js';

export type SampleKind = 'deluge' | 'curl';

export interface Sample {
  readonly kind: SampleKind;
  /** 1-based, in page order, across both kinds. */
  readonly n: number;
  /** The 1-based line of the page where the sample's code starts. */
  readonly line: number;
  /**
   * The sample with the page's artefacts removed (`Copied`, typographic quotes; in Deluge also markdown escapes: a curl
   * sample keeps the `\` at its line ends, the shell's line continuations).
   */
  readonly text: string;
}

interface Block {
  readonly lang: string;
  readonly body: string;
  readonly offset: number;
}

/**
 * A block's text without the page's artefacts, leading blank lines and trailing white space. A curl sample keeps the
 * `\` at its line ends (the shell's continuations); its typographic quotes outside straight-quoted strings become
 * straight ones as in Deluge: outside quotes the shell would take `“` as part of a word, which no sample means.
 */
function clean(body: string, options?: NormaliseOptions): string {
  return normaliseDocsSample(body, options).text.replace(/^\s*\n/, '').replace(/\s+$/, '') + '\n';
}

/** Every Deluge and curl sample of a docs page saved as Markdown or HTML. */
export function extractSamples(page: string): Sample[] {
  const blocks = /<(pre|code)[\s>]/i.test(page) && !/^```/m.test(page) ? htmlBlocks(page) : markdownBlocks(page);
  const samples: Sample[] = [];
  // (Lines from the file's index: counting from the page's start for each sample grew with the square of its size.)
  const file = new SourceFile('page', page);
  for (const block of blocks) {
    // Classified with every `\` kept: a curl sample's line ends are its continuations, not the page's escapes.
    const shell = clean(block.body, { keepLineEndBackslashes: true });
    const kind = classify(block.lang, shell);
    if (!kind) continue;
    const text = kind === 'curl' ? shell : clean(block.body);
    const firstCode = block.offset + (block.body.length - block.body.replace(/^\s*/, '').length);
    samples.push({ kind, n: samples.length + 1, line: file.position(firstCode).line, text });
  }
  return samples;
}

/**
 * Fenced blocks: a line of three or more backticks or tildes (the whole run, and a language), up to the next line of the same
 * indentation and fence alone; a fence never closed is not a block. Line by line, each fence's closing lines looked up
 * (a regular expression searching on to the end for each fence left open grew with the square of the page).
 */
export function markdownBlocks(page: string): Block[] {
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start <= page.length; ) {
    const end = page.indexOf('\n', start);
    const stop = end < 0 ? page.length : end;
    lines.push({ start, text: page.slice(start, page.charCodeAt(stop - 1) === 13 ? stop - 1 : stop) });
    if (end < 0) break;
    start = end + 1;
  }
  // The lines that can close a fence, by indentation and fence, in order.
  const closers = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const m = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/.exec(line.text);
    if (!m) return;
    const found = closers.get(m[1]! + m[2]!);
    if (found) found.push(i);
    else closers.set(m[1]! + m[2]!, [i]);
  });
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    const open = /^([ \t]*)(`{3,}|~{3,})[ \t]*([\w+-]*)/.exec(lines[i]!.text);
    if (!open) continue;
    const candidates = closers.get(open[1]! + open[2]!) ?? [];
    const close = candidates[firstAtOrAfter(candidates, i + 1)];
    if (close === undefined) continue;
    const bodyStart = lines[i + 1]!.start;
    blocks.push({ lang: (open[3] ?? '').toLowerCase(), body: page.slice(bodyStart, lines[close]!.start), offset: bodyStart });
    i = close;
  }
  return blocks;
}

const LANG_ATTRIBUTE = /(?:lang(?:uage)?-|data-lang=")([\w+-]+)/i;

/**
 * Samples of an HTML page: each <pre> (with or without a <code> inside), and any <code> outside a <pre> that
 * spans lines; one-line <code> in prose is not a sample.
 */
function htmlBlocks(page: string): Block[] {
  const blocks: Block[] = [];
  const preRanges: [number, number][] = [];
  // Searched only up to the last closing tag: a tag never closed made each search run on to the page's end.
  const withPre = page.slice(0, endOfLast(page, /<\/pre>/gi));
  const pre = /<pre\b([^>]*)>([\s\S]*?)<\/pre>/gi;
  for (let m = pre.exec(withPre); m; m = pre.exec(withPre)) {
    preRanges.push([m.index, m.index + m[0].length]);
    const innerStart = m.index + m[0].indexOf('>') + 1;
    const code = /<code\b([^>]*)>([\s\S]*?)<\/code>/i.exec(m[2] ?? '');
    if (code) {
      const lang = LANG_ATTRIBUTE.exec(code[1] ?? '')?.[1] ?? LANG_ATTRIBUTE.exec(m[1] ?? '')?.[1] ?? '';
      const bodyStart = innerStart + code.index + code[0].indexOf('>') + 1;
      blocks.push({ lang: lang.toLowerCase(), body: decodeHtml(stripTags(code[2] ?? '')), offset: bodyStart });
    } else {
      const lang = LANG_ATTRIBUTE.exec(m[1] ?? '')?.[1] ?? '';
      blocks.push({ lang: lang.toLowerCase(), body: decodeHtml(stripTags(m[2] ?? '')), offset: innerStart });
    }
  }
  const withCode = page.slice(0, endOfLast(page, /<\/code>/gi));
  const code = /<code\b([^>]*)>([\s\S]*?)<\/code>/gi;
  for (let m = code.exec(withCode); m; m = code.exec(withCode)) {
    const at = m.index;
    if (preRanges.some(([from, to]) => at >= from && at < to) || !/\n/.test((m[2] ?? '').trim())) continue;
    const lang = LANG_ATTRIBUTE.exec(m[1] ?? '')?.[1] ?? '';
    blocks.push({ lang: lang.toLowerCase(), body: decodeHtml(stripTags(m[2] ?? '')), offset: at + m[0].indexOf('>') + 1 });
  }
  return blocks.sort((a, b) => a.offset - b.offset);
}

/** Where the last match of a global pattern ends (0 when there is none). */
function endOfLast(text: string, pattern: RegExp): number {
  let end = 0;
  for (const m of text.matchAll(pattern)) end = m.index + m[0].length;
  return end;
}

function stripTags(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

function classify(lang: string, text: string): SampleKind | undefined {
  const trimmed = text.trimStart();
  if (lang === 'curl' || /^curl\s/.test(trimmed)) return 'curl';
  if (lang === 'json' || /^[[{]/.test(trimmed)) return undefined;
  if (lang === 'deluge' || lang === 'dg') return 'deluge';
  if (['bash', 'sh', 'shell', 'python', 'java', 'javascript', 'js', 'php', 'ruby', 'csharp', 'go', 'xml', 'html'].includes(lang)) {
    return undefined;
  }
  // An unlabelled block: Deluge if it reads like statements of Deluge; a statement may end in a comment, as the help's
  // `response = hexToText("5a6f…"); // Returns Zoho Creator` does.
  return /\binvokeurl\b|\binfo\s|\bzoho\.\w+\.|\bfor each\b|;\s*(\/\/.*)?$/im.test(text) && !/^\s*(HTTP\/|<)/.test(text) ? 'deluge' : undefined;
}

