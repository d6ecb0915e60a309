import markdownIt from 'markdown-it';
import { type DefaultTreeAdapterTypes as Html, parse as parseHtml, parseFragment as parseHtmlFragment } from 'parse5';
import { type NormaliseOptions, normaliseDocsSample } from './docs-sample.js';

export type SampleKind = 'deluge' | 'curl';

/** How a page is read: as CommonMark (its HTML blocks included) or as an HTML document. */
export type PageType = 'markdown' | 'html';

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

export interface ExtractOptions {
  /** Read the page as this; by default as {@link pageType} tells from the text. */
  readonly as?: PageType;
}

interface Block {
  readonly lang: string;
  readonly body: string;
  /** The 1-based page line of the body's first character that is not white space. */
  readonly line: number;
}

/**
 * How to read a page: by its file name's extension (`.md`, `.markdown`, `.mdx`; `.html`, `.htm`, `.xhtml`), else
 * (standard input, another extension) from its start: an HTML document opens, after white space, a byte order mark
 * and comments, with `<!doctype`, `<html`, `<head`, `<body`, `<meta` or `<?xml`. Anything else is Markdown, whose
 * HTML blocks (a pasted `<pre>…</pre>`) are read as HTML all the same.
 */
export function pageType(page: string, fileName?: string): PageType {
  if (fileName && /\.(?:md|markdown|mdx)$/i.test(fileName)) return 'markdown';
  if (fileName && /\.(?:html?|xhtml)$/i.test(fileName)) return 'html';
  let at = /^[\s\uFEFF]*/.exec(page)![0].length;
  while (page.startsWith('<!--', at)) {
    const end = page.indexOf('-->', at + 4);
    if (end < 0) break;
    at = end + 3 + /^\s*/.exec(page.slice(end + 3, end + 3 + 4096))![0].length;
  }
  return /^<(?:!doctype|html|head|body|meta|\?xml)[\s/>]/i.test(page.slice(at, at + 16)) ? 'html' : 'markdown';
}

/**
 * A block's text without the page's artefacts, leading blank lines and trailing white space. A curl sample keeps the
 * `\` at its line ends (the shell's continuations); its typographic quotes outside straight-quoted strings become
 * straight ones as in Deluge: outside quotes the shell would take `“` as part of a word, which no sample means.
 */
function clean(body: string, options?: NormaliseOptions): string {
  return normaliseDocsSample(body, options).text.replace(/^\s*\n/, '').replace(/\s+$/, '') + '\n';
}

/**
 * Every Deluge and curl sample of a docs page saved as Markdown or HTML. Markdown is read by markdown-it (CommonMark:
 * fenced and indented code blocks, in block quotes and list items too, and HTML blocks), HTML by parse5 (the WHATWG
 * parser: comments, `<script>`, `<style>` and `<textarea>` hold no samples; character references decoded as a
 * browser decodes them).
 */
export function extractSamples(page: string, options: ExtractOptions = {}): Sample[] {
  const blocks = (options.as ?? pageType(page)) === 'html' ? htmlBlocks(parseHtml(page, LOCATIONS), page, 0) : markdownBlocks(page);
  const samples: Sample[] = [];
  for (const block of blocks) {
    // Classified with every `\` kept: a curl sample's line ends are its continuations, not the page's escapes.
    const shell = clean(block.body, { keepLineEndBackslashes: true });
    const kind = classify(block.lang, shell);
    if (!kind) continue;
    const text = kind === 'curl' ? withLineContinuations(shell) : clean(block.body);
    samples.push({ kind, n: samples.length + 1, line: block.line, text });
  }
  return samples;
}

/**
 * A curl sample with the `\` a shell needs at the end of each line that the next continues: Zoho's pages print the
 * options of a command on lines of their own without one (`curl "…"` then `-X DELETE`), which a shell runs as a bare
 * GET and then fails on `-X`. A line that begins with an option (`-`), or a URL, continues the one above unless that
 * line is blank or ends inside quotes (a body written over several lines).
 */
