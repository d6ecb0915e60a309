/**
 * `deluge.connections.json`: what a script's `connection: "name"` means outside Zoho. Secrets are written as
 * `${ENV_VAR}` so the file can be committed; they are read from the environment only when a connection is
 * used, so a missing variable of one connection never blocks a script that uses another. Format: docs/connections.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { closest } from '../edit-distance.js';
import { failureReason } from '../file-system.js';
import { SourceFile } from '../source/source-file.js';
import { jsonSyntaxError, locateJson, maskJsonValues, repeatedKeys, withoutBom } from '../source/json-location.js';
import type { Span } from '../source/span.js';
import { isLoopback } from './loopback.js';
import { unsendableHeader } from './managed-headers.js';
import { rememberSecret } from './redact.js';
import { accountsUrl, DATA_CENTRE_IDS, DATA_CENTRES, isDataCentre, type DataCentre } from './zoho-hosts.js';

export const CONNECTIONS_FILE = 'deluge.connections.json';
export const CONNECTIONS_ENV = 'DELUGE_CONNECTIONS';
export const DEFAULT_TOKEN_STORE = '~/.deluge/tokens.json';

/** A connection's link name as Zoho makes them (`crm_oauth_connection`): letters, digits and `_`. */
export function isConnectionLinkName(name: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(name);
}

/** A connections file (or token store) that cannot be used: the command stops with exit code 2 and this message. */
export class DelugeConfigError extends Error {
  constructor(
    /** DLG0001 file not found, DLG0003 token store not writable, DLG0005 unknown connection, DLG0006 bad file or setting. */
    readonly code: 'DLG0001' | 'DLG0003' | 'DLG0005' | 'DLG0006',
    message: string,
    /** Where in the connections file the problem is written, for a file:line:col and a code frame. */
    readonly location?: { readonly file: SourceFile; readonly span: Span },
    /** The setting whose value is wrong, when the error is made without the file's text (see `resolve`). */
    readonly setting?: string,
  ) {
    super(message);
    this.name = 'DelugeConfigError';
  }
}

/** A setting's place in the connections file: its key, or its value (`value: true`), by its path of keys. */
function settingAt(path: string, text: string, keys: readonly string[], value = false): DelugeConfigError['location'] {
  const found = locateJson(text, keys);
  return found === undefined ? undefined : { file: framedFile(path, text), span: value ? found.value : found.key };
}

/**
 * The settings whose values a code frame of the connections file shows: what names a connection's service and where
 * it is (a client id is no secret: Zoho's sign-in page shows it), never a credential. Every other value is masked —
 * the credentials, and any setting not known (`"bearer": "…"` for `token`, `"pw"`: a misspelt credential is one all
 * the same).
 */
const PLAIN_SETTINGS: ReadonlySet<string> = new Set(['type', 'description', 'dataCenter', 'accountsUrl', 'apiDomain', 'clientId', 'redirectUri', 'header', 'username', 'tokenStore', '$schema']);

const isSecretSetting = (key: string): boolean => !PLAIN_SETTINGS.has(key);

/**
 * A key and its value on one line as a file that is not JSON may write them (`token: "…"`, a value's closing quote
 * left out), which `maskJsonValues`, a reader of JSON, does not find. A quoted value ends at its closing quote or at
 * the end of its line.
 */
const WRITTEN_SETTING = /(["']?)([A-Za-z_$][\w$-]*)\1[^\S\r\n]*:[^\S\r\n]*("(?:[^"\\\r\n]|\\.)*"?|'(?:[^'\\\r\n]|\\.)*'?|[^\s,{}[\]"']+)/g;

/** Every value of a setting not in PLAIN_SETTINGS written as `*`, wherever WRITTEN_SETTING finds one; a `${VAR}` kept. */
function maskWrittenSettings(text: string): string {
  return text.replace(WRITTEN_SETTING, (all, _quote: string, key: string, value: string) => {
    if (PLAIN_SETTINGS.has(key)) return all;
    const quoted = value[0] === '"' || value[0] === "'";
    const start = quoted ? 1 : 0;
    const end = quoted && value.length > 1 && value.endsWith(value[0]!) ? value.length - 1 : value.length;
    const inner = value.slice(start, end);
    if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(inner) || (!quoted && /^(?:true|false|null|-?\d[\d.eE+-]*)$/.test(inner))) return all;
    return `${all.slice(0, all.length - value.length)}${value.slice(0, start)}${'*'.repeat(inner.length)}${value.slice(end)}`;
  });
}

