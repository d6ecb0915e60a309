/**
 * ConnectionAuth against a fake Zoho accounts server on 127.0.0.1 (started here, port 0): it answers like
 * Zoho's token endpoint — HTTP 200 with `{"error": …}` for refused grants, "Access Denied" when throttling —
 * and counts what it receives. Expiry runs on an injected clock; nothing waits on real time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DelugeConfigError, parseConnections, type Connections } from '../../src/http/connections.js';
import { AuthorizationError, ConnectionAuth, redactAuthorization } from '../../src/http/oauth.js';
import { isSecretHeader } from '../../src/http/redact.js';
import { TokenStore } from '../../src/http/token-store.js';
import { closedPort, startConnectProxy } from '../helpers/servers.js';

const CLIENT_ID = '1000.FAKECLIENTID0000000000000000';
const CLIENT_SECRET = 'client-secret-5f1e0c9b';
const REFRESH_TOKEN = '1000.refresh.0a1b2c3d4e5f';
const T0 = Date.parse('2026-11-28T09:00:00Z');

interface Received {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly form: URLSearchParams;
}

/** A fake accounts server: one client, refresh tokens, single-use grant codes, revoke; answers as Zoho does. */
class FakeAccounts {
  server!: Server;
  url = '';
  received: Received[] = [];
  refreshTokens = new Set([REFRESH_TOKEN]);
  codes = new Set<string>();
  /** What the next token requests answer instead of a token. */
  override: { status: number; body: string } | undefined;
  /** Token requests get no answer while set (the connection stays open). */
  silent = false;
  /** The answer to every revoke request, when set. */
  revokeOverride: { status: number; body: string } | undefined;
  expiresIn: Record<string, unknown> = { expires_in: 3600 };
  apiDomain = 'https://www.zohoapis.com';
  private minted = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        if (this.silent) return;
        const url = new URL(req.url ?? '/', 'http://x');
        const received = { path: url.pathname, query: url.searchParams, form: new URLSearchParams(text) };
        this.received.push(received);
        const [status, body] = this.answer(received);
        res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' }).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.received = [];
    this.refreshTokens = new Set([REFRESH_TOKEN]);
    this.codes = new Set();
    this.override = undefined;
    this.silent = false;
    this.revokeOverride = undefined;
    this.expiresIn = { expires_in: 3600 };
    this.apiDomain = 'https://www.zohoapis.com';
    this.minted = 0;
  }

  tokenRequests(): Received[] {
    return this.received.filter((r) => r.path === '/oauth/v2/token');
  }

  private answer({ path, query, form }: Received): [number, string] {
    if (path === '/oauth/v2/token/revoke') {
      if (this.revokeOverride) return [this.revokeOverride.status, this.revokeOverride.body];
      const token = query.get('token') ?? '';
      if (!this.refreshTokens.delete(token)) return [400, JSON.stringify({ error: 'invalid_token' })];
      return [200, JSON.stringify({ status: 'success' })];
    }
    if (path !== '/oauth/v2/token') return [404, 'not found'];
    if (this.override) return [this.override.status, this.override.body];
    if (form.get('client_id') !== CLIENT_ID) return [200, JSON.stringify({ error: 'invalid_client' })];
    if (form.get('client_secret') !== CLIENT_SECRET) return [200, JSON.stringify({ error: 'invalid_client_secret' })];
    const grant = form.get('grant_type');
    if (grant === 'refresh_token') {
      if (!this.refreshTokens.has(form.get('refresh_token') ?? '')) return [200, JSON.stringify({ error: 'invalid_code' })];
      return [200, JSON.stringify({ access_token: this.mint(), api_domain: this.apiDomain, token_type: 'Bearer', ...this.expiresIn })];
    }
    if (grant === 'authorization_code') {
      if (!this.codes.delete(form.get('code') ?? '')) return [200, JSON.stringify({ error: 'invalid_code' })];
      const refresh = `1000.refresh.from-code-${this.minted}`;
      this.refreshTokens.add(refresh);
      return [200, JSON.stringify({ access_token: this.mint(), refresh_token: refresh, api_domain: this.apiDomain, token_type: 'Bearer', ...this.expiresIn })];
    }
    return [200, JSON.stringify({ error: 'unsupported_grant_type' })];
  }

  private mint(): string {
    this.minted += 1;
    return `1000.access.${this.minted}`;
  }
}

