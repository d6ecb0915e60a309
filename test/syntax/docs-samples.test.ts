import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractSamples, looksLikeDocsSample, normaliseDocsSample, parse, type Stmt } from '../../src/index.js';
import { spanProblems } from '../helpers/ast.js';
import { describeDiagnostic, located } from '../helpers/fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/docs/${name}`, import.meta.url), 'utf8');

/** The ```deluge block of Zoho's CRM v7 "Delete Records" page, exactly as the copy button pastes it. */
const pasted = fixture('delete-records-sample.dg');
/** The whole page, as copied from the docs site (test/syntax/fixtures/docs/delete-records-page.md). */
const page = fixture('delete-records-page.md');
/**
 * The sample of Zoho Books' "sample Deluge script to create records" answer, from the page's markdown copy
 * (https://www.zoho.com/qa/books/kb/automation/sample-script-to-create-records.md): every `_` and `[`/`]` is
 * markdown-escaped, and the page leaves `connection:` empty.
 */
const books = fixture('books-create-record-md.dg');

describe('the fixture copy of the Delete Records sample', () => {
  it('is the page’s deluge block, artefacts included', () => {
    expect(pasted.startsWith('Copiedresponse = invokeurl\n[\\\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=')).toBe(true);
    expect(pasted.match(/\\\n/g)).toHaveLength(4);
    expect(page).toContain('``` deluge\n' + pasted + '```');
  });
});

