/**
 * Retries under the sandbox's injected faults, as a script run with `deluge run --sandbox` lives through them:
 * a rate limit (429 + Retry-After) makes the transport wait — through the injected `sleep`, never for real — and
 * send again; a 500 on a DELETE is never sent again (it may have been processed); and a bulk delete in batches
 * of 100 that loses one batch to a 500 still reports every record of the others. The run's report
 * (`session.requests`) is compared with what the sandbox received (`GET /__sandbox/requests`) and with what it
 * deleted (`GET /__sandbox/records/Leads`).
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRunSession } from '../../src/runner/session.js';
import { requestSummaryLines } from '../../src/runner/summary.js';
import { runScriptAsync } from '../../src/runtime/run.js';
import { BULK_DELETE_SCRIPT, deleteScript, SAMPLE_IDS, type SandboxRun, sandboxRun, ZOHO_CRM } from './helpers.js';

let t: SandboxRun | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await t?.close();
  t = undefined;
});

/** A session whose transport's waits are recorded (and return at once); `onWait` runs during each wait. */
async function open(onWait: (ms: number) => Promise<void> = async () => {}): Promise<{ run: SandboxRun; waits: number[] }> {
  const waits: number[] = [];
  t = await sandboxRun({
    sleep: async (ms) => {
      waits.push(ms);
      await onWait(ms);
    },
  });
  return { run: t, waits };
}

const lead = (): object => ({ fields: { Last_Name: 'Fault test' } });

/** The DELETE requests the sandbox received, with the status it answered each. */
async function receivedDeletes(run: SandboxRun): Promise<{ query: string; status: number }[]> {
  const log = (await run.admin('GET', 'requests')).json as { method: string; query: string; status: number }[];
  return log.filter((r) => r.method === 'DELETE').map(({ query, status }) => ({ query, status }));
}

/** Seeds `count` Leads and runs the bulk-delete function over their ids. */
async function bulkDelete(run: SandboxRun, count: number) {
  const ids = await run.seed('Leads', Array.from({ length: count }, lead));
  const result = await run.run(BULK_DELETE_SCRIPT, { moduleName: 'Leads', recordIds: ids.join(', ') });
  expect(result.diagnostics.map((d) => d.diagnostic.message)).toEqual([]);
  return { ids, result };
}

