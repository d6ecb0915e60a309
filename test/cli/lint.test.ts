/**
 * `deluge lint` through the real binary: exit codes, every output format, `--fix`, `--max-warnings`, rule
 * settings (flags over `deluge.config.json`), standard input, suppressions, usage errors, `--list-rules`.
 * Each spawn costs ~0.3 s, so one run checks several things. In-process tests: test/linter.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { runDeluge } from '../helpers/cli.js';
import { parseXml } from '../helpers/xml.js';

const RULE_DOCS = fileURLToPath(new URL('../../docs/rules/', import.meta.url));

/** DLG5402 (error, unsafe fix) at 3:40–3:44 and DLG5207 (warning) at 7:6–7:22. */
const BAD = 'resp = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Lead?ids=1,2"\n\ttype: DELETE\n\tconnection: "crm"\n];\ninfo resp.get("data");\n';
const GOOD = 'total = 0;\nfor each n in {1, 2}\n{\n\ttotal = total + n;\n}\ninfo total;\n';
/** With prefer-double-quotes on: DLG5409 (safe fix) at 1:8; DLG5002 at 3:11 (columns count code points: 😀 is one). */
const QUOTES = "name = 'Ann';\ninfo name;\ninfo \"😀\"; x = 1;\n";
/** Two DLG5002 warnings, at 1:1 and 2:1. */
const UNUSED = 'a = 1;\nb = 2;\n';
/** DLG5404 twice, its messages quoting parameter names with `%`; DLG5207 at 7:6. */
const PERCENT = 'resp = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=1&wf%5Ftrig=true&a%25b=1"\n\ttype: DELETE\n\tconnection: "crm"\n];\ninfo resp.get("data");\n';
/** DLG5212 over two lines (5:12–6:3), its message quoting a header name with CR LF in it. */
const HEADER_NEWLINE = 'resp = invokeurl\n[\n\turl: "https://example.com/x"\n\ttype: GET\n\theaders: {"X\r\nY": "1"}\n];\nif (resp.get("status") == "ok") { info resp; }\n';
/** A syntax error (DLG2002 at 6:5) and the parser's DLG2007 at 2:7, whose fix `--fix` cannot apply to a file that does not parse. */
const BROKEN = 'a = 1;\nif (a = 1)\n{\n\tinfo "x";\n}\nb = ;\n';
// `:` cannot be in a Windows file name; elsewhere the name needs all three escapes of a property value.
const ODD_NAME = process.platform === 'win32' ? 'odd, 100%.dg' : 'odd, 100%: name.dg';
const ODD_NAME_ESCAPED = ODD_NAME.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');

let dir: string;
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-lint-'));
  const files: Record<string, string> = {
    'bad.dg': BAD,
    'good.dg': GOOD,
    'quotes.dg': QUOTES,
    'scripts/unused.dg': UNUSED,
    [ODD_NAME]: PERCENT,
    'header-newline.dg': HEADER_NEWLINE,
    'fix-only.dg': "greeting = 'Hello';\ninfo greeting;\n",
    'fix-rest.dg': QUOTES,
    'fix-bad.dg': BAD,
    'fix-broken.dg': BROKEN,
    'configured/bad.dg': BAD,
    'configured/unused.dg': UNUSED,
    'configured/deluge.config.json': JSON.stringify({ lint: { rules: { 'unused-variable': 'off', 'response-unchecked': 'error', 'delete-unsupported-module': 'warn' } } }),
  };
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'configured'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // An old mtime, so that a rewrite of an unchanged file would show even on a coarse clock.
  const past = new Date('2020-01-01T00:00:00Z');
  for (const name of ['good.dg', 'fix-bad.dg']) utimesSync(join(dir, name), past, past);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonMessage {
  ruleId: string;
  code: string;
  severity: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
}
/** code@line:column:severity, per file: what a JSON report says, compactly. */
const summary = (results: JsonResult[]) => Object.fromEntries(results.map((r) => [r.filePath, r.messages.map((m) => `${m.code}@${m.line}:${m.column}:${m.severity}`)]));

