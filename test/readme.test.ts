import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { runLint, type LintIo } from '../src/cli/commands/lint.js';
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

/**
 * A CI job's lint step run in a folder laid out as the README's jobs expect: `scripts/crm/cleanup.dg` (a Delete
 * call with `url`, which lint flags) and a clean `scripts/sum.dg`; `run` gets the folder and an io that prints nothing.
 */
function inScriptsFolder(cleanupUrl: string, run: (dir: string, io: LintIo) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'deluge-readme-ci-'));
  try {
    mkdirSync(join(dir, 'scripts', 'crm'), { recursive: true });
    writeFileSync(join(dir, 'scripts', 'crm', 'cleanup.dg'), `response = invokeurl\n[\n\turl :"${cleanupUrl}"\n\ttype :DELETE\n];\ninfo response;\n`);
    writeFileSync(join(dir, 'scripts', 'sum.dg'), 'total = 1 + 2;\ninfo total;\n');
    run(dir, { cwd: dir, stdout: () => undefined, stderr: () => undefined, readStdin: () => '', colour: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('README "Linting in CI" workflow', () => {
  it('its lint step lints the scripts folder and writes the SARIF file it uploads', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const step = /- run: npx deluge lint (.*)\n/.exec(readme);
    expect(step).not.toBeNull();
    // The step's arguments as the runner's shell passes them (the quoted pattern reaches deluge unexpanded).
    const [pattern, ...flags] = parseShell(step![1]!).map(String);
    expect(pattern).toBe('scripts/**/*.dg');
    const flag = (name: string) => flags[flags.indexOf(name) + 1];
    inScriptsFolder('https://www.zohoapis.com/crm/v7/Leads?ids=1,2', (dir, io) => {
      runLint({ files: [pattern!], format: flag('--format') as 'sarif', outputFile: flag('--output-file') }, io);
      const sarif = JSON.parse(readFileSync(join(dir, flag('--output-file')!), 'utf8'));
      const linted = new Set(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
      expect([...linted]).toEqual(['scripts/crm/cleanup.dg']);
    });
  });
});

describe('README "Linting in CI" GitLab job', () => {
  it('its lint step writes the Code Quality report its artifacts name, also when lint fails', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const job = /# \.gitlab-ci\.yml\n([\s\S]*?)```/.exec(readme);
    expect(job).not.toBeNull();
    const step = /^ +- npx deluge lint (.*)$/m.exec(job![1]!);
    const report = /^ +when: always\n +reports:\n +codequality: (\S+)$/m.exec(job![1]!);
    expect(step).not.toBeNull();
    expect(report, 'artifacts: when: always, reports: codequality:').not.toBeNull();
    const [pattern, ...flags] = parseShell(step![1]!).map(String);
    const flag = (name: string) => flags[flags.indexOf(name) + 1];
    expect(flag('--format')).toBe('gitlab');
    expect(flag('--output-file')).toBe(report![1]);
    inScriptsFolder('https://www.zohoapis.com/crm/v7/Lead?ids=1,2', (dir, io) => {
      expect(runLint({ files: [pattern!], format: 'gitlab', outputFile: flag('--output-file') }, io)).toBe(1);
      const issues = JSON.parse(readFileSync(join(dir, report![1]!), 'utf8')) as { location: { path: string } }[];
      expect(new Set(issues.map((i) => i.location.path))).toEqual(new Set(['scripts/crm/cleanup.dg']));
    });
  });
});
