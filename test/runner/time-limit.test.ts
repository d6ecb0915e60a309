/**
 * The run's time limit while the script waits on a request: the deadline `deluge run` aborts when `--timeout` passes
 * ends the request under way at once (not after up to the request timeout), lists it as unanswered — the server may
 * have processed it — and stops the run with DLG4012, which `try/catch` cannot catch. A loopback server stands for a
 * server too slow for the limit: it takes the request and never answers, and the test aborts the deadline once the
 * server has the request (no real time passes; without the deadline each test would wait out its 5 s).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunSession, type RunSession, type RunSessionOptions } from '../../src/runner/session.js';
import { requestSummaryLines } from '../../src/runner/summary.js';
import { runScriptAsync } from '../../src/runtime/run.js';

/** The credential of the `api` connection: it must appear in nothing the run reports. */
const API_KEY = 'k-deadline-secret-7f3a9c';

let dir: string;
let server: Server;
let base: string;
let session: RunSession | undefined;
/** What the server does with each request it has received in full (by default: nothing, it never answers). */
let onRequest: (req: IncomingMessage, res: ServerResponse) => void;
const received: { method: string; url: string; apiKey: string | undefined }[] = [];
const sockets = new Set<Socket>();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-time-limit-'));
  const connections = {
    api: { type: 'header', header: 'X-Api-Key', value: '${API_KEY}' },
    // Its token is asked of the same server, which never answers.
    oauth: { type: 'zoho-oauth', clientId: '1000.CLIENT', clientSecret: 'CLIENT-SECRET', refreshToken: 'REFRESH-TOKEN', accountsUrl: '${BASE}' },
  };
  received.length = 0;
  onRequest = () => undefined;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', apiKey: req.headers['x-api-key'] as string | undefined });
      onRequest(req, res);
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(join(dir, 'deluge.connections.json'), JSON.stringify({ connections, tokenStore: join(dir, 'tokens.json') }).replace('${BASE}', base));
});

