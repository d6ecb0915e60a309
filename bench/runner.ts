/**
 * `node scripts/bench-bundled.mjs bench/runner.ts [--rounds N] [--records N] [--trace]` — the HTTP runner's request
 * rate on a delete-heavy script, against a raw undici loop issuing the same requests to the same sandbox in the same
 * run (the ratio is the figure: machines here are shared and noisy; target ≥ 0.85), and the sandbox's bulk-delete
 * rate (the raw loop's records/s). `--trace` prints every measured run.
 *
 * Both sides delete `--records N` (default 10,000) Leads in batches of 100 (`DELETE /crm/v7/Leads?ids=…`), one
 * request at a time, over a keep-alive undici Agent of the same settings, with the same headers, parsing every
 * JSON body and counting the `success` outcomes. The runner side is `deluge run` as a function: `runScriptAsync`
 * with the task host of `openRunSession` (whose connection is a header connection carrying the sandbox's token, so
 * no token request happens in the measured region), then the tally of the records that its summary prints. A third
 * row runs the same script checking only the size of each `data`, which tells the runner's own cost from the
 * interpreter's per-record loop; it is measured in the last phase against the raw loop again, so the figure's runs
 * have one script in the process, as a real run has. One sandbox in this process serves the figure and that row.
 *
 * Each measured run is what one `deluge run` process does: its session (or, for the raw loop, its Agent) is opened
 * before the region and closed after it, so each side opens its one connection inside the region and no side keeps
 * the accounts of earlier runs. Every run's records are seeded before a phase's first run (about 40 MB of sandbox
 * per 100,000 records), so between measured runs nothing is reset, re-seeded or collected: reseeding between runs
 * let its garbage land in whichever run came next, and a full collection forced between runs was no cure, as it
 * frees the optimized code of the last run's closures (a response loop then ran at 1.6 µs per record instead of
 * 0.2 until about a run's worth had gone through). After a phase the admin API must show every id deleted.
 *
 * The figure's two sides are then measured again against the sandbox in a process of its own (this file run with
 * `--serve-sandbox`), as a server is: in one thread with the sandbox, the runner's garbage and cache footprint slow the
 * sandbox's work too, which a real server would not feel, and the process's CPU time then counts the client alone.
 *
 * The figure is the median of per-round ratios: each round runs both sides back to back, in an order that turns
 * with the round, so a neighbour's load on this shared machine falls on both sides of a ratio alike (whole medians of
 * separate runs were seen anywhere from 0.74 to 1.00 for the same build). Each row also shows the process's CPU time
 * over the same region (V8's compiler and collector threads included).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { DEFAULTS } from '../src/http/transport.js';
import { recordTally } from '../src/runner/records.js';
import { openRunSession, type RunSession } from '../src/runner/session.js';
import { runScriptAsync } from '../src/runtime/run.js';
import { ListValue } from '../src/runtime/values.js';
import { startSandbox } from '../src/sandbox/index.js';
import { BATCH, CHECK_EACH, checkAllDeleted as checkAllDeletedOf, COUNT_ONLY, deleteScript, rawDeletes, seedRuns as seedRunsOf } from './delete-workload.js';
import { median, option, table } from './stats.js';

const ROUNDS = Math.floor(option('rounds', 21));
const RECORDS = Math.floor(option('records', 10_000));
const TRACE = process.argv.includes('--trace');
const WARM_UP_RUNS = 2;

/** The sandbox a phase talks to: its URL and the Authorization header of its token. */
interface Target {
  readonly url: string;
  readonly authorization: string;
}

// `--serve-sandbox`: this file run as the sandbox's own process (the second phase), which says where it listens.
if (process.argv.includes('--serve-sandbox')) {
  const served = await startSandbox({ port: 0 });
  process.send!({ url: served.url, accessToken: served.accessToken });
  process.once('disconnect', () => void served.close());
  await new Promise(() => {});
}

const inProcess = await startSandbox({ port: 0 });
const inProcessTarget: Target = { url: inProcess.url, authorization: `Zoho-oauthtoken ${inProcess.accessToken}` };
let target = inProcessTarget;

// The runner's side: a connections file naming the token through the environment, as a user would write it.
const dir = mkdtempSync(join(tmpdir(), 'deluge-bench-'));
const connectionsFile = join(dir, 'deluge.connections.json');
writeFileSync(`${connectionsFile}.tmp`, JSON.stringify({ connections: { bench: { type: 'header', header: 'Authorization', value: '${BENCH_AUTHORIZATION}' } } }));
renameSync(`${connectionsFile}.tmp`, connectionsFile);
const openSession = () => openRunSession({ connectionsFile, env: { BENCH_AUTHORIZATION: target.authorization } });

// The baseline's side: an Agent with the transport's settings and the headers the transport sends.
const newAgent = () => new Agent({ connect: { timeout: DEFAULTS.connectTimeoutMs }, headersTimeout: DEFAULTS.requestTimeoutMs, bodyTimeout: DEFAULTS.requestTimeoutMs });
const headers = () => ({ 'user-agent': DEFAULTS.userAgent, authorization: target.authorization });
const adminAgent = newAgent();

