/**
 * The shell layer of `deluge import`: pasted text → commands → words, for the three shells curl commands are
 * copied for. bash/zsh words are decoded by `shell-quote` (quotes, escapes, `$'…'`, `$VAR`); this module only finds
 * where each word and command starts and ends, so every word keeps its span in the pasted text. Windows cmd (`^`
 * escapes and continuations, then the C runtime's `"`/`\` rules) and PowerShell (backtick escapes and
 * continuations, `''` and `""` in quotes) have no parser on npm, so they are read here.
 */
import { parse as shellParse } from 'shell-quote';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { span, type Span } from '../../source/span.js';

export type Shell = 'posix' | 'cmd' | 'powershell';

/** A piece of a word: literal text, a variable the shell would expand, or a command substitution kept as text. */
export type WordPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'env'; readonly name: string; readonly raw: string }
  | { readonly kind: 'substitution'; readonly raw: string };

export interface Word {
  readonly parts: readonly WordPart[];
  readonly span: Span;
}

export interface Command {
  readonly words: readonly Word[];
  readonly span: Span;
  /** How the command was separated from the one before it. */
  readonly after: 'start' | 'newline' | 'pipe' | 'separator';
  /** Spans of redirections (`> out.json`, `2>&1`, `< in`), which the importer ignores. */
  readonly redirects: readonly Span[];
  /** What a here-document (`<<'EOF'`) or here-string (`<<<`) feeds the command: `-d @-` reads it. */
  readonly stdin?: string;
  /** `< file`: the file whose content is the command's input. */
  readonly stdinFile?: string;
  /** The word of a here-string (`<<< "$BODY"`): its variables are reported as any word's. */
  readonly stdinWord?: Word;
}

export interface ShellWords {
  readonly shell: Shell;
  readonly commands: readonly Command[];
}

/** The text of a word, with each variable written `${NAME}` (the form the importer keeps in the script). */
export function wordText(word: Word): string {
  return word.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'env' ? `\${${p.name}}` : p.raw)).join('');
}

/** Only literal text: no variable, no substitution. */
export function isLiteral(word: Word): boolean {
  return word.parts.every((p) => p.kind === 'text');
}

const NEWLINE = /\r\n|\n|\r/y;

/** Splits pasted text into commands and words, after cleaning what copying from a page or a document adds. */
export function shellWords(input: string, shell: Shell | 'auto' = 'auto'): { value: ShellWords; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let text = stripPrompts(stripCopiedPrefix(input));
  text = normaliseSpaces(text, diagnostics);
  const chosen = shell === 'auto' ? detectShell(text) : shell;
  text = replaceSmartQuotes(text, chosen, diagnostics);
  const commands = chosen === 'cmd' ? cmdCommands(text, diagnostics) : chosen === 'powershell' ? powershellCommands(text, diagnostics) : posixCommands(text, diagnostics);
  return { value: { shell: chosen, commands }, diagnostics };
}

/**
 * Zoho's docs pages put a "Copied" button label right before the sample; a paste often carries it, at the start of
 * the text or (with the heading above it selected too) of a later line. Replaced by spaces: columns stay right.
 */
function stripCopiedPrefix(text: string): string {
  return text.replace(/^([ \t]*)Copied(?=curl\b)/gm, (_all, indent: string) => `${indent}${' '.repeat(6)}`);
}

/**
 * A terminal's prompt pasted before `curl` (`$ `, `% `, `> `, `user@host:~$ `, `PS C:\> `, `C:\Users\me>`): replaced by
 * spaces, so that columns stay right. (A `>` alone would otherwise be read as a redirection.) Not `# `: a `#` starts a
 * comment, and `# curl -X DELETE …` is a command commented out.
 */
