import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/diagnostics/codes.js';

/** The README's table of diagnostic codes lists exactly the registry's codes, with their names. */
describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| (DLG\d{4}) \| ([a-z-]+) \|/gm)].map((m) => [m[1]!, m[2]!]));

  it('documents every diagnostic code under its name, and no other (lint rules: docs/rules/)', () => {
    // Rule codes (DLG5001 and up) are listed with their rules in docs/rules/README.md, generated from the rules.
    const registry = new Map(
      Object.entries(CODES)
        .filter(([code]) => !/^DLG5(?!000)/.test(code))
        .map(([code, info]) => [code, info.name]),
    );
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(registry));
  });
});

describe('README "Running scripts" example', () => {
  it('prints what the README shows', async () => {
    const { runScript } = await import('../src/runtime/run.js');
    const { renderDiagnostic } = await import('../src/diagnostics/render.js');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /\$ cat totals\.dg\n([\s\S]*?)\n\n\$ deluge run totals\.dg\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    const [, script, shown] = block!;
    const run = runScript(`${script}\n`, { fileName: 'totals.dg', now: 0, clock: () => 0 });
    const printed = [...run.info, ...run.diagnostics.map((d) => renderDiagnostic(d.file, d.diagnostic))].join('\n');
    expect(printed).toBe(shown);
  });
});
