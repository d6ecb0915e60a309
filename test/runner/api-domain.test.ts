/**
 * A `zoho-oauth` connection learns its API domain from its first token (`api_domain`): the `zoho.crm.*` tasks and
 * `invokeapi` blocks of a run whose token is not cached yet must go there, not to the data centre's default host.
 * A sandbox in this process plays the accounts server (its token answers name its own URL as `api_domain`); the
 * connection points at it with `accountsUrl`, and its token store starts empty.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunSession, type RunSession } from '../../src/runner/session.js';
import { runScriptAsync } from '../../src/runtime/run.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { closedPort, startAccountsServer, type AccountsAnswer, type AccountsServer } from '../helpers/servers.js';

let dir: string;
let sandbox: Sandbox;
let session: RunSession | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-api-domain-'));
  sandbox = await startSandbox({ port: 0 });
  const crm = { type: 'zoho-oauth', clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, refreshToken: sandbox.refreshToken, accountsUrl: sandbox.url };
  writeFileSync(join(dir, 'deluge.connections.json'), JSON.stringify({ connections: { crm }, tokenStore: './tokens.json' }));
});

afterEach(async () => {
  await session?.close();
  session = undefined;
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(script: string, dryRun = false) {
  session = await openRunSession({ connectionsFile: join(dir, 'deluge.connections.json'), cwd: dir, env: {}, maxAttempts: 1, ...(dryRun ? { dryRun } : {}) });
  return runScriptAsync(script, { tasks: session.host });
}

describe("a zoho-oauth connection's first token names the host its tasks go to", () => {
  it('sends the first zoho.crm task of a run without a cached token to the api_domain of that token', async () => {
    const result = await run('lead = zoho.crm.getRecordById("Leads", 410405000002264040, Map(), "crm");\ninfo lead.get("Last_Name");\n');
    expect(result.diagnostics.map((d) => d.diagnostic.message)).toEqual([]);
    expect(result.info).toEqual(['Maclead (Sample)']);
    expect(session!.requests.map((r) => r.url)).toEqual([`${sandbox.url}/crm/v2/Leads/410405000002264040`]);
  });

  it('does the same for invokeapi', async () => {
    const result = await run('r = invokeapi\n[\n\tservice: zohocrm\n\tpath: "/crm/v7/Leads/410405000002264040"\n\ttype: GET\n\tconnection: "crm"\n];\ninfo r.get("data").get(0).get("Last_Name");\n');
    expect(result.diagnostics.map((d) => d.diagnostic.message)).toEqual([]);
    expect(result.info).toEqual(['Maclead (Sample)']);
    expect(session!.requests.map((r) => r.url)).toEqual([`${sandbox.url}/crm/v7/Leads/410405000002264040`]);
  });

  it('a dry run fetches no token: it shows the data centre host a run without one would learn from', async () => {
    await run('lead = zoho.crm.getRecordById("Leads", 410405000002264040, Map(), "crm");\n', true);
    expect(session!.requests.map((r) => r.url)).toEqual(['https://www.zohoapis.com/crm/v2/Leads/410405000002264040']);
  });

  it('a dry run stops where the run would: a connection the file does not define (DLG0005)', async () => {
    const result = await run('r = invokeurl\n[\n\turl: "https://api.example.com/x"\n\ttype: GET\n\tconnection: "typo_conn"\n];\n', true);
    expect(result.diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`)).toEqual([expect.stringMatching(/^DLG0005 .*no connection named "typo_conn" \(defined: crm\)$/)]);
    expect(session!.requests).toEqual([]);
  });
});

describe('a failed token request is made once: its failure is the failure of the request that needed it', () => {
  let accounts: AccountsServer;

  beforeEach(async () => {
    accounts = await startAccountsServer();
    const f = { type: 'zoho-oauth', clientId: '1000.CLIENT', clientSecret: 'SECRET', refreshToken: 'REFRESH', accountsUrl: accounts.url };
    writeFileSync(join(dir, 'deluge.connections.json'), JSON.stringify({ connections: { f }, tokenStore: './tokens.json' }));
  });

  afterEach(() => accounts.close());

  const failures: [string, AccountsAnswer, RegExp][] = [
    ['throttled', { json: { error: 'Access Denied', error_description: 'too many' } }, /^DLG0007 .*refusing token requests for now/],
    ['invalid_code', { json: { error: 'invalid_code' } }, /^DLG0007 .*the refresh token was refused \(invalid_code\)/],
    ['a 500', { status: 500, json: { error: 'server_error' } }, /^DLG0007 .*refused the token request \(server_error\)/],
  ];

  for (const [what, answer, message] of failures) {
    for (const [task, script] of [
      ['invokeapi', 'x = invokeapi [ service: zohocrm path: "/crm/v7/Leads" type: GET connection: "f" ];\n'],
      ['zoho.crm', 'x = zoho.crm.getRecords("Leads", 1, 200, Map(), "f");\n'],
    ] as const) {
      it(`${what}, for ${task}: one POST /oauth/v2/token, reported as the request's failure`, async () => {
        accounts.answer(answer);
        const result = await run(script);
        expect(result.diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`)).toEqual([expect.stringMatching(message)]);
        expect(accounts.tokenRequests).toHaveLength(1);
      });
    }
  }

  it('a token request that gets no answer is a network failure of the request: DLG4024, which the script can catch', async () => {
    accounts.answer('drop');
    const script = 'try\n{\n\tx = invokeapi [ service: zohocrm path: "/crm/v7/Leads" type: GET connection: "f" ];\n}\ncatch (e)\n{\n\tinfo "caught: " + e;\n}\ninfo "went on";\n';
    const result = await run(script);
    expect(result.diagnostics).toEqual([]);
    expect(result.info).toEqual([expect.stringMatching(/^caught: .*cannot reach 127\.0\.0\.1:\d+/), 'went on']);
    expect(accounts.tokenRequests).toHaveLength(1);
    expect(session!.requests).toEqual([expect.objectContaining({ url: 'https://www.zohoapis.com/crm/v7/Leads', status: null, attempts: 0, error: expect.stringContaining('cannot reach') })]);
  });

  it('uncaught, it stops the run as DLG4024 naming the request and the accounts host', async () => {
    const port = await closedPort();
    const f = { type: 'zoho-oauth', clientId: '1000.CLIENT', clientSecret: 'SECRET', refreshToken: 'REFRESH', accountsUrl: `http://127.0.0.1:${port}` };
    writeFileSync(join(dir, 'deluge.connections.json'), JSON.stringify({ connections: { f }, tokenStore: './tokens.json' }));
    const result = await run('x = zoho.crm.getRecords("Leads", 1, 200, Map(), "f");\n');
    expect(result.diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`)).toEqual([
      expect.stringMatching(new RegExp(`^DLG4024 zoho\\.crm\\.getRecords GET www\\.zohoapis\\.com: connection "f": cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)$`)),
    ]);
  });

  it('a token that comes is fetched once and used for the request', async () => {
    const result = await run('x = invokeapi [ service: zohocrm path: "/crm/v7/Leads" type: GET connection: "f" ];\n');
    expect(result.diagnostics).toEqual([]);
    expect(accounts.tokenRequests).toHaveLength(1);
    expect(session!.requests.map((r) => r.url)).toEqual([`${accounts.url}/crm/v7/Leads`]);
  });
});
