import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDomainFrom, connectionAuthFrom } from '../../src/emitters/connection-auth.js';
import { renderCurlScript } from '../../src/emitters/curl/index.js';
import { recordRequests } from '../../src/emitters/record.js';
import { emitTypeScriptSync } from '../../src/emitters/typescript/index.js';
import { loadConnections } from '../../src/http/connections.js';
import { openRunSession } from '../../src/runner/session.js';
import { runScriptAsync } from '../../src/runtime/run.js';

/**
 * A connection the connections file types `bearer`, `basic` or `header` (a non-Zoho service, as `deluge import` makes
 * of `-u` or a Bearer header) authenticates the same way through `deluge run`, the emitted curl commands and the
 * emitted TypeScript: each sends its requests to a loopback server of the test, which records the credential headers.
 * Secrets come from the environment as the file names them; one written in the file itself is never copied out.
 */
const ENV = { BILLING_USER: 'bot', BILLING_PASS: 'pa55-w0rd', WEATHER_KEY: 'k3y-v4lue', SLACK_TOKEN: 'xoxb-from-env', ZOHO_OAUTH_TOKEN: '1000.aaaa.bbbb' };
const WRITTEN_SECRET = 'xoxb-written-in-the-file';
const FILE = JSON.stringify({
  connections: {
    billing: { type: 'basic', username: '${BILLING_USER}', password: '${BILLING_PASS}' },
    slack: { type: 'bearer', token: WRITTEN_SECRET },
    weather: { type: 'header', header: 'X-Api-Key', value: '${WEATHER_KEY}' },
    crm: { type: 'zoho-token', accessToken: '${ZOHO_OAUTH_TOKEN}', apiDomain: 'https://www.zohoapis.com' },
  },
});

let dir: string;
let server: Server;
let base: string;
const received: string[] = [];
/** Where the server sends `/moved/…` on with a 302: another origin (another server of the test). */
let elsewhere = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-connection-auth-'));
  writeFileSync(join(dir, 'deluge.connections.json'), FILE);
  server = createServer((req, res) => {
    received.push(`${req.url} ${req.headers['authorization'] ?? '-'} ${req.headers['x-api-key'] ?? '-'}`);
    req.resume();
    if (req.url?.startsWith('/moved/')) return void res.writeHead(302, { location: `${elsewhere}${req.url.slice('/moved'.length)}` }).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** What the server receives for the four connections, the Bearer token being `slack`'s. */
const expected = (slack: string) => [
  `/billing Basic ${Buffer.from('bot:pa55-w0rd').toString('base64')} -`,
  `/slack Bearer ${slack} -`,
  '/weather - k3y-v4lue',
  '/crm Zoho-oauthtoken 1000.aaaa.bbbb -',
];

const script = () =>
  ['billing', 'slack', 'weather', 'crm'].map((c, i) => `r${i} = invokeurl [ url: "${base}/${c}" type: GET connection: "${c}" ];`).join('\n') + '\n';

function run(command: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: dir, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 }),
    );
  });
}

