/**
 * The admin API (`/__sandbox/…`): faults (429 with Retry-After from the injected clock, latency through the
 * injected sleep, fail rate through the injected random source, forced internal errors), the request log with
 * credentials redacted, reset, users, modules, and persistence to a `--data` file.
 */
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SandboxDataError, startSandbox } from '../../src/sandbox/index.js';
import { SAMPLE_IDS, type TestSandbox, testSandbox, zohoError } from './helpers.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await testSandbox();
});
afterEach(() => t.close());

describe('faults', () => {
  it('rate limit: 429 TOO_MANY_REQUESTS with a Retry-After computed from the clock', async () => {
    await t.admin('POST', 'faults', { rateLimitPerSecond: 2 });
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
    t.clock += 400;
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
    const limited = await t.api('GET', '/crm/v7/Leads');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json).toStrictEqual(zohoError('TOO_MANY_REQUESTS', 'You have made too many requests. Please try again after some time.'));
    t.clock += 600; // the first request leaves the one-second window
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
  });

  it('a fractional rate spaces requests out: 0.1 per second is one per ten seconds', async () => {
    await t.admin('POST', 'faults', { rateLimitPerSecond: 0.1 });
    expect((await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`)).status).toBe(200);
    t.clock += 2_500;
    const limited = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[1]}`);
    expect([limited.status, limited.headers['retry-after']]).toStrictEqual([429, '8']);
    t.clock += 7_500;
    expect((await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[1]}`)).status).toBe(200);
  });

  it('latency: every API and token request waits latencyMs through the injected sleep', async () => {
    await t.admin('POST', 'faults', { latencyMs: 250 });
    await t.api('GET', '/crm/v7/Leads');
    await t.api('POST', '/oauth/v2/token', { token: null });
    expect(t.slept).toStrictEqual([250, 250]);
  });

  it('failRate: a request fails with 500 INTERNAL_ERROR when the random number falls below it', async () => {
    await t.admin('POST', 'faults', { failRate: 0.3 });
    t.randomValue = 0.29;
    expect((await t.api('GET', '/crm/v7/Leads')).json).toStrictEqual(zohoError('INTERNAL_ERROR', 'Internal Server Error'));
    t.randomValue = 0.3;
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
  });

  it('internalError always, until switched off; faults read back with GET', async () => {
    await t.admin('POST', 'faults', { internalError: 'always' });
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(500);
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(500);
    expect((await t.admin('GET', 'faults')).json).toMatchObject({ internalError: 'always' });
    await t.admin('POST', 'faults', { internalError: false });
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
  });

  it('rejects bad fault values without changing anything', async () => {
    for (const faults of [{ failRate: 2 }, { internalError: 'sometimes' }, { latencyMs: -1 }, { latencyMs: 1e12 }, { rateLimitPerSecond: 0 }, { nope: 1 }]) {
      const answer = await t.admin('POST', 'faults', faults);
      expect(answer.status, JSON.stringify(faults)).toBe(400);
      expect(answer.json.error).toEqual(expect.any(String));
    }
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('a body larger than 32 MB is answered 413 and not kept (600 MB made the sandbox fail at 1.7 GB)', async () => {
    const big = `{"records": ["${'x'.repeat(33 * 1024 * 1024)}"]}`;
    for (const answer of [await t.admin('POST', 'records/Leads', big), await t.api('POST', '/crm/v7/Leads', { body: big })]) {
      expect(answer.status).toBe(413);
      expect(answer.json).toEqual(zohoError('LIMIT_EXCEEDED', 'the request body is larger than the sandbox accepts (32 MB)'));
    }
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
  });
});

describe('the request log', () => {
  it('lists API and token requests in order, with credentials redacted; admin requests are not listed', async () => {
    await t.api('DELETE', '/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true', { headers: { 'x-request-source': 'test' } });
    await t.api('POST', '/oauth/v2/token', { token: null, body: `grant_type=refresh_token&client_secret=s3cret&refresh_token=${t.sandbox.refreshToken}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await t.api('POST', `/oauth/v2/token/revoke?token=${t.sandbox.refreshToken}`, { token: null });
    const log = (await t.admin('GET', 'requests')).json;
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({
      at: '2025-03-03T09:00:00+00:00',
      method: 'DELETE',
      path: '/crm/v7/Leads',
      query: 'ids=410405000002264040,410405000002264025&wf_trigger=true',
      body: '',
      status: 200,
    });
    expect(log[0].headers).toMatchObject({ authorization: 'Zoho-oauthtoken ****', 'x-request-source': 'test' });
    expect(log[1].body).toBe('grant_type=refresh_token&client_secret=****&refresh_token=****');
    expect(log[2].query).toBe('token=****');
    expect(JSON.stringify(log)).not.toContain(t.sandbox.accessToken);
    expect(JSON.stringify(log)).not.toContain(t.sandbox.refreshToken);
    await t.admin('DELETE', 'requests');
    // A token request with a JSON body (Zoho reads forms; a client may still send one) is masked the same way.
    const json = JSON.stringify({ grant_type: 'refresh_token', client_secret: 's3cret', refresh_token: t.sandbox.refreshToken });
    await t.api('POST', '/oauth/v2/token', { token: null, body: json, headers: { 'content-type': 'application/json' } });
    const [logged] = (await t.admin('GET', 'requests')).json;
    expect(JSON.parse(logged.body)).toEqual({ grant_type: 'refresh_token', client_secret: '****', refresh_token: '****' });
    await t.admin('DELETE', 'requests');
    expect((await t.admin('GET', 'requests')).json).toStrictEqual([]);
  });

  it("masks a script's own credentials as deluge run's listings do: secret headers, a URL's api_key=, a body's password", async () => {
    await t.api('POST', '/crm/v7/Leads?api_key=K3Y-0123456789&n=1', {
      headers: { 'x-api-key': 'XK-0123456789', cookie: 'sid=C00KIE-0123456789', 'content-type': 'application/json' },
      body: '{"data":[{"Last_Name":"Ana","password":"PW-0123456789"}]}',
    });
    const [logged] = (await t.admin('GET', 'requests')).json;
    expect(logged.query).toBe('api_key=****&n=1');
    expect(logged.headers).toMatchObject({ 'x-api-key': '****', cookie: '****' });
    expect(logged.body).toBe('{"data":[{"Last_Name":"Ana","password":"****"}]}');
    await t.admin('DELETE', 'requests');
  });
});

describe('reset, users, modules, records', () => {
  it('reset brings back the data the sandbox started with; the startup token stays valid, others go', async () => {
    const other = await t.token(['ZohoCRM.modules.ALL']);
    await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS.join(',')}`);
    await t.admin('POST', 'modules', { api_name: 'Projects_X', custom: true });
    await t.admin('POST', 'faults', { latencyMs: 5 });
    expect((await t.admin('POST', 'reset')).json).toStrictEqual({ status: 'reset' });
    expect((await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}`)).status).toBe(200);
    expect((await t.admin('GET', 'workflow-log')).json).toStrictEqual([]);
    expect((await t.api('GET', '/crm/v7/Projects_X')).json.code).toBe('INVALID_MODULE');
    expect((await t.api('GET', '/crm/v7/Leads', { token: other })).json.code).toBe('INVALID_TOKEN');
    expect((await t.admin('GET', 'faults')).json.latencyMs).toBe(0);
  });

  it('reset makes the startup tokens valid again after they were expired or revoked', async () => {
    const { accessToken, refreshToken, clientId, clientSecret } = t.sandbox;
    expect((await t.admin('POST', 'tokens/expire', {})).status).toBe(200);
    await t.api('POST', `/oauth/v2/token/revoke?token=${refreshToken}`);
    expect((await t.api('GET', '/crm/v7/Leads')).json.code).toBe('INVALID_TOKEN');
    await t.admin('POST', 'reset');
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
    const form = `grant_type=refresh_token&refresh_token=${refreshToken}&client_id=${clientId}&client_secret=${clientSecret}`;
    const refreshed = await t.api('POST', `/oauth/v2/token?${form}`, { token: null });
    expect(refreshed.json.access_token).toMatch(/^1000\./);
    expect(accessToken).toBe(t.sandbox.accessToken);
  });

  it('custom modules work like the others, with mandatory Name', async () => {
    expect((await t.admin('POST', 'modules', { api_name: 'Projects_X', custom: true })).status).toBe(201);
    expect((await t.admin('POST', 'modules', { api_name: 'projects_x' })).status).toBe(400);
    expect((await t.admin('POST', 'modules', { api_name: 'Documents' })).status).toBe(400);
    const created = await t.api('POST', '/crm/v7/projects_x', { body: { data: [{ Name: 'Rollout' }, { Budget: 1 }] } });
    expect(created.json.data.map((d: { code: string }) => d.code)).toStrictEqual(['SUCCESS', 'MANDATORY_NOT_FOUND']);
    expect((await t.admin('GET', 'modules')).json).toContainEqual({ api_name: 'Projects_X', custom: true, scope_name: 'custom' });
  });

  it('users: created with an id, updated by id, listed', async () => {
    const created = await t.admin('POST', 'users', { name: 'Rae', canDelete: { Deals: false } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: expect.stringMatching(/^\d+$/), name: 'Rae', role: 'standard', canDelete: { Deals: false } });
    const updated = await t.admin('POST', 'users', { id: created.json.id, role: 'admin' });
    expect([updated.status, updated.json.role, updated.json.name]).toStrictEqual([200, 'admin', 'Rae']);
    expect((await t.admin('GET', 'users')).json.map((u: { name: string }) => u.name)).toContain('Rae');
    expect((await t.admin('POST', 'users', { role: 'boss' })).status).toBe(400);
  });

  it('records: seeded with ids, states, owners and subforms; listed with deleted ones; bad input refused whole', async () => {
    const seeded = await t.admin('POST', 'records/Deals', {
      records: [{ id: '410405000002267500', fields: { Deal_Name: 'Big', Stage: 'Closed Won' }, owner: '4104050000000235011', state: 'merging' }],
    });
    expect(seeded.json.records[0]).toMatchObject({ id: '410405000002267500', owner: '4104050000000235011', state: 'merging', deleted: false });
    const refused = await t.admin('POST', 'records/Deals', { records: [{ fields: { Deal_Name: 'A' } }, { id: '410405000002267500', fields: {} }] });
    expect(refused.status).toBe(400);
    expect((await t.admin('GET', 'records/Deals')).json).toHaveLength(3);
    expect((await t.admin('POST', 'records/Deals', { records: [{ fields: {}, state: 'frozen' }] })).status).toBe(400);
    expect((await t.admin('GET', 'records/Nope')).status).toBe(400);
  });

  it('records: ids the API could not reach are refused, and a refused batch adds none of its records', async () => {
    const before = (await t.admin('GET', 'records/Leads')).json.length;
    // `0001` is id 1 to the API, 9999999999999999999 is beyond a Java long (and made every generated id after it unusable).
    for (const id of ['abc', '0001', '9999999999999999999', 41]) {
      const refused = await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'First' } }, { id, fields: { Last_Name: 'Bad' } }] });
      expect([refused.status, refused.json.error]).toStrictEqual([400, expect.stringContaining('not a record id')]);
    }
    const badRow = await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'Rows' }, subform: [{ id: '99999999999999999999' }] }] });
    expect([badRow.status, badRow.json.error]).toStrictEqual([400, expect.stringContaining('subform row id')]);
    expect((await t.admin('GET', 'records/Leads')).json).toHaveLength(before);
    const highest = await t.admin('POST', 'records/Leads', { records: [{ id: '9223372036854775000', fields: { Last_Name: 'High' } }] });
    expect(highest.status).toBe(201);
    expect((await t.api('DELETE', '/crm/v7/Leads/9223372036854775000')).status).toBe(200);
    expect((await t.api('POST', '/crm/v7/Leads', { body: { data: [{ Last_Name: 'Next' }] } })).status).toBe(201);
  });

  it('records: with the largest id there is in use, new records and subform rows still get ids of their own', async () => {
    const largest = '9223372036854775807';
    expect((await t.admin('POST', 'records/Leads', { records: [{ id: largest, fields: { Last_Name: 'Largest' } }] })).status).toBe(201);
    const inserted = await t.api('POST', '/crm/v7/Leads', { body: { data: [{ Last_Name: 'A', Subform_1: [{ Item: 1 }, { Item: 2 }] }, { Last_Name: 'B' }] } });
    expect(inserted.status).toBe(201);
    const seeded = await t.admin('POST', 'records/Contacts', { records: [{ fields: { Last_Name: 'C' }, subform: [{ Item: 3 }] }] });
    expect(seeded.status).toBe(201);
    const records = [...(await t.admin('GET', 'records/Leads')).json, ...(await t.admin('GET', 'records/Contacts')).json] as { id: string; subform: { id: string }[] }[];
    const ids = records.flatMap((r) => [r.id, ...r.subform.map((row) => row.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(BigInt(id) <= BigInt(largest)).toBe(true);
    const newIds = inserted.json.data.map((d: { details: { id: string } }) => d.details.id);
    for (const id of newIds) expect((await t.api('GET', `/crm/v7/Leads/${id}`)).status).toBe(200);
  });

  it('ids generated in a batch never take an id the batch gives, nor a subform row its record\'s', async () => {
    // The id the next generated one would follow.
    const [probe] = (await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'Probe' } }] })).json.records;
    const after = (n: number) => String(BigInt(probe.id) + BigInt(n));
    const batch = await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'A' } }, { id: after(1), fields: { Last_Name: 'B' } }] });
    expect(batch.status).toBe(201);
    const [a, b] = batch.json.records;
    expect([a.id === after(1), b.id]).toEqual([false, after(1)]);
    const [probe2] = (await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'Probe' } }] })).json.records;
    const withRows = await t.admin('POST', 'records/Leads', { records: [{ id: String(BigInt(probe2.id) + 1n), fields: { Last_Name: 'C' }, subform: [{ Item: 1 }] }] });
    const [c] = withRows.json.records;
    expect(c.subform[0].id).not.toBe(c.id);
  });

  it('refuses a key it does not take, rather than ignore it and apply the default', async () => {
    const before = (await t.admin('GET', 'records/Leads')).json.length;
    const refused = [
      // Ignored, this gave a token with every scope.
      await t.admin('POST', 'tokens', { scope: ['ZohoCRM.modules.leads.READ'] }),
      await t.admin('POST', 'codes', { scopes: [], userId: '4104050000000235011' }),
      // Ignored, these expired every token, the startup one too.
      await t.admin('POST', 'tokens/expire', { access_token: t.sandbox.accessToken }),
      await t.admin('POST', 'tokens/expire', JSON.stringify(t.sandbox.accessToken)),
      await t.admin('POST', 'users', { name: 'Rae', can_delete: { Leads: false } }),
      await t.admin('POST', 'users', { name: 'Rae', canDelete: { Leadz: false } }),
      await t.admin('POST', 'modules', { api_name: 'Projects_X', custom: 'yes' }),
      await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'A' } }], trigger: [] }),
      await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'A' }, State: 'locked' }] }),
      await t.admin('POST', 'tokens', '{"expiresIn": 1e400}'),
      // As Zoho's consoles write a scope list: one item, so no scope check matched it.
      await t.admin('POST', 'tokens', { scopes: ['ZohoCRM.modules.leads.READ,ZohoCRM.modules.leads.DELETE'] }),
      await t.admin('POST', 'codes', { scopes: ['ZohoCRM.modules.ALL ZohoSearch.securesearch.READ'] }),
    ];
    expect(refused.map((answer) => answer.status)).toStrictEqual(refused.map(() => 400));
    expect(refused[0]!.json.error).toBe('unknown key "scope" in the body (it takes "scopes", "user", "expiresIn")');
    expect(refused[5]!.json.error).toContain("no module 'Leadz'");
    expect((await t.api('GET', '/crm/v7/Leads')).status).toBe(200);
    expect((await t.admin('GET', 'records/Leads')).json).toHaveLength(before);
    expect((await t.admin('GET', 'users')).json.map((u: { name: string }) => u.name)).not.toContain('Rae');
    // What GET shows, POST takes back.
    const [shown] = (await t.admin('GET', 'records/Leads')).json;
    expect((await t.admin('POST', 'records/Contacts', { records: [{ ...shown, id: '410405000002299999' }] })).status).toBe(201);
  });

  it('answers 404 for an unknown admin route and 405 for a wrong method', async () => {
    expect((await t.admin('GET', 'nothing')).status).toBe(404);
    const wrong = await t.admin('GET', 'reset');
    expect([wrong.status, wrong.headers['allow']]).toStrictEqual([405, 'POST']);
    expect((await t.admin('POST', 'faults', '{not json')).status).toBe(400);
  });

  const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!external)('answers the admin API to loopback clients only', async () => {
    const open = await startSandbox({ host: '0.0.0.0' });
    try {
      const res = await request(`http://${external}:${open.port}/__sandbox/workflow-log`);
      expect(res.statusCode).toBe(403);
      await res.body.dump();
      const api = await request(`http://${external}:${open.port}/crm/v7/Leads`, { headers: { authorization: `Zoho-oauthtoken ${open.accessToken}` } });
      expect(api.statusCode).toBe(200);
      await api.body.dump();
    } finally {
      await open.close();
    }
  });
});

