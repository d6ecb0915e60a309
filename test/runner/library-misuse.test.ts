/**
 * The library refuses a misuse before the script starts, never after its first request: a request sent and then an
 * error thrown loses the answer (a DELETE done, and no account of it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunSession, type RunSession } from '../../src/runner/session.js';
import { runScript, runScriptAsync } from '../../src/runtime/run.js';

const DELETE_SAMPLE = 'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040" type: DELETE connection: "crm" ];\ninfo r;\n';

let cwd: string;
let session: RunSession;
beforeEach(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'deluge-misuse-'));
  session = await openRunSession({ env: {}, cwd, sandbox: {} });
});
afterEach(async () => {
  await session.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('the library refuses a misuse before any request', () => {
  it('runScript with the HTTP host (which answers with promises): a TypeError, and nothing sent (the DELETE went out, then it threw)', () => {
    expect(() => runScript(DELETE_SAMPLE, { tasks: session.host })).toThrow(new TypeError("runScript: this task host answers with promises (openRunSession's host, which sends requests): use runScriptAsync"));
    expect(session.requests).toEqual([]);
  });

  it('a time zone ICU does not know, or an instant no Date holds: a RangeError before the script runs (the requests before the first date went out)', async () => {
    const script = `${DELETE_SAMPLE}info zoho.currenttime;\n`;
    await expect(runScriptAsync(script, { tasks: session.host, timeZone: 'Bad/Zone' })).rejects.toThrow('\'timeZone\' must be an IANA time zone such as "Asia/Kolkata", not "Bad/Zone"');
    await expect(runScriptAsync(script, { tasks: session.host, now: Number.NaN })).rejects.toThrow("'now' must be an instant in milliseconds since 1970 (within ±8.64e15), not NaN");
    await expect(runScriptAsync(script, { tasks: session.host, now: 1e20 })).rejects.toThrow(RangeError);
    expect(session.requests).toEqual([]);
    // What the options allow still runs.
    const run = await runScriptAsync(script, { tasks: session.host, timeZone: 'Asia/Kolkata', now: Date.parse('2020-12-09T17:25:24-08:00') });
    expect(run.diagnostics).toEqual([]);
    expect(session.requests).toHaveLength(1);
  });
});