/** `did you mean "dataCenter"?` for a near miss of one of `candidates` (`dataCentre`); undefined for none. */
function meant(written: string, candidates: readonly string[]): string | undefined {
  const near = closest(written, candidates);
  return near === undefined ? undefined : `did you mean "${near}"?`;
}

/** `(did you mean "x"?; allowed: a, b)`: the allowed settings, after the one meant if any. */
function allowedAfterNearMiss(written: string, allowed: readonly string[]): string {
  const guess = meant(written, allowed);
  return `(${guess ? `${guess}; ` : ''}allowed: ${allowed.join(', ')})`;
}

/**
 * The connections file as its code frames show it: every value but those of PLAIN_SETTINGS as `*` (a `${VAR}` reference
 * is kept), in a file that is not JSON too; the frames print that text as it is, since the masking made for Deluge
 * source misreads JSON.
 */
function framedFile(path: string, text: string): SourceFile {
  return new SourceFile(path, maskWrittenSettings(maskJsonValues(text, isSecretSetting)), true);
}

export interface ZohoOAuthConnection {
  readonly type: 'zoho-oauth';
  readonly name: string;
  readonly dataCenter: DataCentre;
  /** `https://accounts.zoho.eu`, or the file's `accountsUrl`. */
  readonly accountsUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Absent when the token store holds one (`deluge connections add <name> --grant-code CODE`). */
  readonly refreshToken?: string;
  /** Sent with grant-code exchanges when set; self-client codes need none. */
  readonly redirectUri?: string;
}

export interface ZohoTokenConnection {
  readonly type: 'zoho-token';
  readonly name: string;
  readonly accessToken: string;
  readonly apiDomain: string;
}

export interface BearerConnection {
  readonly type: 'bearer';
  readonly name: string;
  readonly token: string;
}

export interface BasicConnection {
  readonly type: 'basic';
  readonly name: string;
  readonly username: string;
  readonly password: string;
}

export interface HeaderConnection {
  readonly type: 'header';
  readonly name: string;
  /** The header's name (`X-Api-Key`). */
  readonly header: string;
  readonly value: string;
}

export type Connection = ZohoOAuthConnection | ZohoTokenConnection | BearerConnection | BasicConnection | HeaderConnection;
export type ConnectionType = Connection['type'];

/** What `connections list` may show about a connection: nothing secret, and readable with variables unset. */
export interface ConnectionSummary {
  readonly name: string;
  readonly type: ConnectionType;
  readonly dataCenter?: DataCentre;
  readonly accountsUrl?: string;
  /** Undefined when its variable is unset. */
  readonly clientId?: string;
  /** The file sets `refreshToken` (which then wins over a stored one). */
  readonly refreshTokenInFile: boolean;
  /** Why the connection cannot be used as it stands (`ZOHO_CLIENT_SECRET is not set`). */
  readonly problems: readonly string[];
}

/** The connections a run or a command can use. */
export interface Connections {
  /** The file they came from; undefined when none was found. */
  readonly path: string | undefined;
  /** Where tokens are cached; undefined keeps them in memory only. */
  readonly tokenStorePath: string | undefined;
  readonly names: readonly string[];
  /** The connection with its `${ENV}` values filled in. DLG0005 for an unknown name, DLG0006 for a missing value. */
  resolve(name: string): Connection;
  describe(name: string): ConnectionSummary;
  /**
   * The connection's type and settings as the file writes them, `${ENV}` references not filled in (emitters read the
   * variable names from them; a value written in the file is never to be copied out). Undefined for an unknown name.
   */
  written(name: string): { readonly type: ConnectionType; readonly settings: Readonly<Record<string, string>> } | undefined;
  /** Where the connection is written in the file (its name), for an error about it found later; undefined without one. */
  locate(name: string): DelugeConfigError['location'];
}

