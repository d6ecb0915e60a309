/**
 * Authorization for a script's `connection: "name"`: the header each request carries, and the Zoho OAuth work
 * behind it (refresh, grant-code exchange, revoke) against the data centre's accounts server.
 *
 * Zoho's token endpoint answers most errors with HTTP 200 and `{"error": …}`: errors are read from the body,
 * never from the status alone. Secrets never reach a message: every error text is scrubbed of the connection's
 * secret values before it is thrown.
 */
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { DelugeConfigError, type Connection, type Connections, type ZohoOAuthConnection } from './connections.js';
import { isLoopback } from './loopback.js';
import { maskClientId, redactText, rememberSecret } from './redact.js';
import { TransportError } from './request.js';
import { sendFailureOf } from './send-failures.js';
import { environmentDispatcher, proxyHostFor } from './transport.js';
import { TokenStore, type StoredToken, type TokenKey } from './token-store.js';
import { accountsUrl, DATA_CENTRES } from './zoho-hosts.js';

export { redactAuthorization } from './redact.js';

/** The header a request carries for its connection; `redacted` is what logs and `--dry-run` may show. */
export interface AuthHeader {
  readonly name: string;
  readonly value: string;
  readonly redacted: string;
}

export interface TokenHttpResponse {
  readonly status: number;
  readonly text: string;
}

/** POSTs `form` as `application/x-www-form-urlencoded`, giving up after `timeoutMs` (the default uses undici). */
/** `signal`: the run's time limit, which ends a token request under way as it ends any other. */
export type TokenHttp = (url: string, form: URLSearchParams, timeoutMs: number, signal?: AbortSignal) => Promise<TokenHttpResponse>;

export type AuthorizationFailure =
  | 'invalid_code'
  | 'invalid_client'
  | 'invalid_client_secret'
  | 'invalid_redirect_uri'
  | 'throttled'
  | 'refused'
  | 'unreachable'
  | 'bad_response'
  | 'not_oauth';

/** A connection could not get (or give up) a token. Code DLG0007; the message names no secret. */
export class AuthorizationError extends Error {
  readonly code = 'DLG0007';

  constructor(
    readonly connection: string,
    readonly reason: AuthorizationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthorizationError';
  }
}

/** An access token's state, without the token. */
export interface TokenInfo {
  readonly expiresAt: number;
  readonly obtainedAt?: number;
  readonly apiDomain: string;
  /** True when a cached token was still good and no request was made. */
  readonly reused: boolean;
}

export interface ConnectionAuthOptions {
  readonly connections: Connections;
  /** Default: the file the connections name (`tokenStore`), or memory when they name none. */
  readonly store?: TokenStore;
  readonly now?: () => number;
  readonly http?: TokenHttp;
  /** Sends every token request here instead of the data centre's accounts server (`run --sandbox`, tests). */
  readonly accountsUrl?: string;
  /** How long before expiry a cached token is replaced (default 60 s; at most half the token's lifetime). */
  readonly refreshMarginMs?: number;
  /** How long a token request may take (default 40 s, as an API request; `run --request-timeout` sets both). */
  readonly requestTimeoutMs?: number;
  /**
   * The run's time limit (`deluge run`): a token request under way when it passes is abandoned, a TransportError of
   * kind `deadline`, as the request that needed the token would be.
   */
  readonly deadline?: AbortSignal;
  /** Where HTTP_PROXY, HTTPS_PROXY and NO_PROXY are read for the token requests (default `process.env`), as the transport reads them. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A cached token is replaced 60 s before it expires, so that a request that starts with it (and may take up to
 * the 40 s request timeout) still reaches Zoho with a valid token. Zoho's SDKs use 5 s.
 */
export const REFRESH_MARGIN_MS = 60_000;
/** Zoho's access tokens last an hour; used when a response says nothing usable. */
const DEFAULT_LIFETIME_S = 3600;
/**
 * The longest lifetime believed. A longer `expires_in` (garbled, or milliseconds given as seconds as older responses
 * did) is taken as the default hour: a token kept too long would be sent after it expired, one kept too short only
 * costs a token request.
 */
const MAX_LIFETIME_S = 86_400;
const TOKEN_REQUEST_TIMEOUT_MS = 40_000;

interface CachedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly obtainedAt?: number;
  readonly apiDomain?: string;
}

