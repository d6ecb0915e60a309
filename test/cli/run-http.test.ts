/**
 * `deluge run` making real requests, end to end through the built binary: the Delete Records docs sample against
 * the in-process sandbox (`--sandbox`), the run report and the audit log, `--dry-run`, the consent gate for
 * DELETEs to real hosts, `--fail-on-http-error`, `--stub`, unknown connections and network failures. Nothing
 * leaves the machine: requests go to the sandbox, to a node:http server of the test on 127.0.0.1, to a closed
 * loopback port, or nowhere (dry run, stubs, the consent gate).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteConsentQuestion } from '../../src/cli/commands/run.js';
import { STDOUT_CLOSED_NOTICE, stoppedHereMessage } from '../../src/runner/stop-wording.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { closedPort } from '../helpers/servers.js';
import { BIN, runDeluge, spawnDeluge } from '../helpers/cli.js';
import { startConnectProxy } from '../helpers/servers.js';

const DOCS_PASTED = fileURLToPath(new URL('../../examples/delete-records-docs-pasted.dg', import.meta.url));
const SAMPLE_URL = 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true';
/** The Delete Records page's sample response, as compact JSON (Zoho's execution log shows maps so). */
const SAMPLE_RESPONSE =
  '{"data":[{"code":"SUCCESS","details":{"id":"410405000002264040"},"message":"record deleted","status":"success"},' +
  '{"code":"SUCCESS","details":{"id":"410405000002264025"},"message":"record deleted","status":"success"}]}';
const SAMPLE_RECORDS = [
  { id: '410405000002264040', code: 'SUCCESS', status: 'success', message: 'record deleted' },
  { id: '410405000002264025', code: 'SUCCESS', status: 'success', message: 'record deleted' },
];
const UNKNOWN_ID = '410405000009999999';
/** Two Leads of the sandbox's demo data (the Delete Records page's sample ids). */
const SANDBOX_LEADS = ['410405000002264040', '410405000002264025'] as const;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

let dir: string;
let server: Server;
let local: string;
/** Requests the local server received, as `METHOD /path`. */
const received: string[] = [];
const savedEnv = { HOME: process.env['HOME'], DELUGE_CONNECTIONS: process.env['DELUGE_CONNECTIONS'] };

const deluge = (args: string[], stdin?: string) => runDeluge(dir, args, stdin);
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const ndjson = (name: string): Record<string, unknown>[] =>
  readFileSync(join(dir, name), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

/** Set by a test: the server hands it the response to `/hold` instead of answering (a request kept in flight). */
let onHold: ((res: ServerResponse) => void) | undefined;

/**
 * What the loopback server answers a DELETE to `/crm/v7/…?answer=<name>` with: 2xx answers without per-record
 * outcomes (and, for comparison, an empty `data` list, a 400 refusing the request, the Users API's own list).
 */
const DELETE_ANSWERS: Record<string, { status: number; type?: string; body: string }> = {
  'no-content': { status: 204, body: '' },
  'data-null': { status: 200, type: 'application/json', body: '{"data":null}' },
  'data-object': { status: 200, type: 'application/json', body: '{"data":{}}' },
  'status-only': { status: 200, type: 'application/json', body: '{"status":"success"}' },
  html: { status: 200, type: 'text/html', body: '<html><body>Deleted</body></html>' },
  empty: { status: 200, type: 'application/json', body: '' },
  'data-empty': { status: 200, type: 'application/json', body: '{"data":[]}' },
  deleted: { status: 200, type: 'application/json', body: SAMPLE_RESPONSE },
  refused: { status: 400, type: 'application/json', body: '{"code":"INVALID_URL_PATTERN","details":{},"message":"Please check if the URL trying to access is a correct one","status":"error"}' },
  extra: {
    status: 200,
    type: 'application/json',
    body: `{"data":[{"code":"SUCCESS","details":{"id":"410405000002264040"},"message":"record deleted","status":"success"},{"code":"SUCCESS","details":{"id":"${UNKNOWN_ID}"},"message":"record deleted","status":"success"}]}`,
  },
  user: { status: 200, type: 'application/json', body: '{"users":[{"code":"SUCCESS","details":{},"message":"User deleted","status":"success"}]}' },
  // A record without an id, one answered twice, one failed: none of the first two counts as more than it confirms.
  odd: {
    status: 207,
    type: 'application/json',
    body:
      '{"data":[{"code":"SUCCESS","details":{},"message":"record deleted","status":"success"},' +
      '{"code":"SUCCESS","details":{"id":"410405000002264040"},"message":"record deleted","status":"success"},' +
      '{"code":"SUCCESS","details":{"id":"0410405000002264040"},"message":"record deleted","status":"success"},' +
      '{"code":"INVALID_DATA","details":{"id":"410405000002264025"},"message":"record not deleted","status":"error"}]}',
  },
};

/** A loopback server answering 200 `{"ok":true}` (a DELETE to `/crm/…?answer=` as DELETE_ANSWERS says); every request is recorded. */
function startServer(): Promise<Server> {
  const s = createServer((req: IncomingMessage, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    if ((req.url === '/hold' || req.url?.includes('answer=hold')) && onHold) return onHold(res);
    // The connection closed before any answer: the server may have processed the request.
    if (req.url?.startsWith('/crm/') && req.url.includes('answer=close')) return void res.socket?.destroy();
    // More than a run reads (50 MB), after the ids were taken as deleted: the client stops reading part way.
    if (req.url?.startsWith('/crm/') && req.url.includes('answer=huge')) {
      res.on('error', () => {});
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data":"${' '.repeat(51 * 1024 * 1024)}"}`);
      return;
    }
    const answer = req.url?.startsWith('/crm/') ? DELETE_ANSWERS[new URL(req.url, 'http://x').searchParams.get('answer') ?? ''] : undefined;
    if (answer) return void res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {}).end(answer.body);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}


beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-run-http-'));
  // Nothing a run does may touch the real home folder (token stores default to ~/.deluge), nor a connections file of the machine.
  process.env['HOME'] = dir;
  delete process.env['DELUGE_CONNECTIONS'];
  server = await startServer();
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  write(
    'deluge.connections.json',
    JSON.stringify({ connections: { crm_oauth_connection: { type: 'zoho-token', accessToken: 'not-a-real-token-0000' } }, tokenStore: './tokens.json' }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('deluge run --sandbox: the docs sample runs as the page shows it', () => {
  it('prints exactly the page sample response on stdout, the summary on stderr; exit 0', async () => {
    const r = await deluge(['run', DOCS_PASTED, '--sandbox']);
    expect(r.stdout).toBe(`${SAMPLE_RESPONSE}\n`);
    expect(r.stderr).toBe('1 request (1 × 200); records: 2 succeeded, 0 failed\n');
    expect(r.code).toBe(0);
  });

  it('refuses --log-requests or --sandbox-data naming the script itself (the log was appended to the script)', async () => {
    const script = readFileSync(DOCS_PASTED, 'utf8');
    write('self.dg', script);
    for (const option of ['--log-requests', '--sandbox-data']) {
      const r = await deluge(['run', 'self.dg', '--sandbox', option, './self.dg']);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(`error[DLG0002] ${option} './self.dg' is the input 'self.dg': its output would replace the script; write it to another file`);
    }
    expect(readFileSync(join(dir, 'self.dg'), 'utf8')).toBe(script);
  });

  it('--json lists the request with both records; --log-requests writes it with "at" and "responseBody"', async () => {
    const r = await deluge(['run', DOCS_PASTED, '--sandbox', '--json', '--log-requests', 'sample.ndjson']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, info: [SAMPLE_RESPONSE], result: null, mails: [], diagnostics: [] });
    // stdout holds the report alone; the summary still goes to stderr, for the CI log.
    expect(r.stderr).toBe('1 request (1 × 200); records: 2 succeeded, 0 failed\n');
    expect(report.requests).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        url: SAMPLE_URL,
        status: 200,
        attempts: 1,
        connection: 'crm_oauth_connection',
        durationMs: expect.any(Number),
        records: SAMPLE_RECORDS,
      }),
    ]);
    const lines = ndjson('sample.ndjson');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ method: 'DELETE', url: SAMPLE_URL, status: 200, attempts: 1, connection: 'crm_oauth_connection', records: SAMPLE_RECORDS });
    expect(line!['at']).toMatch(ISO_TIME);
    expect(JSON.parse(line!['responseBody'] as string)).toEqual(JSON.parse(SAMPLE_RESPONSE));
  });
});

