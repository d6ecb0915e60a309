/**
 * Delete Records, as the page (Zoho CRM API v7) and sandbox.md's outcome table describe it: the page's sample
 * request gets the page's sample response, and every error the page lists — plus the table's own rows — comes
 * with its code, HTTP status and message, over real HTTP.
 */
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOutcome, SAMPLE_IDS, START, type TestSandbox, testSandbox, zohoError } from './helpers.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await testSandbox();
});
afterEach(() => t.close());

/** Adds records to a module through the admin API; returns their ids. */
async function seed(module: string, records: object[]): Promise<string[]> {
  const answer = await t.admin('POST', `records/${module}`, { records });
  expect(answer.status).toBe(201);
  return answer.json.records.map((r: { id: string }) => r.id);
}

const lead = (extra: object = {}) => ({ fields: { Last_Name: 'Test' }, ...extra });

/** A request with its target as written (an absolute form the URL parser would refuse), with the sandbox's token. */
function rawRequest(method: string, target: string): Promise<{ status: number; text: string }> {
  const { port, accessToken } = t.sandbox!;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: target, headers: { authorization: `Zoho-oauthtoken ${accessToken}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject).end();
  });
}

describe("the page's sample", () => {
  it('deletes both sample Leads and answers exactly the sample response', async () => {
    const answer = await t.api('DELETE', '/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json).toStrictEqual({
      data: [
        { code: 'SUCCESS', details: { id: '410405000002264040' }, message: 'record deleted', status: 'success' },
        { code: 'SUCCESS', details: { id: '410405000002264025' }, message: 'record deleted', status: 'success' },
      ],
    });
    // Key order as on the page.
    expect(answer.text).toBe(
      '{"data":[{"code":"SUCCESS","details":{"id":"410405000002264040"},"message":"record deleted","status":"success"},' +
        '{"code":"SUCCESS","details":{"id":"410405000002264025"},"message":"record deleted","status":"success"}]}',
    );
  });

  it('answers alike on every API version v2…v8', async () => {
    const ids = await seed('Leads', [lead(), lead(), lead(), lead(), lead(), lead(), lead(), lead()]);
    for (const [i, version] of ['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8'].entries()) {
      const answer = await t.api('DELETE', `/crm/${version}/Leads?ids=${ids[i]}`);
      expect(answer.json, version).toStrictEqual({ data: [recordOutcome('SUCCESS', 'record deleted', ids[i]!)] });
    }
  });

  it('deletes one record by its path, /{module}/{record_id}', async () => {
    const answer = await t.api('DELETE', `/crm/v7/Leads/${SAMPLE_IDS[0]}?wf_trigger=true`);
    expect(answer.status).toBe(200);
    expect(answer.json).toStrictEqual({ data: [recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[0])] });
  });

  it('matches module names case-insensitively', async () => {
    const answer = await t.api('DELETE', `/crm/v7/leads?ids=${SAMPLE_IDS[0]}`);
    expect(answer.status).toBe(200);
    expect((await t.admin('GET', 'workflow-log')).json[0].module).toBe('Leads');
  });
});

describe('per-record outcomes', () => {
  it('INVALID_DATA: an id not found or already deleted — "record not deleted", 400 when every record fails', async () => {
    await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]},410405000009999999`);
    expect(answer.status).toBe(400);
    expect(answer.json).toStrictEqual({
      data: [recordOutcome('INVALID_DATA', 'record not deleted', SAMPLE_IDS[0]), recordOutcome('INVALID_DATA', 'record not deleted', '410405000009999999')],
    });
  });

  it('Activities holds the tasks, events and calls: their records are deleted through it too', async () => {
    const [task] = await seed('Tasks', [{ fields: { Subject: 'Call back' } }]);
    const [call] = await seed('Calls', [{ fields: { Subject: 'Intro', Call_Type: 'Outbound', Call_Start_Time: '2025-03-03T10:00:00+00:00' } }]);
    const answer = await t.api('DELETE', `/crm/v7/Activities?ids=${task},${call},410405000009999999`);
    expect(answer.status).toBe(207);
    expect(answer.json.data).toStrictEqual([
      recordOutcome('SUCCESS', 'record deleted', task!),
      recordOutcome('SUCCESS', 'record deleted', call!),
      recordOutcome('INVALID_DATA', 'record not deleted', '410405000009999999'),
    ]);
    const deleted = (await t.admin('GET', 'records/Tasks')).json.filter((r: { id: string; deleted: boolean }) => r.id === task && r.deleted);
    expect(deleted).toHaveLength(1);
  });

  it('INVALID_DATA also on the single-record route, with 400', async () => {
    const answer = await t.api('DELETE', '/crm/v7/Leads/410405000009999999');
    expect(answer.status).toBe(400);
    expect(answer.json).toStrictEqual({ data: [recordOutcome('INVALID_DATA', 'record not deleted', '410405000009999999')] });
  });

  it('RECORD_LOCKED: a record locked by a lock rule or an approval — "You cannot perform this operation as the record is locked."', async () => {
    const [id] = await seed('Leads', [lead({ state: 'locked' })]);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${id}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toStrictEqual({ data: [recordOutcome('RECORD_LOCKED', 'You cannot perform this operation as the record is locked.', id!)] });
  });

  it('RECORD_LOCKED: a record in Zia image validation or merge-duplicates — "cannot delete record that is not approved yet"', async () => {
    const ids = await seed('Leads', [lead({ state: 'zia_image_pending' }), lead({ state: 'merging' })]);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${ids.join(',')}`);
    expect(answer.status).toBe(400);
    expect(answer.json.data).toStrictEqual(ids.map((id) => recordOutcome('RECORD_LOCKED', 'cannot delete record that is not approved yet', id)));
  });

  it('NOT_APPROVED: a record in Zia record approval or rejected by image validation — "cannot delete record that is not approved yet"', async () => {
    const ids = await seed('Leads', [lead({ state: 'approval_pending' }), lead({ state: 'image_rejected' })]);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${ids.join(',')}`);
    expect(answer.status).toBe(400);
    expect(answer.json.data).toStrictEqual(ids.map((id) => recordOutcome('NOT_APPROVED', 'cannot delete record that is not approved yet', id)));
  });

  it('AUTHORIZATION_FAILED: a user who may delete in the module but does not own the record — "User does not have sufficient privilege to delete records"', async () => {
    const user = (await t.admin('POST', 'users', { role: 'standard' })).json.id as string;
    const [own] = await seed('Leads', [lead({ owner: user })]);
    const token = await t.token(['ZohoCRM.modules.leads.DELETE'], { user });
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]},${own}`, { token });
    expect(answer.status).toBe(207);
    expect(answer.json.data).toStrictEqual([
      recordOutcome('AUTHORIZATION_FAILED', 'User does not have sufficient privilege to delete records', SAMPLE_IDS[0]),
      recordOutcome('SUCCESS', 'record deleted', own!),
    ]);
  });

  it('207 when some records are deleted and some are not, each in the order given', async () => {
    const [locked] = await seed('Leads', [lead({ state: 'locked' })]);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${locked},${SAMPLE_IDS[0]},410405000009999999`);
    expect(answer.status).toBe(207);
    expect(answer.json.data.map((d: { code: string; details: { id: string } }) => [d.details.id, d.code])).toStrictEqual([
      [locked, 'RECORD_LOCKED'],
      [SAMPLE_IDS[0], 'SUCCESS'],
      ['410405000009999999', 'INVALID_DATA'],
    ]);
  });

  it('reports a duplicated id once, at its first place, and ignores spaces around ids', async () => {
    const ids = encodeURIComponent(` ${SAMPLE_IDS[1]} , ${SAMPLE_IDS[0]},${SAMPLE_IDS[1]},,${SAMPLE_IDS[0]} `);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${ids}`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toStrictEqual([recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[1]), recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[0])]);
  });

  it('trims an id as Java trims it: a tab or line break goes, a no-break space or byte-order mark pasted from a page stays', async () => {
    for (const pasted of ['%C2%A0', '%EF%BB%BF']) {
      const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${pasted}${SAMPLE_IDS[1]}`);
      expect([answer.status, answer.json.code], pasted).toEqual([400, 'UNABLE_TO_PARSE_DATA_TYPE']);
    }
    const tab = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}%09,%0A${SAMPLE_IDS[1]}`);
    expect(tab.status).toBe(200);
    expect(tab.json.data).toStrictEqual([recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[0]), recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[1])]);
  });
});

describe('which ids are read', () => {
  // Zoho's page documents one `ids` on the bulk route and none beside a path's record id; the sandbox reads the first
  // `ids` (as a query string's first value is read), and the single-record route deletes the record of its path only.
  // Lint (delete-unknown-parameter), the run's account of ids and its consent question count as it does.
  it('a second `ids=` is not read: only the first one\'s records are deleted and answered', async () => {
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}&ids=${SAMPLE_IDS[1]}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toStrictEqual({ data: [recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[0])] });
    expect((await t.admin('GET', 'workflow-log')).json.map((e: { id: string }) => e.id)).toEqual([SAMPLE_IDS[0]]);
  });

  it('`ids=` beside the record id of the path is not read: only that record is deleted', async () => {
    const answer = await t.api('DELETE', `/crm/v7/Leads/${SAMPLE_IDS[0]}?ids=${SAMPLE_IDS[1]}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toStrictEqual({ data: [recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[0])] });
    expect((await t.admin('GET', 'workflow-log')).json.map((e: { id: string }) => e.id)).toEqual([SAMPLE_IDS[0]]);
  });
  it('an id with leading zeros is the record of its value, however many zeros (as Java reads a long)', async () => {
    const zeros = '0'.repeat(25);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=0${SAMPLE_IDS[0]},${zeros}${SAMPLE_IDS[1]}`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toStrictEqual([recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[0]), recordOutcome('SUCCESS', 'record deleted', SAMPLE_IDS[1])]);
    expect((await t.api('DELETE', `/crm/v7/Leads/${zeros}99999999999999999999`)).json).toStrictEqual(
      zohoError('UNABLE_TO_PARSE_DATA_TYPE', 'either the request body or parameters is in wrong format'),
    );
  });
});

describe('whole-request errors', () => {
  it('REQUIRED_PARAM_MISSING: no ids on the bulk route — 400, details {"param_name":"ids"}', async () => {
    for (const query of ['', '?ids=', '?ids=%20,%20', '?wf_trigger=true']) {
      const answer = await t.api('DELETE', `/crm/v7/Leads${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json, query).toStrictEqual(zohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'ids' }));
    }
  });

  it('UNABLE_TO_PARSE_DATA_TYPE: an id that is not a number, or wf_trigger not true/false — 400', async () => {
    const expected = zohoError('UNABLE_TO_PARSE_DATA_TYPE', 'either the request body or parameters is in wrong format');
    for (const path of [
      `/crm/v7/Leads?ids=${SAMPLE_IDS[0]},abc`,
      '/crm/v7/Leads?ids=4104050000022640.5',
      '/crm/v7/Leads?ids=-410405000002264040',
      '/crm/v7/Leads?ids=99999999999999999999',
      `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}&wf_trigger=yes`,
      `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}&wf_trigger=`,
      '/crm/v7/Leads/not-a-number',
      // The path names one record: a list there is not an id (it deleted every record listed).
      `/crm/v7/Leads/${SAMPLE_IDS[0]},${SAMPLE_IDS[1]}`,
      `/crm/v7/Leads/${SAMPLE_IDS[0]}%2C${SAMPLE_IDS[1]}`,
      `/crm/v7/Leads/${SAMPLE_IDS[0]},`,
      // A blank path id is no bulk delete without `ids` (REQUIRED_PARAM_MISSING named a parameter the route lacks), and a
      // path id is read as written: spaces are not trimmed off it.
      '/crm/v7/Leads/%20',
      `/crm/v7/Leads/%20${SAMPLE_IDS[0]}%20`,
    ]) {
      const answer = await t.api('DELETE', path);
      expect(answer.status, path).toBe(400);
      expect(answer.json, path).toStrictEqual(expected);
    }
    expect((await t.admin('GET', 'records/Leads')).json.every((r: { deleted: boolean }) => !r.deleted)).toBe(true);
  });

  it('LIMIT_EXCEEDED: more than 100 distinct ids — 400, details {"limit":100}; 100 (with repeats) are deleted', async () => {
    const ids = await seed('Leads', Array.from({ length: 101 }, () => lead()));
    const tooMany = await t.api('DELETE', `/crm/v7/Leads?ids=${ids.join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toStrictEqual(zohoError('LIMIT_EXCEEDED', 'the number of records exceeds the limit of 100 per call', { limit: 100 }));
    const hundred = ids.slice(0, 100);
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${[...hundred, hundred[0]].join(',')}`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toHaveLength(100);
  });

  it('INVALID_MODULE: an unknown module — "The module name given seems to be invalid", 400', async () => {
    const answer = await t.api('DELETE', `/crm/v7/Leadz?ids=${SAMPLE_IDS[0]}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toStrictEqual(zohoError('INVALID_MODULE', 'The module name given seems to be invalid', { resource_path_index: 0 }));
  });

  it('INVALID_MODULE: Documents and Projects — "The given module is not supported in API", 400', async () => {
    for (const module of ['Documents', 'Projects', 'projects']) {
      const answer = await t.api('DELETE', `/crm/v7/${module}?ids=${SAMPLE_IDS[0]}`);
      expect(answer.status, module).toBe(400);
      expect(answer.json, module).toStrictEqual(zohoError('INVALID_MODULE', 'The given module is not supported in API', { resource_path_index: 0 }));
    }
  });

  it('INVALID_URL_PATTERN: a path that matches no route — 404', async () => {
    const expected = zohoError('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
    const paths = [`/crm/v9/Leads?ids=${SAMPLE_IDS[0]}`, `/crm/v7/Leads/${SAMPLE_IDS[0]}/Notes/1/x`, '/crm/v7', '/crm/v7/', '/api/v7/Leads', `/crm/v7//${SAMPLE_IDS[0]}`];
    // A `/` at the end of the path, or two in a row (delete-invalid-url reports them).
    paths.push(`/crm/v7/Leads/${SAMPLE_IDS[0]}/`, `/crm/v7/Leads/?ids=${SAMPLE_IDS[0]}`, `/crm/v7//Leads?ids=${SAMPLE_IDS[0]}`, `/crm/v7/Leads//${SAMPLE_IDS[0]}`);
    paths.push(`//crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, `/crm//v7/Leads/${SAMPLE_IDS[0]}`);
    for (const path of paths) {
      const answer = await t.api('DELETE', path);
      expect(answer.status, path).toBe(404);
      expect(answer.json, path).toStrictEqual(expected);
    }
    // A request target in absolute form that is no URL (a bad port or host): no route either, not an internal error.
    for (const target of [`http://x:99999/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, 'http://%zz/crm/v7/Leads', 'http://[::1/crm']) {
      const answer = await rawRequest('DELETE', target);
      expect(answer.status, target).toBe(404);
      expect(JSON.parse(answer.text), target).toStrictEqual(expected);
    }
    // Logged as any request (an internal error was logged nowhere).
    const logged = (await t.admin('GET', 'requests')).json as { method: string; status: number }[];
    expect(logged.slice(-3).map((r) => [r.method, r.status])).toEqual([['DELETE', 404], ['DELETE', 404], ['DELETE', 404]]);
  });

  it('INVALID_REQUEST_METHOD: a method the route does not take — 400', async () => {
    const expected = zohoError('INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
    for (const [method, path] of [
      ['PATCH', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`],
      ['POST', `/crm/v7/Leads/${SAMPLE_IDS[0]}`],
      ['DELETE', '/crm/v7/Leads/search?ids=1'],
      ['DELETE', '/crm/v7/Leads/upsert'],
    ] as const) {
      const answer = await t.api(method, path);
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.json, `${method} ${path}`).toStrictEqual(expected);
    }
  });

  it('OAUTH_SCOPE_MISMATCH: a token without ZohoCRM.modules.ALL, ….{module}.ALL or ….{module}.DELETE — 401 "Unauthorized"', async () => {
    for (const scopes of [
      ['ZohoCRM.modules.leads.READ'],
      ['ZohoCRM.modules.deals.DELETE'],
      ['ZohoCRM.settings.ALL'],
      ['ZohoCRM.modules.Leads.CREATE', 'ZohoCRM.modules.leads.UPDATE'],
      // Not the page's form (ZohoCRM.modules.{module_name}.{operation_type}) with something after it: no scope at all.
      ['ZohoCRM.modules.leads.DELETE.READ'],
      ['ZohoCRM.modules.ALL.leads'],
    ]) {
      const token = await t.token(scopes);
      const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token });
      expect(answer.status, scopes.join()).toBe(401);
      expect(answer.json, scopes.join()).toStrictEqual(zohoError('OAUTH_SCOPE_MISMATCH', 'Unauthorized'));
    }
  });

  it('NO_PERMISSION: a profile without delete permission for the module — 403 "Permission denied to delete"', async () => {
    const user = (await t.admin('POST', 'users', { role: 'admin', canDelete: { leads: false } })).json.id as string;
    const token = await t.token(['ZohoCRM.modules.ALL'], { user });
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token });
    expect(answer.status).toBe(403);
    expect(answer.json).toStrictEqual(zohoError('NO_PERMISSION', 'Permission denied to delete', { permissions: ['Crm_Implied_Delete_Leads'] }));
    expect((await t.api('DELETE', '/crm/v7/Deals?ids=410405000002267001', { token })).status).toBe(200);
  });

  it('NO_PERMISSION also through Activities: a profile that may not delete Tasks deletes none of the ids it names there', async () => {
    const [task] = await seed('Tasks', [{ fields: { Subject: 'Call back' } }]);
    const [call] = await seed('Calls', [{ fields: { Subject: 'Intro', Call_Type: 'Outbound', Call_Start_Time: '2025-03-03T10:00:00+00:00' } }]);
    const user = (await t.admin('POST', 'users', { role: 'admin', canDelete: { Tasks: false } })).json.id as string;
    const token = await t.token(['ZohoCRM.modules.ALL'], { user });
    const answer = await t.api('DELETE', `/crm/v7/Activities?ids=${call},${task}`, { token });
    expect(answer.status).toBe(403);
    expect(answer.json).toStrictEqual(zohoError('NO_PERMISSION', 'Permission denied to delete', { permissions: ['Crm_Implied_Delete_Tasks'] }));
    const deleted = (await t.admin('GET', 'records/Calls')).json.filter((r: { id: string; deleted: boolean }) => r.id === call && r.deleted);
    expect(deleted).toHaveLength(0);
    expect((await t.api('DELETE', `/crm/v7/Activities?ids=${call}`, { token })).status).toBe(200);
  });

  it('INTERNAL_ERROR: forced through the admin API — 500 "Internal Server Error", and nothing is deleted', async () => {
    await t.admin('POST', 'faults', { internalError: 'once' });
    const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`);
    expect(answer.status).toBe(500);
    expect(answer.json).toStrictEqual(zohoError('INTERNAL_ERROR', 'Internal Server Error'));
    expect((await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`)).status).toBe(200);
  });

  it('AUTHENTICATION_FAILURE: no Authorization header (or not a Zoho-oauthtoken one) — 401', async () => {
    const expected = zohoError('AUTHENTICATION_FAILURE', 'Authentication failed');
    const none = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token: null });
    expect(none.status).toBe(401);
    expect(none.json).toStrictEqual(expected);
    const bearer = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token: null, headers: { authorization: `Bearer ${t.sandbox.accessToken}` } });
    expect(bearer.status).toBe(401);
    expect(bearer.json).toStrictEqual(expected);
  });

  it('INVALID_TOKEN: an unknown, revoked or expired token — 401 "invalid oauth token"', async () => {
    const expected = zohoError('INVALID_TOKEN', 'invalid oauth token');
    const unknown = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token: '1000.unknown.token' });
    expect([unknown.status, unknown.json]).toStrictEqual([401, expected]);

    const revoked = await t.token(['ZohoCRM.modules.ALL']);
    await t.api('POST', `/oauth/v2/token/revoke?token=${revoked}`, { token: null });
    const afterRevoke = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`, { token: revoked });
    expect([afterRevoke.status, afterRevoke.json]).toStrictEqual([401, expected]);

    t.clock = START + 3600_000;
    const expired = await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`);
    expect([expired.status, expired.json]).toStrictEqual([401, expected]);
    expect((await t.admin('GET', 'records/Leads')).json.some((r: { deleted: boolean }) => r.deleted)).toBe(false);
  });
});