export class ConnectionAuth {
  private readonly connections: Connections;
  private readonly store: TokenStore;
  private readonly now: () => number;
  private readonly http: TokenHttp;
  private readonly accountsOverride: string | undefined;
  private readonly marginMs: number;
  private readonly timeoutMs: number;
  private readonly deadline: AbortSignal | undefined;
  /** The environment whose proxy the token requests go through; undefined when they are sent by `options.http`. */
  private readonly proxyEnv: NodeJS.ProcessEnv | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<CachedToken>>();

  constructor(options: ConnectionAuthOptions) {
    this.connections = options.connections;
    const storePath = options.connections.tokenStorePath;
    this.store = options.store ?? (storePath === undefined ? TokenStore.memory() : TokenStore.file(storePath));
    this.now = options.now ?? Date.now;
    // The token requests' keep-alive agent (through the environment's proxy, as the API requests), made at the first.
    let dispatcher: Promise<Dispatcher> | undefined;
    this.http =
      options.http ??
      ((url, form, timeoutMs, signal) => postForm((dispatcher ??= environmentDispatcher(options.env ?? process.env)), url, form, timeoutMs, signal));
    this.accountsOverride = options.accountsUrl?.replace(/\/+$/, '');
    this.marginMs = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
    this.timeoutMs = options.requestTimeoutMs ?? TOKEN_REQUEST_TIMEOUT_MS;
    this.deadline = options.deadline;
    this.proxyEnv = options.http ? undefined : (options.env ?? process.env);
  }

  /** The header for the connection's next request; for Zoho OAuth, a cached token until shortly before expiry. */
  async authorization(name: string): Promise<AuthHeader> {
    const c = this.connections.resolve(name);
    switch (c.type) {
      case 'zoho-oauth':
        return zohoHeader((await this.validToken(c)).accessToken);
      case 'zoho-token':
        return zohoHeader(c.accessToken);
      case 'bearer':
        return { name: 'Authorization', value: `Bearer ${c.token}`, redacted: 'Bearer ****' };
      case 'basic':
        return { name: 'Authorization', value: `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`, redacted: 'Basic ****' };
      case 'header':
        return { name: c.header, value: c.value, redacted: '****' };
    }
  }

  /** A valid access token's state: the cached one while it lasts, else a new one (what a request would be sent with). */
  async token(name: string): Promise<TokenInfo> {
    const c = this.oauthConnection(name, 'get a token for');
    const before = this.freshToken(c);
    const token = before ?? (await this.refreshShared(c));
    return this.info(c, token, before !== undefined);
  }

  /**
   * Forces a new access token (`connections refresh` and `test`). The cached one is replaced only when the new one comes: a
   * refresh refused for now (throttled) leaves the run with the token that still works.
   */
  async refresh(name: string): Promise<TokenInfo> {
    const c = this.oauthConnection(name, 'refresh');
    return this.info(c, await this.refreshShared(c), false);
  }

  /**
   * The API base for the connection's Zoho requests: the `api_domain` of its latest token response, else its
   * data centre's. Undefined for connections to other services.
   */
  apiDomain(name: string): string | undefined {
    const c = this.connections.resolve(name);
    if (c.type === 'zoho-token') return c.apiDomain;
    if (c.type !== 'zoho-oauth') return undefined;
    return this.tokens.get(name)?.apiDomain ?? this.store.get(this.key(c))?.apiDomain ?? DATA_CENTRES[c.dataCenter].apiDomain;
  }