function stripPrompts(text: string): string {
  return text.replace(/^([ \t]*)(PS [^>\r\n]*>|[A-Za-z]:\\[^>\r\n]*>|[\w.-]+@[\w.-]+:[^$#\r\n]*[$#]|[$%>])(?=[ \t]*curl(?:\.exe)?\b)/gim, (_all, indent: string, prompt: string) => `${indent}${' '.repeat(prompt.length)}`);
}

/** Non-breaking and other Unicode spaces (from web pages and documents) separate words as a space would. */
function normaliseSpaces(text: string, diagnostics: Diagnostic[]): string {
  const odd = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
  const first = odd.exec(text);
  if (!first) return text;
  diagnostics.push(
    diagnostic('DLG6127', span(first.index, first.index + 1), 'a non-breaking or other Unicode space (pasted from a web page) was read as an ordinary space', { ruleId: 'import' }),
  );
  return text.replace(odd, ' ');
}

/**
 * The shell the text was written for, from evidence that the shell's own syntax holds, never from quoted data: the
 * text is scanned with bash's quoting rules (`'…'`, `$'…'`, `"…"` with `\` escapes, `\` outside quotes; comments,
 * cmd's `REM` lines among them, skipped) and only what bash would not take as data counts. A `^"` or `$env:` in a
 * single-quoted body (`--data-raw '{"sep":"^\""}'`) is text in bash, so it cannot make the command cmd or
 * PowerShell, as it once did (a DELETE read as a GET of `http://'https://…`).
 *
 * - bash: a line ending with `\`;
 * - cmd: a line ending with `^`, `^"` (Chrome's "Copy as cURL (cmd)" quoting) outside bash's quotes;
 * - PowerShell: a line ending with a backtick, `curl.exe` as a command, `$env:` where bash would expand a variable.
 *
 * Line ends count outside single quotes (bash joins a `\`-continued line inside double quotes too). cmd or
 * PowerShell is chosen only when its evidence outweighs bash's and the other's; with none, or a tie, bash: the
 * common case, and the shell of curl's own documentation.
 */
export function detectShell(text: string): Shell {
  const evidence = { posix: 0, cmd: 0, powershell: 0 };
  const lineEnd = (i: number): boolean => i + 1 >= text.length || isNewlineAt(text, i + 1) || /^[ \t]+(?:\r\n|\n|\r|$)/.test(text.slice(i + 1, i + 64));
  const continuation = (c: string): void => {
    if (c === '\\') evidence.posix++;
    else if (c === '^') evidence.cmd++;
    else if (c === '`') evidence.powershell++;
  };
  let quote: '' | "'" | '"' | "$'" = '';
  let wordStart = true;
  // Inside bash's `…` (a command substitution, outside quotes): its closing backtick, at a line end or not,
  // is no PowerShell continuation (`curl … -d @- < \`echo body.json\`` was once read as PowerShell).
  let substitution = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'" || quote === "$'") {
      if (c === '\\' && quote === "$'") i++;
      else if (c === "'") quote = '';
      continue;
    }
    if (c === '`' && quote === '' && substitution) {
      substitution = false;
      continue;
    }
    if ((c === '\\' || c === '^' || c === '`') && lineEnd(i)) {
      continuation(c);
      continue;
    }
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = '';
      else if (c === '$' && /^\$env:[A-Za-z_]/i.test(text.slice(i, i + 6))) evidence.powershell++;
      continue;
    }
    const atWordStart = wordStart;
    wordStart = /[\s;&|()]/.test(c);
    if (c === '\\') i++;
    else if (c === '`' && /\S/.test(text[i + 1] ?? '')) substitution = true;
    else if (c === "'") quote = "'";
    else if (c === '"') quote = '"';
    else if (c === '$' && text[i + 1] === "'") {
      quote = "$'";
      i++;
    } else if (atWordStart && (c === '#' || (/^(?:rem(?=[ \t\r\n]|$)|::)/i.test(text.slice(i, i + 4)) && commandStart(text, i)))) {
      // A comment, bash's or PowerShell's (`#`) or cmd's (`REM`, `::`): prose, whose apostrophes are no quotes.
      while (i + 1 < text.length && !isNewlineAt(text, i + 1)) i++;
    } else if (c === '^' && text[i + 1] === '"') evidence.cmd++;
    else if (c === '$' && /^\$env:[A-Za-z_]/i.test(text.slice(i, i + 6))) evidence.powershell++;
    else if (atWordStart && /^curl\.exe(?=[\s;|&]|$)/i.test(text.slice(i, i + 9)) && commandStart(text, i)) evidence.powershell++;
  }
  const { posix, cmd, powershell } = evidence;
  if (cmd > Math.max(posix, powershell)) return 'cmd';
  if (powershell > Math.max(posix, cmd)) return 'powershell';
  return 'posix';
}

/** Whether the word at `i` is a command's first: at a line start, after `;`, `|`, `&`, or a prompt (`$ `, `PS C:\> `). */
function commandStart(text: string, i: number): boolean {
  // Read backwards from `i` over blanks only: a search of the text before it for each word grew with the square of a
  // long paste (20,000 `REM` lines took 20 s).
  const before = previousNonBlank(text, i);
  if (before < 0 || '\r\n;|&(>'.includes(text[before]!)) return true;
  if (text[before] !== '$') return false;
  const beforePrompt = previousNonBlank(text, before);
  return beforePrompt < 0 || text[beforePrompt] === '\n' || text[beforePrompt] === '\r';
}

/** The position of the last character before `i` that is not a space or a tab; -1 when there is none. */
function previousNonBlank(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j;
}

const SMART_DOUBLE = new Set(['\u201c', '\u201d', '\u201e']);
const SMART_SINGLE_OPEN = '\u2018';
const SMART_SINGLE_CLOSE = '\u2019';

/**
 * Typographic quotes (a paste from a document or a chat) where the shell needs straight ones: each pair outside
 * ASCII quotes becomes the straight quote that keeps its content as it is (single quotes when the content holds a
 * double quote or a `$`). Every replacement is one UTF-16 unit for one, so spans still point into the paste.
 * PowerShell's text is left as it is: PowerShell reads them as quotes itself (see `readPowershellWord`).
 */
function replaceSmartQuotes(text: string, shell: Shell, diagnostics: Diagnostic[]): string {
  if (shell === 'powershell') return text;
  const chars = [...text.split('')];
  // `$'` is bash's ANSI-C quote, inside which `\` escapes (`\'` too), as in Chrome's `$'{"a":"it\'s"}'`.
  let quote: '"' | "'" | "$'" | undefined;
  let wordStart = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (quote) {
      if (c === quote || (c === "'" && quote === "$'")) quote = undefined;
      else if (c === '\\' && shell === 'posix' && quote !== "'") i++;
      continue;
    }
    const atWordStart = wordStart;
    wordStart = /[\s;&|()<>]/.test(c);
    if (c === '#' && atWordStart && shell === 'posix') {
      // A bash comment (`# Don't …`) is prose: its apostrophes open no quote, which would hide the quotes after it.
      while (i + 1 < chars.length && chars[i + 1] !== '\n' && chars[i + 1] !== '\r') i++;
      continue;
    }
    if (c === '$' && chars[i + 1] === "'" && shell === 'posix') {
      quote = "$'";
      i++;
      continue;
    }
    if (c === '"' || (c === "'" && shell !== 'cmd')) {
      quote = c;
      continue;
    }
    if (c === '\\' && shell === 'posix') {
      i++;
      continue;
    }
    const double = SMART_DOUBLE.has(c);
    if (!double && c !== SMART_SINGLE_OPEN) continue;
    // The closing quote: a ’ followed by a letter is an apostrophe (`‘O’Neil’`); the text may go on over lines (a JSON
    // body pasted from a document), up to a blank line or a line that starts another curl command.
    let close = -1;
    for (let j = i + 1; j < chars.length; j++) {
      const d = chars[j]!;
      if (double ? SMART_DOUBLE.has(d) : d === SMART_SINGLE_CLOSE && !/[\p{L}\p{N}]/u.test(chars[j + 1] ?? '')) {
        close = j;
        break;
      }
      if ((d === '\n' || d === '\r') && /^(?:\r?\n|\r)?[ \t]*(?:$|\r|\n|curl\b)/.test(chars.slice(j + 1, j + 12).join(''))) break;
    }
    if (close < 0) continue;
    const content = chars.slice(i + 1, close).join('');
    const straight = straightQuote(content, double, shell);
    const where = span(i, close + 1);
    if (!straight) {
      diagnostics.push(
        diagnostic('DLG6108', where, 'typographic quotes around a text that holds both kinds of straight quote: type the quoting again with straight quotes', { ruleId: 'import', severity: 'error' }),
      );
      continue;
    }
    diagnostics.push(
      diagnostic('DLG6108', where, `typographic quotes ${c}…${chars[close]} were read as ${straight}…${straight}: type straight quotes in a shell`, {
        ruleId: 'import',
        fix: { span: where, text: `${straight}${content}${straight}` },
      }),
    );
    chars[i] = straight;
    chars[close] = straight;
    i = close;
  }
  return chars.join('');
}

