/**
 * The report formats of `deluge lint`: golden files for each (test/linter/golden/, `vitest -u` rewrites them),
 * one position — after a tab and an emoji — read back from every format, GitHub code scanning's required SARIF
 * properties on a multi-file run, GitLab Code Quality's required fields and fingerprints, and the escaping of
 * GitHub workflow commands, XML (JUnit, Checkstyle) and JSON.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { renderCheckstyle } from '../../src/diagnostics/formats/checkstyle.js';
import { escapeData, escapeProperty, renderGithub } from '../../src/diagnostics/formats/github.js';
import { renderGitlab, toGitlab, type GitlabIssue } from '../../src/diagnostics/formats/gitlab.js';
import { escapeXmlAttribute, escapeXmlText, renderJunit } from '../../src/diagnostics/formats/junit.js';
import { renderSarif, repoRelativePath, sarifRuleFromMeta, SARIF_SCHEMA, toSarif } from '../../src/diagnostics/formats/sarif.js';
import { toJsonResult } from '../../src/diagnostics/render.js';
import { renderLintStylish } from '../../src/cli/commands/lint.js';
import { allRules } from '../../src/linter/config.js';
import { safeFixPredicate } from '../../src/linter/fix.js';
import { lint, type LintedFile } from '../../src/linter/lint.js';
import type { Rule, RuleCategory, RuleSeverity } from '../../src/linter/rule.js';
import { parseXml } from '../helpers/xml.js';

const singleQuotes: Rule = {
  meta: {
    id: 'test-single-quotes',
    code: 'DLG5994' as DiagnosticCode,
    category: 'style',
    severity: 'error',
    fixable: 'safe',
    summary: 'Text in single quotes.',
    docs: { what: "Reports text written in single quotes ('…').", why: 'Double quotes are the usual form.', invalid: ["info 'a';\n"], valid: ['info "a";\n'] },
  },
  create: (context) => ({
    StringLiteral: (node) => {
      if (node.quote === "'") context.report({ span: node.span, message: 'Text in single quotes: write "…".', fix: { span: node.span, text: `"${node.raw.slice(1, -1)}"` } });
    },
  }),
};

/** A message with every character some format must escape. */
const awkward: Rule = {
  meta: {
    id: 'test-awkward',
    code: 'DLG5995' as DiagnosticCode,
    category: 'suspicious',
    severity: 'warning',
    summary: 'Awkward numbers.',
    docs: { what: 'Reports the number 13.', why: 'Tests escaping.', invalid: ['x = 13;\n'], valid: ['x = 12;\n'] },
  },
  create: (context) => ({
    NumberLiteral: (node) => {
      if (node.raw === '13') context.report({ span: node.span, message: `100% unlucky: a, b\nnext <&> "q" 'a'` });
    },
  }),
};

const RULES = [singleQuotes, awkward];
const CWD = '/repo';

/** A line with a tab and an emoji before the reported text: column 11 in code points (12 in UTF-16 units). */
const TABS = 'm = {"😀":\t\'a\'};\n// deluge-disable-next-line test-awkward -- fine here\nn = 13;\nk = 13;\n';
const FILES: [string, string][] = [
  ['scripts/tabs.dg', TABS],
  ['scripts/broken.dg', 'x = 1\ny = ;\n'],
  ['scripts/clean.dg', 'info "fine";\n'],
  ['dir with space/a,b:c.dg', "if (x = 1) { info 'é'; }\n"],
];

const linted = (): LintedFile[] => FILES.map(([path, text]) => lint(path, text, { only: RULES }));
const sarifOptions = {
  tool: { name: 'deluge-lint', version: '1.2.3' },
  rules: allRules(RULES).map((rule) => sarifRuleFromMeta(rule.meta)),
  cwd: CWD,
};
const gitlabOptions = { cwd: CWD, rules: allRules(RULES).map((rule) => rule.meta) };

