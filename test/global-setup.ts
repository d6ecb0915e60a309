import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * CLI tests run the real bundled binary: build it once before the suite.
 * Every temporary folder the tests (and the CLIs they spawn) make goes under one root, removed when the suite ends,
 * so a run leaves nothing behind in the machine's temporary folder.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const root = mkdtempSync(join(tmpdir(), 'deluge-kit-tests-'));
  // Set before the workers start, so they and their children inherit it; os.tmpdir() reads it on each call.
  process.env['TMPDIR'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
