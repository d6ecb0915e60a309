/**
 * `deluge lint` in-process: `runLint` (what the command's handler calls) against files in a temporary folder,
 * with rules defined here, and the yargs command module for how flags are read. Exit codes: 0 clean; 1 errors
 * or too many warnings; 2 (a thrown UsageError) usage and configuration.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LINT_FORMATS, makeLintCommand, runLint, toLintJsonResult, type LintArgs, type LintIo } from '../../src/cli/commands/lint.js';
import { lint } from '../../src/linter/lint.js';
import { rule as SELF_ASSIGNMENT } from '../../src/linter/rules/self-assignment.js';
import { UsageError } from '../../src/cli/io.js';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import type { JsonFileResult } from '../../src/diagnostics/render.js';
import type { Rule } from '../../src/linter/rule.js';

/** Single-quoted text: an error, safely fixable. */
const singleQuotes: Rule = {
  meta: {
    id: 'test-single-quotes',
    code: 'DLG5996' as DiagnosticCode,
    category: 'style',
    severity: 'error',
    fixable: 'safe',
    summary: 'Text in single quotes.',
    docs: { what: '', why: '', invalid: [], valid: [] },
  },
  create: (context) => ({
    StringLiteral: (node) => {
      if (node.quote === "'") context.report({ span: node.span, message: 'single quotes', fix: { span: node.span, text: `"${node.raw.slice(1, -1)}"` } });
    },
  }),
};

/** Every `info`: a warning. */
const noInfo: Rule = {
  meta: {
    id: 'test-no-info',
    code: 'DLG5997' as DiagnosticCode,
    category: 'suspicious',
    severity: 'warning',
    summary: 'An info statement.',
    docs: { what: '', why: '', invalid: [], valid: [] },
  },
  create: (context) => ({ InfoStmt: (node) => context.report({ span: node.span, message: 'no info' }) }),
};

const RULES = [singleQuotes, noInfo];
const JSON_KEYS = ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount'];

let root: string;
let dir: string;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function io(cwd = dir, stdin = ''): LintIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: () => stdin, colour: false };
}

function lintIn(args: LintArgs, options: { cwd?: string; stdin?: string } = {}): Outcome {
  const buffers = io(options.cwd ?? dir, options.stdin ?? '');
  const code = runLint(args, buffers, RULES);
  return { code, stdout: buffers.out.join(''), stderr: buffers.err.join('') };
}