describe('deluge run --sandbox: what it does not emulate, and its clock', () => {
  it('says which failed requests asked for an API the sandbox does not emulate (COQL, users, settings, other services)', async () => {
    const script = write(
      'not-emulated.dg',
      [
        'q = invokeurl [ url: "https://www.zohoapis.com/crm/v7/coql" type: POST parameters: {"select_query": "select Last_Name from Leads limit 1"}.toString() connection: "crm" ];',
        'u = invokeurl [ url: "https://www.zohoapis.com/crm/v2/users" type: GET parameters: {"type": "ActiveUsers"} connection: "crm" ];',
        'v = invokeurl [ url: "https://www.zohoapis.eu/crm/v8/settings/variables" type: GET connection: "crm" ];',
        'b = invokeurl [ url: "https://www.zohoapis.com/billing/v1/customers/1" type: GET connection: "crm" ];',
        'm = invokeurl [ url: "https://www.zohoapis.com/crm/v2/No_Such_Module" type: GET connection: "crm" ];',
        '',
      ].join('\n'),
    );
    const r = await deluge(['run', script, '--sandbox']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((line) => line.startsWith('  failed request'))).toEqual([
      '  failed request: POST www.zohoapis.com/crm/v7/coql → 400 INVALID_MODULE The module name given seems to be invalid (the sandbox does not emulate COQL: give the script its answer with --stub)',
      '  failed request: GET www.zohoapis.com/crm/v2/users → 400 INVALID_MODULE The module name given seems to be invalid (the sandbox does not emulate the users API: give the script its answer with --stub)',
      '  failed request: GET www.zohoapis.eu/crm/v8/settings/variables → 400 INVALID_MODULE The module name given seems to be invalid (the sandbox does not emulate the settings and metadata APIs: give the script its answer with --stub)',
      '  failed request: GET www.zohoapis.com/billing/v1/customers/1 → 404 INVALID_URL_PATTERN Please check if the URL trying to access is a correct one (the sandbox emulates only the CRM API, not /billing/…: give the script its answer with --stub)',
      // A module the sandbox does not have is the script's (or the seed data's) matter: no note.
      '  failed request: GET www.zohoapis.com/crm/v2/No_Such_Module → 400 INVALID_MODULE The module name given seems to be invalid',
    ]);
  });

  it('with --now, the records the run makes carry that instant (the sandbox keeps the script\'s clock)', async () => {
    const script = write(
      'clock.dg',
      [
        'created = zoho.crm.createRecord("Leads", {"Last_Name": "Clock"});',
        'record = zoho.crm.getRecordById("Leads", created.get("id"));',
        'info created.get("Created_Time");',
        'info record.get("Modified_Time");',
        'info zoho.currenttime.toString("yyyy-MM-dd\'T\'HH:mm:ss");',
        '',
      ].join('\n'),
    );
    const r = await deluge(['run', script, '--sandbox', '--now', '2024-03-05T10:20:30Z', '--tz', 'UTC']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2024-03-05T10:20:30+00:00\n2024-03-05T10:20:30+00:00\n2024-03-05T10:20:30\n');
  });
});

describe('failed records and --fail-on-http-error', () => {
  const deleteIds = () =>
    write('delete-ids.dg', 'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=" + input.ids\n\ttype: DELETE\n\tconnection: "crm_oauth_connection"\n];\ninfo response.get("data").size();\n');

  it('without the flag: a 207 and a 400 delete exit 0, every failed record is listed on stderr, one audit line per request is appended', async () => {
    write(
      'two-deletes.dg',
      [
        'partial = invokeurl',
        '[',
        `\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,${UNKNOWN_ID}"`,
        '\ttype: DELETE',
        '\tconnection: "crm_oauth_connection"',
        '];',
        'info partial.get("data").get(1).get("code");',
        'none = invokeurl',
        '[',
        '\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040"',
        '\ttype: DELETE',
        '\tconnection: "crm_oauth_connection"',
        '];',
        'info none.get("data").get(0).get("message");',
        '',
      ].join('\n'),
    );
    write('audit.ndjson', '{"earlier":"line"}\n');
    const r = await deluge(['run', 'two-deletes.dg', '--sandbox', '--log-requests', 'audit.ndjson']);
    expect(r.stdout).toBe('INVALID_DATA\nrecord not deleted\n');
    expect(r.stderr).toBe(
      '2 requests (1 × 207, 1 × 400); records: 1 succeeded, 2 failed\n' +
        `  failed: ${UNKNOWN_ID} INVALID_DATA record not deleted (DELETE www.zohoapis.com)\n` +
        '  failed: 410405000002264040 INVALID_DATA record not deleted (DELETE www.zohoapis.com)\n',
    );
    expect(r.code).toBe(0);
    const lines = ndjson('audit.ndjson');
    expect(lines.map((l) => l['status'] ?? l['earlier'])).toEqual(['line', 207, 400]);
    for (const line of lines.slice(1)) {
      expect(line['at']).toMatch(ISO_TIME);
      expect(JSON.parse(line['responseBody'] as string)).toHaveProperty('data');
    }
  });

  it.runIf(existsSync('/dev/full'))('an audit log that cannot be written (a full disk): the run goes on, reports every request, says so last and exits 2', async () => {
    const r = await deluge(['run', deleteIds(), '--sandbox', '--json', '--log-requests', '/dev/full', '--arg', 'ids=410405000002264040']);
    expect(JSON.parse(r.stdout).requests).toHaveLength(1);
    // The report says why the run exits 2 too.
    expect(JSON.parse(r.stdout).diagnostics).toEqual([
      expect.objectContaining({ filePath: '/dev/full', ruleId: 'unwritable-file', code: 'DLG0003', severity: 2, message: expect.stringMatching(/^--log-requests: cannot write '\/dev\/full': .*ENOSPC/) }),
    ]);
    expect(r.stderr).toContain('1 request (1 × 200); records: 1 succeeded, 0 failed\n');
    expect(r.stderr).toMatch(/error\[DLG0003\] --log-requests: cannot write '\/dev\/full': .*ENOSPC.*the log misses request 1 and every one after it/);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(2);
  });

  it.runIf(existsSync('/dev/full'))('stdout that cannot be written (a full disk): said with its reason, no stack trace, the summary kept, exit 2; lint alike', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [BIN, 'run', deleteIds(), '--sandbox', '--arg', 'ids=410405000002264025'], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(run.stderr).toContain('Stopped: standard output cannot be written (no space left on the device (ENOSPC))');
      expect(run.stderr).toContain('1 request (1 × 200); records: 1 succeeded, 0 failed\n');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.status).toBe(2);
      // The --json report, written after the script: exit 2 as well (it exited 0 with the report lost).
      const report = spawnSync(process.execPath, [BIN, 'run', deleteIds(), '--sandbox', '--json', '--arg', 'ids=410405000002264025'], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(report.stderr).toContain('deluge: error[DLG0003] cannot write to standard output: no space left on the device (ENOSPC)\n');
      expect(report.stderr).not.toContain('Stopped');
      expect(report.status).toBe(2);
      const lint = spawnSync(process.execPath, [BIN, 'lint', deleteIds()], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(lint.stderr).toBe('deluge: error[DLG0003] cannot write to standard output: no space left on the device (ENOSPC)\n');
      expect(lint.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });

  it('with the flag: a 207 (one unknown id) exits 1', async () => {
    const r = await deluge(['run', deleteIds(), '--sandbox', '--fail-on-http-error', '--arg', `ids=410405000002264040,${UNKNOWN_ID}`]);
    expect(r.stdout).toBe('2\n');
    expect(r.stderr).toContain(`failed: ${UNKNOWN_ID} INVALID_DATA record not deleted`);
    // Said last, why the run exits 1 though the script ran to its end.
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('deluge run: exit 1 for --fail-on-http-error (the requests and records listed above)');
    expect(r.code).toBe(1);
  });

  it('with the flag: a request refused as a whole exits 1, its code and the ids it did not delete on stderr, in --json and in the audit log', async () => {
    // Ids as the server reads them: a repeat, a leading zero and empty items name no further record.
    const ids = `410405000002264040,abc,0410405000002264040,,410405000002264040,${UNKNOWN_ID},`;
    const r = await deluge(['run', deleteIds(), '--sandbox', '--json', '--fail-on-http-error', '--log-requests', 'refused.ndjson', '--arg', `ids=${ids}`]);
    const refused = {
      status: 400,
      code: 'UNABLE_TO_PARSE_DATA_TYPE',
      message: 'either the request body or parameters is in wrong format',
      notDeleted: ['410405000002264040', 'abc', UNKNOWN_ID],
    };
    expect(JSON.parse(r.stdout).requests).toEqual([expect.objectContaining(refused)]);
    expect(ndjson('refused.ndjson')).toEqual([expect.objectContaining(refused)]);
    expect(r.stderr).toContain(
      '1 request (1 × 400); records: 0 succeeded, 0 failed, 3 not deleted (refused with their request)\n' +
        '  failed request: DELETE www.zohoapis.com/crm/v7/Leads → 400 UNABLE_TO_PARSE_DATA_TYPE either the request body or parameters is in wrong format;' +
        ` none of the ids it named was deleted: 410405000002264040, abc, ${UNKNOWN_ID}\n`,
    );
    expect(r.code).toBe(1);
  });

  it('an id the answer leaves out is listed on stderr and in --json, and fails the run under the flag', async () => {
    const r = await deluge(['run', deleteIds(), '--sandbox', '--json', '--fail-on-http-error', '--arg', `ids=410405000002264040&ids=410405000002264025`]);
    expect(JSON.parse(r.stdout).requests).toEqual([expect.objectContaining({ status: 200, notInAnswer: ['410405000002264025'] })]);
    expect(r.stderr).toBe(
      '1 request (1 × 200); records: 1 succeeded, 0 failed, 1 not in the answer\n' +
        '  not in the answer: 410405000002264025 (DELETE www.zohoapis.com: the request named it, the answer says nothing of it)\n' +
        'deluge run: exit 1 for --fail-on-http-error (the requests and records listed above)\n',
    );
    expect(r.code).toBe(1);
  });

  it('a 2xx answer with no per-record outcomes (204, data null or a map, no data, HTML, empty): every id named is not in the answer; exit 1 under the flag', async () => {
    const ids = '410405000002264040,410405000002264025';
    const answers = ['no-content', 'data-null', 'data-object', 'status-only', 'html', 'empty', 'data-empty'];
    const runs = await Promise.all(
      answers.map((answer) => {
        write(`no-outcomes-${answer}.dg`, `r = invokeurl [ url: "${local}/crm/v7/Leads?ids=${ids}&answer=${answer}" type: DELETE ];\ninfo "sent";\n`);
        return deluge(['run', `no-outcomes-${answer}.dg`, '--json', '--fail-on-http-error']);
      }),
    );
    for (const [i, answer] of answers.entries()) {
      const r = runs[i]!;
      const { status } = DELETE_ANSWERS[answer]!;
      expect(r.stdout, answer).toContain('"info":["sent"]');
      expect(JSON.parse(r.stdout).requests, answer).toEqual([expect.objectContaining({ status, notInAnswer: ids.split(',') })]);
      expect(r.stderr, answer).toBe(
        `1 request (1 × ${status}); records: 0 succeeded, 0 failed, 2 not in the answer\n` +
          ids
            .split(',')
            .map((id) => `  not in the answer: ${id} (DELETE 127.0.0.1:${new URL(local).port}: the request named it, the answer says nothing of it)\n`)
            .join('') +
          'deluge run: exit 1 for --fail-on-http-error (the requests and records listed above)\n',
      );
      expect(r.code, answer).toBe(1);
    }
  });

  it('the single-record form answered 204: its id is not in the answer; a 400 stays a failed request; the Users API is not a module', async () => {
    const port = new URL(local).port;
    write('single.dg', `r = invokeurl [ url: "${local}/crm/v7/Leads/410405000002264040?answer=no-content" type: DELETE ];\n`);
    const single = await deluge(['run', 'single.dg', '--json', '--fail-on-http-error']);
    expect(JSON.parse(single.stdout).requests).toEqual([expect.objectContaining({ status: 204, notInAnswer: ['410405000002264040'] })]);
    expect(single.code).toBe(1);

    write('refused.dg', `r = invokeurl [ url: "${local}/crm/v7/Leads?ids=410405000002264040&answer=refused" type: DELETE ];\n`);
    const refused = await deluge(['run', 'refused.dg', '--json', '--fail-on-http-error']);
    expect(JSON.parse(refused.stdout).requests[0]).toMatchObject({ notDeleted: ['410405000002264040'] });
    expect(JSON.parse(refused.stdout).requests[0].notInAnswer).toBeUndefined();
    expect(refused.stderr).toBe(
      '1 request (1 × 400); records: 0 succeeded, 0 failed, 1 not deleted (refused with their request)\n' +
        `  failed request: DELETE 127.0.0.1:${port}/crm/v7/Leads → 400 INVALID_URL_PATTERN Please check if the URL trying to access is a correct one; none of the ids it named was deleted: 410405000002264040\n` +
        'deluge run: exit 1 for --fail-on-http-error (the requests and records listed above)\n',
    );
    expect(refused.code).toBe(1);

    write('user.dg', `r = invokeurl [ url: "${local}/crm/v7/users/4104050000000235009?answer=user" type: DELETE ];\n`);
    const user = await deluge(['run', 'user.dg', '--json', '--fail-on-http-error']);
    expect(JSON.parse(user.stdout).requests[0].notInAnswer).toBeUndefined();
    expect(user.stderr).toBe('1 request (1 × 200)\n');
    expect(user.code).toBe(0);
  });

  it('a record the answer names that the request did not is listed as not requested, and fails the run under the flag', async () => {
    write('extra.dg', `r = invokeurl [ url: "${local}/crm/v7/Leads?ids=410405000002264040&answer=extra" type: DELETE ];\n`);
    const r = await deluge(['run', 'extra.dg', '--json', '--fail-on-http-error']);
    expect(JSON.parse(r.stdout).requests).toEqual([expect.objectContaining({ status: 200, notRequested: [UNKNOWN_ID] })]);
    expect(JSON.parse(r.stdout).requests[0].notInAnswer).toBeUndefined();
    expect(r.stderr).toBe(
      // The record not asked about is not counted as deleted.
      '1 request (1 × 200); records: 1 succeeded, 0 failed\n' +
        `  not requested: ${UNKNOWN_ID} (DELETE 127.0.0.1:${new URL(local).port}: the answer names it, the request did not)\n` +
        'deluge run: exit 1 for --fail-on-http-error (the requests and records listed above)\n',
    );
    expect(r.code).toBe(1);
  });

  it('a success without an id, or for an id answered twice, confirms no more records than the request named: listed, and failing the run under the flag', async () => {
    write('odd.dg', `r = invokeurl [ url: "${local}/crm/v7/Leads?ids=410405000002264040,410405000002264025&answer=odd" type: DELETE ];\n`);
    const r = await deluge(['run', 'odd.dg', '--fail-on-http-error']);
    const host = `127.0.0.1:${new URL(local).port}`;
    expect(r.stderr).toBe(
      '1 request (1 × 207); records: 1 succeeded, 1 failed\n' +
        `  failed: 410405000002264025 INVALID_DATA record not deleted (DELETE ${host})\n` +
        `  no id: SUCCESS record deleted (DELETE ${host}: the answer names no record, so it confirms none deleted)\n` +
        'deluge run: exit 1 for --fail-on-http-error (the requests and records listed above)\n',
    );
    expect(r.code).toBe(1);
  });

  it('with the flag: a 400 (no id deleted) exits 1', async () => {
    const r = await deluge(['run', deleteIds(), '--sandbox', '--fail-on-http-error', '--arg', `ids=${UNKNOWN_ID}`]);
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toContain('1 request (1 × 400); records: 0 succeeded, 1 failed');
    expect(r.code).toBe(1);
  });
});

describe('a DELETE that got no answer', () => {
  it('has a line in the summary naming its ids, also when the script caught the error', async () => {
    write(
      'no-answer.dg',
      ['try', '{', `\tr = invokeurl [ url: "${local}/crm/v7/Leads?ids=410405000002264040,410405000002264025,410405000002264040,0410405000002264025&answer=close" type: DELETE ];`, '}', 'catch (e)', '{', '\tinfo "caught";', '}', ''].join('\n'),
    );
    const r = await deluge(['run', 'no-answer.dg', '--retries', '0']);
    expect(r.stdout).toBe('caught\n');
    expect(r.stderr).toContain('1 request (1 × no response)');
    expect(r.stderr).toMatch(
      new RegExp(`  no answer: DELETE ${new URL(local).host}/crm/v7/Leads \\(.+\\); the ids it named, whether deleted or not: 410405000002264040, 410405000002264025\\n`),
    );
    expect(r.code).toBe(0);
    // Under the flag, records whose fate is unknown fail the run.
    const ci = await deluge(['run', 'no-answer.dg', '--retries', '0', '--fail-on-http-error']);
    expect(ci.stdout).toBe('caught\n');
    expect(ci.stderr).toContain('  no answer: DELETE ');
    expect(ci.code).toBe(1);
  });
});

describe('a DELETE whose answer is too large to read (over 50 MB)', () => {
  it('is accounted for as one without an answer (its ids named), the run going on: the report, the summary and the log have it', async () => {
    write('huge.dg', ['try', '{', `\tr = invokeurl [ url: "${local}/crm/v7/Leads?ids=410405000002264040,410405000002264025&answer=huge" type: DELETE ];`, '}', 'catch (e)', '{', '\tinfo "caught";', '}', ''].join('\n'));
    const r = await deluge(['run', 'huge.dg', '--json', '--log-requests', 'huge.ndjson']);
    const report = JSON.parse(r.stdout);
    expect(report.info).toEqual(['caught']);
    expect(report.requests).toEqual([
      expect.objectContaining({ method: 'DELETE', status: null, notInAnswer: ['410405000002264040', '410405000002264025'], error: expect.stringMatching(/\(HTTP 200\) is larger than 50 MB, more than a run reads: it was not read$/) }),
    ]);
    expect(r.stderr).toMatch(/no answer: DELETE [^ ]+\/crm\/v7\/Leads .*410405000002264040, 410405000002264025/);
    expect(ndjson('huge.ndjson')).toHaveLength(1);
    expect(r.code).toBe(0);
  });
});

describe('a DELETE that could not connect', () => {
  it('was not sent: the summary and the report say it deleted none of its ids, with how often it was tried', async () => {
    const port = await closedPort();
    const host = `127.0.0.1:${port}`;
    write(
      'not-sent.dg',
      ['try', '{', `\tr = invokeurl [ url: "http://${host}/crm/v7/Leads?ids=410405000002264040,410405000002264025,410405000002264040" type: DELETE ];`, '}', 'catch (e)', '{', '\tinfo "caught";', '}', ''].join('\n'),
    );
    // One retry: the backoff before it is 500 ms.
    const r = await deluge(['run', 'not-sent.dg', '--retries', '1', '--json', '--log-requests', 'not-sent.ndjson', '--fail-on-http-error']);
    const error = `could not connect to ${host} (connection refused) after 2 attempts`;
    const report = JSON.parse(r.stdout);
    expect(report.info).toEqual(['caught']);
    expect(report.requests).toEqual([
      { method: 'DELETE', url: `http://${host}/crm/v7/Leads?ids=410405000002264040,410405000002264025,410405000002264040`, status: null, durationMs: expect.any(Number), attempts: 0, origin: 'invokeurl', error },
    ]);
    expect(ndjson('not-sent.ndjson')).toEqual([expect.objectContaining({ status: null, attempts: 0, error })]);
    expect(ndjson('not-sent.ndjson')[0]).not.toHaveProperty('notInAnswer');
    expect(r.stderr).toContain('1 request (1 × not sent)\n');
    expect(r.stderr).toContain(`  not sent: DELETE ${host}/crm/v7/Leads (${error}); none of the ids it named was deleted: 410405000002264040, 410405000002264025\n`);
    // Not deleted is still not done: CI fails the run.
    expect(r.code).toBe(1);
  }, 15_000);
});

describe('a DELETE answered 429 whose retry could not connect', () => {
  it('is accounted for by its 429 and its retry not sent, alike in the summary, the report and the audit log', async () => {
    // The server answers once (429, retry at once) and is gone: the retry finds its port closed.
    const tooMany = createServer((req, res) => {
      req.resume();
      tooMany.close();
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': '0', connection: 'close' })
        .end('{"code":"TOO_MANY_REQUESTS","details":{},"message":"You have made too many requests.","status":"error"}');
    });
    await new Promise<void>((resolve) => tooMany.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(tooMany.address() as AddressInfo).port}`;
    const url = `http://${host}/crm/v7/Leads?ids=410405000002264040,410405000002264025`;
    write('too-many.dg', ['try', '{', `\tr = invokeurl [ url: "${url}" type: DELETE ];`, '}', 'catch (e)', '{', '\tinfo "caught";', '}', ''].join('\n'));
    const r = await deluge(['run', 'too-many.dg', '--retries', '1', '--json', '--log-requests', 'too-many.ndjson']);
    const error = `could not connect to ${host} (connection refused) after 2 attempts`;
    const listed = {
      method: 'DELETE',
      url,
      status: 429,
      durationMs: expect.any(Number),
      attempts: 1,
      code: 'TOO_MANY_REQUESTS',
      message: 'You have made too many requests.',
      notDeleted: ['410405000002264040', '410405000002264025'],
      origin: 'invokeurl',
      error,
    };
    expect(JSON.parse(r.stdout).requests).toEqual([listed]);
    expect(ndjson('too-many.ndjson')).toEqual([{ ...listed, at: expect.stringMatching(ISO_TIME), responseBody: expect.stringContaining('TOO_MANY_REQUESTS') }]);
    expect(r.stderr).toContain('1 request (1 × 429); records: 0 succeeded, 0 failed, 2 not deleted (refused with their request)\n');
    expect(r.stderr).toContain(
      `  failed request: DELETE ${host}/crm/v7/Leads → 429 TOO_MANY_REQUESTS You have made too many requests.; its retry was not sent (${error}); ` +
        'none of the ids it named was deleted: 410405000002264040, 410405000002264025\n',
    );
    expect(r.code).toBe(0);
  });
});

describe('--dry-run: nothing is sent', () => {
  const script = () =>
    write(
      'dry.dg',
      [
        'response = invokeurl',
        '[',
        `\turl: "${SAMPLE_URL}"`,
        '\ttype: DELETE',
        '\tconnection: "crm_oauth_connection"',
        '];',
        'info response;',
        'created = invokeurl',
        '[',
        '\turl: "https://www.zohoapis.eu/crm/v7/Leads"',
        '\ttype: POST',
        '\tparameters: {"data": [{"Last_Name": "Dry"}]}.toString()',
        '\theaders: {"Content-Type": "application/json"}',
        '\tconnection: "crm_oauth_connection"',
        '];',
        'info created;',
        'local = invokeurl',
        '[',
        `\turl: "${local}/never"`,
        '\ttype: GET',
        '];',
        'info local;',
        '',
      ].join('\n'),
    );

  it('shows method, URL, the redacted Authorization header and the body on stderr; the script gets {}', async () => {
    received.length = 0;
    const r = await deluge(['run', script(), '--dry-run']);
    expect(r.stdout).toBe('{}\n{}\n{}\n');
    expect(r.stderr).toBe(
      [
        `[dry run] DELETE ${SAMPLE_URL}`,
        '  Authorization: Zoho-oauthtoken ****',
        '[dry run] POST https://www.zohoapis.eu/crm/v7/Leads',
        '  Content-Type: application/json',
        '  Authorization: Zoho-oauthtoken ****',
        '  {"data":[{"Last_Name":"Dry"}]}',
        `[dry run] GET ${local}/never`,
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(received).toEqual([]);
    expect(r.stderr).not.toContain('not-a-real-token');
  });

  it('--json lists the requests that would be sent, with redacted headers and the body, in requests[] instead of on stderr', async () => {
    const r = await deluge(['run', script(), '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('[dry run]');
    const report = JSON.parse(r.stdout);
    expect(report.info).toEqual(['{}', '{}', '{}']);
    expect(report.requests).toEqual([
      expect.objectContaining({ method: 'DELETE', url: SAMPLE_URL, status: null, dryRun: true, headers: [['Authorization', 'Zoho-oauthtoken ****']] }),
      expect.objectContaining({
        method: 'POST',
        url: 'https://www.zohoapis.eu/crm/v7/Leads',
        status: null,
        dryRun: true,
        headers: [
          ['Content-Type', 'application/json'],
          ['Authorization', 'Zoho-oauthtoken ****'],
        ],
        body: '{"data":[{"Last_Name":"Dry"}]}',
      }),
      expect.objectContaining({ method: 'GET', url: `${local}/never`, status: null, dryRun: true }),
    ]);
    expect(r.stdout).not.toContain('not-a-real-token');
  });

  it("shows zoho.crm tasks and invokeapi on the connection's data centre (EU here), fetching no token", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deluge-run-http-eu-'));
    try {
      const eu = { type: 'zoho-oauth', clientId: '1000.EUCLIENT', clientSecret: 'eu-secret-never-shown', refreshToken: '1000.eu-refresh-never-shown', dataCenter: 'eu' };
      writeFileSync(join(dir, 'deluge.connections.json'), JSON.stringify({ connections: { crm_eu: eu }, tokenStore: './tokens.json' }));
      writeFileSync(
        join(dir, 'eu.dg'),
        'lead = zoho.crm.getRecordById("Leads", 410405000002264040, {}, "crm_eu");\nd = invokeapi\n[\n\tservice: zohocrm\n\tpath: "/crm/v7/Leads?ids=410405000002264040"\n\ttype: DELETE\n\tconnection: "crm_eu"\n];\n',
      );
      const r = await runDeluge(dir, ['run', 'eu.dg', '--dry-run']);
      expect(r.stderr).toBe(
        [
          '[dry run] GET https://www.zohoapis.eu/crm/v2/Leads/410405000002264040',
          '  Authorization: Zoho-oauthtoken ****',
          '[dry run] DELETE https://www.zohoapis.eu/crm/v7/Leads?ids=410405000002264040',
          '  Authorization: Zoho-oauthtoken ****',
          '',
        ].join('\n'),
      );
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, 'tokens.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);

  it('shows the Content-Type a form or multipart body is sent with, a multipart body part by part, control characters escaped', async () => {
    received.length = 0;
    write(
      'bodies.dg',
      [
        // "hi\n" in Base64.
        'note = zoho.encryption.base64DecodeToFile("aGkK", "note.txt");',
        `m = invokeurl [ url: "${local}/up" type: POST parameters: {"name": "John Doe", "file": note, "desc": "line1\\nline2\\rx", "raw": "@literal", "client_secret": "s3cr3t-value"} ];`,
        `f = invokeurl [ url: "${local}/form" type: POST parameters: {"a": "x y", "b": "1&2"} ];`,
        `t = invokeurl [ url: "${local}/text" type: POST parameters: "over\\rwritten" + zoho.encryption.base64Decode("Gw==") + "[2K" ];`,
        '',
      ].join('\n'),
    );
    const r = await deluge(['run', 'bodies.dg', '--dry-run']);
    expect(r.stderr).toBe(
      [
        `[dry run] POST ${local}/up`,
        '  Content-Type: multipart/form-data; boundary=<random>',
        '  multipart/form-data:',
        '    name="John Doe"',
        '    file=@note.txt (3 bytes, application/octet-stream)',
        '    desc="line1\\nline2\\rx"',
        '    raw="@literal"',
        '    client_secret="****"',
        `[dry run] POST ${local}/form`,
        '  Content-Type: application/x-www-form-urlencoded',
        '  a=x+y&b=1%262',
        `[dry run] POST ${local}/text`,
        '  Content-Type: text/plain',
        '  over\\rwritten\\u001b[2K',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const json = JSON.parse((await deluge(['run', 'bodies.dg', '--dry-run', '--json'])).stdout);
    expect(json.requests.map((q: Record<string, unknown>) => [q['headers'], q['body'] ?? q['parts']])).toEqual([
      [
        [['Content-Type', 'multipart/form-data; boundary=<random>']],
        [
          { name: 'name', value: 'John Doe' },
          { name: 'file', file: 'note.txt', contentType: 'application/octet-stream', bytes: 3 },
          { name: 'desc', value: 'line1\nline2\rx' },
          { name: 'raw', value: '@literal' },
          { name: 'client_secret', value: '****' },
        ],
      ],
      [[['Content-Type', 'application/x-www-form-urlencoded']], 'a=x+y&b=1%262'],
      [[['Content-Type', 'text/plain']], 'over\rwritten\u001b[2K'],
    ]);
    expect(received).toEqual([]);
  });

  it('shows a zoho.crm task as the request it would send, without a connections file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'deluge-run-http-empty-'));
    try {
      // The docs' loop over getRecords runs on: a list task answers an empty list, a record task an empty map.
      const script = 'lead = zoho.crm.getRecordById("Leads", 410405000002264040);\nfor each r in zoho.crm.getRecords("Leads")\n{\n\tinfo r;\n}\ninfo lead;\ninfo "shown";\n';
      writeFileSync(join(empty, 'task.dg'), script);
      const r = await runDeluge(empty, ['run', 'task.dg', '--dry-run']);
      expect(r.stderr).toMatch(/^\[dry run\] GET https:\/\/www\.zohoapis\.com\/crm\/v\d+(\.\d+)?\/Leads\/410405000002264040\n {2}Authorization: Zoho-oauthtoken \*\*\*\*\n/);
      // The credential shown is made up: a real run stops at the first request (DLG0005). Said once, at the end.
      expect(r.stderr).toMatch(/\nnote: no deluge\.connections\.json was found, so the credentials shown are what a Zoho OAuth connection would send; a real run stops at the first request until the connection "zohocrm" is defined \(pass --connections FILE or set \$DELUGE_CONNECTIONS; see docs\/connections\.md\)\.\n$/);
      expect(r.stdout).toBe('{}\nshown\n');
      expect(r.code).toBe(0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 10_000);
});

describe('headers the HTTP client manages', () => {
  const script = (header: string, value: string) =>
    write(
      'managed.dg',
      [
        'try',
        '{',
        `\tr = invokeurl [ url: "${local}/managed" type: POST parameters: "hello" headers: {${JSON.stringify(header)}: ${JSON.stringify(value)}} ];`,
        '\tinfo "sent";',
        '}',
        'catch (e)',
        '{',
        '\tinfo "caught: " + e;',
        '}',
        '',
      ].join('\n'),
    );

  it.each([
    ['Keep-Alive', 'timeout=5', 'the header Keep-Alive cannot be set by a script: the HTTP client manages the connection'],
    ['Upgrade', 'h2c', 'the header Upgrade cannot be set by a script: the HTTP client manages the connection (it does not switch protocols)'],
    ['Expect', '100-continue', 'the header Expect cannot be set by a script: the HTTP client sends the body at once, without waiting for 100 Continue'],
    ['Transfer-Encoding', 'chunked', 'the header Transfer-Encoding cannot be set by a script: the HTTP client frames the body itself (with Content-Length)'],
    ['Content-Length', '99', 'the header Content-Length says "99", and the body is 5 bytes; the HTTP client sends the body\'s own length, so leave the header out'],
    ['Content-Length', ' 5 ', 'the header Content-Length says " 5 ", and the body is 5 bytes; the HTTP client sends the body\'s own length, so leave the header out'],
    ['Connection', 'keep alive', 'the header Connection names connection options (header names, separated by commas), not "keep alive"'],
    ['X-Price', '5 €', "the value of the header X-Price contains '€', which a header cannot carry (only Latin-1 characters)"],
  ])('%s: %s stops the run before anything is sent, with DLG4018 naming it, which the script cannot catch', async (header, value, reason) => {
    received.length = 0;
    const r = await deluge(['run', script(header, value)]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error[DLG4018] invokeurl: ${reason}; nothing was sent`);
    expect(r.stderr).not.toContain('DLG4024');
    expect(r.code).toBe(1);
    expect(received).toEqual([]);
  });

  it('a Content-Length that is the body\'s, Connection: keep-alive and a Latin-1 value are sent', async () => {
    received.length = 0;
    for (const [header, value] of [['Content-Length', '5'], ['Connection', 'keep-alive'], ['X-Name', 'Zoë']] as const) {
      const r = await deluge(['run', script(header, value)]);
      expect(r.stdout).toBe('sent\n');
      expect(r.code).toBe(0);
    }
    expect(received).toEqual(['POST /managed', 'POST /managed', 'POST /managed']);
  });
});

describe('consent before a DELETE to a real host', () => {
  it('without --yes and without a TTY the run stops with DLG4025 before the DELETE is sent; exit 1', async () => {
    received.length = 0;
    write(
      'gate.dg',
      [
        `ping = invokeurl`,
        '[',
        `\turl: "${local}/ping"`,
        '\ttype: GET',
        '];',
        'info "before";',
        'response = invokeurl',
        '[',
        `\turl: "${SAMPLE_URL}"`,
        '\ttype: DELETE',
        '\tconnection: "crm_oauth_connection"',
        '];',
        'info "after";',
        '',
      ].join('\n'),
    );
    const r = await deluge(['run', 'gate.dg', '--log-requests', 'gate.ndjson']);
    expect(r.stdout).toBe('before\n');
    expect(r.stderr).toMatch(/gate\.dg:7:\d+: error\[DLG4025\] .*www\.zohoapis\.com.*--yes/);
    expect(r.code).toBe(1);
    expect(received).toEqual(['GET /ping']);
    // The audit log has the GET that was sent and no line for the DELETE.
    expect(ndjson('gate.ndjson').map((l) => `${l['method']} ${l['url']}`)).toEqual([`GET ${local}/ping`]);
  });
  it('an invokeapi DELETE (service and path, the domain put before it) is held at the same gate', async () => {
    received.length = 0;
    write('gate-api.dg', ['response = invokeapi', '[', '\tservice: zohocrm', '\tpath: "/crm/v7/Leads?ids=410405000002264040"', '\ttype: DELETE', '\tconnection: "crm_oauth_connection"', '];', 'info "after";', ''].join('\n'));
    const r = await deluge(['run', 'gate-api.dg']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/gate-api\.dg:1:\d+: error\[DLG4025\] Not sent: DELETE www\.zohoapis\.com\/crm\/v7\/Leads .*--yes/);
    expect(r.code).toBe(1);
  });
  it('the question on a terminal names the first DELETE and says a yes lets the later ones through unasked', () => {
    // Consent is asked once per run: a loop's later DELETEs go without a question, whatever the first one named.
    const question = deleteConsentQuestion({ method: 'DELETE', host: 'www.zohoapis.com', ids: 1 });
    expect(question).toBe('DELETE www.zohoapis.com: this deletes 1 record in a real Zoho account, and a yes lets every later DELETE of this run through unasked. Send it? [y/N] ');
    expect(deleteConsentQuestion({ method: 'DELETE', host: 'api.example.com:8443', ids: 2 })).toMatch(/^DELETE api\.example\.com:8443: this deletes 2 records in a real account, /);
  });
});

describe('the question on a terminal (script(1) gives the run one)', () => {
  it('Ctrl-C at it stops the run as Ctrl-C does: that DELETE unsent, the earlier ones accounted for (summary, --json, exit 130)', async () => {
    received.length = 0;
    write('asked.dg', [`a = invokeurl [ url: "${local}/crm/v7/Leads?ids=5,6" type: DELETE ];`, 'b = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=111" type: DELETE ];', 'info "after";', ''].join('\n'));
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} run asked.dg --json > asked.json; echo "exit $?"`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { ...process.env, TERM: 'dumb' } });
    let shown = '';
    const ended = new Promise<void>((resolve) => child.on('close', () => resolve()));
    child.stdout.on('data', (chunk: Buffer) => {
      const before = shown;
      shown += chunk.toString();
      // Ctrl-C, once the question is up (the terminal is then raw: readline gets it, not the process).
      if (!before.includes('Send it?') && shown.includes('Send it?')) child.stdin.write('\x03');
    });
    await ended;
    expect(shown).toContain('DELETE www.zohoapis.com: this deletes 1 record in a real Zoho account');
    expect(shown).toMatch(/error\[DLG4026\]/);
    expect(shown).not.toContain('internal error');
    expect(shown).toMatch(/1 request \(1 × 200\)/);
    expect(shown).toContain('exit 130');
    expect(received).toEqual(['DELETE /crm/v7/Leads?ids=5,6']);
    const report = JSON.parse(readFileSync(join(dir, 'asked.json'), 'utf8')) as { requests: { url: string }[] };
    expect(report.requests.map((r) => r.url)).toEqual([`${local}/crm/v7/Leads?ids=5,6`]);
  });
});

describe('files a run cannot use: refused before anything is sent (exit 2)', () => {
  it('an audit file that cannot be written: DLG0003 before the DELETE, which is not sent', async () => {
    received.length = 0;
    write('not-a-folder', 'a file\n');
    write('audited-delete.dg', ['response = invokeurl', '[', `\turl: "${local}/crm/v7/Leads?ids=1,2"`, '\ttype: DELETE', '];', ''].join('\n'));
    const r = await deluge(['run', 'audited-delete.dg', '--log-requests', 'not-a-folder/audit.ndjson']);
    expect(r.stderr).toMatch(/error\[DLG0003\] --log-requests: cannot write 'not-a-folder\/audit\.ndjson': a part of the path is not a folder \(ENOTDIR\)/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(2);
    expect(received).toEqual([]);
  });

  it('--sandbox-data that is not JSON: DLG0004 (bad-config), not an internal error', async () => {
    write('broken-seed.json', '{bad');
    const r = await deluge(['run', '--sandbox', '--sandbox-data', 'broken-seed.json', 'audited-delete.dg']);
    // At the mistake, with its code frame.
    expect(r.stderr).toMatch(/^broken-seed\.json:1:2: error\[DLG0004\] --sandbox-data: 'broken-seed\.json' is not valid JSON \(Expected property name or '}'\)\n1 \| \{bad\n/);
    expect(r.code).toBe(2);
  });
});

describe('Ctrl-C', () => {
  it('while a request is in flight: it finishes and is reported, nothing more is sent, the summary is printed; exit 130', async () => {
    write('interrupted.dg', [`a = invokeurl [ url: "${local}/hold" type: GET ];`, `b = invokeurl [ url: "${local}/after" type: GET ];`, 'info "done";', ''].join('\n'));
    received.length = 0;
    const held = new Promise<ServerResponse>((resolve) => (onHold = resolve));
    const run = spawnDeluge(dir, ['run', 'interrupted.dg', '--log-requests', 'interrupted.ndjson']);
    const res = await held;
    run.child.kill('SIGINT');
    // Answered only once the run has taken the signal, so that it is the request in flight that finishes.
    await run.printed('stderr', /Interrupted: letting the request in flight finish/);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"held":true}');
    const r = await run.done;
    onHold = undefined;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(received).toEqual(['GET /hold']);
    expect(r.stderr).toMatch(/error\[DLG4026\]/);
    expect(r.stderr).toMatch(/1 request \(1 × 200\)/);
    expect(ndjson('interrupted.ndjson').map((l) => `${l['method']} ${l['url']} ${l['status']}`)).toEqual([`GET ${local}/hold 200`]);
  });

  it('in a run of quick sandbox requests: taken when it comes, the run stops with its summary (it was ignored)', async () => {
    const fifty = `{${Array.from({ length: 50 }, (_, i) => i + 1).join(',')}}`;
    write(
      'many.dg',
      [`for each a in ${fifty}`, '{', `	for each b in ${fifty}`, '	{', '		r = zoho.crm.getRecords("Leads", 1, 1);', '		if (a == 1 && b == 5)', '		{', '			info "started";', '		}', '	}', '}', ''].join('\n'),
    );
    const run = spawnDeluge(dir, ['run', 'many.dg', '--sandbox']);
    await run.printed('stdout', /started/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/error\[DLG4026\]/);
    const made = Number(/^(\d+) requests \(/m.exec(r.stderr)?.[1]);
    expect(made).toBeGreaterThanOrEqual(5);
    expect(made).toBeLessThan(2500);
  });

  it('while a request is in flight, the script then only computing: it stops when the answer is in, with its summary; exit 130', async () => {
    // No further request to stop at: the run stops once the answer is in (it used to compute on to the end, exit 0).
    write('then-computes.dg', [`a = invokeurl [ url: "${local}/hold" type: GET ];`, 'n = 0;', 'for each x in {1,2,3}', '{', '\tn = n + x;', '}', 'info "finished " + n;', ''].join('\n'));
    received.length = 0;
    const held = new Promise<ServerResponse>((resolve) => (onHold = resolve));
    const run = spawnDeluge(dir, ['run', 'then-computes.dg']);
    const res = await held;
    run.child.kill('SIGINT');
    await run.printed('stderr', /Interrupted: letting the request in flight finish/);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"held":true}');
    const r = await run.done;
    onHold = undefined;
    expect(r.stdout).not.toMatch(/finished/);
    expect(r.stderr).toMatch(/error\[DLG4026\]/);
    expect(r.stderr).toMatch(/1 request \(1 × 200\)/);
    expect(r.code).toBe(130);
  });

  it('while a request is in flight that then fails: the failure does not reach a catch, the run stops; exit 130', async () => {
    write(
      'caught.dg',
      ['try', '{', `\ta = invokeurl [ url: "${local}/hold" type: GET ];`, '}', 'catch (e)', '{', '\tinfo "caught " + e;', '}', 'info "after";', ''].join('\n'),
    );
    const held = new Promise<ServerResponse>((resolve) => (onHold = resolve));
    const run = spawnDeluge(dir, ['run', 'caught.dg']);
    const res = await held;
    run.child.kill('SIGINT');
    await run.printed('stderr', /Interrupted: letting the request in flight finish/);
    res.socket?.destroy();
    const r = await run.done;
    onHold = undefined;
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[DLG4026\]/);
    expect(r.stderr).toMatch(/1 request \(1 × no response\)/);
    expect(r.code).toBe(130);
  });

  /** Runs deluge with `args`, presses Ctrl-C twice while the server holds a request, then lets the request go. */
  async function ctrlCTwiceWhileHeld(args: string[]) {
    const holding = new Promise<ServerResponse>((resolve) => (onHold = resolve));
    const run = spawnDeluge(dir, args);
    const res = await holding;
    run.child.kill('SIGINT');
    await run.printed('stderr', /Interrupted: letting the request in flight finish/);
    run.child.kill('SIGINT');
    const r = await run.done;
    res.destroy();
    onHold = undefined;
    return r;
  }

  it('twice while a request is in flight: quits at once, the request written down as not awaited', async () => {
    write('quit.dg', [`a = invokeurl [ url: "${local}/hold" type: DELETE ];`, 'info "after";', ''].join('\n'));
    const r = await ctrlCTwiceWhileHeld(['run', 'quit.dg', '--log-requests', 'quit.ndjson']);
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Quit without waiting for DELETE ${new URL(local).host}/hold: the server may have processed it`);
    const lines = ndjson('quit.ndjson');
    expect(lines.map((l) => `${l['method']} ${l['url']} ${l['status']}`)).toEqual([`DELETE ${local}/hold null`]);
    expect(lines[0]!['error']).toMatch(/^not awaited: the run was quit \(Ctrl-C twice\)/);
  });

  it('twice after a DELETE was answered and while another is in flight: the summary accounts for both, the one in flight by its ids', async () => {
    const deleted = `${local}/crm/v7/Leads?ids=410405000002264040,410405000002264025&answer=deleted`;
    const held = `${local}/crm/v7/Leads?ids=410405000002264041,410405000002264026&answer=hold`;
    write('quit-after.dg', [`a = invokeurl [ url: "${deleted}" type: DELETE ];`, `b = invokeurl [ url: "${held}" type: DELETE ];`, 'info "after";', ''].join('\n'));
    const r = await ctrlCTwiceWhileHeld(['run', 'quit-after.dg']);
    expect(r.code).toBe(130);
    // Without --log-requests, stderr is the only account: the records deleted, and those whose fate is unknown.
    expect(r.stderr).toContain('2 requests (1 × 200, 1 × no response); records: 2 succeeded, 0 failed, 2 not in the answer\n');
    expect(r.stderr).toMatch(
      new RegExp(`  no answer: DELETE ${new URL(local).host}/crm/v7/Leads \\(not awaited: .+\\); the ids it named, whether deleted or not: 410405000002264041, 410405000002264026\\n`),
    );
  });

  it('twice with --json: the report still accounts for every request, the one in flight as not awaited, and says the run was quit', async () => {
    const deleted = `${local}/crm/v7/Leads?ids=410405000002264040,410405000002264025&answer=deleted`;
    const held = `${local}/crm/v7/Leads?ids=410405000002264041,410405000002264026&answer=hold`;
    write(
      'quit-json.dg',
      [
        'info "before";',
        'sendmail [ from: zoho.adminuserid to: "ops@example.com" subject: "Deleting" message: "two batches" ];',
        `a = invokeurl [ url: "${deleted}" type: DELETE ];`,
        `b = invokeurl [ url: "${held}" type: DELETE ];`,
        'info "after";',
        '',
      ].join('\n'),
    );
    const r = await ctrlCTwiceWhileHeld(['run', 'quit-json.dg', '--json', '--log-requests', 'quit-json.ndjson']);
    expect(r.code).toBe(130);
    const notAwaited = {
      method: 'DELETE',
      url: held,
      status: null,
      durationMs: expect.any(Number),
      attempts: 1,
      notInAnswer: ['410405000002264041', '410405000002264026'],
      origin: 'invokeurl',
      error: expect.stringMatching(/^not awaited: the run was quit \(Ctrl-C twice\) before the answer came/),
    };
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      info: ['before'],
      result: null,
      requests: [expect.objectContaining({ url: deleted, status: 200, records: SAMPLE_RECORDS }), notAwaited],
      mails: [{ from: 'admin@example.com', to: 'ops@example.com', subject: 'Deleting', message: 'two batches' }],
      diagnostics: [
        expect.objectContaining({ filePath: 'quit-json.dg', code: 'DLG4026', line: 4, message: expect.stringMatching(/^Quit \(Ctrl-C twice\) without waiting for the request in flight/) }),
      ],
    });
    // The audit log and the summary say the same, once each.
    expect(ndjson('quit-json.ndjson').map((l) => l['status'])).toEqual([200, null]);
    expect(r.stderr).toContain('2 requests (1 × 200, 1 × no response); records: 2 succeeded, 0 failed, 2 not in the answer\n');
  });

  /**
   * A script against the sandbox that deletes one record, then has the sandbox hold every request (its admin API's
   * latency, ten minutes) and prints 'holding' before it deletes a second: the second is in flight from then on.
   */
  const deleteThenHold = (name: string): string =>
    write(
      name,
      [
        `gone = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=${SANDBOX_LEADS[0]}" type: DELETE connection: "crm_oauth_connection" ];`,
        'slow = invokeurl [ url: "https://www.zohoapis.com/__sandbox/faults" type: POST parameters: "{\\"latencyMs\\": 600000}" ];',
        'info "holding";',
        `held = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=${SANDBOX_LEADS[1]}" type: DELETE connection: "crm_oauth_connection" ];`,
        'info "after";',
        '',
      ].join('\n'),
    );
  /** Whether each of SANDBOX_LEADS is deleted in a saved --sandbox-data file (as written at start, records have no `deleted`). */
  const deletedIn = (file: string): boolean[] => {
    const leads = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { records: { Leads: { id: string; deleted: boolean }[] } }).records.Leads;
    return SANDBOX_LEADS.map((id) => leads.find((lead) => lead.id === id)!.deleted === true);
  };

  it('twice with --sandbox-data: the records the run changed before the quit are saved, the one held in the sandbox is not deleted', async () => {
    rmSync(join(dir, 'quit-seed.json'), { force: true });
    const run = spawnDeluge(dir, ['run', deleteThenHold('quit-save.dg'), '--sandbox', '--sandbox-data', 'quit-seed.json']);
    await run.printed('stdout', /holding/);
    run.child.kill('SIGINT');
    await run.printed('stderr', /Interrupted: letting the request in flight finish/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Quit without waiting for DELETE www.zohoapis.com/crm/v7/Leads');
    // The quit stopped the sandbox with the held DELETE still waiting for its latency: it deleted nothing.
    expect(deletedIn('quit-seed.json')).toEqual([true, false]);
  });

  it('while the script computes after a DELETE: it stops before its next statement, with the summary, and --sandbox-data holds the delete', async () => {
    // The script's loops let the event loop turn every 50 ms, so the handler runs while it computes (it was given up
    // there, and a Ctrl-C ended the process with no account of the DELETE before it).
    rmSync(join(dir, 'computing-seed.json'), { force: true });
    write(
      'delete-then-spin.dg',
      [
        `gone = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=${SANDBOX_LEADS[0]}" type: DELETE connection: "crm_oauth_connection" ];`,
        'l = {1};',
        'for each x in l',
        '{',
        '\tl.add(x);',
        '\tif (l.size() == 5000)',
        '\t{',
        '\t\tinfo "computing";',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    const run = spawnDeluge(dir, ['run', 'delete-then-spin.dg', '--sandbox', '--sandbox-data', 'computing-seed.json', '--max-statements', '2000000000', '--timeout', '600']);
    await run.printed('stdout', /computing/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('\nInterrupted: the script stops before its next statement (Ctrl-C again to quit at once)\n');
    expect(r.stderr).toContain('1 request (1 × 200); records: 1 succeeded, 0 failed\n');
    expect(r.stderr).toMatch(/delete-then-spin\.dg:\d+:\d+: error\[DLG4026\] Interrupted \(Ctrl-C\): the script stopped before this statement; no further request was sent/);
    expect(deletedIn('computing-seed.json')).toEqual([true, false]);
  });

  it('after the script ended, while the session closes: --sandbox-data is saved and the account given, exit 130 (Node ended the process there)', async () => {
    // A sandbox of some 15,000 Leads, so that its load and its save at the close take a while.
    const seeded = await startSandbox({ port: 0, dataFile: join(dir, 'closing-seed.json') });
    await seeded.close();
    const data = JSON.parse(readFileSync(join(dir, 'closing-seed.json'), 'utf8')) as { records: { Leads: { id: string }[] } };
    const model = data.records.Leads[1]!;
    for (let i = 0; i < 15_000; i++) data.records.Leads.push({ ...model, id: String(510405000000000000n + BigInt(i)) });
    writeFileSync(join(dir, 'closing-seed.json'), JSON.stringify(data));
    write('closing.dg', `r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=${SANDBOX_LEADS[0]}" type: DELETE connection: "crm_oauth_connection" ];\ninfo "done";\n`);
    const run = spawnDeluge(dir, ['run', 'closing.dg', '--sandbox', '--sandbox-data', 'closing-seed.json']);
    // The script's last line: the run is closing from here on.
    await run.printed('stdout', /done/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(r.stderr).toBe(
      "\nInterrupted after the script ended: --sandbox-data is saved and the run's account follows (Ctrl-C again to quit at once)\n" +
        '1 request (1 × 200); records: 1 succeeded, 0 failed\n',
    );
    expect(deletedIn('closing-seed.json')).toEqual([true, false]);
  });

  it('SIGTERM twice with --sandbox-data that can no longer be written: said as DLG0003 after the summary, not a crash; exit 143', async () => {
    rmSync(join(dir, 'quit-gone'), { recursive: true, force: true });
    const run = spawnDeluge(dir, ['run', deleteThenHold('quit-unsaved.dg'), '--sandbox', '--sandbox-data', 'quit-gone/data.json']);
    await run.printed('stdout', /holding/);
    // Written at start; its folder is now a file, so the save at the quit cannot write it.
    rmSync(join(dir, 'quit-gone'), { recursive: true });
    write('quit-gone', '');
    run.child.kill('SIGTERM');
    await run.printed('stderr', /letting the request in flight finish/);
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/error\[DLG4026\] Quit \(SIGTERM after SIGTERM\)[^]*\ndeluge: error\[DLG0003\] --sandbox-data: cannot write 'quit-gone\/data\.json': .+\n$/);
  });

  it('SIGTERM while a DELETE is in flight: it finishes and is reported, nothing more is sent, the summary is printed; exit 143', async () => {
    const held = `${local}/crm/v7/Leads?ids=410405000002264040,410405000002264025&answer=hold`;
    write('terminated.dg', [`a = invokeurl [ url: "${held}" type: DELETE ];`, `b = invokeurl [ url: "${local}/after" type: GET ];`, 'info "done";', ''].join('\n'));
    received.length = 0;
    const holding = new Promise<ServerResponse>((resolve) => (onHold = resolve));
    const run = spawnDeluge(dir, ['run', 'terminated.dg', '--json']);
    const res = await holding;
    run.child.kill('SIGTERM');
    await run.printed('stderr', /Terminated \(SIGTERM\): letting the request in flight finish/);
    res.writeHead(200, { 'content-type': 'application/json' }).end(SAMPLE_RESPONSE);
    const r = await run.done;
    onHold = undefined;
    expect(r.code).toBe(143);
    expect(received).toEqual([`DELETE ${new URL(held).pathname}${new URL(held).search}`]);
    expect(r.stderr).toContain('1 request (1 × 200); records: 2 succeeded, 0 failed\n');
    const report = JSON.parse(r.stdout);
    expect(report.requests).toEqual([expect.objectContaining({ status: 200, records: SAMPLE_RECORDS })]);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'DLG4026', message: expect.stringMatching(/^Terminated \(SIGTERM\): the request in flight finished/) })]);
  });

  it('stdout closed by its reader (| head -1): the run stops as on Ctrl-C, its summary on stderr accounts for every DELETE sent; exit 141', async () => {
    const ids = (n: number) => `410405000002264040,410405000002264025&answer=${n === 2 ? 'hold' : 'deleted'}&n=${n}`;
    write(
      'piped.dg',
      [1, 2, 3, 4].flatMap((n) => [`r = invokeurl [ url: "${local}/crm/v7/Leads?ids=${ids(n)}" type: DELETE ];`, `info "deleted batch ${n}";`]).join('\n'),
    );
    received.length = 0;
    const holding = new Promise<ServerResponse>((resolve) => (onHold = resolve));
    const run = spawnDeluge(dir, ['run', 'piped.dg']);
    await run.printed('stdout', /deleted batch 1/);
    // The reader goes away: the run's next line meets a closed pipe (EPIPE).
    run.child.stdout!.destroy();
    const res = await holding;
    res.writeHead(200, { 'content-type': 'application/json' }).end(SAMPLE_RESPONSE);
    const r = await run.done;
    onHold = undefined;
    expect(r.code).toBe(141);
    expect(r.stderr).toContain(STDOUT_CLOSED_NOTICE);
    // The line after the held request met the closed pipe: the next DELETE was not sent, and the stop says so there.
    expect(received.map((line) => new URL(line.split(' ')[1]!, local).searchParams.get('n'))).toEqual(['1', '2']);
    expect(r.stderr).toContain(`piped.dg:5:1: error[DLG4026] ${stoppedHereMessage('SIGPIPE')}`);
    expect(r.stderr).toContain('2 requests (2 × 200); records: 4 succeeded, 0 failed\n');
  });

  it('stdout closed while the script computes: it stops at the next statement, not at its next request (a sendmail and a throw ran after it; exit 1)', async () => {
    write(
      'computes-on.dg',
      [
        `r = invokeurl [ url: "${local}/crm/v7/Leads?ids=410405000002264040,410405000002264025&answer=hold" type: DELETE ];`,
        'info "deleted";',
        'sendmail [ from: zoho.adminuserid to: "ops@example.com" subject: "done" message: "deleted" ];',
        'throw "after the pipe closed";',
      ].join('\n'),
    );
    const holding = new Promise<ServerResponse>((resolve) => (onHold = resolve));
    const run = spawnDeluge(dir, ['run', 'computes-on.dg']);
    const res = await holding;
    run.child.stdout!.destroy();
    res.writeHead(200, { 'content-type': 'application/json' }).end(SAMPLE_RESPONSE);
    const r = await run.done;
    onHold = undefined;
    expect(r.code).toBe(141);
    expect(r.stderr).toContain(`computes-on.dg:3:1: error[DLG4026] ${stoppedHereMessage('SIGPIPE')}`);
    // The throw never ran, and the mail was not recorded (its address shows once: in the code frame of the stop).
    expect(r.stderr).not.toContain('after the pipe closed');
    expect(r.stderr.split('ops@example.com')).toHaveLength(2);
    expect(r.stderr).toContain('1 request (1 × 200); records: 2 succeeded, 0 failed\n');
  });

  it('while the script computes (after a request): it stops before its next statement, not at the time limit; SIGTERM alike (exit 143)', async () => {
    write(
      'spinning.dg',
      [`a = invokeurl [ url: "${local}/ping" type: GET ];`, 'l = {1};', 'for each x in l', '{', '\tl.add(x);', '\tif (l.size() == 5000)', '\t{', '\t\tinfo "computing";', '\t}', '}', ''].join('\n'),
    );
    for (const [signal, code, said] of [
      ['SIGINT', 130, 'Interrupted: the script stops before its next statement (Ctrl-C again to quit at once)'],
      ['SIGTERM', 143, 'Terminated (SIGTERM): the script stops before its next statement (a second SIGTERM or Ctrl-C quits at once)'],
    ] as const) {
      const run = spawnDeluge(dir, ['run', 'spinning.dg', '--max-statements', '2000000000', '--timeout', '600']);
      await run.printed('stdout', /computing/);
      run.child.kill(signal);
      const r = await run.done;
      expect(r.code, signal).toBe(code);
      expect(r.stderr).toContain(`\n${said}\n`);
      expect(r.stderr).toContain('1 request (1 × 200)\n');
    }
  });
});

describe('--timeout while a request is under way', () => {
  it('the run stops at the limit, not at the request timeout (40 s): the request listed as unanswered, DLG4012, exit 1', async () => {
    // The one test here that waits for real: the 0.5 s of the limit.
    write('slow.dg', ['try', '{', `\tr = invokeurl [ url: "${local}/hold" type: DELETE ];`, '}', 'catch (e)', '{', '\tinfo "caught";', '}', 'info "after";', ''].join('\n'));
    received.length = 0;
    const held: ServerResponse[] = [];
    onHold = (res) => held.push(res);
    const started = performance.now();
    // A DELETE to a loopback server needs no --yes.
    const r = await deluge(['run', 'slow.dg', '--timeout', '0.5', '--json', '--log-requests', 'slow.ndjson']);
    const elapsed = performance.now() - started;
    onHold = undefined;
    for (const res of held) res.destroy();
    expect(r.code).toBe(1);
    expect(elapsed).toBeLessThan(10_000);
    expect(received).toEqual(['DELETE /hold']);
    const report = JSON.parse(r.stdout);
    expect(report.info).toEqual([]);
    const error = `no answer from ${new URL(local).host} before the run's time limit; the server may have processed it`;
    expect(report.requests).toEqual([expect.objectContaining({ method: 'DELETE', url: `${local}/hold`, status: null, attempts: 1, error })]);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'DLG4012', message: `The script ran longer than 0.5 s; stopped while waiting for DELETE ${new URL(local).host}/hold: ${error}` }),
    ]);
    expect(r.stderr).toContain('1 request (1 × no response)');
    expect(r.stderr).toMatch(/slow\.dg:3:\d+: error\[DLG4012\]/);
    const lines = ndjson('slow.ndjson');
    expect(lines.map((l) => `${l['method']} ${l['url']} ${l['status']} ${l['error']}`)).toEqual([`DELETE ${local}/hold null ${error}`]);
  }, 15_000);
});

describe('--stub', () => {
  it('answers a zoho.books task and a URL pattern; the stubbed request is reported; nothing is sent', async () => {
    write(
      'stubs.json',
      JSON.stringify([
        { task: 'zoho.books.getRecords', response: { code: 0, invoices: [{ invoice_id: '460000000012345', total: 10.5 }] } },
        { method: 'GET', url: 'https://api.x.com/*', status: 200, response: { ok: true, rate: 1.25 } },
      ]),
    );
    write(
      'stubbed.dg',
      [
        'books = zoho.books.getRecords("Invoices", "20099999", Map(), "books_connection");',
        'info books.get("invoices").get(0).get("invoice_id");',
        'rates = invokeurl',
        '[',
        '\turl: "https://api.x.com/v1/rates?base=EUR"',
        '\ttype: GET',
        '];',
        'info rates;',
        'info rates.get("rate") * 2;',
        '',
      ].join('\n'),
    );
    const r = await deluge(['run', 'stubbed.dg', '--stub', 'stubs.json', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.info).toEqual(['460000000012345', '{"ok":true,"rate":1.25}', '2.5']);
    expect(report.requests).toEqual([expect.objectContaining({ method: 'GET', url: 'https://api.x.com/v1/rates?base=EUR', status: 200 })]);
    expect(report.diagnostics).toEqual([]);

    const unstubbed = await deluge(['run', 'stubbed.dg']);
    expect(unstubbed.code).toBe(1);
    expect(unstubbed.stdout).toBe('');
    expect(unstubbed.stderr).toMatch(/stubbed\.dg:1:9: error\[DLG\d{4}\] .*zoho\.books\.getRecords/);
  });

  it('a stub file with a JSON mistake is shown at the mistake (DLG0004, exit 2); a missing one is DLG0001', async () => {
    write('broken-stubs.json', '[\n  {"task": "zoho.books.getRecords",\n   "response": {"a": 1,}}\n]\n');
    const broken = await deluge(['run', 'stubbed.dg', '--stub', 'broken-stubs.json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken-stubs\.json:3:24: error\[DLG0004\] not valid JSON/);
    expect(broken.stderr).toContain('   "response": {"a": 1,}}');
    const missing = await deluge(['run', 'stubbed.dg', '--stub', 'no-such-stubs.json']);
    expect(missing).toMatchObject({ code: 2, stderr: "deluge: error[DLG0001] --stub: cannot read the stub file 'no-such-stubs.json': no such file\n" });
  });
});

describe('connections and network failures', () => {
  it('HTTP_PROXY: the requests go through its tunnel (the CLI loads only parts of undici, and the proxy agent needs `connect` on them)', async () => {
    const proxy = await startConnectProxy();
    process.env['HTTP_PROXY'] = proxy.url;
    try {
      received.length = 0;
      // A name of another machine (the test proxy takes it here); a request to this machine would go direct.
      const elsewhere = local.replace('127.0.0.1', 'api.proxied.test');
      write('proxied.dg', `r = invokeurl [ url: "${elsewhere}/ping" type: GET ];\ninfo "answered";\n`);
      const r = await deluge(['run', 'proxied.dg']);
      expect(r.stdout).toBe('answered\n');
      expect(r.code).toBe(0);
      expect(proxy.tunnels).toEqual([elsewhere.slice('http://'.length)]);
      expect(received).toEqual(['GET /ping']);
      // --sandbox's requests go to the sandbox on this machine, never through the proxy to whatever it leads to.
      const sandboxed = await deluge(['run', DOCS_PASTED, '--sandbox']);
      expect([sandboxed.stdout.trim(), sandboxed.code]).toEqual([SAMPLE_RESPONSE, 0]);
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      delete process.env['HTTP_PROXY'];
      await proxy.close();
    }
  });

  it('a DELETE to a real host naming an unknown connection: DLG0005 first (not the --yes refusal), exit 2', async () => {
    write('delete-typo.dg', 'r = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=1,2"\n\ttype: DELETE\n\tconnection: "typo_conn"\n];\n');
    const r = await deluge(['run', 'delete-typo.dg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[DLG0005]');
    expect(r.stderr).not.toContain('DLG4025');
  });

  it('--sandbox-data without --sandbox is a usage error (the requests would go to the real hosts)', async () => {
    const r = await deluge(['run', 'delete-typo.dg', '--sandbox-data', 'seed.json']);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('error[DLG0002] --sandbox-data seeds the sandbox, which runs only with --sandbox') });
  });

  it('an unknown connection in a real run: DLG0005 naming it and the defined ones, exit 2, nothing sent', async () => {
    received.length = 0;
    write('unknown.dg', `info "start";\nr = invokeurl\n[\n\turl: "${local}/crm/v7/Leads"\n\ttype: GET\n\tconnection: "no_such_connection"\n];\ninfo "never";\n`);
    const r = await deluge(['run', 'unknown.dg']);
    expect(r.stdout).toBe('start\n');
    expect(r.stderr).toContain('error[DLG0005]');
    expect(r.stderr).toContain('"no_such_connection"');
    expect(r.stderr).toContain('crm_oauth_connection');
    expect(r.code).toBe(2);
    expect(received).toEqual([]);
  });

  it('a connections file found in the folder that is not JSON, with --json: the report still comes, its info lines and the problem in it, exit 2', async () => {
    // (A file found, not named: it is read when the script first makes a request.)
    mkdirSync(join(dir, 'broken-here'), { recursive: true });
    write('broken-here/deluge.connections.json', '{\n  "connections": {\n    "x": { "type": "bearer", token: "sk_live_abcdefghijklmnop1234" }\n  }\n}\n');
    write('broken-here/mid.dg', `info "before";\nr = invokeurl [ url: "${local}/crm/v7/Leads" type: GET connection: "x" ];\ninfo "never";\n`);
    const r = await runDeluge(join(dir, 'broken-here'), ['run', 'mid.dg', '--json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { info: string[]; diagnostics: { code: string; message: string; line: number }[] };
    expect(report.info).toEqual(['before']);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'DLG0006', line: 2, message: expect.stringMatching(/deluge\.connections\.json:3:30: not valid JSON/) })]);
    expect(`${r.stdout}${r.stderr}`).not.toContain('sk_live_abcdefghijklmnop1234');
  });

  it('a connections file named for the run (--connections, $DELUGE_CONNECTIONS) is read before the script runs, used or not: missing or not JSON is exit 2', async () => {
    write('no-requests.dg', 'info "ran";\n');
    write('not-json-connections.json', '{\n  "connections": {\n    "x": { "type": "bearer", token: "sk_live_abcdefghijklmnop1234" }\n  }\n}\n');
    const missing = await deluge(['run', 'no-requests.dg', '--connections', 'no-such-connections.json']);
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining("error[DLG0001] cannot read 'no-such-connections.json' (--connections): no such file") });
    const broken = await deluge(['run', 'no-requests.dg', '--connections', 'not-json-connections.json']);
    expect(broken).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('error[DLG0006]') });
    expect(broken.stderr).not.toContain('sk_live_abcdefghijklmnop1234');
    process.env['DELUGE_CONNECTIONS'] = 'no-such-connections.json';
    try {
      expect(await deluge(['run', 'no-requests.dg'])).toMatchObject({ code: 2, stderr: expect.stringContaining('($DELUGE_CONNECTIONS): no such file') });
    } finally {
      delete process.env['DELUGE_CONNECTIONS'];
    }
    mkdirSync(join(dir, 'seed-folder'), { recursive: true });
    expect(await deluge(['run', 'no-requests.dg', '--sandbox', '--sandbox-data', 'seed-folder'])).toMatchObject({ code: 2, stderr: expect.stringContaining("--sandbox-data: 'seed-folder' is a folder") });
  });

  it('a zoho.crm task naming an unknown connection: DLG0005, exit 2 (not an internal error)', async () => {
    write('unknown-task.dg', 'lead = zoho.crm.getRecordById("Leads", 410405000002264040, {}, "no_such_connection");\ninfo lead;\n');
    const r = await deluge(['run', 'unknown-task.dg']);
    expect(r.stderr).toContain('error[DLG0005]');
    expect(r.stderr).toContain('"no_such_connection"');
    expect(r.code).toBe(2);
  }, 10_000);

  it('a closed port: DLG4024, which try/catch catches; uncaught it stops the run with exit 1', async () => {
    // Connection refused is retried with backoff; --retries 0 keeps the test from waiting. Both cases share this run.
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/crm/v7/Leads`;
    write(
      'closed.dg',
      [
        'try',
        '{',
        `\tr = invokeurl\n\t[\n\t\turl: "${url}"\n\t\ttype: GET\n\t];`,
        '\tinfo "not reached";',
        '}',
        'catch (e)',
        '{',
        '\tinfo "caught: " + e;',
        '}',
        `r = invokeurl\n[\n\turl: "${url}"\n\ttype: GET\n];`,
        'info "never";',
        '',
      ].join('\n'),
    );
    const r = await deluge(['run', 'closed.dg', '--retries', '0']);
    expect(r.stdout).toMatch(new RegExp(`^caught: .*127\\.0\\.0\\.1:${port}.*(refused|could not connect).*\\n$`));
    expect(r.stderr).toMatch(new RegExp(`closed\\.dg:14:\\d+: error\\[DLG4024\\] .*127\\.0\\.0\\.1:${port}`));
    expect(r.stderr).toContain('2 requests (2 × not sent)');
    expect(r.code).toBe(1);
  }, 10_000);
});