/** The ids a request asked to delete (its `ids` parameter). */
function requestedIds(url: string): string[] {
  return (new URL(url).searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

const TOO_MANY = 'You have made too many requests. Please try again after some time.';

describe('rate limit (429 with Retry-After)', () => {
  it('waits the Retry-After the sandbox asks for, sends again, and reports every record of the retried request', async () => {
    // One records request per 20 s. The injected wait stands for those 20 s passing: it lifts the limit, as the
    // sandbox's window (on the real clock) would have moved on by then.
    const { run, waits } = await open(async () => {
      await run.setFaults({ rateLimitPerSecond: null });
    });
    await run.setFaults({ rateLimitPerSecond: 0.05 });
    const { ids, result } = await bulkDelete(run, 150);

    expect(waits).toEqual([20_000]);
    const [first, second] = batchesOf(ids, 100);
    expect(run.session.requests.map(({ status, attempts }) => ({ status, attempts }))).toEqual([
      { status: 200, attempts: 1 },
      { status: 200, attempts: 2 },
    ]);
    expect(run.session.requests[0]!.records).toEqual(first!.map((id) => ({ id, code: 'SUCCESS', status: 'success', message: 'record deleted' })));
    expect(run.session.requests[1]!.records).toEqual(second!.map((id) => ({ id, code: 'SUCCESS', status: 'success', message: 'record deleted' })));
    expect((await receivedDeletes(run)).map((r) => r.status)).toEqual([200, 429, 200]);
    expect(result.info).toContain('batch 2: 200');
    expect(result.info.at(-1)).toBe('deleted 150');
    expect((await run.deletedIds('Leads')).sort()).toEqual([...ids].sort());
  });

  it('a limit that does not lift: the script gets the 429 after the last attempt, and that batch is not deleted', async () => {
    const { run, waits } = await open();
    await run.setFaults({ rateLimitPerSecond: 0.05 });
    const { ids, result } = await bulkDelete(run, 150);

    // Four attempts in all (the transport's maximum), each wait the Retry-After of the 429 before it.
    expect(waits).toEqual([20_000, 20_000, 20_000]);
    expect(run.session.requests.map(({ status, attempts }) => ({ status, attempts }))).toEqual([
      { status: 200, attempts: 1 },
      { status: 429, attempts: 4 },
    ]);
    expect(run.session.requests[1]!.records).toBeUndefined();
    // Refused unprocessed: every id of the batch is listed as not deleted.
    expect(run.session.requests[1]!.notDeleted).toEqual(ids.slice(100));
    expect((await receivedDeletes(run)).map((r) => r.status)).toEqual([200, 429, 429, 429, 429]);
    expect(result.info).toContain('batch 2: 429');
    expect(result.info).toContain(`batch 2 failed: TOO_MANY_REQUESTS ${TOO_MANY}`);
    expect(result.info.at(-1)).toBe('deleted 100');
    expect((await run.deletedIds('Leads')).sort()).toEqual(ids.slice(0, 100).sort());
  });

  it('a Retry-After longer than the transport waits (60 s) goes to the script at once', async () => {
    const { run, waits } = await open();
    await run.setFaults({ rateLimitPerSecond: 0.01 }); // one per 100 s
    const first = await run.run(deleteScript(`${ZOHO_CRM}/v7/Leads/${SAMPLE_IDS[0]}`));
    expect(first.info[0]).toBe('200');
    const second = await run.run(`response = invokeurl
[
	url: "${ZOHO_CRM}/v7/Leads/${SAMPLE_IDS[1]}"
	type: DELETE
	connection: "crm_oauth_connection"
	detailed: true
];
info response.get("responseCode");
info response.get("responseHeader").get("retry-after");
info response.get("responseText").get("code");
`);
    expect(second.diagnostics).toEqual([]);
    expect(second.info).toEqual(['429', '100', 'TOO_MANY_REQUESTS']);
    expect(waits).toEqual([]);
    expect(run.session.requests[1]).toMatchObject({ status: 429, attempts: 1 });
    expect(await run.deletedIds('Leads')).toEqual([SAMPLE_IDS[0]]);
  });
});

describe('a 429, then the server gone (connection refused)', () => {
  it('the DELETE is accounted for by its 429: refused unprocessed, none of its ids deleted; the script gets the connect error', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ code: 'TOO_MANY_REQUESTS', details: {}, message: TOO_MANY, status: 'error' }));
    });
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The server stops during the wait the 429 asked for: the next attempts find its port closed.
    const stop = () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    const session = await openRunSession({ sleep: async () => (server.listening ? stop() : undefined) });
    try {
      const url = `http://${host}/crm/v7/Leads?ids=${SAMPLE_IDS.join(',')}`;
      const result = await runScriptAsync(`try\n{\n\tr = invokeurl [ url: "${url}" type: DELETE ];\n}\ncatch (e)\n{\n\tinfo "caught: " + e;\n}\n`, { tasks: session.host });
      expect(result.info).toEqual([`caught: invokeurl DELETE ${host}: could not connect to ${host} (connection refused) after 4 attempts (line 3)`]);
      const refused = `could not connect to ${host} (connection refused) after 4 attempts`;
      expect(session.requests).toEqual([expect.objectContaining({ url, status: 429, attempts: 1, code: 'TOO_MANY_REQUESTS', notDeleted: [...SAMPLE_IDS], error: refused })]);
      expect(session.requests[0]).not.toHaveProperty('notInAnswer');
      expect(requestSummaryLines(session.requests, false)).toEqual([
        '1 request (1 × 429); records: 0 succeeded, 0 failed, 2 not deleted (refused with their request)',
        `  failed request: DELETE ${host}/crm/v7/Leads → 429 TOO_MANY_REQUESTS ${TOO_MANY}; its retry was not sent (${refused}); none of the ids it named was deleted: ${SAMPLE_IDS.join(', ')}`,
      ]);
    } finally {
      await session.close();
      if (server.listening) await stop();
    }
  });
});

describe('500 INTERNAL_ERROR on a DELETE', () => {
  it.each([
    ['internalError: once', { internalError: 'once' }],
    ['failRate: 1', { failRate: 1 }],
  ])('is not sent again (%s): one attempt, and the script sees the 500 body', async (_, faults) => {
    const { run, waits } = await open();
    await run.setFaults(faults);
    const url = `${ZOHO_CRM}/v7/Leads?ids=${SAMPLE_IDS.join(',')}`;
    const result = await run.run(deleteScript(url));
    expect(result.diagnostics).toEqual([]);
    expect(result.info).toEqual(['500', 'error INTERNAL_ERROR', 'Internal Server Error', '{}']);
    expect(run.session.requests).toHaveLength(1);
    expect(run.session.requests[0]).toMatchObject({ method: 'DELETE', url, status: 500, attempts: 1 });
    expect(run.session.requests[0]!.records).toBeUndefined();
    // It may have been processed: its ids are listed as ones the answer says nothing of, not as not deleted.
    expect(run.session.requests[0]).toMatchObject({ notInAnswer: [...SAMPLE_IDS] });
    expect(run.session.requests[0]!.notDeleted).toBeUndefined();
    expect(waits).toEqual([]);
    expect(await receivedDeletes(run)).toEqual([{ query: `ids=${SAMPLE_IDS.join(',')}`, status: 500 }]);
    expect(await run.deletedIds('Leads')).toEqual([]);
  });
});

