/**
 * No secret ever reaches the output, in any mode (cli.md: "Secrets … are never printed by any command, in any mode
 * or format"). Every connection type takes its secrets from environment variables (`${…}`) and really uses them —
 * against an external `deluge sandbox` (a `zoho-oauth` connection, a static `zoho-token` minted with the admin API
 * and one that the sandbox has expired) and against a node:http server of the test (bearer, basic, API-key header).
 * Then every output is searched for every secret: stdout and stderr of runs, `--json`, the `--log-requests` file,
 * `--dry-run` (plain and `--json`), error messages (401 INVALID_TOKEN, a throttled refresh, an unknown connection,
 * refused connections) and `deluge connections list | test | refresh`. Where headers are shown, the redacted form
 * `Zoho-oauthtoken ****` must be there instead.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, spawnSandbox, type SandboxLine } from '../helpers/servers.js';
import { runDeluge, type Run } from '../helpers/cli.js';


let dir: string;
let sandbox: ChildProcessWithoutNullStreams;
let readSandboxStderr: () => string = () => '';
let sandboxUrl: string;
let server: Server;
let local: string;
let unreachable: string;
/** Header lines the local server received (`authorization: Bearer …`), to prove the secrets were really sent. */
const received: string[] = [];

/** Secret values by a name to report them under (a failing test names the secret, not its value). */
const secrets = new Map<string, string>();
const ENV = {
  clientSecret: 'DLG_REDACT_CLIENT_SECRET',
  refreshToken: 'DLG_REDACT_REFRESH_TOKEN',
  accessToken: 'DLG_REDACT_ACCESS_TOKEN',
  staleToken: 'DLG_REDACT_STALE_TOKEN',
  bearer: 'DLG_REDACT_BEARER',
  password: 'DLG_REDACT_PASSWORD',
  apiKey: 'DLG_REDACT_API_KEY',
  otherClientSecret: 'DLG_REDACT_OTHER_CLIENT_SECRET',
  otherRefreshToken: 'DLG_REDACT_OTHER_REFRESH_TOKEN',
} as const;
const savedEnv = Object.fromEntries(['HOME', 'DELUGE_CONNECTIONS', ...Object.values(ENV)].map((name) => [name, process.env[name]]));

const deluge = (args: string[]) => runDeluge(dir, [...args, '--connections', 'connections.json']);
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const random = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
/** The session cookie the local server's /cookie sets. */
const sessionCookie = random('SID');
/** What the local server's /login answers: a session token, and a key and secret of another service. */
const loginAnswer = { token: random('lt-'), session_token: random('st-'), api_secret: random('as-') };

/** The names of the secrets found in `text`. */
function leaked(text: string): string[] {
  return [...secrets].filter(([, value]) => text.includes(value)).map(([name]) => name);
}

/** Every output of these runs, searched for every secret. */
function expectNoSecrets(...runs: Run[]): void {
  for (const r of runs) {
    expect(leaked(r.stdout), 'secrets on stdout').toEqual([]);
    expect(leaked(r.stderr), 'secrets on stderr').toEqual([]);
  }
}

