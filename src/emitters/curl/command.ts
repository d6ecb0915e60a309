/**
 * One recorded request as the arguments of one curl command, following the portability checklist of docs/emit.md:
 * the query kept encoded in the URL, `-g` when the URL has `[]{}`, no redundant `-X` (`-I` for HEAD), the script's
 * headers in its order, a connection as an `Authorization` header read from a variable, and the body flag the body
 * needs (`--data-raw`, `--data-urlencode` per form field, `--form-string`/`-F` per multipart part).
 */
import type { ConnectionAuth } from '../connection-auth.js';
import { credentialFieldsIn, decodedFieldName, holdsServiceKey, isCredentialField, isCredentialValue, isGrantRequest, isSecretHeader, looksLikeCredential, rememberSecret, ZOHO_TOKEN } from '../../http/redact.js';
import { headerValue, type FilePart, type HttpRequest, type MultipartPart } from '../../http/request.js';
import { splitUserinfo } from '../../http/url-text.js';
import type { Placeholders } from '../placeholders.js';
import { text, variable, type Segment, type Word } from './quote.js';

/** One line of the command: `curl URL`, or an option with its value. */
export interface CurlLine {
  readonly words: readonly Word[];
}

/** Something lossy about one command, for a DLG60xx warning at its request. */
export interface CommandNote {
  readonly code: 'DLG6006' | 'DLG6008' | 'DLG6010' | 'DLG6012' | 'DLG6014';
  readonly message: string;
}

export interface CommandContext {
  /** The variable holding a connection's token (`ZOHO_OAUTH_TOKEN`, `ZOHO_OAUTH_TOKEN_CRM`). */
  readonly tokenVariable: (connection: string) => string;
  /** The placeholders of the recording, to turn their tokens back into variables. */
  readonly placeholders?: Placeholders;
  /**
   * The variable a credential written in the script goes to (an `Authorization`, `X-Api-Key`, `Cookie` header's
   * value; a `zapikey=`, `client_secret=` or `"password": …` field of the URL or the body): outputs are shared and
   * pasted, so a secret is never copied into them. `where` says where it was (`the Authorization header`). Default:
   * the header's or field's name in upper snake case.
   */
  readonly secretVariable?: (name: string, value: string, where: string) => string;
  /** How a connection authenticates (a connections file's bearer, basic or header type); default Zoho OAuth. */
  readonly connectionAuth?: (connection: string) => ConnectionAuth;
  readonly notes?: CommandNote[];
}

/** The Content-Type curl sends with -d/--data-raw when no -H gives one. */
const CURL_DATA_TYPE = 'application/x-www-form-urlencoded';

