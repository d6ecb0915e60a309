import { statementLists } from '../analysis/resolver.js';
import { codeInfo } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Comment, Program } from '../syntax/ast.js';
import type { Rule } from './rule.js';

/**
 * Inline suppressions, ESLint style:
 *
 *   // deluge-disable-next-line delete-too-many-ids, http-unchecked-response -- the list is cut to 100 above
 *   x = zoho.crm.deleteRecords(...);  // deluge-disable-line delete-too-many-ids
 *
 * `disable-next-line` covers the whole statement that begins on the next line, and `disable-line` after the end of
 * a statement the whole statement, however many lines it takes (an invokeurl block as `fmt` spreads it); neither
 * reaches into the body of an `if`, a loop or a `try`.
 *   /* deluge-disable http-unchecked-response *\/ … /* deluge-enable http-unchecked-response *\/
 *
 * Without ids a directive covers every rule. A rule is named by its id, its code (`DLG5012`) or, for the
 * parser's warnings, the code's name (`single-equals-comparison`). Everything after ` -- ` is the reason.
 * Either comment form works for every directive. Syntax errors are never suppressed.
 */

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface DirectiveId {
  readonly id: string;
  readonly span: Span;
}

export interface Directive {
  readonly kind: DirectiveKind;
  readonly comment: Comment;
  /** The rules named; empty: every rule. */
  readonly ids: readonly DirectiveId[];
  /** The text after ` -- `, if any. */
  readonly reason?: string;
}

/** A diagnostic a directive removed, with the directive's reason. */
export interface Suppressed {
  readonly diagnostic: Diagnostic;
  readonly directive: Directive;
  readonly reason?: string;
}

const DIRECTIVE = /^deluge-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;
const REASON_SEPARATOR = /(?:^|\s)-{2,}(?:\s|$)/;
const ID = /[^\s,]+/g;

/** The directive a comment holds, or undefined for an ordinary comment. */
export function parseDirective(comment: Comment): Directive | undefined {
  const text = comment.text;
  // Most comments are prose: passed over without slicing them.
  if (!text.includes('deluge-')) return undefined;
  const open = 2;
  const close = comment.kind === 'BlockComment' && text.endsWith('*/') ? text.length - 2 : text.length;
  const inner = text.slice(open, close);
  const lead = inner.length - inner.trimStart().length;
  const body = inner.slice(lead).trimEnd();
  const m = DIRECTIVE.exec(body);
  if (!m) return undefined;
  const rest = body.slice(m[0].length);
  const sep = REASON_SEPARATOR.exec(rest);
  const idsText = sep ? rest.slice(0, sep.index) : rest;
  const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
  const base = comment.span.start + open + lead + m[0].length;
  const ids: DirectiveId[] = [];
  for (const idMatch of idsText.matchAll(ID)) {
    const start = base + idMatch.index;
    ids.push({ id: idMatch[0], span: { start, end: start + idMatch[0].length } });
  }
  return { kind: m[1] as DirectiveKind, comment, ids, ...(reason ? { reason } : {}) };
}

export interface SuppressionOptions {
  readonly file: SourceFile;
  readonly comments: readonly Comment[];
  /** What the rules and the parser reported (sorted or not). */
  readonly diagnostics: readonly Diagnostic[];
  /** Names a directive may use without being reported as unknown: rule ids, codes, code names. */
  readonly isKnown: (id: string) => boolean;
  /** Rule ids that ran (a directive naming only rules that did not run is not reported as unused). */
  readonly isActive: (id: string) => boolean;
  /** Severity of unused-suppression diagnostics; 'off' reports none. */
  readonly unusedSeverity: 'error' | 'warning' | 'off';
  /** Severity of suppression-without-reason diagnostics (default 'off'). */
  readonly reasonSeverity?: 'error' | 'warning' | 'off';
  /**
   * The statement that begins on a line, if one does (the outermost): `disable-next-line` covers all of it, so that
   * a statement the formatter spreads over several lines (an invokeurl block) stays covered.
   */
  readonly statementAt?: (line: number) => Span | undefined;
  /** The statement that ends on a line, if one does: `disable-line` after its end covers all of it, likewise. */
  readonly statementEndingAt?: (line: number) => Span | undefined;
}

export interface SuppressionResult {
  /** The diagnostics left, plus one DLG5000 per unused directive or id. */
  readonly diagnostics: Diagnostic[];
  readonly suppressed: Suppressed[];
}

/** Does `id` (as written in a directive) name the rule or code of `d`? */
/** The rule a directive's id names, by the id rules and codes share (their code's name): `DLG5002` → `unused-variable`. */
function ruleNamed(id: string): string {
  return /^DLG\d+$/.test(id) ? (codeInfo(id)?.name ?? id) : id;
}

export function namesDiagnostic(id: string, d: Diagnostic): boolean {
  return id === d.ruleId || id === d.code || id === codeInfo(d.code)?.name;
}