function straightQuote(content: string, double: boolean, shell: Shell): string | undefined {
  const hasDouble = content.includes('"');
  const hasSingle = content.includes("'");
  if (shell === 'cmd') return hasDouble ? undefined : '"';
  const literalNeeded = hasDouble || (shell === 'posix' ? /[$`\\]/.test(content) : /[$`]/.test(content));
  if (!hasSingle && (literalNeeded || !double)) return "'";
  if (!hasDouble) return '"';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// bash / zsh

const BLANK = /[ \t\v\f]/;
const POSIX_WORD_END = /[\s;&|<>()]/;

/** Word boundaries by bash's rules; each word's text (line continuations removed) is decoded by shell-quote. */
function posixCommands(text: string, diagnostics: Diagnostic[]): Command[] {
  const commands: Command[] = [];
  let words: Word[] = [];
  let redirects: Span[] = [];
  let stdin: string | undefined;
  let stdinFile: string | undefined;
  let stdinWord: Word | undefined;
  let after: Command['after'] = 'start';
  let start = -1;
  /** Here-documents opened on the current line: their bodies start on the next one. */
  let heredocs: { delimiter: string; stripTabs: boolean; quoted: boolean }[] = [];
  let i = 0;
  const finish = (next: Command['after']): void => {
    if (words.length > 0 || redirects.length > 0) {
      const last = Math.max(words.at(-1)?.span.end ?? 0, redirects.at(-1)?.end ?? 0);
      commands.push({ words, span: span(start, last), after, redirects, ...(stdin !== undefined && { stdin }), ...(stdinFile !== undefined && { stdinFile }), ...(stdinWord !== undefined && { stdinWord }) });
      after = next;
    } else if (commands.length > 0 && !(next === 'newline' && after === 'pipe')) {
      after = next;
    }
    words = [];
    redirects = [];
    stdin = undefined;
    stdinFile = undefined;
    stdinWord = undefined;
    start = -1;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (BLANK.test(c)) {
      i++;
      continue;
    }
    if (c === '\\' && isNewlineAt(text, i + 1)) {
      i = skipNewline(text, i + 1);
      continue;
    }
    if (c === '\\' && BLANK.test(text[i + 1] ?? '')) {
      // `… \ -H '…'` on one line: a docs page's `\`-continued lines whose line breaks were lost in the copy. bash
      // would make ` -H` a URL (and the header after it another); read as the line break it was.
      const from = i;
      i++;
      while (i < text.length && BLANK.test(text[i]!)) i++;
      if (words.length > 0 && !isNewlineAt(text, i) && i < text.length) {
        diagnostics.push(
          diagnostic('DLG6111', span(from, from + 1), "'\\' and a space in the middle of a line: a line break lost when the command was copied, read as one; a shell would make the space part of the next word", { ruleId: 'import' }),
        );
      }
      continue;
    }
    if (c === '\n' || c === '\r') {
      i = skipNewline(text, i);
      for (const doc of heredocs) {
        const body = readHeredoc(text, i, doc.delimiter, doc.stripTabs);
        if (doc.quoted) {
          stdin = body.text;
        } else {
          // `<<EOF`: the shell expands the body as it would a text in double quotes (`"` aside).
          const word = expandedHeredoc(body.text, span(i, body.end), diagnostics);
          stdin = wordText(word);
          stdinWord = word;
        }
        i = body.end;
      }
      heredocs = [];
      finish('newline');
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const redirect = /^(?:<<<|<<-?|\d*>&\d*-?|&>>?|\d*>>?|\d*<)/.exec(text.slice(i, i + 5));
    if (redirect) {
      const from = i;
      const op = redirect[0];
      i += op.length;
      if (!/>&\d*-?$/.test(op)) {
        while (i < text.length && BLANK.test(text[i]!)) i++;
        const target = readPosixWord(text, i, diagnostics);
        const here = op.startsWith('<<<');
        const word = decodePosixWord(target.raw, span(i, target.end), here ? target.substitutions : [], here ? diagnostics : []);
        const value = wordText(word);
        if (here) {
          stdin = `${value}\n`;
          stdinWord = word;
        }
        else if (op.startsWith('<<')) heredocs.push({ delimiter: value, stripTabs: op === '<<-', quoted: /['"\\]/.test(target.raw) });
        else if (/^0?<$/.test(op)) stdinFile = value;
        i = Math.max(target.end, i);
      }
      if (start < 0) start = from;
      // A here-document, a here-string or `< file` is the command's input (`-d @-` reads it), not a redirection to ignore.
      if (!op.startsWith('<<') && !/^0?<$/.test(op)) redirects.push(span(from, i));
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      const op = /^(?:\|\||&&|\|&|;;|[;&|()])/.exec(text.slice(i, i + 2))![0];
      i += op.length;
      finish(op === '|' || op === '|&' ? 'pipe' : 'separator');
      continue;
    }
    const word = readPosixWord(text, i, diagnostics);
    if (word.end === i) {
      // A character no rule above takes (a stray control character): skip it rather than loop.
      i++;
      continue;
    }
    if (start < 0) start = i;
    words.push(decodePosixWord(word.raw, span(i, word.end), word.substitutions, diagnostics));
    i = word.end;
  }
  finish('separator');
  return commands;
}

/**
 * The body of a here-document whose delimiter is not quoted (`<<EOF`), as the shell expands it: as a text in double
 * quotes, but for `"`, which is no quote there and `\"` no escape. It is written as such a text and read as any word
 * is (`$NAME`, `${NAME:-default}` and `\$` as there); what shell-quote would read otherwise is done here: `` \` `` and a
 * `\` at a line's end, the running shell's own parameters (`$1`, `$$`: kept as written) and command substitutions
 * (`$(…)`, backticks: kept as text, DLG6110).
 */
function expandedHeredoc(body: string, where: Span, diagnostics: Diagnostic[]): Word {
  const asText = (text: string): string => text.replace(/[\\"$]/g, (ch) => `\\${ch}`);
  let raw = '';
  let substituted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    const next = body[i + 1];
    if (c === '\\' && next !== undefined) {
      raw += next === '`' ? '`' : next === '\n' ? '' : next === '"' ? asText('\\"') : c + next;
      i++;
    } else if (c === '"') {
      raw += asText(c);
    } else if (c === '$' && next !== undefined && '0123456789#?$!@*-'.includes(next)) {
      raw += asText(c + next);
      diagnostics.push(diagnostic('DLG6109', where, `'${c + next}' in the here-document is a parameter of the running shell, which has no value here: kept as written; replace it`, { ruleId: 'import' }));
      i++;
    } else if ((c === '$' && next === '(') || c === '`') {
      const close = c === '`' ? body.indexOf('`', i + 1) : -1;
      const end = c === '`' ? (close < 0 ? body.length : close + 1) : closingParen(body, i + 2);
      raw += asText(body.slice(i, end));
      substituted = true;
      i = end - 1;
    } else raw += c;
  }
  if (substituted) {
    diagnostics.push(diagnostic('DLG6110', where, 'a command substitution in the here-document cannot be run while importing; it is kept as text: replace it with its value', { ruleId: 'import' }));
  }
  return decodePosixWord(`"${raw}"`, where, [], diagnostics);
}

/** The body of a here-document: the lines up to the delimiter line. */
function readHeredoc(text: string, from: number, delimiter: string, stripTabs: boolean): { text: string; end: number } {
  let body = '';
  let i = from;
  while (i < text.length) {
    NEWLINE.lastIndex = i;
    let lineEnd = i;
    while (lineEnd < text.length && !isNewlineAt(text, lineEnd)) lineEnd++;
    const line = stripTabs ? text.slice(i, lineEnd).replace(/^\t+/, '') : text.slice(i, lineEnd);
    const next = lineEnd < text.length ? skipNewline(text, lineEnd) : lineEnd;
    if (line === delimiter) return { text: body, end: next };
    body += `${line}\n`;
    i = next;
  }
  return { text: body, end: i };
}

interface RawWord {
  /** The word's source text without its line continuations, unquoted `#` escaped for shell-quote. */
  readonly raw: string;
  readonly end: number;
  readonly substitutions: readonly Span[];
}

function readPosixWord(text: string, from: number, diagnostics: Diagnostic[]): RawWord {
  let raw = '';
  let i = from;
  const substitutions: Span[] = [];
  while (i < text.length && !POSIX_WORD_END.test(text[i]!)) {
    const c = text[i]!;
    if (c === '\\') {
      if (isNewlineAt(text, i + 1)) {
        i = skipNewline(text, i + 1);
        continue;
      }
      raw += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'" || (c === '$' && text[i + 1] === "'")) {
      const open = c === '$' ? i + 1 : i;
      const close = c === '$' ? closingAnsiQuote(text, open + 1) : text.indexOf("'", open + 1);
      if (close < 0) return unterminated(text, i, raw, diagnostics, substitutions);
      if (c === '$') {
        const decoded = utf8ByteEscapesDecoded(text.slice(i, close + 1));
        if (decoded.strayBytes) {
          diagnostics.push(
            diagnostic('DLG6137', span(i, close + 1), "a byte escape here is not part of UTF-8 text: curl sends the byte, the script the character of that code (its UTF-8 bytes); write the character itself if that is what is meant", { ruleId: 'import' }),
          );
        }
        raw += decoded.text;
      } else raw += text.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    // `$"…"` is bash's translated string: with no message catalogue, as a double-quoted one.
    if (c === '$' && text[i + 1] === '"') {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let body = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && isNewlineAt(text, j + 1)) {
          j = skipNewline(text, j + 1) - 1;
          continue;
        }
        if (text[j] === '\\') {
          // `\``: bash's escaped backtick, a backtick (shell-quote, which reads the body, unescapes only \", \\ and \$).
          body += text[j + 1] === '`' ? '`' : text.slice(j, j + 2);
          j++;
          continue;
        }
        if (text[j] === '$' && text[j + 1] === '(') {
          const end = closingParen(text, j + 2);
          const printed = printfOutput(text.slice(j, end));
          if (printed === undefined) {
            substitutions.push(span(j, end));
            body += text.slice(j, end);
          } else body += `"${ansiC(printed)}"`;
          j = end - 1;
          continue;
        }
        if (text[j] === '`') {
          const end = text.indexOf('`', j + 1);
          if (end > 0) {
            substitutions.push(span(j, end + 1));
            body += text.slice(j, end + 1);
            j = end;
            continue;
          }
        }
        body += text[j];
      }
      if (j >= text.length) return unterminated(text, i, raw, diagnostics, substitutions);
      raw += `"${body}"`;
      i = j + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      const end = closingParen(text, i + 2);
      const printed = printfOutput(text.slice(i, end));
      if (printed !== undefined) {
        raw += ansiC(printed);
        i = end;
        continue;
      }
      substitutions.push(span(i, end));
      // Kept as text: handed to shell-quote in single quotes so its parentheses are not read as operators.
      const body = text.slice(i, end);
      raw += body.includes("'") ? body.replace(/[^A-Za-z0-9]/g, (ch) => `\\${ch}`) : `'${body}'`;
      i = end;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > 0) {
        substitutions.push(span(i, end + 1));
        raw += `'${text.slice(i, end + 1).replace(/'/g, "'\\''")}'`;
        i = end + 1;
        continue;
      }
    }
    // `#` inside a word is text in bash; shell-quote would start a comment there.
    raw += c === '#' && raw !== '' ? '\\#' : c;
    i++;
  }
  return { raw, end: i, substitutions };
}

/**
 * `$(printf '…')` with a format of literal text and escapes only: how bytes that cannot be typed (control
 * characters) are written in a POSIX shell, by `deluge emit --to curl` among others. It has no side effect and one
 * output, so it is read as that output; any other command substitution is kept as text.
 */
function printfOutput(substitution: string): string | undefined {
  const m = /^\$\(\s*printf\s+'([^']*)'\s*\)$/.exec(substitution);
  if (!m || m[1]!.replace(/%%/g, '').includes('%')) return undefined;
  // Command substitution drops trailing line breaks, and bash drops NUL bytes.
  return printfFormat(m[1]!)?.replace(/\n+$/, '').replace(/\0/g, '');
}

/** The escapes of bash's printf format that stand for one character. */
const PRINTF_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, e: 27, E: 27, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39 };

/**
 * What bash's printf writes for a format with no `%` directives: its escapes (`\n`, `\t`, `\xHH`, octal `\NNN`,
 * `\uHHHH`, …) read, `%%` as `%`, up to a `\c`; undefined when the bytes are not UTF-8 text (a Deluge text cannot hold them).
 */
export function printfFormat(format: string): string | undefined {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const push = (text: string): void => {
    for (const b of encoder.encode(text)) bytes.push(b);
  };
  for (let i = 0; i < format.length; ) {
    const c = format[i]!;
    if (c === '%' && format[i + 1] === '%') {
      bytes.push(37);
      i += 2;
      continue;
    }
    if (c !== '\\' || i + 1 >= format.length) {
      const point = format.codePointAt(i)!;
      push(String.fromCodePoint(point));
      i += point > 0xffff ? 2 : 1;
      continue;
    }
    const rest = format.slice(i + 1);
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(rest);
    const octal = /^([0-7]{1,3})/.exec(rest);
    const unicode = /^(?:u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8}))/.exec(rest);
    if (rest[0] === 'c') break;
    if (hex) {
      bytes.push(parseInt(hex[1]!, 16));
      i += 1 + hex[0].length;
    } else if (unicode) {
      const point = parseInt(unicode[1] ?? unicode[2]!, 16);
      if (point > 0x10ffff) return undefined;
      push(String.fromCodePoint(point));
      i += 1 + unicode[0].length;
    } else if (octal) {
      bytes.push(parseInt(octal[1]!, 8) & 0xff);
      i += 1 + octal[0].length;
    } else if (PRINTF_ESCAPES[rest[0]!] !== undefined) {
      bytes.push(PRINTF_ESCAPES[rest[0]!]!);
      i += 2;
    } else {
      // An escape printf does not know is written as it is.
      push(`\\${rest[0]}`);
      i += 2;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

/**
 * bash's `\xHH` and `\NNN` in `$'…'` are bytes, which curl sends as they are: a run of them that is UTF-8 (`\xc3\xa9`,
 * as tools that escape every byte write `é`) is that character. shell-quote reads each escape as the character of
 * its code (`Ã©`), so such runs are written as their characters first; any other byte is left to it.
 */
function utf8ByteEscapesDecoded(ansiCQuoted: string): { text: string; strayBytes: boolean } {
  const tokens = ansiCQuoted.match(/\\(?:x[0-9a-fA-F]{1,2}|[0-7]{1,3}|[\s\S])|[^\\]+/g) ?? [];
  const byteOf = (token: string): number | undefined =>
    /^\\x[0-9a-fA-F]/.test(token) ? parseInt(token.slice(2), 16) : /^\\[0-7]/.test(token) ? parseInt(token.slice(1), 8) & 0xff : undefined;
  let out = '';
  let strayBytes = false;
  for (let i = 0; i < tokens.length; ) {
    const lead = byteOf(tokens[i]!);
    const length = lead === undefined ? 0 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const bytes = tokens.slice(i, i + length).map(byteOf);
    if (length > 0 && bytes.length === length && bytes.every((b) => b !== undefined)) {
      try {
        out += new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes as number[]));
        i += length;
        continue;
      } catch {
        // Not UTF-8: the bytes stay escapes.
      }
    }
    // A byte of 0x80 or more that makes no UTF-8 with those after it: shell-quote reads it as the character of its code.
    if ((lead ?? 0) >= 0x80) strayBytes = true;
    out += tokens[i];
    i++;
  }
  return { text: out, strayBytes };
}

/** A text as a bash ANSI-C string (`$'…'`), which shell-quote decodes back to it. */
function ansiC(value: string): string {
  return `$'${value.replace(/[\\'\x00-\x1f\x7f]/g, (c) => (c === '\\' || c === "'" ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}'`;
}

function unterminated(text: string, at: number, raw: string, diagnostics: Diagnostic[], substitutions: Span[]): RawWord {
  diagnostics.push(
    diagnostic('DLG6103', span(at, at + 1), `this ${text[at] === '"' ? 'double' : 'single'} quote is never closed`, { ruleId: 'import', severity: 'error' }),
  );
  // The rest of the text is the word, taken literally: read as shell text (`$'abc` without its quote is `$abc`), it
  // would add follow-on diagnostics, a variable, to the one error.
  const rest = text.slice(at).replace(/^\$(?=')/, '').replace(/['"]/g, '');
  return { raw: `${raw}'${rest}'`, end: text.length, substitutions };
}

function closingAnsiQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i;
  }
  return -1;
}

function closingParen(text: string, from: number): number {
  let depth = 1;
  let i = from;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  return i;
}

function isNewlineAt(text: string, i: number): boolean {
  return text[i] === '\n' || text[i] === '\r';
}

function skipNewline(text: string, i: number): number {
  NEWLINE.lastIndex = i;
  const m = NEWLINE.exec(text);
  return m ? i + m[0].length : i + 1;
}

/** `${NAME:-default}`, `${NAME-default}`, `${NAME:=default}`, `${NAME:+alternative}` as shell-quote names them. */
const DEFAULT_EXPANSION = /^([A-Za-z_]\w*)(:?[-=+])(.*)$/s;

/** shell-quote answers a variable with this object, so it comes back as a part of its own. */
type EnvMarker = { env: string };

function decodePosixWord(raw: string, where: Span, substitutions: readonly Span[], diagnostics: Diagnostic[]): Word {
  const parts: WordPart[] = [];
  for (const s of substitutions) {
    diagnostics.push(diagnostic('DLG6110', s, 'a command substitution cannot be run while importing; it is kept as text: replace it with its value', { ruleId: 'import' }));
  }
  let entries: ReturnType<typeof shellParse>;
  try {
    entries = shellParse(raw, (name: string) => (name === '' ? undefined : ({ env: name } as EnvMarker as unknown as string)));
  } catch {
    // `${}` and the like: bash rejects them too; keep the word as written.
    return { parts: [{ kind: 'text', text: raw }], span: where };
  }
  for (const entry of entries) {
    if (typeof entry === 'string') parts.push({ kind: 'text', text: entry });
    else if ('env' in (entry as object)) {
      const name = (entry as unknown as EnvMarker).env;
      const withDefault = DEFAULT_EXPANSION.exec(name);
      if (withDefault) {
        // `${ZOHO_DC:-com}`: with the variable unset, as here, the shell uses the default (`:+` gives nothing).
        const [, variable, operator, fallback] = withDefault;
        const value = operator!.endsWith('+') ? '' : fallback!;
        parts.push({ kind: 'text', text: value });
        // The default is not quoted (the code frame shows it, masked where it is a credential): it may be the token.
        diagnostics.push(
          diagnostic('DLG6109', where, `\${${variable}${operator}…} has no value here: the shell's ${value === '' ? 'empty value' : 'default'} is used, as it would be with ${variable} unset; check it is the one meant`, {
            ruleId: 'import',
          }),
        );
        continue;
      }
      parts.push({ kind: 'env', name, raw: `$${name}` });
    } else if ('op' in entry && entry.op === 'glob') parts.push({ kind: 'text', text: entry.pattern });
    else if ('comment' in entry) break;
    else if ('op' in entry) parts.push({ kind: 'text', text: entry.op });
  }
  return { parts: mergeText(parts), span: where };
}

function mergeText(parts: readonly WordPart[]): WordPart[] {
  const merged: WordPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (part.kind === 'text' && last?.kind === 'text') merged[merged.length - 1] = { kind: 'text', text: last.text + part.text };
    else merged.push(part);
  }
  return merged.length > 0 ? merged : [{ kind: 'text', text: '' }];
}

