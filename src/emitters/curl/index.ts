/**
 * `deluge emit --to curl`: one curl command per request the script makes, in order, for a POSIX shell (default),
 * bash, PowerShell or Windows cmd. The requests come from a recording run (../record.ts); rules in docs/emit.md.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { HttpRequest } from '../../http/request.js';
import type { Span } from '../../source/span.js';
import type { EmitOptions, EmitResult, Emitter, Shell } from '../emitter.js';
import type { Placeholder, Placeholders } from '../placeholders.js';
import { authVariables, ZOHO_OAUTH, type ConnectionAuth } from '../connection-auth.js';
import { HOSTLESS_NOTE, recordRequests, type RecordedRequest, type Recording } from '../record.js';
import { credentialVariable, curlLines, secretValue, type CommandNote } from './command.js';
import { commentLine, continuation, quoteWord, type QuoteProblem } from './quote.js';

export { curlLines, localFilePath, type CurlLine } from './command.js';
export { quoteWord, type Segment, type Word } from './quote.js';

export interface CurlCommandOptions {
  readonly shell?: Shell;
  /** Where each credential written in the script goes (see CommandContext.secretVariable). */
  readonly secretVariable?: (name: string, value: string, where: string) => string;
  /** The Zoho OAuth connections the script uses: with several, each has its own variable (`ZOHO_OAUTH_TOKEN_<NAME>`). */
  readonly connections?: readonly string[];
  /** How each connection authenticates (a connections file's types); default Zoho OAuth. */
  readonly connectionAuth?: (name: string) => ConnectionAuth;
  readonly placeholders?: Placeholders;
}

/**
 * The variable holding a connection's token: `ZOHO_OAUTH_TOKEN`, or `ZOHO_OAUTH_TOKEN_<NAME>` (upper snake case of
 * the connection's name) when the script uses several; names that would meet (`crm-us`, `crm_us`) get `_2`, `_3`.
 */
export function tokenVariable(connection: string, connections: readonly string[] = [connection]): string {
  const distinct = [...new Set([...connections, connection])];
  if (distinct.length <= 1) return 'ZOHO_OAUTH_TOKEN';
  const taken = new Map<string, string>();
  for (const c of distinct) {
    const base = `ZOHO_OAUTH_TOKEN_${c.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase()}`;
    let name = base;
    for (let n = 2; [...taken.values()].includes(name); n++) name = `${base}_${n}`;
    taken.set(c, name);
  }
  return taken.get(connection)!;
}

/** One request as one curl command (no comments), quoted for the shell. */
export function curlCommand(request: HttpRequest, options: CurlCommandOptions = {}): string {
  return render(request, options, [], []);
}

function render(request: HttpRequest, options: CurlCommandOptions, notes: CommandNote[], problems: QuoteProblem[]): string {
  const shell = options.shell ?? 'posix';
  const lines = curlLines(request, {
    tokenVariable: (c) => tokenVariable(c, options.connections ?? [c]),
    ...(options.placeholders && { placeholders: options.placeholders }),
    ...(options.secretVariable && { secretVariable: options.secretVariable }),
    ...(options.connectionAuth && { connectionAuth: options.connectionAuth }),
    notes,
  });
  const quoted = lines.map(({ words }, i) => words.map((w, j) => (i === 0 && j === 0 && shell === 'powershell' ? 'curl.exe' : quoteWord(w, shell, problems))));
  if (shell === 'posix' || shell === 'bash') {
    // Linux takes no argument of more than 128 KiB (MAX_ARG_STRLEN): a larger body (a bulk request of 100 records with
    // long fields) ended in "Argument list too long". printf, a builtin of every POSIX shell, runs no program: it
    // writes the body, byte for byte, to curl's standard input.
    const large = quoted.findIndex((line) => line[0] === '--data-raw' && utf8Length(line[1] ?? '') > LARGEST_ARGUMENT);
    if (large >= 0) {
      const body = quoted[large]![1]!;
      quoted[large] = ['--data-binary', '@-'];
      return `printf '%s' ${body} |${continuation(shell)}${quoted.map((line) => line.join(' ')).join(continuation(shell))}`;
    }
  } else {
    const length = quoted.reduce((n, line) => n + line.reduce((m, word) => m + word.length + 1, 0), 0);
    if (length > WINDOWS_COMMAND_LINE) {
      notes.push({
        code: 'DLG6012',
        message: `the command is ${length.toLocaleString('en-US')} characters long, more than Windows takes on a command line (32,767): emit it with --shell bash (Git Bash, WSL) to send it`,
      });
    }
  }
  return quoted.map((line) => line.join(' ')).join(continuation(shell));
}

/** A text's length in UTF-8 bytes (with no Node built-in: the emitter runs in the playground too). */
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Above this size an argument goes through printf: Linux's limit on one argument is 128 KiB, less a margin. */
const LARGEST_ARGUMENT = 120 * 1024;

