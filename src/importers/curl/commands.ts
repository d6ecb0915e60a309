/**
 * Which of the pasted commands are curl, and which lines belong to them: Zoho's docs print a curl command over
 * several lines without `\`, a shell prompt (`$ curl …`) or environment assignments may lead it, and output may be
 * piped or redirected. Everything that is not curl is reported and skipped.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { cover, span } from '../../source/span.js';
import { assignConnections, DEFAULT_IMPORT_CONNECTION, type SecretWord } from './credentials.js';
import { commandRequests, type CurlParseOptions, type CurlRequest } from './request.js';
import { isLiteral, printfFormat, shellWords, wordText, type Command, type Shell, type Word } from './shell.js';

export interface CurlReadOptions extends CurlParseOptions {
  /** The shell the command was written for; detected from the text by default. */
  readonly shell?: Shell | 'auto';
  /**
   * The link name of the connection that replaces the command's credentials (a `Zoho-oauthtoken`, Bearer or Basic
   * `Authorization` header, `-u`, an API-key header); default `zoho_oauth_connection`. A paste with several different
   * credentials gets `NAME_2`, `NAME_3` for the others.
   */
  readonly connection?: string;
}

/** A request of the command as the script makes it: its credential replaced by the connection of this name. */
export type ImportedRequest = CurlRequest & { readonly connection?: string };

interface CurlCommand {
  command: Command;
  words: Word[];
  joinedLines: boolean;
}

const CURL = /^(?:.*[\\/])?curl(?:\.exe)?$/i;
const POWERSHELL_HTTP = /^(?:invoke-webrequest|invoke-restmethod|iwr|irm)$/i;
/** Parameters of Invoke-WebRequest that curl has no option for (curl's options are case-sensitive: `-Uri` is none). */
const INVOKE_WEBREQUEST_PARAMETER = /^-(?:Uri|Method|Headers|Body|ContentType|OutFile|InFile|UseBasicParsing|WebSession|SessionVariable|Credential|UserAgent|TimeoutSec|MaximumRedirection)$/i;

