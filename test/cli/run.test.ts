/**
 * `deluge run` end to end through the real binary: stdout carries exactly the info lines, errors go to stderr
 * with a code and a code frame, exit codes follow the CLI contract (0 ran, 1 uncaught runtime error, 2 usage).
 * The interpreter itself is tested in-process (test/runtime); these spawns check the wiring only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeluge } from '../helpers/cli.js';

let dir: string;
const deluge = (args: string[], stdin?: string) => runDeluge(dir, args, stdin);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-run-'));
  writeFileSync(join(dir, 'sum.dg'), 'total = 0;\nfor each n in {1, 2, 3} { total = total + n; }\ninfo "total " + total;\ninfo 410405000002264040 + 1;\nreturn {"total": total, "id": 410405000002264040};\n');
  writeFileSync(join(dir, 'fails.dg'), 'info "start";\nl = {1, 2};\nx = 10 / 0;\ninfo "never";\n');
  writeFileSync(join(dir, 'clock.dg'), 'info zoho.currenttime;\ninfo today;\n');
  writeFileSync(join(dir, 'greet.dg'), 'string standalone.greet(String name, Int times)\n{\n\treturn "Hello " + name + " x" + (times * 2);\n}\n');
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'util.dg'), 'string standalone.shout(String s)\n{\n\treturn s + "!";\n}\n');
  writeFileSync(join(dir, 'lib', 'quiet.deluge'), 'string standalone.whisper(String s)\n{\n\treturn s.toLowerCase();\n}\n');
  writeFileSync(join(dir, 'uses-lib.dg'), 'info standalone.shout("hey") + " " + standalone.whisper("HO");\n');
  writeFileSync(join(dir, 'loop.dg'), 'l = {1};\nfor each x in l\n{\n\tl.add(x);\n}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deluge run', () => {
  it('prints each info line on stdout and exits 0', async () => {
    const r = await deluge(['run', 'sum.dg']);
    expect(r.stdout).toBe('total 6\n410405000002264041\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('--json prints the run report, with record IDs as strings', async () => {
    const r = await deluge(['run', 'sum.dg', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      info: ['total 6', '410405000002264041'],
      result: { total: 6, id: '410405000002264040' },
      requests: [],
      mails: [],
      diagnostics: [],
    });
  });

  it('an uncaught runtime error: the lines before it, then the error with its line and a code frame; exit 1', async () => {
    const r = await deluge(['run', 'fails.dg']);
    expect(r.stdout).toBe('start\n');
    expect(r.stderr).toContain('fails.dg:3:5: error[DLG4002] Division by zero');
    expect(r.stderr).toContain('3 | x = 10 / 0;');
    expect(r.code).toBe(1);
    const json = await deluge(['run', 'fails.dg', '--json']);
    expect(json.code).toBe(1);
    const diagnostics = JSON.parse(json.stdout).diagnostics;
    expect(diagnostics).toEqual([
      expect.objectContaining({ filePath: 'fails.dg', code: 'DLG4002', ruleId: 'runtime', severity: 2, line: 3, column: 5 }),
    ]);
  });

  it('--json gives a syntax error\'s fix as a suggestion, as lint and check do, never as a fix a tool would apply', async () => {
    // A `}` with no `{` (the `{` after the if left out): the fix, adding the `{`, is only a suggestion.
    writeFileSync(join(dir, 'no-brace.dg'), 'x = 1;\nif (x == 1)\n    info "a";\n    info "b";\n}\n');
    const r = await deluge(['run', 'no-brace.dg', '--json']);
    expect(r.code).toBe(1);
    const [diagnostic] = JSON.parse(r.stdout).diagnostics;
    expect(diagnostic).toMatchObject({ code: 'DLG2004', suggestions: [{ fix: { range: [18, 18], text: ' {' } }] });
    expect(diagnostic).not.toHaveProperty('fix');
  });

  it('--now and --tz fix the clock', async () => {
    const r = await deluge(['run', 'clock.dg', '--now', '2020-12-10T01:25:24Z', '--tz', 'Asia/Kolkata']);
    expect(r.stdout).toBe('10-Dec-2020 06:55:24\n10-Dec-2020\n');
  });

  it('runs a function file with --arg values converted to the parameter types', async () => {
    const r = await deluge(['run', 'greet.dg', '--arg', 'name=Ann', '--arg', 'times=21', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toBe('Hello Ann x42');
    // A parameter given no value is null, and stderr says so before the error it leads to. (A repeatable option
    // takes one value: the file may follow it.)
    const missing = await deluge(['run', '--arg', 'name=Ann', 'greet.dg']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')[0]).toBe('note: no argument was given for the parameter times: it was null (give it with --arg times=…)');
  });

  it('--arg-json passes a map, as Zoho Books passes `invoice`', async () => {
    const r = await deluge(['run', '-', '--arg-json', 'invoice={"invoice_id": "460000000012345", "total": 10.5}'], 'info invoice.get("invoice_id") + " " + invoice.get("total");\n');
    expect(r.stdout).toBe('460000000012345 10.5\n');
    const bad = await deluge(['run', '-', '--arg-json', 'invoice={oops'], 'info 1;\n');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DLG0002');
  });

  it('--functions makes the functions of a folder callable (its .dg and .deluge files)', async () => {
    // The folder option may come before the file: it takes one value.
    const r = await deluge(['run', '--functions', 'lib', 'uses-lib.dg']);
    expect(r.stdout).toBe('hey! ho\n');
    const missing = await deluge(['run', 'uses-lib.dg']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DLG4019');
  });

  it('stops an infinite loop at --max-statements with a diagnostic naming the limit', async () => {
    const r = await deluge(['run', 'loop.dg', '--max-statements', '5000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/loop\.dg:4:2: error\[DLG4010\] The script executed more than 5,000 statements/);
  });

  it('bad flags and unknown zones are usage errors (exit 2)', async () => {
    const tz = await deluge(['run', 'sum.dg', '--tz', 'Mars/Olympus']);
    expect(tz.code).toBe(2);
    expect(tz.stderr).toContain('DLG0002');
    const now = await deluge(['run', 'sum.dg', '--now', 'yesterday']);
    expect(now.code).toBe(2);
    const arg = await deluge(['run', 'sum.dg', '--arg', 'novalue']);
    expect(arg.code).toBe(2);
    // Two values after one --arg: the second is no option's, and the message says how to give it.
    const two = await deluge(['run', 'sum.dg', '--arg', 'a=1', 'b=2']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('error[DLG0002] Unknown argument: b=2 (each argument takes its own --arg: --arg b=2)');
    const both = await deluge(['run', 'sum.dg', '--sandbox', '--dry-run']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('error[DLG0002] --dry-run sends nothing, --sandbox sends every request to the sandbox: use one of them');
    const file = await deluge(['run', 'missing.dg']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('DLG0001');
  });

  it('reads the script from stdin', async () => {
    const r = await deluge(['run', '-'], 'info "from stdin";\n');
    expect(r.stdout).toBe('from stdin\n');
  });
});