describe('scopes, in both forms', () => {
  it('ZohoCRM.modules.ALL, ZohoCRM.modules.leads.ALL and ZohoCRM.modules.leads.DELETE each allow deleting Leads', async () => {
    const ids = await seed('Leads', [lead(), lead(), lead()]);
    for (const [i, scope] of ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.leads.ALL', 'zohocrm.modules.LEADS.delete'].entries()) {
      const token = await t.token([scope]);
      const answer = await t.api('DELETE', `/crm/v7/Leads?ids=${ids[i]}`, { token });
      expect(answer.status, scope).toBe(200);
    }
  });

  it('names modules as the page does (pricebooks, salesorders, …), not by API name; custom modules as custom', async () => {
    await t.admin('POST', 'modules', { api_name: 'Projects_X', custom: true });
    const cases = [
      ['Price_Books', 'pricebooks', { Price_Book_Name: 'Retail' }],
      ['Sales_Orders', 'salesorders', { Subject: 'SO-1' }],
      ['Purchase_Orders', 'purchaseorders', { Subject: 'PO-1', Vendor_Name: 'Acme' }],
      ['Appointments__s', 'appointments', { Appointment_Name: 'Demo' }],
      ['Appointments_Rescheduled_History__s', 'appointments_rescheduled_history', { Name: 'Moved' }],
      ['Services__s', 'services', { Service_Name: 'Setup' }],
      ['Projects_X', 'custom', { Name: 'Rollout' }],
    ] as const;
    for (const [module, scopeName, fields] of cases) {
      const [id] = await seed(module, [{ fields }]);
      const wrong = await t.token([`ZohoCRM.modules.${module.toLowerCase()}.DELETE`]);
      if (scopeName !== 'custom' && module.toLowerCase() !== scopeName) expect((await t.api('DELETE', `/crm/v7/${module}?ids=${id}`, { token: wrong })).status, module).toBe(401);
      const right = await t.token([`ZohoCRM.modules.${scopeName}.DELETE`]);
      expect((await t.api('DELETE', `/crm/v7/${module}?ids=${id}`, { token: right })).status, module).toBe(200);
    }
  });
});

