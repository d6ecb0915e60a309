import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Bulk suppressions, as ESLint has them (`--suppress-all`, `--suppress-rule`, `eslint-suppressions.json`): a team
 * turns a rule on as an error and records the errors its code already has in a file kept in the repository; lint
 * then reports only new ones, and the recorded count of each file and rule only goes down.
 *
 * The file counts errors per file and rule, not positions, so that editing a file does not bring its recorded
 * errors back. A file's errors of a rule are all suppressed while there are no more of them than recorded, and all
 * reported once there are more (which ones are new cannot be told). Only errors are recorded: warnings do not fail
 * a run anyway, and syntax errors are never suppressed. A count above what the file now has is stale:
 * `--prune-suppressions` lowers it, so that fixed errors cannot come back unnoticed.
 */

/** The file's content: by path (relative to the file's folder, `/`-separated), by rule id, the errors recorded. */
export type SuppressionCounts = Record<string, Record<string, { count: number }>>;

export const SUPPRESSIONS_FILE = 'deluge-suppressions.json';

/** One linted file's problems, under the path the suppressions file knows it by. */
export interface CountedFile {
  readonly key: string;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Whether the file's errors of a rule were counted: the file parsed and the rule ran as an error. For any other (a
   * file with syntax errors, a rule turned off or down to a warning) no error says nothing: its recorded count is
   * neither stale nor rewritten.
   */
  readonly counts: (rule: string) => boolean;
}

/** Whether bulk suppression may record a problem: an error of a rule (never a syntax error). */
export function isSuppressible(d: Diagnostic): boolean {
  return d.severity === 'error' && d.ruleId !== undefined && d.ruleId !== 'syntax';
}

/** The suppressible errors of a file, counted by rule. */
export function errorsByRule(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (isSuppressible(d)) counts.set(d.ruleId!, (counts.get(d.ruleId!) ?? 0) + 1);
  return counts;
}

export interface BulkApplied {
  /** Per file, in order: what is still reported. */
  readonly reported: readonly (readonly Diagnostic[])[];
  /** Per file, in order: what the suppressions file held back. */
  readonly suppressed: readonly (readonly Diagnostic[])[];
  /** The stale entries of the files linted, with the count each should now have (0: the rule has no error there now). */
  readonly stale: SuppressionCounts;
}

/** Holds back the errors the suppressions file records, file by file and rule by rule. */
export function applyBulkSuppressions(files: readonly CountedFile[], recorded: SuppressionCounts): BulkApplied {
  const reported: Diagnostic[][] = [];
  const suppressed: Diagnostic[][] = [];
  const stale: SuppressionCounts = {};
  for (const { key, diagnostics, counts } of files) {
    const entry = Object.hasOwn(recorded, key) ? recorded[key]! : undefined;
    if (entry === undefined) {
      reported.push([...diagnostics]);
      suppressed.push([]);
      continue;
    }
    const found = errorsByRule(diagnostics);
    const held = heldRules(entry, found);
    for (const rule of Object.keys(entry)) {
      const now = found.get(rule) ?? 0;
      if (now < entry[rule]!.count && counts(rule)) (stale[key] ??= {})[rule] = { count: now };
    }
    const kept: Diagnostic[] = [];
    const back: Diagnostic[] = [];
    for (const d of diagnostics) (isSuppressible(d) && held.has(d.ruleId!) ? back : kept).push(d);
    reported.push(kept);
    suppressed.push(back);
  }
  return { reported, suppressed, stale };
}

/** The rules whose errors a file's entry holds back: those with no more errors (`found`, by rule) than it records. */
export function heldRules(entry: Readonly<Record<string, { count: number }>>, found: ReadonlyMap<string, number>): Set<string> {
  const held = new Set<string>();
  for (const [rule, count] of found) if (Object.hasOwn(entry, rule) && count <= entry[rule]!.count) held.add(rule);
  return held;
}

