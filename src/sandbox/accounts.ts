/**
 * The accounts server (Zoho OAuth): one client, refresh and access tokens, grant codes. Errors come back as Zoho
 * sends them — HTTP 200 with `{"error": …}` — and expiry follows the injected clock. Tokens live in memory only:
 * each start mints new ones (they are not secrets; the startup pair is printed).
 */
import { randomBytes } from 'node:crypto';
import { type Reply, reply } from './http.js';

/** Every CRM scope, and the search scope the Search API also needs: what the startup token (and `run --sandbox` connections) get. */
export const ALL_SCOPES: readonly string[] = [
  'ZohoCRM.modules.ALL',
  'ZohoCRM.settings.ALL',
  'ZohoCRM.users.ALL',
  'ZohoCRM.org.ALL',
  'ZohoCRM.coql.READ',
  'ZohoCRM.bulk.ALL',
  'ZohoCRM.notifications.ALL',
  'ZohoSearch.securesearch.READ',
];

/** The sandbox's one OAuth client. Fixed, so a connections file aimed at `deluge sandbox` keeps working. */
export const SANDBOX_CLIENT_ID = '1000.SANDBOXCLIENT00000000000000000';
export const SANDBOX_CLIENT_SECRET = 'sandbox0000000000000000000000000000000000';

export const ACCESS_TOKEN_SECONDS = 3600;
/** How long a grant code lasts (Zoho's default for self-client codes: 3 minutes). */
export const GRANT_CODE_SECONDS = 180;

export const THROTTLED = {
  error: 'Access Denied',
  error_description: 'You have made too many requests continuously. Please try again after some time.',
} as const;

export interface AccessGrant {
  readonly scopes: readonly string[];
  readonly userId: string;
  expiresAt: number;
  readonly refreshToken?: string;
  revoked: boolean;
}

interface RefreshGrant {
  readonly scopes: readonly string[];
  readonly userId: string;
  revoked: boolean;
}

interface CodeGrant {
  readonly scopes: readonly string[];
  readonly userId: string;
  readonly expiresAt: number;
  used: boolean;
}

export interface IssuedTokens {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_in: number;
}

export interface SavedGrants {
  readonly access: [string, AccessGrant][];
  readonly refresh: [string, RefreshGrant][];
}

export type Authentication = { readonly kind: 'ok'; readonly grant: AccessGrant } | { readonly kind: 'missing' } | { readonly kind: 'invalid' };

