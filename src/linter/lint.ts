import { withMemoScope } from '../analysis/memo.js';
import { treeIndexOf, type TreeIndex } from '../analysis/tree-index.js';
import { CODES } from '../diagnostics/codes.js';
import { diagnostic, byPosition, type Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceFile } from '../source/source-file.js';
import type { Node, Program } from '../syntax/ast.js';
import { parse } from '../syntax/parse.js';
import { parserRuleOf, RULES } from './registry.js';
import type { Report, Rule, RuleSeverity, Visitors } from './rule.js';
import { applySuppressions, statementLines, type StatementLines, type Suppressed } from './suppressions.js';

export interface LintOptions {
  /** Severity per rule id, over the rules' defaults (`deluge.config.json` `lint.rules`, then `--rule`). */
  readonly rules?: Readonly<Record<string, RuleSeverity>>;
  /** Treat the text as pasted from Zoho's docs (see `parse`). */
  readonly docs?: boolean | 'auto';
  /** The rules to run (default: every registered rule); tests pass one. */
  readonly only?: readonly Rule[];
}

export interface LintedFile {
  readonly file: SourceFile;
  /** The program, or undefined when the text has syntax errors (then only those are reported). */
  readonly program: Program | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** What suppression comments removed (with their reasons); empty when the text has syntax errors. */
  readonly suppressed?: readonly Suppressed[];
}

/** Every name a suppression comment may use: codes and their names (rule ids are code names). */
let knownNames: Set<string> | undefined;
function isKnownName(id: string): boolean {
  knownNames ??= new Set(Object.entries(CODES).flatMap(([code, info]) => [code, info.name]));
  return knownNames.has(id);
}

/** A parser warning that a rule stands for, with that rule's id and configured severity (none when it is off). */
function asRuleDiagnostic(d: Diagnostic, severities: LintOptions['rules']): Diagnostic[] {
  if (d.severity !== 'warning') return [d];
  const rule = parserRuleOf(d.code);
  if (!rule) return [d];
  const severity = severities?.[rule.meta.id] ?? rule.meta.severity;
  return severity === 'off' ? [] : [{ ...d, ruleId: rule.meta.id, severity }];
}


type Visit = (node: Node) => void;

const NO_SEVERITIES: Readonly<Record<string, RuleSeverity>> = {};

/** By rule list, then by severity table: the rules they enable, each with its severity. */
const enabledByRules = new WeakMap<readonly Rule[], WeakMap<object, readonly { rule: Rule; severity: 'error' | 'warning' }[]>>();

/**
 * The rules of `rules` that `severities` leaves on, with their severities: worked out once per list and table, since a
 * run lints every file with the same ones (looking 43 ids up in the table cost more per file than the rest of the setup).
 */
function enabledRules(rules: readonly Rule[], severities: Readonly<Record<string, RuleSeverity>>): readonly { rule: Rule; severity: 'error' | 'warning' }[] {
  let byTable = enabledByRules.get(rules);
  if (!byTable) enabledByRules.set(rules, (byTable = new WeakMap()));
  let enabled = byTable.get(severities);
  if (!enabled) {
    enabled = rules.flatMap((rule) => {
      const severity = severities[rule.meta.id] ?? rule.meta.severity;
      return severity === 'off' ? [] : [{ rule, severity }];
    });
    byTable.set(severities, enabled);
  }
  return enabled;
}

/** The lower-case names of each rule's `calls` (a rule names the same calls in every file: worked out once). */
const callKeys = new WeakMap<Rule, readonly string[]>();