/** Settings each type takes; `type` and `description` are allowed everywhere. */
const SETTINGS: Readonly<Record<ConnectionType, { readonly required: readonly string[]; readonly optional: readonly string[] }>> = {
  'zoho-oauth': { required: ['clientId', 'clientSecret'], optional: ['dataCenter', 'refreshToken', 'redirectUri', 'accountsUrl'] },
  'zoho-token': { required: ['accessToken'], optional: ['dataCenter', 'apiDomain'] },
  bearer: { required: ['token'], optional: [] },
  basic: { required: ['username', 'password'], optional: [] },
  header: { required: ['header', 'value'], optional: [] },
};
const TYPES = Object.keys(SETTINGS) as ConnectionType[];
const TOP_LEVEL_KEYS = ['$schema', 'connections', 'tokenStore'];

export interface LoadConnectionsOptions {
  /** `--connections FILE`. */
  readonly file?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
}

/** `--connections FILE`, else `$DELUGE_CONNECTIONS`, else `deluge.connections.json` in the current folder or the nearest parent. */
export function findConnectionsFile(options: LoadConnectionsOptions = {}): string | undefined {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  if (options.file !== undefined) {
    const path = resolve(cwd, options.file);
    if (!existsSync(path)) throw new DelugeConfigError('DLG0001', `cannot read '${options.file}' (--connections): no such file`);
    return path;
  }
  const fromEnv = env[CONNECTIONS_ENV];
  if (fromEnv) {
    const path = resolve(cwd, fromEnv);
    if (!existsSync(path)) throw new DelugeConfigError('DLG0001', `cannot read '${fromEnv}' ($${CONNECTIONS_ENV}): no such file`);
    return path;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONNECTIONS_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Finds and reads the connections file; with none found, an empty set whose every name is unknown. */
export function loadConnections(options: LoadConnectionsOptions = {}): Connections {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  const path = findConnectionsFile(options);
  if (path === undefined) return new ConnectionsFile(undefined, {}, expandHome(DEFAULT_TOKEN_STORE, home), env, options.cwd ?? process.cwd());
  return parseConnections(path, readText(path), env, home);
}

/** Parses the text of a connections file (`path` for messages and for relative `tokenStore` paths). */
export function parseConnections(path: string, text: string, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): Connections {
  let parsed: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    parsed = JSON.parse(withoutBom(json));
  } catch (error) {
    // (The offset is in the text without its BOM.)
    const { reason, offset } = jsonSyntaxError(error, json);
    const at = offset === undefined ? undefined : offset + (text.length - json.length);
    const location = at === undefined ? undefined : { file: framedFile(path, text), span: { start: at, end: at + 1 } };
    throw new DelugeConfigError('DLG0006', `${path}: not valid JSON (${reason})`, location);
  }
  if (!isObject(parsed)) {
    const start = text.length - text.replace(/^[\uFEFF\s]+/, '').length;
    throw new DelugeConfigError('DLG0006', `${path}: the file must hold a JSON object with "connections"`, { file: framedFile(path, text), span: { start, end: start + 1 } });
  }
  for (const key of Object.keys(parsed)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw new DelugeConfigError('DLG0006', `${path}: unknown setting "${key}" ${allowedAfterNearMiss(key, TOP_LEVEL_KEYS)}`, settingAt(path, text, [key]));
  }
  const connections = parsed['connections'] ?? {};
  if (!isObject(connections)) throw new DelugeConfigError('DLG0006', `${path}: "connections" must be an object of connections by name`, settingAt(path, text, ['connections'], true));
  const repeated = repeatedKeys(text, ['connections'])[0];
  if (repeated) {
    throw new DelugeConfigError('DLG0006', `${path}: connection "${repeated.name}" is defined twice (the later one would replace the first)`, {
      file: framedFile(path, text),
      span: repeated.span,
    });
  }
  const entries: Record<string, RawConnection> = {};
  for (const [name, raw] of Object.entries(connections)) entries[name] = checkShape(path, name, raw, text);

  const store = parsed['tokenStore'] ?? DEFAULT_TOKEN_STORE;
  if (typeof store !== 'string' || store === '') throw new DelugeConfigError('DLG0006', `${path}: "tokenStore" must be a file path`, settingAt(path, text, ['tokenStore'], true));
  const storeValue = interpolate(store, env);
  if ('problem' in storeValue) throw new DelugeConfigError('DLG0006', `${path}: "tokenStore": ${storeValue.problem}`, settingAt(path, text, ['tokenStore'], true));
  const tokenStorePath = resolve(dirname(path), expandHome(storeValue.value, home));
  return new ConnectionsFile(path, entries, tokenStorePath, env, dirname(path), text);
}

interface RawConnection {
  readonly type: ConnectionType;
  readonly settings: Readonly<Record<string, string>>;
}

/** Checks what can be checked without the environment: types, known and required settings, string values. */
function checkShape(path: string, name: string, raw: unknown, text: string): RawConnection {
  const where = `${path}: connection "${name}"`;
  const at = (key?: string, value = false) => settingAt(path, text, key === undefined ? ['connections', name] : ['connections', name, key], value);
  if (!isObject(raw)) throw new DelugeConfigError('DLG0006', `${where}: must be an object with a "type"`, at(undefined, true));
  const type = raw['type'];
  if (typeof type !== 'string' || !(TYPES as string[]).includes(type)) {
    const guess = typeof type === 'string' ? meant(type, TYPES) : undefined;
    throw new DelugeConfigError(
      'DLG0006',
      `${where}, setting "type" must be one of ${TYPES.join(', ')}${type === undefined ? '' : ` (got ${JSON.stringify(type)}${guess ? `; ${guess}` : ''})`}`,
      type === undefined ? at() : at('type', true),
    );
  }
  const spec = SETTINGS[type as ConnectionType];
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'type') continue;
    if (key === 'description') {
      if (typeof value !== 'string') throw new DelugeConfigError('DLG0006', `${where}, setting "description" must be a text`, at(key, true));
      continue;
    }
    if (!spec.required.includes(key) && !spec.optional.includes(key)) {
      const allowed = [...spec.required, ...spec.optional];
      throw new DelugeConfigError('DLG0006', `${where}: unknown setting "${key}" for type ${type} ${allowedAfterNearMiss(key, allowed)}`, at(key));
    }
    if (typeof value !== 'string') throw new DelugeConfigError('DLG0006', `${where}, setting "${key}" must be a text`, at(key, true));
    settings[key] = value;
  }
  for (const key of spec.required) {
    if (settings[key] === undefined) throw new DelugeConfigError('DLG0006', `${where}, setting "${key}" is missing (a ${type} connection needs ${spec.required.join(' and ')})`, at());
  }
  return { type: type as ConnectionType, settings };
}