/** The lines of the command (the first is `curl URL`); quoting per shell is done by the caller. */
export function curlLines(request: HttpRequest, context: CommandContext): CurlLine[] {
  const words = (t: string): Word => segments(t, context.placeholders);
  // A bare `code` is a credential only in a grant request (Zoho's token endpoint): `?code=US` stays as written.
  const grant = isGrantRequest(request.url, ...bodyTexts(request));
  const url = withoutUserinfo(request.url, context);
  const lines: CurlLine[] = [{ words: [[text('curl')], withoutSecrets(words(url), 'URL', grant, context)] }];
  // `[]{}` are curl's URL globbing characters: -g sends them as they are.
  const literalUrl = segments(url, context.placeholders).map((s) => ('text' in s ? s.text : '')).join('');
  if (/[[\]{}]/.test(literalUrl)) lines.push({ words: [[text('-g')]] });
  const body = request.body;
  const impliedMethod = body ? 'POST' : 'GET';
  if (request.method === 'HEAD') lines.push({ words: [[text('-I')]] });
  else if (request.method !== impliedMethod) lines.push({ words: [[text('-X')], [text(request.method)]] });

  // The transport's rules: a connection's credential replaces an Authorization header of the script; a multipart
  // body brings its own Content-Type (with the boundary); a body's type is added when the script named none.
  const multipart = body?.kind === 'multipart';
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if ((request.connection !== undefined && lower === 'authorization') || (multipart && lower === 'content-type')) continue;
    // `-H 'Name:'` would remove the header; `Name;` sends it empty.
    if (value === '') lines.push({ words: [[text('-H')], [text(`${name};`)]] });
    else if ((isSecretHeader(name) || carriesCredential(value)) && (context.placeholders?.find(value).length ?? 0) === 0) lines.push({ words: [[text('-H')], secretHeader(name, value, context)] });
    else lines.push({ words: [[text('-H')], [text(`${name}: `), ...words(value)]] });
  }
  // --data-raw sends application/x-www-form-urlencoded by itself: a -H saying it again would come back from
  // `deluge import` as a headers entry instead of the script's `content-type:`.
  if (body?.kind === 'raw' && !headerValue(request.headers, 'content-type') && body.contentType?.toLowerCase() !== CURL_DATA_TYPE) {
    lines.push({ words: [[text('-H')], [text(`Content-Type: ${body.contentType ?? 'text/plain'}`)]] });
  }
  if (request.connection !== undefined) lines.push(connectionLine(request.connection, context));

  if (body?.kind === 'raw') lines.push({ words: [[text('--data-raw')], withoutSecrets(words(body.text), 'body', grant, context)] });
  if (body?.kind === 'form') {
    if (body.fields.length === 0) lines.push({ words: [[text('--data-raw')], []] });
    for (const [name, value] of body.fields) {
      // A credential field's value (`client_secret`, `password`, `token`) is read from a variable, like a secret header's.
      const secret = isCredentialField(name, grant) && isCredentialValue(value) && (context.placeholders?.find(value).length ?? 0) === 0;
      // Any other field's value is searched like a raw body: a Zoho token or a service key is one under any name.
      const valueWord = secret ? [secretSegment(name, value, 'body', context)] : withoutSecrets(words(value), 'body', grant, context);
      // curl encodes what follows the first `=` and expects the name already encoded; an empty name would lose its `=`.
      lines.push(
        name === ''
          ? { words: [[text('--data-raw')], withoutSecrets(words(`=${formComponent(value)}`), 'body', grant, context)] }
          : { words: [[text('--data-urlencode')], [...words(`${formComponent(name)}=`), ...valueWord]] },
      );
    }
  }
  if (body?.kind === 'multipart') {
    for (const part of body.parts) lines.push(multipartLine(part, context, words, grant));
  }
  return lines;
}

/**
 * The URL without its user name and password, which deluge run does not send (it sends no Authorization for them,
 * nor does the emitted TypeScript): curl would send them as Basic credentials, a request the script does not make.
 */
function withoutUserinfo(url: string, context: CommandContext): string {
  const split = splitUserinfo(url);
  if (!split) return url;
  // Left out of the command, and masked in the code frames of the script that quote it.
  const colon = split.userinfo.indexOf(':');
  if (colon >= 0 && split.userinfo.length - colon - 1 >= MIN_REMEMBERED) rememberSecret(split.userinfo.slice(colon + 1));
  context.notes?.push({
    code: 'DLG6014',
    message: "the URL's user name and password are left out, as deluge run sends none (no Authorization is made of them): to authenticate, give the request a connection (type basic in deluge.connections.json)",
  });
  return split.url;
}

/** The credential of a connection, from variables: the header its type sends, or `-u` for Basic (curl encodes it). */
function connectionLine(connection: string, context: CommandContext): CurlLine {
  const auth: ConnectionAuth = context.connectionAuth?.(connection) ?? { kind: 'zoho-oauthtoken' };
  switch (auth.kind) {
    case 'zoho-oauthtoken':
      return { words: [[text('-H')], [text('Authorization: Zoho-oauthtoken '), variable(context.tokenVariable(connection))]] };
    case 'bearer':
      return { words: [[text('-H')], [text('Authorization: Bearer '), variable(auth.token)]] };
    case 'basic':
      return { words: [[text('-u')], [variable(auth.username), text(':'), variable(auth.password)]] };
    case 'header':
      return { words: [[text('-H')], [text(`${auth.header}: `), variable(auth.value)]] };
  }
}

/** The texts of a body that say whether it is a grant's (`grant_type=authorization_code`). */
function bodyTexts(request: HttpRequest): string[] {
  const body = request.body;
  if (body?.kind === 'raw') return [body.text];
  if (body?.kind === 'form') return body.fields.map(([name, value]) => `${name}=${value}`);
  if (body?.kind === 'multipart') return body.parts.flatMap((p) => (p.kind === 'field' ? [`${p.name}=${p.value}`] : []));
  return [];
}