async function admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const res = await request(`${target.url}/__sandbox/${path}`, { method, dispatcher: adminAgent, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (res.statusCode >= 300) throw new Error(`${method} /__sandbox/${path} answered ${res.statusCode}: ${await res.body.text()}`);
  return res.body.json();
}
const seedRuns = (runs: number) => seedRunsOf(admin, runs, RECORDS);
const checkAllDeleted = (runs: string[][][]) => checkAllDeletedOf(admin, runs);

/** Workload A: the script, run as `deluge run` runs it, in its own session. Returns the records it counted as deleted. */
async function runnerSide(script: string, batches: string[][], session: RunSession): Promise<number> {
  const before = session.requests.length;
  const result = await runScriptAsync(script, {
    args: { base: target.url, batches: new ListValue(batches.map((b) => new ListValue(b))) },
    tasks: session.host,
    maxStatements: 1e9,
  });
  if (result.diagnostics.length) throw new Error(`runner: ${result.diagnostics[0]!.diagnostic.message}`);
  const made = session.requests.slice(before);
  if (made.length !== batches.length || made.some((r) => r.status !== 200)) throw new Error(`runner: ${made.length} requests, statuses ${[...new Set(made.map((r) => r.status))].join(', ')}`);
  // What `deluge run` reports after the script: every record's outcome tallied, the failed ones listed.
  const tally = recordTally(made);
  if (tally.total !== RECORDS || tally.failed.length > 0) throw new Error(`runner: ${tally.total} records reported, ${tally.failed.length} failed`);
  return Number(result.result);
}

/** Workload B: the same requests from a plain loop. Returns the records it counted as deleted. */
const baselineSide = (batches: string[][], agent: Agent): Promise<number> => rawDeletes(target.url, batches, headers(), agent);

/** A side opens what one run needs (a session, an Agent) before the region and closes it after. */
interface Side {
  readonly name: string;
  readonly open: () => Promise<{ run: (batches: string[][]) => Promise<number>; close: () => Promise<void> }>;
  readonly elapsed: number[];
  /** The process's CPU time in the same region (user + system). */
  readonly cpu: number[];
}

function runnerOf(name: string, script: string): Side {
  return {
    name,
    open: async () => {
      const session = await openSession();
      return { run: (batches) => runnerSide(script, batches, session), close: () => session.close() };
    },
    elapsed: [],
    cpu: [],
  };
}

const runner = runnerOf('deluge run, each outcome checked (A)', deleteScript(CHECK_EACH));
const counting = runnerOf('deluge run, outcomes only counted', deleteScript(COUNT_ONLY));
const rawLoop = (name = 'raw undici loop (B)'): Side => ({
  name,
  open: async () => {
    const agent = newAgent();
    return { run: (batches) => baselineSide(batches, agent), close: () => agent.close() };
  },
  elapsed: [],
  cpu: [],
});
const baseline = rawLoop();
/** The raw loop again, measured in the last phase against the counting script. */
const baselineOfCounting = rawLoop();
/** The figure's two sides again, against the sandbox in a process of its own. */
const runnerApart = runnerOf('the same, sandbox in its own process (A′)', deleteScript(CHECK_EACH));
const baselineApart = rawLoop('raw undici loop, sandbox in its own process (B′)');
/** Which raw loop each side's ratios are taken against (the one measured in the same rounds). */
const againstOf = new Map<Side, Side>([
  [runner, baseline],
  [baseline, baseline],
  [counting, baselineOfCounting],
  [runnerApart, baselineApart],
  [baselineApart, baselineApart],
]);

/**
 * This file again, as a process of its own serving a sandbox (`--serve-sandbox`), as a server is: the runner's
 * garbage and cache footprint then slow the client alone. In one thread with the client they slow the sandbox too
 * (its handlers were measured 5–9 % slower under the runner than under the raw loop).
 */
async function sandboxApart(): Promise<Target & { close: () => Promise<void> }> {
  const child = fork(process.argv[1]!, ['--serve-sandbox'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const served = await new Promise<{ url: string; accessToken: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; accessToken: string }));
    child.once('exit', (code) => reject(new Error(`the sandbox's process ended (${code}) before it listened`)));
  });
  return {
    url: served.url,
    authorization: `Zoho-oauthtoken ${served.accessToken}`,
    close: async () => {
      child.disconnect();
      await once(child, 'exit');
    },
  };
}

/** One measured run of a side on its own seeded records: the elapsed and CPU milliseconds. */
async function measure(side: Side, batches: string[][]): Promise<{ elapsed: number; cpu: number }> {
  const opened = await side.open();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const deleted = await opened.run(batches);
  const cpuUsed = process.cpuUsage(cpuStart);
  const elapsed = performance.now() - start;
  await opened.close();
  if (deleted !== RECORDS) throw new Error(`${side.name}: counted ${deleted} of ${RECORDS} records deleted`);
  return { elapsed, cpu: (cpuUsed.user + cpuUsed.system) / 1000 };
}

