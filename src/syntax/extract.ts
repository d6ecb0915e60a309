import { SourceFile } from '../source/source-file.js';
import { normaliseDocsSample } from './docs-sample.js';

export type SampleKind = 'deluge' | 'curl';

export interface Sample {
  readonly kind: SampleKind;
  /** 1-based, in page order, across both kinds. */
  readonly n: number;
  /** The 1-based line of the page where the sample's code starts. */
  readonly line: number;
  /** The sample with the page's artefacts removed (`Copied`, markdown escapes, typographic quotes). */
  readonly text: string;
}

interface Block {
  readonly lang: string;
  readonly body: string;
  readonly offset: number;
}

/** Every Deluge and curl sample of a docs page saved as Markdown or HTML. */
export function extractSamples(page: string): Sample[] {
  const blocks = /<(pre|code)[\s>]/i.test(page) && !/^```/m.test(page) ? htmlBlocks(page) : markdownBlocks(page);
  const samples: Sample[] = [];
  // (Lines from the file's index: counting from the page's start for each sample grew with the square of its size.)
  const file = new SourceFile('page', page);
  for (const block of blocks) {
    const text = normaliseDocsSample(block.body).text.replace(/^\s*\n/, '').replace(/\s+$/, '') + '\n';
    const kind = classify(block.lang, text);
    if (!kind) continue;
    const firstCode = block.offset + (block.body.length - block.body.replace(/^\s*/, '').length);
    samples.push({ kind, n: samples.length + 1, line: file.position(firstCode).line, text });
  }
  return samples;
}

function markdownBlocks(page: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^([ \t]*)(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm;
  for (let m = fence.exec(page); m; m = fence.exec(page)) {
    blocks.push({ lang: (m[3] ?? '').toLowerCase(), body: m[4] ?? '', offset: m.index + m[0].indexOf('\n') + 1 });
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
  const pre = /<pre\b([^>]*)>([\s\S]*?)<\/pre>/gi;
  for (let m = pre.exec(page); m; m = pre.exec(page)) {
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
  const code = /<code\b([^>]*)>([\s\S]*?)<\/code>/gi;
  for (let m = code.exec(page); m; m = code.exec(page)) {
    const at = m.index;
    if (preRanges.some(([from, to]) => at >= from && at < to) || !/\n/.test((m[2] ?? '').trim())) continue;
    const lang = LANG_ATTRIBUTE.exec(m[1] ?? '')?.[1] ?? '';
    blocks.push({ lang: lang.toLowerCase(), body: decodeHtml(stripTags(m[2] ?? '')), offset: at + m[0].indexOf('>') + 1 });
  }
  return blocks.sort((a, b) => a.offset - b.offset);
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

