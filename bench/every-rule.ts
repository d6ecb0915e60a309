import type { Rule, RuleSeverity } from '../src/linter/rule.js';

/**
 * The lint benches' settings: every rule on, the style rules that are off by default included (as warnings), so
 * that "lint with all rules" runs all of them, not only the default set.
 */
export function everyRuleOn(rules: readonly Rule[]): Record<string, RuleSeverity> {
  return Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.severity === 'off' ? 'warning' : rule.meta.severity]));
}