describe('persistence (--data)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deluge-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from the demo data when the file does not exist, and writes it on close', async () => {
    const file = join(dir, 'new', 'data.json');
    const s = await startSandbox({ dataFile: file });
    await request(`${s.url}/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { method: 'DELETE', headers: { authorization: `Zoho-oauthtoken ${s.accessToken}` } }).then((r) => r.body.dump());
    await s.close();
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.version).toBe(1);
    expect(saved.records.Leads.find((r: { id: string }) => r.id === SAMPLE_IDS[0])).toMatchObject({ deleted: true });
    expect(saved.workflowLog).toHaveLength(1);
    expect(readdirSync(join(dir, 'new'))).toStrictEqual(['data.json']);
  });

  it('seeds from the file, keeps the recycle bin, custom modules and new records across restarts', async () => {
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify({ modules: [{ api_name: 'Projects_X' }], records: { Projects_X: [{ id: '410405000004000001', fields: { Name: 'Seeded' } }] } }));
    const first = await startSandbox({ dataFile: file });
    const auth = { authorization: `Zoho-oauthtoken ${first.accessToken}` };
    const listed = await request(`${first.url}/crm/v7/Leads`, { headers: auth });
    expect(listed.statusCode).toBe(204); // no Leads in this seed
    await listed.body.dump();
    const inserted = await request(`${first.url}/crm/v7/Projects_X`, { method: 'POST', headers: auth, body: '{"data":[{"Name":"Added"}]}' });
    const newId = ((await inserted.body.json()) as { data: { details: { id: string } }[] }).data[0]!.details.id;
    await first.close();

    const second = await startSandbox({ dataFile: file });
    const res = await request(`${second.url}/crm/v7/Projects_X?sort_order=asc`, { headers: { authorization: `Zoho-oauthtoken ${second.accessToken}` } });
    const names = ((await res.body.json()) as { data: { Name: string; id: string }[] }).data.map((r) => [r.Name, r.id]);
    expect(names).toStrictEqual([['Seeded', '410405000004000001'], ['Added', newId]]);
    expect(BigInt(newId)).toBeGreaterThan(410405000004000001n);
    await second.close();
  });

  it('keeps who created and last changed a record across restarts (it became the owner after a reload)', async () => {
    const file = join(dir, 'actors.json');
    const first = await startSandbox({ dataFile: file });
    const auth = { authorization: `Zoho-oauthtoken ${first.accessToken}` };
    const body = '{"data":[{"Last_Name":"Persist","Owner":{"id":"4104050000000235011"}}]}';
    const inserted = await request(`${first.url}/crm/v7/Leads`, { method: 'POST', headers: auth, body });
    const id = ((await inserted.body.json()) as { data: { details: { id: string } }[] }).data[0]!.details.id;
    const shown = async (url: string, token: string) => {
      const res = await request(`${url}/crm/v7/Leads/${id}`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
      const [record] = ((await res.body.json()) as { data: { Owner: { id: string }; Created_By: { id: string }; Modified_By: { id: string } }[] }).data;
      return [record!.Owner.id, record!.Created_By.id, record!.Modified_By.id];
    };
    const before = await shown(first.url, first.accessToken);
    expect(before[1]).not.toBe(before[0]);
    await first.close();
    const second = await startSandbox({ dataFile: file });
    expect(await shown(second.url, second.accessToken)).toStrictEqual(before);
    await second.close();
  });

  it('refuses a data file whose times or workflow log are not what it writes, rather than serve them as written', async () => {
    for (const [data, message] of [
      [{ records: { Leads: [{ fields: { Last_Name: 'W' }, createdAt: 'yesterday' }] } }, '"createdAt" must be a date-time such as "2025-03-03T09:01:00+00:00", not "yesterday"'],
      [{ records: { Leads: [{ fields: { Last_Name: 'W' }, modifiedAt: 12 }] } }, '"modifiedAt" must be a date-time'],
      [{ workflowLog: [1] }, 'each "workflowLog" entry is {"module", "id", "event": "delete", "at"}, not 1'],
    ] as const) {
      const file = join(dir, 'bad-times.json');
      writeFileSync(file, JSON.stringify(data));
      await expect(startSandbox({ dataFile: file })).rejects.toThrow(message);
    }
  });

  it('writes a data file that does not exist yet at start, so a place it cannot be written is said before any work', async () => {
    const file = join(dir, 'later', 'data.json');
    const s = await startSandbox({ dataFile: file });
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
    await s.close();
    if (!existsSync('/proc/self')) return;
    // (Under /proc a file can be read as absent and not be written: a folder that cannot be made.)
    const refused = startSandbox({ dataFile: '/proc/no-such/data.json' });
    await expect(refused).rejects.toThrow(SandboxDataError);
    await expect(refused).rejects.toMatchObject({ failed: 'writing', message: expect.stringContaining('cannot write') });
  });

  it('writes through a symbolic link, keeps the file\'s mode, and does not replace a read-only file (a link became a 0644 copy)', async () => {
    const real = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    writeFileSync(real, JSON.stringify({ records: { Leads: [{ id: '410405000004100001', fields: { Last_Name: 'Linked' } }] } }));
    chmodSync(real, 0o600);
    symlinkSync('real.json', link);
    const s = await startSandbox({ dataFile: link });
    await s.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(real, 'utf8')).version).toBe(1);
    const readOnly = join(dir, 'read-only.json');
    writeFileSync(readOnly, '{}');
    chmodSync(readOnly, 0o444);
    await expect(startSandbox({ dataFile: readOnly })).rejects.toMatchObject({ failed: 'writing', message: expect.stringContaining('permission denied') });
    expect(readFileSync(readOnly, 'utf8')).toBe('{}');
  });

  it('refuses a data file that is not UTF-8 (read leniently, a Latin-1 byte became U+FFFD and was written back for good)', async () => {
    const file = join(dir, 'latin1.json');
    const bytes = Buffer.concat([Buffer.from('{"records": {"Leads": [{"fields": {"Last_Name": "Patr'), Buffer.from([0xed]), Buffer.from('cia"}}]}}')]);
    writeFileSync(file, bytes);
    await expect(startSandbox({ dataFile: file })).rejects.toMatchObject({ failed: 'content', message: `'${file}' is not UTF-8 text; save it as UTF-8` });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('writes an existing data file at start too, and none when it cannot start (a port in use)', async () => {
    const file = join(dir, 'existing.json');
    const first = await startSandbox({ dataFile: file });
    await first.close();
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))));
    const again = await startSandbox({ dataFile: file });
    // Rewritten at start (as it will be at exit): a file that exists but cannot be written is said now.
    expect(readFileSync(file, 'utf8')).toMatch(/^\{\n {2}"version": 1,/);
    const never = join(dir, 'never', 'data.json');
    await expect(startSandbox({ port: again.port, dataFile: never })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(existsSync(never)).toBe(false);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    await again.close();
  });

  it('on close, a request still in its latency is dropped unanswered and changes nothing, even when the wait ends later', async () => {
    const file = join(dir, 'stopping.json');
    let reached!: () => void;
    const inLatency = new Promise<void>((resolve) => (reached = resolve));
    let wake: (() => void) | undefined;
    const lines: string[] = [];
    const s = await startSandbox({
      dataFile: file,
      faults: { latencyMs: 3000 },
      sleep: () => {
        reached();
        return new Promise<void>((resolve) => (wake = resolve));
      },
      log: (line) => lines.push(line),
    });
    const answer = request(`${s.url}/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { method: 'DELETE', headers: { authorization: `Zoho-oauthtoken ${s.accessToken}` } });
    await inLatency;
    await s.close();
    await expect(answer).rejects.toThrow();
    // The latency's timer ends after the close: the request must not go on to delete (and log a 200 nobody got).
    wake!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([`DELETE /crm/v7/Leads → not answered: the sandbox stopped while it waited (nothing changed)`]);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.records.Leads.find((r: { id: string }) => r.id === SAMPLE_IDS[0])).toMatchObject({ deleted: false });
    expect(saved.workflowLog).toHaveLength(0);
  });

  it('an upload cut short by its client is logged as such, not as an internal error, and changes nothing', async () => {
    const lines: string[] = [];
    const s = await startSandbox({ log: (line) => lines.push(line) });
    const { port } = new URL(s.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    // `Expect: 100-continue`: the server's "100 Continue" says its handler has the request; then part of the body, and gone.
    socket.write(`POST /crm/v7/Leads?access_token=secret HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n`);
    const [continued] = (await once(socket, 'data')) as [Buffer];
    expect(continued.toString()).toMatch(/^HTTP\/1\.1 100 Continue/);
    socket.end('{"data":[');
    socket.destroy();
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(lines).toEqual(['POST /crm/v7/Leads → not answered: the client closed the connection before its request was whole (nothing changed)']);
    const leads = await request(`${s.url}/__sandbox/records/Leads`).then((r) => r.body.json());
    expect(leads).toHaveLength(5);
    await s.close();
  });

  it('an admin path that is not valid percent-encoding is still answered by the admin API', async () => {
    const answer = await t.admin('GET', 'records/%ZZ');
    expect(answer.status).toBe(400);
    expect((await t.admin('GET', 'requests')).json).toEqual([]);
  });

  it('stopAndSave (a run quit without closing): writes the data now, with what was answered; a request in its latency never changes it', async () => {
    const file = join(dir, 'quit.json');
    let reached!: () => void;
    const inLatency = new Promise<void>((resolve) => (reached = resolve));
    let wake: (() => void) | undefined;
    const lines: string[] = [];
    const s = await startSandbox({
      dataFile: file,
      sleep: () => {
        reached();
        return new Promise<void>((resolve) => (wake = resolve));
      },
      log: (line) => lines.push(line),
    });
    const auth = { authorization: `Zoho-oauthtoken ${s.accessToken}` };
    await request(`${s.url}/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { method: 'DELETE', headers: auth }).then((r) => r.body.dump());
    await request(`${s.url}/__sandbox/faults`, { method: 'POST', body: '{"latencyMs":3000}' }).then((r) => r.body.dump());
    const answer = request(`${s.url}/crm/v7/Leads?ids=${SAMPLE_IDS[1]}`, { method: 'DELETE', headers: auth });
    await inLatency;
    s.stopAndSave();
    const deleted = () => {
      const leads = (JSON.parse(readFileSync(file, 'utf8')) as { records: { Leads: { id: string; deleted: boolean }[] } }).records.Leads;
      return SAMPLE_IDS.map((id) => leads.find((r) => r.id === id)!.deleted);
    };
    expect(deleted()).toEqual([true, false]);
    await expect(answer).rejects.toThrow();
    wake!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.at(-1)).toBe('DELETE /crm/v7/Leads → not answered: the sandbox stopped while it waited (nothing changed)');
    await s.close();
    expect(deleted()).toEqual([true, false]);
  });

  it('refuses a file that is not JSON or not sandbox data', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{nope');
    // Its content is at fault (the CLI's DLG0004), not the reading of it.
    await expect(startSandbox({ dataFile: bad })).rejects.toMatchObject({ failed: 'content', message: expect.stringContaining('is not valid JSON') });
    writeFileSync(bad, JSON.stringify({ records: { Nope: [] } }));
    await expect(startSandbox({ dataFile: bad })).rejects.toMatchObject({ failed: 'content', message: expect.stringMatching(/unknown module 'Nope'/) });
  });

  it('refuses a file with keys it does not read, and leaves it as it was', async () => {
    // `records` forgotten: this started an empty sandbox and, on exit, overwrote the file with it.
    const seeds = [
      { Leads: [{ fields: { Last_Name: 'Mine' } }] },
      { records: { Leads: [{ fields: { Last_Name: 'Mine' }, State: 'locked' }] } },
      { records: {}, users: [{ id: '4104050000000235001', role: 'admin', can_delete: {} }] },
      { version: 2, records: {} },
    ];
    const file = join(dir, 'hand-written.json');
    for (const seed of seeds) {
      writeFileSync(file, JSON.stringify(seed));
      await expect(startSandbox({ dataFile: file }), JSON.stringify(seed)).rejects.toThrow(SandboxDataError);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toStrictEqual(seed);
    }
    writeFileSync(file, JSON.stringify(seeds[0]));
    await expect(startSandbox({ dataFile: file })).rejects.toThrow(
      `'${file}' is not sandbox data: unknown key "Leads" in the data (it takes "version", "modules", "users", "records", "workflowLog")`,
    );
  });
});
