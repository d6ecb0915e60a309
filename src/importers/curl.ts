/**
 * `deluge import`: curl commands → Deluge. `parseCurl` reads the requests a pasted curl command would send (bash/zsh,
 * Windows cmd, PowerShell; as copied from a browser, an API doc or a terminal) into the request IR; `importCurl`
 * writes them as `invokeurl` blocks in the formatter's style. What could not be carried over is a diagnostic with a
 * code (DLG61xx) and a span in the pasted text; the output is produced all the same. docs/import.md has the mapping.
 */
import { diagnostic, hasErrors, byPosition, type Result } from '../diagnostics/diagnostic.js';
import { format } from '../format/index.js';
import { isSecretHeader } from '../http/redact.js';
import type { HttpBody, HttpRequest, MultipartPart } from '../http/request.js';
import { span } from '../source/span.js';
import { readCurlRequests, type CurlReadOptions, type ImportedRequest } from './curl/commands.js';
import { isCredentialField, maskWords } from './curl/credentials.js';
import { delugeScript } from './curl/deluge.js';
import type { CurlRequest } from './curl/request.js';

export type { Shell } from './curl/shell.js';
export type { CurlReadOptions } from './curl/commands.js';
/** The connection the command's credentials become when `--connection` names none. */
export { DEFAULT_IMPORT_CONNECTION } from './curl/credentials.js';

/**
 * `connection`: the link name of the connection that replaces the command's credentials (default
 * `zoho_oauth_connection`); `shell`; `readFile`.
 */
export type ImportCurlOptions = CurlReadOptions;

/** The requests the curl command(s) would send, as the request IR (`origin: 'curl'`). */
export function parseCurl(command: string, options: ImportCurlOptions = {}): Result<HttpRequest[]> {
  const read = readCurlRequests(command, options);
  const diagnostics = [...read.diagnostics].sort(byPosition);
  // Nothing half-read: an unclosed quote or a command without a URL gives no requests at all.
  if (hasErrors(diagnostics)) return { value: [], diagnostics };
  return { value: read.value.map(toHttpRequest), diagnostics };
}

/**
 * The curl command(s) as formatted Deluge: one `invokeurl` block (and `info`) per request. When a command cannot be
 * read (an error diagnostic: an unclosed quote, no curl, no URL), the value is empty: nothing half-imported.
 */
export function importCurl(command: string, options: ImportCurlOptions = {}): Result<string> {
  const read = readCurlRequests(command, options);
  const diagnostics = [...read.diagnostics];
  if (read.value.length === 0 || hasErrors(diagnostics)) return { value: '', diagnostics: diagnostics.sort(byPosition) };
  const text = delugeScript(read.value);
  const formatted = format(text, { docs: false });
  if (hasErrors(formatted.diagnostics)) {
    // A bug of the importer, not of the input: say so rather than print Deluge that does not parse.
    diagnostics.push(diagnostic('DLG6102', span(0, 0), `internal error: the Deluge written for this command does not parse (${formatted.diagnostics[0]!.message})`, { ruleId: 'import', severity: 'error' }));
    return { value: '', diagnostics: diagnostics.sort(byPosition) };
  }
  return { value: formatted.value, diagnostics: diagnostics.sort(byPosition) };
}

/**
 * The text with every credential it holds masked by `*`, character for character, so that diagnostics' spans and
 * columns stay right: what a code frame of a pasted command shows. The words the importer reads as credentials
 * (`Authorization`, API-key and `Cookie` header values, `-u` passwords, `--oauth2-bearer`, `-b`, `--pass` …) and,
 * wherever they appear, tokens after an authorization scheme, Zoho tokens, passwords in URLs and credential fields
 * (`client_secret=`, `api_key=`, `"password": "…"`).
 */
