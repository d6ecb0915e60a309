import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile, type Diagnostic } from '../../src/index.js';

/** The `.dg` files of a fixture folder (a URL ending in `/`), sorted, with their text. */
export function dgFixtures(dir: URL): { name: string; file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.dg'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.dg'.length), file, text: readFileSync(new URL(file, dir), 'utf8') }));
}

/** The text of every `.dg` file under examples/ (the parser's and the linter's usual inputs). */
export function exampleTexts(dir = 'examples'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return exampleTexts(path);
    return name.endsWith('.dg') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** `DLG2001 3:6` — a diagnostic's code and the 1-based line:column where it starts. */
export function located(d: Diagnostic, text: string): string {
  const at = new SourceFile('fixture.dg', text).position(d.span.start);
  return `${d.code} ${at.line}:${at.column}`;
}

/** Same, with the message: for failure output that shows what the parser actually said. */
export function describeDiagnostic(d: Diagnostic, text: string): string {
  return `${located(d, text)} ${d.message}`;
}

const EXPECT = /\/\/ *expect: *(DLG\d{4}) +(\d+):(\d+) *$/;

/**
 * The expectations written in an error fixture: each line `// expect: DLG2001 3:6` (code and 1-based
 * line:column of the diagnostic's start). Read from the raw text, so they work even inside an unclosed
 * comment or string.
 */
export function expectations(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = EXPECT.exec(line.trim());
    if (m) out.push(`${m[1]} ${m[2]}:${m[3]}`);
  }
  return out;
}
