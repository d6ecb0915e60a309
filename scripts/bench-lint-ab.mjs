// `node scripts/bench-lint-ab.mjs --base REV [--rounds N]`: the linter of the working tree against the linter of a
// git revision, both bundled into ONE process and run interleaved in blocks over the lint bench's corpus. On a
// shared machine two separate runs of bench/lint.ts can differ by 10 % or more for the same code; in one process,
// block by block, both sides see the same load, and a change of 1–2 % shows. Prints lint / parse for each side and
// the median of the rounds' ratios now / base.
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
  console.error('usage: node scripts/bench-lint-ab.mjs --base REV [--rounds N]');
  process.exit(2);
}
const rounds = Number(arg('rounds', '12'));
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'deluge-lint-ab-'));
try {
  // The base revision's src/ (both sides lint the same documents: the working tree's corpus).
  const tar = join(dir, 'base.tar');
  execFileSync('git', ['archive', '--format=tar', '-o', tar, base, 'src'], { cwd: root });
  execFileSync('tar', ['-x', '-f', tar, '-C', dir]);
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { lint as lintBase } from ${JSON.stringify(join(dir, 'src/linter/lint.js'))};
import { lint as lintNow } from ${JSON.stringify(join(root, 'src/linter/lint.js'))};
import { parse } from ${JSON.stringify(join(root, 'src/syntax/parse.js'))};
import { benchCorpus } from ${JSON.stringify(join(root, 'bench/corpus.js'))};
import { interleavedPass } from ${JSON.stringify(join(root, 'bench/stats.js'))};
import { everyRuleOn } from ${JSON.stringify(join(root, 'bench/every-rule.js'))};
import { RULES as baseRules } from ${JSON.stringify(join(dir, 'src/linter/registry.js'))};
import { RULES as nowRules } from ${JSON.stringify(join(root, 'src/linter/registry.js'))};
const { documents } = benchCorpus(${JSON.stringify(root)}, 3 * 1024 * 1024);
const baseEvery = everyRuleOn(baseRules);
const nowEvery = everyRuleOn(nowRules);
const steps = {
  parse: (d: string) => parse(d, { docs: false }),
  base: (d: string) => lintBase('bench.dg', d, { docs: false, rules: baseEvery }),
  now: (d: string) => lintNow('bench.dg', d, { docs: false, rules: nowEvery }),
};
const ratios = { base: [] as number[], now: [] as number[], relative: [] as number[] };
for (let round = 0; round <= ${rounds}; round++) {
  const t = interleavedPass(documents, steps, round);
  if (round === 0) continue; // the warm-up
  ratios.base.push(t.base / t.parse);
  ratios.now.push(t.now / t.parse);
  ratios.relative.push(t.now / t.base);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(\`lint / parse: ${base} \${median(ratios.base).toFixed(3)}, working tree \${median(ratios.now).toFixed(3)}\`);
console.log(\`working tree / ${base}: \${median(ratios.relative).toFixed(3)} (rounds: \${ratios.relative.map((x) => x.toFixed(2)).join(' ')})\`);
`,
  );
  const outfile = join(dir, 'entry.mjs');
  await bundleForNode(entry, outfile, { nodePaths: [join(root, 'node_modules')] });
  const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
