import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import packageJson from '../../../package.json' with { type: 'json' };
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderCheckstyle } from '../../diagnostics/formats/checkstyle.js';
import { renderGithub } from '../../diagnostics/formats/github.js';
import { renderGitlab } from '../../diagnostics/formats/gitlab.js';
import { renderJunit } from '../../diagnostics/formats/junit.js';
import { renderSarif, sarifRuleFromMeta } from '../../diagnostics/formats/sarif.js';
import { jsonCounts, lintJsonMessage, plural, renderStylish, type FileDiagnostics, type JsonFileResult } from '../../diagnostics/render.js';
import { isSuppressible, SUPPRESSIONS_FILE } from '../../linter/bulk-suppressions.js';
import { allRules, effectiveSeverity, LintConfigError, resolveSeverities, type RuleSeverities } from '../../linter/config.js';
import { fixFile, safeFixPredicate } from '../../linter/fix.js';
import { lint, type LintedFile } from '../../linter/lint.js';
import { RULES } from '../../linter/registry.js';
import type { Rule } from '../../linter/rule.js';
import { configError, loadConfig } from '../config.js';
import { expandFileArguments } from '../inputs.js';
import { applySuppressionsFile, checkBulkSuppressionArgs, heldBackRules, type BulkSuppressionArgs } from '../suppressions-file.js';
import { CONFIG_OPTION, DOCS_OPTION, readTextFile, refuseEmptyPath, refuseInputAsOutput, readStdin, STDIN_ARGUMENT, UsageError, usageErrorText, useColour, withJsonFlag, writeFileAtomic } from '../io.js';
import { COMMAND_USAGE } from './usage.js';

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab', 'checkstyle'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintArgs extends BulkSuppressionArgs {
  files?: string[] | undefined;
  format?: LintFormat | undefined;
  outputFile?: string | undefined;
  fix?: boolean | undefined;
  /** A number, or the text given on the command line (yargs would read an empty one as 0). */
  maxWarnings?: number | string | undefined;
  /** `--rule id=off|warn|error`, repeatable (yargs gives a string for one, an array for several). */
  rule?: string[] | undefined;
  listRules?: boolean | undefined;
  docs?: boolean | undefined;
  config?: string | undefined;
  /** `--stdin-filename NAME`: the name standard input is reported under (and, with no file named, read as). */
  stdinFilename?: string | undefined;
}

/** Where `runLint` reads and writes: the process, or a test's buffers. */
export interface LintIo {
  /** Relative file names (inputs, `--output-file`, `--config`) are taken from here; reports show paths relative to it. */
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): string;
  /** Colour in the stylish report on stdout. */
  readonly colour: boolean;
}

export const TOOL_NAME = 'deluge-lint';
export const TOOL_VERSION: string = packageJson.version;

export function processIo(): LintIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    colour: useColour(process.stdout),
  };
}

/**
 * `deluge lint` as a function: returns the exit code (0 clean; 1 errors, or more warnings than
 * `--max-warnings`), throws `UsageError` for exit code 2. `rules` replaces the registry (tests).
 */