class ConnectionsFile implements Connections {
  readonly names: readonly string[];
  private readonly resolved = new Map<string, Connection>();

  constructor(
    readonly path: string | undefined,
    private readonly entries: Readonly<Record<string, RawConnection>>,
    readonly tokenStorePath: string | undefined,
    private readonly env: NodeJS.ProcessEnv,
    private readonly searchedFrom: string,
    /** The file's text, to point at a setting in an error. */
    private readonly text = '',
  ) {
    this.names = Object.keys(entries);
  }

  written(name: string): { readonly type: ConnectionType; readonly settings: Readonly<Record<string, string>> } | undefined {
    return Object.hasOwn(this.entries, name) ? this.entries[name] : undefined;
  }

  locate(name: string): DelugeConfigError['location'] {
    return this.path === undefined || !Object.hasOwn(this.entries, name) ? undefined : settingAt(this.path, this.text, ['connections', name]);
  }

  resolve(name: string): Connection {
    const cached = this.resolved.get(name);
    if (cached) return cached;
    const raw = this.entry(name);
    const where = `${this.path}: connection "${name}"`;
    const settings: Record<string, string> = {};
    const at = (key?: string) => (this.path === undefined ? undefined : settingAt(this.path, this.text, key === undefined ? ['connections', name] : ['connections', name, key], key !== undefined));
    for (const [key, text] of Object.entries(raw.settings)) {
      const value = interpolate(text, this.env, isSecretSetting(key));
      if ('problem' in value) throw new DelugeConfigError('DLG0006', `${where}, setting "${key}": ${value.problem}`, at(key));
      if (value.value === '') throw new DelugeConfigError('DLG0006', `${where}, setting "${key}" is empty`, at(key));
      settings[key] = value.value;
    }
    let connection: Connection;
    try {
      connection = build(name, raw.type, settings, where);
    } catch (error) {
      // A value that is wrong once filled in (a URL, a data centre, a header value): shown at that setting.
      if (error instanceof DelugeConfigError && error.location === undefined) throw new DelugeConfigError(error.code, error.message, at(error.setting));
      throw error;
    }
    for (const secret of secretsOf(connection)) rememberSecret(secret);
    this.resolved.set(name, connection);
    return connection;
  }