describe('deluge lint: exit codes and formats', () => {
  it('reports a Delete Records mistake with its code and a code frame; exit 1; a clean file exits 0', async () => {
    const bad = await runDeluge(dir, ['lint', 'bad.dg']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('bad.dg:3:40: error[DLG5402]');
    expect(bad.stdout).toMatch(/^3 \| \s*url: "https:\/\/www\.zohoapis\.com\/crm\/v7\/Lead\?ids=1,2"$/m);
    const good = await runDeluge(dir, ['lint', 'good.dg']);
    expect(good).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('--format json: the ESLint shape plus code, one entry per file; `fix` only for what --fix applies', async () => {
    const r = await runDeluge(dir, ['lint', 'bad.dg', 'quotes.dg', 'good.dg', '--format', 'json', '--rule', 'prefer-double-quotes=warn']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith(']\n') && r.stdout.trimEnd().split('\n').length === 1).toBe(true);
    const [bad, quotes, good] = JSON.parse(r.stdout);
    for (const result of [bad, quotes, good]) {
      expect(Object.keys(result)).toEqual(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']);
    }
    const lead = expect.stringMatching(/^`Lead` is not a module's API name.*: write `Leads`\.$/);
    // delete-unsupported-module's fix is marked unsafe: an ESLint suggestion, not a `fix` (--fix does not apply it).
    expect(bad).toEqual({
      filePath: 'bad.dg',
      messages: [
        { ruleId: 'delete-unsupported-module', code: 'DLG5402', severity: 2, message: lead, line: 3, column: 40, endLine: 3, endColumn: 44, suggestions: [{ desc: lead, fix: { range: [58, 62], text: 'Leads' } }] },
        { ruleId: 'response-unchecked', code: 'DLG5207', severity: 1, message: expect.stringContaining("'resp'"), line: 7, column: 6, endLine: 7, endColumn: 22 },
      ],
      suppressedMessages: [],
      errorCount: 1,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    });
    expect(BAD.slice(58, 62)).toBe('Lead');
    expect(quotes).toEqual({
      filePath: 'quotes.dg',
      messages: [
        { ruleId: 'prefer-double-quotes', code: 'DLG5409', severity: 1, message: expect.stringContaining('double quotes'), line: 1, column: 8, endLine: 1, endColumn: 13, fix: { range: [7, 12], text: '"Ann"' } },
        { ruleId: 'unused-variable', code: 'DLG5002', severity: 1, message: "'x' is assigned but never read: use it, or remove it", line: 3, column: 11, endLine: 3, endColumn: 12 },
      ],
      suppressedMessages: [],
      errorCount: 0,
      warningCount: 2,
      fixableErrorCount: 0,
      fixableWarningCount: 1,
    });
    expect(good).toEqual({ filePath: 'good.dg', messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 });
  });

  it('--format github: workflow commands, errors first, with `%`, CR, LF escaped in messages and `:` `,` in properties', async () => {
    const r = await runDeluge(dir, ['lint', ODD_NAME, 'header-newline.dg', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    // A multi-line span has no columns (GitHub ignores them there).
    expect(lines.map((line) => line.slice(0, line.indexOf('::', 2)))).toEqual([
      '::error file=header-newline.dg,line=5,endLine=6,title=invokeurl-invalid-value (DLG5212)',
      `::warning file=${ODD_NAME_ESCAPED},line=3,col=52,endLine=3,endColumn=61,title=delete-unknown-parameter (DLG5404)`,
      `::warning file=${ODD_NAME_ESCAPED},line=3,col=67,endLine=3,endColumn=72,title=delete-unknown-parameter (DLG5404)`,
      `::warning file=${ODD_NAME_ESCAPED},line=7,col=6,endLine=7,endColumn=22,title=response-unchecked (DLG5207)`,
    ]);
    expect(lines[0]).toContain("::'X%0D%0AY' is not a valid header name");
    expect(lines[1]).toContain('parameter `wf%255Ftrig`');
    expect(lines[2]).toContain('parameter `a%2525b`');
    // `:` and `,` stay as they are in a message.
    expect(lines[3]).toMatch(/::'resp' \(the answer of invokeurl on line 1\) is read without any check for an error; .*"code" first\.$/);
    expect(r.stdout).not.toContain('\r');
  });

  it('--format junit: well-formed XML, a testsuite per file, a testcase with a failure per problem', async () => {
    const r = await runDeluge(dir, ['lint', 'bad.dg', 'quotes.dg', 'good.dg', '--format', 'junit', '--rule', 'prefer-double-quotes=warn']);
    expect(r.code).toBe(1);
    const root = parseXml(r.stdout);
    expect(root).toMatchObject({ name: 'testsuites', attributes: { tests: '5', failures: '4', errors: '0' } });
    expect(root.children.map((suite) => [suite.name, suite.attributes['name'], suite.attributes['tests'], suite.attributes['failures']])).toEqual([
      ['testsuite', 'bad.dg', '2', '2'],
      ['testsuite', 'quotes.dg', '2', '2'],
      ['testsuite', 'good.dg', '1', '0'],
    ]);
    const cases = root.children.flatMap((suite) => suite.children);
    const at = (c: (typeof cases)[number]) => (c.attributes['line'] ? `${c.attributes['line']}:${c.attributes['column']}` : '');
    expect(cases.map((c) => [c.name, c.attributes['name'], c.attributes['file'], at(c), c.children.map((f) => `${f.name}:${f.attributes['type']}`).join()])).toEqual([
      ['testcase', 'delete-unsupported-module (DLG5402)', 'bad.dg', '3:40', 'failure:error'],
      ['testcase', 'response-unchecked (DLG5207)', 'bad.dg', '7:6', 'failure:warning'],
      ['testcase', 'prefer-double-quotes (DLG5409)', 'quotes.dg', '1:8', 'failure:warning'],
      ['testcase', 'unused-variable (DLG5002)', 'quotes.dg', '3:11', 'failure:warning'],
      ['testcase', 'no problems', 'good.dg', '', ''],
    ]);
    // Quotes in a message survive the attribute's escaping.
    expect(cases[0]!.children[0]!.attributes['message']).toMatch(/^`Lead` is not a module's API name, so Zoho answers INVALID_MODULE "The module name/);
    expect(cases[1]!.children[0]!.text).toMatch(/^line 7, col 6, Warning - 'resp' .* \(DLG5207 response-unchecked\)$/);
  });

  it('--format sarif of two files: what GitHub code scanning requires, results from both, relative URIs', async () => {
    const r = await runDeluge(dir, ['lint', 'bad.dg', 'scripts/unused.dg', 'good.dg', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    expect(run.tool.driver).toMatchObject({ name: 'deluge-lint', version: packageJson.version });
    const rules = run.tool.driver.rules;
    expect(rules.length).toBeGreaterThanOrEqual(30);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^DLG\d{4}$/);
      for (const key of ['shortDescription', 'fullDescription', 'help']) expect(rule[key].text, `${rule.name} ${key}`).toMatch(/\S/);
      // No link: the package is published nowhere a link could point to (the help is inline; docs/rules ships with it).
      expect(rule.helpUri).toBeUndefined();
      expect(existsSync(join(RULE_DOCS, `${rule.name}.md`)), `docs page of ${rule.name}`).toBe(true);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    expect(rules.find((rule: { id: string }) => rule.id === 'DLG5402')).toMatchObject({ name: 'delete-unsupported-module', defaultConfiguration: { enabled: true, level: 'error' } });
    expect(rules.find((rule: { id: string }) => rule.id === 'DLG5409')).toMatchObject({ name: 'prefer-double-quotes', defaultConfiguration: { enabled: false } });

    type Result = { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[]; partialFingerprints: Record<string, string> };
    const results: Result[] = run.results;
    expect(results.map((x) => {
      const { artifactLocation, region } = x.locations[0]!.physicalLocation;
      return [artifactLocation.uri, x.ruleId, x.level, region['startLine'], region['startColumn'], region['endLine'], region['endColumn']];
    })).toEqual([
      ['bad.dg', 'DLG5402', 'error', 3, 40, 3, 44],
      ['bad.dg', 'DLG5207', 'warning', 7, 6, 7, 22],
      ['scripts/unused.dg', 'DLG5002', 'warning', 1, 1, 1, 2],
      ['scripts/unused.dg', 'DLG5002', 'warning', 2, 1, 2, 2],
    ]);
    for (const x of results) {
      expect(x.locations).toHaveLength(1);
      expect(rules[x.ruleIndex].id).toBe(x.ruleId);
      expect(x.message.text).toMatch(/\S/);
      expect(x.partialFingerprints['primaryLocationLineHash']).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
    expect(new Set(results.map((x) => x.partialFingerprints['primaryLocationLineHash'])).size).toBe(results.length);
  });
});

describe('deluge lint: fixing, settings, input', () => {
  it('--fix rewrites a file whose problems are all safely fixable, leaves a clean file alone, exits 0', async () => {
    const goodBefore = statSync(join(dir, 'good.dg')).mtimeMs;
    const r = await runDeluge(dir, ['lint', '--fix', '--rule', 'prefer-double-quotes=error', 'fix-only.dg', 'good.dg']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'Fixed 1 problem in 1 file.\n' });
    expect(read('fix-only.dg')).toBe('greeting = "Hello";\ninfo greeting;\n');
    expect(read('good.dg')).toBe(GOOD);
    expect(statSync(join(dir, 'good.dg')).mtimeMs).toBe(goodBefore);
  });

  it('--fix reports what remains after fixing (exit 1 for a remaining error) and never applies an unsafe fix', async () => {
    const badBefore = statSync(join(dir, 'fix-bad.dg')).mtimeMs;
    const r = await runDeluge(dir, ['lint', '--fix', '--rule', 'prefer-double-quotes=warn', '--format', 'json', 'fix-rest.dg', 'fix-bad.dg']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Fixed 1 problem in 1 file.\n');
    expect(read('fix-rest.dg')).toBe('name = "Ann";\ninfo name;\ninfo "😀"; x = 1;\n');
    expect(summary(JSON.parse(r.stdout))).toEqual({
      'fix-rest.dg': ['DLG5002@3:11:1'],
      'fix-bad.dg': ['DLG5402@3:40:2', 'DLG5207@7:6:1'],
    });
    expect(read('fix-bad.dg')).toBe(BAD);
    expect(statSync(join(dir, 'fix-bad.dg')).mtimeMs).toBe(badBefore);
  });

  it('a file with syntax errors: --fix leaves it alone, so its fixes are offered, not counted as fixable', async () => {
    const json = await runDeluge(dir, ['lint', '--format', 'json', 'fix-broken.dg']);
    const [result] = JSON.parse(json.stdout) as { messages: { code: string; fix?: unknown; suggestions?: unknown[] }[]; fixableErrorCount: number; fixableWarningCount: number }[];
    expect(result!.messages.map((m) => m.code)).toEqual(['DLG2007', 'DLG2002']);
    expect(result!.messages[0]!.fix).toBeUndefined();
    expect(result!.messages[0]!.suggestions).toEqual([{ desc: expect.any(String), fix: { range: [13, 14], text: '==' } }]);
    expect([result!.fixableErrorCount, result!.fixableWarningCount]).toEqual([0, 0]);
    const fixed = await runDeluge(dir, ['lint', '--fix', 'fix-broken.dg']);
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain('fix-broken.dg:2:7: warning[DLG2007]');
    expect(fixed.stdout).not.toContain('fixable');
    expect(fixed.stderr).toBe('');
    expect(read('fix-broken.dg')).toBe(BROKEN);
  });

  it('--max-warnings N: exit 0 with N warnings, 1 with more than N', async () => {
    const atLimit = await runDeluge(dir, ['lint', 'scripts/unused.dg', '--max-warnings', '2']);
    expect(atLimit).toMatchObject({ code: 0, stderr: '' });
    expect(atLimit.stdout).toContain('scripts/unused.dg:2:1: warning[DLG5002]');
    expect(atLimit.stdout).toContain('Found 0 errors and 2 warnings in 1 file.\n');
    const over = await runDeluge(dir, ['lint', 'scripts/unused.dg', '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('deluge lint: too many warnings (2; --max-warnings 1).\n');
  });

  it('deluge.config.json in the working folder sets rules; --rule wins over it', async () => {
    // The config: unused-variable off, response-unchecked error, delete-unsupported-module warn; the flag: response-unchecked off.
    const r = await runDeluge(join(dir, 'configured'), ['lint', 'bad.dg', 'unused.dg', '--rule', 'response-unchecked=off', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(summary(JSON.parse(r.stdout))).toEqual({ 'bad.dg': ['DLG5402@3:40:1'], 'unused.dg': [] });
  });

  it("reads '-' from standard input, named <stdin>; suppression comments hide problems and an unused one is reported", async () => {
    const script = [
      'resp = invokeurl',
      '[',
      '\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=1,2"',
      '\ttype: DELETE',
      '\tconnection: "crm"',
      '];',
      '// deluge-disable-next-line response-unchecked -- the caller checks the status',
      'info resp.get("data");',
      'unused = 1; // deluge-disable-line unused-variable -- kept for the template',
      '// deluge-disable-next-line delete-in-loop -- nothing to hide here',
      'info "done";',
      '',
    ].join('\n');
    const r = await runDeluge(dir, ['lint', '-', 'good.dg'], script);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<stdin>:10:29: warning\[DLG5000\] 'delete-in-loop' reports no problem on the next line/);
    expect(r.stdout).toContain('10 | // deluge-disable-next-line delete-in-loop -- nothing to hide here\n   |                             ^^^^^^^^^^^^^^\n');
    expect(r.stdout).not.toMatch(/DLG5207|DLG5002/);
    expect(r.stdout).toContain('Found 0 errors and 1 warning in 1 file.\n');
  });
});

describe('deluge lint: usage errors and the rule list', () => {
  it('an unknown rule or format: exit 2, a DLG0002 message on stderr, nothing on stdout', async () => {
    const rule = await runDeluge(dir, ['lint', 'bad.dg', '--rule', 'delete-too-many-id=off']);
    expect(rule).toMatchObject({ code: 2, stdout: '' });
    expect(rule.stderr.split('\n')[0]).toBe(
      "deluge: error[DLG0002] --rule 'delete-too-many-id=off': unknown rule 'delete-too-many-id' (did you mean 'delete-too-many-ids'?); 'deluge lint --list-rules' lists them",
    );
    const format = await runDeluge(dir, ['lint', 'bad.dg', '--format', 'xml']);
    expect(format).toMatchObject({ code: 2, stdout: '' });
    expect(format.stderr).toMatch(/^deluge: error\[DLG0002\] .*\n.*format, Given: "xml", Choices: "stylish", "json", "sarif", "github", "junit"/);
  });

  it('--list-rules: every rule with its id, code, default severity; each has a docs page', async () => {
    const r = await runDeluge(dir, ['lint', '--list-rules']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [head, ...rows] = r.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^id\s+code\s+category\s+severity\s+fixable\s+summary$/);
    const rules = rows.map((row) => /^([a-z]+(?:-[a-z]+)*)\s+(DLG[25]\d{3})\s+[a-z-]+\s+(error|warning|off)\s+(safe|unsafe|-)\s+\S/.exec(row)?.slice(1, 3) ?? row);
    expect(rules.filter((rule) => typeof rule === 'string'), 'rows not of the form id code category severity fixable summary').toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(30);
    const ids = rules.map((rule) => rule[0]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(rules.map((rule) => rule[1])).size).toBe(ids.length);
    expect(rules).toEqual(expect.arrayContaining([['delete-unsupported-module', 'DLG5402'], ['response-unchecked', 'DLG5207'], ['prefer-double-quotes', 'DLG5409'], ['unused-suppression', 'DLG5000'], ['single-equals-comparison', 'DLG2007']]));
    expect(ids.filter((id) => !existsSync(join(RULE_DOCS, `${id}.md`))), 'rules without a docs page').toEqual([]);
  });
});
