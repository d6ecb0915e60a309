import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { TextEdit } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { CallExpr, Node, NodeKind, Program } from '../syntax/ast.js';

/**
 * A lint rule: metadata (which the docs, `--list-rules` and the SARIF rule table are generated from) and a
 * `create` that returns visitors by node kind. One rule per file in `src/linter/rules/<id>.ts`; the file name is the id.
 */
export type RuleCategory = 'correctness' | 'suspicious' | 'http' | 'security' | 'delete-records' | 'deprecated' | 'style';

export type RuleSeverity = 'error' | 'warning' | 'off';

export interface RuleDocs {
  /** What the rule reports, in a sentence or two. */
  readonly what: string;
  /** Why it matters: the bug it catches, with the Zoho page where one applies. */
  readonly why: string;
  /** Scripts the rule must report (each is checked by a test: at least one diagnostic of this rule). */
  readonly invalid: readonly string[];
  /** Scripts the rule must not report (checked by a test: no diagnostic of this rule). */
  readonly valid: readonly string[];
}

export interface RuleMeta {
  /** kebab-case, equal to the file name: `delete-too-many-ids`. */
  readonly id: string;
  /** The stable code (a DLG5xxx of the code registry). */
  readonly code: DiagnosticCode;
  readonly category: RuleCategory;
  /** Default severity; rules about unchecked responses are warnings; style rules are off. */
  readonly severity: RuleSeverity;
  /** `safe`: `--fix` applies it; `unsafe`: offered as a suggestion only; absent: no fix. */
  readonly fixable?: 'safe' | 'unsafe';
  /** One line for tables (`--list-rules`, SARIF `shortDescription`). */
  readonly summary: string;
  readonly docs: RuleDocs;
  /**
   * Rules whose report at the very span of one of this rule's is the same problem seen from another side, answered by
   * the same fix: that report is left out (`resp.get("data")` of an unchecked response is response-unchecked's; the
   * null it may be is null-unchecked's, gone once the response is checked). A suppressed report covers nothing.
   */
  readonly covers?: readonly string[];
}

export interface Report {
  readonly span: Span;
  readonly message: string;
  readonly fix?: TextEdit;
}

export interface RuleContext {
  readonly file: SourceFile;
  readonly program: Program;
  /** The chain of nodes from the root to the parent of the node being visited. */
  readonly parents: readonly Node[];
  report(report: Report): void;
}

export type Visitors = {
  readonly [K in NodeKind]?: (node: Extract<Node, { kind: K }>) => void;
} & {
  /** After the whole program was walked (rules that collect first and report at the end). */
  readonly 'Program:exit'?: (program: Program) => void;
  /**
   * Calls of some names only — `getUrl(…)`, `x.put(…)`: the name called, or for `a.b.name(…)` its last part,
   * compared in lower case — as ESLint's `CallExpression[callee.name=…]`. Most nodes are calls, and most calls
   * concern a rule that looks for a few names not at all: the linter picks the calls by name once for every rule
   * (a filter before the rule's own tests, which stay in `visit`). The names must be the same for every file.
   */
  readonly calls?: { readonly names: readonly string[]; readonly visit: (call: CallExpr) => void };
};

export interface Rule {
  readonly meta: RuleMeta;
  create(context: RuleContext): Visitors;
}