async function admin(method: string, path: string, body?: unknown): Promise<any> {
  const res = await request(`${sandboxUrl}/__sandbox/${path}`, {
    method: method as 'GET',
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  expect(res.statusCode, `${method} /__sandbox/${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text);
}

function startSandboxChild(): Promise<SandboxLine> {
  const spawned = spawnSandbox(dir);
  sandbox = spawned.child;
  readSandboxStderr = spawned.stderr;
  return spawned.started;
}

function startServer(): Promise<Server> {
  const s = createServer((req, res) => {
    for (const name of ['authorization', 'x-api-key']) if (req.headers[name]) received.push(`${name}: ${req.headers[name]}`);
    req.resume();
    // A server that echoes the credential it was sent: in an error message, and in a body.
    const credential = String(req.headers['x-api-key'] ?? req.headers['authorization']?.replace(/^\w+ /, '') ?? '');
    if (req.url === '/echo-refused') {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'AUTH_FAILED', message: `Invalid API key provided: ${credential}`, status: 'error' }));
      return;
    }
    if (req.url === '/login') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'SUCCESS', ...loginAnswer, token_count: 3, user: 'sync-bot' }));
      return;
    }
    if (req.url === '/cookie') {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `sid=${sessionCookie}; HttpOnly` }).end('{"ok":true}');
      return;
    }
    if (req.url === '/echo') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: credential, encoded: encodeURIComponent(credential) }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}


const invoke = (variable: string, url: string, connection: string, extra = '') =>
  `${variable} = invokeurl\n[\n\turl: "${url}"\n\ttype: GET\n${extra}\tconnection: "${connection}"\n];\n`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-redaction-'));
  process.env['HOME'] = dir;
  delete process.env['DELUGE_CONNECTIONS'];
  const started = await startSandboxChild();
  sandboxUrl = started.url;
  server = await startServer();
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  unreachable = `http://127.0.0.1:${await closedPort()}`;

  // A token pair minted for this test: used as a static token and as the OAuth connection's refresh token.
  const minted = await admin('POST', 'tokens', {});
  const stale = (await admin('POST', 'tokens', {})).access_token as string;
  expect((await admin('POST', 'tokens/expire', { token: stale })).expired).toBe(1);
  const values: Record<keyof typeof ENV, string> = {
    clientSecret: started.clientSecret,
    refreshToken: minted.refresh_token,
    accessToken: minted.access_token,
    staleToken: stale,
    bearer: random('sk_live_'),
    password: random('pw-'),
    apiKey: random('key-'),
    otherClientSecret: random(''),
    otherRefreshToken: `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`,
  };
  for (const [key, value] of Object.entries(values)) {
    process.env[ENV[key as keyof typeof ENV]] = value;
    secrets.set(key, value);
  }
  const basic = Buffer.from(`sync-bot:${values.password}`).toString('base64');
  secrets.set('basic credentials', basic);
  secrets.set('Authorization: Zoho-oauthtoken', `Zoho-oauthtoken ${values.accessToken}`);
  secrets.set('Authorization: Bearer', `Bearer ${values.bearer}`);
  secrets.set('Authorization: Basic', `Basic ${basic}`);

  const env = (key: keyof typeof ENV) => `\${${ENV[key]}}`;
  write(
    'connections.json',
    JSON.stringify({
      connections: {
        crm: { type: 'zoho-oauth', clientId: started.clientId, clientSecret: env('clientSecret'), refreshToken: env('refreshToken'), accountsUrl: sandboxUrl },
        ci_token: { type: 'zoho-token', accessToken: env('accessToken'), apiDomain: sandboxUrl },
        stale_token: { type: 'zoho-token', accessToken: env('staleToken'), apiDomain: sandboxUrl },
        stripe: { type: 'bearer', token: env('bearer') },
        erp: { type: 'basic', username: 'sync-bot', password: env('password') },
        mailer: { type: 'header', header: 'X-Api-Key', value: env('apiKey') },
        crm_unreachable: { type: 'zoho-oauth', clientId: started.clientId, clientSecret: env('otherClientSecret'), refreshToken: env('otherRefreshToken'), accountsUrl: unreachable },
      },
      tokenStore: './state/tokens.json',
    }),
  );
  const requests = [
    invoke('a', `${sandboxUrl}/crm/v7/Leads/410405000002264040`, 'crm'),
    'b = zoho.crm.getRecordById("Leads", 410405000002264025, {}, "ci_token");',
    invoke('c', `${sandboxUrl}/crm/v7/Leads/410405000002264052`, 'stale_token'),
    invoke('d', `${local}/bearer`, 'stripe'),
    invoke('e', `${local}/basic`, 'erp'),
    invoke('f', `${local}/key`, 'mailer', '\theaders: {"Accept": "application/json"}\n'),
  ];
  write(
    'every-connection.dg',
    [
      ...requests,
      'info a.get("data").get(0).get("Last_Name");',
      'info b.get("Last_Name");',
      'info c;',
      'info d + " " + e + " " + f;',
      '',
    ].join('\n'),
  );
  // The same requests for --dry-run, whose empty answers have no fields to read.
  write('every-connection-dry.dg', `${requests.join('\n')}\ninfo "done";\n`);
}, 20_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (sandbox && sandbox.exitCode === null) {
    const exit = new Promise<number | null>((resolve) => sandbox.on('close', resolve));
    sandbox.kill('SIGTERM');
    await exit;
  }
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

const EXPECTED_INFO = [
  'Maclead (Sample)',
  'Kidman (Sample)',
  '{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}',
  '{"ok":true} {"ok":true} {"ok":true}',
];

describe('secrets are never shown', () => {
  it('deluge run: stdout, stderr, --json and the --log-requests file of a run using every connection type (with a 401 INVALID_TOKEN)', async () => {
    const plain = await deluge(['run', 'every-connection.dg', '--yes', '--log-requests', 'audit.ndjson']);
    expect(plain.stdout).toBe(`${EXPECTED_INFO.join('\n')}\n`);
    expect(plain.stderr).toMatch(/^6 requests \(5 × 200, 1 × 401\)\n {2}failed request: GET 127\.0\.0\.1:\d+\/crm\/v7\/Leads\/\d+ → 401 INVALID_TOKEN invalid oauth token\n$/);
    expect(plain.code).toBe(0);

    const json = await deluge(['run', 'every-connection.dg', '--yes', '--json', '--log-requests', 'audit.ndjson']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(plain.stderr);
    const report = JSON.parse(json.stdout);
    expect(report.info).toEqual(EXPECTED_INFO);
    expect(report.requests.map((r: { connection: string; status: number }) => `${r.connection} ${r.status}`)).toEqual([
      'crm 200',
      'ci_token 200',
      'stale_token 401',
      'stripe 200',
      'erp 200',
      'mailer 200',
    ]);

    // The secrets were really used: the test server saw each of them.
    expect(received).toEqual(expect.arrayContaining([`authorization: ${secrets.get('Authorization: Bearer')}`, `authorization: ${secrets.get('Authorization: Basic')}`, `x-api-key: ${secrets.get('apiKey')}`]));
    // The OAuth connection's access token is in the token store (its place); it too must not be shown.
    const store = JSON.parse(readFileSync(join(dir, 'state', 'tokens.json'), 'utf8')) as { tokens: { connection: string; accessToken: string }[] };
    secrets.set('OAuth access token', store.tokens.find((t) => t.connection === 'crm')!.accessToken);

    expectNoSecrets(plain, json);
    const audit = readFileSync(join(dir, 'audit.ndjson'), 'utf8');
    expect(audit.trim().split('\n')).toHaveLength(12);
    expect(leaked(audit), 'secrets in the --log-requests file').toEqual([]);
    expect(audit).toContain('INVALID_TOKEN');
  });

  it('a server that echoes the bearer token, basic credentials or API key it was sent: masked in the summary, --json and the audit log', async () => {
    const connections = ['stripe', 'erp', 'mailer'];
    // And a key the script writes into its own header, with no connection.
    const ownKey = random('own-key-');
    secrets.set('key written in the script', ownKey);
    const ownHeader = `x = invokeurl\n[\n\turl: "${local}/echo"\n\ttype: GET\n\theaders: {"X-Api-Key": "${ownKey}"}\n];\n`;
    write('echoes.dg', `${connections.flatMap((c, i) => [invoke(`r${i}`, `${local}/echo-refused`, c), invoke(`k${i}`, `${local}/echo`, c)]).join('')}${ownHeader}info "done";\n`);
    const run = await deluge(['run', 'echoes.dg', '--json', '--log-requests', 'echoes.ndjson']);
    expect(run.code).toBe(0);
    // The echoes really carried the secrets (the basic connection's as its base64 user:password).
    expect(received).toEqual(expect.arrayContaining([`x-api-key: ${secrets.get('apiKey')}`]));
    expect(run.stderr.match(/failed request: .* → 401 AUTH_FAILED Invalid API key provided: \*\*\*\*/g)).toHaveLength(3);
    const report = JSON.parse(run.stdout);
    expect(report.requests.filter((r: { message?: string }) => r.message === 'Invalid API key provided: ****')).toHaveLength(3);
    const audit = readFileSync(join(dir, 'echoes.ndjson'), 'utf8');
    expect(audit.match(/"responseBody":"\{\\"received\\":\\"\*\*\*\*\\",\\"encoded\\":\\"\*\*\*\*\\"\}"/g)).toHaveLength(4);
    expectNoSecrets(run);
    expect(leaked(audit), 'secrets in the --log-requests file').toEqual([]);
  });

  it("what the script shows of an answer that echoes its credential: info, --json, a sendmail, an error quoting it, a detailed answer's Set-Cookie", async () => {
    secrets.set('session cookie', sessionCookie);
    write(
      'shown.dg',
      [
        ...['stripe', 'erp', 'mailer'].map((c, i) => `${invoke(`r${i}`, `${local}/echo`, c)}info r${i};\ninfo r${i}.get("received");\n`),
        `d = invokeurl [ url: "${local}/cookie" type: GET detailed: true ];`,
        'info d;',
        'sendmail [ from: zoho.adminuserid to: "ops@zylker.com" subject: r0.get("received") message: r2 ];',
        // A runtime error whose message quotes the value.
        'n = r2.get("received").toLong();',
        '',
      ].join('\n'),
    );
    const plain = await deluge(['run', 'shown.dg']);
    const json = await deluge(['run', 'shown.dg', '--json']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('"set-cookie":"****"');
    expect(plain.stderr).toMatch(/sendmail \(not sent\): to ops@zylker\.com, subject "\*+"/);
    expect(plain.stderr).toMatch(/error\[DLG4004\] toLong: "\*+" is not a number/);
    const report = JSON.parse(json.stdout);
    expect(report.info).toHaveLength(7);
    expect(report.mails).toHaveLength(1);
    // A key typed where an option's value goes: yargs' "Given:" quotes it back.
    const typed = random('sk_live_');
    secrets.set('key typed as an option value', typed);
    const usage = await deluge(['run', 'shown.dg', '--format', typed]);
    expect(usage.stderr).toMatch(/Given: "\*+"/);
    expect(usage.code).toBe(2);
    expectNoSecrets(plain, json, usage);
  });

  it('an answer carrying a token (a login\'s "token", a "session_token", an "api_secret"): masked in the audit log, its record code kept; masked too once the script reads it out', async () => {
    for (const [name, value] of Object.entries(loginAnswer)) secrets.set(`answer's ${name}`, value);
    const reads = 'info r.get("user");\ninfo r.get("token");\ninfo "session " + r.get("session_token");\nreturn r.get("api_secret");\n';
    write('login.dg', `r = invokeurl [ url: "${local}/login" type: POST parameters: {"user": "sync-bot"} ];\n${reads}`);
    const run = await deluge(['run', 'login.dg', '--json', '--log-requests', 'login.ndjson']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ info: ['sync-bot', '****', 'session ****'], result: '****' });
    const audit = readFileSync(join(dir, 'login.ndjson'), 'utf8');
    const body = JSON.parse(audit.trim().split('\n')[0]!).responseBody as string;
    expect(JSON.parse(body)).toEqual({ code: 'SUCCESS', token: '****', session_token: '****', api_secret: '****', token_count: 3, user: 'sync-bot' });
    expectNoSecrets(run);
    expect(leaked(audit), 'secrets in the --log-requests file').toEqual([]);
  });

  it('--dry-run, plain and --json (with --log-requests): headers shown as Zoho-oauthtoken ****', async () => {
    const plain = await deluge(['run', 'every-connection-dry.dg', '--dry-run']);
    expect(plain.stdout).toBe('done\n');
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain(`[dry run] GET ${sandboxUrl}/crm/v7/Leads/410405000002264040\n  Authorization: Zoho-oauthtoken ****\n`);
    const json = await deluge(['run', 'every-connection-dry.dg', '--dry-run', '--json', '--log-requests', 'dry.ndjson']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.requests).toHaveLength(6);
    expect(report.requests[0].headers).toEqual([['Authorization', 'Zoho-oauthtoken ****']]);
    expectNoSecrets(plain, json);
    const log = readFileSync(join(dir, 'dry.ndjson'), 'utf8');
    expect(log).toContain('Zoho-oauthtoken ****');
    expect(leaked(log), 'secrets in the dry-run --log-requests file').toEqual([]);
  });

  it("credentials the script writes into a URL or a body (zapikey=…, authtoken=…, client_secret, token=…, code=…, key, secret): masked in every listing", async () => {
    const written = {
      zapikey: random('1003.'),
      authtoken: random('at'),
      clientSecret: random('cs-'),
      // Zoho's revoke endpoint takes the refresh token as `token=`, the token endpoint the grant code as `code=`.
      revokedToken: random('1000.'),
      grantCode: random('1000.'),
      urlKey: random('k'),
      urlSecret: random('s'),
      formToken: random('ft'),
      formCode: random('fc'),
      jsonToken: random('jt'),
      jsonKey: random('jk'),
      partSecret: random('ps'),
    };
    for (const [name, value] of Object.entries(written)) secrets.set(`script's ${name}`, value);
    write(
      'literal-credentials.dg',
      [
        `r = invokeurl [ url: "${local}/hook?auth_type=apikey&zapikey=${written.zapikey}&n=1" type: POST parameters: {"client_secret": "${written.clientSecret}", "n": "2"} ];`,
        `r2 = getUrl("${local}/old?authtoken=${written.authtoken}&scope=crmapi");`,
        `r3 = invokeurl [ url: "${local}/oauth/v2/token/revoke?token=${written.revokedToken}" type: POST ];`,
        `r4 = invokeurl [ url: "${local}/oauth/v2/token?grant_type=authorization_code&client_id=1000.X&code=${written.grantCode}" type: POST ];`,
        `r5 = invokeurl [ url: "${local}/x?Key=${written.urlKey}&secret=${written.urlSecret}" type: GET ];`,
        `r6 = invokeurl [ url: "${local}/y" type: POST parameters: {"token": "${written.formToken}", "code": "${written.formCode}", "n": "3"} ];`,
        `r7 = invokeurl [ url: "${local}/z" type: POST body: {"token": "${written.jsonToken}", "api-key": "${written.jsonKey}", "n": 4}.toString() headers: {"Content-Type": "application/json"} ];`,
        'note = zoho.encryption.base64DecodeToFile("aGkK", "note.txt");',
        `r8 = invokeurl [ url: "${local}/w" type: POST parameters: {"file": note, "secret": "${written.partSecret}"} ];`,
        'info r;',
        '',
      ].join('\n'),
    );
    const run = await deluge(['run', 'literal-credentials.dg', '--json', '--log-requests', 'literal.ndjson']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).requests.map((r: { url: string }) => r.url)).toEqual([
      `${local}/hook?auth_type=apikey&zapikey=****&n=1`,
      `${local}/old?authtoken=****&scope=crmapi`,
      `${local}/oauth/v2/token/revoke?token=****`,
      `${local}/oauth/v2/token?grant_type=authorization_code&client_id=1000.X&code=****`,
      `${local}/x?Key=****&secret=****`,
      `${local}/y`,
      `${local}/z`,
      `${local}/w`,
    ]);
    const dry = await deluge(['run', 'literal-credentials.dg', '--dry-run']);
    expect(dry.stderr).toContain('  client_secret=****&n=2\n');
    expect(dry.stderr).toContain('  token=****&code=****&n=3\n');
    const dryJson = await deluge(['run', 'literal-credentials.dg', '--dry-run', '--json', '--log-requests', 'literal-dry.ndjson']);
    expectNoSecrets(run, dry, dryJson);
    for (const log of ['literal.ndjson', 'literal-dry.ndjson']) {
      expect(leaked(readFileSync(join(dir, log), 'utf8')), `secrets in the --log-requests file ${log}`).toEqual([]);
    }
    // The emitters read each from a variable instead of copying it (the commands, the program, their warnings), but
    // for the form's bare "code" to /y: the emitters take a code for a credential only in a grant request (that of r4
    // on /oauth/v2/token), since `?code=US` is data that a user should not have to set a variable to.
    const curl = await runDeluge(dir, ['emit', 'literal-credentials.dg', '--to', 'curl']);
    const ts = await runDeluge(dir, ['emit', 'literal-credentials.dg', '--to', 'ts']);
    expect(curl.code).toBe(0);
    expect(ts.code).toBe(0);
    // Nor do lint's code frames show them (a URL's `token=…`, `key=…`, a grant's `code=…` are masked there too).
    const lint = await runDeluge(dir, ['lint', 'literal-credentials.dg']);
    const notCredential = (name: string) => name !== "script's formCode";
    for (const r of [curl, ts, lint]) {
      expect(leaked(r.stdout).filter(notCredential), 'secrets on stdout').toEqual([]);
      expect(leaked(r.stderr).filter(notCredential), 'secrets on stderr (the code frames of the warnings)').toEqual([]);
    }
    expect(curl.stdout).toContain(`code=${written.formCode}`);
    expect(ts.stdout).toContain(`["code", "${written.formCode}"]`);
  });

  it('a URL the script prints before and after sending it (info, its result): its key=, token= and code= masked in every mode', async () => {
    const written = { key: random('uk'), token: random('ut'), code: random('uc') };
    for (const [name, value] of Object.entries(written)) secrets.set(`script's URL ${name}`, value);
    write(
      'printed-url.dg',
      [
        `u = "${local}/q?ids=1&key=${written.key}&code=${written.code}&token=${written.token}";`,
        'info u;',
        'r = invokeurl [ url: u type: GET ];',
        'info u;',
        'return u;',
        '',
      ].join('\n'),
    );
    const runs = await Promise.all([['run', 'printed-url.dg'], ['run', 'printed-url.dg', '--json'], ['run', 'printed-url.dg', '--dry-run']].map(deluge));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expectNoSecrets(...runs);
    expect(runs[0]!.stdout).toBe(`${local}/q?ids=1&key=****&code=****&token=****\n`.repeat(2));
    expect(JSON.parse(runs[1]!.stdout).info).toEqual([`${local}/q?ids=1&key=****&code=****&token=****`, `${local}/q?ids=1&key=****&code=****&token=****`]);
  });

  it("a token the script itself writes: not in the code frames of lint, emit (curl and TypeScript) or run's errors", async () => {
    const token = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    const bearer = random('Bx-');
    secrets.set("script's Zoho token", token);
    secrets.set("script's bearer token", bearer);
    write(
      'written-token.dg',
      [
        'r = invokeurl',
        '[',
        `\turl: "${local}/crm/v8/Leads"`,
        '\ttype: GET',
        `\theaders: {"Authorization": "Zoho-oauthtoken ${token}", "X-Other": "Bearer ${bearer}"}`,
        '];',
        'info r.get("missing").size();',
        '',
      ].join('\n'),
    );
    const lint = await runDeluge(dir, ['lint', 'written-token.dg']);
    expect(lint.code).toBe(1);
    // The frame keeps its columns: the caret line still sits under the masked token.
    expect(lint.stdout).toContain(`Zoho-oauthtoken ${'*'.repeat(token.length)}`);
    const github = await runDeluge(dir, ['lint', 'written-token.dg', '--format', 'github']);
    const curl = await runDeluge(dir, ['emit', 'written-token.dg', '--to', 'curl']);
    const ts = await runDeluge(dir, ['emit', 'written-token.dg', '--to', 'ts']);
    const run = await deluge(['run', 'written-token.dg']);
    expect(run.code).toBe(1);
    expectNoSecrets(lint, github, curl, ts, run);
  });

  it('credentials a script writes as plain text values (a variable, put, a map key) are not in any code frame either', async () => {
    const apiKey = random('xoxb-');
    const clientSecret = random('');
    const headerToken = random('zt_');
    const password = 'Hunter22';
    const cookie = random('');
    const key = random('sk_live_');
    for (const [name, value] of Object.entries({ apiKey, clientSecret, headerToken, password, cookie, key })) secrets.set(`script's ${name}`, value);
    write(
      'plain-credentials.dg',
      [
        `key = "${key}";`,
        `apiKey = "${apiKey}";`,
        `password = "${password}";`,
        'form = Map();',
        `form.put("client_secret", "${clientSecret}");`,
        'r = invokeurl',
        '[',
        `	url: "${local}/hook"`,
        '	type: POST',
        '	parameters: form',
        `	headers: {"Authorization": "Bearer " + apiKey, "X-Zoho-Token": "${headerToken}", "X-Password": password, "Cookie": "sid=${cookie}"}`,
        '];',
        // A name that says nothing (`key`): the emitters know it for a credential by where it goes.
        `r2 = invokeurl [ url: "${local}/pay" type: GET headers: {"Authorization": "Bearer " + key} ];`,
        'info r.get("missing").size() / 0;',
        '',
      ].join('\n'),
    );
    // Every line with a credential is framed: lint (unused and unchecked values), emit's warnings, run's error.
    const lint = await runDeluge(dir, ['lint', 'plain-credentials.dg', '--rule', 'hardcoded-credential=error']);
    const curl = await runDeluge(dir, ['emit', 'plain-credentials.dg', '--to', 'curl']);
    const ts = await runDeluge(dir, ['emit', 'plain-credentials.dg', '--to', 'ts']);
    const run = await deluge(['run', 'plain-credentials.dg']);
    expect(`${lint.stdout}${ts.stderr}`).toContain(`apiKey = "${'*'.repeat(apiKey.length)}"`);
    expectNoSecrets(lint, curl, ts, run);
  });

  it('error messages: a refused connection (caught and uncaught), an unreachable accounts server, an unknown connection', async () => {
    write(
      'refused.dg',
      [
        'try',
        '{',
        invoke('r', `${unreachable}/crm/v7/Leads`, 'ci_token'),
        '}',
        'catch (e)',
        '{',
        '\tinfo "caught: " + e;',
        '}',
        invoke('s', `${sandboxUrl}/crm/v7/Leads`, 'crm_unreachable'),
        'info "never";',
        '',
      ].join('\n'),
    );
    const refused = await deluge(['run', 'refused.dg', '--log-requests', 'refused.ndjson', '--retries', '0']);
    expect(refused.stdout).toMatch(/^caught: .*could not connect.*\n$/);
    // No answer from the accounts server is a network failure of the request (DLG4024), not caught here.
    expect(refused.stderr).toMatch(/error\[DLG4024\] invokeurl GET [^:]+:\d+: connection "crm_unreachable": cannot reach 127\.0\.0\.1:\d+/);
    expect(refused.code).not.toBe(0);
    const log = readFileSync(join(dir, 'refused.ndjson'), 'utf8');
    expect(log).toContain('could not connect');
    expect(log).toMatch(/"connection":"crm_unreachable".*cannot reach/);
    expect(leaked(log), 'secrets in the --log-requests file').toEqual([]);

    write('unknown.dg', invoke('u', `${local}/x`, 'no_such_connection'));
    const unknown = await deluge(['run', 'unknown.dg', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).diagnostics).toEqual([expect.objectContaining({ code: 'DLG0005', message: expect.stringContaining('ci_token') })]);

    expectNoSecrets(refused, unknown);
  }, 30_000);

  it('a 401 INVALID_TOKEN whose refresh is refused (throttled): the error names no secret, in --json and in the connections command', async () => {
    // Expiring every token also ends the static one: no later test sends a request with it.
    await admin('POST', 'tokens/expire', {});
    await admin('POST', 'faults', { tokenThrottle: true });
    try {
      write('oauth.dg', invoke('a', `${sandboxUrl}/crm/v7/Leads/410405000002264040`, 'crm'));
      const run = await deluge(['run', 'oauth.dg', '--json']);
      expect(run.code).not.toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'DLG0007', message: expect.stringMatching(/connection "crm".*Access Denied/) })]);

      const refresh = await deluge(['connections', 'refresh', 'crm']);
      expect(refresh.stderr).toMatch(/^deluge: error\[DLG0007\] connection "crm": .*Access Denied/);
      expect(refresh.code).toBe(1);
      expectNoSecrets(run, refresh);
    } finally {
      await admin('POST', 'faults', { tokenThrottle: false });
    }
  });

  it('deluge connections list --json and test: masked ids, redacted headers, no secret', async () => {
    const listJson = await deluge(['connections', 'list', '--json']);
    expect(listJson.code).toBe(0);
    const listed = JSON.parse(listJson.stdout);
    expect(listed.connections.map((c: { name: string; type: string }) => `${c.name} ${c.type}`)).toEqual([
      'crm zoho-oauth',
      'ci_token zoho-token',
      'stale_token zoho-token',
      'stripe bearer',
      'erp basic',
      'mailer header',
      'crm_unreachable zoho-oauth',
    ]);
    expect(listed.connections[0]).toMatchObject({ clientId: '1000.****0000', refreshToken: 'file', problems: [] });

    const zohoToken = await deluge(['connections', 'test', 'ci_token']);
    expect(zohoToken.stdout).toContain('Authorization: Zoho-oauthtoken ****');
    expect(zohoToken.code).toBe(0);
    const bearer = await deluge(['connections', 'test', 'stripe']);
    expect(bearer.stdout).toContain('Authorization: Bearer ****');
    const header = await deluge(['connections', 'test', 'mailer']);
    expect(header.stdout).toContain('X-Api-Key: ****');
    const oauth = await deluge(['connections', 'test', 'crm_unreachable']);
    expect(oauth.stderr).toMatch(/^deluge: error\[DLG0007\] connection "crm_unreachable": cannot reach /);
    expect(oauth.code).toBe(1);

    expectNoSecrets(listJson, zohoToken, bearer, header, oauth);
  });

  it("the sandbox's own request log lines name no secret", () => {
    expect(leaked(readSandboxStderr())).toEqual([]);
  });
});