  describe(name: string): ConnectionSummary {
    const raw = this.entry(name);
    const problems: string[] = [];
    const values: Record<string, string | undefined> = {};
    for (const [key, text] of Object.entries(raw.settings)) {
      const value = interpolate(text, this.env, isSecretSetting(key));
      if ('problem' in value) problems.push(`"${key}": ${value.problem}`);
      values[key] = 'problem' in value ? undefined : value.value;
    }
    // What a request would refuse in a value sent as a header (resolve), said here too.
    for (const key of HEADER_SETTINGS[raw.type]) {
      const value = values[key];
      const why = value === undefined ? undefined : key === 'header' ? headerNameProblem(value) : unsendableReason(value);
      if (why !== undefined) problems.push(`"${key}": ${why}`);
    }
    if (raw.type !== 'zoho-oauth' && raw.type !== 'zoho-token') return { name, type: raw.type, refreshTokenInFile: false, problems };
    const dc = (values['dataCenter'] ?? 'us').toLowerCase();
    const dataCenter = isDataCentre(dc) ? dc : undefined;
    if (!dataCenter) problems.push(`"dataCenter": unknown data centre '${dc}'`);
    // The URLs a request would refuse (resolve), said here too.
    const badUrl = new Set<string>();
    for (const key of ['accountsUrl', 'apiDomain'] as const) {
      const value = values[key];
      const url = value === undefined ? undefined : checkedUrl(value);
      if (typeof url === 'string') {
        problems.push(`"${key}": ${url}`);
        badUrl.add(key);
      }
    }
    return {
      name,
      type: raw.type,
      ...(dataCenter ? { dataCenter } : {}),
      // As the connection reads it (urlSetting): the token store knows tokens by that form (`HTTP://LOCALHOST:443/` is `http://localhost`).
      ...(raw.type === 'zoho-oauth' && dataCenter && !badUrl.has('accountsUrl') ? { accountsUrl: values['accountsUrl'] !== undefined ? normalUrl(values['accountsUrl']) : trimSlash(accountsUrl(dataCenter)) } : {}),
      ...(values['clientId'] !== undefined ? { clientId: values['clientId'] } : {}),
      refreshTokenInFile: raw.settings['refreshToken'] !== undefined,
      problems,
    };
  }

  private entry(name: string): RawConnection {
    if (Object.hasOwn(this.entries, name)) return this.entries[name]!;
    if (this.path === undefined) {
      throw new DelugeConfigError(
        'DLG0005',
        `no connection named "${name}": no ${CONNECTIONS_FILE} found in ${this.searchedFrom} or its parents (pass --connections FILE or set ` +
          `$${CONNECTIONS_ENV}; to call Zoho's APIs offline, with no account, \`deluge run --sandbox\` answers them from the built-in CRM sandbox)`,
      );
    }
    const near = closest(name, this.names);
    const known = this.names.length > 0 ? `${near !== undefined ? `did you mean "${near}"?; ` : ''}defined: ${this.names.join(', ')}` : 'it defines none';
    throw new DelugeConfigError('DLG0005', `${this.path}: no connection named "${name}" (${known})`);
  }
}