/** The curl commands of the text (lines that continue one joined to it), and what was skipped around them. */
function curlCommands(text: string, options: CurlReadOptions): { commands: CurlCommand[]; diagnostics: Diagnostic[] } {
  const { value: parsed, diagnostics } = shellWords(text, options.shell ?? 'auto');
  const curls: CurlCommand[] = [];
  let current: CurlCommand | undefined;
  /** What `echo …`, `printf …` or `cat file` writes into the pipe to the curl command after it. */
  let piped: Pick<Command, 'stdin' | 'stdinFile'> | undefined;
  for (const [index, original] of parsed.commands.entries()) {
    let command = original;
    const words = leadingNoiseRemoved(command.words);
    if (words.length === 0) continue;
    const first = wordText(words[0]!);
    const next = parsed.commands[index + 1];
    const feedsCurl = next?.after === 'pipe' && next.words.length > 0 && CURL.test(wordText(leadingNoiseRemoved(next.words)[0] ?? next.words[0]!));
    const output = feedsCurl ? producedOutput(first, words.slice(1)) : undefined;
    if (output) {
      piped = output;
      continue;
    }
    if (CURL.test(first) && command.after === 'pipe') {
      // `echo '{…}' | curl -d @- …`: the curl reads what came through the pipe (a curl after another curl reads
      // that one's response, which the import does not have).
      if (piped && command.stdin === undefined && command.stdinFile === undefined) command = { ...command, ...piped };
      piped = undefined;
    } else piped = undefined;
    if (CURL.test(first) && words.slice(1).some((w) => INVOKE_WEBREQUEST_PARAMETER.test(wordText(w)))) {
      // `curl -Uri … -Method POST -Headers @{…}`: Windows PowerShell's alias, with Invoke-WebRequest's parameters. Read
      // as curl, -Uri would be -U and every value a URL (a token among them): the command is skipped whole.
      current = undefined;
      diagnostics.push(
        diagnostic('DLG6101', words[0]!.span, "this is PowerShell's Invoke-WebRequest (which Windows PowerShell runs for 'curl'), with its parameters -Uri, -Method, -Headers, not curl's options: skipped; copy the request as cURL instead", { ruleId: 'import' }),
      );
      continue;
    }
    if (CURL.test(first)) {
      if (parsed.shell === 'powershell' && first.toLowerCase() === 'curl') {
        diagnostics.push(
          diagnostic('DLG6124', words[0]!.span, "in Windows PowerShell 5.1 'curl' runs Invoke-WebRequest, which does not take curl's options: the command was read as curl.exe (type curl.exe to run it)", { ruleId: 'import' }),
        );
      }
      current = { command, words: [...words], joinedLines: false };
      curls.push(current);
      continue;
    }
    if (command.after === 'pipe') {
      diagnostics.push(diagnostic('DLG6123', command.span, `the output piped to '${first}' is no part of the request: ignored`, { ruleId: 'import' }));
      continue;
    }
    if (current && command.after === 'newline' && (first.startsWith('-') || /^https?:\/\//i.test(first))) {
      if (!current.joinedLines) {
        // `… \␠` at the end of the line above: a shell reads the backslash as escaping the space, not the line break.
        const lineAbove = /([^\n]*)\r?\n[ \t]*$/.exec(text.slice(0, command.span.start))?.[1] ?? '';
        const message = /\\[ \t]+$/.test(lineAbove)
          ? "the line above ends with '\\' and then a space, which a shell reads as an escaped space, not as the line going on: it would run this line as a command of its own; read as part of the curl command above (delete the space after the '\\')"
          : "this line continues the curl command above without a '\\' at the end of that line (as Zoho's docs print it): read as part of it; a shell would run it as a command of its own";
        diagnostics.push(diagnostic('DLG6111', command.span, message, { ruleId: 'import' }));
      }
      current.joinedLines = true;
      current.words.push(...words);
      current.command = {
        ...current.command,
        span: cover(current.command.span, command.span),
        redirects: [...current.command.redirects, ...command.redirects],
      };
      continue;
    }
    current = undefined;
    const named = commandNamed(first);
    const message = POWERSHELL_HTTP.test(first)
      ? `'${first}' is PowerShell's own HTTP command, not curl: use "Copy as cURL" instead of "Copy as PowerShell"; skipped`
      : feedsCurl
        ? `what ${named} writes into the pipe to curl cannot be told without running it (only echo, cat of a file, and printf of text and escapes are read, as UTF-8 text): skipped`
        : /(?:^|[^\w])curl(?:\.exe)?\s/.test(first)
          ? `${named} holds a curl command that it runs (as \`$(curl …)\` or a code block does): skipped; paste the curl command alone to import it`
          : `${named} is not a curl command: skipped`;
    diagnostics.push(diagnostic('DLG6101', words[0]!.span, message, { ruleId: 'import' }));
  }
  if (curls.length === 0) {
    const where = parsed.commands[0]?.span ?? span(0, Math.min(text.length, Math.max(0, text.search(/\r|\n|$/))));
    diagnostics.push(diagnostic('DLG6102', where, 'no curl command here: the text should start with curl (as "Copy as cURL" gives it)', { ruleId: 'import' }));
    return { commands: [], diagnostics };
  }
  for (const curl of curls) {
    for (const redirect of curl.command.redirects) {
      diagnostics.push(diagnostic('DLG6123', redirect, 'a redirection only changes where curl reads or writes; the script has the response in its variable: ignored', { ruleId: 'import' }));
    }
    if (parsed.shell === 'powershell') curl.words = curl.words.map((w) => nativeQuotes(w, diagnostics));
  }
  return { commands: curls, diagnostics };
}

/**
 * What a simple command writes to its output, when it is one the import can tell without running it: `echo` (with
 * `-n`), `printf` of a format with no `%` directives (its escapes read), `cat` of one file.
 */
function producedOutput(name: string, args: readonly Word[]): Pick<Command, 'stdin' | 'stdinFile'> | undefined {
  if (!args.every(isLiteral)) return undefined;
  const texts = args.map(wordText);
  if (name === 'echo') {
    const noNewline = texts[0] === '-n';
    const rest = noNewline ? texts.slice(1) : texts;
    if (rest[0]?.startsWith('-')) return undefined;
    return { stdin: `${rest.join(' ')}${noNewline ? '' : '\n'}` };
  }
  if (name === 'printf' && texts.length === 1 && !texts[0]!.replace(/%%/g, '').includes('%')) {
    const written = printfFormat(texts[0]!);
    return written === undefined ? undefined : { stdin: written };
  }
  // `printf '%s' '…'`: the arguments as they are, one after the other (the format is used again for each), as
  // `deluge emit --to curl` writes a body too large for one of curl's arguments.
  if (name === 'printf' && texts[0] === '%s' && texts.length > 1) return { stdin: texts.slice(1).join('') };
  if (name === 'cat' && texts.length === 1 && texts[0] !== '-') return { stdinFile: texts[0]! };
  return undefined;
}

/**
 * Every request of every curl command in the text, in order, each credential replaced by its connection; `secrets`
 * are the words holding a credential, which a code frame of the text masks.
 */
export function readCurlRequests(text: string, options: CurlReadOptions = {}): { value: ImportedRequest[]; diagnostics: Diagnostic[]; secrets: SecretWord[] } {
  const { commands: curls, diagnostics } = curlCommands(text, options);
  const requests: CurlRequest[] = [];
  const secrets: SecretWord[] = [];
  for (const curl of curls) requests.push(...commandRequests(curl.command, curl.words, options, diagnostics, secrets, text));
  return { value: assignConnections(requests, options.connection ?? DEFAULT_IMPORT_CONNECTION, diagnostics), diagnostics, secrets };
}

/**
 * The arguments of each curl command in the text (its first word left out), as the shell would pass them, and what
 * feeds its input: a here-document or what a pipe brings (`stdin`), or a file (`stdinFile`: `< body.json`, `cat body.json |`).
 */
export function curlArguments(text: string, options: CurlReadOptions = {}): { args: string[]; stdin?: string; stdinFile?: string }[] {
  return curlCommands(text, options).commands.map((c) => ({
    args: c.words.slice(1).map(wordText),
    ...(c.command.stdin !== undefined && { stdin: c.command.stdin }),
    ...(c.command.stdinFile !== undefined && { stdinFile: c.command.stdinFile }),
  }));
}

/**
 * A skipped command as a message names it: its name when it is one (`jq`, `Invoke-RestMethod`), `NAME=…` for an
 * assignment; else no text of it at all. What was skipped may be a token on a line of its own, a code block or a
 * `$(curl … -H 'X-Api-Key: …')` holding credentials, which no message echoes.
 */
function commandNamed(first: string): string {
  if (/^[A-Za-z][A-Za-z-]{0,23}$/.test(first)) return `'${first}'`;
  const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first);
  if (assignment) return `'${assignment[1]}=…'`;
  return 'this command';
}