describe('golden files', () => {
  it('stylish, with the fixable count', async () => {
    await expect(renderLintStylish(linted(), { isSafe: safeFixPredicate(RULES) })).toMatchFileSnapshot('golden/report.stylish.txt');
  });

  it('json (ESLint shape plus code)', async () => {
    await expect(`${JSON.stringify(linted().map(toJsonResult), null, 2)}\n`).toMatchFileSnapshot('golden/report.json');
  });

  it('sarif', async () => {
    await expect(renderSarif(linted(), sarifOptions)).toMatchFileSnapshot('golden/report.sarif');
  });

  it('github', async () => {
    await expect(renderGithub(linted(), { cwd: CWD })).toMatchFileSnapshot('golden/report.github.txt');
  });

  it('junit', async () => {
    await expect(renderJunit(linted(), { cwd: CWD })).toMatchFileSnapshot('golden/report.junit.xml');
  });

  it('gitlab (the issues, indented here: the report is one line)', async () => {
    await expect(`${JSON.stringify(toGitlab(linted(), gitlabOptions), null, 2)}\n`).toMatchFileSnapshot('golden/report.gitlab.json');
  });

  it('checkstyle', async () => {
    await expect(renderCheckstyle(linted(), { cwd: CWD })).toMatchFileSnapshot('golden/report.checkstyle.xml');
  });
});

describe('positions', () => {
  it('are the same in every format: 1-based, columns in code points', () => {
    const result = lint('scripts/tabs.dg', TABS, { only: RULES });
    const want = { line: 1, column: 11, endLine: 1, endColumn: 14 };

    const json = toJsonResult(result).messages.find((m) => m.code === 'DLG5994')!;
    expect({ line: json.line, column: json.column, endLine: json.endLine, endColumn: json.endColumn }).toEqual(want);

    const sarif = toSarif([result], sarifOptions) as SarifLog;
    const region = sarif.runs[0]!.results.find((r) => r.ruleId === 'DLG5994')!.locations[0]!.physicalLocation.region;
    expect({ line: region.startLine, column: region.startColumn, endLine: region.endLine, endColumn: region.endColumn }).toEqual(want);
    expect(sarif.runs[0]!.columnKind).toBe('unicodeCodePoints');

    const github = renderGithub([result], { cwd: CWD }).split('\n').find((l) => l.includes('DLG5994'))!;
    expect(github).toContain('line=1,col=11,endLine=1,endColumn=14,');

    const junit = renderJunit([result], { cwd: CWD });
    expect(junit).toContain('line="1"');
    expect(junit).toContain('line 1, col 11, Error - ');

    const gitlab = toGitlab([result], gitlabOptions).find((i) => i.check_name === 'test-single-quotes')!.location.positions;
    expect({ line: gitlab.begin.line, column: gitlab.begin.column, endLine: gitlab.end.line, endColumn: gitlab.end.column }).toEqual(want);

    const checkstyle = renderCheckstyle([result], { cwd: CWD });
    expect(checkstyle).toContain('<error line="1" column="11" severity="error" ');

    const stylish = renderLintStylish([result], { isSafe: () => false });
    expect(stylish).toContain('scripts/tabs.dg:1:11: error[DLG5994]');
  });
});

// ── SARIF as GitHub code scanning wants it ──────────────────────────────────────────────────────────────────

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }; columnKind: string; results: SarifResult[] }[];
}

