/**
 * The one registry of diagnostic codes. Codes are stable: tests, docs and users' suppressions refer to them.
 * Ranges: DLG0xxx command line and configuration, DLG1xxx lexing, DLG2xxx parsing, DLG3xxx resolving, DLG4xxx runtime, DLG5xxx lint, DLG6xxx emit.
 */
export type Severity = 'error' | 'warning';

import { CORRECTNESS_CODES } from './lint-codes/correctness.js';
import { DELETE_RECORDS_CODES } from './lint-codes/delete-records.js';
import { HTTP_CODES } from './lint-codes/http.js';

export interface CodeInfo {
  /** kebab-case name, used as `ruleId` for non-lint diagnostics' docs. */
  readonly name: string;
  readonly severity: Severity;
  /** One line: what the code means. */
  readonly summary: string;
}

export const CODES = {
  // Command line
  DLG0001: { name: 'unreadable-file', severity: 'error', summary: 'An input file that does not exist or cannot be read.' },
  DLG0002: { name: 'usage', severity: 'error', summary: 'An unknown command or flag, or a flag with a bad value.' },
  DLG0003: { name: 'unwritable-file', severity: 'error', summary: 'An output file or folder that cannot be written.' },
  DLG0004: { name: 'bad-config', severity: 'error', summary: 'A configuration file (`deluge.config.json`) that is not valid JSON or has a wrong setting.' },
  DLG0005: { name: 'unknown-connection', severity: 'error', summary: 'A script names a connection that `deluge.connections.json` does not define.' },
  DLG0006: { name: 'bad-connections', severity: 'error', summary: 'A connections file that is not valid, or a connection missing a setting (an unset `${ENV}` variable, no client id).' },
  DLG0007: { name: 'authorization-failed', severity: 'error', summary: 'A connection could not get a token (invalid client, revoked refresh token, throttled token endpoint).' },
  // Lexing
  DLG1001: { name: 'unexpected-character', severity: 'error', summary: 'A character that cannot start any Deluge token.' },
  DLG1002: { name: 'unterminated-string', severity: 'error', summary: 'A text literal that is never closed.' },
  DLG1003: { name: 'unterminated-comment', severity: 'error', summary: 'A /* block comment */ that is never closed.' },
  DLG1004: { name: 'smart-quotes', severity: 'error', summary: 'Typographic quotes (“ ” ‘ ’) used where straight quotes are needed.' },
  // Parsing
  DLG2001: { name: 'missing-semicolon', severity: 'error', summary: 'A statement is not ended with `;`.' },
  DLG2002: { name: 'unexpected-token', severity: 'error', summary: 'A token the grammar does not allow here.' },
  DLG2003: { name: 'unclosed-bracket', severity: 'error', summary: 'A `(`, `[` or `{` that is never closed.' },
  DLG2004: { name: 'unmatched-bracket', severity: 'error', summary: 'A closing bracket with no matching opening one.' },
  DLG2005: { name: 'no-while-loop', severity: 'error', summary: 'Deluge has no `while` loop.' },
  DLG2006: { name: 'no-c-style-for', severity: 'error', summary: 'Deluge has no C-style `for (…; …; …)` loop.' },
  DLG2007: { name: 'single-equals-comparison', severity: 'warning', summary: 'A single `=` comparing inside a condition: Zoho accepts it, `==` says it clearly.' },
  DLG2008: { name: 'task-parameter-comma', severity: 'error', summary: 'Parameters of a task block (`invokeurl [...]`) separated by commas.' },
  DLG2009: { name: 'no-ternary-operator', severity: 'error', summary: 'Deluge has no `?:` operator.' },
  DLG2010: { name: 'invalid-assignment-target', severity: 'error', summary: 'The left side of `=` is not a variable or a field.' },
  DLG2011: { name: 'mixed-collection-literal', severity: 'error', summary: 'A `{…}` literal mixing `key: value` entries and plain elements.' },
  DLG2012: { name: 'no-increment-operator', severity: 'error', summary: 'Deluge has no `++` or `--` operator.' },
  DLG2014: { name: 'nesting-too-deep', severity: 'error', summary: 'Brackets or expressions nested too deeply to parse (hundreds of levels).' },
  DLG2013: { name: 'missing-condition-parentheses', severity: 'error', summary: 'An `if` condition not wrapped in parentheses.' },
  // Runtime (deluge run): catchable by try/catch unless marked as a limit or an unsupported feature
  DLG4001: { name: 'type-mismatch', severity: 'error', summary: 'An operator or function applied to a value of the wrong type.' },
  DLG4002: { name: 'division-by-zero', severity: 'error', summary: 'Division or remainder by zero.' },
  DLG4003: { name: 'index-out-of-range', severity: 'error', summary: 'A list or text index below zero or past the end.' },
  DLG4004: { name: 'invalid-conversion', severity: 'error', summary: 'A value that cannot be converted (`"12a".toNumber()`, `"".toDecimal()`).' },
  DLG4005: { name: 'null-value', severity: 'error', summary: 'A function applied to a null value (`Value is empty and … cannot be applied`).' },
  DLG4006: { name: 'unknown-function', severity: 'error', summary: 'A function or method that does not exist for the value it is called on.' },
  DLG4007: { name: 'wrong-arguments', severity: 'error', summary: 'A function called with the wrong number or types of arguments.' },
  DLG4008: { name: 'undefined-variable', severity: 'error', summary: 'A variable read before any value was assigned to it.' },
  DLG4009: { name: 'thrown', severity: 'error', summary: 'An error raised by the script with `throw` and not caught.' },
  DLG4010: { name: 'statement-limit', severity: 'error', summary: 'The script executed more statements than allowed (`--max-statements`, default 200,000).' },
  DLG4011: { name: 'call-depth-limit', severity: 'error', summary: 'Function calls nested deeper than 75 (unbounded recursion).' },
  DLG4012: { name: 'time-limit', severity: 'error', summary: 'The script ran longer than allowed (`--timeout`).' },
  DLG4013: { name: 'unsupported-statement', severity: 'error', summary: 'A statement of another Zoho product (Creator forms, pages) that `deluge run` cannot perform.' },
  DLG4014: { name: 'unsupported-task', severity: 'error', summary: 'An integration task with no local implementation and no stub (`zoho.books.*`, `zoho.cliq.*`, …).' },
  DLG4015: { name: 'invalid-date', severity: 'error', summary: 'Text that is not a valid date-time, or a date-time pattern that cannot be used.' },
  DLG4016: { name: 'invalid-json', severity: 'error', summary: 'Text that is not valid JSON where JSON is required (`toMap`, `getJSON`, `toJSONList`).' },
  DLG4017: { name: 'number-overflow', severity: 'error', summary: 'A NUMBER result outside the 64-bit range.' },
  DLG4018: { name: 'invalid-argument', severity: 'error', summary: 'An argument of the right type but an unusable value (a negative length, an end before the start).' },
  DLG4019: { name: 'unknown-user-function', severity: 'error', summary: 'A call to a function (`standalone.f`) defined neither in the script nor in `--functions`.' },
  DLG4020: { name: 'collection-kind', severity: 'error', summary: 'A collection used both as a list and as a map.' },
  DLG4021: { name: 'invalid-pattern', severity: 'error', summary: 'A regular expression that cannot be compiled.' },
  DLG4024: { name: 'request-failed', severity: 'error', summary: 'A request got no response: the host could not be reached, the connection broke, or it timed out (40 s).' },
  DLG4025: { name: 'delete-not-confirmed', severity: 'error', summary: 'A DELETE to a real host without consent (`--yes`, or a confirmation on a terminal): stopped before sending it.' },
  DLG4026: { name: 'interrupted', severity: 'error', summary: 'The run was interrupted (Ctrl-C) between requests; the request in flight completed.' },
  DLG4022: { name: 'not-iterable', severity: 'error', summary: '`for each` over a value that is not a list, a text or a collection.' },
  // Lint (one code per rule; DLG50xx correctness, DLG52xx HTTP and security, DLG54xx Delete Records, deprecated, style)
  DLG5000: { name: 'unused-suppression', severity: 'warning', summary: 'A `deluge-disable` comment that suppresses nothing.' },
  ...CORRECTNESS_CODES,
  ...HTTP_CODES,
  ...DELETE_RECORDS_CODES,
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;

export function codeInfo(code: string): CodeInfo | undefined {
  return (CODES as Record<string, CodeInfo>)[code];
}