function usageError(args: LintArgs, cwd = dir): UsageError {
  try {
    lintIn(args, { cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`no usage error for ${JSON.stringify(args)}`);
}

const json = (o: Outcome) => JSON.parse(o.stdout) as JsonFileResult[];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'deluge-lint-'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});
let n = 0;
beforeEach(() => {
  dir = join(root, `case${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'clean.dg'), 'x = "a";\n');
  writeFileSync(join(dir, 'warn.dg'), 'info "a";\ninfo "b";\n');
  writeFileSync(join(dir, 'error.dg'), "x = 'a';\ninfo x;\n");
  writeFileSync(join(dir, 'broken.dg'), 'x = ;\n');
});

describe('exit codes and output', () => {
  it('clean: 0 and nothing printed', () => {
    expect(lintIn({ files: ['clean.dg'] })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('warnings only: 0; errors: 1; syntax errors come through as errors', () => {
    expect(lintIn({ files: ['clean.dg', 'warn.dg'] }).code).toBe(0);
    const errors = lintIn({ files: ['error.dg'] });
    expect(errors.code).toBe(1);
    expect(errors.stdout).toContain("error.dg:1:5: error[DLG5996] single quotes\n1 | x = 'a';\n");
    expect(errors.stdout).toContain('Found 1 error and 1 warning in 1 file.\n[*] 1 fixable with the --fix option.\n');
    const broken = lintIn({ files: ['broken.dg'], format: 'json' });
    expect(broken.code).toBe(1);
    expect(json(broken)[0]!.messages[0]).toMatchObject({ ruleId: 'syntax', code: 'DLG2002', severity: 2, line: 1, column: 5 });
  });

  it('--format json: the ESLint shape plus code, one entry per file (clean ones too), one line on stdout', () => {
    const out = lintIn({ files: ['clean.dg', 'error.dg'], format: 'json' });
    expect(out.stdout.trimEnd().split('\n')).toHaveLength(1);
    const results = json(out);
    expect(results.map((r) => r.filePath)).toEqual(['clean.dg', 'error.dg']);
    for (const r of results) expect(Object.keys(r)).toEqual(JSON_KEYS);
    expect(results[1]).toMatchObject({ errorCount: 1, warningCount: 1, fixableErrorCount: 1, fixableWarningCount: 0 });
    expect(results[1]!.messages[0]).toEqual({
      ruleId: 'test-single-quotes',
      code: 'DLG5996',
      severity: 2,
      message: 'single quotes',
      line: 1,
      column: 5,
      endLine: 1,
      endColumn: 8,
      fix: { range: [4, 7], text: '"a"' },
    });
    // With a byte order mark, the range is what ESLint (and an editor) means: offsets into the text without it.
    writeFileSync(join(dir, 'bom.dg'), `\uFEFF${readFileSync(join(dir, 'error.dg'), 'utf8')}`);
    const withBom = json(lintIn({ files: ['bom.dg'], format: 'json' }))[0]!.messages[0]!;
    expect([withBom.line, withBom.column, withBom.fix]).toEqual([1, 5, { range: [4, 7], text: '"a"' }]);
  });

  it('--format sarif, github, junit', () => {
    const sarif = JSON.parse(lintIn({ files: ['error.dg', 'warn.dg'], format: 'sarif' }).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(4);
    expect(sarif.runs[0].tool.driver.rules.map((r: { name: string }) => r.name)).toEqual(['test-single-quotes', 'test-no-info', 'unused-suppression', 'suppression-without-reason']);
    expect(sarif.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(lintIn({ files: ['error.dg'], format: 'github' }).stdout).toBe(
      '::error file=error.dg,line=1,col=5,endLine=1,endColumn=8,title=test-single-quotes (DLG5996)::single quotes\n' +
        '::warning file=error.dg,line=2,col=1,endLine=2,endColumn=8,title=test-no-info (DLG5997)::no info\n',
    );
    expect(lintIn({ files: ['error.dg', 'clean.dg'], format: 'junit' }).stdout).toContain('<testsuites name="deluge-lint" tests="3" failures="2" errors="0">');
  });

  it('--format gitlab: a GitLab Code Quality report, one line; [] written for a clean run', () => {
    const out = lintIn({ files: ['error.dg', 'clean.dg'], format: 'gitlab' });
    expect(out.code).toBe(1);
    expect(out.stdout.trimEnd().split('\n')).toHaveLength(1);
    const issues = JSON.parse(out.stdout);
    expect(issues).toMatchObject([
      { type: 'issue', description: 'single quotes', check_name: 'test-single-quotes', severity: 'major', categories: ['Style'], location: { path: 'error.dg', positions: { begin: { line: 1, column: 5 }, end: { line: 1, column: 8 } } } },
      { type: 'issue', description: 'no info', check_name: 'test-no-info', severity: 'minor', categories: ['Bug Risk'], location: { path: 'error.dg', positions: { begin: { line: 2, column: 1 }, end: { line: 2, column: 8 } } } },
    ]);
    expect(issues[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(lintIn({ files: ['clean.dg'], format: 'gitlab', outputFile: 'gl-code-quality-report.json' })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')).toBe('[]\n');
  });

  it('--format checkstyle: a file element per file, clean ones too', () => {
    expect(lintIn({ files: ['error.dg', 'clean.dg'], format: 'checkstyle' })).toEqual({
      code: 1,
      stdout:
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<checkstyle version="4.3">\n' +
        '  <file name="error.dg">\n' +
        '    <error line="1" column="5" severity="error" message="single quotes" source="deluge.test-single-quotes"/>\n' +
        '    <error line="2" column="1" severity="warning" message="no info" source="deluge.test-no-info"/>\n' +
        '  </file>\n' +
        '  <file name="clean.dg"/>\n' +
        '</checkstyle>\n',
      stderr: '',
    });
  });

  it('sarif, github and gitlab paths are relative to the git repository\'s root, wherever lint runs in it', () => {
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'scripts', 'sub.dg'), "info 'x';\n");
    const sub = join(dir, 'scripts');
    const sarif = JSON.parse(lintIn({ files: ['sub.dg'], format: 'sarif' }, { cwd: sub }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('scripts/sub.dg');
    expect(lintIn({ files: ['sub.dg'], format: 'github' }, { cwd: sub }).stdout).toContain('::error file=scripts/sub.dg,line=1,');
    expect(JSON.parse(lintIn({ files: ['sub.dg'], format: 'gitlab' }, { cwd: sub }).stdout)[0].location.path).toBe('scripts/sub.dg');
    // The other formats keep the paths as given.
    expect(JSON.parse(lintIn({ files: ['sub.dg'], format: 'json' }, { cwd: sub }).stdout)[0].filePath).toBe('sub.dg');
    expect(lintIn({ files: ['sub.dg'], format: 'checkstyle' }, { cwd: sub }).stdout).toContain('<file name="sub.dg">');
  });

  it('--max-warnings: 1 when there are more warnings than allowed', () => {
    expect(lintIn({ files: ['warn.dg'], maxWarnings: 2 }).code).toBe(0);
    const over = lintIn({ files: ['warn.dg'], maxWarnings: 1 });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('deluge lint: too many warnings (2; --max-warnings 1).\n');
    expect(lintIn({ files: ['warn.dg'], maxWarnings: -1 }).code).toBe(0);
    expect(usageError({ files: ['warn.dg'], maxWarnings: 1.5 }).code).toBe('DLG0002');
    expect(usageError({ files: ['warn.dg'], maxWarnings: Number.NaN }).code).toBe('DLG0002');
    // As the command line gives it: text. Empty (`--max-warnings "$MAX"`, MAX unset) is no limit of 0.
    expect(lintIn({ files: ['warn.dg'], maxWarnings: '2' }).code).toBe(0);
    expect(usageError({ files: ['warn.dg'], maxWarnings: '' }).message).toContain('--max-warnings is empty (an unset variable?)');
    expect(usageError({ files: ['warn.dg'], maxWarnings: 'ten' }).message).toContain("--max-warnings 'ten' is not a number");
  });

  it('standard input, as <stdin>, read once', () => {
    const out = lintIn({ files: ['-', '-'], format: 'json' }, { stdin: "x = 'a';\n" });
    expect(json(out).map((r) => [r.filePath, r.errorCount])).toEqual([
      ['<stdin>', 1],
      ['<stdin>', 1],
    ]);
  });

  it('--stdin-filename names standard input (an editor\'s buffer), and alone reads it', () => {
    const named = lintIn({ files: ['-'], stdinFilename: 'src/buffer.dg', format: 'json' }, { stdin: "x = 'a';\n" });
    expect(json(named).map((r) => [r.filePath, r.errorCount])).toEqual([['src/buffer.dg', 1]]);
    const alone = lintIn({ stdinFilename: 'buffer.dg', format: 'github' }, { stdin: "x = 'a';\n" });
    expect(alone.stdout).toMatch(/^::error file=buffer\.dg,line=1,col=5,/);
  });

  it('--output-file: the report goes to the file (written whole), nothing to stdout', () => {
    const out = lintIn({ files: ['error.dg'], format: 'sarif', outputFile: 'reports/lint.sarif' });
    expect(out.stdout).toBe('');
    expect(out.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'reports/lint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(join(dir, 'reports'))).toEqual(['lint.sarif']);
    // A clean run still writes the file (empty for stylish), so CI can count on it.
    lintIn({ files: ['clean.dg'], outputFile: 'clean.txt' });
    expect(readFileSync(join(dir, 'clean.txt'), 'utf8')).toBe('');
    // The report never replaces a script it lints (named as given, or through another path to it).
    const before = readFileSync(join(dir, 'error.dg'), 'utf8');
    expect(usageError({ files: ['clean.dg', 'error.dg'], outputFile: './error.dg' })).toMatchObject({
      code: 'DLG0002',
      message: "--output-file './error.dg' is the input 'error.dg': its output would replace the script; write it to another file",
    });
    expect(readFileSync(join(dir, 'error.dg'), 'utf8')).toBe(before);
    // Standard input named as that file (an editor's buffer) is that file too.
    expect(usageError({ files: ['-'], stdinFilename: 'error.dg', outputFile: 'error.dg' })).toMatchObject({ code: 'DLG0002' });
  });

  it("--output-file '' (an unset CI variable) is a usage error naming the option, not a folder that cannot be written", () => {
    expect(usageError({ files: ['clean.dg'], outputFile: '' })).toMatchObject({ code: 'DLG0002', message: "--output-file '': name the file to write the report to" });
  });
});

describe('folders and glob patterns', () => {
  beforeEach(() => {
    mkdirSync(join(dir, 'scripts', 'crm'), { recursive: true });
    mkdirSync(join(dir, 'scripts', 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'scripts', 'crm', 'b.dg'), "x = 'b';\n");
    writeFileSync(join(dir, 'scripts', 'a.dg'), 'info "a";\n');
    writeFileSync(join(dir, 'scripts', 'notes.txt'), "x = 'not Deluge';\n");
    writeFileSync(join(dir, 'scripts', 'node_modules', 'pkg', 'c.dg'), "x = 'c';\n");
  });

  it('a folder: its .dg files at any depth, sorted; node_modules and other files left out', () => {
    const out = lintIn({ files: ['scripts'], format: 'json' });
    expect(json(out).map((r) => r.filePath)).toEqual(['scripts/a.dg', 'scripts/crm/b.dg']);
    expect(out.code).toBe(1);
  });

  it('a glob pattern as the shell leaves it when quoted (the README\'s CI step), files named twice linted once', () => {
    const out = lintIn({ files: ['scripts/**/*.dg', 'scripts/a.dg', 'clean.dg'], format: 'json' });
    expect(json(out).map((r) => r.filePath)).toEqual(['scripts/a.dg', 'scripts/crm/b.dg', 'clean.dg']);
  });

  it('a folder or pattern that names no file: usage error DLG0001 (a mistyped path in CI must not pass)', () => {
    mkdirSync(join(dir, 'empty'));
    expect(usageError({ files: ['empty'] })).toMatchObject({ code: 'DLG0001', message: "no .dg or .deluge files in 'empty'" });
    expect(usageError({ files: ['script/**/*.dg'] })).toMatchObject({ code: 'DLG0001', message: "no files match 'script/**/*.dg'" });
    expect(usageError({ files: ['missing.dg'] })).toMatchObject({ code: 'DLG0001', message: "cannot read 'missing.dg': no such file" });
  });

  it('"ignore" in deluge.config.json: files left out of folders and patterns (relative to the file), not when named', () => {
    writeFileSync(join(dir, 'scripts', 'skip-me.dg'), "x = 'skipped';\n");
    writeFileSync(join(dir, 'deluge.config.json'), JSON.stringify({ ignore: ['scripts/crm', '**/skip-*.dg'] }));
    const sub = join(dir, 'scripts');
    expect(json(lintIn({ files: ['.'], format: 'json' })).map((r) => r.filePath)).toEqual(['broken.dg', 'clean.dg', 'error.dg', 'scripts/a.dg', 'warn.dg']);
    expect(json(lintIn({ files: ['scripts'], format: 'json' })).map((r) => r.filePath)).toEqual(['scripts/a.dg']);
    expect(json(lintIn({ files: ['**/*.dg'], format: 'json' }, { cwd: sub })).map((r) => r.filePath)).toEqual(['a.dg']);
    expect(json(lintIn({ files: ['scripts', 'scripts/crm/b.dg'], format: 'json' })).map((r) => r.filePath)).toEqual(['scripts/a.dg', 'scripts/crm/b.dg']);
    expect(usageError({ files: ['scripts/crm'] })).toMatchObject({ code: 'DLG0001', message: `every file of 'scripts/crm' is ignored ("ignore" in ${join(dir, 'deluge.config.json')})` });
    writeFileSync(join(dir, 'deluge.config.json'), JSON.stringify({ ignore: 'scripts/crm' }));
    expect(usageError({ files: ['scripts'] })).toMatchObject({ code: 'DLG0004' });
  });

  it('--fix rewrites the files found in a folder', () => {
    expect(lintIn({ files: ['scripts'], fix: true }).code).toBe(0);
    expect(readFileSync(join(dir, 'scripts', 'crm', 'b.dg'), 'utf8')).toBe('x = "b";\n');
    expect(readFileSync(join(dir, 'scripts', 'node_modules', 'pkg', 'c.dg'), 'utf8')).toBe("x = 'c';\n");
  });
});

describe('--fix', () => {
  it('a file it cannot write is said, its problems reported as they stand, and the others still fixed; exit 2 (one read-only file stopped the run with no report)', () => {
    writeFileSync(join(dir, 'second.dg'), "y = 'b';\ninfo y;\n");
    chmodSync(join(dir, 'error.dg'), 0o444);
    const out = lintIn({ files: ['error.dg', 'second.dg'], fix: true, format: 'json' });
    expect(out.code).toBe(2);
    expect(readFileSync(join(dir, 'error.dg'), 'utf8')).toBe("x = 'a';\ninfo x;\n");
    expect(readFileSync(join(dir, 'second.dg'), 'utf8')).toBe('y = "b";\ninfo y;\n');
    expect(json(out).map((r) => [r.filePath.split('/').pop(), r.errorCount])).toEqual([['error.dg', 1], ['second.dg', 0]]);
    expect(out.stderr).toBe("Fixed 1 problem in 1 file.\ndeluge: error[DLG0003] cannot write 'error.dg': permission denied (EACCES)\n");
  });

  it('rewrites the files, then reports what remains', () => {
    const out = lintIn({ files: ['error.dg', 'clean.dg'], fix: true, format: 'json' });
    expect(readFileSync(join(dir, 'error.dg'), 'utf8')).toBe('x = "a";\ninfo x;\n');
    expect(readFileSync(join(dir, 'clean.dg'), 'utf8')).toBe('x = "a";\n');
    expect(json(out)[0]!.messages.map((m) => m.ruleId)).toEqual(['test-no-info']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('Fixed 1 problem in 1 file.\n');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('refuses standard input; reads every file before rewriting any', () => {
    expect(usageError({ files: ['-'], fix: true }).code).toBe('DLG0002');
    const missing = usageError({ files: ['error.dg', 'missing.dg'], fix: true });
    expect(missing.code).toBe('DLG0001');
    expect(missing.message).toBe("cannot read 'missing.dg': no such file");
    expect(readFileSync(join(dir, 'error.dg'), 'utf8')).toBe("x = 'a';\ninfo x;\n");
  });

  it('leaves a file with syntax errors as it is', () => {
    writeFileSync(join(dir, 'both.dg'), "x = 'a'\ny = ;\n");
    expect(lintIn({ files: ['both.dg'], fix: true }).code).toBe(1);
    expect(readFileSync(join(dir, 'both.dg'), 'utf8')).toBe("x = 'a'\ny = ;\n");
  });
});

describe('rule severities: deluge.config.json and --rule', () => {
  it('--rule id=off|warn|error, by id or code; the last one wins', () => {
    expect(json(lintIn({ files: ['error.dg'], format: 'json', rule: ['test-single-quotes=off'] }))[0]!.messages.map((m) => m.code)).toEqual(['DLG5997']);
    const warned = json(lintIn({ files: ['error.dg'], format: 'json', rule: ['DLG5996=off', 'test-single-quotes=warn'] }))[0]!;
    expect(warned.messages.map((m) => [m.code, m.severity])).toEqual([
      ['DLG5996', 1],
      ['DLG5997', 1],
    ]);
    expect(lintIn({ files: ['error.dg'], rule: ['test-single-quotes=warn'] }).code).toBe(0);
    expect(lintIn({ files: ['warn.dg'], rule: ['test-no-info=error'] }).code).toBe(1);
  });

  it('--rule with an unknown rule or a bad value: usage error DLG0002', () => {
    const unknown = usageError({ files: ['clean.dg'], rule: ['test-single-quote=off'] });
    expect(unknown.code).toBe('DLG0002');
    expect(unknown.message).toContain("unknown rule 'test-single-quote' (did you mean 'test-single-quotes'?)");
    expect(usageError({ files: ['clean.dg'], rule: ['test-no-info=warning'] }).message).toContain("'warning' is not a severity (use off, warn or error)");
    // Names every object has are no severity either (valueOf turned an error rule into one that failed nothing).
    for (const name of ['valueOf', 'constructor', 'toString', '__proto__']) {
      expect(usageError({ files: ['clean.dg'], rule: [`test-no-info=${name}`] }).message, name).toContain(`'${name}' is not a severity`);
    }
    expect(usageError({ files: ['clean.dg'], rule: ['test-no-info'] }).code).toBe('DLG0002');
  });

  it('deluge.config.json, found upwards; the flags go over it', () => {
    writeFileSync(join(dir, 'deluge.config.json'), JSON.stringify({ timeZone: 'UTC', lint: { rules: { 'test-single-quotes': 'warn', 'test-no-info': 'off' } } }));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'e.dg'), "x = 'a';\ninfo x;\n");
    const out = lintIn({ files: ['e.dg'], format: 'json' }, { cwd: join(dir, 'sub') });
    expect(json(out)[0]!.messages.map((m) => [m.code, m.severity])).toEqual([['DLG5996', 1]]);
    expect(out.code).toBe(0);
    expect(lintIn({ files: ['e.dg'], rule: ['test-single-quotes=error'] }, { cwd: join(dir, 'sub') }).code).toBe(1);
  });

  it('--config FILE', () => {
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ lint: { rules: { DLG5996: 'off' } } }));
    expect(lintIn({ files: ['error.dg'], config: 'other.json' }).code).toBe(0);
    expect(usageError({ files: ['error.dg'], config: 'none.json' }).code).toBe('DLG0001');
  });

  it('a wrong lint setting in the config file: DLG0004 at the setting in the file (file:line:col, code frame)', () => {
    const bad = (config: unknown) => {
      writeFileSync(join(dir, 'deluge.config.json'), JSON.stringify(config, null, 2));
      return usageError({ files: ['clean.dg'] });
    };
    const unknown = bad({ lint: { rules: { 'test-no-infos': 'off' } } });
    expect(unknown.code).toBe('DLG0004');
    expect(unknown.message).toBe(`"lint.rules": unknown rule 'test-no-infos' (did you mean 'test-no-info'?); 'deluge lint --list-rules' lists them`);
    expect(unknown.location?.file.path).toBe(join(dir, 'deluge.config.json'));
    expect(unknown.location?.file.position(unknown.location.span.start)).toEqual({ line: 4, column: 7 });
    const severity = bad({ lint: { rules: { 'test-no-info': 'warning' } } });
    expect(severity.location?.file.text.slice(severity.location.span.start, severity.location.span.end)).toBe('"warning"');
    expect(bad({ lint: { rules: { 'test-no-info': 'warning' } } }).message).toContain('"lint.rules"."test-no-info": "warning" is not a severity (use "off", "warn" or "error")');
    expect(bad({ lint: { rules: { 'test-no-info': 'valueOf' } } }).message).toContain('"valueOf" is not a severity');
    expect(bad({ lint: { rules: { 'test-no-info': 1 } } }).code).toBe('DLG0004');
    expect(bad({ lint: [] }).code).toBe('DLG0004');
    expect(bad({ lint: { rules: [] } }).code).toBe('DLG0004');
    expect(bad({ lint: { rule: {} } }).message).toContain('"lint": unknown setting "rule"');
  });
});

describe('bulk suppressions: deluge-suppressions.json', () => {
  const suppressions = (file = 'deluge-suppressions.json') => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Record<string, { count: number }>>;
  const twoErrors = "x = 'a';\ny = 'b';\ninfo x + y;\n";

  it('--suppress-all records each file\'s errors by rule (not warnings, not syntax errors); lint then reports only new ones', () => {
    writeFileSync(join(dir, 'two.dg'), twoErrors);
    const recorded = lintIn({ files: ['two.dg', 'error.dg', 'warn.dg', 'broken.dg'], suppressAll: true });
    expect(recorded.stderr).toContain('Suppressions recorded in deluge-suppressions.json: 3 errors in 2 files.');
    expect(suppressions()).toEqual({ 'error.dg': { 'test-single-quotes': { count: 1 } }, 'two.dg': { 'test-single-quotes': { count: 2 } } });
    // The run that records still reports the syntax error: it is never held back.
    expect(recorded.code).toBe(1);
    expect(lintIn({ files: ['two.dg', 'error.dg'] })).toMatchObject({ code: 0, stderr: '' });
    // One more error of the rule in a file: all of them are reported (which one is new cannot be told).
    writeFileSync(join(dir, 'two.dg'), `${twoErrors}z = 'c';\ninfo z;\n`);
    const grown = json(lintIn({ files: ['two.dg', 'error.dg'], format: 'json' }));
    expect(grown.map((r) => [r.filePath, r.errorCount])).toEqual([['two.dg', 3], ['error.dg', 0]]);
    // Edits that move the errors about do not bring them back: counts, not positions.
    writeFileSync(join(dir, 'two.dg'), `// a comment\n\n${twoErrors}`);
    expect(lintIn({ files: ['two.dg'] }).code).toBe(0);
  });

  it('the JSON report lists what was held back in suppressedMessages, with what held it (ESLint\'s shape)', () => {
    writeFileSync(join(dir, 'mixed.dg'), "// deluge-disable-next-line test-single-quotes -- a fixture\nx = 'a';\ny = 'b';\ninfo x + y;\n");
    lintIn({ files: ['mixed.dg'], suppressAll: true });
    const [result] = json(lintIn({ files: ['mixed.dg'], format: 'json' })) as (JsonFileResult & { suppressedMessages: object[] })[];
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['test-no-info']);
    expect(result!.suppressedMessages).toEqual([
      expect.objectContaining({ ruleId: 'test-single-quotes', line: 2, suppressions: [{ kind: 'directive', justification: 'a fixture' }] }),
      expect.objectContaining({ ruleId: 'test-single-quotes', line: 3, suppressions: [{ kind: 'file', justification: '' }] }),
    ]);
  });

  it('a held-back problem\'s unsafe fix is a suggestion in suppressedMessages too, never its fix', () => {
    const text = 'x = 1;\n// deluge-disable-next-line self-assignment -- kept on purpose\nx = x;\ninfo x;\n';
    const linted = lint('held.dg', text, { only: [SELF_ASSIGNMENT] });
    const held = linted.suppressed!.map((s) => ({ diagnostic: s.diagnostic, kind: 'directive' as const, justification: s.reason ?? '' }));
    expect(held.map((h) => h.diagnostic.fix)).toEqual([expect.objectContaining({ text: expect.any(String) })]);
    const result = toLintJsonResult({ file: linted.file, diagnostics: linted.diagnostics }, () => false, held);
    expect(result.suppressedMessages).toEqual([
      expect.objectContaining({
        ruleId: 'self-assignment',
        suggestions: [{ desc: expect.any(String), fix: { range: [70, 77], text: '' } }],
        suppressions: [{ kind: 'directive', justification: 'kept on purpose' }],
      }),
    ]);
    expect(result.suppressedMessages[0]).not.toHaveProperty('fix');
  });

  it('--suppress-rule records the rules named; other rules\' entries stay', () => {
    const noInfoAsError = { 'test-no-info': 'error' } as const;
    writeFileSync(join(dir, 'deluge.config.json'), JSON.stringify({ lint: { rules: noInfoAsError } }));
    lintIn({ files: ['error.dg', 'warn.dg'], suppressRule: ['test-no-info'] });
    expect(suppressions()).toEqual({ 'error.dg': { 'test-no-info': { count: 1 } }, 'warn.dg': { 'test-no-info': { count: 2 } } });
    const out = lintIn({ files: ['error.dg', 'warn.dg'] });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('single quotes');
    expect(out.stdout).not.toContain('no info');
    lintIn({ files: ['error.dg'], suppressRule: ['test-single-quotes'] });
    expect(suppressions()['error.dg']).toEqual({ 'test-no-info': { count: 1 }, 'test-single-quotes': { count: 1 } });
  });

  it('a file with syntax errors, or a rule not run as an error, leaves its counts alone: not stale, not pruned, not rewritten', () => {
    writeFileSync(join(dir, 'two.dg'), twoErrors);
    lintIn({ files: ['two.dg'], suppressAll: true });
    const recorded = { 'two.dg': { 'test-single-quotes': { count: 2 } } };
    expect(suppressions()).toEqual(recorded);
    // Broken: no rule ran, so its errors are not "fixed" (prune and suppress-all emptied the file, and they came back).
    writeFileSync(join(dir, 'two.dg'), `${twoErrors}if (\n`);
    const broken = lintIn({ files: ['two.dg'] });
    expect(broken.code).toBe(1);
    expect(broken.stderr).not.toContain('records more errors than are left');
    lintIn({ files: ['two.dg'], pruneSuppressions: true });
    expect(suppressions()).toEqual(recorded);
    lintIn({ files: ['two.dg'], suppressAll: true });
    expect(suppressions()).toEqual(recorded);
    // The rule turned off, or down to a warning, for one run: its errors were not counted.
    writeFileSync(join(dir, 'two.dg'), twoErrors);
    for (const severity of ['off', 'warn']) {
      const run = lintIn({ files: ['two.dg'], rule: [`test-single-quotes=${severity}`] });
      expect(run.stderr, severity).not.toContain('records more errors than are left');
      expect(run.code, severity).toBe(0);
    }
    lintIn({ files: ['two.dg'], rule: ['test-single-quotes=off'], pruneSuppressions: true });
    expect(suppressions()).toEqual(recorded);
  });

  it('--fix leaves the errors the file holds back as they are (their fix a suggestion, as the report says); it fixes the rest', () => {
    writeFileSync(join(dir, 'two.dg'), twoErrors);
    lintIn({ files: ['two.dg'], suppressAll: true });
    const [held] = json(lintIn({ files: ['two.dg'], format: 'json' })) as (JsonFileResult & { fixableErrorCount: number })[];
    expect(held!.fixableErrorCount).toBe(0);
    // Fixed, they made the file's count stale: the run that fixed them exited 2.
    const fixed = lintIn({ files: ['two.dg'], fix: true });
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(dir, 'two.dg'), 'utf8')).toBe(twoErrors);
    // One more of the rule than recorded: none is held back, and --fix fixes them all.
    writeFileSync(join(dir, 'two.dg'), `${twoErrors}z = 'c';\ninfo z;\n`);
    lintIn({ files: ['two.dg'], fix: true, passOnUnprunedSuppressions: true });
    expect(readFileSync(join(dir, 'two.dg'), 'utf8')).not.toContain("'");
  });

  it('counts above the errors left: exit 2 (DLG0004) until --prune-suppressions lowers them; --pass-on-unpruned-suppressions goes on', () => {
    writeFileSync(join(dir, 'two.dg'), twoErrors);
    lintIn({ files: ['two.dg', 'error.dg'], suppressAll: true });
    writeFileSync(join(dir, 'two.dg'), 'x = "a";\ny = \'b\';\ninfo x + y;\n');
    writeFileSync(join(dir, 'error.dg'), 'x = "a";\ninfo x;\n');
    const stale = lintIn({ files: ['two.dg', 'error.dg'] });
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain('error[DLG0004] deluge-suppressions.json records more errors than are left (two.dg: 1 test-single-quotes error, 2 recorded; 2 counts in all)');
    expect(stale.stderr).toContain('--prune-suppressions');
    const passing = lintIn({ files: ['two.dg', 'error.dg'], passOnUnprunedSuppressions: true });
    expect(passing.code).toBe(0);
    expect(passing.stderr).toContain('note: deluge-suppressions.json records more errors than are left');
    const pruned = lintIn({ files: ['two.dg', 'error.dg'], pruneSuppressions: true });
    expect(pruned).toMatchObject({ code: 0 });
    expect(pruned.stderr).toContain('2 counts lowered (2 fixed errors no longer held back)');
    expect(suppressions()).toEqual({ 'two.dg': { 'test-single-quotes': { count: 1 } } });
    expect(lintIn({ files: ['two.dg', 'error.dg'] })).toMatchObject({ code: 0, stderr: '' });
    // A fixed error brought back is reported again.
    writeFileSync(join(dir, 'error.dg'), "x = 'a';\ninfo x;\n");
    expect(lintIn({ files: ['two.dg', 'error.dg'] }).code).toBe(1);
  });

  it('--suppressions-location: paths are relative to the file\'s folder, so it serves every folder below', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'two.dg'), twoErrors);
    lintIn({ files: ['sub/two.dg'], suppressAll: true, suppressionsLocation: 'ci/suppressions.json' }, {});
    expect(suppressions('ci/suppressions.json')).toEqual({ '../sub/two.dg': { 'test-single-quotes': { count: 2 } } });
    expect(lintIn({ files: ['two.dg'], suppressionsLocation: '../ci/suppressions.json' }, { cwd: join(dir, 'sub') }).code).toBe(0);
    // Without the flag the default file (absent here) holds nothing back.
    expect(lintIn({ files: ['two.dg'] }, { cwd: join(dir, 'sub') }).code).toBe(1);
  });

  it('the default file sits beside deluge.config.json (found upwards), so lint from a folder below uses it', () => {
    writeFileSync(join(dir, 'deluge.config.json'), '{}');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'two.dg'), twoErrors);
    const recorded = lintIn({ files: ['two.dg'], suppressAll: true }, { cwd: join(dir, 'sub') });
    expect(recorded.stderr).toContain('Suppressions recorded in ../deluge-suppressions.json: 2 errors in 1 file.');
    expect(suppressions()).toEqual({ 'sub/two.dg': { 'test-single-quotes': { count: 2 } } });
    expect(lintIn({ files: ['sub/two.dg'] }).code).toBe(0);
    expect(lintIn({ files: ['two.dg'] }, { cwd: join(dir, 'sub') }).code).toBe(0);
  });

  it('standard input counts only when named (--stdin-filename)', () => {
    lintIn({ files: ['-'], stdinFilename: 'piped.dg', suppressAll: true }, { stdin: twoErrors });
    expect(suppressions()).toEqual({ 'piped.dg': { 'test-single-quotes': { count: 2 } } });
    expect(lintIn({ files: ['-'], stdinFilename: 'piped.dg' }, { stdin: twoErrors }).code).toBe(0);
    lintIn({ files: ['-'], suppressAll: true }, { stdin: twoErrors });
    expect(Object.keys(suppressions())).toEqual(['piped.dg']);
  });

  it('usage errors: contradicting flags, an unknown rule (with a suggestion), a missing --suppressions-location file', () => {
    expect(usageError({ files: ['error.dg'], suppressAll: true, suppressRule: ['test-no-info'] }).message).toContain('cannot be used together');
    expect(usageError({ files: ['error.dg'], pruneSuppressions: true, suppressAll: true }).message).toContain('--prune-suppressions cannot be used with');
    expect(usageError({ files: ['error.dg'], suppressRule: ['test-single-quote'] }).message).toBe(
      "--suppress-rule 'test-single-quote': no such rule (did you mean 'test-single-quotes'?); --list-rules lists them",
    );
    expect(usageError({ files: ['error.dg'], suppressionsLocation: 'nowhere.json' })).toMatchObject({ code: 'DLG0001' });
    expect(usageError({ files: ['error.dg'], suppressAll: true, suppressionsLocation: 'error.dg' }).message).toContain('is the input');
    expect(usageError({ files: ['error.dg'], suppressionsLocation: '' }).code).toBe('DLG0002');
  });

  it('a suppressions file that is not valid: DLG0004 at the entry, with a code frame', () => {
    writeFileSync(join(dir, 'deluge-suppressions.json'), '{\n  "error.dg": { "test-single-quotes": { "count": 0 } }\n}\n');
    const error = usageError({ files: ['error.dg'] });
    expect(error.code).toBe('DLG0004');
    expect(error.message).toContain('must be {"count": N}');
    expect(error.location?.file.position(error.location.span.start)).toMatchObject({ line: 2 });
    writeFileSync(join(dir, 'deluge-suppressions.json'), '{ "error.dg": ');
    expect(usageError({ files: ['error.dg'] })).toMatchObject({ code: 'DLG0004' });
  });
});