describe('bulk delete in batches of 100 with one batch failing', () => {
  // The sandbox of `--sandbox` draws `failRate` from Math.random (openRunSession passes no `random`), so the
  // draws are scripted here: the failing batch draws 0 (< 0.5, fails), the others 0.99.
  it.each([0, 1, 2])('250 ids, batch %i answers 500: every record of the other batches is reported, nothing deleted goes unreported', async (failing) => {
    let draws = 0;
    vi.spyOn(Math, 'random').mockImplementation(() => (draws++ === failing ? 0 : 0.99));
    const { run, waits } = await open();
    await run.setFaults({ failRate: 0.5 });
    const { ids, result } = await bulkDelete(run, 250);

    expect(draws).toBe(3); // one draw per records request: nothing else took from the script
    expect(waits).toEqual([]);
    const batches = batchesOf(ids, 100);
    const requests = run.session.requests;
    expect(requests.map((r) => r.status)).toEqual(batches.map((_, i) => (i === failing ? 500 : 200)));
    expect(requests.every((r) => r.attempts === 1 && r.method === 'DELETE')).toBe(true);
    for (const [i, request] of requests.entries()) {
      expect(requestedIds(request.url)).toEqual(batches[i]);
      if (i === failing) {
        expect(request.records).toBeUndefined();
        expect(request.notInAnswer).toEqual(batches[i]);
      }
      else expect(request.records).toEqual(batches[i]!.map((id) => ({ id, code: 'SUCCESS', status: 'success', message: 'record deleted' })));
    }
    // What the sandbox deleted is exactly what the run reported as deleted; the failed batch's records are all there.
    const reportedDeleted = requests.flatMap((r) => r.records ?? []).filter((r) => r.code === 'SUCCESS').map((r) => r.id);
    const deleted = await run.deletedIds('Leads');
    expect([...deleted].sort()).toEqual([...reportedDeleted].sort());
    expect(deleted.filter((id) => batches[failing]!.includes(id))).toEqual([]);
    expect(deleted).toHaveLength(250 - batches[failing]!.length);
    // The script saw the same.
    expect(result.info).toContain(`batch ${failing + 1}: 500`);
    expect(result.info).toContain(`batch ${failing + 1} failed: INTERNAL_ERROR Internal Server Error`);
    expect(result.info.at(-1)).toBe(`deleted ${deleted.length}`);
    expect((await receivedDeletes(run)).map((r) => r.status)).toEqual(requests.map((r) => r.status));
  });
});

describe('token faults', () => {
  it('an access token expired mid-run (401 INVALID_TOKEN) is refreshed once and the DELETE sent again', async () => {
    const { run, waits } = await open();
    expect((await run.run(deleteScript(`${ZOHO_CRM}/v7/Leads/${SAMPLE_IDS[0]}`))).info[0]).toBe('200');
    expect((await run.admin('POST', 'tokens/expire', {})).status).toBe(200);
    const result = await run.run(deleteScript(`${ZOHO_CRM}/v7/Leads/${SAMPLE_IDS[1]}`));
    expect(result.info).toEqual(['200', `${SAMPLE_IDS[1]} SUCCESS success: record deleted`]);
    expect(run.session.requests[1]).toMatchObject({
      status: 200,
      records: [{ id: SAMPLE_IDS[1], code: 'SUCCESS', status: 'success', message: 'record deleted' }],
    });
    expect(waits).toEqual([]);
    const log = (await run.admin('GET', 'requests')).json as { method: string; path: string; status: number }[];
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /oauth/v2/token 200',
      `DELETE /crm/v7/Leads/${SAMPLE_IDS[0]} 200`,
      `DELETE /crm/v7/Leads/${SAMPLE_IDS[1]} 401`,
      'POST /oauth/v2/token 200',
      `DELETE /crm/v7/Leads/${SAMPLE_IDS[1]} 200`,
    ]);
    expect((await run.deletedIds('Leads')).sort()).toEqual([...SAMPLE_IDS].sort());
  });

  it('a throttled token endpoint ("Access Denied") stops the run with DLG0007 before anything is deleted; the token request is not retried', async () => {
    const { run, waits } = await open();
    await run.setFaults({ tokenThrottle: true });
    const result = await run.run(deleteScript(`${ZOHO_CRM}/v7/Leads?ids=${SAMPLE_IDS.join(',')}`));
    expect(result.completed).toBe(false);
    expect(result.diagnostics.map((d) => d.diagnostic.code)).toEqual(['DLG0007']);
    expect(result.diagnostics[0]!.diagnostic.message).toMatch(/Access Denied/);
    expect(waits).toEqual([]);
    const log = (await run.admin('GET', 'requests')).json as { method: string; path: string }[];
    expect(log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth/v2/token']);
    expect(await run.deletedIds('Leads')).toEqual([]);
  });
});
