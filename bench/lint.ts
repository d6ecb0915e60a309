/**
 * Lint throughput (`node scripts/bench-bundled.mjs bench/lint.ts [--mb N] [--rounds N]`, or with tsx): a few MB
 * of Deluge — the clean files of examples/ repeated, plus generated realistic code (bench/generate.ts) — as
 * documents of a few KB, linted with every rule (the style rules that are off by default too) versus parsed alone,
 * in the same run. Medians of `--rounds` (default 5) after a warm-up; target: lint time ≤ 1.5 × parse time. Also:
 * parse + the walk alone (one rule that looks at nothing); one large script (about 1 MB in one scope), where a rule
 * whose work grows with the square of a scope's size shows (no target: it should stay near the corpus' figure); and
 * what each rule adds on its own over the walk (the slowest first), to find the rule to look at when a ratio grows.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../src/linter/lint.js';
import { RULES } from '../src/linter/registry.js';
import type { Rule } from '../src/linter/rule.js';
import { UNUSED_SUPPRESSION } from '../src/linter/suppressions.js';
import { parse } from '../src/syntax/parse.js';
import { benchCorpus } from './corpus.js';
import { everyRuleOn } from './every-rule.js';
import { DelugeGenerator } from './generate.js';
import { interleavedPass, mbps, median, ms, option, table } from './stats.js';

// Under tsx this file sits in bench/; bundled (scripts/bench-bundled.mjs) it runs from a temporary folder: then
// examples/ is found from the current one.
const HERE = resolve(fileURLToPath(import.meta.url), '..', '..');
const ROOT = existsSync(join(HERE, 'examples')) ? HERE : process.cwd();
const TARGET_BYTES = option('mb', 3) * 1024 * 1024;
const ROUNDS = Math.floor(option('rounds', 5));
const TARGET_RATIO = 1.5;
// ── Corpus: a third examples (the ones that parse cleanly as they are), the rest generated ─────────────────

const { documents, cleanExampleFiles, exampleBytes, generatedBytes } = benchCorpus(ROOT, TARGET_BYTES);
const totalBytes = documents.reduce((n, d) => n + Buffer.byteLength(d), 0);
console.log(
  `\nCorpus: ${documents.length} documents, ${(totalBytes / 1024 / 1024).toFixed(2)} MB: ${cleanExampleFiles} clean example files repeated ` +
    `(${(exampleBytes / 1024 / 1024).toFixed(2)} MB), generated code ${(generatedBytes / 1024 / 1024).toFixed(2)} MB. ${RULES.length} rules.`,
);

function timeAll(f: (text: string) => unknown, docs: readonly string[]): number {
  const start = performance.now();
  for (const d of docs) f(d);
  return performance.now() - start;
}

const parseOnly = (text: string) => parse(text, { docs: false });
const EVERY_RULE = everyRuleOn(RULES);
const lintAll = (text: string) => lint('bench.dg', text, { docs: false, rules: EVERY_RULE });
/** A rule that looks at nothing: what the walk itself (and suppressions) cost. */
const NOTHING: Rule = { meta: { ...UNUSED_SUPPRESSION.meta, id: 'bench-nothing' }, create: () => ({}) };
const walkOnly = (text: string) => lint('bench.dg', text, { docs: false, only: [NOTHING] });

// Warm-up on a tenth of the corpus, each way; and the diagnostics found, as a sanity figure.
const warm = documents.filter((_, i) => i % 10 === 0);
timeAll(parseOnly, warm);
timeAll(walkOnly, warm);
timeAll(lintAll, warm);
let found = 0;
for (const d of warm) found += lintAll(d).diagnostics.length;

/**
 * Every round goes through the corpus in blocks of BLOCK documents (≈ 100 KB, a few tens of milliseconds each way),
 * each block parsed, linted with nothing and linted with every rule back to back, in an order that turns with the
 * block (`interleavedPass`): over whole passes of a second or more each, a neighbour's load landed on one side and
 * not the other (the same pass was seen to take 0.8 s and 1.5 s minutes apart).
 */