describe('normaliseDocsSample', () => {
  it('removes the copy button label and the markdown line-end escapes', () => {
    const n = normaliseDocsSample(pasted);
    expect(n.changed).toBe(true);
    expect(n.text).toBe(
      'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"\n' +
        '\ttype: DELETE\n\tconnection:"crm_oauth_connection"\n];\ninfo response;\n',
    );
  });

  it('maps every offset of the clean text to the same character in the pasted text', () => {
    const n = normaliseDocsSample(pasted);
    for (let i = 0; i < n.text.length; i++) {
      const o = n.toOriginal(i);
      expect(pasted[o], `clean offset ${i}`).toBe(n.text[i]);
      if (i > 0) expect(o).toBeGreaterThan(n.toOriginal(i - 1));
    }
    expect(n.toOriginal(0)).toBe('Copied'.length);
    expect(n.toOriginal(n.text.length)).toBe(pasted.length);
  });

  it.each<[string, string, string, Record<number, number>]>([
    // input, clean text, what it shows, clean offset → pasted offset
    ['Copiedx = 1;', 'x = 1;', 'the label at the start', { 0: 6, 5: 11 }],
    ['  \nCopiedx = 1;', '  \nx = 1;', 'the label after leading blank lines (kept)', { 0: 0, 3: 9 }],
    ['a = {\\\n1};', 'a = {\n1};', 'a line-end backslash', { 5: 6, 6: 7 }],
    ['a = [\\\r\n1];', 'a = [\r\n1];', 'a line-end backslash before CRLF', { 5: 6, 6: 7, 7: 8 }],
    ['x = “a” + ‘b’;', 'x = "a" + \'b\';', 'typographic quotes (same length)', { 4: 4, 6: 6, 10: 10 }],
    ['Copiedinfo “it\'s here”;', 'info "it\'s here";', 'a straight apostrophe inside typographic quotes is the text’s', { 5: 11, 10: 16, 14: 20 }],
    ['x = “don’t”;', 'x = "don\'t";', 'a typographic apostrophe inside typographic quotes is straightened too', { 8: 8, 10: 10 }],
    ['x = “a” + "b’s “c”";', 'x = "a" + "b’s “c”";', 'typographic quotes inside straight quotes stay', { 6: 6, 12: 12, 15: 15 }],
    ['x\u00a0=\u202f1;', 'x = 1;', 'no-break spaces', { 1: 1, 3: 3 }],
    ['\u200bx = 1;\ufeff', 'x = 1;', 'zero-width spaces and BOMs (dropped)', { 0: 1, 5: 6 }],
    ['parameters\\_data = 1;', 'parameters_data = 1;', 'a markdown-escaped underscore in a name', { 10: 11, 11: 12 }],
    ['r = invokeurl\n\\[\nurl: "x"\n\\];', 'r = invokeurl\n[\nurl: "x"\n];', 'markdown-escaped task brackets', { 14: 15, 25: 27 }],
    ['u = "a?org\\_id=1";', 'u = "a?org_id=1";', 'a markdown-escaped underscore inside a text', { 10: 11 }],
    ['// see `[\\` and \\*\nx = {\\\n1};', '// see `[\\` and \\*\nx = {\n1};', 'backslashes of a copy that is not markdown stay (a comment)', { 18: 18 }],
  ])('%j → %j (%s)', (input, text, _what, offsets) => {
    const n = normaliseDocsSample(input);
    expect(n.text).toBe(text);
    expect(n.changed).toBe(true);
    for (const [clean, original] of Object.entries(offsets)) expect(n.toOriginal(Number(clean)), `offset ${clean}`).toBe(original);
  });

  it.each([
    ['x = "it’s";', 'a typographic quote inside straight quotes is text'],
    ['x = "a\\"b";\ny = 1;', 'an escaped quote inside a string'],
    ['m = "C:\\\\dir\\\\";', 'backslashes inside a string'],
    ['info "x";\n', 'an ordinary script'],
    ['m = "C:\\\\_dir";', 'an escaped backslash before an underscore inside a string'],
  ])('leaves %j alone (%s)', (input) => {
    const n = normaliseDocsSample(input);
    expect(n.text).toBe(input);
    expect(n.changed).toBe(false);
  });

  it('maps offsets monotonically onto equal or replaced characters, for any docs-like text', () => {
    const piece = fc.constantFrom('Copied', 'x', ' ', '\n', '\r\n', '\\\n', '[\\\n', '"', "'", '“', '”', '‘', '’', '\u00a0', '\u200b', '\ufeff', '\\', ';', 'é', '😀');
    const same = (clean: string, original: string) =>
      clean === original ||
      (clean === '"' && '“”„'.includes(original)) ||
      (clean === "'" && '‘’'.includes(original)) ||
      (clean === ' ' && '\u00a0\u2007\u202f'.includes(original));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (input) => {
        const n = normaliseDocsSample(input);
        let previous = -1;
        for (let i = 0; i < n.text.length; i++) {
          const o = n.toOriginal(i);
          expect(o).toBeGreaterThan(previous);
          expect(o).toBeLessThan(input.length);
          expect(same(n.text[i]!, input[o]!), `clean[${i}]=${JSON.stringify(n.text[i])} vs input[${o}]=${JSON.stringify(input[o])}`).toBe(true);
          previous = o;
        }
        expect(n.toOriginal(n.text.length)).toBe(input.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('looksLikeDocsSample (auto-detection)', () => {
  it.each([
    [pasted, true, 'the Delete Records sample'],
    ['Copiedinfo "x";', true, 'the copy button label'],
    ['\n  Copiedinfo "x";', true, 'the label after blank lines'],
    ['m = [\\\n1];', true, 'an escaped bracket at a line end'],
    ['a = 1;\\\nb = 2;\\\n', true, 'two escaped line ends'],
    ['a = 1;\\\r\nb = 2;\\\r\n', true, 'two escaped CRLF line ends'],
    ['a = 1;\\\nb = 2;', false, 'a single escaped line end'],
    ['info "Copied";', false, 'the word inside the text'],
    ['x = “a”;', false, 'typographic quotes alone'],
    ['resp = invokeurl\n[\n\turl: "x"\n];', false, 'an ordinary script'],
    ['', false, 'empty text'],
    [books, true, 'the Books sample from the page\'s markdown copy (\\[ and parameters\\_data)'],
  ])('%j → %s (%s)', (text, expected) => {
    expect(looksLikeDocsSample(text)).toBe(expected);
  });
});

describe('a docs line break in a text too short to be auto-detected', () => {
  it.each([
    ['m = Map();\\\nm.put("a", 1);\n', '1:11'],
    ['m = Map();\r\nm.put("a", 1);\\\r\ninfo m;\r\n', '2:15'],
  ])('%j: the diagnostic names it and the way out', (text, at) => {
    const result = parse(text);
    expect(result.docsNormalised).toBe(false);
    expect(result.diagnostics.map((d) => [located(d, text), d.message])).toEqual([
      [`DLG1001 ${at}`, "unexpected character '\\' at the end of the line: docs pages show a line break as '\\'; remove it, or pass --docs"],
    ]);
    expect(parse(text, { docs: true }).diagnostics).toEqual([]);
  });

  it('a backslash elsewhere is only an unexpected character', () => {
    expect(parse('x = 1 \\ 2;\n').diagnostics.map((d) => d.message)).toEqual(["unexpected character '\\'"]);
  });
});

describe('auto-detection never changes a text that parses as it stands', () => {
  it.each([
    ['CopiedRecords = 1;\ninfo CopiedRecords;\n', 'a name beginning with Copied'],
    ['// share: \\\\server\\\n// other: \\\\files\\\nx = 1;\n', 'comments ending in a backslash (Windows paths)'],
    ['art = "+--+\\\n|  |\\\n+--+";\ninfo art;\n', 'a text with backslashes at its line ends'],
  ])('%j (%s)', (text) => {
    const auto = parse(text);
    expect(auto.docsNormalised).toBe(false);
    expect(auto.diagnostics).toEqual([]);
    expect(JSON.stringify(auto.value)).toBe(JSON.stringify(parse(text, { docs: false }).value));
  });
});

describe('parsing the Books sample with markdown escapes', () => {
  it('auto-detects it; only the page\'s empty connection: is left', () => {
    const result = parse(books);
    expect(result.docsNormalised).toBe(true);
    expect(result.diagnostics.map((d) => located(d, books))).toEqual(['DLG2002 8:11']);
    expect(spanProblems(result.value, books.length)).toEqual([]);
  });
});

describe('parsing the pasted Delete Records sample', () => {
  it('auto-detects it and parses it with no diagnostics', () => {
    const result = parse(pasted);
    expect(result.diagnostics.map((d) => describeDiagnostic(d, pasted))).toEqual([]);
    expect(result.docsNormalised).toBe(true);
    expect(result.value.span).toEqual({ start: 0, end: pasted.length });
    expect(spanProblems(result.value, pasted.length)).toEqual([]);
  });

  it('gives the same with docs: true, and errors with docs: false', () => {
    expect(parse(pasted, { docs: true }).diagnostics).toEqual([]);
    expect(parse(pasted, { docs: true }).docsNormalised).toBe(true);
    const raw = parse(pasted, { docs: false });
    expect(raw.docsNormalised).toBe(false);
    expect(raw.diagnostics.length).toBeGreaterThan(0);
  });

  it('builds the invokeurl task with spans pointing into the text as pasted', () => {
    const { value } = parse(pasted);
    const slice = (s: { start: number; end: number }) => pasted.slice(s.start, s.end);
    const [assign, info] = value.body as Stmt[];
    if (assign?.kind !== 'AssignStmt' || assign.value.kind !== 'TaskExpr') throw new Error('expected response = invokeurl [ … ]');
    expect(slice(assign.target.span)).toBe('response'); // after the 'Copied' label
    const task = assign.value;
    expect(task.task).toBe('invokeurl');
    expect(task.params.map((p) => [p.key, slice(p.keySpan), slice(p.value.span)])).toEqual([
      ['url', 'url', '"https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"'],
      ['type', 'type', 'DELETE'],
      ['connection', 'connection', '"crm_oauth_connection"'],
    ]);
    // The task block's span runs from 'invokeurl' to ']' in the pasted text, backslashes and all.
    expect(slice(task.span)).toBe(pasted.slice(pasted.indexOf('invokeurl'), pasted.indexOf('];') + 1));
    expect(info?.kind).toBe('InfoStmt');
    expect(slice(info!.span)).toBe('info response;');
  });

  it.each<[string, (text: string) => string, string[]]>([
    ["the final ';' deleted", (t) => t.replace('info response;', 'info response'), ['DLG2001 7:14']],
    ['a comma after the value on line 4', (t) => t.replace('type: DELETE\\', 'type: DELETE,\\'), ['DLG2008 4:14']],
    ['an unexpected character on line 4', (t) => t.replace('type: DELETE\\', 'type: DELETE #\\'), ['DLG1001 4:15']],
    ["the ':' after url removed (line 3)", (t) => t.replace('\turl: "', '\turl "'), ['DLG2002 3:5']],
    ['a smart-quoted connection name — normalised, so no error', (t) => t.replace('"crm_oauth_connection"', '“crm_oauth_connection”'), []],
    ["'while' on the first line", (t) => t.replace('Copiedresponse = invokeurl', 'Copiedwhile (x) { }\nresponse = invokeurl'), ['DLG2005 1:7']],
  ])('broken by %s: the diagnostic points into the text as pasted', (_what, breakIt, expected) => {
    const broken = breakIt(pasted);
    expect(broken).not.toBe(pasted);
    const result = parse(broken);
    expect(result.docsNormalised).toBe(true);
    expect(result.diagnostics.map((d) => located(d, broken)), result.diagnostics.map((d) => describeDiagnostic(d, broken)).join('\n')).toEqual(
      expected,
    );
    for (const d of result.diagnostics) {
      expect(d.span.start).toBeGreaterThanOrEqual(0);
      expect(d.span.end).toBeLessThanOrEqual(broken.length);
    }
  });

  it('returns tokens whose offsets point into the text as pasted, like the spans', () => {
    const { tokens } = parse(pasted);
    expect(tokens.length).toBeGreaterThan(10);
    const misplaced = tokens
      .filter((t) => pasted.slice(t.startOffset, t.startOffset + t.image.length) !== t.image)
      .map((t) => `${JSON.stringify(t.image)} at ${t.startOffset}`);
    expect(misplaced).toEqual([]);
  });

  it('works the same when the paste has CRLF line ends', () => {
    const crlf = pasted.replace(/\n/g, '\r\n');
    const clean = parse(crlf);
    expect(clean.docsNormalised).toBe(true);
    expect(clean.diagnostics).toEqual([]);
    expect(spanProblems(clean.value, crlf.length)).toEqual([]);
    const broken = crlf.replace('type: DELETE\\', 'type: DELETE,\\');
    expect(parse(broken).diagnostics.map((d) => located(d, broken))).toEqual(['DLG2008 4:14']);
  });

  it('a missing semicolon is reported right after the statement, not after a removed backslash', () => {
    const broken = pasted.replace('info response;', 'info response\nx = 1;');
    const [d] = parse(broken).diagnostics;
    expect(d && located(d, broken)).toBe('DLG2001 7:14');
    expect(broken.slice(0, d!.span.start).endsWith('info response')).toBe(true);
  });
});

describe('extractSamples', () => {
  it('finds the curl and Deluge samples of the Delete Records page (Markdown), numbered across both kinds', () => {
    const samples = extractSamples(page);
    expect(samples.map(({ kind, n, line }) => ({ kind, n, line }))).toEqual([
      { kind: 'curl', n: 1, line: 83 },
      { kind: 'deluge', n: 2, line: 89 },
    ]);
    expect(samples[0]!.text).toBe(
      // The page's option lines get the `\` a shell needs.
      'curl "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true" \\\n' +
        '-X DELETE \\\n-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"\n',
    );
    expect(samples[1]!.text).toBe(normaliseDocsSample(pasted).text);
  });

  it('reports each sample at the page line where its code starts', () => {
    const lines = page.split('\n');
    for (const s of extractSamples(page)) {
      // (Less the ` \` a curl sample's line may have been given.)
      expect(lines[s.line - 1]!.replace(/^Copied/, '')).toBe(s.text.split('\n')[0]!.replace(/ \\$/, ''));
    }
  });

  it('returns Deluge samples that parse cleanly as they are', () => {
    for (const s of extractSamples(page).filter((x) => x.kind === 'deluge')) {
      const result = parse(s.text);
      expect(result.diagnostics).toEqual([]);
      expect(result.docsNormalised).toBe(false);
    }
  });

  it('finds the samples of an HTML page: labelled and unlabelled <pre>, entities decoded, JSON skipped', () => {
    const html = fixture('sample-page.html');
    const samples = extractSamples(html);
    expect(samples).toEqual([
      {
        kind: 'curl',
        n: 1,
        line: 5,
        text: 'curl "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040" \\\n-X DELETE \\\n-H "Authorization: Zoho-oauthtoken 1000.xxxx"\n',
      },
      {
        kind: 'deluge',
        n: 2,
        line: 9,
        text:
          'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040"\n\ttype: DELETE\n' +
          '\tconnection: "crm_oauth_connection"\n];\ninfo response.get("data");\n',
      },
      { kind: 'deluge', n: 3, line: 19, text: "if (a < b && c != 'x')\n{\n\tinfo a;\n}\n" },
    ]);
    for (const s of samples.filter((x) => x.kind === 'deluge')) expect(parse(s.text).diagnostics).toEqual([]);
  });

  it("finds an unlabelled sample whose statements end in comments, as the help's function pages write them", () => {
    const html = '<p>Example</p>\n<pre>response = hexToText("5a6f686f2043726561746f72"); // Returns Zoho Creator\n</pre>\n';
    expect(extractSamples(html).map((s) => [s.kind, s.text])).toEqual([['deluge', 'response = hexToText("5a6f686f2043726561746f72"); // Returns Zoho Creator\n']]);
    expect(extractSamples('```\nx = "a".length(); // returns 1\n```\n').map((s) => s.kind)).toEqual(['deluge']);
  });

  it('counts the line of an HTML sample from where its code starts, not from its <code> tag', () => {
    const html = '<h1>Title</h1>\n<pre>\n<code class="language-deluge">\ninfo x;\n</code>\n</pre>\n';
    expect(extractSamples(html)).toEqual([{ kind: 'deluge', n: 1, line: 4, text: 'info x;\n' }]);
  });

  it('does not take inline <code> in prose for a sample', () => {
    const html = '<pre><code class="language-deluge">info 1;</code></pre>\n<p>Log with <code>info x;</code>, fetch with <code>zoho.crm.getRecords</code>.</p>\n';
    expect(extractSamples(html)).toEqual([{ kind: 'deluge', n: 1, line: 1, text: 'info 1;\n' }]);
  });

  it('reads fences of any length and tildes, labelled in any case; skips other languages', () => {
    const md = 'Intro\n\n~~~deluge\ninfo "a";\n~~~\n\n````Deluge\nx = 1;\n````\n\n```js\nconsole.log(1);\n```\n\n```\nfor each r in rows { info r; }\n```\n';
    expect(extractSamples(md)).toEqual([
      { kind: 'deluge', n: 1, line: 4, text: 'info "a";\n' },
      { kind: 'deluge', n: 2, line: 8, text: 'x = 1;\n' },
      { kind: 'deluge', n: 3, line: 16, text: 'for each r in rows { info r; }\n' },
    ]);
  });

  it('gives the same samples for the page saved with CRLF line ends', () => {
    const crlf = extractSamples(page.replace(/\n/g, '\r\n'));
    expect(crlf.map(({ kind, n, line, text }) => ({ kind, n, line, text: text.replace(/\r\n/g, '\n') }))).toEqual(extractSamples(page));
  });

  it('returns nothing for a page without code', () => {
    expect(extractSamples('# Title\n\nJust prose.\n')).toEqual([]);
    expect(extractSamples('<p>Just <code>inline</code> prose.</p>')).toEqual([]);
  });
});
