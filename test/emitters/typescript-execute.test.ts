import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialVariables, emitTypeScriptSync } from '../../src/emitters/typescript/index.js';
import { interruptedError, notSentError, quitError } from '../../src/runner/http-host.js';
import { STDOUT_CLOSED_NOTICE } from '../../src/runner/stop-wording.js';
import type { Stub } from '../../src/runner/stubs.js';
import { openRunSession } from '../../src/runner/session.js';
import { requestSummaryLines } from '../../src/runner/summary.js';
import { runScript, runScriptAsync } from '../../src/runtime/run.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { normalizeRequests, runLikeDelugeRunSandbox, sandboxRequests, type NormalizedRequest } from '../helpers/sandbox-requests.js';
import { emitCases, type EmitCase } from './curl/cases.js';

/**
 * Execute and compare: every converter input and every runnable example is (a) run as `deluge run --sandbox` runs
 * it, in-process, and (b) emitted as TypeScript aimed at a fresh sandbox (`baseUrl`), transpiled (esbuild) and run by `node`
 * in a child process with the sandbox's token in `ZOHO_OAUTH_TOKEN*`. The sandboxes' request logs must be the same
 * (method, path, query, headers, body; normalised where clients legitimately differ) and the program's stdout must
 * be the run's `info` lines; both must end the same way (completed, or stopped by an error).
 *
 * Requests to hosts that are not Zoho's are answered by the same stubs on both sides (the program through a
 * preloaded `fetch` wrapper, harness/stub-fetch.mjs) and counted. Task stubs (`zoho.books.*`) are not given to the
 * run: the emitted program does not convert those tasks, so both sides stop there.
 */
const cases = emitCases();
const preload = fileURLToPath(new URL('./typescript/harness/stub-fetch.mjs', import.meta.url));
const instantWaits = fileURLToPath(new URL('./typescript/harness/waits.mjs', import.meta.url));
/** Most of a comparison is a child's start-up and loopback waits: several at a time keep two cores busy. */
const PARALLEL = 6;

interface Outcome {
  readonly run: { info: string; requests: NormalizedRequest[]; summary: string[]; stopped?: string };
  readonly program: { stdout: string; stderr: string; exitCode: number; requests: NormalizedRequest[]; stubbed: number };
}

const outcomes = new Map<string, Outcome | Error>();
const tally = { scripts: 0, requests: 0, info: 0, stubbed: 0 };
const started = performance.now();

beforeAll(async () => {
  const queue = [...cases];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      outcomes.set(c.id, await executeAndCompare(c).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}, 120_000);

afterAll(() => {
  console.log(
    `typescript execute-and-compare: ${tally.scripts} programs, ${tally.requests} requests and ${tally.info} info lines compared, ` +
      `${tally.stubbed} requests to non-Zoho hosts stubbed, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});

async function executeAndCompare(c: EmitCase): Promise<Outcome> {
  const stubs: Stub[] = c.stubs.filter((s) => !('task' in s));
  const options = { fileName: `${c.name}.dg`, args: c.args, now: c.now, timeZone: c.timeZone };
  const run = await runLikeDelugeRunSandbox(c.text, { ...options, stubs });
  const sandbox = await startSandbox({ port: 0 });
  try {
    const emitted = emitTypeScriptSync(c.text, { ...options, baseUrl: sandbox.url });
    expect(emitted.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // esbuild strips the types (typescript's transpileModule takes ~10× longer on these programs).
    const { dir, file } = writeProgram(emitted.value, c.name);
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', DELUGE_TEST_STUBS: JSON.stringify(stubs), DELUGE_TEST_SANDBOX: sandbox.url };
    for (const name of new Set(['ZOHO_OAUTH_TOKEN', ...(emitted.value.match(/ZOHO_OAUTH_TOKEN_[A-Z0-9_]+/g) ?? [])])) env[name] = sandbox.accessToken;
    // The credentials the script writes are not in the program: it reads them from DELUGE_SECRET_*, set to the literals.
    for (const v of credentialVariables(c.text, options)) env[v.name] = v.value;
    const child = await node(['--import', preload, file], dir, env);
    const requests = normalizeRequests(await sandboxRequests(sandbox.url));
    const stopped = run.diagnostics[0]?.diagnostic.code;
    return {
      run: { info: run.info.join('\n'), requests: run.requests, summary: requestSummaryLines(run.entries, true), ...(stopped && { stopped }) },
      program: { ...child, requests, stubbed: child.stderr.split('\n').filter((l) => l.startsWith('[stubbed] ')).length },
    };
  } finally {
    await sandbox.close();
  }
}

function node(args: string[], cwd: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0 });
    });
  });
}

/** A program in a wait between attempts, as `onWait` gets it. */
interface WaitingProgram {
  /**
   * Sends it `signal`, resolving once it says it took it; the wait is then not released (its stdin is closed): the
   * program must end it itself, or it ends with the wait pending.
   */
  stop(signal: 'SIGINT' | 'SIGTERM'): Promise<void>;
}

/**
 * A program run with its waits between attempts in the test's hands (harness/waits.mjs): each is recorded, `onWait`
 * does what the test needs done meanwhile, and the wait ends at once. stderr is given without the waits' lines.
 */
function nodeWithWaits(
  file: string,
  cwd: string,
  env: Record<string, string>,
  onWait: (ms: number, program: WaitingProgram) => Promise<void> = async () => {},
): Promise<{ stdout: string; stderr: string; exitCode: number; waits: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', instantWaits, file], { cwd, env, timeout: 60_000 });
    const waits: number[] = [];
    let stdout = '';
    let stderr = '';
    let pending = '';
    let turns = Promise.resolve();
    let stopped = false;
    const program: WaitingProgram = {
      async stop(signal) {
        stopped = true;
        child.kill(signal);
        while (!/^(Interrupted|Terminated)\b/m.test(stderr)) await new Promise((taken) => child.stderr.once('data', taken));
      },
    };
    child.stdin.on('error', () => {}); // the program may end before a late line reaches it
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
        const wait = /^\[wait (\d+) ms\]\n$/.exec(line);
        if (!wait) {
          stderr += line;
          continue;
        }
        waits.push(Number(wait[1]));
        turns = turns.then(() => onWait(Number(wait[1]), program)).then(() => void (stopped ? child.stdin.end() : child.stdin.write('\n')), reject);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr: stderr + pending, exitCode: code ?? 1, waits }));
  });
}

/** An emitted program as a runnable module in a folder of its own (esbuild strips the types). */
function writeProgram(typescript: string, name: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'deluge-ts-'));
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, transformSync(typescript, { loader: 'ts', format: 'esm', target: 'es2022' }).code);
  return { dir, file };
}

describe('emitted TypeScript does what deluge run --sandbox does', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const outcome = outcomes.get(c.id);
    if (outcome instanceof Error || outcome === undefined) throw outcome ?? new Error(`${c.id} was not run`);
    const { run, program } = outcome;
    const context = `${c.id}\n--- program stderr ---\n${program.stderr}`;
    expect(program.requests, context).toEqual(run.requests);
    expect(program.stdout.replace(/\n$/, ''), context).toBe(run.info);
    // The program's account of requests and records is the lines of run's summary after its count of requests, less
    // what run knows of the sandbox (that it does not emulate an API).
    const account = program.stderr.split('\n').filter((line) => line.startsWith('  '));
    expect(account, context).toEqual(run.summary.slice(1).map((line) => line.replace(/ \(the sandbox .*?: give the script its answer with --stub\)/, '')));
    // Both complete, or both stop: the program with the run's error code, or where it reaches what it could not convert.
    if (run.stopped === undefined) expect(program.exitCode, context).toBe(0);
    else {
      expect(program.exitCode, context).toBe(1);
      const code = /error\[(DLG\d+)\]/.exec(program.stderr)?.[1];
      // What the emitter did not convert stops the program under its warning's code (DLG60xx), where the run stops
      // because it cannot do it either (a Creator statement, a function it does not run, a task of another service).
      const notConverted = code !== undefined && /^DLG60\d\d$/.test(code) && ['DLG4013', 'DLG4014', 'DLG4019'].includes(run.stopped);
      expect(code === run.stopped || notConverted, `${context}\nrun stopped with ${run.stopped}`).toBe(true);
    }
    tally.scripts++;
    tally.requests += run.requests.length;
    tally.info += run.info === '' ? 0 : run.info.split('\n').length;
    tally.stubbed += program.stubbed;
  });
});

describe('--base-url with a path', () => {
  it('sends Zoho API requests under the base\'s path, as --to curl does (a sandbox behind a proxy at /crm-sandbox)', async () => {
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"1"}]}');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm-sandbox/`;
      const text = 'r = invokeurl\n[\n\turl: "https://www.zohoapis.eu/crm/v7/Leads?fields=Last_Name"\n\ttype: GET\n\tconnection: "crm"\n];\ninfo r.get("data").size();\n';
      const emitted = emitTypeScriptSync(text, { fileName: 'based.dg', baseUrl: base });
      const { dir, file } = writeProgram(emitted.value, 'based');
      const child = await node([file], dir, { PATH: process.env['PATH'] ?? '', ZOHO_OAUTH_TOKEN_CRM: 'test-token', ZOHO_OAUTH_TOKEN: 'test-token' });
      expect(child).toMatchObject({ stdout: '1\n', exitCode: 0 });
      expect(paths).toEqual(['/crm-sandbox/crm/v7/Leads?fields=Last_Name']);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });
});

