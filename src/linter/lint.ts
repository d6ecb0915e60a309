import { diagnostic, byPosition, type Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceFile } from '../source/source-file.js';
import type { Node, Program } from '../syntax/ast.js';
import { parse } from '../syntax/parse.js';
import { walk } from '../syntax/walk.js';
import { RULES } from './registry.js';
import type { Report, Rule, RuleSeverity, Visitors } from './rule.js';

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
}

/**
 * Lints one file: parses it (syntax errors end there: rules need a whole tree), walks the tree once and lets
 * every enabled rule look at the nodes it asked for. Suppression comments are applied afterwards.
 */
export function lint(path: string, text: string, options: LintOptions = {}): LintedFile {
  const file = new SourceFile(path, text);
  const parsed = parse(text, { docs: options.docs ?? 'auto' });
  const syntax = parsed.diagnostics;
  if (syntax.some((d) => d.severity === 'error')) return { file, program: undefined, diagnostics: syntax };
  const program = parsed.value;
  const found: Diagnostic[] = [...syntax];
  const parents: Node[] = [];
  const active: { rule: Rule; severity: 'error' | 'warning'; visitors: Visitors }[] = [];
  for (const rule of options.only ?? RULES) {
    const severity = options.rules?.[rule.meta.id] ?? rule.meta.severity;
    if (severity === 'off') continue;
    const report = (r: Report) =>
      found.push(diagnostic(rule.meta.code, r.span, r.message, { ruleId: rule.meta.id, severity, ...(r.fix ? { fix: r.fix } : {}) }));
    active.push({ rule, severity, visitors: rule.create({ file, program, parents, report }) });
  }
  walk(program, {
    enter(node, chain) {
      parents.length = 0;
      parents.push(...chain);
      for (const { visitors } of active) {
        const visit = (visitors as Record<string, ((n: Node) => void) | undefined>)[node.kind];
        visit?.(node);
      }
    },
  });
  for (const { visitors } of active) visitors['Program:exit']?.(program);
  return { file, program, diagnostics: found.sort(byPosition) };
}
