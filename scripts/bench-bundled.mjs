// `node scripts/bench-bundled.mjs bench/runner.ts [args]`: bundles a benchmark with esbuild, as the CLI itself is
// shipped (dist/ is an esbuild bundle), and runs it with plain node — measuring the code users run, not tsx's
// on-the-fly transform.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { bundleForNode } from './bundle-node.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/bench-bundled.mjs <bench/file.ts> [args…]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'deluge-bench-'));
const outfile = join(dir, `${basename(entry, '.ts')}.mjs`);
try {
  await bundleForNode(entry, outfile);
  const run = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