export function runLint(args: LintArgs, io: LintIo = processIo(), rules: readonly Rule[] = RULES): number {
  const known = allRules(rules);
  const flags = args.rule ?? [];
  let severities: RuleSeverities;
  const config = loadConfig(args.config === undefined ? undefined : resolveIn(io.cwd, args.config), io.cwd);
  try {
    severities = resolveSeverities(config, flags, known);
  } catch (error) {
    if (error instanceof LintConfigError && error.setting && config.path && config.text) configError(config.path, config.text, error.setting.message, error.setting);
    if (error instanceof LintConfigError) throw new UsageError(error.code, error.message);
    throw error;
  }
  const format = args.format ?? 'stylish';
  if (!LINT_FORMATS.includes(format)) throw new UsageError('DLG0002', `--format '${String(format)}': use ${LINT_FORMATS.join(', ')}`);

  refuseEmptyPath('--output-file', args.outputFile, 'the file to write the report to');
  checkBulkSuppressionArgs(args, known.map((rule) => rule.meta.id));

  if (args.listRules) {
    emit(io, args, format === 'json' ? `${JSON.stringify(ruleList(known), null, 2)}\n` : ruleTable(known));
    return 0;
  }

  // As Ruff and ESLint: an editor pipes the buffer in and names it, and nothing else is linted.
  const named = args.files ?? [];
  const files = expandFileArguments(named.length === 0 && args.stdinFilename !== undefined ? ['-'] : named, io.cwd, config);
  if (args.outputFile !== undefined) refuseInputAsOutput('--output-file', args.outputFile, [...files, ...(args.stdinFilename !== undefined ? [args.stdinFilename] : [])], io.cwd);
  if (files.length === 0) throw new UsageError('DLG0002', "name the files to lint ('-' for standard input), or use --list-rules");
  const isStdin = (path: string) => path === '-' || path === STDIN_ARGUMENT;
  if (args.fix && files.some(isStdin)) throw new UsageError('DLG0002', '--fix cannot rewrite standard input: lint a file instead');
  if (typeof args.maxWarnings === 'string' && args.maxWarnings.trim() === '') {
    throw new UsageError('DLG0002', '--max-warnings is empty (an unset variable?): give a whole number of warnings (0 or more; -1 for no limit)');
  }
  const maxWarnings = typeof args.maxWarnings === 'string' ? Number(args.maxWarnings) : (args.maxWarnings ?? -1);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
    const given = Number.isNaN(maxWarnings) ? ` '${String(args.maxWarnings)}' is not a number` : ` '${String(args.maxWarnings)}'`;
    throw new UsageError('DLG0002', `--max-warnings${given}: give a whole number of warnings (0 or more; -1 for no limit)`);
  }

  // Read every file first: an unreadable one stops the command before anything is linted or rewritten.
  let stdinText: string | undefined;
  const inputs = files.map((path) => {
    if (isStdin(path)) return { path: args.stdinFilename ?? '<stdin>', text: (stdinText ??= io.readStdin()) };
    return { path, text: readText(path, resolveIn(io.cwd, path)) };
  });

  const options = { rules: severities, docs: args.docs ?? ('auto' as const), only: rules };
  const linted: LintedFile[] = [];
  let fixedProblems = 0;
  let fixedFiles = 0;
  // The errors deluge-suppressions.json holds back (it sits beside deluge.config.json, found upwards, so that lint run
  // from any folder below finds it) are left as they are by --fix, as by the report.
  const suppressionsFolder = config.path ? dirname(resolveIn(io.cwd, config.path)) : io.cwd;
  const inputPlaces = files.map((path) => ({ path, isStdin: isStdin(path) }));
  // (The files linted to know that are where --fix starts from: each is linted once.)
  let asTheyAre: readonly LintedFile[] | undefined;
  const lintAsTheyAre = () => (asTheyAre ??= inputs.map((input) => lint(input.path, input.text, options)));
  const held = args.fix ? heldBackRules(args, inputPlaces, { ...io, defaultFolder: suppressionsFolder }, lintAsTheyAre) : [];
  const unwritable: UsageError[] = [];
  for (const [i, input] of inputs.entries()) {
    if (args.fix) {
      const heldHere = held[i]!;
      const keep = heldHere.size > 0 ? (d: Diagnostic) => isSuppressible(d) && heldHere.has(d.ruleId!) : undefined;
      const fixed = fixFile(input.path, input.text, options, keep, asTheyAre?.[i]);
      if (fixed.changed) {
        // A file that cannot be written is said, its problems reported as they stand, and the others still fixed (as
        // fmt --write and Prettier do); exit 2 after the report.
        try {
          writeFileAtomic(resolveIn(io.cwd, input.path), fixed.output, input.path);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          unwritable.push(error);
          linted.push(asTheyAre?.[i] ?? lint(input.path, input.text, options));
          continue;
        }
        fixedProblems += fixed.fixedCount;
        fixedFiles++;
      }
      linted.push(fixed.result);
    } else {
      linted.push(lint(input.path, input.text, options));
    }
  }
  // The errors `deluge-suppressions.json` records are held back (after --fix: what it fixed is not recorded).
  const errorRules = new Set(known.filter((rule) => effectiveSeverity(rule, severities) === 'error').map((rule) => rule.meta.id));
  const bulk = applySuppressionsFile(args, linted, inputPlaces, { ...io, defaultFolder: suppressionsFolder }, (rule) => errorRules.has(rule));
  const results = bulk.results;

  // What `--fix` would apply: safe fixes in files that parse. It leaves a file with syntax errors alone (a rule's fix
  // needs the tree), so there a fix is only offered (a suggestion in JSON), not counted as fixable.
  const safe = safeFixPredicate(rules);
  const fixable = new Set(results.flatMap((result) => (result.program ? result.diagnostics.filter(safe) : [])));
  const suppressed = results.map((result, i) => suppressedOf(result, bulk.held[i]!));
  emit(io, args, render(format, results, suppressed, io, known, (d) => fixable.has(d), args.outputFile !== undefined));

  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  if (args.fix && fixedProblems > 0) io.stderr(`Fixed ${plural(fixedProblems, 'problem')} in ${plural(fixedFiles, 'file')}.\n`);
  for (const error of unwritable) io.stderr(usageErrorText(error));
  const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
  if (tooManyWarnings) io.stderr(`deluge lint: too many warnings (${warnings}; --max-warnings ${maxWarnings}).\n`);
  // As ESLint: a suppressions file that holds back more than is left must be pruned, or fixed errors could come back.
  if (bulk.unpruned > 0 || unwritable.length > 0) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

