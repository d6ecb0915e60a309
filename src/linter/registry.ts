import { CORRECTNESS_RULES } from './rules/_correctness.js';
import { DELETE_RECORDS_RULES } from './rules/_delete-records.js';
import { HTTP_RULES } from './rules/_http.js';
import type { Rule } from './rule.js';

/** Every lint rule, once. */
export const RULES: readonly Rule[] = [...CORRECTNESS_RULES, ...HTTP_RULES, ...DELETE_RECORDS_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

/** The rules whose problems the parser finds (`single-equals-comparison`, DLG2007), by code. */
let parserRules: Map<string, Rule> | undefined;

/** The rule that stands for a parser warning of this code (`lint` reports it under the rule's id), if any. */
export function parserRuleOf(code: string): Rule | undefined {
  parserRules ??= new Map(RULES.filter((rule) => rule.meta.code.startsWith('DLG2')).map((rule) => [rule.meta.code, rule]));
  return parserRules.get(code);
}