/** Hands every node of the index, in walk order, to the visitors of its kind, keeping `parents` up to date. */
function dispatch(index: TreeIndex, parents: Node[], byKind: ReadonlyMap<string, Visit[]>, everyCall: Visit[], byCallName: ReadonlyMap<string, Visit[]>): void {
  const { nodes, parent } = index;
  // The most frequent kinds get a loop of their own: a call site that only ever calls the few visitors of one kind
  // is one the engine can make fast, where one site calling every rule's visitors cannot be.
  const NONE: Visit[] = [];
  const identifiers = byKind.get('Identifier') ?? NONE;
  const members = byKind.get('MemberExpr') ?? NONE;
  const strings = byKind.get('StringLiteral') ?? NONE;
  const numbers = byKind.get('NumberLiteral') ?? NONE;
  const binaries = byKind.get('BinaryExpr') ?? NONE;
  const assignments = byKind.get('AssignStmt') ?? NONE;
  const nameLengths = new Set([...byCallName.keys()].map((name) => name.length));
  const chain: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const up = parent[i]!;
    while (chain.length > 0 && chain[chain.length - 1] !== up) {
      chain.pop();
      parents.pop();
    }
    const node = nodes[i]!;
    switch (node.kind) {
      case 'Identifier':
        for (let v = 0; v < identifiers.length; v++) identifiers[v]!(node);
        break;
      case 'MemberExpr':
        for (let v = 0; v < members.length; v++) members[v]!(node);
        break;
      case 'StringLiteral':
        for (let v = 0; v < strings.length; v++) strings[v]!(node);
        break;
      case 'CallExpr': {
        // The visitors of every call, then those of calls of this name.
        for (let v = 0; v < everyCall.length; v++) everyCall[v]!(node);
        if (byCallName.size === 0) break;
        // Most calls are of none of the names: a name of none of their lengths is passed over without lower-casing it.
        const name = node.callee.kind === 'Identifier' ? node.callee.name : node.callee.property.name;
        if (!nameLengths.has(name.length)) break;
        const named = byCallName.get(name.toLowerCase());
        if (named) for (let v = 0; v < named.length; v++) named[v]!(node);
        break;
      }
      case 'NumberLiteral':
        for (let v = 0; v < numbers.length; v++) numbers[v]!(node);
        break;
      case 'BinaryExpr':
        for (let v = 0; v < binaries.length; v++) binaries[v]!(node);
        break;
      case 'AssignStmt':
        for (let v = 0; v < assignments.length; v++) assignments[v]!(node);
        break;
      default: {
        const visitors = byKind.get(node.kind);
        if (visitors) for (let v = 0; v < visitors.length; v++) visitors[v]!(node);
      }
    }
    chain.push(i);
    parents.push(node);
  }
  parents.length = 0;
}

/**
 * Lints one file: parses it (syntax errors end there: rules need a whole tree), traverses the tree once and lets
 * every enabled rule look at the nodes it asked for. Suppression comments are applied afterwards.
 */
export function lint(path: string, text: string, options: LintOptions = {}): LintedFile {
  // What the rules share about this file (index, resolution, tables) lives only as long as this call.
  return withMemoScope(() => lintFile(path, text, options));
}