/** A problem held back, and by what: a comment in the file (with its reason) or the suppressions file. */
export interface SuppressedProblem {
  readonly diagnostic: Diagnostic;
  readonly kind: 'directive' | 'file';
  readonly justification: string;
}

function suppressedOf(result: LintedFile, held: readonly Diagnostic[]): SuppressedProblem[] {
  return [
    ...(result.suppressed ?? []).map((s) => ({ diagnostic: s.diagnostic, kind: 'directive' as const, justification: s.reason ?? '' })),
    ...held.map((diagnostic) => ({ diagnostic, kind: 'file' as const, justification: '' })),
  ].sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start);
}

/**
 * The root of the git repository the current folder is in (the folder holding `.git`), else the current folder:
 * code scanning, workflow annotations and GitLab's Code Quality resolve paths from the repository's root, wherever
 * lint ran.
 */
function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

function render(
  format: LintFormat,
  results: readonly FileDiagnostics[],
  suppressed: readonly (readonly SuppressedProblem[])[],
  io: LintIo,
  rules: readonly Rule[],
  isSafe: (d: Diagnostic) => boolean,
  toFile: boolean,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(results.map((result, i) => toLintJsonResult(result, isSafe, suppressed[i])))}\n`;
    case 'sarif':
      return renderSarif(results, {
        // No informationUri or helpUri: the package is not published anywhere they could point to (links to the npm
        // registry answered 404, and a package of that name there would not be ours); each rule's help is inline.
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        rules: rules.map((rule) => sarifRuleFromMeta(rule.meta)),
        cwd: io.cwd,
        root: repositoryRoot(io.cwd),
        suppressed,
      });
    case 'github':
      return renderGithub(results, { cwd: io.cwd, root: repositoryRoot(io.cwd) });
    case 'junit':
      return renderJunit(results, { cwd: io.cwd });
    case 'gitlab':
      return renderGitlab(results, { cwd: io.cwd, root: repositoryRoot(io.cwd), rules: rules.map((rule) => rule.meta) });
    case 'checkstyle':
      return renderCheckstyle(results, { cwd: io.cwd });
    case 'stylish':
      return renderLintStylish(results, { colour: io.colour && !toFile, isSafe });
  }
}

/**
 * `toJsonResult` with ESLint's meaning of a fix: `fix` and the fixable counts are what `--fix` applies (safe
 * fixes only); an unsafe fix is offered as an ESLint suggestion, `suggestions: [{ desc, fix }]`, never as `fix`.
 */
export function toLintJsonResult(result: FileDiagnostics, isSafe: (d: Diagnostic) => boolean, suppressed: readonly SuppressedProblem[] = []): JsonFileResult & { suppressedMessages: object[] } {
  const messages = result.diagnostics.map((d) => lintJsonMessage(result.file, d, isSafe));
  // The fixable counts are of the fixes `--fix` applies: an unsafe one counts as none.
  const counts = jsonCounts(result.diagnostics, (d) => d.fix !== undefined && isSafe(d));
  // ESLint's `suppressedMessages`: each problem a comment or the suppressions file held back, with what held it (an
  // unsafe fix there a suggestion too).
  const suppressedMessages = suppressed.map(({ diagnostic, kind, justification }) => ({ ...lintJsonMessage(result.file, diagnostic, isSafe), suppressions: [{ kind, justification }] }));
  return { filePath: result.file.path, messages, suppressedMessages, ...counts };
}

/** `renderStylish`, plus how many of the problems `--fix` would fix (Ruff's `[*] N fixable with the --fix option.`). */
export function renderLintStylish(results: readonly FileDiagnostics[], options: { colour?: boolean; isSafe: (d: Diagnostic) => boolean }): string {
  const text = renderStylish(results, { colour: options.colour ?? false });
  const fixable = results.reduce((n, r) => n + r.diagnostics.filter(options.isSafe).length, 0);
  if (!text || fixable === 0) return text;
  return `${text}[*] ${fixable} fixable with the --fix option.\n`;
}

/** `--list-rules --format json`. */
export function ruleList(rules: readonly Rule[]): object[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    code: meta.code,
    category: meta.category,
    severity: meta.severity,
    fixable: meta.fixable ?? null,
    summary: meta.summary,
    docs: `docs/rules/${meta.id}.md`,
  }));
}

/** `--list-rules`: an aligned table, one rule a row. */
export function ruleTable(rules: readonly Rule[]): string {
  const head = ['id', 'code', 'category', 'severity', 'fixable', 'summary'];
  const rows = rules.map(({ meta }) => [meta.id, meta.code, meta.category, meta.severity, meta.fixable ?? '-', meta.summary]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

function emit(io: LintIo, args: LintArgs, text: string): void {
  if (args.outputFile !== undefined) writeFileAtomic(resolveIn(io.cwd, args.outputFile), text, args.outputFile);
  else if (text) io.stdout(text);
}

function resolveIn(cwd: string, path: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}

function readText(shown: string, path: string): string {
  return readTextFile(path, shown);
}

/** The yargs command over `runLint`, reading and writing through `io`, with `rules` (a factory for tests). */
export function makeLintCommand(io: () => LintIo = processIo, rules: readonly Rule[] = RULES): CommandModule<object, LintArgs> {
  return {
    ...COMMAND_USAGE.lint,
    builder: (y: Argv) =>
      withJsonFlag(y, 'format')
        .positional('files', { type: 'string', array: true, describe: "files, folders (their .dg and .deluge files) or quoted glob patterns to lint ('-' for stdin)" })
        .option('format', { requiresArg: true, alias: 'f', choices: LINT_FORMATS, default: 'stylish' as const, describe: 'output format (sarif: GitHub code scanning; github: workflow annotations; gitlab: GitLab Code Quality; junit, checkstyle: other CI)' })
        .option('output-file', { requiresArg: true, alias: 'o', type: 'string', describe: 'write the report to this file (atomically) instead of stdout' })
        .option('fix', { type: 'boolean', describe: 'apply safe fixes to the files, then report what remains' })
        .option('max-warnings', { requiresArg: true, type: 'string', describe: 'exit 1 when there are more warnings than this' })
        .option('rule', { requiresArg: true, type: 'string', array: true, describe: 'set a rule: id=off|warn|error (repeatable; over deluge.config.json)' })
        .option('list-rules', { type: 'boolean', describe: 'list the rules: id, code, category, default severity, fixable, summary' })
        .option('config', CONFIG_OPTION)
        .option('stdin-filename', { requiresArg: true, type: 'string', describe: "the file name to report standard input under ('-', or no file named)" })
        .option('suppress-all', { type: 'boolean', describe: 'record every error found in the suppressions file: lint then reports only new ones' })
        .option('suppress-rule', { requiresArg: true, type: 'string', array: true, describe: "record this rule's errors in the suppressions file (repeatable)" })
        .option('suppressions-location', { requiresArg: true, type: 'string', describe: `the suppressions file (default: ${SUPPRESSIONS_FILE} beside deluge.config.json, else in the current folder)` })
        .option('prune-suppressions', { type: 'boolean', describe: 'lower the counts of the suppressions file to the errors left' })
        .option('pass-on-unpruned-suppressions', { type: 'boolean', describe: 'do not exit 2 when the suppressions file holds back more errors than are left' })
        .option('docs', DOCS_OPTION) as unknown as Argv<LintArgs>,
    handler: (args: ArgumentsCamelCase<LintArgs>) => {
      process.exitCode = runLint(args, io(), rules);
    },
  };
}

export const lintCommand: CommandModule<object, LintArgs> = makeLintCommand();
