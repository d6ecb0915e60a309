import type { Rule } from '../rule.js';

/** The delete-records rules, in the order `--list-rules` shows them. */
export const DELETE_RECORDS_RULES: readonly Rule[] = [];
