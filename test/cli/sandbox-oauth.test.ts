/**
 * Zoho OAuth end to end through the built binary: `deluge sandbox --port 0` runs as a child process (the accounts
 * server and the CRM API), a `zoho-oauth` connection points at it with `accountsUrl`, and `deluge run` scripts call
 * the sandbox's records API. Checked from the outside: the sandbox's request log (`/__sandbox/requests`) counts
 * token requests, the token store file is read from disk. Covers the first token, its reuse across runs, the
 * 401 INVALID_TOKEN → one refresh → retry path after the admin API expires tokens, and
 * `deluge connections list | test | refresh | add | revoke`.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSandbox, type SandboxLine } from '../helpers/servers.js';
import { runDeluge } from '../helpers/cli.js';

const LEAD_1 = '410405000002264040';
const LEAD_2 = '410405000002264025';
/** The demo data's "Junk Lead": the one these tests delete. */
const JUNK_LEAD = '410405000002264077';
const ISO_SECONDS = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';

type Started = SandboxLine;

interface Logged {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number;
}

interface StoredToken {
  readonly connection: string;
  readonly clientId: string;
  readonly accountsUrl: string;
  readonly accessToken?: string;
  readonly expiresAt?: number;
  readonly apiDomain?: string;
  readonly refreshToken?: string;
}

let dir: string;
let sandbox: ChildProcessWithoutNullStreams;
let started: Started;
const savedHome = process.env['HOME'];

const STORE = () => join(dir, 'state', 'tokens.json');
const deluge = (args: string[]) => runDeluge(dir, [...args, '--connections', 'connections.json']);
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