/** The shortest credential found in a script that frames mask wherever it appears. */
const MIN_REMEMBERED = 8;

/**
 * The variable a credential goes to, with the warning that says so. `recognised`: what the value is known to be by its
 * form, when its field's name says nothing (`?t=1000.…`).
 */
function secretSegment(field: string, value: string, where: 'URL' | 'body', context: CommandContext, recognised?: string): Segment {
  // Not copied, and not shown either: a code frame of the script masks it from here on (a long one: a short word such
  // as a demo password would be masked in every line that uses the word).
  if (value.length >= MIN_REMEMBERED) rememberSecret(value);
  const name = context.secretVariable?.(field, value, recognised ? `the ${where}` : `the ${field} field of the ${where}`) ?? credentialVariable(field);
  const what = recognised ? `a ${recognised} into its ${where}` : `a credential into the ${field} field of its ${where}`;
  context.notes?.push({ code: 'DLG6010', message: `the script writes ${what}: the command reads it from $${name} instead of copying it` });
  return variable(name);
}

/**
 * A word with the credential values of its text (`zapikey=…` or `token=…` in a URL, `"password":"…"` in a body;
 * see src/http/redact.ts's `isCredentialField`) as variables.
 */
function withoutSecrets(word: Word, where: 'URL' | 'body', grant: boolean, context: CommandContext): Word {
  const out: Segment[] = [];
  for (const segment of word) {
    if (!('text' in segment)) {
      out.push(segment);
      continue;
    }
    let at = 0;
    for (const field of credentialFieldsIn(segment.text, grant)) {
      if (field.start < at) continue;
      out.push(text(segment.text.slice(at, field.start)), secretSegment(field.name, segment.text.slice(field.start, field.end), where, context, field.recognised));
      at = field.end;
    }
    out.push(text(segment.text.slice(at)));
  }
  return out.filter((s) => !('text' in s) || s.text !== '');
}

/** `Authorization: Bearer $AUTHORIZATION`: the scheme stays readable, the credential is read from a variable. */
function secretHeader(name: string, value: string, context: CommandContext): Word {
  const name_ = context.secretVariable?.(name, value, `the ${name} header`) ?? credentialVariable(name);
  context.notes?.push({ code: 'DLG6010', message: `the script writes a credential into its ${name} header: the command reads it from $${name_} instead of copying it` });
  const scheme = schemeOf(name, value);
  const secret = value.slice(scheme.length).trim();
  if (secret.length >= MIN_REMEMBERED) rememberSecret(secret);
  return [text(`${name}: ${scheme}`), variable(name_)];
}

/** The part of a credential header's value that goes in its variable (after the scheme, which stays in the command). */
export function secretValue(name: string, value: string): string {
  return value.slice(schemeOf(name, value).length);
}

/** The scheme (`Zoho-oauthtoken `) of an Authorization header or of any header carrying a credential; else ''. */
function schemeOf(name: string, value: string): string {
  const scheme = /^([A-Za-z][\w.+-]*)\s+(?=\S)/.exec(value);
  if (!scheme) return '';
  return /^(authorization|proxy-authorization)$/i.test(name) || carriesCredential(value) ? scheme[0] : '';
}