const accounts = new FakeAccounts();
let dir: string;
let clock: number;
const now = () => clock;

beforeAll(() => accounts.start());
afterAll(() => new Promise<void>((resolve) => {
  accounts.server.closeAllConnections();
  accounts.server.close(() => resolve());
}));
beforeEach(() => {
  accounts.reset();
  clock = T0;
  dir = mkdtempSync(join(tmpdir(), 'deluge-oauth-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ENV = { ZOHO_CLIENT_ID: CLIENT_ID, ZOHO_CLIENT_SECRET: CLIENT_SECRET, ZOHO_REFRESH_TOKEN: REFRESH_TOKEN, STRIPE_KEY: 'sk_live_stripe', PW: 'p4ssw0rd', API_KEY: 'key-123456' };

/** A connections file (as text) whose Zoho connections use the fake server; `crm` has its refresh token in the file. */
function connections(extra: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = ENV): Connections {
  const file = {
    connections: {
      crm: { type: 'zoho-oauth', dataCenter: 'eu', clientId: '${ZOHO_CLIENT_ID}', clientSecret: '${ZOHO_CLIENT_SECRET}', refreshToken: '${ZOHO_REFRESH_TOKEN}', accountsUrl: accounts.url },
      added: { type: 'zoho-oauth', clientId: '${ZOHO_CLIENT_ID}', clientSecret: '${ZOHO_CLIENT_SECRET}', accountsUrl: accounts.url },
      static: { type: 'zoho-token', accessToken: '1000.static.token', dataCenter: 'in' },
      stripe: { type: 'bearer', token: '${STRIPE_KEY}' },
      legacy: { type: 'basic', username: 'ana', password: '${PW}' },
      keyed: { type: 'header', header: 'X-Api-Key', value: '${API_KEY}' },
      ...extra,
    },
    tokenStore: './tokens.json',
  };
  return parseConnections(join(dir, 'deluge.connections.json'), JSON.stringify(file), env);
}

function auth(options: { connections?: Connections; store?: TokenStore; requestTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): ConnectionAuth {
  const { connections: given, ...rest } = options;
  return new ConnectionAuth({ connections: given ?? connections(), now, ...rest });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const SECRETS = [CLIENT_SECRET, REFRESH_TOKEN, 'sk_live_stripe', 'p4ssw0rd', 'key-123456'];
function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/1000\.access\.\d/);
}

describe('Zoho OAuth tokens', () => {
  it('refreshes with the refresh_token grant, sending the secrets in the form body, never in the URL', async () => {
    const header = await auth().authorization('crm');
    expect(header).toEqual({ name: 'Authorization', value: 'Zoho-oauthtoken 1000.access.1', redacted: 'Zoho-oauthtoken ****' });
    const [request] = accounts.tokenRequests();
    expect(Object.fromEntries(request!.form)).toEqual({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: REFRESH_TOKEN });
    expect([...request!.query]).toEqual([]);
  });

  /**
   * The connections with `crm`'s accounts server under another name (https, as one not on this machine must be): a
   * made-up one the test proxy takes to the fake server here, which speaks no TLS, so the request fails once there.
   */
  const PROXIED = 'accounts.proxied.test';
  const accountsAt = (host: string) => {
    const crm = { type: 'zoho-oauth', dataCenter: 'eu', clientId: '${ZOHO_CLIENT_ID}', clientSecret: '${ZOHO_CLIENT_SECRET}', refreshToken: '${ZOHO_REFRESH_TOKEN}' };
    return connections({ crm: { ...crm, accountsUrl: accounts.url.replace('http://127.0.0.1', `https://${host}`) } });
  };
  const proxiedHost = () => accounts.url.replace('http://127.0.0.1', PROXIED);

  it('goes through the proxy of HTTP_PROXY, as the API requests do; never to an accounts server on this machine', async () => {
    const proxy = await startConnectProxy();
    try {
      const through = auth({ connections: accountsAt(PROXIED), env: { HTTPS_PROXY: proxy.url }, store: TokenStore.memory() });
      await expect(through.authorization('crm')).rejects.toThrow(AuthorizationError);
      expect(proxy.tunnels).toEqual([proxiedHost()]);
      // A NO_PROXY host goes direct (0.0.0.0, which Linux connects here, is not one of this machine's own names).
      const direct = auth({ connections: accountsAt('0.0.0.0'), env: { HTTPS_PROXY: proxy.url, NO_PROXY: '0.0.0.0' }, store: TokenStore.memory() });
      await expect(direct.authorization('crm')).rejects.toThrow(AuthorizationError);
      // An accounts server on this machine never goes through it.
      const local = auth({ env: { HTTP_PROXY: proxy.url }, store: TokenStore.memory() });
      expect((await local.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.1');
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('names the proxy when the token request cannot get through it (its password never), not the accounts server', async () => {
    const host = proxiedHost();
    const unreachable = `127.0.0.1:${await closedPort()}`;
    const failed = auth({ connections: accountsAt(PROXIED), env: { HTTPS_PROXY: `http://me:proxy-pass@${unreachable}` }, store: TokenStore.memory() }).authorization('crm');
    await expect(failed).rejects.toThrow(new RegExp(`^connection "crm": cannot reach the proxy ${unreachable} on the way to ${host} \\(ECONNREFUSED\\)$`));
    // A proxy that refuses the tunnel (it wants credentials) was reached: it is said to refuse.
    const refusing = createServer();
    refusing.on('connect', (_request, socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const proxy = `127.0.0.1:${(refusing.address() as AddressInfo).port}`;
      const refused = auth({ connections: accountsAt(PROXIED), env: { HTTPS_PROXY: `http://${proxy}` }, store: TokenStore.memory() }).authorization('crm');
      await expect(refused).rejects.toThrow(`connection "crm": the proxy ${proxy} refused the way to ${host} (the proxy answered 407 to its tunnel request)`);
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
    expect(accounts.tokenRequests()).toHaveLength(0);
  });

  it('reuses the cached token until 60 s before expiry, then refreshes', async () => {
    const a = auth();
    expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.1');
    clock = T0 + 30 * 60_000;
    expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.1');
    clock = T0 + 3600_000 - 60_001;
    expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.1');
    expect(accounts.tokenRequests()).toHaveLength(1);
    clock = T0 + 3600_000 - 60_000;
    expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.2');
    expect(accounts.tokenRequests()).toHaveLength(2);
  });

  it('keeps the margin under half the lifetime of short-lived tokens, so they are not refreshed on every call', async () => {
    accounts.expiresIn = { expires_in: 30 };
    const a = auth();
    await a.authorization('crm');
    clock = T0 + 14_000;
    await a.authorization('crm');
    expect(accounts.tokenRequests()).toHaveLength(1);
    clock = T0 + 15_000;
    await a.authorization('crm');
    expect(accounts.tokenRequests()).toHaveLength(2);
  });

  it('reads the legacy expires_in_sec (expires_in then being in ms)', async () => {
    accounts.expiresIn = { expires_in: 3600_000, expires_in_sec: 3600 };
    const info = await auth().token('crm');
    expect(info.expiresAt).toBe(T0 + 3600_000);
  });

  it('takes an expires_in that is not a number of seconds, or more than a day, as the default hour', async () => {
    for (const expiresIn of [{ expires_in: 1e20 }, { expires_in: 'soon' }, { expires_in: null }, { expires_in: 3600_000 }, { expires_in: 'Infinity' }]) {
      accounts.expiresIn = expiresIn;
      const info = await auth().refresh('crm');
      expect(info.expiresAt, JSON.stringify(expiresIn)).toBe(T0 + 3600_000);
      expect(JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8')).tokens[0].expiresAt).toBe(T0 + 3600_000);
    }
    accounts.expiresIn = { expires_in: 86_400 };
    expect((await auth().refresh('crm')).expiresAt).toBe(T0 + 86_400_000);
  });

  it('uses a token whose expires_in is 0 or less for the request that asked for it, and never reuses it', async () => {
    for (const expiresIn of [0, -5]) {
      accounts.reset();
      accounts.expiresIn = { expires_in: expiresIn };
      const a = auth();
      expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.1');
      expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.2');
      expect((await auth().token('crm')).reused).toBe(false);
      expect(accounts.tokenRequests()).toHaveLength(3);
    }
  });

  it('does not believe a stored token that lasts more than a day (a store written before lifetimes were bounded)', async () => {
    await auth().authorization('crm');
    const path = join(dir, 'tokens.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.tokens[0].expiresAt = T0 + 1e10;
    writeFileSync(path, JSON.stringify(file));
    expect((await auth().authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.2');
    file.tokens[0].expiresAt = 1e23;
    writeFileSync(path, JSON.stringify(file));
    expect(await auth().token('crm')).toMatchObject({ reused: false, expiresAt: T0 + 3600_000 });
  });

  it('reuses a token another run cached in the store, with no request', async () => {
    await auth().authorization('crm');
    clock = T0 + 10 * 60_000;
    const second = auth();
    expect((await second.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.1');
    expect(await second.token('crm')).toMatchObject({ reused: true, expiresAt: T0 + 3600_000 });
    expect(accounts.tokenRequests()).toHaveLength(1);
  });

  it('does not reuse a stored token obtained with another refresh token (a new grant, other scopes)', async () => {
    await auth().authorization('crm');
    accounts.refreshTokens.add(`${REFRESH_TOKEN}.new`);
    const rotated = auth({ connections: connections({}, { ...ENV, ZOHO_REFRESH_TOKEN: `${REFRESH_TOKEN}.new` }) });
    expect((await rotated.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.2');
    expect(Object.fromEntries(accounts.tokenRequests()[1]!.form)).toMatchObject({ refresh_token: `${REFRESH_TOKEN}.new` });
    // The store keeps a fingerprint of the refresh token, never the token itself.
    expect(readFileSync(join(dir, 'tokens.json'), 'utf8')).not.toContain(REFRESH_TOKEN);
    // And the token of the new grant is reused from then on.
    expect((await auth({ connections: connections({}, { ...ENV, ZOHO_REFRESH_TOKEN: `${REFRESH_TOKEN}.new` }) }).authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.2');
    expect(accounts.tokenRequests()).toHaveLength(2);
  });

  it('shares one token request among concurrent callers (single flight)', async () => {
    const a = auth();
    const headers = await Promise.all(Array.from({ length: 10 }, () => a.authorization('crm')));
    expect(accounts.tokenRequests()).toHaveLength(1);
    expect(new Set(headers.map((h) => h.value))).toEqual(new Set(['Zoho-oauthtoken 1000.access.1']));
  });

  it('adopts the api_domain of the token response', async () => {
    accounts.apiDomain = 'https://www.zohoapis.eu';
    const a = auth();
    expect(a.apiDomain('crm')).toBe('https://www.zohoapis.eu'); // the data centre's, before any token
    accounts.apiDomain = 'https://sandbox.zohoapis.eu';
    await a.authorization('crm');
    expect(a.apiDomain('crm')).toBe('https://sandbox.zohoapis.eu');
    expect(auth().apiDomain('crm')).toBe('https://sandbox.zohoapis.eu'); // from the store
  });

  it('ignores an api_domain the token could only reach in clear text (http to a host that is not this machine)', async () => {
    accounts.apiDomain = 'http://evil.example.com';
    const a = auth();
    await a.authorization('crm');
    expect(a.apiDomain('crm')).toBe('https://www.zohoapis.eu');
    accounts.apiDomain = 'http://127.0.0.1:4711';
    await a.refresh('crm');
    expect(a.apiDomain('crm')).toBe('http://127.0.0.1:4711');
  });

  it('forces a new token on refresh()', async () => {
    const a = auth();
    await a.authorization('crm');
    expect(await a.refresh('crm')).toMatchObject({ reused: false, apiDomain: 'https://www.zohoapis.com' });
    expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.2');
  });

  it('sends token requests to the accounts-URL override when one is given', async () => {
    const a = new ConnectionAuth({ connections: connections({ crm: { type: 'zoho-oauth', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN } }), now, accountsUrl: `${accounts.url}/` });
    expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.1');
  });
});

describe('after a 401 INVALID_TOKEN', () => {
  it('invalidates the rejected token and gets one new token, once for a burst of 401s', async () => {
    const a = auth();
    const rejected = (await a.authorization('crm')).value;
    const answers = await Promise.all(Array.from({ length: 5 }, () => a.onUnauthorized('crm', rejected)));
    expect(answers).toEqual([true, true, true, true, true]);
    expect(accounts.tokenRequests()).toHaveLength(2);
    expect((await a.authorization('crm')).value).toBe('Zoho-oauthtoken 1000.access.2');
    // A late 401 for the old token: the new one is already there, no further request.
    expect(await a.onUnauthorized('crm', rejected)).toBe(true);
    expect(accounts.tokenRequests()).toHaveLength(2);
  });

  it('asks for no further token when the one a 401 got is refused too: the 401 stands (one token request per request used up the allowance)', async () => {
    const a = auth();
    const first = (await a.authorization('crm')).value;
    expect(await a.onUnauthorized('crm', first)).toBe(true);
    const replacement = (await a.authorization('crm')).value;
    expect(replacement).not.toBe(first);
    for (let request = 0; request < 12; request++) expect(await a.onUnauthorized('crm', replacement)).toBe(false);
    expect(accounts.tokenRequests()).toHaveLength(2);
  });

  it('drops the rejected token from the store too, so the next run does not reuse it', async () => {
    const a = auth();
    await a.authorization('crm');
    a.invalidate('crm');
    await auth().authorization('crm');
    expect(accounts.tokenRequests()).toHaveLength(2);
  });

  it('answers false for connections that cannot refresh', async () => {
    const a = auth();
    for (const name of ['static', 'stripe', 'legacy', 'keyed']) expect(await a.onUnauthorized(name)).toBe(false);
  });

  it('throws the refresh’s error when the refresh itself fails (a revoked refresh token)', async () => {
    const a = auth();
    const rejected = (await a.authorization('crm')).value;
    accounts.refreshTokens.clear();
    const error = await rejection(a.onUnauthorized('crm', rejected));
    expect(error).toBeInstanceOf(AuthorizationError);
    expect(error).toMatchObject({ code: 'DLG0007', reason: 'invalid_code' });
  });
});

describe('static credentials', () => {
  it('gives each type its header, with a redacted form for logs', async () => {
    const a = auth();
    expect(await a.authorization('static')).toEqual({ name: 'Authorization', value: 'Zoho-oauthtoken 1000.static.token', redacted: 'Zoho-oauthtoken ****' });
    expect(await a.authorization('stripe')).toEqual({ name: 'Authorization', value: 'Bearer sk_live_stripe', redacted: 'Bearer ****' });
    expect(await a.authorization('legacy')).toEqual({ name: 'Authorization', value: `Basic ${Buffer.from('ana:p4ssw0rd').toString('base64')}`, redacted: 'Basic ****' });
    expect(await a.authorization('keyed')).toEqual({ name: 'X-Api-Key', value: 'key-123456', redacted: '****' });
    expect(a.apiDomain('static')).toBe('https://www.zohoapis.in');
    expect(a.apiDomain('stripe')).toBeUndefined();
    expect(accounts.received).toEqual([]);
  });

  it('refuses OAuth actions on them with a clear error', async () => {
    const error = await rejection(auth().refresh('stripe'));
    expect(error).toMatchObject({ code: 'DLG0007', reason: 'not_oauth' });
    expect(error.message).toContain('bearer');
  });
});

describe('token endpoint errors (HTTP 200 with an error body)', () => {
  it('invalid_code on refresh: the refresh token is wrong or revoked; says how to add a new one', async () => {
    accounts.refreshTokens.clear();
    const error = await rejection(auth().authorization('crm'));
    expect(error).toMatchObject({ code: 'DLG0007', reason: 'invalid_code', connection: 'crm' });
    expect(error.message).toContain("deluge connections add crm --grant-code CODE");
    expectNoSecret(error.message);
  });

  it('invalid_client: names the setting that chose the accounts server (here accountsUrl, not the data centre)', async () => {
    const c = connections({}, { ...ENV, ZOHO_CLIENT_ID: '1000.UNKNOWN' });
    const error = await rejection(auth({ connections: c }).authorization('crm'));
    expect(error).toMatchObject({ reason: 'invalid_client' });
    expect(error.message).toMatch(/"clientId" and "accountsUrl" \(now 127\.0\.0\.1:\d+\)/);
    expect(error.message).not.toContain('dataCenter');
    expectNoSecret(error.message);
  });

  it('an accounts server that does not answer in time is said to have timed out (not "cannot reach")', async () => {
    const timedOut = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    const a = new ConnectionAuth({ connections: connections(), now, http: () => Promise.reject(timedOut) });
    const error = await rejection(a.authorization('crm'));
    expect(error).toMatchObject({ code: 'DLG0007', reason: 'unreachable' });
    expect(error.message).toMatch(/127\.0\.0\.1:\d+ did not answer the token request in time \(UND_ERR_HEADERS_TIMEOUT\)/);
  });

  it('a token request gives up after requestTimeoutMs (run --request-timeout), not only after 40 s', async () => {
    accounts.silent = true;
    const error = await rejection(auth({ requestTimeoutMs: 50 }).authorization('crm'));
    expect(error).toMatchObject({ code: 'DLG0007', reason: 'unreachable' });
    expect(error.message).toMatch(/did not answer the token request in time/);
  });

  it('invalid_client_secret', async () => {
    const c = connections({}, { ...ENV, ZOHO_CLIENT_SECRET: 'wrong-secret-value' });
    const error = await rejection(auth({ connections: c }).authorization('crm'));
    expect(error).toMatchObject({ reason: 'invalid_client_secret' });
    expect(error.message).not.toContain('wrong-secret-value');
  });

  it('throttling ("Access Denied"): says to wait, and shows no secret', async () => {
    accounts.override = { status: 200, body: JSON.stringify({ error_description: 'You have made too many requests continuously. Please try again after some time.', error: 'Access Denied', status: 'failure' }) };
    const error = await rejection(auth().authorization('crm'));
    expect(error).toMatchObject({ code: 'DLG0007', reason: 'throttled' });
    expect(error.message).toMatch(/Wait a few minutes/);
    expectNoSecret(error.message);
  });

  it('scrubs a secret the server echoes back', async () => {
    accounts.override = { status: 200, body: JSON.stringify({ error: 'odd_error', error_description: `bad refresh token ${REFRESH_TOKEN} for ${CLIENT_SECRET}` }) };
    const error = await rejection(auth().authorization('crm'));
    expect(error).toMatchObject({ reason: 'refused' });
    expect(error.message).toContain('odd_error');
    expectNoSecret(error.message);
  });

  it('keeps the whole message when a masked form field ends the error_description', async () => {
    const form = `grant_type=refresh_token&client_secret=${CLIENT_SECRET}&refresh_token=${REFRESH_TOKEN}`;
    accounts.override = { status: 200, body: JSON.stringify({ error: 'weird_error', error_description: `you sent ${form}` }) };
    const error = await rejection(auth().authorization('crm'));
    expect(error.message).toBe(`connection "crm": ${new URL(accounts.url).host} refused the token request (weird_error): you sent grant_type=refresh_token&client_secret=****&refresh_token=****`);
  });

  it('a non-JSON answer (a proxy’s 502 page) and a body without access_token', async () => {
    accounts.override = { status: 502, body: '<html>Bad Gateway</html>' };
    expect(await rejection(auth().authorization('crm'))).toMatchObject({ reason: 'bad_response', message: expect.stringContaining('HTTP 502') });
    accounts.override = { status: 200, body: '{"token_type":"Bearer"}' };
    expect(await rejection(auth().authorization('crm'))).toMatchObject({ reason: 'bad_response', message: expect.stringContaining('no access_token') });
  });

  it('an unreachable accounts server', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = connections({ crm: { type: 'zoho-oauth', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, accountsUrl: `http://127.0.0.1:${port}` } });
    const error = await rejection(auth({ connections: c }).authorization('crm'));
    expect(error).toMatchObject({ reason: 'unreachable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('a connection with no refresh token anywhere is a configuration error (DLG0006)', async () => {
    const error = await rejection(auth().authorization('added'));
    expect(error).toBeInstanceOf(DelugeConfigError);
    expect(error).toMatchObject({ code: 'DLG0006' });
    expect(error.message).toContain("deluge connections add added --grant-code CODE");
    expect(accounts.received).toEqual([]);
  });
});

describe('grant codes and revoking', () => {
  it('exchanges a grant code, stores the refresh token (0600) and uses it from then on', async () => {
    accounts.codes.add('1000.code.abc');
    const result = await auth().exchangeGrantCode('added', '1000.code.abc');
    expect(result).toMatchObject({ refreshTokenStored: true, reused: false, apiDomain: 'https://www.zohoapis.com' });
    const exchange = accounts.tokenRequests()[0]!;
    expect(Object.fromEntries(exchange.form)).toEqual({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code: '1000.code.abc' });

    const stored = TokenStore.file(join(dir, 'tokens.json')).get({ connection: 'added', clientId: CLIENT_ID, accountsUrl: accounts.url });
    expect(stored?.refreshToken).toBe('1000.refresh.from-code-0');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'tokens.json')).mode & 0o777).toBe(0o600);
    clock = T0 + 2 * 3600_000;
    await auth().authorization('added');
    expect(accounts.tokenRequests()[1]!.form.get('refresh_token')).toBe('1000.refresh.from-code-0');
  });

  it('sends redirect_uri when the connection sets one', async () => {
    accounts.codes.add('c1');
    const c = connections({ added: { type: 'zoho-oauth', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, accountsUrl: accounts.url, redirectUri: 'https://example.com/cb' } });
    await auth({ connections: c }).exchangeGrantCode('added', 'c1');
    expect(accounts.tokenRequests()[0]!.form.get('redirect_uri')).toBe('https://example.com/cb');
  });

  it('a used or expired grant code: says codes work once and expire, without echoing the code', async () => {
    accounts.codes.add('1000.code.once');
    await auth().exchangeGrantCode('added', '1000.code.once');
    const error = await rejection(auth().exchangeGrantCode('added', '1000.code.once'));
    expect(error).toMatchObject({ code: 'DLG0007', reason: 'invalid_code' });
    expect(error.message).toMatch(/works once and expires/);
    expect(error.message).not.toContain('1000.code.once');
  });

  it('revokes the stored refresh token at Zoho and forgets every token of the connection', async () => {
    accounts.codes.add('c2');
    const a = auth();
    await a.exchangeGrantCode('added', 'c2');
    expect(await a.revoke('added')).toEqual({ revoked: true, alreadyInvalid: false, forgotten: true });
    const revoke = accounts.received.find((r) => r.path === '/oauth/v2/token/revoke')!;
    expect(revoke.query.get('token')).toBe('1000.refresh.from-code-0');
    expect(accounts.refreshTokens.has('1000.refresh.from-code-0')).toBe(false);
    expect(TokenStore.file(join(dir, 'tokens.json')).list()).toEqual([]);
    expect(await rejection(a.authorization('added'))).toMatchObject({ code: 'DLG0006' });
  });

  it('a token store that cannot be written is said before any token request (none of Zoho\'s few is spent)', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const a = auth({ store: TokenStore.file(join(dir, 'a-file', 'tokens.json')) });
    expect(await rejection(a.authorization('crm'))).toMatchObject({ code: 'DLG0003' });
    accounts.codes.add('c5');
    expect(await rejection(a.exchangeGrantCode('added', 'c5'))).toMatchObject({ code: 'DLG0003' });
    expect(accounts.received).toEqual([]);
    expect(accounts.codes.has('c5')).toBe(true);
  });

  it('a damaged token store, or one of a later version, is said before any token request too', async () => {
    for (const text of ['{"version":1,"tokens":[', '{"version":2,"tokens":[]}']) {
      writeFileSync(join(dir, 'tokens.json'), text);
      const a = auth({ store: TokenStore.file(join(dir, 'tokens.json')) });
      expect(await rejection(a.refresh('crm'))).toMatchObject({ code: 'DLG0006' });
      accounts.codes.add('c6');
      expect(await rejection(a.exchangeGrantCode('added', 'c6'))).toMatchObject({ code: 'DLG0006' });
      expect(accounts.received).toEqual([]);
      expect(readFileSync(join(dir, 'tokens.json'), 'utf8')).toBe(text);
    }
  });

  it('a refresh that fails (throttled) keeps the cached access token that still works', async () => {
    const a = auth();
    const first = await a.authorization('crm');
    accounts.override = { status: 200, body: JSON.stringify({ error: 'Access Denied', error_description: 'You have made too many requests continuously.' }) };
    expect(await rejection(a.refresh('crm'))).toMatchObject({ code: 'DLG0007' });
    expect(await auth().authorization('crm')).toEqual(first);
    expect(accounts.tokenRequests()).toHaveLength(2);
  });

  it('forgets nothing when the revoke is throttled (Access Denied) or answered with a failure', async () => {
    for (const answer of [{ error: 'Access Denied', error_description: 'You have made too many requests continuously.' }, { status: 'failure' }]) {
      accounts.codes.add('c3');
      const a = auth();
      await a.exchangeGrantCode('added', 'c3');
      accounts.revokeOverride = { status: 200, body: JSON.stringify(answer) };
      const error = await rejection(a.revoke('added'));
      expect(error).toMatchObject({ code: 'DLG0007' });
      expect(error.message).toContain('the refresh token was not revoked');
      expect(error.message).toContain('nothing was forgotten');
      expect(TokenStore.file(join(dir, 'tokens.json')).list()[0]?.refreshToken).toMatch(/^1000\.refresh\.from-code-/);
      accounts.revokeOverride = undefined;
      expect((await a.revoke('added')).revoked).toBe(true);
    }
  });

  it('revokes both refresh tokens of a connection that has one in the file and one stored by connections add', async () => {
    accounts.codes.add('c4');
    const a = auth();
    await a.exchangeGrantCode('crm', 'c4');
    const stored = TokenStore.file(join(dir, 'tokens.json')).list()[0]!.refreshToken!;
    expect(await a.revoke('crm')).toEqual({ revoked: true, alreadyInvalid: false, forgotten: true });
    const revoked = accounts.received.filter((r) => r.path === '/oauth/v2/token/revoke').map((r) => r.query.get('token'));
    expect(revoked).toEqual([REFRESH_TOKEN, stored]);
    expect(accounts.refreshTokens.has(stored)).toBe(false);
  });

  it('forgets a refresh token Zoho no longer knows (HTTP 400), and has nothing to revoke without one', async () => {
    const a = auth();
    await a.authorization('crm');
    accounts.refreshTokens.clear();
    expect(await a.revoke('crm')).toEqual({ revoked: false, alreadyInvalid: true, forgotten: true });
    expect(await auth().revoke('added')).toEqual({ revoked: false, alreadyInvalid: false, forgotten: false });
  });
});

describe('redactAuthorization', () => {
  it('keeps the scheme and hides the credentials', () => {
    expect(redactAuthorization('Zoho-oauthtoken 1000.abc.def')).toBe('Zoho-oauthtoken ****');
    expect(redactAuthorization('bearer sk_live')).toBe('bearer ****');
    expect(redactAuthorization('Basic YW5hOnB3')).toBe('Basic ****');
    expect(redactAuthorization('sk_live_raw_key')).toBe('****');
  });
});

describe('isSecretHeader', () => {
  it('knows credential headers by name, but not authority (Chrome\'s HTTP/2 pseudo-header) nor author', () => {
    const secret = ['Authorization', 'Proxy-Authorization', 'X-Authorization', 'X-Auth-Token', 'x-auth', 'Authentication', 'X-Api-Key', 'Cookie', 'X-Session-Id'];
    const plain = ['authority', 'x-author', 'X-Author-Name', 'Accept', 'Content-Type', 'X-CRM-ORG'];
    expect(secret.filter((name) => !isSecretHeader(name))).toEqual([]);
    expect(plain.filter((name) => isSecretHeader(name))).toEqual([]);
  });
});