const BLOCK = 32;
const parseTimes: number[] = [];
const walkTimes: number[] = [];
const lintTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const total = interleavedPass(documents, { parse: parseOnly, walk: walkOnly, lint: lintAll }, round, BLOCK);
  parseTimes.push(total.parse);
  walkTimes.push(total.walk);
  lintTimes.push(total.lint);
  process.stderr.write(
    `  round ${round + 1}/${ROUNDS}: parse ${ms(total.parse)}, parse + walk ${ms(total.walk)}, lint ${ms(total.lint)} (${(total.lint / total.parse).toFixed(2)} ×)\n`,
  );
}
const parseMedian = median(parseTimes);
const walkMedian = median(walkTimes);
const lintMedian = median(lintTimes);
const ratios = lintTimes.map((t, i) => t / parseTimes[i]!);
const ratio = median(ratios);

table(
  `Lint throughput (median of ${ROUNDS} rounds, blocks of ${BLOCK} documents interleaved; ${found} diagnostics in a tenth of the corpus)`,
  ['step', 'time', 'MB/s', 'ratio'],
  [
    ['parse only (lex + parse + AST)', ms(parseMedian), mbps(totalBytes, parseMedian).toFixed(2), '1.00 ×'],
    ['lint, one rule that looks at nothing (parse + walk)', ms(walkMedian), mbps(totalBytes, walkMedian).toFixed(2), `${(walkMedian / parseMedian).toFixed(2)} ×`],
    [`lint, all ${RULES.length} rules (parse + one walk + suppressions)`, ms(lintMedian), mbps(totalBytes, lintMedian).toFixed(2), `${ratio.toFixed(2)} ×`],
  ],
);
console.log(
  `\nLint / parse per round: median ${ratio.toFixed(2)} ×, from ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)} ×.` +
    `\nTarget: lint ≤ ${TARGET_RATIO} × parse — ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'} (${ratio.toFixed(2)} ×).`,
);

// ── One large script: every statement in one scope ─────────────────────────────────────────────────────────

// (Generated scripts one after the other: one scope of about 30,000 lines, with hundreds of DELETEs and responses.)
const generator = new DelugeGenerator(5);
let largeScript = '';
while (largeScript.length < 1024 * 1024) largeScript += generator.script() + '\n';
const largeLines = largeScript.split('\n').length;
lintAll(largeScript);
// Three passes over the one document, the order of the two steps turning with the pass (`interleavedPass`).
const largePasses = [0, 1, 2].map((round) => interleavedPass([largeScript], { parse: parseOnly, lint: lintAll }, round, 1));
const largeRatios = largePasses.map((p) => p.lint / p.parse);
const largeParse = median(largePasses.map((p) => p.parse));
console.log(
  `\nOne large script (${(largeScript.length / 1024 / 1024).toFixed(2)} MB, ${largeLines.toLocaleString('en-US')} lines in one scope; parse ${ms(largeParse)}): ` +
    `lint / parse ${median(largeRatios).toFixed(2)} × (median of 3).`,
);

// ── What each rule adds on its own (a fifth of the corpus, median of 3) ────────────────────────────────────

const sample = documents.filter((_, i) => i % 5 === 0);
/** The time `f` takes over the sample minus the time of the walk alone, the two interleaved by block (median of 3). */
function addedOverWalk(f: (text: string) => unknown): { added: number; base: number } {
  const passes = [0, 1, 2].map((round) => interleavedPass(sample, { rule: f, walk: walkOnly }, round, BLOCK));
  return { added: median(passes.map((p) => p.rule - p.walk)), base: median(passes.map((p) => p.walk)) };
}
let sampleBase = 0;
const perRule = RULES.map((rule) => {
  const one = (text: string) => lint('bench.dg', text, { docs: false, only: [rule], rules: { [rule.meta.id]: 'warning' } });
  timeAll(one, sample.slice(0, 20));
  const { added, base } = addedOverWalk(one);
  sampleBase = base;
  return { id: rule.meta.id, added };
}).sort((a, b) => b.added - a.added);
table(
  `Time each rule adds alone over parse + walk of a fifth of the corpus (${ms(sampleBase)}; the 10 slowest)`,
  ['rule', 'added', 'share of parse + walk'],
  perRule.slice(0, 10).map((r) => [r.id, ms(Math.max(0, r.added)), `${((Math.max(0, r.added) / sampleBase) * 100).toFixed(1)} %`]),
);
