import { CORRECTNESS_RULES } from './rules/_correctness.js';
import { DELETE_RECORDS_RULES } from './rules/_delete-records.js';
import { HTTP_RULES } from './rules/_http.js';
import type { Rule } from './rule.js';

/** Every lint rule, once. */
export const RULES: readonly Rule[] = [...CORRECTNESS_RULES, ...HTTP_RULES, ...DELETE_RECORDS_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