describe('failed records', () => {
  it('are listed on stderr when the program ends, as deluge run lists them, though the script never looks', async () => {
    const text = [
      'response = invokeurl',
      '[',
      '\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000009999999"',
      '\ttype: DELETE',
      '\tconnection: "crm_oauth_connection"',
      '];',
      'info "done";',
      '',
    ].join('\n');
    const sandbox = await startSandbox({ port: 0 });
    try {
      const emitted = emitTypeScriptSync(text, { fileName: 'partial.dg', baseUrl: sandbox.url });
      const { dir, file } = writeProgram(emitted.value, 'partial');
      const child = await node([file], dir, { PATH: process.env['PATH'] ?? '', ZOHO_OAUTH_TOKEN: sandbox.accessToken });
      expect(child).toEqual({
        stdout: 'done\n',
        stderr: 'records: 1 failed\n  failed: 410405000009999999 INVALID_DATA record not deleted (DELETE www.zohoapis.com)\n',
        exitCode: 0,
      });
    } finally {
      await sandbox.close();
    }
  });
});

describe('failed records of zoho.crm tasks', () => {
  it('are listed as deluge run lists them: a crm.delete answer is text to the script, its records still count', async () => {
    const text = [
      'first = zoho.crm.invokeConnector("crm.delete", {"module": "Leads", "id": "410405000002264040"});',
      'again = zoho.crm.invokeConnector("crm.delete", {"module": "Leads", "id": "410405000002264040"});',
      'info again.get("status_code");',
      '',
    ].join('\n');
    const run = await runLikeDelugeRunSandbox(text, { fileName: 'again.dg' });
    expect(run.info).toEqual(['400']);
    const sandbox = await startSandbox({ port: 0 });
    try {
      const emitted = emitTypeScriptSync(text, { fileName: 'again.dg', baseUrl: sandbox.url });
      const { dir, file } = writeProgram(emitted.value, 'again');
      const child = await node([file], dir, { PATH: process.env['PATH'] ?? '', ZOHO_OAUTH_TOKEN: sandbox.accessToken });
      expect(child).toEqual({
        stdout: '400\n',
        stderr: 'records: 1 failed\n  failed: 410405000002264040 INVALID_DATA record not deleted (DELETE www.zohoapis.com)\n',
        exitCode: 0,
      });
    } finally {
      await sandbox.close();
    }
  });
});