// ---------------------------------------------------------------------------------------------------------------
// Windows cmd

interface CmdChar {
  readonly ch: string;
  readonly at: number;
  /** A `%NAME%` reference starting here (cmd expands it before anything else). */
  readonly env?: { name: string; length: number };
}

/**
 * cmd.exe first: outside its quotes `^` escapes the next character (`^` at a line end continues the line; Chrome's
 * "Copy as cURL (cmd)" writes `^"` so that cmd never enters quotes and every special character is escaped), `&`, `|`
 * and a line break end a command. What is left is split into arguments by the C runtime's rules.
 */
function cmdCommands(text: string, diagnostics: Diagnostic[]): Command[] {
  const commands: Command[] = [];
  let chars: CmdChar[] = [];
  let redirects: Span[] = [];
  let after: Command['after'] = 'start';
  let inQuote = false;
  const finish = (next: Command['after']): void => {
    const words = msvcrtWords(chars);
    if (words.length > 0) {
      commands.push({ words, span: span(words[0]!.span.start, words.at(-1)!.span.end), after, redirects });
      after = next;
    } else if (after !== 'start') after = next;
    chars = [];
    redirects = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!inQuote && (c === 'r' || c === 'R' || c === ':' || c === '@') && chars.every((x) => x.ch === ' ' || x.ch === '\t') && /^@?(?:rem(?=[ \t\r\n]|$)|::)/i.test(text.slice(i, i + 5))) {
      // A comment line (`REM …`, `::`, as `deluge emit --to curl --shell cmd` writes them), not a command: to its end.
      while (i + 1 < text.length && !isNewlineAt(text, i + 1)) i++;
      continue;
    }
    // `@curl …`: `@` only keeps cmd from echoing the command.
    if (!inQuote && c === '@' && chars.every((x) => x.ch === ' ' || x.ch === '\t')) continue;
    if (c === '"') {
      inQuote = !inQuote;
      chars.push({ ch: c, at: i });
      continue;
    }
    if (c === '%') {
      // `%C3%A9` is percent-encoding, not a variable named C3: an interactive cmd leaves a name it does not know as
      // written, and no variable is named by two hex digits.
      const m = /^%(?![0-9A-Fa-f]{2}%)([A-Za-z_][A-Za-z0-9_]*)%/.exec(text.slice(i, i + 64));
      if (m) {
        chars.push({ ch: c, at: i, env: { name: m[1]!, length: m[0].length } });
        continue;
      }
    }
    if (inQuote) {
      if (isNewlineAt(text, i)) {
        // cmd ends a command at a line break even inside quotes.
        i = skipNewline(text, i) - 1;
        inQuote = false;
        finish('newline');
        continue;
      }
      chars.push({ ch: c, at: i });
      continue;
    }
    if (c === '^') {
      if (isNewlineAt(text, i + 1)) {
        i = skipNewline(text, i + 1) - 1;
        // The first character of the next line is escaped: a second line break there is a literal one.
        if (isNewlineAt(text, i + 1)) {
          chars.push({ ch: '\n', at: i + 1 });
          i = skipNewline(text, i + 1) - 1;
        }
        continue;
      }
      if (i + 1 < text.length) chars.push({ ch: text[i + 1]!, at: i + 1 });
      i++;
      continue;
    }
    if (isNewlineAt(text, i)) {
      i = skipNewline(text, i) - 1;
      finish('newline');
      continue;
    }
    if (c === '&' || c === '|') {
      if (text[i + 1] === c) i++;
      finish(c === '|' && text[i - 1] !== '|' ? 'pipe' : 'separator');
      continue;
    }
    if (c === '>' || c === '<') {
      // A redirection (`> out.json`, `2>nul`, `2>&1`, `< in.json`): cmd takes it out of the command, curl never sees it.
      const end = redirectionEnd(text, i);
      const last = chars.at(-1);
      const numbered = last !== undefined && /\d/.test(last.ch) && (chars.length === 1 || /[ \t]/.test(chars.at(-2)!.ch));
      if (numbered) chars.pop();
      redirects.push(span(numbered ? last!.at : i, end));
      i = end - 1;
      continue;
    }
    chars.push({ ch: c, at: i });
  }
  finish('separator');
  return commands;
}

