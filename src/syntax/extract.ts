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
  for (const block of blocks) {
    const text = normaliseDocsSample(block.body).text.replace(/^\s*\n/, '').replace(/\s+$/, '') + '\n';
    const kind = classify(block.lang, text);
    if (!kind) continue;
    const firstCode = block.offset + (block.body.length - block.body.replace(/^\s*/, '').length);
    samples.push({ kind, n: samples.length + 1, line: lineOf(page, firstCode), text });
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

function htmlBlocks(page: string): Block[] {
  const blocks: Block[] = [];
  const tag = /<(pre|code)\b([^>]*)>([\s\S]*?)<\/\1>/gi;
  for (let m = tag.exec(page); m; m = tag.exec(page)) {
    const attrs = m[2] ?? '';
    const lang = /(?:lang(?:uage)?-|data-lang=")([\w+-]+)/i.exec(attrs)?.[1] ?? '';
    const inner = m[3] ?? '';
    // A <code> inside a <pre> is the same sample: take the innermost text once.
    if (m[1]!.toLowerCase() === 'pre' && /<code\b/i.test(inner)) {
      const code = /<code\b([^>]*)>([\s\S]*?)<\/code>/i.exec(inner);
      if (code) {
        const innerLang = /(?:lang(?:uage)?-|data-lang=")([\w+-]+)/i.exec(code[1] ?? '')?.[1] ?? lang;
        blocks.push({ lang: innerLang.toLowerCase(), body: decodeHtml(stripTags(code[2] ?? '')), offset: m.index + m[0].indexOf(code[0]) });
        continue;
      }
    }
    blocks.push({ lang: lang.toLowerCase(), body: decodeHtml(stripTags(inner)), offset: m.index + m[0].indexOf('>') + 1 });
  }
  return blocks;
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
  // An unlabelled block: Deluge if it reads like statements of Deluge.
  return /\binvokeurl\b|\binfo\s|\bzoho\.\w+\.|\bfor each\b|;\s*$/im.test(text) && !/^\s*(HTTP\/|<)/.test(text) ? 'deluge' : undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
