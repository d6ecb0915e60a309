import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFilePath, renderCurlScript } from '../../src/emitters/curl/index.js';
import { recordRequests, type RecordedRequest } from '../../src/emitters/record.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { normalizeRequests, runLikeDelugeRunSandbox, sandboxRequests, type NormalizedRequest } from '../helpers/sandbox-requests.js';
import { emitCases, type EmitCase } from './curl/cases.js';

/**
 * Execute and compare: for every converter input and every runnable example, the requests `deluge run --sandbox`
 * sends (the sandbox's log) against the requests the emitted curl commands send when the REAL curl binary runs them
 * (through `sh`, `--base-url` aimed at a fresh sandbox): method, path, query, headers and body, normalised only
 * where clients legitimately differ (test/helpers/sandbox-requests.ts).
 *
 * Requests that carry a placeholder (a value only a live response has) are left out explicitly and counted, as are
 * requests to hosts that are not Zoho's (the run answers them with stubs; curl would reach the network).
 */
const cases = emitCases();

interface Tally {
  scripts: number;
  compared: number;
  placeholders: number;
  notZoho: number;
}
const tally: Tally = { scripts: 0, compared: 0, placeholders: 0, notZoho: 0 };
const started = performance.now();

/** Scripts compared side by side (each with its own sandboxes): most of a comparison is waiting on loopback and curl. */
const PARALLEL = 10;
const outcomes = new Map<string, Outcome | Error>();

beforeAll(async () => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('curl is not installed: this test runs the emitted commands with the real curl binary (.ci/run installs it; locally: apt-get install curl)');
  }
  const queue = [...cases];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      outcomes.set(c.id, await executeAndCompare(c).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}, 120_000);

afterAll(() => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `curl execute-and-compare: ${tally.scripts} scripts, ${tally.compared} requests compared, ` +
      `${tally.placeholders} left out for placeholders, ${tally.notZoho} for non-Zoho hosts, ${seconds} s`,
  );
});

interface Outcome {
  /** The normalised requests `deluge run --sandbox` sent. */
  readonly run: NormalizedRequest[];
  /** Each emitted request, with what its command sent (undefined when it was left out, and why). */
  readonly emitted: { request: RecordedRequest; sent?: NormalizedRequest; leftOut?: 'placeholder' | 'not-zoho' }[];
  /** True when the recording never read a placeholder: then the two lists must be the same, request for request. */
  readonly deterministic: boolean;
}

async function executeAndCompare(c: EmitCase): Promise<Outcome> {
  const options = { fileName: `${c.name}.dg`, args: c.args, now: c.now, timeZone: c.timeZone };
  const run = await runLikeDelugeRunSandbox(c.text, { ...options, stubs: c.stubs });
  const sandbox = await startSandbox({ port: 0 });
  try {
    const recorded = await recordRequests(c.text, { ...options, baseUrl: sandbox.url });
    expect(recorded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const script = renderCurlScript(recorded.value, { ...options, baseUrl: sandbox.url });
    // The commands run here are the ones `emit` prints.
    for (const { command } of script.commands) expect(script.value).toContain(command);

    const cwd = mkdtempSync(join(tmpdir(), 'deluge-curl-'));
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '' };
    for (const v of script.variables) {
      if (v.kind === 'token') env[v.name] = sandbox.accessToken;
      if (v.kind === 'credential') env[v.name] = v.value ?? '';
    }
    const emitted: { request: RecordedRequest; command: string; leftOut?: 'placeholder' | 'not-zoho' }[] = script.commands.map(({ request, command }) => {
      if (request.placeholders.length > 0) return { request, command, leftOut: 'placeholder' };
      if (!request.url.startsWith(sandbox.url)) return { request, command, leftOut: 'not-zoho' };
      // A file the script made is read from the path the command names: write the script's bytes there.
      if (request.body?.kind === 'multipart') {
        for (const part of request.body.parts) if (part.kind === 'file') writeFileSync(join(cwd, localFilePath(part.file, recorded.value.placeholders)), part.file.bytes);
      }
      return { request, command };
    });
    const toRun = emitted.filter((e) => !e.leftOut);
    // One shell for all of a script's commands, in order; curl's answers go to a pipe nobody reads.
    if (toRun.length > 0) await sh(`set -e\n${toRun.map((e) => e.command).join('\n')}\n`, cwd, env);
    const sent = normalizeRequests(await sandboxRequests(sandbox.url));
    expect(sent, `${c.id}: one request per command`).toHaveLength(toRun.length);
    let next = 0;
    return {
      run: run.requests,
      emitted: emitted.map((e) => (e.leftOut ? { request: e.request, leftOut: e.leftOut } : { request: e.request, sent: sent[next++]! })),
      deterministic: recorded.value.placeholders.reads === 0,
    };
  } finally {
    await sandbox.close();
  }
}

