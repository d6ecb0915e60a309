import { execFileSync } from 'node:child_process';

/** CLI tests run the real bundled binary: build it once before the suite. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