describe('--list-rules', () => {
  it('a table: id, code, category, default severity, fixable, summary; no files needed', () => {
    const out = lintIn({ listRules: true });
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +code +category +severity +fixable +summary$/);
    expect(lines.slice(1).map((l) => l.split(/ {2,}/))).toEqual([
      ['test-single-quotes', 'DLG5996', 'style', 'error', 'safe', 'Text in single quotes.'],
      ['test-no-info', 'DLG5997', 'suspicious', 'warning', '-', 'An info statement.'],
      ['unused-suppression', 'DLG5000', 'suspicious', 'warning', '-', 'A `deluge-disable` comment that suppresses nothing.'],
      ['suppression-without-reason', 'DLG5410', 'style', 'off', '-', 'A `deluge-disable` comment that gives no reason after ` -- `.'],
    ]);
  });

  it('as JSON', () => {
    const rules = JSON.parse(lintIn({ listRules: true, format: 'json' }).stdout);
    expect(rules[0]).toEqual({
      id: 'test-single-quotes',
      code: 'DLG5996',
      category: 'style',
      severity: 'error',
      fixable: 'safe',
      summary: 'Text in single quotes.',
      docs: 'docs/rules/test-single-quotes.md',
    });
  });

  it('without files and without --list-rules: usage error', () => {
    expect(usageError({ files: [] }).code).toBe('DLG0002');
    expect(usageError({}).code).toBe('DLG0002');
  });
});