/** Commands that run the command after them (`sudo curl …`, `time curl …`, `env A=1 curl …`). */
const RUNS_NEXT = new Set(['sudo', 'time', 'command', 'exec', 'nohup', 'env']);

/** Options of RUNS_NEXT's commands that take a value (`sudo -u admin curl …`, `env -u VAR curl …`). */
const OPTION_WITH_VALUE: Readonly<Record<string, ReadonlySet<string>>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T']),
  env: new Set(['-u', '-C', '-S']),
};

/** A prompt (`$ curl`), the commands of RUNS_NEXT with their options, and `NAME=value` assignments before the command. */
function leadingNoiseRemoved(words: readonly Word[]): Word[] {
  let i = 0;
  while (i < words.length - 1) {
    const text = wordText(words[i]!);
    if (RUNS_NEXT.has(text)) {
      i++;
      // `sudo -E curl`, `time -p curl`: the runner's own options.
      while (i < words.length - 1 && wordText(words[i]!).startsWith('-')) i += OPTION_WITH_VALUE[text]?.has(wordText(words[i]!)) ? 2 : 1;
    } else if (text === '$' || text === '%' || text === '>' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) i++;
    else break;
  }
  return words.slice(i);
}

/**
 * PowerShell before 7.3 passes an argument holding `"` to a native program without escaping it, so curl.exe never
 * sees those quotes; scripts written for it escape every one as `\"`, which curl.exe reads as `"`. An argument whose
 * every `"` is escaped so is read that way. One with an unescaped `"` (after an even number of backslashes) cannot
 * have been written for those versions, only for 7.3 and later, which pass the argument as written (as `deluge
 * emit --to curl --shell powershell` writes it): its `\"` stays `\"` (a JSON string's escaped quote), with a warning
 * that it works only in PowerShell 7.3 and later.
 */
function nativeQuotes(word: Word, diagnostics: Diagnostic[]): Word {
  const text = wordText(word);
  if (!text.includes('"')) return word;
  if (!/(?:^|[^\\])(?:\\\\)*"/.test(text)) {
    diagnostics.push(
      diagnostic('DLG6125', word.span, 'PowerShell passes \\" inside an argument to curl.exe as ", as written for PowerShell before 7.3: read that way', { ruleId: 'import' }),
    );
    return { ...word, parts: word.parts.map((p) => (p.kind === 'text' ? { ...p, text: p.text.replace(/\\"/g, '"') } : p)) };
  }
  const kept = text.includes('\\"') ? 'they were kept, and \\" as written,' : 'they were kept,';
  diagnostics.push(
    diagnostic('DLG6125', word.span, `PowerShell before 7.3 drops the double quotes inside this argument when it runs curl.exe (write them as \\"); ${kept} as PowerShell 7.3 and later pass them`, { ruleId: 'import' }),
  );
  return word;
}
