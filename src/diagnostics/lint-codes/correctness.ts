import type { CodeInfo } from '../codes.js';

/**
 * Codes of the correctness lint rules (name = rule id, severity = default; a rule that is off by default has the
 * severity it gets when turned on without one, `warning`).
 */
export const CORRECTNESS_CODES = {
  DLG5001: { name: 'undefined-variable', severity: 'error', summary: 'A variable read before any value is assigned to it.' },
  DLG5002: { name: 'unused-variable', severity: 'warning', summary: 'A variable that is assigned but never read.' },
  DLG5003: { name: 'value-never-read', severity: 'warning', summary: 'A value assigned to a variable and overwritten before it is read.' },
  DLG5004: { name: 'unreachable-code', severity: 'warning', summary: 'Statements after `return`, `break`, `continue` or `throw` that never run.' },
  DLG5005: { name: 'duplicate-map-key', severity: 'error', summary: 'The same key twice in one map literal: the later value silently wins.' },
  DLG5006: { name: 'unknown-function', severity: 'error', summary: 'A call of a function or method that Deluge does not have.' },
  DLG5007: { name: 'wrong-arity', severity: 'error', summary: 'A function or method called with a number of arguments it never takes.' },
  DLG5008: { name: 'self-assignment', severity: 'warning', summary: 'A variable or field assigned to itself (`x = x;`).' },
  DLG5009: { name: 'constant-condition', severity: 'warning', summary: 'A condition whose value is always the same (`if (true)`, `if (1 == 1)`).' },
  DLG5010: { name: 'empty-block', severity: 'warning', summary: 'An empty `{ }` block (an empty `catch` hides errors).' },
  DLG5011: { name: 'null-unchecked', severity: 'warning', summary: 'A method called on a value that may be null (`getPrefix`, a response field) without a check.' },
  DLG5012: { name: 'loop-variable-reassigned', severity: 'warning', summary: 'The variable of a `for each` assigned inside its loop, or reused by an inner loop.' },
  DLG5013: { name: 'loop-list-modified', severity: 'warning', summary: 'The list a `for each` walks changed inside the loop (`add`, `remove`).' },
  DLG5014: { name: 'for-each-over-map', severity: 'error', summary: '`for each` over a map, which cannot be iterated: iterate its `keys()`.' },
  DLG5015: { name: 'duplicate-parameter', severity: 'error', summary: 'Two parameters of a function with the same name.' },
  DLG5016: { name: 'return-value-mismatch', severity: 'warning', summary: 'A `void` function returning a value, or a typed function returning none (a bare `return;`, or none at its end).' },
  DLG5017: { name: 'sendmail-missing-address', severity: 'error', summary: 'A `sendmail` block with no `from` or no `to`, or with one written as `""` or `null`.' },
  DLG5018: { name: 'empty-statement-body', severity: 'warning', summary: 'A `;` right after `if (…)`, `else` or `for each … in …`: the body is empty, and what follows runs whatever the condition, once.' },
  DLG5019: { name: 'duplicate-function', severity: 'error', summary: 'Two functions of one file with the same name: calls reach the first only.' },
} as const satisfies Record<string, CodeInfo>;
