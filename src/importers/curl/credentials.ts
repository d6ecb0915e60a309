/**
 * Credentials of a curl command, kept out of the Deluge: an `Authorization` header (any scheme), `-u`, user info in
 * the URL, `--oauth2-bearer` and API-key headers become the request's connection, described by the settings a
 * `deluge.connections.json` connection of that type takes (docs/connections.md); a browser session's cookies, a
 * second credential and credential fields of a URL or a body (which no connection type sends) become placeholders.
 * The secrets themselves stay in memory, to tell connections apart; no message or output holds one.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { isCredentialField as isEmittedCredentialField, isSecretHeader, KNOWN_SECRET_KEY, ZOHO_TOKEN } from '../../http/redact.js';
import { isCredentialEntry } from '../../linter/rules/hardcoded-credential.js';
import { keyText } from '../../runtime/text-form.js';
import { ListValue, MapValue, type Value } from '../../runtime/values.js';
import type { Span } from '../../source/span.js';

/** The connection every credential becomes when `--connection` names none (others of the paste get `_2`, `_3`). */
export const DEFAULT_IMPORT_CONNECTION = 'zoho_oauth_connection';

/** A connection's type and settings as `deluge.connections.json` writes them; the values are secrets. */
export type ConnectionSettings =
  | { readonly type: 'zoho-oauth' }
  | { readonly type: 'bearer'; readonly token: string }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'header'; readonly header: string; readonly value: string };

/** A credential of the command that the script's connection replaces. */
export interface CurlCredential {
  readonly connection: ConnectionSettings;
  /** What it was, for messages, never with its value: `the Bearer token of the Authorization header`, `-u`. */
  readonly source: string;
  readonly span: Span;
  /** Said after the connection's settings: `(no password given: curl would ask for one)`. */
  readonly note?: string;
}

/** How a header is treated: a credential the connection replaces, or a browser session's value (a placeholder). */
export function headerKind(name: string): 'authorization' | 'credential' | 'session' | undefined {
  const lower = name.toLowerCase();
  if (lower === 'authorization') return 'authorization';
  if (lower === 'cookie' || /csrf|xsrf|session/.test(lower)) return 'session';
  // Chrome copied HTTP/2's `:authority` as an `authority` header for a while: a host name, not a credential.
  if (lower === 'authority') return undefined;
  return isSecretHeader(name) ? 'credential' : undefined;
}

/** The placeholder a session header's or a second credential's value becomes. */
export function headerPlaceholder(name: string): string {
  return name.toLowerCase() === 'cookie' ? '<cookie>' : `<${name}>`;
}

/** An `Authorization` header's value as a connection: Zoho, Bearer and Basic by their scheme, anything else as is. */
export function authorizationCredential(value: string, span: Span): CurlCredential {
  const scheme = /^\s*(\S+)\s+(\S[\s\S]*)$/.exec(value);
  const name = scheme?.[1]?.toLowerCase();
  const rest = scheme?.[2]?.trim() ?? '';
  if (/^\s*zoho-oauthtoken\b/i.test(value)) return { connection: { type: 'zoho-oauth' }, source: 'the Zoho token of the Authorization header', span };
  if (name === 'bearer') return { connection: { type: 'bearer', token: rest }, source: 'the Bearer token of the Authorization header', span };
  if (name === 'basic') {
    const pair = base64Text(rest);
    const colon = pair?.indexOf(':') ?? -1;
    if (pair !== undefined && colon >= 0) {
      return { connection: { type: 'basic', username: pair.slice(0, colon), password: pair.slice(colon + 1) }, source: 'the Basic credentials of the Authorization header', span };
    }
  }
  const what = scheme ? `the ${scheme[1]} credentials of the Authorization header` : 'the value of the Authorization header';
  return { connection: { type: 'header', header: 'Authorization', value: value.trim() }, source: what, span };
}

/** `user:password` (`-u`, or user info in the URL) as a basic connection; `authScheme` is curl's `--digest` and the like. */
export function basicCredential(userPassword: string, source: string, span: Span, authScheme?: string): CurlCredential {
  const colon = userPassword.indexOf(':');
  const username = colon < 0 ? userPassword : userPassword.slice(0, colon);
  const password = colon < 0 ? '' : userPassword.slice(colon + 1);
  const notes = [
    // `-u bob` makes curl ask for the password; `https://bob@host/` sends `bob:` (an empty one).
    ...(colon < 0 ? [source === '-u' ? 'no password was given: curl would ask for one' : 'no password was given: curl sends an empty one'] : []),
    ...(authScheme ? [`curl was told --${authScheme}, which no connection type does: the connection sends the credentials as Basic`] : []),
  ];
  return {
    connection: { type: 'basic', username, password },
    source: `the ${authScheme ? 'user name and password' : 'Basic credentials'} of ${source}`,
    span,
    ...(notes.length > 0 && { note: ` (${notes.join('; ')})` }),
  };
}

/** An API-key header (`X-Api-Key`, `apikey`, `X-Auth-Token`, …) as a header connection. */
export function headerCredential(name: string, value: string, span: Span): CurlCredential {
  return { connection: { type: 'header', header: name, value }, source: `the value of the ${name} header`, span };
}