/** The values of a connection that are credentials, in every form a request carries them (basic: also base64). */
function secretsOf(c: Connection): string[] {
  switch (c.type) {
    case 'zoho-oauth':
      return [c.clientSecret, ...(c.refreshToken !== undefined ? [c.refreshToken] : [])];
    case 'zoho-token':
      return [c.accessToken];
    case 'bearer':
      return [c.token];
    case 'basic':
      return [c.password, `${c.username}:${c.password}`, Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')];
    case 'header':
      return [c.value];
  }
}

/** The typed connection from its filled-in settings; checks values that need the environment to be known. */
function build(name: string, type: ConnectionType, s: Readonly<Record<string, string>>, where: string): Connection {
  const get = (key: string): string => s[key]!;
  switch (type) {
    case 'zoho-oauth': {
      const dataCenter = dataCentreSetting(s['dataCenter'], where);
      return {
        type,
        name,
        dataCenter,
        accountsUrl: s['accountsUrl'] !== undefined ? urlSetting(s['accountsUrl'], 'accountsUrl', where) : accountsUrl(dataCenter),
        clientId: get('clientId'),
        clientSecret: get('clientSecret'),
        ...(s['refreshToken'] !== undefined ? { refreshToken: s['refreshToken'] } : {}),
        ...(s['redirectUri'] !== undefined ? { redirectUri: s['redirectUri'] } : {}),
      };
    }
    case 'zoho-token': {
      const apiDomain = s['apiDomain'] !== undefined ? urlSetting(s['apiDomain'], 'apiDomain', where) : DATA_CENTRES[dataCentreSetting(s['dataCenter'], where)].apiDomain;
      return { type, name, accessToken: sendable(get('accessToken'), 'accessToken', where), apiDomain };
    }
    case 'bearer':
      return { type, name, token: sendable(get('token'), 'token', where) };
    case 'basic':
      return { type, name, username: sendable(get('username'), 'username', where), password: get('password') };
    case 'header':
      if (headerNameProblem(get('header')) !== undefined) throw settingError(where, 'header', headerNameProblem(get('header'))!);
      return { type, name, header: get('header'), value: sendable(get('value'), 'value', where) };
  }
}

/**
 * A value that goes into a request header as it is: no line break or NUL (which would end the header) and no
 * character beyond Latin-1 (which HTTP headers cannot carry). Said here, not as a broken connection mid-run.
 */
function sendable(value: string, key: string, where: string): string {
  const why = unsendableReason(value);
  if (why !== undefined) throw settingError(where, key, why);
  return value;
}

function unsendableReason(value: string): string | undefined {
  if (/[\r\n\0]/.test(value)) return 'contains a line break: a header value is one line';
  if (/[^\u0000-\u00ff]/.test(value)) return 'contains a character an HTTP header cannot carry (only Latin-1)';
  return undefined;
}

function headerNameProblem(name: string): string | undefined {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return `'${name}' is not a valid header name`;
  // A header the HTTP client manages (Transfer-Encoding, Keep-Alive, …) or that frames the request: every request
  // of the connection would be refused before it is sent, and was taken for a network failure.
  const lower = name.toLowerCase();
  if (lower === 'content-length' || lower === 'host') return `the header ${name} is the request's own, not a credential's (name the one the service reads its key from: X-Api-Key, …)`;
  return unsendableHeader(name, 'key')?.replace('cannot be set by a script', 'cannot be set by a connection');
}

/** The settings of each type that {@link build} sends in a header as they are, and so checks. */
const HEADER_SETTINGS: Readonly<Record<ConnectionType, readonly string[]>> = {
  'zoho-oauth': [],
  'zoho-token': ['accessToken'],
  bearer: ['token'],
  basic: ['username'],
  header: ['header', 'value'],
};

/**
 * DLG0006 for a setting whose value is wrong, naming it (`where, setting "key": why`: not `"name": "key"`, which the
 * masking of printed messages takes for a credential field when the connection's name has `auth` or `token` in it)
 * and keeping it for the location.
 */
function settingError(where: string, key: string, why: string): DelugeConfigError {
  return new DelugeConfigError('DLG0006', `${where}, setting "${key}": ${why}`, undefined, key);
}

function dataCentreSetting(value: string | undefined, where: string): DataCentre {
  const dc = (value ?? 'us').toLowerCase();
  if (!isDataCentre(dc)) throw settingError(where, 'dataCenter', `unknown data centre '${value}' (use one of ${DATA_CENTRE_IDS.join(', ')})`);
  return dc;
}

/**
 * An https URL, or http to a loopback host (a local sandbox or test server): client secrets and tokens never
 * travel in clear text over a network.
 */
function urlSetting(value: string, key: string, where: string): string {
  const url = checkedUrl(value);
  if (typeof url === 'string') throw settingError(where, key, url);
  return normalUrl(url);
}

/** A URL setting as the connection reads it, and as the token store knows it: its origin and path, no `/` at the end. */
function normalUrl(url: URL | string): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return trimSlash(parsed.origin + parsed.pathname);
}

