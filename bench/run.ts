/**
 * `npm run bench` (builds dist/ first, then runs this with tsx). Options: `--mb N` (corpus size, default 3),
 * `--rounds N` (measured rounds, default 5), `--runs N` (cold-start runs per command, default 15).
 *
 *  1. In-process start-up: how long importing the lexer and the parser (grammar construction) takes.
 *  2. Throughput over ~3 MB of Deluge — the files of examples/ repeated, plus generated realistic code
 *     (bench/generate.ts) — as documents of a few KB each, like real scripts: lex only (`lex`) versus the
 *     full pipeline (`parse`: lex + parse + AST + diagnostics), from src/ (under tsx) and from the bundle
 *     dist/index.js. Medians of several rounds after a warm-up; target: parse time ≤ 2.5 × lex time.
 *  2b. Files full of mistakes: parse time per mistake in a file of 2,000 of them against one of 250, for one shape
 *     of each kind of error recovery; target ≤ 1.5 × (linear).
 *  3. Cold start of the CLI: median wall time of `node bin/deluge.js check <tiny file>` versus `node -e 0`,
 *     interleaved; target: ≤ 3 ×.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCorpus } from './corpus.js';
import { mbps, median, ms, option, table } from './stats.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

const TARGET_BYTES = option('mb', 3) * 1024 * 1024;
const ROUNDS = Math.floor(option('rounds', 5));
const COLD_RUNS = Math.floor(option('runs', 15));


// ── 1. In-process start-up (before anything else loads the parser) ─────────────────────────────────────────

let t = performance.now();
await import('chevrotain');
const importChevrotain = performance.now() - t;
t = performance.now();
const { lex } = await import('../src/syntax/lexer.js');
const importLexer = performance.now() - t;
t = performance.now();
const parserModule = await import('../src/syntax/parser.js');
const importParser = performance.now() - t;
t = performance.now();
const { parse } = await import('../src/syntax/parse.js');
const importRest = performance.now() - t;
t = performance.now();
parse('x = {"a": 1};\nif (x.get("a") > 0) { info x; }\n', { docs: false });
const firstParse = performance.now() - t;
const constructions: number[] = [];
for (let i = 0; i < 3; i++) {
  t = performance.now();
  new parserModule.DelugeParser();
  constructions.push(performance.now() - t);
}

table(
  'In-process start-up (tsx, first import of each module)',
  ['step', 'time'],
  [
    ["import('chevrotain')", ms(importChevrotain)],
    ["import('../src/syntax/lexer.js') (tokens + lexer)", ms(importLexer)],
    ["import('../src/syntax/parser.js') (grammar construction)", ms(importParser)],
    ["import('../src/syntax/parse.js') (CST→AST, diagnostics)", ms(importRest)],
    ['first parse of a 2-line script (lazy lookahead)', ms(firstParse)],
    ['new DelugeParser() again (median of 3)', ms(median(constructions))],
  ],
);

// ── 2. Throughput ──────────────────────────────────────────────────────────────────────────────────────────

// Examples that only parse as docs samples (`Copied…`, `[\`) or that are broken on purpose would measure error
// recovery, not parsing: only the clean ones are repeated (bench/corpus.ts).
const { documents, exampleFiles, cleanExampleFiles, exampleBytes, generatedBytes } = benchCorpus(ROOT, TARGET_BYTES);
const totalChars = exampleBytes + generatedBytes;
const totalBytes = documents.reduce((n, d) => n + Buffer.byteLength(d), 0);
const generatedClean = documents.slice(-20).every((d) => parse(d, { docs: false }).diagnostics.length === 0);

console.log(
  `\nCorpus: ${documents.length} documents, ${(totalBytes / 1024 / 1024).toFixed(2)} MB (${totalChars.toLocaleString('en-US')} chars): ` +
    `${cleanExampleFiles} of ${exampleFiles} example files (the clean ones) repeated to ${(exampleBytes / 1024 / 1024).toFixed(2)} MB, ` +
    `generated code ${(generatedBytes / 1024 / 1024).toFixed(2)} MB${generatedClean ? '' : ' (WARNING: generated code has syntax errors)'}.`,
);

function timeAll(f: (text: string) => unknown, docs: readonly string[]): number {
  const start = performance.now();
  for (const d of docs) f(d);
  return performance.now() - start;
}

const lexOnly = (text: string) => lex(text);
const fullParse = (text: string) => parse(text, { docs: false });
// For the breakdown: lexing and the grammar building its CST, without the AST, the token passes or diagnostics.
const { parser } = parserModule;
const lexAndCst = (text: string) => {
  parser.input = lex(text).tokens;
  return parser.program();
};
// Warm-up: a tenth of the corpus, each way.
const warm = documents.filter((_, i) => i % 10 === 0);
timeAll(lexOnly, warm);
timeAll(lexAndCst, warm);
timeAll(fullParse, warm);
const lexTimes: number[] = [];
const cstTimes: number[] = [];
const parseTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  lexTimes.push(timeAll(lexOnly, documents));
  cstTimes.push(timeAll(lexAndCst, documents));
  parseTimes.push(timeAll(fullParse, documents));
  process.stderr.write(`  round ${round + 1}/${ROUNDS}: lex ${ms(lexTimes.at(-1)!)}, lex + CST ${ms(cstTimes.at(-1)!)}, parse ${ms(parseTimes.at(-1)!)}\n`);
}
const lexMedian = median(lexTimes);
const cstMedian = median(cstTimes);
const parseMedian = median(parseTimes);
const ratio = parseMedian / lexMedian;

// The same through the bundle the CLI ships (dist/, built by `npm run bench`): tsx compiles src/ with esbuild's
// keepNames, whose `__name(…)` wrapper on every closure the grammar creates per call slows the parser under tsx.
type Library = typeof import('../src/index.js');
const distPath = join(ROOT, 'dist', 'index.js');
let bundled: { lex: number[]; parse: number[] } | undefined;
try {
  statSync(distPath);
  const dist = (await import(pathToFileURL(distPath).href)) as Library;
  const distLex = (text: string) => dist.lex(text);
  const distParse = (text: string) => dist.parse(text, { docs: false });
  timeAll(distLex, warm);
  timeAll(distParse, warm);
  bundled = { lex: [], parse: [] };
  for (let round = 0; round < ROUNDS; round++) {
    bundled.lex.push(timeAll(distLex, documents));
    bundled.parse.push(timeAll(distParse, documents));
    process.stderr.write(`  round ${round + 1}/${ROUNDS} (dist/index.js): lex ${ms(bundled.lex.at(-1)!)}, parse ${ms(bundled.parse.at(-1)!)}\n`);
  }
} catch (error) {
  process.stderr.write(`  (no bundled figures: ${(error as Error).message})\n`);
}

table(
  `Throughput (${ROUNDS} rounds after a warm-up; medians)`,
  ['stage', 'time / round', 'MB/s', 'min … max'],
  [
    ['lex only (lex)', ms(lexMedian), mbps(totalBytes, lexMedian).toFixed(2), `${ms(Math.min(...lexTimes))} … ${ms(Math.max(...lexTimes))}`],
    ['lex + CST only (parser.program(), no AST)', ms(cstMedian), mbps(totalBytes, cstMedian).toFixed(2), `${ms(Math.min(...cstTimes))} … ${ms(Math.max(...cstTimes))}`],
    ['full parse (parse: lex + parse + AST)', ms(parseMedian), mbps(totalBytes, parseMedian).toFixed(2), `${ms(Math.min(...parseTimes))} … ${ms(Math.max(...parseTimes))}`],
    [`parse / lex time (target ≤ 2.5)`, `${ratio.toFixed(2)} ×`, ratio <= 2.5 ? 'ok' : 'OVER', ''],
    ...(bundled
      ? (() => {
          const l = median(bundled.lex);
          const p = median(bundled.parse);
          return [
            ['lex only, bundled dist/index.js', ms(l), mbps(totalBytes, l).toFixed(2), `${ms(Math.min(...bundled.lex))} … ${ms(Math.max(...bundled.lex))}`],
            ['full parse, bundled dist/index.js', ms(p), mbps(totalBytes, p).toFixed(2), `${ms(Math.min(...bundled.parse))} … ${ms(Math.max(...bundled.parse))}`],
            ['parse / lex time, bundled (target ≤ 2.5)', `${(p / l).toFixed(2)} ×`, p / l <= 2.5 ? 'ok' : 'OVER', ''],
          ];
        })()
      : []),
  ],
);

// Calibration: the same ratio for Chevrotain's own JSON grammar, measured now on this machine.
{
  const { calibrate } = await import('./chevrotain-json.js');
  const json = calibrate(1, ROUNDS);
  table(
    'Calibration: Chevrotain example JSON grammar (CST, same parser options), ~1 MB of CRM-like records',
    ['stage', 'time / round', 'MB/s'],
    [
      ['lex only', ms(json.lexMs), mbps(json.bytes, json.lexMs).toFixed(2)],
      ['lex + CST parse', ms(json.parseMs), mbps(json.bytes, json.parseMs).toFixed(2)],
      ['(lex + parse) / lex', `${(json.parseMs / json.lexMs).toFixed(2)} ×`, ''],
    ],
  );
}

// ── 2b. Files full of mistakes ──────────────────────────────────────────────────────────────────────────────

// Error recovery must stay linear: the time per mistake in a file of 2,000 of them against one of 250 (a ratio near 1;
// a lookup per mistake over all the others made such files take minutes). One shape per kind of recovery.
{
  const shapes: [string, string][] = [
    ["a '(' left open", 'info foo(1;\n'],
    ['values with no commas between them (insertions)', 'l = [1 2 3];\n'],
    ["a ')' too many (tried one place earlier)", 'if (a.b()) > c) { x = 1; }\n'],
    ["a block's '{' left out (indentation)", 'if (x)\n  a = 1;\n  b = 2;\n}\n'],
    ["blocks left open, all on one line (where each '}' goes)", 'if (x) { '],
    ['a text left open on its line', 'info "a;\nb";\nx = ;\n'],
    ['a value left out', 'x = ;\n'],
  ];
  const perMistake = (line: string, count: number): number => {
    const text = line.repeat(count);
    fullParse(text);
    const times: number[] = [];
    for (let round = 0; round < 3; round++) times.push(timeAll(fullParse, [text]));
    return (median(times) / count) * 1000;
  };
  const rows = shapes.map(([name, line]) => {
    const small = perMistake(line, 250);
    const large = perMistake(line, 2000);
    return [name, `${small.toFixed(0)} µs`, `${large.toFixed(0)} µs`, `${(large / small).toFixed(2)} ×`, large / small <= 1.5 ? 'ok' : 'OVER'];
  });
  table('Files full of mistakes: parse time per mistake, medians of 3 (target: 2,000 / 250 ≤ 1.5 ×)', ['mistake, repeated', '250 of them', '2,000 of them', 'ratio', ''], rows);
}

// ── 3. Cold start of the CLI ───────────────────────────────────────────────────────────────────────────────

const dir = mkdtempSync(join(tmpdir(), 'deluge-bench-'));
const tiny = join(dir, 'tiny.dg');
writeFileSync(tiny, 'x = 1;\ninfo x;\n');
const bin = join(ROOT, 'bin', 'deluge.js');
const wall = (args: string[]): number => {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const took = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return took;
};
try {
  // One of each first: fill the OS file cache.
  wall(['-e', '0']);
  wall([bin, 'check', tiny]);
  const nodeTimes: number[] = [];
  const cliTimes: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    nodeTimes.push(wall(['-e', '0']));
    cliTimes.push(wall([bin, 'check', tiny]));
  }
  const nodeMedian = median(nodeTimes);
  const cliMedian = median(cliTimes);
  const coldRatio = cliMedian / nodeMedian;
  table(
    `Cold start (${COLD_RUNS} runs each, interleaved; medians of wall time)`,
    ['command', 'median', 'min … max'],
    [
      ['node -e 0', ms(nodeMedian), `${ms(Math.min(...nodeTimes))} … ${ms(Math.max(...nodeTimes))}`],
      ['node bin/deluge.js check tiny.dg', ms(cliMedian), `${ms(Math.min(...cliTimes))} … ${ms(Math.max(...cliTimes))}`],
      ['ratio (target ≤ 3)', `${coldRatio.toFixed(2)} ×`, coldRatio <= 3 ? 'ok' : 'OVER'],
    ],
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