/**
 * Gives each request with a credential its connection: `base` for the first credential, `base_2`, `base_3` … for
 * other ones (a connection has one type and one secret; every Zoho token is the same Zoho connection, as Zoho
 * scripts name one). Each credential a non-Zoho connection replaces gets a DLG6112 saying how to define it.
 */
export function assignConnections<R extends { readonly credential?: CurlCredential }>(
  requests: readonly R[],
  base: string,
  diagnostics: Diagnostic[],
): (R & { readonly connection?: string })[] {
  const byIdentity = new Map<string, string>();
  const taken = new Set<string>();
  const reported = new Set<string>();
  return requests.map((request) => {
    const credential = request.credential;
    if (!credential) return request;
    const identity = credential.connection.type === 'zoho-oauth' ? 'zoho-oauth' : JSON.stringify(credential.connection);
    let name = byIdentity.get(identity);
    if (name === undefined) {
      name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
      taken.add(name);
      byIdentity.set(identity, name);
    }
    const where = `${credential.span.start}:${credential.span.end}`;
    if (credential.connection.type !== 'zoho-oauth' && !reported.has(where)) {
      reported.add(where);
      diagnostics.push(
        diagnostic(
          'DLG6112',
          credential.span,
          `${credential.source} became connection "${name}", kept out of the script${credential.note ?? ''}: to run it, add "${name}": ${settingsHint(credential.connection, name)} to deluge.connections.json; in Zoho, create a connection with this link name`,
          { ruleId: 'import' },
        ),
      );
    }
    return { ...request, connection: name };
  });
}

/** The connection's settings with `${VARIABLE}`s for its secrets: a shell variable the command used, else one named after the connection. */
function settingsHint(settings: ConnectionSettings, name: string): string {
  const variable = (value: string, setting: string): string => (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value) ? value : `\${${upperSnake(name)}_${upperSnake(setting)}}`);
  switch (settings.type) {
    case 'zoho-oauth':
      return '{ "clientId": …, "clientSecret": …, "refreshToken": …, "type": "zoho-oauth" }';
    case 'bearer':
      return `{ "type": "bearer", "token": "${variable(settings.token, 'token')}" }`;
    case 'basic':
      return `{ "type": "basic", "username": "${variable(settings.username, 'username')}", "password": "${variable(settings.password, 'password')}" }`;
    case 'header': {
      // An Authorization scheme is no secret, and the value needs it.
      const scheme = /^authorization$/i.test(settings.header) ? /^(\S+)\s+(?=\S)/.exec(settings.value) : null;
      const secret = scheme ? settings.value.slice(scheme[0].length) : settings.value;
      return `{ "type": "header", "header": "${settings.header}", "value": "${scheme?.[0] ?? ''}${variable(secret, 'value')}" }`;
    }
  }
}

function upperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'VALUE';
}

/** A whole value that is a Zoho OAuth token (redact.ts's ZOHO_TOKEN). */
const ZOHO_TOKEN_VALUE = new RegExp(`^${ZOHO_TOKEN.source}$`, 'i');
/** A whole value that is a service's key (redact.ts's KNOWN_SECRET_KEY: Stripe, GitHub, Slack, AWS, Google). */
const SERVICE_KEY_VALUE = new RegExp(`^${KNOWN_SECRET_KEY.source}$`);

/** Fields of a query string, a form or a JSON body whose value is a credential, whatever it looks like. */
const CREDENTIAL_FIELD = /^(?:authtoken|auth_token|access_token|refresh_token|id_token|client_secret|zapikey|api[_-]?key|apikey|password|passwd)$/i;

/**
 * Whether a field's value is a credential: a name of CREDENTIAL_FIELD, one the emitters read from a variable (`token`,
 * `secret`, `private_key` …; a bare `key` not in JSON, where `"key": "Lead_Status"` is data), or a value `deluge lint`
 * would report under this name (`session_token_v2`, `"clientSecretKey": "…"`); `code` in an authorization-code grant.
 * So the script neither fails the lint nor holds a value `deluge emit --to curl` would not copy.
 */
export function isCredentialField(name: string, value: string, options: { readonly grant?: boolean; readonly json?: boolean } = {}): boolean {
  if (CREDENTIAL_FIELD.test(name) || isCredentialEntry(name, value)) return true;
  // A Zoho OAuth token or a service key is one under any name (`?t=1000.…`, `?k=sk_live_…`): `deluge lint` reports it
  // wherever the script holds it.
  if (ZOHO_TOKEN_VALUE.test(value) || SERVICE_KEY_VALUE.test(value)) return true;
  if (options.json && /^key$/i.test(name)) return false;
  return isEmittedCredentialField(name, options.grant);
}

/** The grant of an OAuth token request, where its `code` is a credential too. */
function isGrant(names: readonly string[], values: readonly string[]): boolean {
  return names.some((n, i) => n === 'grant_type' && values[i] === 'authorization_code');
}