/** The URL, or why it cannot be used (see {@link urlSetting}). */
function checkedUrl(value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `'${value}' is not a URL`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) return 'use an https URL (http only for 127.0.0.1/localhost)';
  return url;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Fills in `${NAME}` from the environment; `$${` writes a literal `${`. An unset or empty variable is reported,
 * never replaced by nothing: a blank secret would only fail later, at Zoho, with a vaguer message. `secret`: the
 * text is a credential's, whose problems quote none of it.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv, secret = false): { value: string } | { problem: string } {
  let problem: string | undefined;
  const value = text.replace(/\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{[^}]*\}?/g, (match, name: string | undefined) => {
    if (match === '$${') return '${';
    // `${VAR:-default}`, `${ VAR }`, `${}`, an unclosed `${`: not a reference this file can make. Sent as written, a
    // secret would be the text `${API_KEY` (and the variable silently ignored). In a secret setting, what follows the
    // `${` may be the rest of a password written in the file: it is not quoted.
    if (name === undefined) {
      problem ??= `${secret ? "a '${'" : `'${match}'`} is not a reference this file can make: write \${NAME} (a letter or _, then letters, digits or _), or $\${ for a literal \${`;
      return '';
    }
    const v = env[name];
    if (v === undefined) problem ??= `the environment variable ${name} is not set`;
    else if (v === '') problem ??= `the environment variable ${name} is empty`;
    return v ?? '';
  });
  return problem !== undefined ? { problem } : { value };
}

function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return path;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DelugeConfigError('DLG0001', `cannot read '${path}': ${failureReason(error)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sandbox's own client, as `deluge sandbox` prints it and the in-process sandbox returns it. */
export interface SandboxCredentials {
  /** The sandbox's base URL; its token endpoint is `<url>/oauth/v2/token`. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/**
 * The connections of `run --sandbox`: every Zoho connection, and every name the file does not define, gets the
 * sandbox's credentials (no real secret needed, none sent anywhere); `bearer`, `basic` and `header`
 * connections are for non-Zoho services and stay as configured. Tokens are kept in memory only.
 */
export function sandboxConnections(base: Connections, sandbox: SandboxCredentials): Connections {
  const keepsOwn = (name: string): boolean => {
    if (!base.names.includes(name)) return false;
    const type = base.describe(name).type;
    return type !== 'zoho-oauth' && type !== 'zoho-token';
  };
  const sandboxAccounts = trimSlash(sandbox.url);
  return {
    path: base.path,
    tokenStorePath: undefined,
    names: base.names,
    resolve(name) {
      if (keepsOwn(name)) return base.resolve(name);
      const dataCenter = base.names.includes(name) ? (base.describe(name).dataCenter ?? 'us') : 'us';
      return { type: 'zoho-oauth', name, dataCenter, accountsUrl: sandboxAccounts, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, refreshToken: sandbox.refreshToken };
    },
    describe(name) {
      if (keepsOwn(name)) return base.describe(name);
      const dataCenter = base.names.includes(name) ? (base.describe(name).dataCenter ?? 'us') : 'us';
      return { name, type: 'zoho-oauth', dataCenter, accountsUrl: sandboxAccounts, clientId: sandbox.clientId, refreshTokenInFile: true, problems: [] };
    },
    written: (name) => base.written(name),
    locate: (name) => base.locate(name),
  };
}