/**
 * Where a Windows redirection that starts at `i` (`>`, `>>`, `<`, `>&1`) ends, its target included: the word after it,
 * quoted or not (cmd's and PowerShell's targets alike).
 */
function redirectionEnd(text: string, i: number): number {
  let j = i + 1;
  if (text[i] === '>' && text[j] === '>') j++;
  if (text[j] === '&' && /\d/.test(text[j + 1] ?? '')) return j + 2;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '"' || text[j] === "'") {
    const close = text.indexOf(text[j]!, j + 1);
    return close < 0 ? text.length : close + 1;
  }
  while (j < text.length && !/[\s|&;]/.test(text[j]!)) j++;
  return j;
}

/** The C runtime's argument rules: `"` toggles quoting, `\"` is a quote, 2n backslashes before `"` are n. */
function msvcrtWords(chars: readonly CmdChar[]): Word[] {
  const words: Word[] = [];
  let parts: WordPart[] | undefined;
  let text = '';
  let start = 0;
  let end = 0;
  let quoted = false;
  const flushText = (): void => {
    if (text !== '') parts!.push({ kind: 'text', text });
    text = '';
  };
  const finishWord = (): void => {
    if (!parts) return;
    flushText();
    words.push({ parts: mergeText(parts), span: span(start, end) });
    parts = undefined;
  };
  for (let i = 0; i < chars.length; i++) {
    const { ch, at, env } = chars[i]!;
    if (!quoted && (ch === ' ' || ch === '\t')) {
      finishWord();
      continue;
    }
    if (!parts) {
      parts = [];
      start = at;
    }
    end = at + 1;
    if (env) {
      flushText();
      parts.push({ kind: 'env', name: env.name, raw: `%${env.name}%` });
      end = at + env.length;
      // Skip the characters of `%NAME%` (they follow this one in `chars`).
      while (i + 1 < chars.length && chars[i + 1]!.at < at + env.length) i++;
      continue;
    }
    if (ch === '\\') {
      let n = 1;
      while (chars[i + n]?.ch === '\\') n++;
      if (chars[i + n]?.ch === '"') {
        text += '\\'.repeat(Math.floor(n / 2));
        i += n - 1;
        end = chars[i]!.at + 1;
        if (n % 2 === 1) {
          text += '"';
          i++;
          end = chars[i]!.at + 1;
        }
        continue;
      }
      text += '\\'.repeat(n);
      i += n - 1;
      end = chars[i]!.at + 1;
      continue;
    }
    if (ch === '"') {
      if (quoted && chars[i + 1]?.ch === '"') {
        text += '"';
        i++;
        end = chars[i]!.at + 1;
        continue;
      }
      quoted = !quoted;
      continue;
    }
    text += ch;
  }
  finishWord();
  return words;
}

