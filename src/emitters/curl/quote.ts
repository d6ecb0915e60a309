/**
 * Writing one argument (a "word") for a shell so that the shell hands curl exactly its characters, and expands
 * the variables in it (tokens, placeholders). The rules, per shell, are in docs/emit.md ("Quoting").
 */
import type { Shell } from '../emitter.js';

/** A piece of an argument: literal text, or an environment variable the shell expands. */
export type Segment = { readonly text: string } | { readonly variable: string };
export type Word = readonly Segment[];

export const text = (t: string): Segment => ({ text: t });
export const variable = (name: string): Segment => ({ variable: name });

/** Something the shell cannot carry exactly: reported as DLG6007 by the caller. */
export interface QuoteProblem {
  readonly character: string;
}

/** httpsnippet's class of characters that need no quotes in a POSIX shell. */
const POSIX_BARE = /^[A-Za-z0-9\-_/.@%^=:]+$/;
/**
 * No `@` (splatting), `%`, `^` or a leading digit (a number literal), which PowerShell reads in argument mode; no
 * `.` after a leading `-`: PowerShell splits `-v.1=x` at the `.` into two arguments (PowerShell/PowerShell#6291).
 */
const POWERSHELL_BARE = /^(?:[A-Za-z][A-Za-z0-9\-_/.:=]*|-[A-Za-z0-9\-_/:=]*)$/;
const CMD_BARE = /^[A-Za-z0-9\-_/.:=@,+]+$/;

/** Characters that keep their meaning inside POSIX double quotes, plus `!` (bash history) and control characters. */
const POSIX_DQ_UNSAFE = /[$`\\"!\x00-\x1f\x7f]/;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
const IDENTIFIER_CHAR = /^[A-Za-z0-9_]/;

export function quoteWord(word: Word, shell: Shell, problems: QuoteProblem[] = []): string {
  const merged = mergeText(word);
  switch (shell) {
    case 'posix':
    case 'bash':
      return posixWord(merged, shell, problems);
    case 'powershell':
      return powershellWord(merged, problems);
    case 'cmd':
      return cmdWord(merged, problems);
  }
}

/** Adjacent text segments joined, empty ones dropped. */
function mergeText(word: Word): Segment[] {
  const out: Segment[] = [];
  for (const s of word) {
    const last = out[out.length - 1];
    if ('text' in s) {
      if (s.text === '') continue;
      if (last && 'text' in last) out[out.length - 1] = { text: last.text + s.text };
      else out.push(s);
    } else out.push(s);
  }
  return out;
}

function dropNul(t: string, problems: QuoteProblem[]): string {
  if (!t.includes('\0')) return t;
  problems.push({ character: 'NUL' });
  return t.replaceAll('\0', '');
}

// ── POSIX sh and bash ────────────────────────────────────────────────────────────────────────────────────────

function posixWord(word: Segment[], shell: 'posix' | 'bash', problems: QuoteProblem[]): string {
  if (word.length === 0) return "''";
  const only = word[0]!;
  if (word.length === 1 && 'text' in only && POSIX_BARE.test(only.text)) return only.text;
  // A word with variables and plain text reads best in one pair of double quotes: "Authorization: … $TOKEN".
  if (word.some((s) => 'variable' in s) && word.every((s) => !('text' in s) || !POSIX_DQ_UNSAFE.test(s.text))) {
    return `"${word.map((s, i) => ('text' in s ? s.text : posixVariable(s.variable, word[i + 1]))).join('')}"`;
  }
  return word.map((s) => ('text' in s ? posixText(dropNul(s.text, problems), shell) : `"$${s.variable}"`)).join('');
}

function posixVariable(name: string, next: Segment | undefined): string {
  return next && 'text' in next && IDENTIFIER_CHAR.test(next.text) ? `\${${name}}` : `$${name}`;
}

/**
 * Literal text: single quotes (`'` as `'\''`). Line breaks and tabs stay as they are inside the quotes. Other control
 * characters cannot be typed readably: bash writes the whole text as `$'…'`; POSIX sh inserts them with
 * `"$(printf '\ooo')"` (exact, and POSIX; only a trailing line break would be lost, and line breaks are not written so).
 */
function posixText(t: string, shell: 'posix' | 'bash'): string {
  if (t === '') return '';
  if (shell === 'bash' && (CONTROL.test(t) || t.includes('\n'))) return ansiC(t);
  if (!CONTROL.test(t)) return singleQuoted(t);
  return t
    .split(/([\x00-\x08\x0b-\x1f\x7f]+)/)
    .map((piece, i) => (i % 2 === 0 ? (piece ? singleQuoted(piece) : '') : `"$(printf '${[...piece].map(octal).join('')}')"`))
    .join('');
}

function octal(ch: string): string {
  return `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`;
}

function singleQuoted(t: string): string {
  return `'${t.replaceAll("'", "'\\''")}'`;
}

/** bash's `$'…'`: `\n`, `\t`, `\r`, `\\`, `\'` and `\xHH` for the other control characters. */
function ansiC(t: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\\': '\\\\', "'": "\\'" };
  let out = "$'";
  for (const ch of t) {
    const code = ch.charCodeAt(0);
    out += named[ch] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch);
  }
  return `${out}'`;
}

// ── PowerShell ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * PowerShell 7.3+ passes native arguments as written (`$PSNativeCommandArgumentPassing = 'Standard'`): single
 * quotes (`'` doubled) for plain text; double quotes with backtick escapes when the word has variables
 * (`$env:NAME`) or control characters.
 */