  /** Drops the connection's cached access token (memory and store); its refresh token stays. */
  invalidate(name: string): void {
    const c = this.connections.resolve(name);
    if (c.type !== 'zoho-oauth') return;
    this.tokens.delete(name);
    if (this.store.get(this.key(c))) this.store.update(this.key(c), { accessToken: undefined, expiresAt: undefined, obtainedAt: undefined });
  }

  /**
   * After a 401 INVALID_TOKEN: gets a new token so the request can be sent once more. `rejected` is the
   * Authorization value the request carried; when another request has already replaced that token, its
   * replacement is used and no new request is made, so a burst of 401s costs one refresh. True when a new
   * token is ready; false when the connection cannot refresh (a static token, a non-Zoho connection) or when the
   * rejected token is the one an earlier 401 of this run got (see `replacements`). A
   * failed refresh throws its AuthorizationError.
   */
  async onUnauthorized(name: string, rejected?: string): Promise<boolean> {
    const c = this.connections.resolve(name);
    if (c.type !== 'zoho-oauth') return false;
    const pending = this.inflight.get(name);
    if (pending) {
      await pending;
      return true;
    }
    const current = this.tokens.get(name);
    if (rejected !== undefined && current && zohoHeader(current.accessToken).value !== rejected && this.isFresh(current)) return true;
    // The token a 401 made this run get refused in its turn: the cause is not the token (an API domain of another data
    // centre, a scope, a revoked client), and another would go the same way. The 401 stands, and no further token is
    // asked for: one per request cost the account its allowance of token requests (10 per refresh token in 10 minutes).
    if (rejected !== undefined && this.replacements.get(name) === rejected) return false;
    this.invalidate(name);
    const replacement = await this.refreshShared(c);
    this.replacements.set(name, zohoHeader(replacement.accessToken).value);
    return true;
  }

  /** By connection: the Authorization value of the token a 401 last made this run get. */
  private readonly replacements = new Map<string, string>();