/** A header value that is a credential whatever the header's name: `Bearer <token>`, a Zoho token. */
function carriesCredential(value: string): boolean {
  const scheme = /^(Zoho-oauthtoken|Bearer|Basic)\s+([^\s",;]+)/i.exec(value);
  return (scheme !== null && looksLikeCredential(scheme[2]!)) || new RegExp(ZOHO_TOKEN.source, 'i').test(value) || holdsServiceKey(value);
}

/**
 * Names the shells set or read themselves (`PWD=… sh x.sh` still sends the working folder: the shell resets PWD),
 * POSIX, bash, cmd and PowerShell's: a credential variable is never one of them.
 */
const SHELL_VARIABLES: ReadonlySet<string> = new Set(
  ('PWD OLDPWD HOME PATH IFS USER LOGNAME SHELL TERM LANG TMPDIR HOSTNAME UID EUID PPID RANDOM SECONDS LINENO OPTARG ' +
    'OPTIND PS1 PS2 PS4 ENV MAIL CDPATH HISTFILE COLUMNS LINES SHLVL GROUPS PIPESTATUS REPLY FUNCNAME ' +
    'USERNAME USERPROFILE USERDOMAIN COMPUTERNAME TEMP TMP APPDATA LOCALAPPDATA HOMEDRIVE HOMEPATH SYSTEMROOT ' +
    'WINDIR PATHEXT COMSPEC OS PROMPT CD DATE TIME ERRORLEVEL CMDCMDLINE PSMODULEPATH').split(' '),
);

/** The variable a credential written in the script is read from: its field or header name, unless a shell owns that one. */
export function credentialVariable(field: string): string {
  const name = upperSnake(field);
  return SHELL_VARIABLES.has(name) ? `${name}_VALUE` : /^[0-9]/.test(name) ? `VALUE_${name}` : name;
}

export function upperSnake(name: string): string {
  // A percent-encoded field name (`client%5Fsecret`) is named as the server reads it: CLIENT_SECRET.
  return decodedFieldName(name).replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'VALUE';
}

/**
 * A multipart part: `--form-string` sends a field's value as it is (`-F` would read `@file`, `<file` and `;type=`
 * in it); a file goes with `-F name=@path;type=…`, from the path {@link localFilePath} names.
 */
function multipartLine(part: MultipartPart, context: CommandContext, words: (t: string) => Word, grant: boolean): CurlLine {
  if (part.name.includes('=')) {
    context.notes?.push({ code: 'DLG6008', message: `the multipart field name ${JSON.stringify(part.name)} contains '=', which curl reads as the end of the name` });
  }
  if (part.kind === 'field') {
    const secret = isCredentialField(part.name, grant) && isCredentialValue(part.value) && (context.placeholders?.find(part.value).length ?? 0) === 0;
    const value = secret ? [secretSegment(part.name, part.value, 'body', context)] : withoutSecrets(words(part.value), 'body', grant, context);
    return { words: [[text('--form-string')], [...words(`${part.name}=`), ...value]] };
  }
  const path = localFilePath(part.file, context.placeholders);
  const placeholder = context.placeholders?.lookup(part.file.name);
  context.notes?.push({
    code: 'DLG6006',
    message: placeholder
      ? `the file uploaded as '${part.name}' is ${placeholder.description}: the command reads it from ./${path}; save the live file there first`
      : `the file ${JSON.stringify(part.file.name)} uploaded as '${part.name}' is made by the script and has no path: the command reads it from ./${path}; write its ${part.file.bytes.length} bytes there first`,
  });
  let spec = `${part.name}=@${formParam(path)}`;
  if (part.file.contentType) spec += `;type=${formParam(part.file.contentType)}`;
  if (!placeholder && part.file.name !== path) spec += `;filename=${formParam(part.file.name)}`;
  return { words: [[text('-F')], words(spec)] };
}

/**
 * Where an emitted command reads an uploaded file from: its name, reduced to characters that need no quoting in
 * any shell or in curl's `-F` syntax (`report 2024.csv` → `report_2024.csv`); a file from a response is named
 * after its placeholder (`response1.file`).
 */
export function localFilePath(file: FilePart, placeholders?: Placeholders): string {
  const placeholder = placeholders?.lookup(file.name);
  const name = placeholder ? placeholder.token.slice(2, -2) : file.name;
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.-]+/, '');
  return clean === '' ? 'file' : clean;
}

/** A value in curl's `-F` syntax: in double quotes (with `\"` and `\\`) when it has `;`, `,`, `"` or spaces. */
function formParam(value: string): string {
  return /[;,"\\\s]/.test(value) ? `"${value.replace(/[\\"]/g, '\\$&')}"` : value;
}

/** `application/x-www-form-urlencoded` encoding of one name or value, as the runner encodes forms. */
function formComponent(value: string): string {
  return new URLSearchParams([[value, '']]).toString().slice(0, -1);
}

/** A text split at its placeholders: literal text, and the variables that stand for live values. */
function segments(t: string, placeholders: Placeholders | undefined): Segment[] {
  const matches = placeholders?.find(t) ?? [];
  if (matches.length === 0) return [text(t)];
  const out: Segment[] = [];
  let at = 0;
  for (const m of matches) {
    out.push(text(t.slice(at, m.start)), variable(m.placeholder.variable));
    at = m.end;
  }
  out.push(text(t.slice(at)));
  return out;
}
