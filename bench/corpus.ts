/**
 * The corpus of the parser and lint benchmarks (bench/run.ts, bench/lint.ts, scripts/bench-lint-ab.mjs): documents
 * of a few KB, a third the clean files of examples/ (those that parse without a diagnostic: the others would
 * measure error recovery) repeated, the rest realistic generated code (bench/generate.ts, a fixed seed: the same
 * documents every run), in documents of 1–4 functions or scripts, like real files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../src/syntax/parse.js';
import { DelugeGenerator } from './generate.js';

export interface BenchCorpus {
  readonly documents: string[];
  /** The `.dg` files of examples/, and how many of them parse cleanly (the ones repeated). */
  readonly exampleFiles: number;
  readonly cleanExampleFiles: number;
  /** Characters of repeated examples and of generated code. */
  readonly exampleBytes: number;
  readonly generatedBytes: number;
}

function exampleTexts(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...exampleTexts(path));
    else if (/\.(dg|deluge)$/i.test(name)) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

/** About `targetBytes` characters of Deluge; `root` is the folder holding examples/. */
export function benchCorpus(root: string, targetBytes: number): BenchCorpus {
  const examples = exampleTexts(join(root, 'examples'));
  const clean = examples.filter((text) => parse(text, { docs: false }).diagnostics.length === 0);
  const documents: string[] = [];
  let exampleBytes = 0;
  while (clean.length && exampleBytes < targetBytes / 3) {
    for (const text of clean) {
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
  return { documents, exampleFiles: examples.length, cleanExampleFiles: clean.length, exampleBytes, generatedBytes };
}