describe('a DELETE refused as a whole, or answered without its ids', () => {
  /** A script's DELETEs run by the program against a fresh sandbox (with faults): what the program printed. */
  async function programOf(text: string, faults: object = {}): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const sandbox = await startSandbox({ port: 0, faults });
    try {
      const emitted = emitTypeScriptSync(text, { fileName: 'refused.dg', baseUrl: sandbox.url });
      const { dir, file } = writeProgram(emitted.value, 'refused');
      const env: Record<string, string> = { PATH: process.env['PATH'] ?? '' };
      for (const name of new Set(['ZOHO_OAUTH_TOKEN', ...(emitted.value.match(/ZOHO_OAUTH_TOKEN_[A-Z0-9_]+/g) ?? [])])) env[name] = sandbox.accessToken;
      return await node([file], dir, env);
    } finally {
      await sandbox.close();
    }
  }
  const deleteBlock = (name: string, url: string) => `${name} = invokeurl\n[\n\turl: "${url}"\n\ttype: DELETE\n\tconnection: "crm_oauth_connection"\n];`;

  it("lists the ids it named as not deleted, the ids an answer leaves out as not in it: deluge run's lines", async () => {
    const text = [
      deleteBlock('a', 'https://www.zohoapis.com/crm/v7/Leadz?ids=410405000002264040,0410405000002264040,410405000002264025'),
      'b = zoho.crm.invokeConnector("crm.delete", {"module": "Leadz", "id": "410405000002264040"});',
      deleteBlock('c', 'https://www.zohoapis.com//crm/v7/Leads?ids=410405000002264025'),
      deleteBlock('d', 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000009999999'),
      // The sandbox reads the first `ids=`: the second's id is not in the answer.
      deleteBlock('e', 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264025&ids=410405000007777777'),
      'info "done";',
      '',
    ].join('\n');
    // The lines deluge run --sandbox prints for this script after its count of requests (its summary of such answers:
    // test/cli/run-http.test.ts).
    expect(await programOf(text)).toEqual({
      stdout: 'done\n',
      stderr: [
        'records: 1 failed, 1 not in the answer, 4 not deleted (refused with their request)',
        '  failed: 410405000009999999 INVALID_DATA record not deleted (DELETE www.zohoapis.com)',
        '  not in the answer: 410405000007777777 (DELETE www.zohoapis.com: the request named it, the answer says nothing of it)',
        '  failed request: DELETE www.zohoapis.com/crm/v7/Leadz → 400 INVALID_MODULE The module name given seems to be invalid; none of the ids it named was deleted: 410405000002264040, 410405000002264025',
        '  failed request: DELETE www.zohoapis.com/crm/v2/Leadz/410405000002264040 → 400 INVALID_MODULE The module name given seems to be invalid; none of the ids it named was deleted: 410405000002264040',
        '  failed request: DELETE www.zohoapis.com//crm/v7/Leads → 404 INVALID_URL_PATTERN Please check if the URL trying to access is a correct one; none of the ids it named was deleted: 410405000002264025',
        '',
      ].join('\n'),
      exitCode: 0,
    });
  });

  it('a 500 may have been processed: its ids are not in the answer, not "not deleted"', async () => {
    const text = `${deleteBlock('r', 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025')}\ninfo "done";\n`;
    expect(await programOf(text, { internalError: 'always' })).toEqual({
      stdout: 'done\n',
      stderr: [
        'records: 0 failed, 2 not in the answer',
        '  not in the answer: 410405000002264040 (DELETE www.zohoapis.com: the request named it, the answer says nothing of it)',
        '  not in the answer: 410405000002264025 (DELETE www.zohoapis.com: the request named it, the answer says nothing of it)',
        '  failed request: DELETE www.zohoapis.com/crm/v7/Leads → 500 INTERNAL_ERROR Internal Server Error',
        '',
      ].join('\n'),
      exitCode: 0,
    });
  });

  it("lists every other request answered 400 or more, whatever its origin, as deluge run's summary does", async () => {
    const text = [
      'g = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leadz/410405000002264040"\n\ttype: GET\n\tconnection: "crm_oauth_connection"\n];',
      deleteBlock('u', 'https://www.zohoapis.com/crm/v7/users/410405000002264040'),
      'x = getUrl("https://www.zohoapis.com/crm/v7/Nope");',
      'p = postUrl("https://www.zohoapis.com/crm/v7/Leads", {"a": "b"});',
      'r = zoho.crm.getRecordById("Leadz", 410405000002264040);',
      'f = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leadz/410405000002264040/Attachments/1"\n\ttype: GET\n\tconnection: "crm_oauth_connection"\n\tresponse-format: FILE\n];',
      'info "done";',
      '',
    ].join('\n');
    // deluge run --sandbox's lines after its count of requests, less the note it adds under --sandbox that the
    // sandbox does not emulate the users API.
    expect(await programOf(text)).toEqual({
      stdout: 'done\n',
      stderr: [
        '  failed request: GET www.zohoapis.com/crm/v7/Leadz/410405000002264040 → 400 INVALID_MODULE The module name given seems to be invalid',
        '  failed request: DELETE www.zohoapis.com/crm/v7/users/410405000002264040 → 400 INVALID_MODULE The module name given seems to be invalid',
        '  failed request: GET www.zohoapis.com/crm/v7/Nope → 401 AUTHENTICATION_FAILURE Authentication failed',
        '  failed request: POST www.zohoapis.com/crm/v7/Leads → 401 AUTHENTICATION_FAILURE Authentication failed',
        '  failed request: GET www.zohoapis.com/crm/v2/Leadz/410405000002264040 → 400 INVALID_MODULE The module name given seems to be invalid',
        '  failed request: GET www.zohoapis.com/crm/v7/Leadz/410405000002264040/Attachments/1 → 404 INVALID_URL_PATTERN Please check if the URL trying to access is a correct one',
        '',
      ].join('\n'),
      exitCode: 0,
    });
  });
});

describe('a redirect, a URL with a user name (a server on 127.0.0.1)', () => {
  it('307 and 308 send the body again, text, JSON or multipart, as deluge run does (Node 20 fetch could not send bytes twice)', async () => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url?.startsWith('/moved')) {
          res.writeHead(Number(req.url.slice('/moved'.length)), { location: '/echo' }).end();
          return;
        }
        if (req.url === '/who') {
          res.writeHead(200, { 'content-type': 'text/plain' }).end(`authorization: ${req.headers.authorization ?? 'none'}`);
          return;
        }
        const body = Buffer.concat(chunks).toString();
        // A multipart body's boundary is the client's own: its field is what both must send.
        const shown = /multipart/.test(req.headers['content-type'] ?? '') ? `multipart ${/name="note"\r\n\r\nhello\r\n/.test(body)}` : body;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url} ${shown}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const text = [
        `a = invokeurl [ url: "${local}/moved307" type: POST parameters: "plain text" ];`,
        `b = invokeurl [ url: "${local}/moved308" type: PUT parameters: {"k": "v"}.toString() content-type: "application/json" ];`,
        `c = invokeurl [ url: "${local}/moved307" type: POST parameters: {"note": "hello"} content-type: "multipart/form-data" ];`,
        // A URL's user name and password: deluge run sends no Authorization for them, nor does the program (fetch refused
        // such a URL, and the program said the request went unanswered, maybe processed).
        `d = invokeurl [ url: "http://bob:pa55word@${local.slice('http://'.length)}/who" type: GET ];`,
        // A GET with a body, which the program sends with node:http: it follows the redirect too, body and all.
        `e = invokeurl [ url: "${local}/moved302" type: GET parameters: "body-on-get" ];`,
        'info a;',
        'info b;',
        'info c;',
        'info d;',
        'info e;',
        '',
      ].join('\n');
      const run = await runLikeDelugeRunSandbox(text, { fileName: 'redirect.dg' });
      expect(run.diagnostics).toEqual([]);
      expect(run.info).toEqual(['POST /echo plain text', 'PUT /echo {"k":"v"}', 'POST /echo multipart true', 'authorization: none', 'GET /echo body-on-get']);
      const { dir, file } = writeProgram(emitTypeScriptSync(text, { fileName: 'redirect.dg' }).value, 'redirect');
      const program = await node([file], dir, { PATH: process.env['PATH'] ?? '', DELUGE_SECRET_PASSWORD: 'pa55word' });
      expect(program).toEqual({ stdout: `${run.info.join('\n')}\n`, stderr: '', exitCode: 0 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a request that gets no answer', () => {
  it("is listed with deluge run's line when the program ends (a DELETE's with the ids it named), also when the script caught the error", async () => {
    // A server that closes the connection before answering, or halfway through its answer; a port nobody listens on.
    const server = createServer((req, res) => {
      if (req.url?.endsWith('&to=moved')) {
        res.writeHead(307, { location: `${refused}/crm/v7/Leads?ids=410405000002264040` }).end();
      } else if (req.url === '/half') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":[', () => res.destroy());
      } else req.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const unused = createServer();
    await new Promise<void>((resolve) => unused.listen(0, '127.0.0.1', resolve));
    const refused = `http://127.0.0.1:${(unused.address() as AddressInfo).port}`;
    await new Promise((resolve) => unused.close(resolve));
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const caught = (name: string, block: string) => `try\n{\n\t${name} = invokeurl\n\t[\n${block}\n\t];\n}\ncatch (e)\n{\n\tinfo "caught ${name}";\n}`;
      const text = [
        caught('a', `\t\turl: "${refused}/crm/v7/Leads?ids=410405000002264040,410405000002264025,410405000002264040"\n\t\ttype: DELETE`),
        caught('b', `\t\turl: "${local}/crm/v7/Deals?ids=410405000002267001"\n\t\ttype: DELETE`),
        // Redirected to the closed port: the first server had the DELETE, so it was sent.
        caught('r', `\t\turl: "${local}/crm/v7/Leads?ids=410405000002264040&to=moved"\n\t\ttype: DELETE`),
        caught('c', `\t\turl: "${local}/half"\n\t\ttype: GET`),
        // A GET with a body, which the program sends with node:http rather than fetch.
        caught('g', `\t\turl: "${local}/search"\n\t\ttype: GET\n\t\tbody: "q=1"`),
        caught('h', `\t\turl: "${local}/half"\n\t\ttype: GET\n\t\tbody: "q=1"`),
        caught('n', `\t\turl: "${refused}/search"\n\t\ttype: GET\n\t\tbody: "q=1"`),
        'info "done";',
        `d = getUrl("${refused}/crm/v7/Leads");`,
        '',
      ].join('\n');
      // A request refused before it was written is tried again, after the same waits as deluge run's (taking no time
      // here); nothing a server may have had is.
      const runWaits: number[] = [];
      const run = await runLikeDelugeRunSandbox(text, { fileName: 'unanswered.dg', sleep: async (ms) => void runWaits.push(ms) });
      const stopped = run.diagnostics[0]!.diagnostic;
      const emitted = emitTypeScriptSync(text, { fileName: 'unanswered.dg' });
      const { dir, file } = writeProgram(emitted.value, 'unanswered');
      const program = await nodeWithWaits(file, dir, { PATH: process.env['PATH'] ?? '' });
      expect(runWaits).toEqual([500, 1000, 2000, 500, 1000, 2000, 500, 1000, 2000]);
      expect(program.waits).toEqual(runWaits);
      expect(program.stdout).toBe(`${run.info.join('\n')}\n`);
      expect(program.stdout).toBe('caught a\ncaught b\ncaught r\ncaught c\ncaught g\ncaught h\ncaught n\ndone\n');
      // The lines of run's summary after its count of requests, then the error that stopped it.
      const summary = requestSummaryLines(run.entries, true).slice(1);
      expect(summary).toHaveLength(8);
      // Refused: never sent, none deleted. Refused after a redirect: the first server had it, so whether deleted or not.
      expect(summary[0]).toMatch(/^ {2}not sent: DELETE .+ \(could not connect to .+ \(connection refused\) after 4 attempts\); none of the ids it named was deleted: 410405000002264040, 410405000002264025$/);
      expect(summary[2]).toMatch(/^ {2}no answer: DELETE .+\/crm\/v7\/Leads \(could not connect to .+ \(connection refused\)\); the ids it named, whether deleted or not: 410405000002264040$/);
      // The ids of a DELETE a server may have processed are counted as not in the answer, as run's first line counts them.
      expect(requestSummaryLines(run.entries, true)[0]).toMatch(/; records: 0 succeeded, 0 failed, 2 not in the answer$/);
      expect(program.stderr.split('\n')).toEqual(['records: 0 failed, 2 not in the answer', ...summary, `error[${stopped.code}] ${stopped.message}`, '']);
      expect(program.exitCode).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a request refused with 429, or refused before it was written (a server on 127.0.0.1)', () => {
  interface Answer {
    readonly status: number;
    readonly headers?: Record<string, string>;
    readonly body: object;
    /** The server stops listening once this is answered: the next attempts find the port closed. */
    readonly thenClose?: true;
  }
  const ids = '410405000002264040,410405000002264025';
  const tooMany = (headers: Record<string, string> = {}): Answer => ({
    status: 429,
    headers,
    body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'Too many requests', status: 'error' },
  });
  const deleted: Answer = {
    status: 200,
    body: { data: ids.split(',').map((id) => ({ code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' })) },
  };

  interface Served {
    readonly base: string;
    /** The request lines it got. */
    readonly requests: string[];
    close(): Promise<void>;
    /** What it does while a client waits between attempts. */
    readonly onWait?: () => Promise<void>;
  }

  /** A server answering each request (`nth` counts from 0) as `answer` says; `port` 0: any free port. */
  async function answering(answer: (path: string, nth: number) => Answer, port = 0): Promise<Served> {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const { status, headers = {}, body, thenClose } = answer(req.url ?? '', requests.length - 1);
      if (thenClose) server.close();
      res.writeHead(status, { 'content-type': 'application/json', ...(thenClose && { connection: 'close' }), ...headers }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  /** A port nobody listens on at first (a connection is refused), answering a DELETE from the first wait on. */
  async function listeningAfterFirstWait(): Promise<Served> {
    const unused = createServer();
    await new Promise<void>((resolve) => unused.listen(0, '127.0.0.1', resolve));
    const { port } = unused.address() as AddressInfo;
    await new Promise((resolve) => unused.close(resolve));
    let server: Served | undefined;
    return {
      base: `http://127.0.0.1:${port}`,
      get requests() {
        return server?.requests ?? [];
      },
      close: async () => server?.close(),
      onWait: async () => void (server ??= await answering(() => deleted, port)),
    };
  }

  const deleteBlock = (url: string) => `r = invokeurl\n[\n\turl: "${url}"\n\ttype: DELETE\n];`;
  const portless = (text: string) => text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');

  /**
   * The script made of `script(base)` run by deluge run (its waits recorded) and by its emitted program (through
   * nodeWithWaits), each against a server of its own made by `serve`; the hosts in their lines are made portless.
   * `stop`: the signal each is sent during its `atWait`th wait (from 1), which only the signal can then end.
   */
  async function bothWays(script: (base: string) => string, serve: () => Promise<Served>, stop?: { readonly atWait: number; readonly signal: 'SIGINT' | 'SIGTERM' }) {
    const runServer = await serve();
    const runWaits: number[] = [];
    const interrupt = new AbortController();
    const run = await runLikeDelugeRunSandbox(script(runServer.base), {
      fileName: 'retried.dg',
      signal: interrupt.signal,
      sleep: async (ms) => {
        runWaits.push(ms);
        if (runWaits.length === stop?.atWait) {
          interrupt.abort(stop.signal);
          return new Promise<never>(() => {});
        }
        await runServer.onWait?.();
      },
    }).finally(() => runServer.close());
    const programServer = await serve();
    try {
      const emitted = emitTypeScriptSync(script(programServer.base), { fileName: 'retried.dg' });
      const { dir, file } = writeProgram(emitted.value, 'retried');
      let waits = 0;
      const program = await nodeWithWaits(file, dir, { PATH: process.env['PATH'] ?? '' }, async (_ms, waiting) =>
        ++waits === stop?.atWait ? waiting.stop(stop.signal) : programServer.onWait?.(),
      );
      const stopped = run.diagnostics[0]?.diagnostic;
      return {
        run: { info: run.info, waits: runWaits, requests: runServer.requests, summary: requestSummaryLines(run.entries, false).slice(1).map(portless), stopped: stopped && portless(`error[${stopped.code}] ${stopped.message}`) },
        program: { ...program, stderr: portless(program.stderr), requests: programServer.requests },
      };
    } finally {
      await programServer.close();
    }
  }

  it("a 429 is sent again after its Retry-After, as deluge run sends it: a DELETE that then succeeds is not in the account", async () => {
    const { run, program } = await bothWays(
      (base) => `${deleteBlock(`${base}/crm/v7/Leads?ids=${ids}`)}\ninfo r.get("data").size();\n`,
      () => answering((_path, nth) => (nth === 0 ? tooMany({ 'retry-after': '0' }) : deleted)),
    );
    expect(run.waits).toEqual([0]);
    expect(run.requests).toHaveLength(2);
    expect(run.summary).toEqual([]);
    expect(program).toEqual({ stdout: '2\n', stderr: '', exitCode: 0, waits: [0], requests: run.requests });
  });

  it("a 429 on every attempt is tried 4 times after run's backoff, one asking to wait over 60 s once: then each is a failed request, its ids not deleted", async () => {
    const { run, program } = await bothWays(
      (base) => `${deleteBlock(`${base}/crm/v7/Leads?ids=${ids}`)}\n${deleteBlock(`${base}/crm/v7/Deals?ids=410405000002267001`)}\ninfo "done";\n`,
      () => answering((path) => (path.includes('Deals') ? tooMany({ 'retry-after': '61' }) : tooMany())),
    );
    expect(run.waits).toEqual([500, 1000, 2000]);
    expect(run.requests.map((r) => r.split('/')[3])).toEqual(['Leads?ids=410405000002264040,410405000002264025', 'Leads?ids=410405000002264040,410405000002264025', 'Leads?ids=410405000002264040,410405000002264025', 'Leads?ids=410405000002264040,410405000002264025', 'Deals?ids=410405000002267001']);
    expect(run.summary).toEqual([
      '  failed request: DELETE 127.0.0.1:PORT/crm/v7/Leads → 429 TOO_MANY_REQUESTS Too many requests; none of the ids it named was deleted: 410405000002264040, 410405000002264025',
      '  failed request: DELETE 127.0.0.1:PORT/crm/v7/Deals → 429 TOO_MANY_REQUESTS Too many requests; none of the ids it named was deleted: 410405000002267001',
    ]);
    expect(program).toEqual({
      stdout: 'done\n',
      stderr: ['records: 0 failed, 3 not deleted (refused with their request)', ...run.summary, ''].join('\n'),
      exitCode: 0,
      waits: run.waits,
      requests: run.requests,
    });
  });

  it("a 429 whose retries cannot connect is accounted for by its 429, with why its retry was not sent, as run's summary says", async () => {
    const { run, program } = await bothWays(
      (base) => `${deleteBlock(`${base}/crm/v7/Leads?ids=${ids}`)}\ninfo "done";\n`,
      () => answering(() => ({ ...tooMany({ 'retry-after': '0' }), thenClose: true })),
    );
    // The 429's own wait, then the backoff after the second and third attempts, refused.
    expect(run.waits).toEqual([0, 1000, 2000]);
    expect(run.requests).toHaveLength(1);
    expect(run.summary).toEqual([
      '  failed request: DELETE 127.0.0.1:PORT/crm/v7/Leads → 429 TOO_MANY_REQUESTS Too many requests; its retry was not sent (could not connect to 127.0.0.1:PORT (connection refused) after 4 attempts); none of the ids it named was deleted: 410405000002264040, 410405000002264025',
    ]);
    expect(run.stopped).toBe('error[DLG4024] invokeurl DELETE 127.0.0.1:PORT: could not connect to 127.0.0.1:PORT (connection refused) after 4 attempts');
    expect(program).toEqual({
      stdout: '',
      stderr: ['records: 0 failed, 2 not deleted (refused with their request)', ...run.summary, run.stopped, ''].join('\n'),
      exitCode: 1,
      waits: run.waits,
      requests: run.requests,
    });
  });

  it('a connection refused before anything was written is tried again after the backoff: the DELETE then answered is not in the account', async () => {
    const { run, program } = await bothWays((base) => `${deleteBlock(`${base}/crm/v7/Leads?ids=${ids}`)}\ninfo r.get("data").size();\n`, listeningAfterFirstWait);
    expect(run.waits).toEqual([500]);
    expect(run.requests).toEqual([`DELETE /crm/v7/Leads?ids=${ids}`]);
    expect(run.summary).toEqual([]);
    expect(program).toEqual({ stdout: '2\n', stderr: '', exitCode: 0, waits: [500], requests: run.requests });
  });

  describe('Ctrl-C or SIGTERM during a wait between attempts (no attempt under way)', () => {
    const script = (base: string) => `${deleteBlock(`${base}/crm/v7/Leads?ids=${ids}`)}\ninfo "done";\n`;
    const notDeleted = `none of the ids it named was deleted: ${ids.replace(',', ', ')}`;
    const interrupted = ['', 'Interrupted: letting the request in flight finish (Ctrl-C again to quit at once)'];
    const terminated = ['', 'Terminated (SIGTERM): letting the request in flight finish (a second SIGTERM or Ctrl-C quits at once)'];

    /** A port nobody listens on: every connection is refused. */
    async function refusing(): Promise<Served> {
      const { base, close } = await answering(() => deleted);
      await close();
      return { base, requests: [], close: async () => {} };
    }

    it("Ctrl-C during a 429's Retry-After ends it at once, nothing more is sent: the 429 is the answer, listed as run lists it; exit 130", async () => {
      const { run, program } = await bothWays(script, () => answering(() => tooMany({ 'retry-after': '30' })), { atWait: 1, signal: 'SIGINT' });
      expect(run.waits).toEqual([30_000]);
      expect(run.requests).toHaveLength(1);
      expect(run.summary).toEqual([`  failed request: DELETE 127.0.0.1:PORT/crm/v7/Leads → 429 TOO_MANY_REQUESTS Too many requests; ${notDeleted}`]);
      expect(program).toEqual({
        stdout: '',
        stderr: [...interrupted, 'records: 0 failed, 2 not deleted (refused with their request)', ...run.summary, `error[DLG4026] ${interruptedError().message}`, ''].join('\n'),
        exitCode: 130,
        waits: run.waits,
        requests: run.requests,
      });
    });

    it('SIGTERM during the backoff after a refused connection: not sent again, listed as not sent, its ids not deleted, as run says; exit 143', async () => {
      const { run, program } = await bothWays(script, refusing, { atWait: 1, signal: 'SIGTERM' });
      expect(run.waits).toEqual([500]);
      expect(run.summary).toEqual([`  not sent: DELETE 127.0.0.1:PORT/crm/v7/Leads (the request to 127.0.0.1:PORT was cancelled after 1 attempt); ${notDeleted}`]);
      // No attempt reached a server: the request was not sent (the stop came in the wait before its second attempt).
      expect(run.stopped).toBe(`error[DLG4026] ${notSentError(AbortSignal.abort('SIGTERM')).message}`);
      expect(program).toEqual({ stdout: '', stderr: [...terminated, ...run.summary, run.stopped, ''].join('\n'), exitCode: 143, waits: run.waits, requests: [] });
    });

    it('Ctrl-C during the backoff after a 429 whose retry could not connect: accounted for by its 429, its retry not sent, as run says; exit 130', async () => {
      const { run, program } = await bothWays(script, () => answering(() => ({ ...tooMany({ 'retry-after': '0' }), thenClose: true })), { atWait: 2, signal: 'SIGINT' });
      expect(run.waits).toEqual([0, 1000]);
      expect(run.requests).toHaveLength(1);
      expect(run.summary).toEqual([
        `  failed request: DELETE 127.0.0.1:PORT/crm/v7/Leads → 429 TOO_MANY_REQUESTS Too many requests; its retry was not sent (the request to 127.0.0.1:PORT was cancelled after 2 attempts); ${notDeleted}`,
      ]);
      expect(run.stopped).toBe(`error[DLG4026] ${interruptedError().message}`);
      expect(program).toEqual({
        stdout: '',
        stderr: [...interrupted, 'records: 0 failed, 2 not deleted (refused with their request)', ...run.summary, run.stopped, ''].join('\n'),
        exitCode: 130,
        waits: run.waits,
        requests: run.requests,
      });
    });
  });
});

describe("secrets in a server's answers", () => {
  it("are masked in the program's account as in deluge run's summary: a key the script sends, a token or key of a known shape", async () => {
    // A key of no known shape, which only its having been sent makes a secret; a Stripe key and a Zoho token.
    const key = 'q7Vd2mZp-own-key';
    const stripe = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const zoho = '1000.8d4f1f1e0d8b2c6a9e3f5b7c1d2e4f6a.0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const server = createServer((req, res) => {
      const sent = req.headers['x-api-key'];
      res.setHeader('content-type', 'application/json');
      if (req.url!.startsWith('/crm/v7/Leads')) {
        res.writeHead(400).end(JSON.stringify({ code: 'INVALID_KEY', message: `Invalid API key provided: ${sent}`, status: 'error' }));
      } else if (req.url!.startsWith('/crm/v7/Deals')) {
        const record = { code: 'INVALID_DATA', details: { id: '410405000002267001' }, message: `refused for ${sent} and ${stripe}`, status: 'error' };
        res.writeHead(400).end(JSON.stringify({ data: [record] }));
      } else res.writeHead(401).end(JSON.stringify({ code: 'AUTHENTICATION_FAILURE', message: `Zoho-oauthtoken ${zoho} has expired`, status: 'error' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const text = [
        `a = invokeurl\n[\n\turl: "${local}/crm/v7/Leads?ids=410405000002264040"\n\ttype: DELETE\n\theaders: {"X-Api-Key": "${key}"}\n];`,
        `b = invokeurl\n[\n\turl: "${local}/crm/v7/Deals?ids=410405000002267001"\n\ttype: DELETE\n\theaders: {"X-Api-Key": "${key}"}\n];`,
        `c = getUrl("${local}/org", {"X-Api-Key": "${key}"});`,
        'info "done";',
        '',
      ].join('\n');
      const run = await runLikeDelugeRunSandbox(text, { fileName: 'echoes.dg' });
      const summary = requestSummaryLines(run.entries, true).slice(1);
      const emitted = emitTypeScriptSync(text, { fileName: 'echoes.dg' });
      expect(emitted.value).not.toContain(key);
      const { dir, file } = writeProgram(emitted.value, 'echoes');
      const env: Record<string, string> = { PATH: process.env['PATH'] ?? '' };
      for (const v of credentialVariables(text, { fileName: 'echoes.dg' })) env[v.name] = v.value;
      const program = await node([file], dir, env);
      expect(program.stdout).toBe('done\n');
      expect(program.stderr.split('\n').filter((line) => line.startsWith('  '))).toEqual(summary);
      for (const secret of [key, stripe, zoho]) expect(program.stderr).not.toContain(secret);
      expect(program.stderr).toContain('INVALID_KEY Invalid API key provided: ****;');
      expect(program.stderr).toContain('refused for **** and ****');
      expect(program.stderr).toContain('AUTHENTICATION_FAILURE Zoho-oauthtoken **** has expired');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a proxy named by the environment', () => {
  it("is noted on stderr once, by its variable's name only, when Node.js's fetch would not use it; not when NODE_USE_ENV_PROXY=1 asks it to", async () => {
    const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const text = `a = getUrl("${local}/a");\nb = getUrl("${local}/b");\ninfo a + b;\n`;
      const { dir, file } = writeProgram(emitTypeScriptSync(text, { fileName: 'proxied.dg' }).value, 'proxied');
      // (NO_PROXY keeps the requests direct on a Node.js that does use the proxy: its port is closed.)
      const proxy = { HTTPS_PROXY: 'http://user:pr0xy-pa55@127.0.0.1:9', NO_PROXY: '127.0.0.1' };
      const unused = await node([file], dir, { PATH: process.env['PATH'] ?? '', ...proxy });
      expect(unused.stdout).toBe('{"ok":true}{"ok":true}\n');
      expect(unused.stderr.match(/^Note: HTTPS_PROXY is set, .*requests go direct\.$/gm)).toHaveLength(1);
      expect(unused.stderr).not.toContain('pr0xy-pa55');
      const asked = await node([file], dir, { PATH: process.env['PATH'] ?? '', ...proxy, NODE_USE_ENV_PROXY: '1' });
      expect([asked.stdout, asked.stderr]).toEqual(['{"ok":true}{"ok":true}\n', '']);
      const none = await node([file], dir, { PATH: process.env['PATH'] ?? '' });
      expect(none.stderr).toBe('');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('Ctrl-C, SIGTERM or stdout closed while a request is in flight (a server on 127.0.0.1 that answers a held request when told)', () => {
  const first = '410405000002264040,410405000002264025';
  const held = '410405000002264041,410405000002264026';
  /** Three DELETEs of a bulk delete, the second held by the server; `tried`: the second in a try/catch. */
  const script = (base: string, tried = false) => {
    const second = `b = invokeurl [ url: "${base}/crm/v7/Leads?ids=${held}&hold=1" type: DELETE ];`;
    return [
      `a = invokeurl [ url: "${base}/crm/v7/Leads?ids=${first}" type: DELETE ];`,
      'info "first batch";',
      ...(tried ? ['try', '{', `\t${second}`, '}', 'catch (e)', '{', '\tinfo "caught";', '}'] : [second]),
      'info "second batch";',
      `c = invokeurl [ url: "${base}/crm/v7/Leads?ids=410405000002264042" type: DELETE ];`,
      '',
    ].join('\n');
  };

  /** Delete Records' answer: every id deleted but 410405000002264041. */
  function answer(res: ServerResponse, url: string): void {
    const ids = new URL(url, 'http://127.0.0.1').searchParams.get('ids')!.split(',');
    const data = ids.map((id) =>
      id === '410405000002264041' ? { code: 'INVALID_DATA', details: { id }, message: 'the related id given is invalid', status: 'error' } : { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' },
    );
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  }

  /** A server answering every DELETE at once but one whose URL has `hold=1`, which `nextHeld` gives the test. */
  async function holdingServer() {
    const requests: string[] = [];
    let onHold: (res: ServerResponse) => void = () => {};
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url?.includes('&hold=1')) onHold(res);
      else answer(res, req.url ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests,
      nextHeld: () => new Promise<ServerResponse>((resolve) => (onHold = resolve)),
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  /** The emitted program of `text` started by node; `printed` resolves once its stderr matches, fails if it ends first. */
  function startProgram(text: string, name: string) {
    const { dir, file } = writeProgram(emitTypeScriptSync(text, { fileName: `${name}.dg` }).value, name);
    const child = spawn(process.execPath, [file], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    let ended = false;
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const done = new Promise<{ stdout: string; stderr: string; exitCode: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (exitCode, signal) => {
        ended = true;
        resolve({ stdout, stderr, exitCode, signal });
      }),
    );
    const printed = async (pattern: RegExp, on: 'stdout' | 'stderr' = 'stderr'): Promise<void> => {
      while (!pattern.test(on === 'stdout' ? stdout : stderr)) {
        if (ended) throw new Error(`the program ended (${(await done).signal ?? (await done).exitCode}) before printing ${pattern}; its stderr: ${JSON.stringify(stderr)}`);
        await Promise.race([new Promise((resolve) => child[on].once('data', resolve)), done]);
      }
    };
    return { child, printed, done };
  }

  it('once: the request in flight finishes and is accounted for, no further one is sent, DLG4026 as deluge run words it; exit 130', async () => {
    const server = await holdingServer();
    try {
      const holding = server.nextHeld();
      const program = startProgram(script(server.base), 'interrupted');
      const res = await holding;
      program.child.kill('SIGINT');
      // Answered only once the program has taken the signal, so that it is the request in flight that finishes.
      await program.printed(/Interrupted: letting the request in flight finish/);
      answer(res, `?ids=${held}`);
      const host = new URL(server.base).host;
      expect(await program.done).toEqual({
        stdout: 'first batch\n',
        stderr: [
          '',
          'Interrupted: letting the request in flight finish (Ctrl-C again to quit at once)',
          'records: 1 failed',
          `  failed: 410405000002264041 INVALID_DATA the related id given is invalid (DELETE ${host})`,
          `error[DLG4026] ${interruptedError().message}`,
          '',
        ].join('\n'),
        exitCode: 130,
        signal: null,
      });
      expect(server.requests).toEqual([`DELETE /crm/v7/Leads?ids=${first}`, `DELETE /crm/v7/Leads?ids=${held}&hold=1`]);
    } finally {
      await server.close();
    }
  });

  it("twice: quits without waiting, the request listed as not awaited with run's line, its ids not in the answer; exit 130", async () => {
    const server = await holdingServer();
    const heldResponses: ServerResponse[] = [];
    try {
      // deluge run's account of the same moment (session.abandon is what its second Ctrl-C calls).
      const session = await openRunSession({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'deluge-run-')) });
      const runHeld = server.nextHeld();
      void runScriptAsync(script(server.base), { fileName: 'quit.dg', tasks: session.host });
      heldResponses.push(await runHeld);
      session.abandon('Ctrl-C twice');
      const runSummary = requestSummaryLines(session.requests, false);
      expect(runSummary[0]).toBe('2 requests (1 × 200, 1 × no response); records: 2 succeeded, 0 failed, 2 not in the answer');
      const runRequests = server.requests.splice(0);

      const holding = server.nextHeld();
      const program = startProgram(script(server.base), 'quit');
      heldResponses.push(await holding);
      program.child.kill('SIGINT');
      await program.printed(/Interrupted: letting the request in flight finish/);
      program.child.kill('SIGINT');
      expect(await program.done).toEqual({
        stdout: 'first batch\n',
        stderr: [
          '',
          'Interrupted: letting the request in flight finish (Ctrl-C again to quit at once)',
          '',
          `Quit without waiting for DELETE ${new URL(server.base).host}/crm/v7/Leads: the server may have processed it`,
          'records: 0 failed, 2 not in the answer',
          ...runSummary.slice(1),
          `error[DLG4026] ${quitError('Ctrl-C twice').message}`,
          '',
        ].join('\n'),
        exitCode: 130,
        signal: null,
      });
      expect(server.requests).toEqual(runRequests);
    } finally {
      for (const res of heldResponses) res.destroy();
      await server.close();
    }
  });

  it('SIGTERM, then the request fails: the failure is listed, not caught by the script, and the program stops; exit 143', async () => {
    const server = await holdingServer();
    try {
      const holding = server.nextHeld();
      const program = startProgram(script(server.base, true), 'terminated');
      const res = await holding;
      program.child.kill('SIGTERM');
      await program.printed(/Terminated \(SIGTERM\): letting the request in flight finish/);
      res.socket?.destroy();
      const host = new URL(server.base).host;
      expect(await program.done).toEqual({
        stdout: 'first batch\n',
        stderr: [
          '',
          'Terminated (SIGTERM): letting the request in flight finish (a second SIGTERM or Ctrl-C quits at once)',
          'records: 0 failed, 2 not in the answer',
          `  no answer: DELETE ${host}/crm/v7/Leads (the connection to ${host} broke before the response was complete (the connection was closed)); the ids it named, whether deleted or not: 410405000002264041, 410405000002264026`,
          `error[DLG4026] ${interruptedError(AbortSignal.abort('SIGTERM')).message}`,
          '',
        ].join('\n'),
        exitCode: 143,
        signal: null,
      });
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('stdout closed by its reader (… | head -1): the program stops as deluge run stops: the answer awaited is accounted for, no further request is sent, DLG4026; exit 141', async () => {
    const server = await holdingServer();
    try {
      const holding = server.nextHeld();
      const program = startProgram(script(server.base), 'piped');
      const res = await holding;
      await program.printed(/first batch/, 'stdout');
      // The reader goes away (its end closed before the answer comes): the program's next line meets EPIPE. (Node
      // loses that line silently, and dies of the next one's EPIPE.)
      await new Promise((closed) => program.child.stdout.destroy().once('close', closed));
      answer(res, `?ids=${held}`);
      const host = new URL(server.base).host;
      expect(await program.done).toEqual({
        stdout: 'first batch\n',
        stderr: [
          '',
          STDOUT_CLOSED_NOTICE.trim(),
          'records: 1 failed',
          `  failed: 410405000002264041 INVALID_DATA the related id given is invalid (DELETE ${host})`,
          // The closed pipe is met by the line after the answer: the stop comes before the next request.
          `error[DLG4026] ${notSentError(AbortSignal.abort('SIGPIPE')).message}`,
          '',
        ].join('\n'),
        exitCode: 141,
        signal: null,
      });
      expect(server.requests).toEqual([`DELETE /crm/v7/Leads?ids=${first}`, `DELETE /crm/v7/Leads?ids=${held}&hold=1`]);
    } finally {
      await server.close();
    }
  });
});

describe('a multipart body, on the wire (a server on 127.0.0.1)', () => {
  it("is the bytes deluge run sends: fields' line breaks as written (a FormData made them CRLF), a file's bytes untouched", async () => {
    const bodies: { contentType: string; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('latin1') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/up`;
      const text = [
        // "a\r\nb\n" in Base64: a file's CR and LF are its own.
        'file = zoho.encryption.base64DecodeToFile("YQ0KYgo=", "note.txt");',
        `r = invokeurl [ url: "${url}" type: POST parameters: {"msg": "line1\nline2\rx", "file": file} ];`,
        'info r;',
        '',
      ].join('\n');
      const cwd = mkdtempSync(join(tmpdir(), 'deluge-run-'));
      const session = await openRunSession({ env: {}, cwd });
      try {
        await runScriptAsync(text, { fileName: 'multipart.dg', tasks: session.host });
      } finally {
        await session.close();
      }
      const { dir, file } = writeProgram(emitTypeScriptSync(text, { fileName: 'multipart.dg' }).value, 'multipart');
      expect(await node([file], dir, { PATH: process.env['PATH'] ?? '' })).toMatchObject({ stdout: '{}\n', exitCode: 0 });
      const sent = bodies.map(({ contentType, body }) => body.split(/boundary=(.+)$/.exec(contentType)![1]!).join('BOUNDARY'));
      const expected =
        '--BOUNDARY\r\nContent-Disposition: form-data; name="msg"\r\n\r\nline1\nline2\rx\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: application/octet-stream\r\n\r\na\r\nb\n\r\n' +
        '--BOUNDARY--\r\n';
      expect(sent).toEqual([expected, expected]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a body whose content-type the script leaves empty', () => {
  it('is sent without a Content-Type, as deluge run sends it (fetch added text/plain to a text, or an empty header)', async () => {
    const received: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers['content-type']);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/plain`;
      const text = `r = invokeurl [ url: "${url}" type: POST parameters: "hello" content-type: "" ];\ninfo r;\n`;
      const session = await openRunSession({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'deluge-run-')) });
      try {
        await runScriptAsync(text, { fileName: 'plain.dg', tasks: session.host });
      } finally {
        await session.close();
      }
      const { dir, file } = writeProgram(emitTypeScriptSync(text, { fileName: 'plain.dg' }).value, 'plain');
      expect(await node([file], dir, { PATH: process.env['PATH'] ?? '' })).toMatchObject({ stdout: '{}\n', exitCode: 0 });
      expect(received).toEqual([undefined, undefined]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a header the HTTP client manages', () => {
  it('stops the program before anything is sent, with the DLG4018 deluge run gives, which the script cannot catch', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/managed`;
      const text = `try\n{\n\tr = invokeurl [ url: "${url}" type: POST parameters: "hello" headers: {"Keep-Alive": "timeout=5"} ];\n}\ncatch (e)\n{\n\tinfo "caught: " + e;\n}\n`;
      const { dir, file } = writeProgram(emitTypeScriptSync(text, { fileName: 'managed.dg' }).value, 'managed');
      const child = await node([file], dir, { PATH: process.env['PATH'] ?? '' });
      expect(child.stdout).toBe('');
      expect(child.stderr).toContain('DLG4018');
      expect(child.stderr).toContain('invokeurl: the header Keep-Alive cannot be set by a script: the HTTP client manages the connection; nothing was sent');
      expect(child.exitCode).toBe(1);
      expect(received).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a sendmail without from or to', () => {
  it('stops the program there with the DLG4018 deluge run gives, describing no mail; try/catch catches it as in the run', async () => {
    const uncaught = 'info "before";\nsendmail [ From : zoho.adminuserid Subject : "x" ];\ninfo "after";\n';
    const caught = 'try\n{\n\tsendmail [ subject: "x" message: "y" ];\n}\ncatch (e)\n{\n\tinfo "caught: " + e;\n}\n';
    const opts = { now: Date.parse('2024-05-01T10:00:00Z'), timeZone: 'UTC' };
    const results = [];
    for (const [name, text] of [['uncaught', uncaught], ['caught', caught]] as const) {
      const { dir, file } = writeProgram(emitTypeScriptSync(text, { fileName: `${name}.dg` }).value, name);
      results.push({ run: runScript(text, opts), child: await node([file], dir, { PATH: process.env['PATH'] ?? '' }) });
    }
    const [stopped, handled] = results as [(typeof results)[0], (typeof results)[0]];
    expect(stopped.run.diagnostics[0]?.diagnostic.code).toBe('DLG4018');
    expect(stopped.child.stdout).toBe(`${stopped.run.info.join('\n')}\n`);
    expect(stopped.child.stderr).toContain(`error[DLG4018] ${stopped.run.diagnostics[0]!.diagnostic.message}`);
    expect(stopped.child.stderr).not.toContain('sendmail (not sent)');
    expect(stopped.child.exitCode).toBe(1);
    expect(handled.run.diagnostics).toEqual([]);
    expect(handled.child.stdout).toBe(`${handled.run.info.join('\n')}\n`);
    expect(handled.child.stdout).toContain("caught: sendmail: no 'from'");
    expect(handled.child.exitCode).toBe(0);
  });
});

describe('a credential the script writes, read from the environment', () => {
  it('stops the program with DLG0006 naming the variable when it is not set, printing no credential', async () => {
    const c = cases.find((k) => k.id === 'input/ts-literal-credentials')!;
    // Nothing is sent: the first request's header map reads the first credential. The URL is a closed port anyway.
    const emitted = emitTypeScriptSync(c.text, { fileName: `${c.name}.dg`, now: c.now, timeZone: c.timeZone, baseUrl: 'http://127.0.0.1:9' });
    const { dir, file } = writeProgram(emitted.value, c.name);
    const child = await node([file], dir, { PATH: process.env['PATH'] ?? '' });
    expect(child.exitCode).toBe(1);
    expect(child.stdout).toBe('');
    expect(child.stderr).toMatch(/^error\[DLG0006\] set DELUGE_SECRET_AUTHORIZATION to the credential the script writes there/);
    const values = credentialVariables(c.text).map((v) => v.value);
    expect(values.length).toBeGreaterThan(5);
    for (const value of values) expect(child.stderr).not.toContain(value);
  });
});

describe('credential fields of a URL or a body (token, key, secret, a grant code), read from the environment', () => {
  it('are in no emitted text; the program, given its DELUGE_SECRET_* variables, sends what deluge run sends; a code that is data stays', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const type = req.headers['content-type'] ?? '';
        const body = Buffer.concat(chunks).toString('latin1');
        // A multipart body's boundary differs between clients.
        const boundary = /boundary=(.+)$/.exec(type)?.[1];
        received.push(`${req.method} ${req.url} ${boundary ? 'multipart' : type}\n${boundary ? body.split(boundary).join('BOUNDARY') : body}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const secrets = { revoked: '1000.REVOKE.abc', grant: '1000.GRANT.def', apiKey: 'K1.apikey', token: 'T1.token', secret: 'S1.secret', urlKey: 'AIzaSyD-abcdefghijklmnop', partSecret: 'P1.partsecret' };
      const text = [
        `r1 = invokeurl [ url: "${local}/oauth/v2/token/revoke?token=${secrets.revoked}" type: POST ];`,
        `r2 = invokeurl [ url: "${local}/oauth/v2/token?grant_type=authorization_code&client_id=1000.X&code=${secrets.grant}" type: POST ];`,
        `r3 = invokeurl [ url: "${local}/login" type: POST parameters: {"api_key": "${secrets.apiKey}", "token": "${secrets.token}", "n": "1"} ];`,
        `r4 = invokeurl [ url: "${local}/json" type: POST parameters: "{\\"secret\\": \\"${secrets.secret}\\", \\"n\\": 2}" headers: {"Content-Type": "application/json"} ];`,
        `r5 = invokeurl [ url: "${local}/countries?code=US&key=${secrets.urlKey}" type: GET ];`,
        'note = zoho.encryption.base64DecodeToFile("aGkK", "note.txt");',
        `r6 = invokeurl [ url: "${local}/up" type: POST parameters: {"file": note, "secret": "${secrets.partSecret}", "code": "US"} ];`,
        'info r1;',
        '',
      ].join('\n');
      const session = await openRunSession({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'deluge-run-')) });
      try {
        await runScriptAsync(text, { fileName: 'fields.dg', tasks: session.host });
      } finally {
        await session.close();
      }
      const emitted = emitTypeScriptSync(text, { fileName: 'fields.dg' });
      const warnings = emitted.diagnostics.map((d) => d.message).join('\n');
      for (const [name, secret] of Object.entries(secrets)) {
        expect(emitted.value, name).not.toContain(secret);
        expect(warnings, name).not.toContain(secret);
      }
      for (const name of ['TOKEN', 'CODE', 'API_KEY', 'TOKEN_2', 'SECRET', 'KEY', 'SECRET_2']) expect(emitted.value).toContain(`credential("DELUGE_SECRET_${name}")`);
      expect(emitted.value).toContain('/countries?code=US&key=');
      expect(emitted.value).toContain('["code", "US"]');
      const variables = Object.fromEntries(credentialVariables(text).map((v) => [v.name, v.value]));
      expect(variables).toEqual({
        DELUGE_SECRET_TOKEN: secrets.revoked,
        DELUGE_SECRET_CODE: secrets.grant,
        DELUGE_SECRET_API_KEY: secrets.apiKey,
        DELUGE_SECRET_TOKEN_2: secrets.token,
        DELUGE_SECRET_SECRET: secrets.secret,
        DELUGE_SECRET_KEY: secrets.urlKey,
        DELUGE_SECRET_SECRET_2: secrets.partSecret,
      });
      const { dir, file } = writeProgram(emitted.value, 'fields');
      expect(await node([file], dir, { PATH: process.env['PATH'] ?? '', ...variables })).toMatchObject({ stdout: '{}\n', exitCode: 0 });
      expect(received).toHaveLength(12);
      expect(received.slice(6)).toEqual(received.slice(0, 6));
      for (const secret of Object.values(secrets)) expect(received.join('\n')).toContain(secret);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the arguments of an emitted program', () => {
  it('a bad one ends the program before it runs, as a usage error of deluge run: one line on stderr, exit code 2', async () => {
    const emitted = emitTypeScriptSync('info "moduleName: " + input.moduleName;\n', { fileName: 'args.dg', args: { moduleName: 'Leads' } });
    const { dir, file } = writeProgram(emitted.value, 'args');
    const env = { PATH: process.env['PATH'] ?? '' };
    expect(await node([file, 'moduleName=Deals'], dir, env)).toEqual({ stdout: 'moduleName: Deals\n', stderr: '', exitCode: 0 });
    const badJson = await node([file, 'extra:={bad'], dir, env);
    expect(badJson).toEqual({ stdout: '', stderr: 'error[DLG0002] argument extra: the text is not valid JSON: expected a key in quotes at line 1, column 2\n', exitCode: 2 });
    const notAPair = await node([file, 'junk'], dir, env);
    expect(notAPair).toEqual({ stdout: '', stderr: "error[DLG0002] the argument 'junk' is not name=value (text) or name:=JSON\n", exitCode: 2 });
  });

  it("a function reads its own arguments as input.<name>, typed, as deluge run reads them (a called function its own)", async () => {
    const text = 'void f(int contact_id, string note)\n{\n\tinfo input.contact_id + 1;\n\tinfo g(7);\n\tinfo input.note + input.other;\n}\nint g(int contact_id)\n{\n\treturn input.contact_id * 2;\n}\n';
    const args = { contact_id: '41', note: 'n', other: 'o' };
    const run = runScript(text, { fileName: 'own-input.dg', args });
    expect(run.info).toEqual(['42', '14', 'no']);
    const emitted = emitTypeScriptSync(text, { fileName: 'own-input.dg' });
    const { dir, file } = writeProgram(emitted.value, 'own-input');
    const env = { PATH: process.env['PATH'] ?? '' };
    expect(await node([file, ...Object.entries(args).map(([k, v]) => `${k}=${v}`)], dir, env)).toEqual({ stdout: '42\n14\nno\n', stderr: '', exitCode: 0 });
  });

  it('a variable whose assignment did not run is not defined, unless given on the command line, as with deluge run', async () => {
    const text = 'if (1 == 2)\n{\n\tx = 5;\n}\ninfo "x: " + x;\n';
    const notDefined = runScript(text, { fileName: 'unassigned.dg' }).diagnostics[0]?.diagnostic;
    expect(notDefined?.code).toBe('DLG4008');
    expect(runScript(text, { fileName: 'unassigned.dg', args: { x: '7' } }).info).toEqual(['x: 7']);
    const emitted = emitTypeScriptSync(text, { fileName: 'unassigned.dg' });
    const { dir, file } = writeProgram(emitted.value, 'unassigned');
    const env = { PATH: process.env['PATH'] ?? '' };
    // In deluge run's words: the line of the assignment that did not run.
    expect(notDefined?.message).toBe("Variable 'x' is not defined: its assignment on line 3 did not run (it is in a branch or loop that was not taken)");
    expect(await node([file], dir, env)).toEqual({ stdout: '', stderr: `error[DLG4008] ${notDefined!.message}\n`, exitCode: 1 });
    expect(await node([file, 'x=7'], dir, env)).toEqual({ stdout: 'x: 7\n', stderr: '', exitCode: 0 });
  });
});
