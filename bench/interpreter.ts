/**
 * Interpreter throughput (`npm run bench`): statements per second on a loop-heavy and a string-heavy script,
 * against a hand-written plain TypeScript version of the same work measured in the same run — the ratio is
 * the figure, since machines here are shared and noisy. Also: how long a runaway loop takes to hit the
 * default limit of 200,000 statements. Medians of `--rounds N` (default 7) after a warm-up.
 */
import { runScript } from '../src/runtime/run.js';
import { ListValue } from '../src/runtime/values.js';
import { median, option, table } from './stats.js';

const ROUNDS = Math.floor(option('rounds', 7));
const range = (n: number) => new ListValue(Array.from({ length: n }, (_, i) => BigInt(i)));

const LOOP_SCRIPT = `
total = 0;
seen = Map();
for each a in outer
{
	for each b in inner
	{
		v = (a * 31 + b) % 97;
		if (v > 50)
		{
			total = total + v;
		}
		else
		{
			total = total - 1;
		}
	}
	seen.put(a % 10, total);
}
info total;
`;

function loopBaseline(outer: number, inner: number): string {
  let total = 0;
  const seen = new Map<number, number>();
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      const v = (a * 31 + b) % 97;
      if (v > 50) total = total + v;
      else total = total - 1;
    }
    seen.set(a % 10, total);
  }
  return String(total);
}

const STRING_SCRIPT = `
words = {"alpha", "beta", "gamma", "delta"};
count = 0;
out = "";
for each i in numbers
{
	for each w in words
	{
		s = w.toUpperCase() + "-" + i;
		if (s.contains("A-1"))
		{
			count = count + 1;
		}
		out = s.subString(0, 3) + out.length();
	}
}
info count + " " + out;
`;

function stringBaseline(n: number): string {
  const words = ['alpha', 'beta', 'gamma', 'delta'];
  let count = 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    for (const w of words) {
      const s = `${w.toUpperCase()}-${i}`;
      if (s.includes('A-1')) count = count + 1;
      out = s.substring(0, 3) + String(out.length);
    }
  }
  return `${count} ${out}`;
}

interface Workload {
  readonly name: string;
  readonly script: string;
  readonly args: Record<string, ListValue>;
  readonly baseline: () => string;
}

const workloads: Workload[] = [
  { name: 'loop-heavy (nested for each, arithmetic, if)', script: LOOP_SCRIPT, args: { outer: range(300), inner: range(100) }, baseline: () => loopBaseline(300, 100) },
  { name: 'string-heavy (concat, toUpperCase, contains, subString)', script: STRING_SCRIPT, args: { numbers: range(5000) }, baseline: () => stringBaseline(5000) },
];

function time(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

const rows: string[][] = [];
for (const w of workloads) {
  const run = () => runScript(w.script, { args: w.args, maxStatements: 1e9, now: 0, clock: () => 0 });
  const first = run();
  if (first.diagnostics.length) throw new Error(`${w.name}: ${first.diagnostics[0]!.diagnostic.message}`);
  const expected = w.baseline();
  if (first.info[0] !== expected) throw new Error(`${w.name}: the script printed ${first.info[0]}, the baseline ${expected}`);
  const deluge: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    deluge.push(time(run));
    plain.push(time(w.baseline));
  }
  const d = median(deluge);
  const p = median(plain);
  rows.push([w.name, `${first.statements.toLocaleString('en-US')}`, `${(first.statements / (d / 1000) / 1e6).toFixed(2)} M/s`, `${d.toFixed(1)} ms`, `${p.toFixed(2)} ms`, `${(d / p).toFixed(0)} ×`]);
}

const runaway: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  runaway.push(time(() => runScript('l = {1};\nfor each x in l { l.add(x); }\n', { now: 0, clock: () => 0 })));
}

const head = ['workload', 'statements', 'statements/s', 'deluge run', 'plain TypeScript', 'ratio'];
table(`Interpreter throughput (median of ${ROUNDS} rounds; ratio = interpreter time / plain TypeScript time)`, head, rows);
console.log(`\nA runaway loop reaches the 200,000-statement limit in ${median(runaway).toFixed(0)} ms (median).`);