function sh(script: string, cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', script], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`the emitted commands failed (${error.message}): ${stderr}`));
      else resolve();
    });
  });
}

describe('emitted curl sends what deluge run --sandbox sends', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const outcome = outcomes.get(c.id);
    if (outcome instanceof Error || outcome === undefined) throw outcome ?? new Error(`${c.id} was not run`);
    tally.scripts++;
    tally.placeholders += outcome.emitted.filter((e) => e.leftOut === 'placeholder').length;
    tally.notZoho += outcome.emitted.filter((e) => e.leftOut === 'not-zoho').length;
    const compared = outcome.emitted.filter((e) => e.sent);
    const notZoho = outcome.emitted.filter((e) => e.leftOut === 'not-zoho').length;
    if (outcome.deterministic) {
      // Nothing the script did depended on a response: the same requests, in the same order, none missing.
      expect(compared.map((e) => e.sent)).toEqual(outcome.run);
      expect(outcome.emitted.length - notZoho, `${c.id}: every request converted`).toBe(outcome.run.length);
    } else {
      // After a placeholder was read the run may take another path: each compared request must still be one the
      // run sent, in the same order.
      let at = 0;
      for (const e of compared) {
        const found = outcome.run.findIndex((r, i) => i >= at && JSON.stringify(r) === JSON.stringify(e.sent));
        expect(found, `${c.id}: request ${e.request.index} (${e.request.method} ${e.request.url}) is not among the run's\n${JSON.stringify(e.sent, null, 1)}\nnext run request:\n${JSON.stringify(outcome.run[at], null, 1)}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    }
    tally.compared += compared.length;
  });
});

describe('a body larger than Linux takes in one argument (128 KiB)', () => {
  it('goes to curl through printf and stdin, byte for byte, where --data-raw ended in "Argument list too long"', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(`${req.headers['content-type']} ${Buffer.concat(chunks).toString('utf8')}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // 10 records of 20,000 characters each, with what a shell or printf could take for its own: quotes, `%`, `\`, `$`.
      const description = `it's 100% "done" \\ $HOME ${'é'.repeat(20_000)}`;
      const body = JSON.stringify({ data: Array.from({ length: 10 }, (_, i) => ({ Last_Name: `L${i}`, Description: description })) });
      const port = (server.address() as AddressInfo).port;
      const text = `r = invokeurl [ url: "http://127.0.0.1:${port}/crm/v7/Leads" type: POST body: ${JSON.stringify(body)} content-type: "application/json" ];\n`;
      const recorded = await recordRequests(text);
      const script = renderCurlScript(recorded.value, { shell: 'posix' });
      expect(script.value).toContain("printf '%s' '{\"data\"");
      expect(script.value).not.toContain('--data-raw');
      // From a file: the script itself is too large to be `sh -c`'s argument.
      const dir = mkdtempSync(join(tmpdir(), 'deluge-large-body-'));
      writeFileSync(join(dir, 'emitted.sh'), script.value);
      await sh('sh emitted.sh', dir, { PATH: process.env['PATH'] ?? '' });
      expect(received).toEqual([`application/json ${body}`]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