/**
 * Rounds of `sides`, each side once per round in an order that turns with the round (so no side always runs first
 * or right after the same other one), after two warm-up runs of each; then the sandbox's account is checked.
 */
async function rounds(sides: readonly Side[], count: number): Promise<void> {
  const runs = await seedRuns(sides.length * (WARM_UP_RUNS + count));
  let next = 0;
  for (let i = 0; i < WARM_UP_RUNS; i++) for (const side of sides) await measure(side, runs[next++]!);
  for (let round = 0; round < count; round++) {
    for (const side of sides.map((_, i) => sides[(i + round) % sides.length]!)) {
      const { elapsed, cpu } = await measure(side, runs[next++]!);
      side.elapsed.push(elapsed);
      side.cpu.push(cpu);
      if (TRACE) console.log(`round ${round}: ${side.name}: ${elapsed.toFixed(1)} ms, CPU ${cpu.toFixed(1)} ms`);
    }
  }
  await checkAllDeleted(runs);
}

const FEWER_ROUNDS = Math.max(5, Math.ceil(ROUNDS / 2)) | 1;
try {
  // The figure first, one script in the process as in a real run (two scripts taking turns would make the
  // interpreter's compiled code serve both); then the same against the sandbox in its own process, and last the
  // counting script against the raw loop, each in fewer rounds (an odd number, so that the median is one of them).
  await rounds([runner, baseline], ROUNDS);
  const apart = await sandboxApart();
  try {
    target = apart;
    await rounds([runnerApart, baselineApart], FEWER_ROUNDS);
  } finally {
    target = inProcessTarget;
    await apart.close();
  }
  await rounds([counting, baselineOfCounting], FEWER_ROUNDS);
} finally {
  await adminAgent.close();
  await inProcess.close();
  rmSync(dir, { recursive: true, force: true });
}

const requests = Math.ceil(RECORDS / BATCH);
const rate = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en-US');
/** Per round, the raw loop's figure over the side's (in the side's own phase): above 1 when the side is faster. */
const perRound = (side: Side, of: 'elapsed' | 'cpu') => {
  const against = againstOf.get(side)!;
  return side[of].map((x, i) => against[of][i]! / x);
};
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const rows = [runner, counting, baseline, runnerApart, baselineApart].map((side) => {
  const ms = median(side.elapsed);
  return [
    side.name,
    `${ms.toFixed(1)} ms`,
    rate(requests, ms),
    rate(RECORDS, ms),
    median(perRound(side, 'elapsed')).toFixed(2),
    `${median(side.cpu).toFixed(1)} ms`,
    median(perRound(side, 'cpu')).toFixed(2),
  ];
});
const ratios = perRound(runner, 'elapsed');
const ratio = median(ratios);
const cpuRatios = perRound(runner, 'cpu');
const apartRatios = perRound(runnerApart, 'elapsed');
const apartCpuRatios = perRound(runnerApart, 'cpu');

const head = ['workload', 'elapsed', 'requests/s', 'records/s', 'rate vs B', 'CPU', 'CPU: B / side'];
table(`Runner throughput: ${RECORDS.toLocaleString('en-US')} Leads deleted per run in ${requests} sequential DELETEs of ${BATCH} ids, one keep-alive connection; medians of ${ROUNDS} rounds (ratios: median of the rounds' ratios; the rows against the sandbox in its own process and the counting row in phases of their own, ${FEWER_ROUNDS} rounds each)`, head, rows);
console.log(`\nRequest rate A / B: ${ratio.toFixed(3)} (target ≥ 0.85${ratio >= 0.85 ? ', met' : ', NOT met'}; rounds ${spread(ratios)}, middle half ${quartiles(ratios)})`);
// Client and sandbox share one thread and talk over loopback; CPU time also counts V8's helper threads (GC, compiler).
console.log(`By CPU time (B's CPU / A's CPU): ${median(cpuRatios).toFixed(2)} (rounds ${spread(cpuRatios)})`);
console.log(`Sandbox bulk-delete rate (B: sequential, one connection, sandbox in this process): ${rate(RECORDS, median(baseline.elapsed))} records/s`);
// Apart, the CPU time is the client's alone: the plainest measure of what the runner costs over a raw loop.
console.log(
  `With the sandbox in its own process: A′ / B′ ${median(apartRatios).toFixed(3)} (rounds ${spread(apartRatios)}, middle half ${quartiles(apartRatios)}); ` +
    `the client's CPU time B′ / A′ ${median(apartCpuRatios).toFixed(2)}`,
);

function quartiles(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor((s.length - 1) / 4)]!.toFixed(2)}–${s[Math.ceil((3 * (s.length - 1)) / 4)]!.toFixed(2)}`;
}
