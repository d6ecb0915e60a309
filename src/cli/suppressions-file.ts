import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { plural } from '../diagnostics/render.js';
import { closest } from '../edit-distance.js';
import {
  applyBulkSuppressions,
  errorsByRule,
  countsTotal,
  heldRules,
  pruneSuppressions,
  recordSuppressions,
  serializeSuppressions,
  SuppressionsFileError,
  SUPPRESSIONS_FILE,
  validSuppressions,
  type CountedFile,
  type SuppressionCounts,
} from '../linter/bulk-suppressions.js';
import type { LintedFile } from '../linter/lint.js';
import { locateJson, parseJsonFile } from '../source/json-location.js';
import { SourceFile } from '../source/source-file.js';
import { refuseEmptyPath, refuseInputAsOutput, UsageError, writeFileAtomic } from './io.js';

/** The bulk-suppression flags of `deluge lint` (ESLint's names). */
export interface BulkSuppressionArgs {
  suppressAll?: boolean | undefined;
  suppressRule?: string[] | undefined;
  suppressionsLocation?: string | undefined;
  pruneSuppressions?: boolean | undefined;
  passOnUnprunedSuppressions?: boolean | undefined;
}

export interface BulkOutcome {
  /** The linted files with what the suppressions file holds back taken out of their diagnostics. */
  readonly results: LintedFile[];
  /** Per file, what it held back. */
  readonly held: readonly (readonly Diagnostic[])[];
  /** Stale counts left in the file (neither pruned nor allowed by `--pass-on-unpruned-suppressions`): exit 2. */
  readonly unpruned: number;
}

/** Checks the flags before anything is linted: they must not contradict each other, and rule ids must exist. */
export function checkBulkSuppressionArgs(args: BulkSuppressionArgs, ruleIds: readonly string[]): void {
  refuseEmptyPath('--suppressions-location', args.suppressionsLocation, 'the suppressions file');
  const rules = args.suppressRule ?? [];
  if (args.suppressAll && rules.length > 0) throw new UsageError('DLG0002', '--suppress-all and --suppress-rule cannot be used together: --suppress-all records every rule');
  if (args.pruneSuppressions && (args.suppressAll || rules.length > 0)) {
    throw new UsageError('DLG0002', '--prune-suppressions cannot be used with --suppress-all or --suppress-rule: run them one after the other');
  }
  for (const rule of rules) {
    if (ruleIds.includes(rule)) continue;
    const near = closest(rule, ruleIds);
    throw new UsageError('DLG0002', `--suppress-rule '${rule}': no such rule${near ? ` (did you mean '${near}'?)` : ''}; --list-rules lists them`);
  }
}

/**
 * Applies `deluge-suppressions.json` (beside `deluge.config.json`, else in the current folder; or
 * `--suppressions-location`) to the linted files: records the current errors
 * first with `--suppress-all`/`--suppress-rule`, lowers stale counts with `--prune-suppressions`, and tells on stderr
 * what it wrote. Files are known to it by their path relative to its folder, so it can sit at the repository's root
 * and be used from any folder below.
 */