describe('sarif for GitHub code scanning', () => {
  const log = JSON.parse(renderSarif(linted(), sarifOptions)) as SarifLog;
  const run = log.runs[0]!;

  it('has the log-level and driver properties', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'deluge-lint', version: '1.2.3' });
  });

  it('describes every rule, within the length limits, with a docs link for lint rules', () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^DLG\d{4}$/);
      expect(rule.name).toMatch(/^[a-z0-9-]+$/);
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text]) {
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(1024);
      }
      expect(['error', 'warning', 'note', 'none']).toContain(rule.defaultConfiguration.level);
    }
    const lintRule = run.tool.driver.rules.find((r) => r.id === 'DLG5994')!;
    expect(lintRule).toMatchObject({ name: 'test-single-quotes' });
    expect(lintRule.helpUri).toBeUndefined();
    expect(lintRule.help.markdown).toContain("info 'a';");
    // Syntax codes found in the results are described from the registry.
    expect(run.tool.driver.rules.find((r) => r.id === 'DLG2002')).toMatchObject({ name: 'unexpected-token' });
  });

  it('gives every result a message, a relative location with a full region, and a fingerprint', () => {
    expect(new Set(run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['scripts/tabs.dg', 'scripts/broken.dg', 'dir%20with%20space/a%2Cb%3Ac.dg']),
    );
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations.length).toBeGreaterThanOrEqual(1);
      expect(result.locations.length).toBeLessThanOrEqual(10);
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uri).not.toMatch(/^\/|\\|^[a-z]+:/i);
      for (const n of [region.startLine, region.startColumn, region.endLine, region.endColumn]) expect(Number.isInteger(n) && n >= 1).toBe(true);
      expect(region.endLine > region.startLine || region.endColumn >= region.startColumn).toBe(true);
      expect(result.partialFingerprints['primaryLocationLineHash']).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
  });

  it('keeps fingerprints stable when lines move, and apart for repeats on the same line text', () => {
    const before = toSarif([lint('a.dg', "info 'a';\n", { only: RULES })], sarifOptions) as SarifLog;
    const after = toSarif([lint('a.dg', "x = 1;\n\ninfo 'a';\ninfo 'a';\n", { only: RULES })], sarifOptions) as SarifLog;
    const hashes = (log: SarifLog) => log.runs[0]!.results.map((r) => r.partialFingerprints['primaryLocationLineHash']);
    const [first] = hashes(before);
    expect(hashes(after)).toEqual([first, first!.replace(/:1$/, ':2')]);
  });

  it('gives each suppressed problem as a result with its suppression (the comment\'s reason as justification), keeping its fingerprint', () => {
    type Held = SarifResult & { suppressions?: { kind: string; justification?: string }[] };
    const results = (log: SarifLog) => log.runs[0]!.results as Held[];
    const open = lint('a.dg', 'n = 13;\nk = 13;\n', { only: RULES });
    const commented = lint('a.dg', '// deluge-disable-next-line test-awkward -- fine here\nn = 13;\nk = 13;\n', { only: RULES });
    const held = commented.suppressed!.map((s) => ({ diagnostic: s.diagnostic, kind: 'directive' as const, justification: s.reason ?? '' }));
    // The suppressions file holds the other.
    const [kept] = commented.diagnostics;
    const fromFile = [{ diagnostic: kept!, kind: 'file' as const, justification: '' }];
    const log = toSarif([{ ...commented, diagnostics: [] }], { ...sarifOptions, suppressed: [[...held, ...fromFile]] }) as SarifLog;
    expect(results(log).map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine, r.suppressions])).toEqual([
      ['DLG5995', 2, [{ kind: 'inSource', justification: 'fine here' }]],
      ['DLG5995', 3, [{ kind: 'external' }]],
    ]);
    // The same fingerprints as when neither was suppressed: code scanning sees the same alerts, now dismissed.
    const fingerprints = (log: SarifLog) => results(log).map((r) => r.partialFingerprints['primaryLocationLineHash']);
    expect(fingerprints(log)).toEqual(fingerprints(toSarif([open], sarifOptions) as SarifLog));
    // Without suppressed problems given, none is listed.
    expect(results(toSarif([commented], sarifOptions) as SarifLog).every((r) => r.suppressions === undefined)).toBe(true);
  });

  it('makes paths relative to the folder given, with forward slashes', () => {
    expect(repoRelativePath('/repo/a/b.dg', '/repo')).toBe('a/b.dg');
    expect(repoRelativePath('a/b.dg', '/repo')).toBe('a/b.dg');
    expect(repoRelativePath('<stdin>', '/repo')).toBe('<stdin>');
    // A name that begins with dots is inside.
    expect(repoRelativePath('/repo/..notes.dg', '/repo')).toBe('..notes.dg');
    expect(repoRelativePath('/repo/..archive/x.dg', '/repo')).toBe('..archive/x.dg');
    expect(repoRelativePath('../x.dg', '/repo/sub', '/repo/sub')).toBe('../x.dg');
    // A path through a symbolic link to the repository (whose root is found at its real place, as the current folder
    // is): inside it, as GitHub needs it; one through a link out of it stays outside.
    const real = realpathSync(mkdtempSync(join(tmpdir(), 'deluge-repo-')));
    const link = `${real}-link`;
    try {
      mkdirSync(join(real, 'src'));
      writeFileSync(join(real, 'src', 'a.dg'), 'info 1;\n');
      symlinkSync(real, link);
      expect(repoRelativePath(join(link, 'src', 'a.dg'), real, real)).toBe('src/a.dg');
      expect(repoRelativePath(join(link, 'src', 'gone.dg'), real, real)).toBe(join(link, 'src', 'gone.dg'));
    } finally {
      rmSync(link, { force: true });
      rmSync(real, { recursive: true, force: true });
    }
    const outside = toSarif([lint('/elsewhere/x.dg', "info 'a';\n", { only: RULES })], sarifOptions) as SarifLog;
    expect(outside.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('file:///elsewhere/x.dg');
  });
});

