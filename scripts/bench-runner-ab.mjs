// `node scripts/bench-runner-ab.mjs --base REV [--rounds N]`: the runner of the working tree against the runner of a
// git revision, both bundled into ONE process with one sandbox (the working tree's) and a raw undici loop, the three
// run in turn round after round on the runner bench's workload (10,000 Leads deleted per run in DELETEs of 100 ids,
// each record's outcome checked). On a shared machine two separate runs of bench/runner.ts differ by 0.05 or more in
// their ratio for the same code; in one process, round by round, the sides see the same load, and a change of 1 %
// shows (it takes about 150 rounds). Prints each side's median and the medians of the rounds' ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleForNode } from './bundle-node.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const base = arg('base');
if (!base) {
  console.error('usage: node scripts/bench-runner-ab.mjs --base REV [--rounds N]');
  process.exit(2);
}
const rounds = Number(arg('rounds', '150'));
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'deluge-runner-ab-'));
const side = (from) => `{
  openRunSession: (await import(${JSON.stringify(join(from, 'src/runner/session.js'))})).openRunSession,
  runScriptAsync: (await import(${JSON.stringify(join(from, 'src/runtime/run.js'))})).runScriptAsync,
  recordTally: (await import(${JSON.stringify(join(from, 'src/runner/records.js'))})).recordTally,
  ListValue: (await import(${JSON.stringify(join(from, 'src/runtime/values.js'))})).ListValue,
}`;
try {
  // The base revision's src/ (both sides run the same script against the same sandbox).
  const tar = join(dir, 'base.tar');
  execFileSync('git', ['archive', '--format=tar', '-o', tar, base, 'src'], { cwd: root });
  execFileSync('tar', ['-x', '-f', tar, '-C', dir]);
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { startSandbox } from ${JSON.stringify(join(root, 'src/sandbox/index.js'))};
import { DEFAULTS } from ${JSON.stringify(join(root, 'src/http/transport.js'))};
import { median } from ${JSON.stringify(join(root, 'bench/stats.js'))};
import { CHECK_EACH, checkAllDeleted, deleteScript, rawDeletes, seedRuns, type Admin } from ${JSON.stringify(join(root, 'bench/delete-workload.js'))};

type Side = { openRunSession: any; runScriptAsync: any; recordTally: any; ListValue: any };
const sides: Record<'base' | 'now', Side> = { base: ${side(dir)}, now: ${side(root)} };
const RECORDS = 10_000;
/** Rounds between two seedings of the sandbox (each round deletes three runs' records). */
const BLOCK = 20;
const script = deleteScript(CHECK_EACH);
const sandbox = await startSandbox({ port: 0 });
const authorization = \`Zoho-oauthtoken \${sandbox.accessToken}\`;
const connectionsDir = mkdtempSync(join(tmpdir(), 'deluge-runner-ab-'));
const connectionsFile = join(connectionsDir, 'deluge.connections.json');
writeFileSync(connectionsFile, JSON.stringify({ connections: { bench: { type: 'header', header: 'Authorization', value: '\${BENCH_AUTHORIZATION}' } } }));
const admin = new Agent();
const adminCall: Admin = async (method, path, body) => {
  const res = await request(\`\${sandbox.url}/__sandbox/\${path}\`, { method, dispatcher: admin, ...(body ? { body: JSON.stringify(body) } : {}) });
  return res.body.json();
};
async function runnerRun(m: Side, batches: string[][]): Promise<number> {
  const session = await m.openRunSession({ connectionsFile, env: { BENCH_AUTHORIZATION: authorization } });
  const start = performance.now();
  const result = await m.runScriptAsync(script, { args: { base: sandbox.url, batches: new m.ListValue(batches.map((b) => new m.ListValue(b))) }, tasks: session.host, maxStatements: 1e9 });
  const tally = m.recordTally(session.requests);
  const elapsed = performance.now() - start;
  await session.close();
  if (result.diagnostics.length || Number(result.result) !== RECORDS || tally.total !== RECORDS) throw new Error('a runner run did not delete every record');
  return elapsed;
}
async function rawRun(batches: string[][]): Promise<number> {
  const agent = new Agent();
  const start = performance.now();
  const deleted = await rawDeletes(sandbox.url, batches, { 'user-agent': DEFAULTS.userAgent, authorization }, agent);
  const elapsed = performance.now() - start;
  await agent.close();
  if (deleted !== RECORDS) throw new Error('a raw run did not delete every record');
  return elapsed;
}
const times = { base: [] as number[], now: [] as number[], raw: [] as number[] };
for (let done = 0; done < ${rounds}; done += BLOCK) {
  const runs = await seedRuns(adminCall, 3 * (BLOCK + 1), RECORDS);
  let next = 0;
  // The first round of a block warms up after the seeding; the order of the three turns with the round.
  for (let round = 0; round <= BLOCK; round++) {
    const order: ['base' | 'now' | 'raw', () => Promise<number>][] = [
      ['base', () => runnerRun(sides.base, runs[next++]!)],
      ['now', () => runnerRun(sides.now, runs[next++]!)],
      ['raw', () => rawRun(runs[next++]!)],
    ];
    for (let i = 0; i < 3; i++) {
      const [name, run] = order[(i + round + done) % 3]!;
      const elapsed = await run();
      if (round > 0) times[name].push(elapsed);
    }
  }
  await checkAllDeleted(adminCall, runs);
}
const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!));
console.log(\`\${times.now.length} rounds; medians: ${base} \${median(times.base).toFixed(1)} ms, working tree \${median(times.now).toFixed(1)} ms, raw loop \${median(times.raw).toFixed(1)} ms\`);
console.log(\`request rate vs the raw loop: ${base} \${ratio(times.raw, times.base).toFixed(3)}, working tree \${ratio(times.raw, times.now).toFixed(3)}\`);
console.log(\`working tree / ${base} (time): \${ratio(times.now, times.base).toFixed(3)}\`);
await admin.close();
await sandbox.close();
rmSync(connectionsDir, { recursive: true, force: true });
`,
  );
  const outfile = join(dir, 'entry.mjs');
  await bundleForNode(entry, outfile, { nodePaths: [join(root, 'node_modules')] });
  const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
