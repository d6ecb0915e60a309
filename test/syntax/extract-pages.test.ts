/**
 * Docs pages and the samples `extractSamples` must find in them: each page in fixtures/extract/ (Markdown or HTML,
 * read as its extension says) beside `<page>.json`, the samples expected, in order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSamples, pageType, type Sample } from '../../src/index.js';

const DIR = new URL('./fixtures/extract/', import.meta.url);
const pages = readdirSync(DIR).filter((name) => !name.endsWith('.json'));

describe('the samples of the docs pages in fixtures/extract', () => {
  it.each(pages)('%s', (name) => {
    const page = readFileSync(new URL(name, DIR), 'utf8');
    const expected = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Sample[];
    expect(extractSamples(page, { as: pageType(page, name) })).toEqual(expected);
  });
});

describe('pageType', () => {
  it('goes by the file name’s extension, whatever the page holds', () => {
    const html = '<pre>\n```\nnot deluge\n```\n</pre>\n';
    const markdown = 'Use the <code>ids</code> parameter.\n\n~~~\ninfo "tilde";\n~~~\n';
    expect(['a.md', 'a.MARKDOWN', 'a.mdx'].map((name) => pageType(html, name))).toEqual(['markdown', 'markdown', 'markdown']);
    expect(['a.html', 'a.HTM', 'a.xhtml'].map((name) => pageType(markdown, name))).toEqual(['html', 'html', 'html']);
  });

  it('without one, takes a page that opens as an HTML document for HTML, anything else for Markdown', () => {
    for (const start of ['<!DOCTYPE html>', '\uFEFF  <html lang="en">', '<head>', '<BODY>', '<?xml version="1.0"?>', '<!-- saved from url -->\n<!doctype html>']) {
      expect(pageType(`${start}\n<p>x</p>\n`, '<stdin>'), start).toBe('html');
    }
    for (const start of ['# Title', '<p>A fragment</p>', '<pre>info 1;</pre>', 'Use the <code>ids</code> parameter.', '<!-- a note -->\n# Title']) {
      expect(pageType(`${start}\n`), start).toBe('markdown');
    }
  });

  it('Markdown’s HTML blocks are read as HTML: a fragment gives the samples it gives read as HTML', () => {
    // (CommonMark ends an HTML block at a blank line, unless it opens with <pre>, <script>, <style> or <textarea>.)
    const fragment = '<p>Example</p>\n<pre>info &ldquo;x&rdquo;;</pre>\n<!-- <pre>info 2;</pre> -->\n\n<pre>\n\ninfo 3;</pre>\n';
    expect(extractSamples(fragment, { as: 'markdown' })).toEqual(extractSamples(fragment, { as: 'html' }));
    expect(extractSamples(fragment).map((s) => [s.line, s.text])).toEqual([
      [2, 'info "x";\n'],
      [7, 'info 3;\n'],
    ]);
  });
});

describe('curl samples', () => {
  const curlOf = (page: string) => extractSamples(page).map((s) => s.text);

  it("get the '\\' a shell needs where the page puts an option on a line of its own without one, and only there", () => {
    const page = [
      '```',
      'curl "https://www.zohoapis.com/crm/v7/Leads"',
      '-X POST',
      "-d '{",
      '  "data": [',
      "-1]}'",
      '-H "Authorization: Zoho-oauthtoken 1000.x" \\',
      '  -H "X-Two: 2"',
      '```',
    ].join('\n');
    // The lines of the body (inside quotes) and a line already continued are left as they are.
    expect(curlOf(page)).toEqual([
      'curl "https://www.zohoapis.com/crm/v7/Leads" \\\n-X POST \\\n-d \'{\n  "data": [\n-1]}\' \\\n-H "Authorization: Zoho-oauthtoken 1000.x" \\\n  -H "X-Two: 2"\n',
    ]);
  });
});
