import type { Rule } from '../rule.js';

/**
 * A comparison written as a statement. The parser reports it (DLG2015, a warning, as it does DLG2007's `=`); this rule
 * gives that warning a rule id, so that it can be switched off or made an error like any rule
 * (`--rule unused-comparison=off`), and offers its fix to `=` as a suggestion.
 */
export const rule: Rule = {
  meta: {
    id: 'unused-comparison',
    code: 'DLG2015',
    category: 'suspicious',
    severity: 'warning',
    fixable: 'unsafe',
    summary: 'A comparison written as a statement (`total == 0;`): its result is not used; `=` assigns.',
    docs: {
      what:
        'Reports a statement that is only a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`): `amount == ifnull(x, 0);`. When it is ' +
        '`==` with a variable or field on the left, the suggested fix writes `=` (a suggestion only: it changes what the statement does); ' +
        'other comparisons (`count < 10;`) are reported without a fix.',
      why:
        'The comparison is worked out and thrown away, so the statement does nothing; it is almost always an assignment with ' +
        'one `=` too many. Zoho documents assignments, calls and keyword statements, not a bare comparison.',
      invalid: ['x = null;\namount = 1;\namount == ifnull(x, 0);\ninfo amount;', 'total = 0;\ntotal == total + 5;\ninfo total;'],
      valid: ['x = null;\namount = ifnull(x, 0);\ninfo amount;', 'count = 1;\nsmall = count < 10;\ninfo small;'],
    },
  },
  // Nothing to visit: the parser has found every one (the linter gives them this rule's id and severity).
  create: () => ({}),
};