describe('what a delete does', () => {
  it('runs workflows by default and with wf_trigger=true, not with wf_trigger=false', async () => {
    const ids = await seed('Leads', [lead(), lead(), lead()]);
    await t.api('DELETE', `/crm/v7/Leads?ids=${ids[0]}`);
    t.clock += 60_000;
    await t.api('DELETE', `/crm/v7/Leads?ids=${ids[1]}&wf_trigger=TRUE`);
    await t.api('DELETE', `/crm/v7/Leads/${ids[2]}?wf_trigger=false`);
    expect((await t.admin('GET', 'workflow-log')).json).toStrictEqual([
      { module: 'Leads', id: ids[0], event: 'delete', at: '2025-03-03T09:00:00+00:00' },
      { module: 'Leads', id: ids[1], event: 'delete', at: '2025-03-03T09:01:00+00:00' },
    ]);
  });

  it('moves the record to the recycle bin, with the time and who deleted it', async () => {
    t.clock += 30 * 60_000;
    await t.api('DELETE', `/crm/v7/Leads?ids=${SAMPLE_IDS[0]}`);
    const records = (await t.admin('GET', 'records/Leads')).json as { id: string; deleted: boolean; deletedAt?: string; deletedBy?: string }[];
    const deleted = records.find((r) => r.id === SAMPLE_IDS[0])!;
    expect(deleted).toMatchObject({ deleted: true, deletedAt: '2025-03-03T09:30:00+00:00', deletedBy: '4104050000000235001' });
    expect(records.find((r) => r.id === SAMPLE_IDS[1])!.deleted).toBe(false);

    const get = await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}`);
    expect(get.status).toBe(400);
    const bin = await t.api('GET', '/crm/v7/Leads/deleted?type=recycle');
    expect(bin.json.data).toStrictEqual([
      {
        deleted_by: { name: 'Patricia Boyle', id: '4104050000000235001' },
        id: SAMPLE_IDS[0],
        display_name: 'Christopher Maclead (Sample)',
        type: 'recycle',
        created_by: { name: 'Patricia Boyle', id: '4104050000000235001' },
        deleted_time: '2025-03-03T09:30:00+00:00',
      },
    ]);
  });

  it("removes the record's subform rows with it", async () => {
    const [id] = await seed('Leads', [lead({ subform: [{ Item: 'A', Qty: 1 }, { Item: 'B', Qty: 2 }] })]);
    const before = await t.api('GET', `/crm/v7/Leads/${id}`);
    expect(before.json.data[0].Subform_1).toHaveLength(2);
    expect(before.json.data[0].Subform_1[0]).toMatchObject({ Item: 'A', Qty: 1, id: expect.stringMatching(/^\d{18}$/) });
    await t.api('DELETE', `/crm/v7/Leads?ids=${id}`);
    const after = (await t.admin('GET', 'records/Leads')).json.find((r: { id: string }) => r.id === id);
    expect(after).toMatchObject({ deleted: true, subform: [] });
  });
});
