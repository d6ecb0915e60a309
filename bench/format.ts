/**
 * `npx tsx bench/format.ts` — formatting throughput against parsing, same text, same run. The corpus is the
 * files of examples/ repeated to a few MB (`--mb N`, default 3), as separate documents like real scripts.
 * Each round times `parse` over every document, then `format` (which parses, then prints); medians of
 * `--rounds N` (default 7) rounds after a warm-up. Target: format time ≤ 2 × parse time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from '../src/format/index.js';
import { parse } from '../src/syntax/parse.js';
import { median, option } from './stats.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

const TARGET_BYTES = option('mb', 3) * 1024 * 1024;
const ROUNDS = Math.floor(option('rounds', 7));

const examples = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.dg'))
  .sort()
  .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
const docs: string[] = [];
let bytes = 0;
while (bytes < TARGET_BYTES) {
  for (const text of examples) {
    docs.push(text);
    bytes += text.length;
  }
}

function time(run: (text: string) => unknown): number {
  const start = performance.now();
  for (const text of docs) run(text);
  return performance.now() - start;
}

const parseOnly = (text: string) => parse(text);
const formatText = (text: string) => format(text);

// Warm-up, then interleaved rounds so both see the same machine state.
time(parseOnly);
time(formatText);
const parseTimes: number[] = [];
const formatTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  parseTimes.push(time(parseOnly));
  formatTimes.push(time(formatText));
}

const mb = bytes / 1024 / 1024;
const parseMs = median(parseTimes);
const formatMs = median(formatTimes);
const ratio = formatMs / parseMs;
console.log(`corpus: ${examples.length} example files repeated to ${docs.length} documents, ${mb.toFixed(2)} MB; median of ${ROUNDS} rounds`);
console.log(`parse : ${parseMs.toFixed(0).padStart(6)} ms  ${(mb / (parseMs / 1000)).toFixed(1).padStart(5)} MB/s`);
console.log(`format: ${formatMs.toFixed(0).padStart(6)} ms  ${(mb / (formatMs / 1000)).toFixed(1).padStart(5)} MB/s  (includes its parse)`);
console.log(`format / parse = ${ratio.toFixed(2)} (target ≤ 2) ${ratio <= 2 ? 'ok' : 'ABOVE TARGET'}`);