/** The longest command line Windows starts a program with (CreateProcess: 32,767 characters). */
const WINDOWS_COMMAND_LINE = 32_767;

export async function emitCurl(text: string, options: EmitOptions = {}): Promise<EmitResult> {
  const recorded = await recordRequests(text, options);
  if (recorded.diagnostics.some((d) => d.severity === 'error')) return { value: '', diagnostics: recorded.diagnostics };
  const script = renderCurlScript(recorded.value, options);
  const diagnostics = [...recorded.diagnostics, ...script.diagnostics].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return { value: script.value, diagnostics };
}

/** A variable the emitted commands read: set it before running them. */
export interface CurlVariable {
  readonly name: string;
  /** `token`: a connection's access token; `credential`: a value the script wrote; `placeholder`: a live value. */
  readonly kind: 'token' | 'credential' | 'placeholder';
  /** The credential written in the script (never printed; for tests that run the commands). */
  readonly value?: string;
}

export interface CurlScript {
  /** The whole output: a header comment, then each command with its comment. */
  readonly value: string;
  /** Each request's command, as it appears in `value`. */
  readonly commands: readonly { readonly request: RecordedRequest; readonly command: string }[];
  readonly variables: readonly CurlVariable[];
  /** DLG6006, DLG6007, DLG6008, DLG6010 warnings. */
  readonly diagnostics: Diagnostic[];
}

/** The curl commands of a recording (see {@link recordRequests}). */
export function renderCurlScript(recording: Recording, options: EmitOptions = {}): CurlScript {
  const shell = options.shell ?? 'posix';
  const { requests, placeholders } = recording;
  const connectionAuth = options.connectionAuth ?? (() => ZOHO_OAUTH);
  // Zoho OAuth connections share the ZOHO_OAUTH_TOKEN naming; the others read the variables their types name.
  const auths = recording.connections.map((c) => [c, connectionAuth(c)] as const);
  const connections = auths.filter(([, auth]) => auth.kind === 'zoho-oauthtoken').map(([c]) => c);
  const others = auths.filter(([, auth]) => auth.kind !== 'zoho-oauthtoken');
  const diagnostics: Diagnostic[] = [];
  const secrets = new SecretVariables();
  const commands: { request: RecordedRequest; command: string }[] = [];
  const body: string[] = [];
  for (const request of requests) {
    const notes: CommandNote[] = [];
    const problems: QuoteProblem[] = [];
    const secretVariable = (name: string, value: string, where: string) => secrets.variable(name, value, where, request.index);
    const command = render(request, { shell, connections, connectionAuth, placeholders, secretVariable }, notes, problems);
    commands.push({ request, command });
    body.push('', ...requestComments(request, shell, placeholders).map((l) => commentLine(shell, l)), command);
    const at: Span = request.span ?? { start: 0, end: 0 };
    for (const note of notes) diagnostics.push(diagnostic(note.code, at, `request ${request.index}: ${note.message}`, { ruleId: 'emit' }));
    for (const character of new Set(problems.map((p) => p.character))) {
      diagnostics.push(diagnostic('DLG6007', at, `request ${request.index}: a ${character} cannot be passed in a ${shell} argument; it was left out`, { ruleId: 'emit' }));
    }
  }
  const variables: CurlVariable[] = [
    ...connections.map((c): CurlVariable => ({ name: tokenVariable(c, connections), kind: 'token' })),
    ...others.flatMap(([, auth]) => authVariables(auth).map((name): CurlVariable => ({ name, kind: 'token' }))),
    ...secrets.entries.map((e): CurlVariable => ({ name: e.name, kind: 'credential', value: e.value })),
    ...uniquePlaceholders(requests).map((p): CurlVariable => ({ name: p.variable, kind: 'placeholder' })),
  ];
  const out = [...header(options, shell, recording, connections, secrets, others), ...body];
  return { value: `${out.join('\n')}\n`, commands, variables, diagnostics };
}

interface SecretEntry {
  readonly name: string;
  /** Where the script writes it: `the Authorization header`, `the zapikey field of the URL` (each place once). */
  readonly wheres: string[];
  readonly value: string;
  readonly requests: number[];
}

/** One variable per credential written in the script (per header or field name and value), named after it. */
class SecretVariables {
  readonly entries: SecretEntry[] = [];
  private readonly byValue = new Map<string, SecretEntry>();