function withLineContinuations(sample: string): string {
  const lines = sample.split('\n');
  let quote: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const previous = i > 0 ? lines[i - 1]!.trimEnd() : '';
    const next = lines[i]!.trimStart();
    if (quote === undefined && previous !== '' && !previous.endsWith('\\') && (next.startsWith('-') || /^["']?https?:\/\//i.test(next))) {
      lines[i - 1] = `${previous} \\`;
    }
    quote = quoteOpenAfter(lines[i]!, quote);
  }
  return lines.join('\n');
}

/** The quote a shell is inside of at the end of `line`, given the one it was inside of at its start. */
function quoteOpenAfter(line: string, open: string | undefined): string | undefined {
  let quote = open;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') {
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      break;
    }
  }
  return quote;
}

const LOCATIONS = { sourceCodeLocationInfo: true } as const;

let markdownParser: ReturnType<typeof markdownIt> | undefined;

/**
 * The code blocks of a Markdown page: fenced (the info string's first word the language) and indented, wherever
 * CommonMark finds them (in block quotes and list items, their markers and indentation taken off), and the `<pre>`
 * and multi-line `<code>` of its HTML blocks.
 */
function markdownBlocks(page: string): Block[] {
  markdownParser ??= markdownIt('commonmark');
  const blocks: Block[] = [];
  // markdown-it does not take a byte order mark for white space; it is on the first line, so no line moves.
  for (const token of markdownParser.parse(page.replace(/^\uFEFF/, ''), {})) {
    if (!token.map) continue;
    if (token.type === 'fence') {
      // `deluge`, `Deluge title="…"`, `{.deluge}`, `language-deluge`.
      const lang = /^\{?\.?(?:language-)?([\w+-]*)/.exec(token.info.trim())?.[1] ?? '';
      blocks.push({ lang: lang.toLowerCase(), body: token.content, line: token.map[0] + 2 + leadingLines(token.content) });
    } else if (token.type === 'code_block') {
      blocks.push({ lang: '', body: token.content, line: token.map[0] + 1 + leadingLines(token.content) });
    } else if (token.type === 'html_block') {
      blocks.push(...htmlBlocks(parseHtmlFragment(token.content, LOCATIONS), token.content, token.map[0]));
    }
  }
  return blocks;
}

/** How many line breaks the white space at the start of a text holds. */
function leadingLines(text: string): number {
  return /^\s*/.exec(text)![0].split('\n').length - 1;
}

const LANG_ATTRIBUTE = /(?:lang(?:uage)?-|data-lang=")([\w+-]+)/i;

/** Elements whose content is no sample: not shown (`<template>`, `<script>`), or text to edit (`<textarea>`). */
const NOT_SHOWN = new Set(['script', 'style', 'template', 'textarea', 'noscript', 'title', 'iframe', 'noembed', 'noframes', 'svg', 'math']);

/**
 * Samples of parsed HTML: each <pre> (its first <code>, when it has one), and any <code> outside a <pre> that spans
 * lines; one-line <code> in prose is not a sample. `source` is the text parsed, whose first line is the page's line
 * `lineBase + 1`. (The trees are walked without recursion: unclosed tags nest as deep as the page is long.)
 */
function htmlBlocks(root: Html.ParentNode, source: string, lineBase: number): Block[] {
  const blocks: Block[] = [];
  const add = (element: Html.Element, body: string, lang: string) => {
    const line = firstCodeLine(element, source);
    if (line !== undefined) blocks.push({ lang: lang.toLowerCase(), body, line: lineBase + line });
  };
  // The elements of the page in order; a <pre> or <code> is taken whole, its inside not searched on.
  for (const node of shown(root, (element) => element.tagName !== 'pre' && element.tagName !== 'code')) {
    if (!('tagName' in node)) continue;
    if (node.tagName === 'pre') {
      const code = firstCode(node);
      add(code ?? node, textOf(code ?? node), langOf(code) ?? langOf(node) ?? '');
    } else if (node.tagName === 'code') {
      const text = textOf(node);
      if (text.trim().includes('\n')) add(node, text, langOf(node) ?? '');
    }
  }
  return blocks;
}

/**
 * The nodes under `root` a reader sees, in document order: not the content of elements not shown (`<script>`,
 * `<template>`, `<textarea>`…), nor that of elements `enter` refuses.
 */
function* shown(root: Html.ParentNode, enter: (element: Html.Element) => boolean = () => true): Generator<Html.ChildNode, undefined, undefined> {
  const stack = [...root.childNodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('tagName' in node && NOT_SHOWN.has(node.tagName)) continue;
    yield node;
    if ('tagName' in node && enter(node)) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return undefined;
}

function firstCode(pre: Html.Element): Html.Element | undefined {
  for (const node of shown(pre)) if ('tagName' in node && node.tagName === 'code') return node;
  return undefined;
}

function langOf(element: Html.Element | undefined): string | undefined {
  return element && LANG_ATTRIBUTE.exec(element.attrs.map((a) => `${a.name}="${a.value}"`).join(' '))?.[1];
}

/** An element's text as shown: its text nodes, a `<br>` a line break. */
function textOf(element: Html.Element): string {
  let text = '';
  for (const node of shown(element)) {
    if (node.nodeName === '#text') text += (node as Html.TextNode).value;
    else if (node.nodeName === 'br') text += '\n';
  }
  return text;
}

/** The 1-based line of `source` where an element's first text that is not white space starts. */
function firstCodeLine(element: Html.Element, source: string): number | undefined {
  for (const node of shown(element)) {
    if (node.nodeName !== '#text') continue;
    const location = (node as Html.TextNode).sourceCodeLocation;
    if (!location || !/\S/.test((node as Html.TextNode).value)) continue;
    let line = location.startLine;
    for (let at = location.startOffset; at < location.endOffset && /\s/.test(source[at]!); at++) if (source[at] === '\n') line++;
    return line;
  }
  return undefined;
}

function classify(lang: string, text: string): SampleKind | undefined {
  const trimmed = text.trimStart();
  if (lang === 'curl' || /^curl\s/.test(trimmed)) return 'curl';
  if (lang === 'json' || /^[[{]/.test(trimmed)) return undefined;
  if (lang === 'deluge' || lang === 'dg') return 'deluge';
  if (lang === 'javascript' || lang === 'js') return DELUGE_ONLY.test(text) ? 'deluge' : undefined;
  if (['bash', 'sh', 'shell', 'python', 'java', 'php', 'ruby', 'csharp', 'go', 'xml', 'html'].includes(lang)) return undefined;
  // An unlabelled block: Deluge if it reads like statements of Deluge; a statement may end in a comment, as the help's
  // `response = hexToText("5a6f…"); // Returns Zoho Creator` does. A loop is `for each x in`: prose and flow charts
  // say "For each record:".
  return /\binvokeurl\b|\binfo\s|\bzoho\.\w+\.|\bfor each\s+\w+\s+in\b|;\s*(\/\/.*)?$/im.test(text) && !/^\s*(HTTP\/|<)/.test(text) ? 'deluge' : undefined;
}

/**
 * What only Deluge writes: a `for each x in` loop, an `invokeurl [` task, a `zoho.<service>.<task>(` call in Deluge's
 * lower case (a widget's JavaScript calls `ZOHO.CRM.API…`). GitHub highlights no Deluge, so READMEs label their Deluge
 * `javascript` or `js`: such a block is a sample when it holds one of these.
 */
const DELUGE_ONLY = /\bfor each\s+\w+\s+in\b|\binvokeurl\s*\[|\bzoho\.[a-z]+\.[a-z]\w*\s*\(/;