/** Applies the directives of `comments` to `diagnostics`: see the module comment. */
export function applySuppressions(options: SuppressionOptions): SuppressionResult {
  const { file, diagnostics } = options;
  const directives = options.comments.map(parseDirective).filter((d): d is Directive => d !== undefined);
  if (directives.length === 0) return { diagnostics: [...diagnostics], suppressed: [] };

  const byLine = new Map<number, Directive[]>();
  const ranges: Directive[] = [];
  /**
   * `disable-next-line` over a statement that goes on past its first line, and `disable-line` after the end of one
   * that began on an earlier line: the statement's span.
   */
  const overStatements: { directive: Directive; span: Span }[] = [];
  for (const d of directives) {
    if (d.kind === 'disable' || d.kind === 'enable') ranges.push(d);
    else {
      const line = d.kind === 'disable-line' ? file.position(d.comment.span.start).line : file.position(d.comment.span.end).line + 1;
      const list = byLine.get(line) ?? [];
      list.push(d);
      byLine.set(line, list);
      const statement = d.kind === 'disable-next-line' ? options.statementAt?.(line) : options.statementEndingAt?.(line);
      // (A `disable-line` inside a statement, or before its end, covers its own line only.)
      if (statement && (d.kind === 'disable-next-line' || d.comment.span.start >= statement.end)) overStatements.push({ directive: d, span: statement });
    }
  }
  ranges.sort((a, b) => a.comment.span.start - b.comment.span.start);

  // Which ids of each directive suppressed something ('*' for a directive without ids).
  const used = new Map<Directive, Set<string>>(directives.map((d) => [d, new Set<string>()]));
  const markUsed = (directive: Directive, d: Diagnostic) => {
    const set = used.get(directive)!;
    if (directive.ids.length === 0) set.add('*');
    for (const { id } of directive.ids) if (namesDiagnostic(id, d)) set.add(id);
  };
  const concerns = (directive: Directive, d: Diagnostic) => directive.ids.length === 0 || directive.ids.some(({ id }) => namesDiagnostic(id, d));

  const kept: Diagnostic[] = [];
  const suppressed: Suppressed[] = [];
  for (const d of diagnostics) {
    if (d.ruleId === 'syntax' && d.severity === 'error') {
      kept.push(d);
      continue;
    }
    let by: Directive | undefined;
    for (const directive of byLine.get(file.position(d.span.start).line) ?? []) {
      if (concerns(directive, d)) {
        markUsed(directive, d);
        by ??= directive;
      }
    }
    for (const { directive, span } of overStatements) {
      if (d.span.start >= span.start && d.span.start < span.end && concerns(directive, d)) {
        markUsed(directive, d);
        by ??= directive;
      }
    }
    // The last range directive before the diagnostic that concerns its rule decides.
    for (let i = ranges.length - 1; i >= 0 && !by; i--) {
      const directive = ranges[i]!;
      if (directive.comment.span.start > d.span.start || !concerns(directive, d)) continue;
      if (directive.kind === 'disable') {
        markUsed(directive, d);
        by = directive;
      }
      break;
    }
    if (by) suppressed.push({ diagnostic: d, directive: by, ...(by.reason ? { reason: by.reason } : {}) });
    else kept.push(d);
  }

  const reasonSeverity = options.reasonSeverity ?? 'off';
  if (reasonSeverity !== 'off') {
    for (const directive of directives) {
      if (directive.kind === 'enable' || directive.reason) continue;
      const name = `deluge-${directive.kind}`;
      kept.push(
        diagnostic('DLG5410', directive.comment.span, `This '${name}' comment gives no reason: say why after ' -- ' (${name} ${directive.ids.map((i) => i.id).join(', ') || '<rule-id>'} -- why).`, {
          ruleId: 'suppression-without-reason',
          severity: reasonSeverity,
        }),
      );
    }
  }

  if (options.unusedSeverity !== 'off') {
    const severity = options.unusedSeverity;
    const report = (span: Span, message: string) =>
      kept.push(diagnostic('DLG5000', span, message, { ruleId: 'unused-suppression', severity }));
    for (const directive of directives) {
      const name = `deluge-${directive.kind}`;
      if (directive.kind === 'enable') {
        reportUnusedEnable(directive, ranges, options, report);
        continue;
      }
      const usedIds = used.get(directive)!;
      const where = directive.kind === 'disable-line' ? 'on this line' : directive.kind === 'disable-next-line' ? 'on the next line' : 'after it';
      if (directive.ids.length === 0) {
        if (!usedIds.has('*')) report(directive.comment.span, `This '${name}' comment suppresses nothing: no problem is reported ${where}; remove it.`);
        continue;
      }
      for (const { id, span } of directive.ids) {
        if (!options.isKnown(id)) report(span, `'${id}' is not a rule id or code (see 'deluge lint --list-rules'): fix or remove it.`);
        else if (options.isActive(id) && !usedIds.has(id)) report(span, `'${id}' reports no problem ${where}: remove it from this '${name}' comment.`);
      }
    }
  }
  return { diagnostics: kept, suppressed };
}

