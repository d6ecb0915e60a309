// Parses every .dg file under a folder and reports how many parse cleanly, and the most common diagnostics.
// Use it on a local corpus of real scripts (never committed): `tsx scripts/corpus-report.ts DIR [--show N]`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../src/syntax/parse.js';
import { SourceFile } from '../src/source/source-file.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx scripts/corpus-report.ts DIR [--show N]');
  process.exit(2);
}
const show = Number(process.argv[process.argv.indexOf('--show') + 1] ?? 0) || 0;

function* files(root: string): Generator<string> {
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(dg|ds|deluge)$/.test(name)) yield path;
  }
}

let total = 0;
let clean = 0;
let bytes = 0;
const byMessage = new Map<string, { count: number; examples: string[] }>();
const started = performance.now();
for (const path of files(dir)) {
  const text = readFileSync(path, 'utf8');
  total++;
  bytes += text.length;
  const { diagnostics } = parse(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    clean++;
    continue;
  }
  const first = errors[0]!;
  const file = new SourceFile(path, text);
  const pos = file.position(first.span.start);
  const key = `${first.code} ${first.message.replace(/'[^']*'/g, "'…'").slice(0, 90)}`;
  const entry = byMessage.get(key) ?? { count: 0, examples: [] };
  entry.count++;
  if (entry.examples.length < Math.max(show, 1)) entry.examples.push(`${path}:${pos.line}:${pos.column}  ${file.lineText(pos.line).trim().slice(0, 120)}`);
  byMessage.set(key, entry);
}
const seconds = (performance.now() - started) / 1000;
console.log(`${clean}/${total} files parse without errors (${((100 * clean) / Math.max(total, 1)).toFixed(1)}%), ${(bytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(1)} s`);
for (const [key, { count, examples }] of [...byMessage].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`${String(count).padStart(5)}  ${key}`);
  for (const e of examples.slice(0, show)) console.log(`         ${e}`);
}