/** Zoho's token shape: `1000.<32 hex>.<32 hex>`. */
function newToken(): string {
  return `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
}

export class Accounts {
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly codes = new Map<string, CodeGrant>();

  constructor(
    private readonly now: () => number,
    /** The sandbox's URL, answered as `api_domain`. */
    private readonly apiDomain: () => string,
  ) {}

  /** Mints a refresh token and an access token from it (the admin API's `POST /__sandbox/tokens`). */
  issue(scopes: readonly string[], userId: string, expiresInSeconds = ACCESS_TOKEN_SECONDS): IssuedTokens {
    const refreshToken = newToken();
    this.refresh.set(refreshToken, { scopes, userId, revoked: false });
    return { access_token: this.mintAccess(scopes, userId, refreshToken, expiresInSeconds), refresh_token: refreshToken, expires_in: expiresInSeconds };
  }

  issueCode(scopes: readonly string[], userId: string, expiresInSeconds = GRANT_CODE_SECONDS): string {
    const code = newToken();
    this.codes.set(code, { scopes, userId, expiresAt: this.now() + expiresInSeconds * 1000, used: false });
    return code;
  }

  private mintAccess(scopes: readonly string[], userId: string, refreshToken: string | undefined, expiresInSeconds: number): string {
    const token = newToken();
    this.access.set(token, { scopes, userId, expiresAt: this.now() + expiresInSeconds * 1000, revoked: false, ...(refreshToken ? { refreshToken } : {}) });
    return token;
  }

  /** Reads `Authorization: Zoho-oauthtoken <token>`; any other form counts as no credentials. */
  authenticate(authorization: string | undefined): Authentication {
    const match = /^Zoho-oauthtoken\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { kind: 'missing' };
    const grant = this.access.get(match[1]!);
    if (!grant || grant.revoked || this.now() >= grant.expiresAt) return { kind: 'invalid' };
    return { kind: 'ok', grant };
  }

  /** Expires one access token, or every one when `token` is undefined; returns how many. */
  expire(token: string | undefined): number {
    const grants = token === undefined ? [...this.access.values()] : [this.access.get(token)].filter((g) => g !== undefined);
    const now = this.now();
    for (const grant of grants) grant.expiresAt = Math.min(grant.expiresAt, now);
    return grants.length;
  }

  /** Copies of these tokens' grants as they are now (the startup pair, which `POST /__sandbox/reset` brings back). */
  save(tokens: Iterable<string>): SavedGrants {
    const saved: SavedGrants = { access: [], refresh: [] };
    for (const token of tokens) {
      const access = this.access.get(token);
      if (access) saved.access.push([token, { ...access }]);
      const refresh = this.refresh.get(token);
      if (refresh) saved.refresh.push([token, { ...refresh }]);
    }
    return saved;
  }

  /**
   * Forgets every token and grant code but the saved ones, which are again as they were when saved: a startup token
   * expired or revoked through the admin API or the token endpoint works again after a reset.
   */
  restore(saved: SavedGrants): void {
    for (const map of [this.access, this.refresh, this.codes]) map.clear();
    for (const [token, grant] of saved.access) this.access.set(token, { ...grant });
    for (const [token, grant] of saved.refresh) this.refresh.set(token, { ...grant });
  }

  /** `POST /oauth/v2/token`: parameters from the query and the form body; client credentials also by Basic auth. */
  token(params: URLSearchParams, basicAuth: string | undefined): Reply {
    const [basicId, basicSecret] = decodeBasic(basicAuth);
    const clientId = params.get('client_id') ?? basicId;
    const clientSecret = params.get('client_secret') ?? basicSecret;
    const grantType = params.get('grant_type');
    if (grantType !== 'refresh_token' && grantType !== 'authorization_code') return reply(200, { error: 'unsupported_grant_type' });
    if (clientId !== SANDBOX_CLIENT_ID) return reply(200, { error: 'invalid_client' });
    if (clientSecret !== SANDBOX_CLIENT_SECRET) return reply(200, { error: 'invalid_client_secret' });
    return grantType === 'refresh_token' ? this.refreshGrant(params.get('refresh_token')) : this.codeGrant(params.get('code'));
  }

  private refreshGrant(refreshToken: string | null): Reply {
    const grant = refreshToken === null ? undefined : this.refresh.get(refreshToken);
    if (!grant || grant.revoked) return reply(200, { error: 'invalid_code' });
    const accessToken = this.mintAccess(grant.scopes, grant.userId, refreshToken!, ACCESS_TOKEN_SECONDS);
    return reply(200, this.tokenBody(accessToken, undefined, grant.scopes));
  }

  /** A grant code is single use and expires (`invalid_code` after). */
  private codeGrant(code: string | null): Reply {
    const grant = code === null ? undefined : this.codes.get(code);
    if (!grant || grant.used || this.now() >= grant.expiresAt) return reply(200, { error: 'invalid_code' });
    grant.used = true;
    const issued = this.issue(grant.scopes, grant.userId);
    return reply(200, this.tokenBody(issued.access_token, issued.refresh_token, grant.scopes));
  }

  private tokenBody(accessToken: string, refreshToken: string | undefined, scopes: readonly string[]): Record<string, unknown> {
    return {
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: scopes.join(' '),
      api_domain: this.apiDomain(),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
    };
  }

  /**
   * `POST /oauth/v2/token/revoke?token=`: a refresh token takes its access tokens with it. A token that is not valid
   * (unknown, or revoked already) answers HTTP 400, as Zoho documents ("If the given token is invalid, the revoke
   * token request will fail and you'll receive the HTTP status code 400"), not RFC 7009's success; the body, which
   * Zoho's docs do not show, is its token endpoint's `invalid_code`.
   */
  revoke(token: string | null): Reply {
    if (!token) return reply(200, { error: 'invalid_request' });
    const refreshGrant = this.refresh.get(token);
    const accessGrant = this.access.get(token);
    if (!(refreshGrant && !refreshGrant.revoked) && !(accessGrant && !accessGrant.revoked)) return reply(400, { error: 'invalid_code' });
    if (refreshGrant) {
      refreshGrant.revoked = true;
      for (const grant of this.access.values()) if (grant.refreshToken === token) grant.revoked = true;
    }
    if (accessGrant) accessGrant.revoked = true;
    return reply(200, { status: 'success' });
  }
}

function decodeBasic(header: string | undefined): [string | undefined, string | undefined] {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return [undefined, undefined];
  const text = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? [undefined, undefined] : [text.slice(0, colon), text.slice(colon + 1)];
}
