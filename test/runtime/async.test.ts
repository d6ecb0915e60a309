import { describe, expect, it } from 'vitest';
import { DelugeError } from '../../src/runtime/errors.js';
import type { TaskHost } from '../../src/runtime/interpreter.js';
import { runScript, runScriptAsync, type RunOptions } from '../../src/runtime/run.js';
import { MapValue, type Value } from '../../src/runtime/values.js';

/**
 * The asynchronous interpreter with a task host that answers later (as HTTP does): tasks are awaited one at a
 * time in script order, everything around them behaves as in the synchronous interpreter.
 */
const base: RunOptions = { now: Date.parse('2020-12-09T17:25:24-08:00'), clock: () => 0, timeZone: 'America/Los_Angeles' };
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function recordingHost(log: string[]): TaskHost {
  return {
    async task(name, params) {
      await tick();
      const url = String(params.entries.get('url'));
      log.push(`${name} ${String(params.entries.get('type') ?? 'GET')} ${url}`);
      return new MapValue(new Map<string, Value>([['url', url], ['n', BigInt(log.length)]]));
    },
    async call(name, args) {
      await tick();
      log.push(`${name}(${args.map(String).join(', ')})`);
      if (name === 'zoho.crm.fail') throw new DelugeError('DLG4024', 'could not reach www.zohoapis.com');
      return BigInt(log.length);
    },
  };
}

describe('runScriptAsync', () => {
  it('awaits each task in order, inside loops, conditions and expressions', async () => {
    const log: string[] = [];
    const script = [
      'ids = {1, 2, 3};',
      'for each id in ids',
      '{',
      '\tif (id != 2)',
      '\t{',
      '\t\tr = invokeurl [ url: "https://x.test/" + id type: DELETE ];',
      '\t\tinfo r.get("url") + " -> " + r.get("n");',
      '\t}',
      '}',
      'info "total " + (zoho.crm.count("Leads") + 10);',
    ].join('\n');
    const run = await runScriptAsync(script, { ...base, tasks: recordingHost(log) });
    expect(run.diagnostics).toEqual([]);
    expect(log).toEqual(['invokeurl DELETE https://x.test/1', 'invokeurl DELETE https://x.test/3', 'zoho.crm.count(Leads)']);
    expect(run.info).toEqual(['https://x.test/1 -> 1', 'https://x.test/3 -> 2', 'total 13']);
  });

  it('runs functions of the script that contain tasks, recursively', async () => {
    const log: string[] = [];
    const script = [
      'int standalone.deleteAll(List ids, int i)',
      '{',
      '\tif (i >= ids.size()) { return 0; }',
      '\tzoho.crm.delete(ids.get(i));',
      '\treturn 1 + standalone.deleteAll(ids, i + 1);',
      '}',
      'info standalone.deleteAll({"a", "b", "c"}, 0);',
    ].join('\n');
    const run = await runScriptAsync(script, { ...base, tasks: recordingHost(log) });
    expect(run.diagnostics).toEqual([]);
    expect(run.info).toEqual(['3']);
    expect(log).toEqual(['zoho.crm.delete(a)', 'zoho.crm.delete(b)', 'zoho.crm.delete(c)']);
  });

  it('lets try/catch catch a failed request, with the line of the call', async () => {
    const script = 'try\n{\n\tx = zoho.crm.fail();\n}\ncatch (e)\n{\n\tinfo "caught: " + e;\n}\ninfo "after";\n';
    const run = await runScriptAsync(script, { ...base, tasks: recordingHost([]) });
    expect(run.info).toEqual(['caught: could not reach www.zohoapis.com (line 3)', 'after']);
  });

  it('reports an uncaught failed request at the call', async () => {
    const run = await runScriptAsync('info 1;\nr = zoho.crm.fail();\n', { ...base, tasks: recordingHost([]) });
    expect(run.info).toEqual(['1']);
    const [d] = run.diagnostics;
    expect(d!.diagnostic.code).toBe('DLG4024');
    expect(d!.file.position(d!.diagnostic.span.start)).toEqual({ line: 2, column: 5 });
  });

  it('counts statements exactly as the synchronous interpreter does', async () => {
    const script = 'total = 0;\nfor each i in {1, 2, 3, 4}\n{\n\tr = zoho.crm.count(i);\n\ttotal = total + r;\n}\ninfo total;\n';
    const syncHost: TaskHost = { call: () => 1n };
    const sync = runScript(script, { ...base, tasks: syncHost });
    const asyncRun = await runScriptAsync(script, { ...base, tasks: recordingHost([]) });
    expect(asyncRun.statements).toBe(sync.statements);
    expect(sync.info).toEqual(['4']);
  });

  it('stops a loop of requests at the statement limit', async () => {
    const script = 'l = {1};\nfor each x in l\n{\n\tl.add(x);\n\tr = invokeurl [ url: "https://x.test/" type: GET ];\n}\n';
    const run = await runScriptAsync(script, { ...base, maxStatements: 50, tasks: recordingHost([]) });
    expect(run.diagnostics.map((d) => d.diagnostic.code)).toEqual(['DLG4010']);
  });
});

describe('runScriptAsync with stop.turnEveryMs', () => {
  // Loops that only compute, 3 × 10,000 statements; a clock that moves 1 ms at each look.
  const hundred = `{${Array.from({ length: 100 }, (_, i) => i).join(', ')}}`;
  const computing = ['n = 0;', 'for each x in {1, 2, 3}', '{', `\tfor each y in ${hundred}`, '\t{', `\t\tfor each z in ${hundred}`, '\t\t{', '\t\t\tn = n + 1;', '\t\t}', '\t}', '\tinfo n;', '}', 'info "end";', ''].join('\n');
  const movingClock = () => {
    let now = 0;
    return () => now++;
  };

  it("lets the event loop turn while the script computes: what aborts the stop signal then stops it before its next statement", async () => {
    const controller = new AbortController();
    // Queued before the run: it runs at the first turn the computing script lets happen, in its first loop.
    setImmediate(() => controller.abort('SIGINT'));
    const result = await runScriptAsync(computing, {
      ...base,
      clock: movingClock(),
      stop: { signal: controller.signal, error: (span) => new DelugeError('DLG4026', 'stopped', span, false), turnEveryMs: 50 },
    });
    expect(result.completed).toBe(false);
    expect(result.diagnostics.map((d) => d.diagnostic.code)).toEqual(['DLG4026']);
    expect(result.info).toEqual([]);
    expect(result.statements).toBeLessThan(100);
  });

  it('computes as without it otherwise: same lines, same statement count', async () => {
    const turning = await runScriptAsync(computing, { ...base, clock: movingClock(), stop: { signal: new AbortController().signal, error: () => new DelugeError('DLG4026', 'stopped'), turnEveryMs: 50 } });
    const plain = await runScriptAsync(computing, { ...base, clock: movingClock() });
    expect(turning.info).toEqual(['10000', '20000', '30000', 'end']);
    expect(turning.info).toEqual(plain.info);
    expect(turning.statements).toBe(plain.statements);
  });
});