afterEach(async () => {
  // The server's sockets first: closing the session waits for a request still under way.
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await session?.close();
  session = undefined;
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function run(script: string, options: Partial<RunSessionOptions>) {
  session = await openRunSession({
    connectionsFile: join(dir, 'deluge.connections.json'),
    cwd: dir,
    env: { API_KEY },
    requestTimeoutMs: 20_000,
    timeLimitMs: 60_000,
    ...options,
  });
  return runScriptAsync(script, { tasks: session.host });
}

/** A DELETE inside `try`: what the script prints says whether it got an answer, a catchable error, or neither. */
const guardedDelete = (url: string): string => `try
{
	r = invokeurl
	[
		url: "${url}"
		type: DELETE
		connection: "api"
	];
	info "answered " + r;
}
catch (e)
{
	info "caught";
}
info "after";
`;

describe("the run's time limit while a request is under way", () => {
  it('abandons the request at once, lists it as unanswered, and stops the run with DLG4012 that no catch takes', async () => {
    const deadline = new AbortController();
    onRequest = () => deadline.abort();
    const url = `${base}/crm/v7/Leads?ids=410405000002264040`;
    const result = await run(guardedDelete(url), { deadline: deadline.signal });

    expect(result.info).toEqual([]);
    expect(result.completed).toBe(false);
    const host = new URL(base).host;
    expect(result.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.message])).toEqual([
      [
        'DLG4012',
        `The script ran longer than 60 s; stopped while waiting for DELETE ${host}/crm/v7/Leads: no answer from ${host} before the run's time limit; the server may have processed it`,
      ],
    ]);
    expect(session!.requests).toEqual([
      {
        method: 'DELETE',
        url,
        status: null,
        durationMs: expect.any(Number),
        attempts: 1,
        connection: 'api',
        // Every id is accounted for in the report, as a 500's are: nothing says whether it was deleted.
        notInAnswer: ['410405000002264040'],
        origin: 'invokeurl',
        error: `no answer from ${host} before the run's time limit; the server may have processed it`,
      },
    ]);
    expect(requestSummaryLines(session!.requests, false)).toEqual([
      '1 request (1 × no response); records: 0 succeeded, 0 failed, 1 not in the answer',
      `  no answer: DELETE ${host}/crm/v7/Leads (no answer from ${host} before the run's time limit; the server may have processed it); the ids it named, whether deleted or not: 410405000002264040`,
    ]);
    expect(session!.requests[0]!.durationMs).toBeLessThan(2_000);
    // Sent once, with the connection's key, which nothing reported carries.
    expect(received).toEqual([{ method: 'DELETE', url: '/crm/v7/Leads?ids=410405000002264040', apiKey: API_KEY }]);
    expect(JSON.stringify([session!.requests, result.diagnostics.map((d) => d.diagnostic.message)])).not.toContain(API_KEY);
  }, 5_000);

  it('cuts short the wait a 429 asked for: the 429 is listed, and the run stops after it', async () => {
    const deadline = new AbortController();
    onRequest = (_req, res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' }).end('{"code":"TOO_MANY_REQUESTS"}');
    const url = `${base}/crm/v7/Leads?ids=410405000002264040`;
    const result = await run(guardedDelete(url), { deadline: deadline.signal, sleep: () => new Promise(() => deadline.abort()) });

    expect(result.info).toEqual([]);
    expect(result.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.message])).toEqual([
      ['DLG4012', `The script ran longer than 60 s; stopped after DELETE ${new URL(base).host}/crm/v7/Leads was answered`],
    ]);
    expect(session!.requests.map(({ status, attempts, code }) => ({ status, attempts, code }))).toEqual([{ status: 429, attempts: 1, code: 'TOO_MANY_REQUESTS' }]);
    expect(received).toHaveLength(1);
  }, 5_000);

  it('ends a token request under way too: the request that needed the token is listed unsent, and the run stops', async () => {
    const deadline = new AbortController();
    onRequest = () => deadline.abort();
    const url = `${base}/crm/v7/Leads?ids=410405000002264040`;
    const result = await run(guardedDelete(url).replace('connection: "api"', 'connection: "oauth"'), { deadline: deadline.signal });

    expect(result.info).toEqual([]);
    const host = new URL(base).host;
    const error = `no answer from ${host} to the token request before the run's time limit; the request that needed the token was not sent`;
    expect(result.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.message])).toEqual([
      ['DLG4012', `The script ran longer than 60 s; stopped while waiting for DELETE ${host}/crm/v7/Leads: ${error}`],
    ]);
    expect(session!.requests).toEqual([
      { method: 'DELETE', url, status: null, durationMs: expect.any(Number), attempts: 0, connection: 'oauth', origin: 'invokeurl', error },
    ]);
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /oauth/v2/token']);
    // Never sent: its ids were not deleted, and the account says so.
    expect(requestSummaryLines(session!.requests, false)).toEqual([
      '1 request (1 × not sent)',
      `  not sent: DELETE ${host}/crm/v7/Leads (${error}); none of the ids it named was deleted: 410405000002264040`,
    ]);
    expect(JSON.stringify([session!.requests, result.diagnostics.map((d) => d.diagnostic.message)])).not.toMatch(/REFRESH-TOKEN|CLIENT-SECRET/);
  }, 5_000);

  it('once the limit has passed, the next request is not sent', async () => {
    const result = await run(guardedDelete(`${base}/crm/v7/Leads?ids=1`), { deadline: AbortSignal.abort() });
    expect(result.info).toEqual([]);
    expect(result.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.message])).toEqual([
      ['DLG4012', `The script ran longer than 60 s; stopped before DELETE ${new URL(base).host}/crm/v7/Leads was sent`],
    ]);
    expect(session!.requests).toEqual([]);
    expect(received).toEqual([]);
  });
});