/**
 * The file after `--suppress-all` (`rules` undefined) or `--suppress-rule` over the files linted: each file's count
 * of each chosen rule becomes what it has now (entries of other files and other rules stay as they were).
 */
export function recordSuppressions(recorded: SuppressionCounts, files: readonly CountedFile[], rules?: ReadonlySet<string>): SuppressionCounts {
  const next = copy(recorded);
  for (const { key, diagnostics, counts } of files) {
    const entry: Record<string, { count: number }> = { ...(next[key] ?? {}) };
    const found = errorsByRule(diagnostics);
    const chosen = (rule: string) => (rules === undefined || rules.has(rule)) && counts(rule);
    for (const [rule, count] of found) if (chosen(rule)) entry[rule] = { count };
    // A chosen rule the file no longer breaks has nothing left to hold back.
    for (const rule of Object.keys(entry)) if (chosen(rule) && !found.has(rule)) delete entry[rule];
    if (Object.keys(entry).length > 0) next[key] = entry;
    else delete next[key];
  }
  return next;
}

/** The file with its stale counts lowered (and entries at 0 removed): `--prune-suppressions`. */
export function pruneSuppressions(recorded: SuppressionCounts, stale: SuppressionCounts): SuppressionCounts {
  const next = copy(recorded);
  for (const [key, rules] of Object.entries(stale)) {
    const entry = next[key];
    if (entry === undefined) continue;
    for (const [rule, { count }] of Object.entries(rules)) {
      if (count > 0) entry[rule] = { count };
      else delete entry[rule];
    }
    if (Object.keys(entry).length === 0) delete next[key];
  }
  return next;
}

/** The number of errors a set of counts records, and of files. */
export function countsTotal(counts: SuppressionCounts): { errors: number; files: number } {
  let errors = 0;
  for (const rules of Object.values(counts)) for (const { count } of Object.values(rules)) errors += count;
  return { errors, files: Object.keys(counts).length };
}

/** The file's text: keys sorted, so that the file changes only where counts do and merges stay small. */
export function serializeSuppressions(counts: SuppressionCounts): string {
  const sorted: SuppressionCounts = {};
  for (const key of Object.keys(counts).sort()) {
    const rules: Record<string, { count: number }> = {};
    for (const rule of Object.keys(counts[key]!).sort()) rules[rule] = { count: counts[key]![rule]!.count };
    sorted[key] = rules;
  }
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Where in the suppressions file a wrong entry is (for a code frame), and what is wrong. */
export class SuppressionsFileError extends Error {
  constructor(
    message: string,
    readonly path: readonly string[],
  ) {
    super(message);
  }
}

/** Checks the parsed JSON of a suppressions file: `{"<path>": {"<rule-id>": {"count": <whole number ≥ 1>}}}`. */
export function validSuppressions(parsed: unknown): SuppressionCounts {
  const shape = '{"path/to/file.dg": {"rule-id": {"count": 2}}}';
  if (!isObject(parsed)) throw new SuppressionsFileError(`a suppressions file is an object: ${shape}`, []);
  for (const [key, rules] of Object.entries(parsed)) {
    if (!isObject(rules)) throw new SuppressionsFileError(`"${key}" must be an object of rule ids: ${shape}`, [key]);
    for (const [rule, value] of Object.entries(rules)) {
      const count = isObject(value) ? value.count : undefined;
      if (!(typeof count === 'number' && Number.isInteger(count) && count >= 1)) {
        throw new SuppressionsFileError(`"${key}" → "${rule}" must be {"count": N}, N a whole number of errors (1 or more)`, [key, rule]);
      }
    }
  }
  return parsed as SuppressionCounts;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function copy(counts: SuppressionCounts): SuppressionCounts {
  const out: SuppressionCounts = {};
  for (const [key, rules] of Object.entries(counts)) {
    out[key] = {};
    for (const [rule, { count }] of Object.entries(rules)) out[key]![rule] = { count };
  }
  return out;
}