/** `a=1&client_secret=x` → `a=1&client_secret=<client_secret>`, pieces kept as written; the names replaced. */
export function maskQueryFields(query: string): { text: string; masked: string[] } {
  const pieces = query.split('&');
  const names = pieces.map((p) => decodeField(p.slice(0, p.includes('=') ? p.indexOf('=') : p.length)));
  const values = pieces.map((p) => (p.includes('=') ? decodeField(p.slice(p.indexOf('=') + 1)) : ''));
  const grant = isGrant(names, values);
  const masked: string[] = [];
  const text = pieces
    .map((piece, i) => {
      const name = names[i]!;
      if (!piece.includes('=') || values[i] === '' || !isCredentialField(name, values[i]!, { grant })) return piece;
      masked.push(name);
      return `${piece.slice(0, piece.indexOf('='))}=<${name}>`;
    })
    .join('&');
  return { text, masked };
}

/** A URL with the values of its credential query fields replaced by `<name>`. */
export function maskUrlFields(url: string): { text: string; masked: string[] } {
  const question = url.indexOf('?');
  if (question < 0) return { text: url, masked: [] };
  const hash = url.indexOf('#', question);
  const end = hash < 0 ? url.length : hash;
  const { text, masked } = maskQueryFields(url.slice(question + 1, end));
  return { text: url.slice(0, question + 1) + text + url.slice(end), masked };
}

/** Form fields with the credentials' values replaced by `<name>`. */
export function maskFormFields(fields: readonly (readonly [string, string])[]): { fields: [string, string][]; masked: string[] } {
  const grant = isGrant(
    fields.map(([n]) => n),
    fields.map(([, v]) => v),
  );
  const masked: string[] = [];
  return {
    fields: fields.map(([name, value]): [string, string] => {
      if (value === '' || !isCredentialField(name, value, { grant })) return [name, value];
      masked.push(name);
      return [name, `<${name}>`];
    }),
    masked,
  };
}

/** A JSON body with the values of credential keys (at any depth) replaced by `"<key>"`; the value is changed in place. */
export function maskJsonFields(value: Value, masked: string[] = []): string[] {
  if (value instanceof MapValue) {
    for (const [key, item] of value.entries) {
      const name = keyText(key);
      if (item !== null && !(item instanceof MapValue) && !(item instanceof ListValue) && item !== '' && isCredentialField(name, String(item), { json: true })) {
        value.entries.set(key, `<${name}>`);
        masked.push(name);
      } else maskJsonFields(item, masked);
    }
  } else if (value instanceof ListValue) {
    for (const item of value.items) maskJsonFields(item, masked);
  }
  return masked;
}

/**
 * A JSON text kept as written (a body whose exact text matters: `12.50`, a key twice) with the string values of its
 * credential keys, at any depth, replaced by `"<key>"`; everything else of the text unchanged.
 */
export function maskJsonTextFields(text: string): { text: string; masked: string[] } {
  const masked: string[] = [];
  const unquoted = (quoted: string): string | undefined => {
    try {
      return JSON.parse(quoted) as string;
    } catch {
      return undefined;
    }
  };
  const out = text.replace(/("(?:[^"\\]|\\.)*")(\s*:\s*)("(?:[^"\\]|\\.)*")/g, (all, key: string, colon: string, value: string) => {
    const name = unquoted(key);
    const item = unquoted(value);
    if (name === undefined || item === undefined || item === '' || !isCredentialField(name, item, { json: true })) return all;
    masked.push(name);
    return `${key}${colon}${JSON.stringify(`<${name}>`)}`;
  });
  return { text: out, masked };
}

function decodeField(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The text of Base64 (UTF-8), or undefined when it is not Base64 of text. */
function base64Text(encoded: string): string | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = encoded.replace(/=+$/, '');
  if (clean === '' || !/^[A-Za-z0-9+/]+$/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const c of clean) {
    buffer = (buffer << 6) | alphabet.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

/** How a word holding a secret is masked in a code frame: all of it, after its first `:`, or a header's value. */
export interface SecretWord {
  readonly span: Span;
  readonly mask: 'all' | 'after-colon' | 'header-value';
}

/**
 * The text with the secret words' characters replaced by `*`, length kept (so carets and columns stay right):
 * quotes, escape characters and white space stay, and so does an Authorization header's scheme.
 */
export function maskWords(text: string, words: readonly SecretWord[]): string {
  const chars = text.split('');
  const stars = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (!/[\s'"^`\\]/.test(chars[i]!)) chars[i] = '*';
  };
  for (const { span, mask } of words) {
    const raw = text.slice(span.start, span.end);
    if (mask === 'all') {
      stars(span.start, span.end);
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon < 0) continue;
    let from = span.start + colon + 1;
    if (mask === 'header-value' && /authorization\s*$/i.test(raw.slice(0, colon))) {
      const scheme = /^[\s'"^`\\]*[A-Za-z][\w.+-]*[ \t]+(?=\S)/.exec(raw.slice(colon + 1));
      if (scheme) from += scheme[0].length;
    }
    stars(from, span.end);
  }
  return chars.join('');
}
