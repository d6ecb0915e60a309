import type { Rule } from '../rule.js';

/**
 * `=` comparing inside a condition. The parser reports it (DLG2007: it is the parser that tells a condition's `=`
 * from an assignment, by the token it reads); this rule gives that warning a rule id, so that it can be switched off
 * or made an error like any rule (`--rule single-equals-comparison=off`), and lets `--fix` write `==`.
 */
export const rule: Rule = {
  meta: {
    id: 'single-equals-comparison',
    code: 'DLG2007',
    category: 'suspicious',
    severity: 'warning',
    fixable: 'safe',
    summary: 'A single `=` comparing inside a condition: Zoho accepts it, `==` says it clearly.',
    docs: {
      what: 'Reports `=` used as a comparison in the condition of an `if`, of the `if(…, …, …)` function or of a record query (`if (status = "Open")`, `Orders[Status = "Open"]`); the fix writes `==`.',
      why:
        'Zoho reads `=` in a condition as `==`, so the script works; but it reads like an assignment to anyone who knows another ' +
        'language (or Deluge outside conditions), and a reader cannot tell a slip from the intent. `==` means the same there.',
      invalid: ['status = "Open";\nif (status = "Open")\n{\n\tinfo "open";\n}', 'amount = 10;\nlabel = if(amount = 0, "none", "some");\ninfo label;'],
      valid: ['status = "Open";\nif (status == "Open")\n{\n\tinfo "open";\n}', 'status = "Open";\nmatches = status == "Open";\ninfo matches;'],
    },
  },
  // Nothing to visit: the parser has found every one (the linter gives them this rule's id and severity).
  create: () => ({}),
};