// ---------------------------------------------------------------------------------------------------------------
// PowerShell

const PS_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };

/** The character a backtick escape at `at` (after the backtick) stands for, `` `u{1F600} `` included, and where it ends. */
function powershellEscape(text: string, at: number): { text: string; end: number } {
  const unicode = /^u\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(at, at + 10));
  if (unicode && parseInt(unicode[1]!, 16) <= 0x10ffff) return { text: String.fromCodePoint(parseInt(unicode[1]!, 16)), end: at + unicode[0].length };
  const e = text[at] ?? '';
  return { text: PS_ESCAPES[e] ?? e, end: at + 1 };
}

/**
 * PowerShell's quote characters: the typographic ones quote as `'` and `"` do, in pairs of any two kinds
 * (`‘text'`), and two in a row inside a string are one — PowerShell's tokenizer, CharExtensions.IsSingleQuote and
 * IsDoubleQuote; https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules
 * ("PowerShell treats smart quotation marks … as normal quotation marks for strings").
 */
const PS_SINGLE_QUOTES: ReadonlySet<string> = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const PS_DOUBLE_QUOTES: ReadonlySet<string> = new Set(['"', '\u201c', '\u201d', '\u201e']);

/** PowerShell's rules for the arguments of a native command (`curl.exe …`), backtick line continuations included. */
function powershellCommands(text: string, diagnostics: Diagnostic[]): Command[] {
  const commands: Command[] = [];
  let words: Word[] = [];
  let redirects: Span[] = [];
  let after: Command['after'] = 'start';
  let i = 0;
  const finish = (next: Command['after']): void => {
    if (words.length > 0) {
      commands.push({ words, span: span(words[0]!.span.start, words.at(-1)!.span.end), after, redirects });
      after = next;
    } else if (after !== 'start') after = next;
    words = [];
    redirects = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '`' && isNewlineAt(text, i + 1)) {
      i = skipNewline(text, i + 1);
      continue;
    }
    if (isNewlineAt(text, i)) {
      i = skipNewline(text, i);
      finish('newline');
      continue;
    }
    if (c === '#') {
      while (i < text.length && !isNewlineAt(text, i)) i++;
      continue;
    }
    if (c === ';' || c === '|') {
      i++;
      finish(c === '|' ? 'pipe' : 'separator');
      continue;
    }
    if (c === '&') {
      // `& "C:\…\curl.exe" …`, `& curl.exe …`: the call operator runs the command that follows; `&&` chains commands.
      if (text[i + 1] === '&' || words.length > 0) {
        i += text[i + 1] === '&' ? 2 : 1;
        finish('separator');
      } else i++;
      continue;
    }
    // A redirection (`> out.json`, `2>$null`, `*>&1`): PowerShell takes it out of the command, curl never sees it.
    const redirect = /^[1-6*]?[<>]/.exec(text.slice(i, i + 2));
    if (redirect) {
      const end = redirectionEnd(text, i + redirect[0].length - 1);
      redirects.push(span(i, end));
      i = end;
      continue;
    }
    const word = readPowershellWord(text, i, diagnostics);
    words.push(word.word);
    i = word.end;
  }
  finish('separator');
  return commands;
}

