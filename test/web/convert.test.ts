/** What the playground shows, computed without a browser: findings with line:col, and each tab's output. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyse, checkDeluge, convertCurl, convertDeluge } from '../../web/src/convert.js';
import { DEFAULT_CONNECTION, type PlaygroundState, type Tab } from '../../web/src/share.js';

const PASTED = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'delete-records-docs-pasted.dg'), 'utf8');

describe('playground conversions', () => {
  test('the pasted docs sample has no problems and gives the curl request of the page', async () => {
    expect(checkDeluge(PASTED)).toEqual([]);
    const curl = await convertDeluge(PASTED, 'curl', 'posix');
    expect(curl.text).toContain("curl 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true' \\\n  -X DELETE \\\n");
    expect(curl.warnings).toEqual([]);
    expect((await convertDeluge(PASTED, 'format', 'posix')).text).toMatch(/^response = invokeurl\n\[\n {4}url : /);
  });

  test('a finding has the line and column editors show (code points, tab = one column) and the offsets a textarea selects', () => {
    const text = '// “é” 😀\n\tx = 1\ninfo x;';
    const [missing] = checkDeluge(text);
    expect(missing).toMatchObject({ code: 'DLG2001', severity: 'error', source: 'syntax', line: 2, column: 7 });
    expect(text.slice(0, missing!.start)).toBe('// “é” 😀\n\tx = 1');
  });

  test('with syntax errors, every tab says so instead of converting', async () => {
    for (const tab of ['curl', 'typescript', 'format'] as const) {
      const result = await convertDeluge('x = ;', tab, 'posix');
      expect(result).toMatchObject({ text: '', warnings: [] });
      expect(result.note).toMatch(/syntax errors/);
    }
  });

  test('a curl command pasted as Deluge is one problem, and every tab points to the curl → Deluge mode', async () => {
    const pasted = 'curl "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040&wf_trigger=true"\n-X DELETE\n-H "Authorization: Zoho-oauthtoken 1000.xxx"\n';
    expect(checkDeluge(pasted).map((f) => `${f.line}:${f.column} ${f.code}`)).toEqual(['1:1 DLG2016']);
    for (const tab of ['curl', 'typescript', 'format'] as const) {
      const result = await convertDeluge(pasted, tab, 'posix');
      expect(result).toMatchObject({ text: '', warnings: [] });
      expect(result.note).toContain('choose “curl → Deluge” above');
    }
  });

  test('converter warnings are listed once: the parser’s own warnings stay among the problems', async () => {
    const text = 'r = invokeurl\n[\n url: "https://www.zohoapis.com/crm/v7/Leads"\n type: GET\n connection: "crm"\n];\nif (r.get("status") = "ok")\n{\n info r;\n}\n';
    expect(checkDeluge(text).map((f) => f.code)).toContain('DLG2007');
    const curl = await convertDeluge(text, 'curl', 'posix');
    expect(curl.warnings.map((w) => `${w.line}:${w.column} ${w.code}`)).toEqual(['1:5 DLG6011']);
  });

  test('a Deluge script pasted as curl is one problem, and the output points to the Deluge → curl mode', () => {
    for (const script of [PASTED, '// Leads created today, with their owner\nx = 1;\ninfo x;\n']) {
      const { conversion, problems } = convertCurl(script, 'crm');
      expect(conversion.text).toBe('');
      expect(conversion.note).toContain('choose “Deluge → curl, TypeScript” above');
      expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['1:1 DLG6102']);
    }
    // What is neither a curl command nor Deluge keeps the importer's findings and its note.
    for (const other of ['wget https://example.com/a', '', '// nothing yet\n']) {
      expect(convertCurl(other, 'crm').conversion.note).toMatch(/^Nothing to convert yet/);
    }
    expect(convertCurl('wget https://example.com/a', 'crm').problems.map((p) => p.code)).toEqual(['DLG6101', 'DLG6102']);
  });

  test('curl → Deluge: the connection replaces the token; the importer’s warnings point into the command', () => {
    const { conversion, problems } = convertCurl("curl -k 'https://www.zohoapis.com/crm/v7/Leads?ids=1' -X DELETE -H 'Authorization: Zoho-oauthtoken 1000.abc.def'", 'crm');
    expect(conversion.text).toContain('connection : "crm"');
    expect(conversion.text).not.toContain('1000.abc');
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['1:7 DLG6106']);
    expect(convertCurl('', 'crm').conversion).toMatchObject({ text: '', note: expect.stringMatching(/paste a curl command/) });
  });

  test('analyse gives what the page shows for a state, in either mode (the analysis worker sends it back as it is)', async () => {
    const state: PlaygroundState = { mode: 'deluge', text: 'x = 1\ninfo x;', tab: 'curl', shell: 'posix', connection: DEFAULT_CONNECTION };
    const deluge = await analyse(state);
    expect(deluge.problems?.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['1:6 DLG2001']);
    expect(deluge.conversion.note).toMatch(/syntax errors/);
    expect(structuredClone(deluge)).toEqual(deluge);
    const curl = await analyse({ ...state, mode: 'curl', text: "curl -k 'https://www.zohoapis.com/crm/v7/Leads?ids=1' -X DELETE", connection: 'crm' });
    expect(curl.problems?.map((p) => p.code)).toEqual(['DLG6106']);
    expect(curl.conversion.text).toContain('type : DELETE');
  });

  test('a bug of the library is said in the output, the problems found before it kept', async () => {
    // No converter has that tab: the library throws.
    const analysis = await analyse({ mode: 'deluge', text: 'info 1;', tab: 'nothing' as Tab, shell: 'posix', connection: DEFAULT_CONNECTION });
    expect(analysis.problems).toEqual([]);
    expect(analysis.conversion).toMatchObject({ text: '', warnings: [] });
    expect(analysis.conversion.note).toMatch(/^Internal error: /);
  });
});