async function admin(method: string, path: string, body?: unknown): Promise<any> {
  const res = await request(`${started.url}/__sandbox/${path}`, {
    method: method as 'GET',
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  expect(res.statusCode, `${method} /__sandbox/${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text);
}

/** What the sandbox received since the last call (the log is cleared each time). */
async function takeLog(): Promise<Logged[]> {
  const log = (await admin('GET', 'requests')) as Logged[];
  await admin('DELETE', 'requests');
  return log;
}

const summary = (log: readonly Logged[]) => log.map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ''} ${r.status}`);
const tokenRequests = (log: readonly Logged[]) => log.filter((r) => r.path === '/oauth/v2/token');

function storedTokens(): StoredToken[] {
  return (JSON.parse(readFileSync(STORE(), 'utf8')) as { tokens: StoredToken[] }).tokens;
}

function storedToken(connection: string): StoredToken {
  const entry = storedTokens().find((t) => t.connection === connection);
  expect(entry, `token store entry of ${connection}`).toBeDefined();
  return entry!;
}

/** A script that reads the two sample leads through the records API of the sandbox. */
function readLeads(): string {
  const get = (id: string) => `lead = invokeurl\n[\n\turl: "${started.url}/crm/v7/Leads/${id}"\n\ttype: GET\n\tconnection: "crm"\n];\ninfo lead.get("data").get(0).get("Last_Name");\n`;
  return write('read-leads.dg', get(LEAD_1) + get(LEAD_2));
}

function startSandboxChild(): Promise<Started> {
  const spawned = spawnSandbox(dir);
  sandbox = spawned.child;
  return spawned.started;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-sandbox-oauth-'));
  process.env['HOME'] = dir;
  started = await startSandboxChild();
  expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
  write(
    'connections.json',
    JSON.stringify({
      connections: {
        crm: { type: 'zoho-oauth', clientId: started.clientId, clientSecret: started.clientSecret, refreshToken: started.refreshToken, accountsUrl: started.url },
        books: { type: 'zoho-oauth', description: 'refresh token added with connections add', clientId: started.clientId, clientSecret: started.clientSecret, accountsUrl: started.url },
      },
      tokenStore: './state/tokens.json',
    }),
  );
  await takeLog();
}, 20_000);

afterAll(async () => {
  if (sandbox && sandbox.exitCode === null) {
    const exit = new Promise<number | null>((resolve) => sandbox.on('close', resolve));
    sandbox.kill('SIGTERM');
    expect(await exit).toBe(0);
  }
  if (savedHome === undefined) delete process.env['HOME'];
  else process.env['HOME'] = savedHome;
  rmSync(dir, { recursive: true, force: true });
});

describe('deluge run with a zoho-oauth connection to `deluge sandbox`', () => {
  it('gets a token once (refresh grant, secrets in the form body), caches it in a 0600 token store, and sends it', async () => {
    const del = write(
      'delete-lead.dg',
      `r = invokeurl\n[\n\turl: "${started.url}/crm/v7/Leads?ids=${JUNK_LEAD}"\n\ttype: DELETE\n\tconnection: "crm"\n];\ninfo r.get("data").get(0).get("code");\n`,
    );
    const first = await deluge(['run', readLeads(), '--yes', '--json']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.info).toEqual(['Maclead (Sample)', 'Kidman (Sample)']);
    // Token requests are not listed in the report.
    expect(report.requests).toEqual([
      expect.objectContaining({ method: 'GET', url: `${started.url}/crm/v7/Leads/${LEAD_1}`, status: 200, connection: 'crm' }),
      expect.objectContaining({ method: 'GET', url: `${started.url}/crm/v7/Leads/${LEAD_2}`, status: 200, connection: 'crm' }),
    ]);

    const log = await takeLog();
    expect(summary(log)).toEqual(['POST /oauth/v2/token 200', `GET /crm/v7/Leads/${LEAD_1} 200`, `GET /crm/v7/Leads/${LEAD_2} 200`]);
    const [tokenRequest] = tokenRequests(log);
    expect(tokenRequest!.query).toBe('');
    expect(new URLSearchParams(tokenRequest!.body).get('grant_type')).toBe('refresh_token');
    expect(new URLSearchParams(tokenRequest!.body).get('client_id')).toBe(started.clientId);
    for (const api of log.slice(1)) expect(api.headers['authorization']).toBe('Zoho-oauthtoken ****');

    expect(statSync(STORE()).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(STORE())).mode & 0o777).toBe(0o700);
    const entry = storedToken('crm');
    expect(entry).toMatchObject({ clientId: started.clientId, accountsUrl: started.url, apiDomain: started.url });
    expect(entry.accessToken).toMatch(/^1000\./);
    expect(entry.expiresAt).toBeGreaterThan(Date.now());
    // A refresh token from the connections file is never copied into the store.
    expect(entry.refreshToken).toBeUndefined();
    expect(readFileSync(STORE(), 'utf8')).not.toContain(started.refreshToken);

    // The next run reuses the cached token: no token request at all.
    const second = await deluge(['run', del, '--yes']);
    expect(second.stdout).toBe('SUCCESS\n');
    expect(second.stderr).toBe('1 request (1 × 200); records: 1 succeeded, 0 failed\n');
    expect(second.code).toBe(0);
    expect(summary(await takeLog())).toEqual([`DELETE /crm/v7/Leads?ids=${JUNK_LEAD} 200`]);
    expect(storedToken('crm').accessToken).toBe(entry.accessToken);
  });

  it('after the sandbox expires its tokens: 401 INVALID_TOKEN, ONE refresh, the request is sent again and succeeds', async () => {
    const before = storedToken('crm').accessToken;
    expect((await admin('POST', 'tokens/expire', {})).expired).toBeGreaterThanOrEqual(1);
    await takeLog();
    // The cached token still looks valid to the CLI (it expires in an hour): only the 401 tells it otherwise.
    const r = await deluge(['run', 'read-leads.dg', '--yes', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.info).toEqual(['Maclead (Sample)', 'Kidman (Sample)']);
    expect(report.requests.map((q: { status: number }) => q.status)).toEqual([200, 200]);
    expect(report.diagnostics).toEqual([]);
    // One refresh serves the retry and the next request.
    expect(summary(await takeLog())).toEqual([`GET /crm/v7/Leads/${LEAD_1} 401`, 'POST /oauth/v2/token 200', `GET /crm/v7/Leads/${LEAD_1} 200`, `GET /crm/v7/Leads/${LEAD_2} 200`]);
    const after = storedToken('crm').accessToken;
    expect(after).toMatch(/^1000\./);
    expect(after).not.toBe(before);
  });
});

describe('deluge connections against `deluge sandbox`', () => {
  it('list, list --json, test and refresh (each a new token); never a secret', async () => {
    const cached = storedToken('crm');
    const secrets = [started.clientSecret, started.refreshToken, cached.accessToken!];
    const expiry = new Date(cached.expiresAt!).toISOString().replace(/\.\d{3}Z$/, 'Z');

    const list = await deluge(['connections', 'list']);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe(`Connections from ${join(dir, 'connections.json')}; tokens cached in ${STORE()}\n`);
    const rows = list.stdout.split('\n');
    expect(rows[0]).toMatch(/^NAME +TYPE +DC +CLIENT ID +TOKEN$/);
    expect(rows[1]).toMatch(new RegExp(`^crm +zoho-oauth +us +1000\\.\\*\\*\\*\\*0000 +cached until ${expiry}; refresh token from the file$`));
    expect(rows[2]).toMatch(/^books +zoho-oauth +us +1000\.\*\*\*\*0000 +none cached; no refresh token$/);
    expect(list.stdout).toContain("! books: no refresh token: run 'deluge connections add books --grant-code CODE'");

    const json = await deluge(['connections', 'list', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      file: join(dir, 'connections.json'),
      tokenStore: STORE(),
      connections: [
        { name: 'crm', type: 'zoho-oauth', dataCenter: 'us', clientId: '1000.****0000', refreshToken: 'file', token: { expiresAt: expiry, expired: false, apiDomain: started.url }, problems: [] },
        { name: 'books', type: 'zoho-oauth', dataCenter: 'us', clientId: '1000.****0000', refreshToken: null, token: null, problems: [expect.stringContaining('no refresh token')] },
      ],
    });

    const test = await deluge(['connections', 'test', 'crm']);
    expect(test.stdout).toMatch(new RegExp(`^crm: OK, new access token valid until ${ISO_SECONDS}; api_domain ${started.url.replace(/\./g, '\\.')}\\n$`));
    expect(test.code).toBe(0);
    expect(summary(await takeLog())).toEqual(['POST /oauth/v2/token 200']);
    const tested = storedToken('crm').accessToken!;
    expect(tested).not.toBe(cached.accessToken);

    const refresh = await deluge(['connections', 'refresh', 'crm']);
    expect(refresh.stdout).toMatch(new RegExp(`^crm: new access token valid until ${ISO_SECONDS}; api_domain ${started.url.replace(/\./g, '\\.')}\\n$`));
    expect(refresh.code).toBe(0);
    expect(summary(await takeLog())).toEqual(['POST /oauth/v2/token 200']);
    expect(storedToken('crm').accessToken).not.toBe(tested);

    for (const r of [list, json, test, refresh]) for (const secret of [...secrets, tested]) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('add --grant-code stores a refresh token (store stays 0600) that refresh then uses; revoke revokes it and forgets it', async () => {
    const { code } = await admin('POST', 'codes', {});
    const add = await deluge(['connections', 'add', 'books', '--grant-code', code]);
    expect(add.stdout).toMatch(new RegExp(`^books: refresh token stored in ${STORE().replace(/[.\\/]/g, '\\$&')} .*new access token valid until ${ISO_SECONDS}`));
    expect(add.code).toBe(0);
    expect(add.stdout + add.stderr).not.toContain(code);
    const stored = storedToken('books');
    expect(stored.refreshToken).toMatch(/^1000\./);
    expect(statSync(STORE()).mode & 0o777).toBe(0o600);
    // crm's entry is kept beside it.
    expect(storedTokens().map((t) => t.connection).sort()).toEqual(['books', 'crm']);
    expect(summary(await takeLog())).toEqual(['POST /oauth/v2/token 200']);

    const refresh = await deluge(['connections', 'refresh', 'books']);
    expect(refresh.stdout).toMatch(/^books: new access token valid until /);
    expect(refresh.code).toBe(0);
    const refreshed = await takeLog();
    expect(summary(refreshed)).toEqual(['POST /oauth/v2/token 200']);
    expect(new URLSearchParams(refreshed[0]!.body).get('grant_type')).toBe('refresh_token');
    expect(storedToken('books').accessToken).not.toBe(stored.accessToken);

    const revoke = await deluge(['connections', 'revoke', 'books']);
    expect(revoke.stdout).toBe('books: refresh token revoked (its access tokens end with it); cached tokens forgotten\n');
    expect(revoke.code).toBe(0);
    expect(revoke.stdout + revoke.stderr).not.toContain(stored.refreshToken!);
    expect(summary(await takeLog())).toEqual(['POST /oauth/v2/token/revoke?token=**** 200']);
    expect(storedTokens().map((t) => t.connection)).toEqual(['crm']);
  });

  it('a refresh token revoked elsewhere (the API console): test fails though a token is cached; revoke then forgets it', async () => {
    const { code } = await admin('POST', 'codes', {});
    expect((await deluge(['connections', 'add', 'books', '--grant-code', code])).code).toBe(0);
    const stored = storedToken('books');
    await request(`${started.url}/oauth/v2/token/revoke?token=${stored.refreshToken}`, { method: 'POST' }).then((r) => r.body.text());
    await takeLog();

    const test = await deluge(['connections', 'test', 'books']);
    expect(test.code).toBe(1);
    expect(test.stderr).toMatch(/^deluge: error\[DLG0007\] connection "books": the refresh token was refused \(invalid_code\)/);
    expect(summary(await takeLog())).toEqual(['POST /oauth/v2/token 200']);

    const revoke = await deluge(['connections', 'revoke', 'books']);
    expect(revoke.stdout).toBe('books: Zoho no longer accepted the refresh token (already revoked or invalid); cached tokens forgotten\n');
    expect(revoke.code).toBe(0);
    expect(summary(await takeLog())).toEqual(['POST /oauth/v2/token/revoke?token=**** 400']);
    expect(storedTokens().map((t) => t.connection)).toEqual(['crm']);
    for (const r of [test, revoke]) expect(r.stdout + r.stderr).not.toContain(stored.refreshToken!);
  });
});

describe('a token the accounts server refuses before the first request', () => {
  it('the DELETE is never sent: DLG0007, and the report, the summary and the audit log list it as not sent (attempts 0)', async () => {
    const connections = JSON.parse(readFileSync(join(dir, 'connections.json'), 'utf8'));
    const crm = connections.connections.crm;
    write('refused.json', JSON.stringify({ ...connections, connections: { refused: { ...crm, clientSecret: 'not-the-sandbox-secret-0000' } } }));
    write('refused-delete.dg', `r = invokeurl\n[\n\turl: "${started.url}/crm/v7/Leads?ids=${LEAD_1}"\n\ttype: DELETE\n\tconnection: "refused"\n];\n`);
    await takeLog();
    const r = await runDeluge(dir, ['run', 'refused-delete.dg', '--yes', '--json', '--log-requests', 'refused.ndjson', '--connections', 'refused.json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'DLG0007' })]);
    expect(report.requests).toEqual([expect.objectContaining({ method: 'DELETE', status: null, attempts: 0, connection: 'refused' })]);
    expect(r.stderr).toContain(`none of the ids it named was deleted: ${LEAD_1}`);
    expect(readFileSync(join(dir, 'refused.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).attempts)).toEqual([0]);
    // Only the token request reached the sandbox.
    expect(summary(await takeLog()).filter((line) => !line.startsWith('POST /oauth/v2/token'))).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain('not-the-sandbox-secret-0000');
  });
});

describe('a refresh the accounts server refuses', () => {
  it('after a 401 the throttled refresh stops the run with DLG0007; the request that was sent is still reported and audited', async () => {
    await admin('POST', 'tokens/expire', {});
    await admin('POST', 'faults', { tokenThrottle: true });
    await takeLog();
    try {
      const r = await deluge(['run', 'read-leads.dg', '--yes', '--json', '--log-requests', 'throttled.ndjson']);
      expect(r.code).not.toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'DLG0007', line: 1, message: expect.stringMatching(/^connection "crm": .*Access Denied/) })]);
      // One token request, not retried (docs/connections.md: token requests are not retried).
      expect(summary(await takeLog())).toEqual([`GET /crm/v7/Leads/${LEAD_1} 401`, 'POST /oauth/v2/token 200']);
      // The GET reached the server and was answered: the run report and the audit log list it (cli.md: one line per request).
      expect(report.requests).toEqual([expect.objectContaining({ method: 'GET', url: `${started.url}/crm/v7/Leads/${LEAD_1}`, status: 401, connection: 'crm' })]);
      const audit = existsSync(join(dir, 'throttled.ndjson')) ? readFileSync(join(dir, 'throttled.ndjson'), 'utf8').trim().split('\n') : [];
      expect(audit.map((line) => JSON.parse(line).status)).toEqual([401]);
    } finally {
      await admin('POST', 'faults', { tokenThrottle: false });
    }
  });
});