function powershellWord(word: Segment[], problems: QuoteProblem[]): string {
  if (word.length === 0) return "''";
  const only = word[0]!;
  if (word.length === 1 && 'text' in only) {
    const t = dropNul(only.text, problems);
    if (POWERSHELL_BARE.test(t)) return t;
    // Typographic single quotes close a PowerShell single-quoted string too: each is doubled like `'`.
    if (!/[\x00-\x1f\x7f]/.test(t)) return `'${t.replace(/['\u2018\u2019\u201A\u201B]/g, '$&$&')}'`;
  }
  let out = '"';
  word.forEach((s, i) => {
    if ('variable' in s) {
      const next = word[i + 1];
      // Braced where the text after it would go on the name: PowerShell reads letters and digits of any script, `_`,
      // `:` and `?` as part of it (`$env:ID?fields=x` is the variable `ID?fields`).
      out += next && 'text' in next && /^[\p{L}\p{N}_:?]/u.test(next.text) ? `\${env:${s.variable}}` : `$env:${s.variable}`;
      return;
    }
    for (const ch of dropNul(s.text, problems)) out += powershellChar(ch);
  });
  return `${out}"`;
}

function powershellChar(ch: string): string {
  switch (ch) {
    case '`':
    case '"':
    case '$':
      return `\`${ch}`;
    case '\n':
      return '`n';
    case '\r':
      return '`r';
    case '\t':
      return '`t';
    case '\u201C':
    case '\u201D':
    case '\u201E':
      // PowerShell treats typographic double quotes as quotes too.
      return `\`${ch}`;
    default: {
      const code = ch.charCodeAt(0);
      return code < 0x20 || code === 0x7f ? `$([char]0x${code.toString(16).padStart(2, '0')})` : ch;
    }
  }
}

// ── Windows cmd ──────────────────────────────────────────────────────────────────────────────────────────────

/** Characters cmd leaves alone outside quotes. */
const CMD_LITERAL = /[A-Za-z0-9 \t_\-:=+~'/.,?;*`@$#{}[\]\\\u0080-\uffff]/;

/**
 * cmd hands the command line to curl.exe, whose C runtime splits it (backslashes double only before a `"`; a `"`
 * inside is `\"`). Plain double quotes are enough for text without `"`, `\`, `%`, `!` or control characters. Anything
 * else is written as Chrome's "Copy as cURL (cmd)" does: every quote as `^"`, so cmd never enters a quoted
 * stretch, and every character cmd would act on escaped with `^`; `%` before a name character as `%^` (cmd finds
 * no variable and drops the caret); a line break as `^` + two line breaks. Variables stay `%NAME%`.
 */
function cmdWord(word: Segment[], problems: QuoteProblem[]): string {
  if (word.length === 0) return '""';
  const only = word[0]!;
  if (word.length === 1 && 'text' in only && CMD_BARE.test(only.text)) return only.text;
  const plain = word.every((s) => !('text' in s) || !/[%"!\\\x00-\x1f\x7f]/.test(s.text));
  if (plain) return `"${word.map((s) => ('text' in s ? s.text : `%${s.variable}%`)).join('')}"`;
  // The C runtime's layer first: `"` → `\"`, backslashes before a quote (or before the closing one) doubled.
  const pieces = word.map((s) => ('text' in s ? { text: crtEscape(cmdText(s.text, problems)) } : s));
  const last = pieces[pieces.length - 1]!;
  if ('text' in last) pieces[pieces.length - 1] = { text: last.text.replace(/(\\+)$/, '$1$1') };
  let out = '^"';
  for (const p of pieces) {
    if ('variable' in p) {
      out += `%${p.variable}%`;
      continue;
    }
    const t = p.text;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i]!;
      if (ch === '\n') out += '^\n\n';
      else if (ch === '%') out += /[A-Za-z0-9_]/.test(t[i + 1] ?? '') ? '%^' : '^%';
      else out += CMD_LITERAL.test(ch) ? ch : `^${ch}`;
    }
  }
  return `${out}^"`;
}

/** cmd cannot carry a NUL, a carriage return or another control character (a line break and a tab it can). */
function cmdText(t: string, problems: QuoteProblem[]): string {
  const clean = dropNul(t, problems);
  if (clean.includes('\r')) problems.push({ character: 'carriage return' });
  if (/[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(clean)) problems.push({ character: 'control character' });
  return clean.replace(/[\x01-\x08\x0b-\x1f\x7f]/g, '');
}

function crtEscape(t: string): string {
  return t.replace(/(\\*)"/g, (_all, slashes: string) => `${slashes}${slashes}\\"`);
}

// ── Comments and line continuation ───────────────────────────────────────────────────────────────────────────

export function commentLine(shell: Shell, line: string): string {
  const flat = line.replace(/[\r\n]+/g, ' ');
  if (shell !== 'cmd') return flat === '' ? '#' : `# ${flat}`;
  // cmd would still act on redirections and `&` after REM in some positions: keep them out.
  return `REM ${flat.replace(/[&|<>^%]/g, ' ')}`.trimEnd();
}

export function continuation(shell: Shell): string {
  switch (shell) {
    case 'posix':
    case 'bash':
      return ' \\\n  ';
    case 'powershell':
      return ' `\n  ';
    case 'cmd':
      return ' ^\n  ';
  }
}