export function maskSecrets(text: string, options: Pick<CurlReadOptions, 'shell'> = {}): string {
  const stars = (s: string): string => '*'.repeat(s.length);
  let secrets: Parameters<typeof maskWords>[1] = [];
  try {
    secrets = readCurlRequests(text, options).secrets;
  } catch {
    // The patterns below still apply.
  }
  return maskWords(text, secrets)
    .replace(/\b(Zoho-oauthtoken|Bearer|Basic)(\s+)([^\s"'^`,;\\]+)/gi, (_all, scheme: string, space: string, word: string) => `${scheme}${space}${stars(word)}`)
    .replace(/\b1000\.[0-9a-z]{8,}\.[0-9a-z]{8,}\b/gi, stars)
    // The whole of `-u user:password` and of a URL's userinfo: APIs such as Freshdesk's and Stripe's take the key as the
    // user name (`-u KEY:X`, `-u sk_test_…:`).
    .replace(/((?:^|\s)(?:-u\s*|--user\s+)['"]?)([^\s'"]+)/g, (_all, head: string, credential: string) => `${head}${stars(credential)}`)
    .replace(/(\/\/)([^/?#@\s'"]+)(?=@)/g, (_all, head: string, userinfo: string) => `${head}${stars(userinfo)}`)
    .replace(
      /\b((?:client_secret|refresh_token|access_token|id_token|auth_?token|zapikey|api[_-]?key|apikey|password|passwd|code)=)([^&\s'"^]+)/gi,
      (_all, field: string, value: string) => `${field}${stars(value)}`,
    )
    .replace(
      /("(?:client_secret|refresh_token|access_token|id_token|auth_?token|zapikey|api[_-]?key|apikey|password|passwd)"\s*:\s*")([^"\\]+)/gi,
      (_all, field: string, value: string) => `${field}${stars(value)}`,
    )
    // A secret header written as -H gives it (`X-Api-Key: …`), also where no -H is read (a command that was skipped):
    // Authorization's value is masked by its scheme above.
    .replace(/((?<![\w-])([A-Za-z][\w-]*)[ \t]*:[ \t]*)([^\s'"^`\\]+)/g, (all, head: string, name: string, value: string) =>
      isSecretHeader(name) && !/authorization$/i.test(name) && !/^\*+$/.test(value) ? `${head}${stars(value)}` : all,
    )
    // Every other field the importer takes for a credential (`session_token_v2=`, `webhookSecret=`, `"signing_secret": …`),
    // those its output turns into placeholders.
    .replace(/[^\n]+/g, (line) => maskCredentialFields(line, stars));
}

/**
 * A line with the value of every field the importer takes for a credential ({@link isCredentialField}) masked: a
 * query's or a form's `name=value`, a JSON body's `"name": "value"`.
 */
function maskCredentialFields(line: string, stars: (s: string) => string): string {
  const grant = /grant_type=authorization_code/.test(line);
  return line
    .replace(/([A-Za-z0-9_.%-]+)=([^&\s'"^`]+)/g, (all, name: string, value: string) => (isCredentialField(decodedName(name), value, { grant }) ? `${name}=${stars(value)}` : all))
    .replace(/("([^"\\]+)"\s*:\s*")([^"\\]*)"/g, (all, head: string, name: string, value: string) =>
      value !== '' && isCredentialField(name, value, { json: true }) ? `${head}${stars(value)}"` : all,
    );
}

/** A field name as the server reads it (`client%5Fsecret` is `client_secret`). */
function decodedName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function toHttpRequest(request: ImportedRequest): HttpRequest {
  const body = httpBody(request);
  return {
    method: (['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(request.method) ? request.method : 'GET') as HttpRequest['method'],
    url: normalisedUrl(request.url),
    headers: request.headers,
    ...(body && { body }),
    ...(request.connection !== undefined && { connection: request.connection }),
    response: { detailed: false },
    origin: 'curl',
  };
}

function httpBody(request: CurlRequest): HttpBody | undefined {
  const body = request.body;
  switch (body?.kind) {
    case undefined:
      return undefined;
    case 'form':
      return { kind: 'form', fields: body.fields };
    case 'json':
    case 'raw':
      return { kind: 'raw', text: body.text, contentType: body.contentType };
    case 'multipart':
      return {
        kind: 'multipart',
        parts: body.parts.map((part): MultipartPart =>
          part.kind === 'field'
            ? part
            : { kind: 'file', name: part.name, file: { name: part.filename, contentType: part.contentType, bytes: part.bytes ?? new Uint8Array() } },
        ),
      };
  }
}

/** The URL as the runner requests it (WHATWG-normalised), or as written when it does not parse. */
function normalisedUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
