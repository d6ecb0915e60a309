import type { Rule } from '../rule.js';

/** The http rules, in the order `--list-rules` shows them. */
export const HTTP_RULES: readonly Rule[] = [];