function readPowershellWord(text: string, from: number, diagnostics: Diagnostic[]): { word: Word; end: number } {
  const parts: WordPart[] = [];
  let literal = '';
  let i = from;
  const flush = (): void => {
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
  };
  const variable = (at: number): number => {
    const m = /^\$(?:\{([^}]+)\}|env:([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/i.exec(text.slice(at, at + 128));
    if (!m) {
      literal += '$';
      return at + 1;
    }
    flush();
    const name = (m[1] ?? m[2] ?? m[3]!).replace(/^env:/i, '');
    parts.push({ kind: 'env', name, raw: m[0] });
    return at + m[0].length;
  };
  const substitution = (at: number): number => {
    const end = closingParen(text, at + 2);
    flush();
    parts.push({ kind: 'substitution', raw: text.slice(at, end) });
    diagnostics.push(diagnostic('DLG6110', span(at, end), 'a subexpression cannot be run while importing; it is kept as text: replace it with its value', { ruleId: 'import' }));
    return end;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || isNewlineAt(text, i) || c === ';' || c === '|') break;
    if (c === '`') {
      if (isNewlineAt(text, i + 1)) break;
      // Escapes apply outside quotes too (`` a`tb `` is a tab: PowerShell's tokenizer, ScanGenericToken).
      const escape = powershellEscape(text, i + 1);
      literal += escape.text;
      i = escape.end;
      continue;
    }
    if (PS_SINGLE_QUOTES.has(c)) {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (PS_SINGLE_QUOTES.has(text[j]!)) {
          // Two quotes in a row are one, the second (`''`, `‘’`).
          if (PS_SINGLE_QUOTES.has(text[j + 1]!)) {
            literal += text[j + 1];
            j++;
            continue;
          }
          break;
        }
        literal += text[j];
      }
      if (j >= text.length) {
        diagnostics.push(diagnostic('DLG6103', span(i, i + 1), 'this single quote is never closed', { ruleId: 'import', severity: 'error' }));
      }
      i = j + 1;
      continue;
    }
    if (PS_DOUBLE_QUOTES.has(c)) {
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text[j]!;
        if (d === '`') {
          const escape = powershellEscape(text, j + 1);
          literal += escape.text;
          j = escape.end - 1;
          continue;
        }
        if (PS_DOUBLE_QUOTES.has(d)) {
          if (PS_DOUBLE_QUOTES.has(text[j + 1]!)) {
            literal += text[j + 1];
            j++;
            continue;
          }
          break;
        }
        if (d === '$' && text[j + 1] === '(') {
          j = substitution(j) - 1;
          continue;
        }
        if (d === '$') {
          j = variable(j) - 1;
          continue;
        }
        literal += d;
      }
      if (j >= text.length) {
        diagnostics.push(diagnostic('DLG6103', span(i, i + 1), 'this double quote is never closed', { ruleId: 'import', severity: 'error' }));
      }
      i = j + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      i = substitution(i);
      continue;
    }
    if (c === '$') {
      i = variable(i);
      continue;
    }
    literal += c;
    i++;
  }
  flush();
  return { word: { parts: mergeText(parts), span: span(from, i) }, end: i };
}
