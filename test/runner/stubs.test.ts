/** A stub file (`--stub FILE`) is checked as the config's `stubs` are: each error at the key or value at fault. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunSession } from '../../src/runner/session.js';
import { parseStubs, StubError, type Stub } from '../../src/runner/stubs.js';
import { runScriptAsync } from '../../src/runtime/run.js';

function stubError(text: string): { message: string; at?: { line: number; column: number }; text?: string } {
  try {
    parseStubs(text, 'stubs.json');
  } catch (error) {
    if (!(error instanceof StubError)) throw error;
    const location = error.location;
    return { message: error.message, ...(location && { at: location.file.position(location.span.start), text: location.file.text.slice(location.span.start, location.span.end) }) };
  }
  throw new Error('no error');
}

describe('parseStubs', () => {
  it('keeps every digit of the numbers of a response, for a task and for a request (JSON.parse made 410405000002264040 …060)', async () => {
    const text = JSON.stringify([
      { task: 'zoho.crm.searchRecords', response: [{ id: 'ID' }] },
      { method: 'GET', url: 'https://api.x.com/*', response: { data: [{ id: 'ID' }] } },
    ]).replaceAll('"ID"', '410405000002264040');
    const session = await openRunSession({ env: {}, cwd: tmpdir(), stubs: parseStubs(text, 'stubs.json') });
    try {
      const script = [
        'found = zoho.crm.searchRecords("Leads", "(Last_Name:equals:x)");',
        'info found.get(0).get("id");',
        'found.get(0).put("id", 1);',
        'again = zoho.crm.searchRecords("Leads", "(Last_Name:equals:x)");',
        'info again.get(0).get("id");',
        'r = invokeurl [ url: "https://api.x.com/y" type: GET ];',
        'info r.get("data").get(0).get("id");',
      ].join('\n');
      const run = await runScriptAsync(script, { fileName: 'stubbed.dg', tasks: session.host });
      expect(run.diagnostics).toEqual([]);
      // A change the script made to one answer is not in the next.
      expect(run.info).toEqual(['410405000002264040', '410405000002264040', '410405000002264040']);
    } finally {
      await session.close();
    }
  });

  it('keeps good stubs, a task stub without a response answering null', () => {
    const text = JSON.stringify([{ task: 'zoho.books.getRecords' }, { method: 'GET', url: 'https://api.x.com/*', status: 404, response: 'gone', headers: { 'retry-after': '2' } }]);
    expect(parseStubs(text, 'stubs.json')).toEqual([
      { task: 'zoho.books.getRecords', response: null },
      { method: 'GET', url: 'https://api.x.com/*', status: 404, response: 'gone', headers: { 'retry-after': '2' }, exactResponse: 'gone' },
    ]);
  });

  it('refuses a key a stub does not take, with the nearest one, at that key', () => {
    expect(stubError('[\n  { "url": "https://api.x.com/*", "staus": 500 }\n]')).toEqual({
      message: 'stub 1: unknown key "staus" (did you mean "status"?); a request stub takes "method", "url", "status", "response", "headers"',
      at: { line: 2, column: 35 },
      text: '"staus"',
    });
    // A stub naming a task and a URL is neither.
    expect(stubError('[{ "task": "zoho.books.getRecords", "url": "https://x/*" }]')).toMatchObject({ message: expect.stringMatching(/^stub 1: unknown key "url"/), text: '"url"' });
  });

  it('names the file when there is nothing to point at', () => {
    expect(stubError('{}')).toEqual({ message: 'stubs.json: the stubs must be a JSON array' });
    expect(stubError('[1]')).toEqual({ message: 'stubs.json: stub 1 is not an object' });
  });
});

describe('a request a stub answers', () => {
  const stubs: Stub[] = [{ method: 'GET', url: 'https://api.example.com/*', status: 200, response: { ok: true } }];
  const script = (connection: string) => `r = invokeurl [ url: "https://api.example.com/items" type: GET connection: "${connection}" ];\ninfo r;\n`;

  async function runWith(connection: string, dryRun: boolean, connectionsFile?: string): Promise<{ info: readonly string[]; codes: string[] }> {
    const session = await openRunSession({ env: {}, cwd: tmpdir(), stubs, dryRun, ...(connectionsFile ? { connectionsFile } : {}) });
    try {
      const run = await runScriptAsync(script(connection), { fileName: 'stubbed.dg', tasks: session.host });
      return { info: run.info, codes: run.diagnostics.map((d) => d.diagnostic.code) };
    } finally {
      await session.close();
    }
  }

  it('still names a connection the file defines (a misspelt one stops a real run), whose ${VAR}s need not be set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deluge-stubbed-'));
    try {
      const file = join(dir, 'deluge.connections.json');
      writeFileSync(file, JSON.stringify({ connections: { items_api: { type: 'bearer', token: '${ITEMS_TOKEN}' } } }));
      for (const dryRun of [false, true]) {
        expect(await runWith('items_api', dryRun, file), `dry run ${dryRun}`).toEqual({ info: ['{"ok":true}'], codes: [] });
        expect(await runWith('items_apii', dryRun, file), `dry run ${dryRun}`).toEqual({ info: [], codes: ['DLG0005'] });
      }
      // With no connections file at all, the stubs stand in for every service.
      expect(await runWith('anything', false)).toEqual({ info: ['{"ok":true}'], codes: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
