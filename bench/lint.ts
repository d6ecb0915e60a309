/**
 * Lint throughput (`node scripts/bench-bundled.mjs bench/lint.ts [--mb N] [--rounds N]`, or with tsx): a few MB
 * of Deluge — the clean files of examples/ repeated, plus generated realistic code (bench/generate.ts) — as
 * documents of a few KB, linted with every rule (the style rules that are off by default too) versus parsed alone,
 * in the same run. Medians of `--rounds` (default 5) after a warm-up; target: lint time ≤ 1.5 × parse time. Also:
 * parse + the walk alone (one rule that looks at nothing); one large script (about 1 MB in one scope), where a rule
 * whose work grows with the square of a scope's size shows (no target: it should stay near the corpus' figure); and
 * where lint's time goes by rule and shared analysis, from a CPU profile (bench/profile.ts), to find the part to look at
 * when the ratio grows.
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
import { profileShares } from './profile.js';
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

// ── Where lint's time goes: each rule, the shared analyses, the walk (a CPU profile of one pass) ──────────

/**
 * The part a frame's module belongs to (undefined: the caller's part). A rule is its own file; the helpers rules share
 * (`_url.ts`, the resolver, the tree index) are parts of their own, charged to no rule: the first rule to ask for one
 * pays for it in a run, whichever rule that is.
 */
function lintPart(module: string): string | undefined {
  const rule = /^src\/linter\/rules\/([a-z][a-z0-9-]*)\.ts$/.exec(module);
  if (rule) return rule[1];
  if (/^src\/linter\/rules\/_/.test(module)) return `shared: ${module.slice('src/linter/rules/'.length)}`;
  if (module === 'src/analysis/resolver.ts') return 'shared: names and scopes (resolver)';
  if (module === 'src/analysis/tree-index.ts') return 'shared: tree index';
  // (The tree's own helpers, `walk` and `ast`, are the caller's: rules and the index walk the tree with them.)
  if (/^src\/syntax\/(?!walk\.ts$|ast\.ts$)|^node_modules\/(chevrotain|lodash-es|@chevrotain)\//.test(module)) return 'parse';
  if (module === 'src/linter/lint.ts') return 'the walk (dispatch tables, visits, rules set up)';
  if (/^src\/linter\/(bulk-)?suppressions\.ts$/.test(module)) return 'suppressions';
  if (/^src\/diagnostics\//.test(module)) return 'diagnostics made for reports';
  if (module === '(garbage collector)') return 'garbage collection';
  return undefined;
}
// Garbage collection is the parse's too. The shares are of the parse with its own collection (the time the parse-only
// step measures): a pass of parsing alone gives that collection's share, and the collection row is lint's beyond it.
const GC = 'garbage collection';
const parsedAlone = await profileShares(() => timeAll(parseOnly, documents), lintPart);
const parseOwnGc = (parsedAlone.samples.get(GC) ?? 0) / (parsedAlone.samples.get('parse') ?? 1);
const profiled = await profileShares(() => timeAll(lintAll, documents), lintPart);
const parseSamples = profiled.samples.get('parse') ?? 1;
const base = parseSamples * (1 + parseOwnGc);
const shares = new Map([...profiled.samples].map(([name, samples]) => [name, samples / base]));
shares.set(`${GC}, beyond the parse's own`, ((profiled.samples.get(GC) ?? 0) - parseSamples * parseOwnGc) / base);
shares.delete(GC);
shares.delete('parse');
const parts = [...shares].sort((a, b) => b[1] - a[1]);
const shown = parts.slice(0, 18);
const rest = parts.slice(shown.length).reduce((n, [, share]) => n + share, 0);
table(
  `Lint's time by part beyond the parse, as a share of the parse: a CPU profile of one pass with every rule ` +
    `(${profiled.total.toLocaleString('en-US')} samples; lint / parse there ${(profiled.total / base).toFixed(2)} ×)`,
  ['part', 'share of the parse'],
  [...shown.map(([name, share]) => [name, share.toFixed(3)]), [`the other ${parts.length - shown.length} parts`, rest.toFixed(3)]],
);