  /**
   * Exchanges a Self Client grant code (`authorization_code` grant) and stores the refresh token it gives, which
   * the connection then uses unless the connections file sets `refreshToken`.
   */
  async exchangeGrantCode(name: string, code: string): Promise<TokenInfo & { readonly refreshTokenStored: boolean; readonly replacedRefreshToken: boolean }> {
    const c = this.oauthConnection(name, 'exchange a grant code for');
    const fields = new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, client_secret: c.clientSecret, code });
    if (c.redirectUri !== undefined) fields.set('redirect_uri', c.redirectUri);
    // A grant code works once: a store that cannot keep its refresh token must be found out before it is spent.
    this.store.checkWritable();
    const body = await this.tokenRequest(c, fields, 'authorization_code', [code]);
    const refreshToken = typeof body['refresh_token'] === 'string' && body['refresh_token'] !== '' ? body['refresh_token'] : undefined;
    rememberSecret(refreshToken);
    // Read just before it is written over: the caller says so, since Zoho goes on accepting the replaced token.
    const before = this.store.get(this.key(c))?.refreshToken;
    const token = this.adopt(c, body, refreshToken, refreshToken);
    return { ...this.info(c, token, false), refreshTokenStored: refreshToken !== undefined, replacedRefreshToken: refreshToken !== undefined && before !== undefined && before !== refreshToken };
  }

  /**
   * Revokes the connection's refresh token at Zoho (which also ends its access tokens) and forgets every token
   * stored for it. A token Zoho no longer knows is forgotten all the same.
   */
  async revoke(name: string): Promise<{ readonly revoked: boolean; readonly alreadyInvalid: boolean; readonly forgotten: boolean }> {
    const c = this.oauthConnection(name, 'revoke');
    const key = this.key(c);
    // The file's refresh token and one stored by `connections add` may both be live: each is revoked, or the one not
    // revoked would go on minting access tokens with nothing left here to revoke it by.
    const refreshTokens = [...new Set([c.refreshToken, this.store.get(key)?.refreshToken].filter((t): t is string => t !== undefined))];
    let revoked = false;
    let alreadyInvalid = false;
    for (const refreshToken of refreshTokens) {
      const url = `${this.accounts(c)}/oauth/v2/token/revoke?token=${encodeURIComponent(refreshToken)}`;
      const response = await this.send(c, url, new URLSearchParams(), [refreshToken]);
      const body = parseBody(response.text);
      const error = body?.['error'];
      const failure = error === undefined ? undefined : classify(body!);
      if (response.status === 200 && body && error === undefined && (body['status'] === undefined || body['status'] === 'success')) revoked = true;
      // Only an answer that the token is not valid means it is gone; a throttled or failed revoke forgets nothing.
      else if (failure === 'invalid_code' || (response.status === 400 && failure !== 'throttled')) alreadyInvalid = true;
      else {
        const why = failure === 'throttled' ? 'refused it for now (Access Denied: too many requests)' : `answered it with HTTP ${response.status}${error !== undefined ? ` (${String(error)})` : ''}`;
        throw new AuthorizationError(name, failure === 'throttled' ? 'throttled' : 'bad_response', this.scrub(c, `connection "${name}": the refresh token was not revoked: ${this.host(c)} ${why}; nothing was forgotten`, [refreshToken]));
      }
    }
    this.tokens.delete(name);
    const forgotten = this.store.delete(key);
    return { revoked, alreadyInvalid, forgotten };
  }

  /** The token-store entry of a Zoho OAuth connection (for `connections list`), read without any request. */
  stored(name: string): StoredToken | undefined {
    const summary = this.connections.describe(name);
    if (summary.type !== 'zoho-oauth' || summary.clientId === undefined || summary.accountsUrl === undefined) return undefined;
    return this.store.get({ connection: name, clientId: summary.clientId, accountsUrl: this.accountsOverride ?? summary.accountsUrl });
  }

  private async validToken(c: ZohoOAuthConnection): Promise<CachedToken> {
    return this.freshToken(c) ?? this.refreshShared(c);
  }

  /** The cached token if it is still good: this run's, else the store's (another run may have refreshed it). */
  private freshToken(c: ZohoOAuthConnection): CachedToken | undefined {
    const inMemory = this.tokens.get(c.name);
    if (inMemory && this.isFresh(inMemory)) return inMemory;
    const stored = this.store.get(this.key(c));
    if (stored?.accessToken === undefined || stored.expiresAt === undefined) return undefined;
    const refreshToken = c.refreshToken ?? stored.refreshToken;
    rememberSecret(stored.refreshToken);
    rememberSecret(stored.accessToken);
    if (stored.grantedBy !== undefined && refreshToken !== undefined && stored.grantedBy !== fingerprint(refreshToken)) return undefined;
    const token: CachedToken = {
      accessToken: stored.accessToken,
      expiresAt: stored.expiresAt,
      ...(stored.obtainedAt !== undefined ? { obtainedAt: stored.obtainedAt } : {}),
      ...(stored.apiDomain !== undefined ? { apiDomain: stored.apiDomain } : {}),
    };
    // A lifetime no token response can give (a store written before lifetimes were bounded) is not believed.
    if (token.expiresAt - (token.obtainedAt ?? this.now()) > MAX_LIFETIME_S * 1000 || !this.isFresh(token)) return undefined;
    this.tokens.set(c.name, token);
    return token;
  }

  private isFresh(token: CachedToken): boolean {
    const lifetime = token.obtainedAt !== undefined ? token.expiresAt - token.obtainedAt : Infinity;
    return this.now() < token.expiresAt - Math.min(this.marginMs, lifetime / 2);
  }

  /** One token request per connection at a time: concurrent callers share it. */
  private refreshShared(c: ZohoOAuthConnection): Promise<CachedToken> {
    const pending = this.inflight.get(c.name);
    if (pending) return pending;
    const next = this.refreshWithGrant(c).finally(() => this.inflight.delete(c.name));
    this.inflight.set(c.name, next);
    return next;
  }

  private async refreshWithGrant(c: ZohoOAuthConnection): Promise<CachedToken> {
    const refreshToken = c.refreshToken ?? this.store.get(this.key(c))?.refreshToken;
    rememberSecret(refreshToken);
    if (refreshToken === undefined) {
      throw new DelugeConfigError(
        'DLG0006',
        `${this.connections.path ?? 'connections'}: connection "${c.name}", setting "refreshToken" is missing: set it (e.g. "\${ZOHO_REFRESH_TOKEN}"), or store one with 'deluge connections add ${c.name} --grant-code CODE'${this.storedElsewhere(c)}`,
        this.connections.locate(c.name),
      );
    }
    const fields = new URLSearchParams({ grant_type: 'refresh_token', client_id: c.clientId, client_secret: c.clientSecret, refresh_token: refreshToken });
    this.store.checkWritable();
    const body = await this.tokenRequest(c, fields, 'refresh_token', [refreshToken]);
    return this.adopt(c, body, undefined, refreshToken);
  }

  /**
   * Why a refresh token stored for this connection name does not serve it: it was added with another client id or
   * accounts server (a `clientId` or `dataCenter` changed since, or mistyped now). Without this, "missing" sends the
   * user to add a grant code when the fix may be the setting.
   */
  private storedElsewhere(c: ZohoOAuthConnection): string {
    const key = this.key(c);
    const other = this.store.list().find((t) => t.connection === c.name && t.refreshToken !== undefined);
    if (!other) return '';
    if (other.clientId !== key.clientId) {
      return `; the token store has one for "${c.name}" from another client (${maskClientId(other.clientId)}, not ${maskClientId(key.clientId)}): a refresh token works only with the client it was made for`;
    }
    return `; the token store has one for "${c.name}" from another accounts server (${other.accountsUrl}, not ${key.accountsUrl}): a refresh token works only with the accounts server (data centre) it was made at`;
  }

  /** POSTs to the token endpoint and returns the success body; every failure becomes a clear AuthorizationError. */
  private async tokenRequest(c: ZohoOAuthConnection, fields: URLSearchParams, grant: 'refresh_token' | 'authorization_code', secrets: readonly string[]): Promise<Record<string, unknown>> {
    const response = await this.send(c, `${this.accounts(c)}/oauth/v2/token`, fields, secrets);
    const body = parseBody(response.text);
    const fail = (reason: AuthorizationFailure, message: string): never => {
      throw new AuthorizationError(c.name, reason, this.scrub(c, `connection "${c.name}": ${message}`, secrets));
    };
    if (body === undefined) return fail('bad_response', `${this.host(c)} answered the token request with HTTP ${response.status} and no JSON`);
    if (body['error'] !== undefined) {
      const failure = classify(body);
      return fail(failure, this.describeError(c, failure, grant, body));
    }
    if (typeof body['access_token'] !== 'string' || body['access_token'] === '') {
      return fail('bad_response', `${this.host(c)} answered the token request with HTTP ${response.status} but no access_token`);
    }
    return body;
  }

  private describeError(c: ZohoOAuthConnection, failure: AuthorizationFailure, grant: 'refresh_token' | 'authorization_code', body: Record<string, unknown>): string {
    const host = this.host(c);
    switch (failure) {
      case 'invalid_code':
        return grant === 'authorization_code'
          ? `the grant code was refused (invalid_code): a code works once and expires a few minutes after it is made (3 by default). Make a new one in the API console (Self Client → Generate Code) and use it at once.`
          : `the refresh token was refused (invalid_code): it is wrong, revoked, or belongs to another ${customAccounts(c) ? `accounts server than ${host}` : `data centre than ${c.dataCenter}`}. Store a new one with 'deluge connections add ${c.name} --grant-code CODE', or fix "refreshToken".`;
      case 'invalid_client':
        return customAccounts(c)
          ? `${host} does not know the client id (invalid_client): check "clientId" and "accountsUrl" (now ${host}).`
          : `${host} does not know the client id (invalid_client): check "clientId" and "dataCenter" (now ${c.dataCenter}); a client exists only in the data centre it was registered in unless multi-DC is enabled for it.`;
      case 'invalid_client_secret':
        return `the client secret was refused (invalid_client_secret): check "clientSecret".`;
      case 'invalid_redirect_uri':
        return `the redirect URI was refused (invalid_redirect_uri): "redirectUri" must be the one registered for the client (Self Client codes need none).`;
      case 'throttled':
        return `${host} is refusing token requests for now (Access Denied: too many requests). Wait a few minutes before trying again: Zoho allows 10 new access tokens per refresh token in 10 minutes.`;
      default: {
        const description = typeof body['error_description'] === 'string' ? `: ${body['error_description']}` : '';
        // The description comes last, outside the parentheses: a masked `field=value` that ends it would take a
        // closing parenthesis with it.
        return `${host} refused the token request (${String(body['error'])})${description}`;
      }
    }
  }

  private async send(c: ZohoOAuthConnection, url: string, form: URLSearchParams, secrets: readonly string[]): Promise<TokenHttpResponse> {
    try {
      return await this.http(url, form, this.timeoutMs, this.deadline);
    } catch (error) {
      if (this.deadline?.aborted) {
        throw new TransportError('deadline', `no answer from ${this.host(c)} to the token request before the run's time limit; the request that needed the token was not sent`, 0);
      }
      const code = (error as NodeJS.ErrnoException).code;
      const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
      // A failure to connect through a proxy is the proxy's: the accounts server was not tried.
      const failure = sendFailureOf(error);
      const proxy = this.proxyEnv && failure.kind === 'connect' ? proxyHostFor(new URL(url), this.proxyEnv) : undefined;
      const reason = code ?? (error as Error).message;
      const what = timedOut
        ? `${this.host(c)} did not answer the token request in time (${code})`
        : proxy === undefined
          ? `cannot reach ${this.host(c)} (${reason})`
          : failure.fromProxy
            ? `the proxy ${proxy} refused the way to ${this.host(c)} (${failure.reason})`
            : `cannot reach the proxy ${proxy} on the way to ${this.host(c)} (${reason})`;
      throw new AuthorizationError(c.name, 'unreachable', this.scrub(c, `connection "${c.name}": ${what}`, secrets));
    }
  }

  /**
   * Keeps a token response: in memory, and in the store (with the refresh token a grant code gave, and the
   * fingerprint of the refresh token it came from).
   */
  private adopt(c: ZohoOAuthConnection, body: Record<string, unknown>, refreshToken: string | undefined, grantedBy: string | undefined): CachedToken {
    const now = this.now();
    const apiDomain = apiDomainOf(body['api_domain']) ?? this.tokens.get(c.name)?.apiDomain ?? this.store.get(this.key(c))?.apiDomain ?? DATA_CENTRES[c.dataCenter].apiDomain;
    rememberSecret(body['access_token'] as string);
    const token: CachedToken = { accessToken: body['access_token'] as string, expiresAt: now + lifetimeSeconds(body) * 1000, obtainedAt: now, apiDomain };
    this.tokens.set(c.name, token);
    this.store.update(this.key(c), {
      ...token,
      ...(typeof body['scope'] === 'string' ? { scope: body['scope'] } : {}),
      ...(refreshToken !== undefined ? { refreshToken } : {}),
      grantedBy: grantedBy === undefined ? undefined : fingerprint(grantedBy),
    });
    return token;
  }

  private info(c: ZohoOAuthConnection, token: CachedToken, reused: boolean): TokenInfo {
    return {
      expiresAt: token.expiresAt,
      ...(token.obtainedAt !== undefined ? { obtainedAt: token.obtainedAt } : {}),
      apiDomain: token.apiDomain ?? DATA_CENTRES[c.dataCenter].apiDomain,
      reused,
    };
  }

  private oauthConnection(name: string, action: string): ZohoOAuthConnection {
    const c: Connection = this.connections.resolve(name);
    if (c.type !== 'zoho-oauth') throw new AuthorizationError(name, 'not_oauth', `connection "${name}" is a ${c.type} connection: there is no OAuth token to ${action} (only zoho-oauth connections have one)`);
    return c;
  }

  private key(c: ZohoOAuthConnection): TokenKey {
    return { connection: c.name, clientId: c.clientId, accountsUrl: this.accounts(c) };
  }

  private accounts(c: ZohoOAuthConnection): string {
    return this.accountsOverride ?? c.accountsUrl;
  }

  private host(c: ZohoOAuthConnection): string {
    return new URL(this.accounts(c)).host;
  }

  /** Removes every secret value of the connection (and of the request) from a message. */
  private scrub(c: ZohoOAuthConnection, message: string, extra: readonly string[]): string {
    // redactText also masks their URL- and form-encoded forms: an accounts server may echo the form it was sent.
    const secrets = [c.clientSecret, c.refreshToken, this.tokens.get(c.name)?.accessToken, ...extra].filter((s): s is string => s !== undefined);
    return redactText(message, secrets);
  }
}