describe('sarif artifact locations', () => {
  // SARIF 2.1.0 §3.4.4: a relative `uri` should name the base it is relative to; an absolute one must not have one.
  it('gives a relative uri the base %SRCROOT%, declared as the root folder; a file outside it a file URI and no base', () => {
    const log = toSarif(
      [lint('scripts/a.dg', "info 'a';\n", { only: RULES }), lint('/elsewhere/x.dg', "info 'a';\n", { only: RULES }), lint('..notes.dg', "info 'a';\n", { only: RULES })],
      { ...sarifOptions, root: '/repo' },
    ) as SarifLog & {
      runs: { originalUriBaseIds?: Record<string, { uri: string }> }[];
    };
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation)).toEqual([
      { uri: 'scripts/a.dg', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///elsewhere/x.dg' },
      { uri: '..notes.dg', uriBaseId: '%SRCROOT%' },
    ]);
  });
});

describe('escaping', () => {
  it('github: % CR LF in messages, and : , too in properties', () => {
    expect(escapeData('100% a: b, c\r\nd')).toBe('100%25 a: b, c%0D%0Ad');
    expect(escapeProperty('100% a: b, c\r\nd')).toBe('100%25 a%3A b%2C c%0D%0Ad');
    const out = renderGithub(linted(), { cwd: CWD });
    expect(out).toContain(`::warning file=scripts/tabs.dg,line=4,col=5,endLine=4,endColumn=7,title=test-awkward (DLG5995)::100%25 unlucky: a, b%0Anext <&> "q" 'a'\n`);
    expect(out).toContain('file=dir with space/a%2Cb%3Ac.dg,');
    // One annotation a line; errors first.
    const lines = out.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning) file=[^\n]*::/.test(l))).toBe(true);
    expect(lines.findIndex((l) => l.startsWith('::warning'))).toBeGreaterThan(lines.findLastIndex((l) => l.startsWith('::error')));
  });

  it('stylish: a message quoting a line break from the script (a URL\'s module) keeps its header on one line', () => {
    const text = 'resp = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Lead\\ns?ids=1"\n\ttype: DELETE\n\tconnection: "crm"\n];\ninfo resp;\n';
    const result = lint('a.dg', text);
    const d = result.diagnostics.find((x) => x.ruleId === 'delete-unsupported-module')!;
    expect(d.message).toContain('`Lead\ns`');
    const out = renderLintStylish([result], { isSafe: () => false });
    expect(out).toContain("a.dg:3:7: error[DLG5402] `Lead\u240as` is not a module's API name");
    expect(out.split('\n').filter((line) => line.startsWith('s` is not'))).toEqual([]);
  });

  it('github: columns only for a span on one line', () => {
    const twoLines: Rule = { ...awkward, create: (context) => ({ Program: (node) => context.report({ span: node.span, message: 'all of it' }) }) };
    const out = renderGithub([lint('a.dg', 'x = 1;\ny = 2;\n', { only: [twoLines] })], { cwd: CWD });
    expect(out).toBe('::warning file=a.dg,line=1,endLine=3,title=test-awkward (DLG5995)::all of it\n');
  });

  it('xml: markup characters, quotes, line breaks and characters XML cannot hold', () => {
    expect(escapeXmlText('a < b && c > "d" \u0007')).toBe('a &lt; b &amp;&amp; c &gt; "d" \uFFFD');
    expect(escapeXmlAttribute(`"q" 'a'\n\t\ud800`)).toBe('&quot;q&quot; &apos;a&apos;&#10;&#9;\uFFFD');
    // A line break in a text too: a raw one let a script's text begin a line of a CI log (`::error …`).
    expect(escapeXmlText('😀\r\n::error::x')).toBe('😀&#13;&#10;::error::x');
  });

  it('junit: one suite per file, one case per diagnostic, a passing case for a clean file', () => {
    const xml = renderJunit(linted(), { cwd: CWD });
    expect(xml.match(/<testsuite /g)).toHaveLength(FILES.length);
    const all = linted().flatMap((r) => r.diagnostics);
    expect(xml.match(/<failure /g)).toHaveLength(all.length);
    expect(xml).toContain(`<testsuites name="deluge-lint" tests="${all.length + 1}" failures="${all.length}" errors="0">`);
    expect(xml).toContain('<testcase name="no problems" classname="scripts/clean" file="scripts/clean.dg"/>');
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    // Named by the rule, not the position (a line added above renamed the test); the position in attributes.
    expect(xml).toMatch(/<testcase name="test-awkward \(DLG5995\)" classname="scripts\/tabs" file="scripts\/tabs.dg" line="4" column="5">/);
  });
});

