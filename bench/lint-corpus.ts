/**
 * The lint benchmark's corpus (bench/lint.ts, scripts/bench-lint-ab.mjs): documents of a few KB, a third the clean
 * files of examples/ (those that parse without a diagnostic) repeated, the rest realistic generated code
 * (bench/generate.ts, a fixed seed: the same documents every run).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../src/syntax/parse.js';
import { DelugeGenerator } from './generate.js';

export interface LintCorpus {
  readonly documents: string[];
  readonly exampleFiles: number;
  readonly exampleBytes: number;
  readonly generatedBytes: number;
}

function exampleTexts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...exampleTexts(path));
    else if (/\.(dg|deluge)$/i.test(name)) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

/** About `targetBytes` of Deluge; `root` is the folder holding examples/. */
export function lintCorpus(root: string, targetBytes: number): LintCorpus {
  const examples = exampleTexts(join(root, 'examples')).filter((text) => parse(text, { docs: false }).diagnostics.length === 0);
  const documents: string[] = [];
  let exampleBytes = 0;
  while (examples.length && exampleBytes < targetBytes / 3) {
    for (const text of examples) {
      documents.push(text);
      exampleBytes += text.length;
    }
  }
  const generator = new DelugeGenerator(42);
  let generatedBytes = 0;
  for (let i = 0; exampleBytes + generatedBytes < targetBytes; i++) {
    let doc = '';
    for (let k = 0, n = 1 + (i % 4); k < n; k++) doc += (k ? '\n' : '') + (i % 3 === 2 ? generator.script() : generator.func());
    documents.push(doc);
    generatedBytes += doc.length;
  }
  return { documents, exampleFiles: examples.length, exampleBytes, generatedBytes };
}