/** An enable is unused when nothing it names is disabled at that point. */
function reportUnusedEnable(
  enable: Directive,
  ranges: readonly Directive[],
  options: SuppressionOptions,
  report: (span: Span, message: string) => void,
): void {
  const before = ranges.filter((d) => d.comment.span.start < enable.comment.span.start);
  if (enable.ids.length === 0) {
    // Anything disabled since the last blanket enable?
    let open = false;
    for (const d of before) {
      if (d.kind === 'enable' && d.ids.length === 0) open = false;
      else if (d.kind === 'disable') open = true;
    }
    if (!open) report(enable.comment.span, "This 'deluge-enable' comment has no 'deluge-disable' before it to end: remove it.");
    return;
  }
  for (const { id, span } of enable.ids) {
    if (!options.isKnown(id)) {
      report(span, `'${id}' is not a rule id or code (see 'deluge lint --list-rules'): fix or remove it.`);
      continue;
    }
    let disabled = false;
    const rule = ruleNamed(id);
    for (const d of before) {
      if (d.ids.length !== 0 && !d.ids.some((x) => ruleNamed(x.id) === rule)) continue;
      disabled = d.kind === 'disable';
    }
    if (!disabled) report(span, `'${id}' is not disabled here: remove it from this 'deluge-enable' comment.`);
  }
}

/**
 * `unused-suppression` as a rule, for `--list-rules`, the docs and the SARIF rule table. Its diagnostics come
 * from `applySuppressions` (run by `lint`), not from visitors; its severity is set like any rule's.
 */
export const UNUSED_SUPPRESSION: Rule = {
  meta: {
    id: 'unused-suppression',
    code: 'DLG5000',
    category: 'suspicious',
    severity: 'warning',
    summary: 'A `deluge-disable` comment that suppresses nothing.',
    docs: {
      what:
        'Reports `deluge-disable-next-line`, `deluge-disable-line` and `deluge-disable` comments that suppress no problem, rule ids in them ' +
        'that name no rule, and `deluge-enable` comments with nothing to end. A comment naming only rules that are turned off is not reported.',
      why:
        'A suppression outlives the problem it was written for: once the code is fixed it silently hides the next real problem of that rule ' +
        'on the same line. A misspelt rule id suppresses nothing at all.',
      invalid: ['// deluge-disable-next-line -- nothing to hide here\ninfo "hello";\n', '// deluge-disable-next-line no-such-rule\ninfo "hello";\n'],
      valid: ['info "hello";\n', '// An ordinary comment that mentions deluge-disable in passing.\ninfo "hello";\n'],
    },
  },
  create: () => ({}),
};

/** `suppression-without-reason` as a rule (off by default, as tools that require reasons make it a choice): reported by `applySuppressions`. */
export const SUPPRESSION_WITHOUT_REASON: Rule = {
  meta: {
    id: 'suppression-without-reason',
    code: 'DLG5410',
    category: 'style',
    severity: 'off',
    summary: 'A `deluge-disable` comment that gives no reason after ` -- `.',
    docs: {
      what: 'Reports `deluge-disable-next-line`, `deluge-disable-line` and `deluge-disable` comments with no reason after ` -- `. Off by default; turn it on (`"suppression-without-reason": "warn"`) to require reasons.',
      why:
        'A suppression hides a problem the linter found; without a reason the next reader cannot tell a considered exception from a way to ' +
        'make CI pass, nor when it may be removed. ESLint takes reasons after ` -- `; Biome requires them.',
      invalid: ['// deluge-disable-next-line unused-variable\ntotal = 1;\n'],
      valid: ['// deluge-disable-next-line unused-variable -- kept for the next release\ntotal = 1;\n'],
    },
  },
  create: () => ({}),
};

/** Statements that hold blocks: a suppression above one covers its first line only, never its body. */
const WITH_BLOCKS = new Set(['IfStmt', 'ForEachStmt', 'WhileStmt', 'CStyleForStmt', 'TryStmt', 'TemplateStmt']);

/**
 * The statements without a block (an assignment, an invokeurl block, a call) by the line each begins on and by the
 * line each ends on: `deluge-disable-next-line` above one, and `deluge-disable-line` after its end, cover all of it,
 * however many lines it takes (an invokeurl block `fmt` spreads over several). By the first line, the outermost
 * statement; by the last, the one that begins first (any other ending there is on that line already).
 */
export interface StatementLines {
  readonly byFirstLine: Map<number, Span>;
  readonly byLastLine: Map<number, Span>;
}

export function statementLines(file: SourceFile, program: Program): StatementLines {
  const byFirstLine = new Map<number, Span>();
  const byLastLine = new Map<number, Span>();
  for (const list of statementLists(program)) {
    for (const statement of list.statements) {
      if (WITH_BLOCKS.has(statement.kind)) continue;
      const span = statement.span;
      const first = file.position(span.start).line;
      if (!byFirstLine.has(first)) byFirstLine.set(first, span);
      const last = file.position(Math.max(span.start, span.end - 1)).line;
      const known = byLastLine.get(last);
      if (!known || span.start < known.start) byLastLine.set(last, span);
    }
  }
  return { byFirstLine, byLastLine };
}
