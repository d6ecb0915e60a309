/**
 * The accounts server: refresh-token and grant-code exchanges, Zoho's error style (HTTP 200 with
 * `{"error": …}`), expiry by the injected clock, revocation and throttling.
 */
import { FormData, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../src/sandbox/index.js';
import { SAMPLE_IDS, START, type TestSandbox, testSandbox, zohoError } from './helpers.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await testSandbox();
});
afterEach(() => t.close());

/** POSTs a form to the token endpoint, as the Zoho SDKs do. */
async function tokenRequest(fields: Record<string, string>, path = '/oauth/v2/token') {
  const res = await request(`${t.sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}

const client = { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET };

describe('POST /oauth/v2/token', () => {
  it('refresh_token grant: a new access token with every CRM scope, lasting an hour, for this sandbox', async () => {
    const answer = await tokenRequest({ ...client, grant_type: 'refresh_token', refresh_token: t.sandbox.refreshToken });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toStrictEqual(['access_token', 'scope', 'api_domain', 'token_type', 'expires_in']);
    expect(answer.json).toMatchObject({ api_domain: t.sandbox.url, token_type: 'Bearer', expires_in: 3600 });
    expect(answer.json['scope']).toContain('ZohoCRM.modules.ALL');
    expect(answer.json['access_token']).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    const use = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token: answer.json['access_token'] as string });
    expect(use.status).toBe(200);
  });

  it('takes the parameters in the query string too, and client credentials by Basic auth', async () => {
    const query = new URLSearchParams({ ...client, grant_type: 'refresh_token', refresh_token: t.sandbox.refreshToken });
    expect((await t.api('POST', `/oauth/v2/token?${query}`, { token: null })).json.access_token).toBeDefined();
    const basic = Buffer.from(`${SANDBOX_CLIENT_ID}:${SANDBOX_CLIENT_SECRET}`).toString('base64');
    const res = await request(`${t.sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${t.sandbox.refreshToken}`,
    });
    expect(((await res.body.json()) as { access_token?: string }).access_token).toBeDefined();
  });

  it('takes a multipart form too (curl -F), and lists its credentials masked in the request log', async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...client, grant_type: 'refresh_token', refresh_token: t.sandbox.refreshToken })) form.append(key, value);
    const res = await request(`${t.sandbox.url}/oauth/v2/token`, { method: 'POST', body: form });
    expect(((await res.body.json()) as { access_token?: string }).access_token).toMatch(/^1000\./);
    const log = await request(`${t.sandbox.url}/__sandbox/requests`);
    const listed = JSON.stringify(await log.body.json());
    expect(listed).toContain('name=\\"client_secret\\"');
    for (const secret of [SANDBOX_CLIENT_SECRET, t.sandbox.refreshToken]) expect(listed).not.toContain(secret);
    // Revoked by a multipart form as well.
    const revoke = new FormData();
    revoke.append('token', t.sandbox.refreshToken);
    await request(`${t.sandbox.url}/oauth/v2/token/revoke`, { method: 'POST', body: revoke }).then((r) => r.body.json());
    expect((await tokenRequest({ ...client, grant_type: 'refresh_token', refresh_token: t.sandbox.refreshToken })).json).toMatchObject({ error: 'invalid_code' });
  });

  it('refreshed tokens keep the scopes and user of their refresh token', async () => {
    const user = (await t.admin('POST', 'users', {})).json.id as string;
    const issued = (await t.admin('POST', 'tokens', { scopes: ['ZohoCRM.modules.leads.READ'], user })).json;
    const answer = await tokenRequest({ ...client, grant_type: 'refresh_token', refresh_token: issued.refresh_token });
    expect(answer.json['scope']).toBe('ZohoCRM.modules.leads.READ');
    const token = answer.json['access_token'] as string;
    expect((await t.api('GET', '/crm/v7/Leads', { token })).status).toBe(200);
    expect((await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token })).json.code).toBe('OAUTH_SCOPE_MISMATCH');
  });

  it('authorization_code grant: a code from the admin API gives a refresh token once; reused or expired codes are invalid_code', async () => {
    const { code } = (await t.admin('POST', 'codes', { scopes: ['ZohoCRM.modules.ALL'] })).json;
    const grant = { ...client, grant_type: 'authorization_code', code, redirect_uri: 'https://example.com/callback' };
    const first = await tokenRequest(grant);
    expect(Object.keys(first.json)).toStrictEqual(['access_token', 'refresh_token', 'scope', 'api_domain', 'token_type', 'expires_in']);
    const refreshed = await tokenRequest({ ...client, grant_type: 'refresh_token', refresh_token: first.json['refresh_token'] as string });
    expect(refreshed.json['access_token']).toBeDefined();
    expect(await tokenRequest(grant)).toStrictEqual({ status: 200, json: { error: 'invalid_code' } });

    const late = (await t.admin('POST', 'codes', {})).json.code as string;
    t.clock += 180_000;
    expect((await tokenRequest({ ...grant, code: late })).json).toStrictEqual({ error: 'invalid_code' });
  });

  it('answers Zoho-style errors with HTTP 200', async () => {
    const refresh = { grant_type: 'refresh_token', refresh_token: t.sandbox.refreshToken };
    expect(await tokenRequest({ ...client, ...refresh, client_id: '1000.NOPE' })).toStrictEqual({ status: 200, json: { error: 'invalid_client' } });
    expect(await tokenRequest({ ...client, ...refresh, client_secret: 'wrong' })).toStrictEqual({ status: 200, json: { error: 'invalid_client_secret' } });
    expect(await tokenRequest({ ...client, ...refresh, refresh_token: '1000.unknown' })).toStrictEqual({ status: 200, json: { error: 'invalid_code' } });
    expect(await tokenRequest({ ...client, grant_type: 'password' })).toStrictEqual({ status: 200, json: { error: 'unsupported_grant_type' } });
  });

  it('throttles when the admin API asks: "Access Denied", for the next n requests or until switched off', async () => {
    const refresh = { ...client, grant_type: 'refresh_token', refresh_token: t.sandbox.refreshToken };
    const throttled = {
      error: 'Access Denied',
      error_description: 'You have made too many requests continuously. Please try again after some time.',
    };
    await t.admin('POST', 'faults', { tokenThrottle: 2 });
    expect(await tokenRequest(refresh)).toStrictEqual({ status: 200, json: throttled });
    expect(await tokenRequest(refresh)).toStrictEqual({ status: 200, json: throttled });
    expect((await tokenRequest(refresh)).json['access_token']).toBeDefined();
    await t.admin('POST', 'faults', { tokenThrottle: true });
    expect((await tokenRequest(refresh)).json).toStrictEqual(throttled);
    await t.admin('POST', 'faults', { tokenThrottle: false });
    expect((await tokenRequest(refresh)).json['access_token']).toBeDefined();
  });
});

describe('expiry, by the injected clock', () => {
  it('an access token works until its hour is over, then answers INVALID_TOKEN; a refresh gives a working one', async () => {
    t.clock = START + 3599_000;
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
    t.clock = START + 3600_000;
    const expired = await t.api('GET', '/crm/v7/Leads');
    expect([expired.status, expired.json]).toStrictEqual([401, zohoError('INVALID_TOKEN', 'invalid oauth token')]);
    const fresh = await tokenRequest({ ...client, grant_type: 'refresh_token', refresh_token: t.sandbox.refreshToken });
    expect((await t.api('GET', '/crm/v7/Leads', { token: fresh.json['access_token'] as string })).status).toBe(200);
  });

  it('admin tokens take expiresIn; POST /__sandbox/tokens/expire expires one token or all', async () => {
    const short = await t.token(['ZohoCRM.modules.ALL'], { expiresIn: 60 });
    t.clock += 60_000;
    expect((await t.api('GET', '/crm/v7/Leads', { token: short })).status).toBe(401);

    const a = await t.token(['ZohoCRM.modules.ALL']);
    const b = await t.token(['ZohoCRM.modules.ALL']);
    expect((await t.admin('POST', 'tokens/expire', { token: a })).json).toStrictEqual({ expired: 1 });
    expect((await t.api('GET', '/crm/v7/Leads', { token: a })).status).toBe(401);
    expect((await t.api('GET', '/crm/v7/Leads', { token: b })).status).toBe(200);
    await t.admin('POST', 'tokens/expire', {});
    expect((await t.api('GET', '/crm/v7/Leads', { token: b })).status).toBe(401);
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(401);
  });
});

describe('POST /oauth/v2/token/revoke', () => {
  it('revoking a refresh token revokes its access tokens and stops refreshes', async () => {
    const issued = (await t.admin('POST', 'tokens', { scopes: ['ZohoCRM.modules.ALL'] })).json;
    expect(await tokenRequest({}, `/oauth/v2/token/revoke?token=${issued.refresh_token}`)).toStrictEqual({ status: 200, json: { status: 'success' } });
    expect((await t.api('GET', '/crm/v7/Leads', { token: issued.access_token })).json.code).toBe('INVALID_TOKEN');
    const refresh = await tokenRequest({ ...client, grant_type: 'refresh_token', refresh_token: issued.refresh_token });
    expect(refresh.json).toStrictEqual({ error: 'invalid_code' });
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
  });

  it('a token that is not valid (unknown, or revoked already) is refused with HTTP 400, as Zoho documents', async () => {
    const issued = (await t.admin('POST', 'tokens', {})).json;
    expect((await tokenRequest({}, `/oauth/v2/token/revoke?token=${issued.refresh_token}`)).status).toBe(200);
    expect(await tokenRequest({}, `/oauth/v2/token/revoke?token=${issued.refresh_token}`)).toStrictEqual({ status: 400, json: { error: 'invalid_code' } });
    expect(await tokenRequest({}, '/oauth/v2/token/revoke?token=1000.never.issued')).toStrictEqual({ status: 400, json: { error: 'invalid_code' } });
  });

  it('revoking an access token leaves its refresh token working', async () => {
    const issued = (await t.admin('POST', 'tokens', {})).json;
    await tokenRequest({ token: issued.access_token }, '/oauth/v2/token/revoke');
    expect((await t.api('GET', '/crm/v7/Leads', { token: issued.access_token })).status).toBe(401);
    expect((await tokenRequest({ ...client, grant_type: 'refresh_token', refresh_token: issued.refresh_token })).json['access_token']).toBeDefined();
  });
});