function lintFile(path: string, text: string, options: LintOptions): LintedFile {
  const file = new SourceFile(path, text);
  // Only the tree and the diagnostics are kept: the parse's tokens, held while the rules run, were copied by every
  // minor collection meanwhile.
  const { value: program, diagnostics: parseDiagnostics } = parse(text, { docs: options.docs ?? 'auto' });
  const syntax = parseDiagnostics.flatMap((d) => asRuleDiagnostic(d, options.rules));
  if (syntax.some((d) => d.severity === 'error' && d.ruleId === 'syntax')) {
    // The syntax errors, and the parser's warnings with the suppression comments applied to them (a tree recovered from
    // errors has the comments); no rule ran, so no comment is reported unused.
    const { diagnostics } = withSuppressions(file, program, syntax, options, undefined);
    return { file, program: undefined, diagnostics: diagnostics.sort(byPosition) };
  }
  const found: Diagnostic[] = [...syntax];
  const parents: Node[] = [];
  const active: { rule: Rule; severity: 'error' | 'warning'; visitors: Visitors }[] = [];
  for (const { rule, severity } of enabledRules(options.only ?? RULES, options.rules ?? NO_SEVERITIES)) {
    const report = (r: Report) =>
      found.push(diagnostic(rule.meta.code, r.span, r.message, { ruleId: rule.meta.id, severity, ...(r.fix ? { fix: r.fix } : {}) }));
    active.push({ rule, severity, visitors: rule.create({ file, program, parents, report }) });
  }
  // One traversal for every rule: the tree is flattened once (the shared index that rules look things up in),
  // then each node is handed to the visitors of its kind, gathered once in rule order. `parents` (the array every
  // rule's context holds) is kept as the loop goes rather than copied at each node.
  const byKind = new Map<string, Visit[]>();
  // Calls: the visitors of every call, and by name the visitors of calls of that name.
  const everyCall: Visit[] = [];
  const byCallName = new Map<string, Visit[]>();
  for (const { rule, visitors } of active) {
    for (const kind in visitors) {
      if (kind === 'Program:exit' || kind === 'calls') continue;
      const visit = visitors[kind as keyof Visitors];
      if (typeof visit !== 'function') continue;
      if (kind === 'CallExpr') {
        everyCall.push(visit as Visit);
        continue;
      }
      const list = byKind.get(kind);
      if (list) list.push(visit as Visit);
      else byKind.set(kind, [visit as Visit]);
    }
    if (visitors.calls) {
      const visit = visitors.calls.visit as Visit;
      let keys = callKeys.get(rule);
      if (!keys) callKeys.set(rule, (keys = [...new Set(visitors.calls.names.map((name) => name.toLowerCase()))]));
      for (const key of keys) {
        const list = byCallName.get(key);
        if (list) list.push(visit);
        else byCallName.set(key, [visit]);
      }
    }
  }
  if (active.length) dispatch(treeIndexOf(program), parents, byKind, everyCall, byCallName);
  for (const { visitors } of active) visitors['Program:exit']?.(program);
  const { diagnostics, suppressed } = withSuppressions(file, program, found, options, active.map((a) => a.rule));
  return { file, program, diagnostics: withoutCovered(diagnostics).sort(byPosition), suppressed };
}

/** The diagnostics less those the file's suppression comments silence, and what those comments say of themselves. */
function withSuppressions(file: SourceFile, program: Program, found: readonly Diagnostic[], options: LintOptions, ran: readonly Rule[] | undefined): ReturnType<typeof applySuppressions> {
  // Asked only when the file has suppression comments.
  let statements: StatementLines | undefined;
  const names = (rules: readonly Rule[]) => new Set(rules.flatMap((rule) => [rule.meta.id, rule.meta.code]));
  let ranNames: Set<string> | undefined;
  let only: Set<string> | undefined;
  return applySuppressions({
    file,
    comments: program.comments,
    diagnostics: found,
    isKnown: (id) => isKnownName(id) || (only ??= names(options.only ?? [])).has(id),
    // The parser always runs: its warnings' names count as active.
    isActive: (id) => (ranNames ??= names(ran ?? [])).has(id) || (isKnownName(id) && !RULES.some((rule) => rule.meta.id === id || rule.meta.code === id)),
    statementAt: (line) => (statements ??= statementLines(file, program)).byFirstLine.get(line),
    statementEndingAt: (line) => (statements ??= statementLines(file, program)).byLastLine.get(line),
    // With no rule run (`ran` undefined: syntax errors), no comment can be told unused.
    unusedSeverity: ran === undefined ? 'off' : (options.rules?.['unused-suppression'] ?? 'warning'),
    reasonSeverity: options.rules?.['suppression-without-reason'] ?? 'off',
  });
}

/** Rule id → the ids of the rules it covers (`RuleMeta.covers`), for the rules that cover any. */
let coveredBy: Map<string, ReadonlySet<string>> | undefined;

/** The diagnostics less each that a rule covering it (`RuleMeta.covers`) reported at the very same span. */
function withoutCovered(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  coveredBy ??= new Map(RULES.filter((rule) => rule.meta.covers?.length).map((rule) => [rule.meta.id, new Set(rule.meta.covers)]));
  const covering = diagnostics.filter((d) => d.ruleId !== undefined && coveredBy!.has(d.ruleId));
  if (covering.length === 0) return [...diagnostics];
  const covered = (d: Diagnostic) =>
    d.ruleId !== undefined && covering.some((c) => c !== d && c.span.start === d.span.start && c.span.end === d.span.end && coveredBy!.get(c.ruleId!)!.has(d.ruleId!));
  return diagnostics.filter((d) => !covered(d));
}