  variable(field: string, value: string, where: string, request: number): string {
    const key = `${field.toLowerCase()}\n${secretValue(field, value)}`;
    let entry = this.byValue.get(key);
    if (!entry) {
      const base = credentialVariable(field);
      let name = base;
      for (let n = 2; this.entries.some((e) => e.name === name); n++) name = `${base}_${n}`;
      entry = { name, wheres: [], value: secretValue(field, value), requests: [] };
      this.byValue.set(key, entry);
      this.entries.push(entry);
    }
    if (!entry.wheres.includes(where)) entry.wheres.push(where);
    if (!entry.requests.includes(request)) entry.requests.push(request);
    return entry.name;
  }
}

function header(
  options: EmitOptions,
  shell: Shell,
  recording: Recording,
  connections: readonly string[],
  secrets: SecretVariables,
  others: readonly (readonly [string, ConnectionAuth])[],
): string[] {
  const { requests } = recording;
  const from = options.fileName ? ` from ${options.fileName}` : '';
  // A recording that stopped (an error, a value only a live response has) holds only the requests made before that.
  const stopped = recording.completed ? '' : ` before it stops${recording.stoppedAtLine !== undefined ? ` at line ${recording.stoppedAtLine}` : ''} (a warning says why; what follows is not converted)`;
  const what =
    requests.length === 0
      ? `the script made no request${stopped}`
      : requests.length === 1
        ? `the one request the script makes${stopped}`
        : `the ${requests.length} requests the script makes, in order${stopped ? `,${stopped}` : ''}`;
  const lines = [`Generated by deluge emit --to curl${from}: ${what}.`];
  if (shell === 'powershell') lines.push('For PowerShell 7.3 or later, which passes arguments to curl.exe as written.');
  // (No percent sign can be written in a REM line: commentLine takes them out.)
  if (shell === 'cmd') lines.push('For an interactive cmd prompt; in a .bat file, double each percent sign, except the two around the name of a variable such as ZOHO_OAUTH_TOKEN.');
  for (const connection of connections) {
    lines.push(`Set ${tokenVariable(connection, connections)} to an OAuth access token of the connection "${connection}".`);
  }
  for (const [connection, auth] of others) {
    const what =
      auth.kind === 'basic'
        ? `${auth.username} and ${auth.password} to the user name and password`
        : auth.kind === 'bearer'
          ? `${auth.token} to the Bearer token`
          : auth.kind === 'header'
            ? `${auth.value} to the ${auth.header} value`
            : '';
    lines.push(`Set ${what} of the connection "${connection}" (a ${auth.kind} connection of deluge.connections.json).`);
  }
  // The script names no host for these: the connection's data centre decides it, which a script does not say.
  // (Not for a connection whose data centre the connections file names: its host is that one's.)
  const hostless = (r: RecordedRequest) => (r.origin === 'invokeapi' || r.origin.toLowerCase().startsWith('zoho.crm.')) && (r.connection === undefined || options.apiDomainOf?.(r.connection) === undefined);
  if (options.baseUrl === undefined && requests.some(hostless)) {
    lines.push(`${HOSTLESS_NOTE('these commands use')}.`);
  }
  for (const secret of secrets.entries) {
    const which = secret.requests.length === 1 ? `request ${secret.requests[0]}` : `requests ${secret.requests.join(', ')}`;
    lines.push(`Set ${secret.name} to the credential the script writes in ${secret.wheres.join(' and ')} of ${which} (not copied here).`);
  }
  const used = uniquePlaceholders(requests);
  if (used.length > 0) {
    lines.push('Values only a live run has (set them from the responses named):');
    for (const p of used) lines.push(`  ${p.variable}: ${p.description}`);
  }
  return lines.map((l) => commentLine(shell, l));
}

function requestComments(request: RecordedRequest, shell: Shell, placeholders: Placeholders | undefined): string[] {
  const where = request.line !== undefined ? ` at line ${request.line}` : request.span === undefined ? ' (in a --functions file)' : '';
  const lines = [`${request.index}. ${request.origin}${where}`];
  if (request.placeholders.length > 0) {
    const encoded = new Set((placeholders?.find(request.url) ?? []).filter((m) => m.encoded).map((m) => m.placeholder));
    const uses = request.placeholders.map((p) => `${variableRef(p.variable, shell)}${encoded.has(p) ? ' (URL-encode its value: it goes in the URL)' : ''}`);
    lines.push(`   depends on a live response: ${uses.join(', ')}`);
  }
  return lines;
}

function variableRef(name: string, shell: Shell): string {
  return shell === 'powershell' ? `$env:${name}` : shell === 'cmd' ? name : `$${name}`;
}

function uniquePlaceholders(requests: readonly RecordedRequest[]): Placeholder[] {
  const seen = new Set<Placeholder>();
  for (const r of requests) for (const p of r.placeholders) seen.add(p);
  return [...seen];
}

export const curlEmitter: Emitter = {
  id: 'curl',
  aliases: [],
  summary: 'one curl command per request the script makes (--shell posix|bash|powershell|cmd)',
  extension: 'sh',
  emit: emitCurl,
};