// ── GitLab Code Quality ─────────────────────────────────────────────────────────────────────────────────────

/** A rule of the category and severity given that reports every number 7. */
function sevens(category: RuleCategory, severity: RuleSeverity, n: number): Rule {
  return {
    meta: { ...awkward.meta, id: `test-${category}-${severity}`, code: `DLG59${80 + n}` as DiagnosticCode, category, severity },
    create: (context) => ({ NumberLiteral: (node) => (node.raw === '7' ? context.report({ span: node.span, message: 'seven' }) : undefined) }),
  };
}

describe('gitlab code quality', () => {
  const issues = toGitlab(linted(), gitlabOptions);
  const fingerprints = (text: string, path = 'a.dg', options: { cwd?: string; root?: string } = {}) =>
    toGitlab([lint(path, text, { only: RULES })], { ...gitlabOptions, ...options }).map((i) => i.fingerprint);

  it('gives every problem the fields GitLab requires, with paths relative to the root and unique fingerprints', () => {
    expect(issues).toHaveLength(linted().flatMap((r) => r.diagnostics).length);
    for (const issue of issues) {
      expect(Object.keys(issue)).toEqual(['type', 'description', 'check_name', 'fingerprint', 'severity', 'location', 'categories']);
      expect(issue.type).toBe('issue');
      expect(issue.description.length).toBeGreaterThan(0);
      expect(issue.check_name).toMatch(/^[a-z0-9-]+$/);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.location.path).not.toMatch(/^\/|\\|^\.\.?\//);
      const { begin, end } = issue.location.positions;
      for (const n of [begin.line, begin.column, end.line, end.column]) expect(Number.isInteger(n) && n >= 1).toBe(true);
      expect(issue.categories.length).toBeGreaterThan(0);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.find((i) => i.check_name === 'unexpected-token')).toMatchObject({ severity: 'major', categories: ['Bug Risk'], location: { path: 'scripts/broken.dg' } });
    const nested = toGitlab([lint('a.dg', "info 'a';\n", { only: RULES })], { ...gitlabOptions, cwd: '/repo/scripts', root: '/repo' });
    expect(nested[0]!.location.path).toBe('scripts/a.dg');
  });

  it('maps severities (a security rule one step up) and categories', () => {
    const rules = [sevens('correctness', 'error', 0), sevens('suspicious', 'warning', 1), sevens('security', 'error', 2), sevens('security', 'warning', 3), sevens('deprecated', 'warning', 4), sevens('style', 'warning', 5)];
    const found = toGitlab([lint('a.dg', 'x = 7;\n', { only: rules })], { cwd: CWD, rules: rules.map((r) => r.meta) });
    expect(found.map((i) => [i.check_name, i.severity, i.categories])).toEqual([
      ['test-correctness-error', 'major', ['Bug Risk']],
      ['test-suspicious-warning', 'minor', ['Bug Risk']],
      ['test-security-error', 'critical', ['Security']],
      ['test-security-warning', 'major', ['Security']],
      ['test-deprecated-warning', 'minor', ['Compatibility']],
      ['test-style-warning', 'minor', ['Style']],
    ]);
  });

  it('keeps a fingerprint when the problem moves, and tells identical problems apart', () => {
    const [first] = fingerprints("info 'a';\n");
    const moved = fingerprints("x = 1;\n\ninfo 'a';\ninfo 'a';\n");
    expect(moved[0]).toBe(first);
    expect(moved[1]).not.toBe(first);
    // Re-indenting the line keeps it too; another file or another line's text does not.
    expect(fingerprints("if (true)\n{\n\t\tinfo   'a';\n}\n")[0]).toBe(first);
    expect(fingerprints("info 'a';\n", 'b.dg')[0]).not.toBe(first);
    expect(fingerprints("info 'b';\n")[0]).not.toBe(first);
    // The same wherever in the repository lint runs: the path hashed is the one relative to the root.
    expect(fingerprints("info 'a';\n", 'a.dg', { cwd: '/repo/scripts', root: '/repo' })).toEqual(fingerprints("info 'a';\n", 'scripts/a.dg', { cwd: '/repo', root: '/repo' }));
  });

  it('is one line of JSON, [] when there is nothing', () => {
    const out = renderGitlab(linted(), gitlabOptions);
    expect(out).toBe(`${JSON.stringify(issues)}\n`);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(renderGitlab([], gitlabOptions)).toBe('[]\n');
    expect(renderGitlab([lint('clean.dg', 'info "fine";\n', { only: RULES })], gitlabOptions)).toBe('[]\n');
  });
});