describe('connections typed bearer, basic and header: the run, the curl commands and the TypeScript send the same credentials', () => {
  it('deluge run sends what the file says', async () => {
    received.length = 0;
    const session = await openRunSession({ connectionsFile: join(dir, 'deluge.connections.json'), env: { ...ENV, SLACK_TOKEN: '' } });
    const result = await runScriptAsync(script(), { tasks: session.host });
    await session.close();
    expect(result.diagnostics).toEqual([]);
    expect(received).toEqual(expected(WRITTEN_SECRET));
  });

  it('the curl commands: -u, Bearer and X-Api-Key from the variables the file names (the written token from $SLACK_TOKEN)', async () => {
    const auth = connectionAuthFrom(loadConnections({ file: join(dir, 'deluge.connections.json'), env: {} }));
    const recorded = await recordRequests(script());
    const commands = renderCurlScript(recorded.value, { connectionAuth: auth });
    expect(commands.value).not.toContain(WRITTEN_SECRET);
    expect(commands.value).toContain('-u "$BILLING_USER:$BILLING_PASS"');
    expect(commands.variables.map((v) => v.name).sort()).toEqual(['BILLING_PASS', 'BILLING_USER', 'SLACK_TOKEN', 'WEATHER_KEY', 'ZOHO_OAUTH_TOKEN']);
    received.length = 0;
    const shell = await run('sh', ['-c', commands.value], ENV);
    expect(shell.code, shell.stderr).toBe(0);
    expect(received).toEqual(expected(ENV.SLACK_TOKEN));
  });

  it('the TypeScript program reads the same variables', async () => {
    const auth = connectionAuthFrom(loadConnections({ file: join(dir, 'deluge.connections.json'), env: {} }));
    const emitted = emitTypeScriptSync(script(), { connectionAuth: auth });
    expect(emitted.value).not.toContain(WRITTEN_SECRET);
    const file = join(dir, 'program.mjs');
    writeFileSync(file, transformSync(emitted.value, { loader: 'ts', format: 'esm', target: 'es2022' }).code);
    received.length = 0;
    const program = await run(process.execPath, [file], ENV);
    expect(program.code, program.stderr).toBe(0);
    expect(received).toEqual(expected(ENV.SLACK_TOKEN));
    const missing = await run(process.execPath, [file], { ...ENV, WEATHER_KEY: '' });
    expect(missing.stderr).toMatch(/set WEATHER_KEY for the connection "weather" \(a header connection\)/);
  });
  it('a redirect to another origin takes no credential there, in the run and in the program (a header connection’s key neither)', async () => {
    const other: string[] = [];
    const otherServer = createServer((req, res) => {
      other.push(`${req.url} ${req.headers['authorization'] ?? '-'} ${req.headers['x-api-key'] ?? '-'}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => otherServer.listen(0, '127.0.0.1', resolve));
    elsewhere = `http://localhost:${(otherServer.address() as AddressInfo).port}`;
    try {
      const moved = script().replaceAll(`${base}/`, `${base}/moved/`);
      const none = ['/billing - -', '/slack - -', '/weather - -', '/crm - -'];
      const session = await openRunSession({ connectionsFile: join(dir, 'deluge.connections.json'), env: ENV });
      const result = await runScriptAsync(moved, { tasks: session.host });
      await session.close();
      expect(result.diagnostics).toEqual([]);
      expect(other.splice(0)).toEqual(none);
      const emitted = emitTypeScriptSync(moved, { connectionAuth: connectionAuthFrom(loadConnections({ file: join(dir, 'deluge.connections.json'), env: {} })) });
      const file = join(dir, 'moved.mjs');
      writeFileSync(file, transformSync(emitted.value, { loader: 'ts', format: 'esm', target: 'es2022' }).code);
      received.length = 0;
      const program = await run(process.execPath, [file], ENV);
      expect(program.code, program.stderr).toBe(0);
      expect(other).toEqual(none);
      // The first server had each credential.
      expect(received).toEqual(expected(ENV.SLACK_TOKEN).map((line) => `/moved${line}`));
    } finally {
      await new Promise((resolve) => otherServer.close(resolve));
    }
  });

  it('the TypeScript program authenticates a connection named at run time as the file says of it', async () => {
    const connections = loadConnections({ file: join(dir, 'deluge.connections.json'), env: {} });
    const dynamic = `for each c in {"billing", "slack", "weather", "crm"}\n{\n\tr = invokeurl [ url: "${base}/" + c type: GET connection: c ];\n}\n`;
    const emitted = emitTypeScriptSync(dynamic, { connectionAuth: connectionAuthFrom(connections), connectionNames: connections.names });
    expect(emitted.value).not.toContain(WRITTEN_SECRET);
    expect(emitted.value).toContain('any other connection named at run time');
    const file = join(dir, 'dynamic.mjs');
    writeFileSync(file, transformSync(emitted.value, { loader: 'ts', format: 'esm', target: 'es2022' }).code);
    received.length = 0;
    const program = await run(process.execPath, [file], ENV);
    expect(program.code, program.stderr).toBe(0);
    expect(received).toEqual(expected(ENV.SLACK_TOKEN));
  });
});

describe("a Zoho connection's data centre from the connections file", () => {
  const connectionsIn = (connections: object) => {
    const folder = mkdtempSync(join(tmpdir(), 'deluge-dc-'));
    writeFileSync(join(folder, 'deluge.connections.json'), JSON.stringify({ connections }));
    try {
      return loadConnections({ file: join(folder, 'deluge.connections.json'), env: {} });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
  const connections = connectionsIn({
    eu_crm: { type: 'zoho-oauth', clientId: '1000.A', clientSecret: '${S}', dataCenter: 'eu' },
    in_token: { type: 'zoho-token', accessToken: '${T}', dataCenter: 'in' },
    own_domain: { type: 'zoho-token', accessToken: '${T}', apiDomain: 'https://www.zohoapis.com.au/' },
    from_env: { type: 'zoho-oauth', clientId: '1000.A', clientSecret: '${S}', dataCenter: '${ZOHO_DC}' },
    stripe: { type: 'bearer', token: '${K}' },
  });

  it('gives the API domain the file names, as deluge run takes it; none for a variable, another type or no entry', () => {
    const apiDomainOf = apiDomainFrom(connections);
    expect(['eu_crm', 'in_token', 'own_domain', 'from_env', 'stripe', 'zohocrm'].map(apiDomainOf)).toEqual([
      'https://www.zohoapis.eu', 'https://www.zohoapis.in', 'https://www.zohoapis.com.au', undefined, undefined, undefined,
    ]);
  });

  it('sends zoho.crm tasks and invokeapi there in the curl commands and the program, and says the US host only of the others', async () => {
    const text = [
      'r = zoho.crm.getRecordById("Leads", 410405000002264040, {}, "eu_crm");',
      'a = invokeapi [ service: zohocrm path: "/crm/v7/Leads" type: GET connection: "in_token" ];',
      'info r + a;',
      '',
    ].join('\n');
    const options = { connectionAuth: connectionAuthFrom(connections), apiDomainOf: apiDomainFrom(connections) };
    const recorded = await recordRequests(text, options);
    expect(recorded.value.requests.map((r) => new URL(r.url).host)).toEqual(['www.zohoapis.eu', 'www.zohoapis.in']);
    expect(renderCurlScript(recorded.value, options).value).not.toContain('which the script does not name');
    // The TypeScript program too: its API_DOMAINS, and no word of the US host.
    const program = emitTypeScriptSync(text, options).value;
    expect(program).toContain('const API_DOMAINS: Readonly<Record<string, string>> = { eu_crm: "https://www.zohoapis.eu", in_token: "https://www.zohoapis.in" };');
    expect(program).not.toContain('which the script does not name');
    const unknown = await recordRequests(text.replace('"eu_crm"', '"zohocrm"'), options);
    expect(new URL(unknown.value.requests[0]!.url).host).toBe('www.zohoapis.com');
    expect(renderCurlScript(unknown.value, options).value).toContain('which the script does not name');
  });
});
