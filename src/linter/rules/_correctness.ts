import type { Rule } from '../rule.js';

/** The correctness rules, in the order `--list-rules` shows them. */
export const CORRECTNESS_RULES: readonly Rule[] = [];
