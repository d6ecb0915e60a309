// The library's type declarations for the package (run by `prepack`): tsc writes dist/types/**/*.d.ts from
// src/index.ts; the hand-kept or generated .d.ts files of src/ (tsc never copies those) are copied beside them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const OUT = 'dist/types';
rmSync(OUT, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const target = join(OUT, relative('src', join(entry.parentPath, entry.name)));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(entry.parentPath, entry.name), target);
}