export function applySuppressionsFile(
  args: BulkSuppressionArgs,
  results: readonly LintedFile[],
  inputs: readonly { readonly path: string; readonly isStdin: boolean }[],
  io: { readonly cwd: string; readonly defaultFolder: string; stderr(text: string): void },
  /** Whether a rule runs as an error (only then are its errors counted: CountedFile.counts). */
  runsAsError: (rule: string) => boolean,
): BulkOutcome {
  const { location, shown } = suppressionsFileOf(args, io);
  const recording = args.suppressAll === true || (args.suppressRule ?? []).length > 0;
  const writing = recording || args.pruneSuppressions === true;
  if (writing) refuseInputAsOutput('--suppressions-location', location, inputs.filter((i) => !i.isStdin).map((i) => i.path), io.cwd);
  // An explicit file must exist unless this run creates it; the default one is optional.
  let recorded = readSuppressions(location, shown, args.suppressionsLocation !== undefined && !recording);
  const folder = dirname(location);
  // Standard input counts only when it is named (`--stdin-filename`): otherwise it has no path to be known by.
  const counted: CountedFile[] = [];
  const countedAt: number[] = [];
  results.forEach((result, i) => {
    const input = inputs[i]!;
    if (input.isStdin && result.file.path === '<stdin>') return;
    // A file with syntax errors was not linted: it has no count of any rule.
    const counts = result.program === undefined ? () => false : runsAsError;
    counted.push({ key: posixRelative(folder, resolve(io.cwd, result.file.path)), diagnostics: result.diagnostics, counts });
    countedAt.push(i);
  });

  if (recording) {
    const rules = args.suppressAll ? undefined : new Set(args.suppressRule);
    recorded = recordSuppressions(recorded, counted, rules);
    writeFileAtomic(location, serializeSuppressions(recorded));
    const { errors, files } = countsTotal(recorded);
    io.stderr(`Suppressions recorded in ${shown}: ${plural(errors, 'error')} in ${plural(files, 'file')}. Commit the file: lint now reports only new errors.\n`);
  }

  const applied = applyBulkSuppressions(counted, recorded);
  const out = [...results];
  const held: Diagnostic[][] = results.map(() => []);
  countedAt.forEach((at, n) => {
    out[at] = { ...results[at]!, diagnostics: applied.reported[n]! };
    held[at] = [...applied.suppressed[n]!];
  });

  const stale = Object.values(applied.stale).reduce((n, rules) => n + Object.keys(rules).length, 0);
  if (stale > 0 && args.pruneSuppressions) {
    const pruned = pruneSuppressions(recorded, applied.stale);
    writeFileAtomic(location, serializeSuppressions(pruned));
    io.stderr(`Suppressions pruned in ${shown}: ${plural(stale, 'count')} lowered (${plural(countsTotal(recorded).errors - countsTotal(pruned).errors, 'fixed error')} no longer held back).\n`);
    return { results: out, held, unpruned: 0 };
  }
  if (args.pruneSuppressions) io.stderr(`Suppressions in ${shown}: nothing to prune.\n`);
  if (stale > 0) {
    const [file, rules] = Object.entries(applied.stale)[0]!;
    const [rule, { count }] = Object.entries(rules)[0]!;
    const where = `${file}: ${plural(count, `${rule} error`)}, ${recorded[file]![rule]!.count} recorded${stale > 1 ? `; ${stale} counts in all` : ''}`;
    const what = `${shown} records more errors than are left (${where})`;
    if (args.passOnUnprunedSuppressions) io.stderr(`deluge lint: note: ${what}; --prune-suppressions lowers the counts.\n`);
    else io.stderr(`deluge: error[DLG0004] ${what}: run deluge lint --prune-suppressions to lower the counts, so that fixed errors cannot come back unnoticed (or --pass-on-unpruned-suppressions to go on).\n`);
  }
  return { results: out, held, unpruned: args.passOnUnprunedSuppressions ? 0 : stale };
}

/** Where the suppressions file is, and how messages name it. */
function suppressionsFileOf(args: BulkSuppressionArgs, io: { readonly cwd: string; readonly defaultFolder: string }): { location: string; shown: string } {
  const location = args.suppressionsLocation !== undefined ? resolve(io.cwd, args.suppressionsLocation) : join(io.defaultFolder, SUPPRESSIONS_FILE);
  return { location, shown: args.suppressionsLocation ?? posixRelative(io.cwd, location) };
}

/**
 * For `--fix`: per file linted (`results`, in the order of `inputs`), the rules whose errors the suppressions file
 * holds back there, which the fixes leave alone (their fixes are suggestions in the report, as for any problem held
 * back; fixed, they made the file's counts stale: exit 2). None while `--suppress-all` or `--suppress-rule` records.
 */
export function heldBackRules(
  args: BulkSuppressionArgs,
  inputs: readonly { readonly path: string; readonly isStdin: boolean }[],
  io: { readonly cwd: string; readonly defaultFolder: string },
  /** The files linted as they are (asked only when the suppressions file records something). */
  lintAll: () => readonly LintedFile[],
): readonly ReadonlySet<string>[] {
  const none = inputs.map(() => new Set<string>());
  if (args.suppressAll === true || (args.suppressRule ?? []).length > 0) return none;
  const { location, shown } = suppressionsFileOf(args, io);
  const recorded = readSuppressions(location, shown, args.suppressionsLocation !== undefined);
  if (Object.keys(recorded).length === 0) return none;
  const folder = dirname(location);
  return lintAll().map((result, i) => {
    const key = posixRelative(folder, resolve(io.cwd, result.file.path));
    if (inputs[i]!.isStdin || !Object.hasOwn(recorded, key) || result.program === undefined) return new Set<string>();
    return heldRules(recorded[key]!, errorsByRule(result.diagnostics));
  });
}

function readSuppressions(path: string, shown: string, mustExist: boolean): SuppressionCounts {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return {};
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ': no such file' : '';
    throw new UsageError('DLG0001', `cannot read the suppressions file '${shown}'${why}`);
  }
  const read = parseJsonFile(shown, text);
  if ('message' in read) throw new UsageError('DLG0004', read.message, read.location);
  try {
    return validSuppressions(read.value);
  } catch (error) {
    if (!(error instanceof SuppressionsFileError)) throw error;
    const found = error.path.length > 0 ? locateJson(text, error.path) : undefined;
    if (!found) throw new UsageError('DLG0004', `${shown}: ${error.message}`);
    throw new UsageError('DLG0004', error.message, { file: new SourceFile(shown, text), span: found.value });
  }
}

/** `path` relative to the folder `from`, with `/` on every system: how the file names files, and how it is named. */
function posixRelative(from: string, path: string): string {
  return relative(from, path).split(sep).join('/');
}