describe('the yargs command', () => {
  async function parse(argv: string[]): Promise<{ code: number | undefined; stdout: string; error?: UsageError }> {
    const buffers = io();
    const saved = process.exitCode;
    process.exitCode = undefined;
    try {
      await yargs(argv)
        .parserConfiguration({ 'greedy-arrays': false }) // as src/cli/main.ts: each --rule takes one value
        .command(makeLintCommand(() => buffers, RULES))
        .strict()
        .exitProcess(false)
        .fail((message, error) => {
          throw error instanceof UsageError ? error : new UsageError('DLG0002', message ?? error?.message ?? 'usage error');
        })
        .parseAsync();
      return { code: process.exitCode as number | undefined, stdout: buffers.out.join('') };
    } catch (error) {
      return { code: 2, stdout: buffers.out.join(''), error: error as UsageError };
    } finally {
      process.exitCode = saved;
    }
  }

  it('--max-warnings "" (an unset variable) is refused, not read as 0', async () => {
    const out = await parse(['lint', 'warn.dg', '--max-warnings', '']);
    expect(out.error?.message).toContain('--max-warnings is empty');
  });

  it('reads repeated --rule flags without swallowing the files, and the short options', async () => {
    const out = await parse(['lint', '--rule', 'test-single-quotes=off', '--rule', 'test-no-info=error', 'error.dg', 'warn.dg', '-f', 'json', '--max-warnings', '0']);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).map((r: JsonFileResult) => [r.filePath, r.errorCount, r.warningCount])).toEqual([
      ['error.dg', 1, 0],
      ['warn.dg', 2, 0],
    ]);
    const file = await parse(['lint', 'error.dg', '-o', 'out.json', '--format', 'json']);
    expect(file.code).toBe(1);
    expect(existsSync(join(dir, 'out.json'))).toBe(true);
  });

  it('reads the bulk-suppression flags: repeated --suppress-rule does not swallow the files', async () => {
    const out = await parse(['lint', '--suppress-rule', 'test-single-quotes', 'error.dg', '--suppress-rule', 'test-no-info', 'warn.dg', '--suppressions-location', 'bulk.json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'bulk.json'), 'utf8'))).toEqual({ 'error.dg': { 'test-single-quotes': { count: 1 } } });
    expect((await parse(['lint', 'error.dg', '--suppressions-location', 'bulk.json', '--prune-suppressions'])).code).toBe(0);
    expect((await parse(['lint', 'error.dg', '--suppress-all', '--pass-on-unpruned-suppressions'])).code).toBe(0);
  });

  it('rejects an unknown format or flag', async () => {
    expect((await parse(['lint', 'error.dg', '--format', 'xml'])).error?.code).toBe('DLG0002');
    expect((await parse(['lint', 'error.dg', '--fixx'])).error?.code).toBe('DLG0002');
  });

  it('--list-rules and --fix', async () => {
    expect((await parse(['lint', '--list-rules'])).stdout).toContain('test-no-info');
    expect((await parse(['lint', '--fix', 'error.dg'])).code).toBe(0);
    expect(readFileSync(join(dir, 'error.dg'), 'utf8')).toBe('x = "a";\ninfo x;\n');
  });
});

describe('the registry rules over examples/', () => {
  it('run without crashing in every format', () => {
    const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
    const files = readdirSync(examples).filter((f) => f.endsWith('.dg')).sort();
    for (const format of LINT_FORMATS) {
      const buffers = io(examples);
      const code = runLint({ files, format }, buffers);
      expect([0, 1]).toContain(code);
    }
  });
});
