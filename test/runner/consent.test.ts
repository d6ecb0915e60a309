/**
 * The question a run asks before its first DELETE to a real host: what it names (method, host, how many records),
 * answered here by a function that records it and says no, so nothing is sent.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunSession } from '../../src/runner/session.js';
import { runScriptAsync } from '../../src/runtime/run.js';
import { startConnectProxy } from '../helpers/servers.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'deluge-consent-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

/** The question the first DELETE of `url` gets, and the code the refused run stopped with. */
async function question(url: string, sandbox = false): Promise<{ asked: unknown[]; stopped: string | undefined; message: string | undefined }> {
  const asked: unknown[] = [];
  const session = await openRunSession({ env: {}, cwd, confirm: async (q) => (asked.push(q), false), ...(sandbox ? { sandbox: {} } : {}) });
  try {
    const run = await runScriptAsync(`r = invokeurl [ url: "${url}" type: DELETE ];\ninfo r;\n`, { fileName: 'gate.dg', tasks: session.host });
    return { asked, stopped: run.diagnostics[0]?.diagnostic.code, message: run.diagnostics[0]?.diagnostic.message };
  } finally {
    await session.close();
  }
}

describe('the question before the first DELETE to a real host', () => {
  it('counts the records the server will read: an id repeated (or with leading zeros) once, empty entries not', async () => {
    const crm = 'https://www.zohoapis.com/crm/v7/Leads';
    expect(await question(`${crm}?ids=410405000002264040,410405000002264040,0410405000002264040,,410405000002264025,`)).toMatchObject({
      asked: [{ method: 'DELETE', host: 'www.zohoapis.com', ids: 2 }],
      stopped: 'DLG4025',
    });
    expect((await question(`${crm}/410405000002264040`)).asked).toEqual([{ method: 'DELETE', host: 'www.zohoapis.com', ids: 1 }]);
  });

  it('counts what the server deletes: the first `ids=` only, the record of a `/{module}/{record_id}` path only', async () => {
    const crm = 'https://www.zohoapis.com/crm/v7/Leads';
    // The sandbox reads the first `ids=` (test/sandbox/delete.test.ts, "which ids are read").
    expect((await question(`${crm}?ids=410405000002264040&ids=410405000002264025,410405000002264026`)).asked).toEqual([
      { method: 'DELETE', host: 'www.zohoapis.com', ids: 1 },
    ]);
    // The single-record route deletes the record of its path, whatever `ids=` it has beside.
    expect((await question(`${crm}/410405000002264040?ids=410405000002264025,410405000002264026`)).asked).toEqual([
      { method: 'DELETE', host: 'www.zohoapis.com', ids: 1 },
    ]);
    // Another API's `ids=` is counted as written.
    expect((await question('https://api.example.com/items/7?ids=1,2,3')).asked).toEqual([{ method: 'DELETE', host: 'api.example.com', ids: 3 }]);
  });

  it('says what the refused DELETE would have done: records of a real Zoho account, or a request to a real server', async () => {
    expect((await question('https://www.zohoapis.eu/crm/v8/Leads?ids=1')).message).toMatch(/^Not sent: DELETE www\.zohoapis\.eu\/crm\/v8\/Leads deletes records in a real Zoho account; run with --yes/);
    expect((await question('https://api.example.com/items/7')).message).toMatch(/^Not sent: DELETE api\.example\.com\/items\/7 goes to a real server; run with --yes/);
  });

  it('under --sandbox, asks for a DELETE to a host the sandbox does not emulate, and for none that goes to the sandbox', async () => {
    // A third-party API, and a Zoho product's own API (Desk), are real servers whatever --sandbox routes.
    expect(await question('https://api.example.com/items/7', true)).toMatchObject({ asked: [{ method: 'DELETE', host: 'api.example.com', ids: 1 }], stopped: 'DLG4025' });
    const desk = await question('https://desk.zoho.com/api/v1/tickets/7', true);
    expect(desk.asked).toEqual([{ method: 'DELETE', host: 'desk.zoho.com', ids: 1 }]);
    // The way out it names is not the --sandbox the run already has.
    expect(desk.message).toBe(
      "Not sent: DELETE desk.zoho.com/api/v1/tickets/7 goes to a real server; run with --yes to allow it (--sandbox stands in for Zoho's API hosts only, such as www.zohoapis.com: not for desk.zoho.com)",
    );
    // Zoho's API hosts of every data centre go to the sandbox: nothing to ask.
    expect(await question('https://www.zohoapis.eu/crm/v7/Leads?ids=410405000002264040', true)).toMatchObject({ asked: [], stopped: undefined });
  });
});

describe('a DELETE that a server redirects', () => {
  it('to a real host asks again, and refused is not followed: the redirect is its answer, listed, and the run stops', async () => {
    // A server on loopback (no question for it) sends the DELETE on to a real one.
    const server = createServer((_req, res) => res.writeHead(307, { location: 'https://api.example.com/items?ids=1,2' }).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const asked: unknown[] = [];
    const session = await openRunSession({ env: {}, cwd, confirm: async (q) => (asked.push(q), false) });
    try {
      const run = await runScriptAsync(`r = invokeurl [ url: "http://${local}/go" type: DELETE ];\ninfo r;\n`, { fileName: 'gate.dg', tasks: session.host });
      expect(asked).toEqual([{ method: 'DELETE', host: 'api.example.com', ids: 2 }]);
      expect(run.diagnostics[0]?.diagnostic).toMatchObject({
        code: 'DLG4025',
        message: `${local} redirected this DELETE: not followed: DELETE api.example.com/items goes to a real server; run with --yes to allow it (or --sandbox / --dry-run to try it safely)`,
      });
      expect(session.requests.map((r) => [r.method, r.url, r.status])).toEqual([['DELETE', `http://${local}/go`, 307]]);
    } finally {
      await session.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a zoho.crm task that deletes, on a connection whose token is not cached yet', () => {
  it('is asked about before the token request that names its API domain: refused, nothing is sent, not even that', async () => {
    const proxy = await startConnectProxy();
    const crm = { type: 'zoho-oauth', clientId: '1000.CLIENT', clientSecret: 'client-secret', refreshToken: '1000.refresh', dataCenter: 'eu' };
    writeFileSync(join(cwd, 'deluge.connections.json'), JSON.stringify({ connections: { zohocrm: crm }, tokenStore: './tokens.json' }));
    const asked: unknown[] = [];
    // Every request of the run, the token request too, would go through the proxy: it sees none.
    const session = await openRunSession({ env: { HTTPS_PROXY: proxy.url }, cwd, connectionsFile: join(cwd, 'deluge.connections.json'), confirm: async (q) => (asked.push(q), false) });
    try {
      const script = 'r = zoho.crm.invokeConnector("crm.delete", {"module": "Leads", "id": 410405000002264040});\ninfo r;\n';
      const run = await runScriptAsync(script, { fileName: 'gate.dg', tasks: session.host });
      expect(asked).toEqual([{ method: 'DELETE', host: 'www.zohoapis.eu', ids: 1 }]);
      expect(run.diagnostics.map((d) => d.diagnostic.code)).toEqual(['DLG4025']);
      expect(proxy.tunnels).toEqual([]);
      expect(session.requests).toEqual([]);
      expect(existsSync(join(cwd, 'tokens.json'))).toBe(false);
    } finally {
      await session.close();
      await proxy.close();
    }
  });
});