describe('escaping (gitlab, checkstyle)', () => {
  it('gitlab: a message with quotes, a line break and markup survives the JSON; a lone surrogate is escaped', () => {
    const out = renderGitlab(linted(), gitlabOptions);
    const read = JSON.parse(out) as GitlabIssue[];
    expect(read.find((i) => i.check_name === 'test-awkward')!.description).toBe(`100% unlucky: a, b\nnext <&> "q" 'a'`);
    expect(read.map((i) => i.location.path)).toContain('dir with space/a,b:c.dg');
    const lone: Rule = { ...awkward, create: (context) => ({ NumberLiteral: (node) => context.report({ span: node.span, message: 'half \ud800 a pair' }) }) };
    const half = renderGitlab([lint('a.dg', 'x = 1;\n', { only: [lone] })], { cwd: CWD, rules: [lone.meta] });
    expect(half).toContain('half \\ud800 a pair');
    expect(half).not.toMatch(/[\ud800-\udfff]/);
  });

  it('checkstyle: well-formed XML, a file element per file (clean ones too), an error per problem, escaped', () => {
    const xml = renderCheckstyle(linted(), { cwd: CWD });
    const root = parseXml(xml);
    expect(root).toMatchObject({ name: 'checkstyle', attributes: { version: '4.3' } });
    expect(root.children.map((f) => [f.name, f.attributes['name'], f.children.length])).toEqual([
      ['file', 'scripts/tabs.dg', 2],
      ['file', 'scripts/broken.dg', 2],
      ['file', 'scripts/clean.dg', 0],
      ['file', 'dir with space/a,b:c.dg', 2],
    ]);
    const awkwardError = root.children[0]!.children[1]!;
    expect(awkwardError).toMatchObject({ name: 'error', attributes: { line: '4', column: '5', severity: 'warning', message: `100% unlucky: a, b\nnext <&> "q" 'a'`, source: 'deluge.test-awkward' } });
    expect(xml).toContain('message="100% unlucky: a, b&#10;next &lt;&amp;&gt; &quot;q&quot; &apos;a&apos;"');
    expect(root.children[1]!.children.map((e) => e.attributes['source'])).toEqual(['deluge.missing-semicolon', 'deluge.unexpected-token']);
    expect(renderCheckstyle([], { cwd: CWD })).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n');
    const odd = renderCheckstyle([lint('a&"b".dg', "info 'a\u0007';\n", { only: RULES })], { cwd: CWD });
    expect(parseXml(odd).children[0]!.attributes['name']).toBe('a&"b".dg');
    expect(odd).not.toMatch(/[\u0000-\u0008]/);
  });
});
