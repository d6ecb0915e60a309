/**
 * The one registry of diagnostic codes. Codes are stable: tests, docs and users' suppressions refer to them.
 * Ranges: DLG0xxx command line and configuration, DLG1xxx lexing, DLG2xxx parsing, DLG3xxx resolving, DLG4xxx runtime, DLG5xxx lint, DLG6xxx emit.
 */
export type Severity = 'error' | 'warning';

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
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;

export function codeInfo(code: string): CodeInfo | undefined {
  return (CODES as Record<string, CodeInfo>)[code];
}