function zohoHeader(accessToken: string): AuthHeader {
  return { name: 'Authorization', value: `Zoho-oauthtoken ${accessToken}`, redacted: 'Zoho-oauthtoken ****' };
}


/** Whether the connection names its own accounts server (`accountsUrl`) rather than its data centre's. */
function customAccounts(c: ZohoOAuthConnection): boolean {
  return c.accountsUrl !== accountsUrl(c.dataCenter);
}

/** Zoho's error values, mapped to what the user must do. "Access Denied" is how throttling is answered. */
function classify(body: Record<string, unknown>): AuthorizationFailure {
  const error = String(body['error']).trim().toLowerCase();
  switch (error) {
    case 'invalid_code':
    case 'invalid_client':
    case 'invalid_client_secret':
    case 'invalid_redirect_uri':
      return error;
    case 'access denied':
    case 'access_denied':
      return 'throttled';
    default:
      return 'refused';
  }
}

/**
 * Seconds the token lasts. Older responses gave `expires_in` in ms alongside `expires_in_sec`. None (or a value that
 * is not a number, or more than a day) is the default hour; 0 or less is a token already expired: it is used for the
 * request that asked for it and never reused.
 */
function lifetimeSeconds(body: Record<string, unknown>): number {
  const seconds = toNumber(body['expires_in_sec']) ?? toNumber(body['expires_in']);
  if (seconds === undefined || seconds > MAX_LIFETIME_S) return DEFAULT_LIFETIME_S;
  return Math.max(seconds, 0);
}

function toNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The `api_domain` of a token response, when it is one the connection's token may be sent to: https, or http to a
 * loopback host (a local sandbox), the rule the connections file's own URLs follow. Anything else is ignored (the
 * data centre's API host is used): a token never travels in clear text to a host a response named.
 */
function apiDomainOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function postForm(dispatcher: Promise<Dispatcher>, url: string, form: URLSearchParams, timeoutMs: number, signal?: AbortSignal): Promise<TokenHttpResponse> {
  const target = new URL(url);
  const response = await (await dispatcher).request({
    ...(signal ? { signal } : {}),
    origin: target.origin,
    path: `${target.pathname}${target.search}`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** A refresh token's fingerprint for the store: enough to tell two tokens apart, nothing to use in their place. */
function fingerprint(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 16);
}
