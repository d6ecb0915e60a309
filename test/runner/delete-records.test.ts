/**
 * Delete Records (Zoho CRM API v7) as a script run with `deluge run --sandbox` meets it: for the page's sample and
 * every error the page lists (plus INVALID_TOKEN, LIMIT_EXCEEDED and the outcome table's rows), the sandbox is
 * prepared through its admin API, a Deluge script sends the request to www.zohoapis.com with `detailed: true`
 * (the session routes it to the sandbox), and the test checks what the script saw — the HTTP status and the
 * parsed body's code, message and details — what the run reports in `session.requests`, and what the admin API
 * says happened to the records.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_USER, deleteScript, SAMPLE_IDS, type SandboxRun, sandboxRun, ZOHO_CRM } from './helpers.js';

let t: SandboxRun;
beforeEach(async () => {
  t = await sandboxRun({ headerConnections: ['limited', 'other'] });
});
afterEach(() => t.close());

const v7 = (path: string): string => `${ZOHO_CRM}/v7/${path}`;
const lead = (extra: object = {}): object => ({ fields: { Last_Name: 'Runner test' }, ...extra });
const MISSING_ID = '410405000009999999';

/** What the last delete script printed. */
let lastSeen: readonly string[] = [];

/** Runs the delete script; it must run to its end (an HTTP error status is data to a script, not a failure). */
async function scriptSees(url: string, options: { connection?: string; type?: string } = {}): Promise<readonly string[]> {
  const run = await t.run(deleteScript(url, options));
  expect(run.diagnostics.map((d) => d.diagnostic.message)).toEqual([]);
  expect(run.completed).toBe(true);
  lastSeen = run.info;
  return run.info;
}

/** What the script prints for a whole-request error object. */
function errorLines(status: number, code: string, message: string, details: object = {}): string[] {
  return [String(status), `error ${code}`, message, JSON.stringify(details)];
}

/** What the script prints for one per-record outcome. */
function recordLine(id: string, code: string, message: string): string {
  return `${id} ${code} ${code === 'SUCCESS' ? 'success' : 'error'}: ${message}`;
}

/** The run's account of a per-record outcome. */
function reported(id: string, code: string, message: string) {
  return { id, code, status: code === 'SUCCESS' ? 'success' : 'error', message };
}

/** The one request the script made, as `session.requests` lists it. */
function onlyRequest() {
  expect(t.session.requests).toHaveLength(1);
  return t.session.requests[0]!;
}

/**
 * A whole-request error: one attempt, no per-record outcomes in the report, the error's code and message instead, and
 * (a DELETE refused, 4xx) every id it named listed as not deleted, once each as the server reads them.
 */
function expectWholeRequestError(url: string, status: number, notDeleted: readonly string[] | undefined, method = 'DELETE'): void {
  const request = onlyRequest();
  expect(request).toMatchObject({ method, url, status, attempts: 1, origin: 'invokeurl' });
  expect(request.records).toBeUndefined();
  // The script saw the status, `error CODE` and the message: the report names the same.
  expect([`error ${request.code}`, request.message]).toEqual(lastSeen.slice(1, 3));
  expect(request.notDeleted).toEqual(notDeleted);
}

async function expectNothingDeleted(module = 'Leads'): Promise<void> {
  expect(await t.deletedIds(module)).toEqual([]);
  expect(await t.workflowLog()).toEqual([]);
}

const SAMPLE_RESPONSE = {
  data: [
    { code: 'SUCCESS', details: { id: '410405000002264040' }, message: 'record deleted', status: 'success' },
    { code: 'SUCCESS', details: { id: '410405000002264025' }, message: 'record deleted', status: 'success' },
  ],
};

describe("the page's sample", () => {
  it("the page's Deluge sample deletes both Leads and prints the page's sample response", async () => {
    const url = 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true';
    const run = await t.run(`response = invokeurl
[
	url: "${url}"
	type: DELETE
	connection:"crm_oauth_connection"
];
info response;
`);
    expect(run.diagnostics).toEqual([]);
    expect(run.info).toHaveLength(1);
    expect(JSON.parse(run.info[0]!)).toStrictEqual(SAMPLE_RESPONSE);
    expect(onlyRequest()).toMatchObject({
      method: 'DELETE',
      url,
      status: 200,
      attempts: 1,
      connection: 'crm_oauth_connection',
      records: SAMPLE_IDS.map((id) => reported(id, 'SUCCESS', 'record deleted')),
    });
    const stored = await t.records('Leads');
    for (const id of SAMPLE_IDS) expect(stored.find((r) => r.id === id)).toMatchObject({ deleted: true, deletedBy: ADMIN_USER });
    expect((await t.workflowLog()).map((e) => [e.module, e.id, e.event])).toEqual(SAMPLE_IDS.map((id) => ['Leads', id, 'delete']));
  });

  it('with detailed: true the script reads responseCode 200 and each record', async () => {
    const url = v7(`Leads?ids=${SAMPLE_IDS.join(',')}&wf_trigger=true`);
    expect(await scriptSees(url)).toEqual(['200', ...SAMPLE_IDS.map((id) => recordLine(id, 'SUCCESS', 'record deleted'))]);
    expect(onlyRequest().records).toEqual(SAMPLE_IDS.map((id) => reported(id, 'SUCCESS', 'record deleted')));
  });

  it('the single-record route DELETE /{module}/{record_id} deletes one record', async () => {
    const url = v7(`Leads/${SAMPLE_IDS[0]}`);
    expect(await scriptSees(url)).toEqual(['200', recordLine(SAMPLE_IDS[0], 'SUCCESS', 'record deleted')]);
    expect(onlyRequest()).toMatchObject({ status: 200, records: [reported(SAMPLE_IDS[0], 'SUCCESS', 'record deleted')] });
    expect(await t.deletedIds('Leads')).toEqual([SAMPLE_IDS[0]]);
  });
});

describe('per-record outcomes', () => {
  it('INVALID_DATA "record not deleted": an unknown id and an already deleted one — 400 when every record fails', async () => {
    await scriptSees(v7(`Leads/${SAMPLE_IDS[0]}`));
    const url = v7(`Leads?ids=${SAMPLE_IDS[0]},${MISSING_ID}`);
    expect(await scriptSees(url)).toEqual([
      '400',
      recordLine(SAMPLE_IDS[0], 'INVALID_DATA', 'record not deleted'),
      recordLine(MISSING_ID, 'INVALID_DATA', 'record not deleted'),
    ]);
    expect(t.session.requests[1]).toMatchObject({
      url,
      status: 400,
      attempts: 1,
      records: [reported(SAMPLE_IDS[0], 'INVALID_DATA', 'record not deleted'), reported(MISSING_ID, 'INVALID_DATA', 'record not deleted')],
    });
  });

  it('INVALID_DATA on the single-record route', async () => {
    expect(await scriptSees(v7(`Leads/${MISSING_ID}`))).toEqual(['400', recordLine(MISSING_ID, 'INVALID_DATA', 'record not deleted')]);
    expect(onlyRequest()).toMatchObject({ status: 400, records: [reported(MISSING_ID, 'INVALID_DATA', 'record not deleted')] });
  });

  it('RECORD_LOCKED "You cannot perform this operation as the record is locked." for a locked record', async () => {
    const [id] = await t.seed('Leads', [lead({ state: 'locked' })]);
    const message = 'You cannot perform this operation as the record is locked.';
    expect(await scriptSees(v7(`Leads/${id}`))).toEqual(['400', recordLine(id!, 'RECORD_LOCKED', message)]);
    expect(onlyRequest()).toMatchObject({ status: 400, records: [reported(id!, 'RECORD_LOCKED', message)] });
    await expectNothingDeleted();
  });

  it('RECORD_LOCKED "cannot delete record that is not approved yet" during Zia image validation or a merge of duplicates', async () => {
    const ids = await t.seed('Leads', [lead({ state: 'zia_image_pending' }), lead({ state: 'merging' })]);
    const message = 'cannot delete record that is not approved yet';
    expect(await scriptSees(v7(`Leads?ids=${ids.join(',')}`))).toEqual(['400', ...ids.map((id) => recordLine(id, 'RECORD_LOCKED', message))]);
    expect(onlyRequest()).toMatchObject({ status: 400, records: ids.map((id) => reported(id, 'RECORD_LOCKED', message)) });
    await expectNothingDeleted();
  });

  it('NOT_APPROVED "cannot delete record that is not approved yet" in Zia record approval or rejected by image validation', async () => {
    const ids = await t.seed('Leads', [lead({ state: 'approval_pending' }), lead({ state: 'image_rejected' })]);
    const message = 'cannot delete record that is not approved yet';
    expect(await scriptSees(v7(`Leads?ids=${ids.join(',')}`))).toEqual(['400', ...ids.map((id) => recordLine(id, 'NOT_APPROVED', message))]);
    expect(onlyRequest()).toMatchObject({ status: 400, records: ids.map((id) => reported(id, 'NOT_APPROVED', message)) });
    await expectNothingDeleted();
  });

  it('AUTHORIZATION_FAILED "User does not have sufficient privilege to delete records" for a record the user does not own', async () => {
    const user = await t.user({ role: 'standard' });
    const [own, others] = await t.seed('Leads', [lead({ owner: user }), lead({ owner: ADMIN_USER })]);
    t.useToken('limited', await t.token({ user }));
    const message = 'User does not have sufficient privilege to delete records';

    // Mixed: the user's own record goes, the other stays — 207.
    expect(await scriptSees(v7(`Leads?ids=${own},${others}`), { connection: 'limited' })).toEqual([
      '207',
      recordLine(own!, 'SUCCESS', 'record deleted'),
      recordLine(others!, 'AUTHORIZATION_FAILED', message),
    ]);
    expect(t.session.requests[0]).toMatchObject({
      status: 207,
      connection: 'limited',
      records: [reported(own!, 'SUCCESS', 'record deleted'), reported(others!, 'AUTHORIZATION_FAILED', message)],
    });
    // Alone, on the single-record route: 400, as the page lists it.
    expect(await scriptSees(v7(`Leads/${others}`), { connection: 'limited' })).toEqual(['400', recordLine(others!, 'AUTHORIZATION_FAILED', message)]);
    expect(t.session.requests[1]).toMatchObject({ status: 400, records: [reported(others!, 'AUTHORIZATION_FAILED', message)] });
    const stored = await t.records('Leads');
    expect(stored.find((r) => r.id === own)).toMatchObject({ deleted: true, deletedBy: user });
    expect(stored.find((r) => r.id === others)?.deleted).toBe(false);
  });

  it('a standard user cannot learn the lock state of a record it may not touch (not permitted comes before locked)', async () => {
    const user = await t.user({ role: 'standard' });
    const [id] = await t.seed('Leads', [lead({ owner: ADMIN_USER, state: 'locked' })]);
    t.useToken('limited', await t.token({ user }));
    expect(await scriptSees(v7(`Leads/${id}`), { connection: 'limited' })).toEqual([
      '400',
      recordLine(id!, 'AUTHORIZATION_FAILED', 'User does not have sufficient privilege to delete records'),
    ]);
  });

  it('mixed outcomes answer 207 and every record is reported, in the order given', async () => {
    const [locked, approval] = await t.seed('Leads', [lead({ state: 'locked' }), lead({ state: 'approval_pending' })]);
    const ids = [SAMPLE_IDS[0], MISSING_ID, locked!, approval!, SAMPLE_IDS[1]];
    const expected = [
      reported(SAMPLE_IDS[0], 'SUCCESS', 'record deleted'),
      reported(MISSING_ID, 'INVALID_DATA', 'record not deleted'),
      reported(locked!, 'RECORD_LOCKED', 'You cannot perform this operation as the record is locked.'),
      reported(approval!, 'NOT_APPROVED', 'cannot delete record that is not approved yet'),
      reported(SAMPLE_IDS[1], 'SUCCESS', 'record deleted'),
    ];
    expect(await scriptSees(v7(`Leads?ids=${ids.join(',')}`))).toEqual(['207', ...expected.map((r) => recordLine(r.id, r.code, r.message))]);
    expect(onlyRequest()).toMatchObject({ status: 207, attempts: 1, records: expected });
    // Exactly the records reported as SUCCESS are in the recycle bin.
    expect((await t.deletedIds('Leads')).sort()).toEqual([...SAMPLE_IDS].sort());
  });

  it('a repeated id is reported once, at its first place; surrounding spaces and empty entries are ignored', async () => {
    const url = v7(`Leads?ids=${SAMPLE_IDS[0]},%20${SAMPLE_IDS[1]}%20,,${SAMPLE_IDS[0]},${MISSING_ID},${SAMPLE_IDS[1]}`);
    expect(await scriptSees(url)).toEqual([
      '207',
      recordLine(SAMPLE_IDS[0], 'SUCCESS', 'record deleted'),
      recordLine(SAMPLE_IDS[1], 'SUCCESS', 'record deleted'),
      recordLine(MISSING_ID, 'INVALID_DATA', 'record not deleted'),
    ]);
    expect(onlyRequest().records).toEqual([
      reported(SAMPLE_IDS[0], 'SUCCESS', 'record deleted'),
      reported(SAMPLE_IDS[1], 'SUCCESS', 'record deleted'),
      reported(MISSING_ID, 'INVALID_DATA', 'record not deleted'),
    ]);
    // Deleted once each: one workflow entry per record.
    expect((await t.workflowLog()).map((e) => e.id)).toEqual([...SAMPLE_IDS]);
    // Every id named is in the answer: none is listed apart.
    expect(onlyRequest().notInAnswer).toBeUndefined();
  });

  it('an id the request names that the answer leaves out is listed (a second ids= the server does not read)', async () => {
    expect(await scriptSees(v7(`Leads?ids=${SAMPLE_IDS[0]}&ids=${MISSING_ID},${SAMPLE_IDS[1]}`))).toEqual(['200', recordLine(SAMPLE_IDS[0], 'SUCCESS', 'record deleted')]);
    expect(onlyRequest()).toMatchObject({ records: [reported(SAMPLE_IDS[0], 'SUCCESS', 'record deleted')], notInAnswer: [MISSING_ID, SAMPLE_IDS[1]] });
    expect(await t.deletedIds('Leads')).toEqual([SAMPLE_IDS[0]]);
  });
});

describe('whole-request errors', () => {
  it('REQUIRED_PARAM_MISSING "One of the expected parameter is missing" (400, param_name ids) when ids is missing or empty', async () => {
    const paths = ['Leads', 'Leads?ids=', 'Leads?ids=,%20,', 'Leads?wf_trigger=true'];
    for (const path of paths) {
      expect(await scriptSees(v7(path)), path).toEqual(errorLines(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'ids' }));
    }
    expect(t.session.requests.map(({ method, url, status, attempts, records }) => ({ method, url, status, attempts, records }))).toEqual(
      paths.map((path) => ({ method: 'DELETE', url: v7(path), status: 400, attempts: 1, records: undefined })),
    );
    await expectNothingDeleted();
  });

  it.each([
    ['an id that is not a number', `Leads?ids=${SAMPLE_IDS[0]},abc`, [SAMPLE_IDS[0], 'abc']],
    ['an id beyond a Java long', `Leads?ids=${SAMPLE_IDS[0]},9223372036854775808`, [SAMPLE_IDS[0], '9223372036854775808']],
    ['wf_trigger neither true nor false', `Leads?ids=${SAMPLE_IDS[0]}&wf_trigger=maybe`, [SAMPLE_IDS[0]]],
    ['a non-numeric id in the path', 'Leads/abc', ['abc']],
  ])('UNABLE_TO_PARSE_DATA_TYPE "either the request body or parameters is in wrong format" (400): %s', async (_, path, named) => {
    expect(await scriptSees(v7(path))).toEqual(errorLines(400, 'UNABLE_TO_PARSE_DATA_TYPE', 'either the request body or parameters is in wrong format'));
    expectWholeRequestError(v7(path), 400, named);
    await expectNothingDeleted();
  });

  it('LIMIT_EXCEEDED (400, limit 100) for 101 distinct ids; nothing is deleted', async () => {
    const ids = await t.seed('Leads', Array.from({ length: 101 }, () => lead()));
    const url = v7(`Leads?ids=${ids.join(',')}`);
    expect(await scriptSees(url)).toEqual(errorLines(400, 'LIMIT_EXCEEDED', 'the number of records exceeds the limit of 100 per call', { limit: 100 }));
    expectWholeRequestError(url, 400, ids);
    await expectNothingDeleted();
  });

  it('the limit counts distinct ids: 100 ids with one repeated are deleted and reported once each', async () => {
    const ids = await t.seed('Leads', Array.from({ length: 100 }, () => lead()));
    const url = v7(`Leads?ids=${[...ids, ids[0]].join(',')}`);
    const seen = await scriptSees(url);
    expect(seen[0]).toBe('200');
    expect(seen.slice(1)).toEqual(ids.map((id) => recordLine(id, 'SUCCESS', 'record deleted')));
    expect(onlyRequest().records).toEqual(ids.map((id) => reported(id, 'SUCCESS', 'record deleted')));
    expect((await t.deletedIds('Leads')).sort()).toEqual([...ids].sort());
  });

  it('INVALID_MODULE "The module name given seems to be invalid" (400) for an unknown module', async () => {
    const url = v7(`Leadz?ids=${SAMPLE_IDS[0]}`);
    expect(await scriptSees(url)).toEqual(errorLines(400, 'INVALID_MODULE', 'The module name given seems to be invalid', { resource_path_index: 0 }));
    expectWholeRequestError(url, 400, [SAMPLE_IDS[0]]);
    await expectNothingDeleted();
  });

  it('a refused request lists each id it named once, as the server reads them (repeats, leading zeros, empty items)', async () => {
    const url = v7(`Leadz?ids=${SAMPLE_IDS[0]},${SAMPLE_IDS[0]},0${SAMPLE_IDS[0]},,%20${SAMPLE_IDS[1]},`);
    expect(await scriptSees(url)).toEqual(errorLines(400, 'INVALID_MODULE', 'The module name given seems to be invalid', { resource_path_index: 0 }));
    expectWholeRequestError(url, 400, [...SAMPLE_IDS]);
  });

  it('the single-record route and the crm.delete connector refused: their id is listed as not deleted', async () => {
    const run = await t.run(`a = invokeurl [ url: "${v7(`Leadz/${SAMPLE_IDS[0]}`)}" type: DELETE connection: "crm_oauth_connection" ];
b = zoho.crm.invokeConnector("crm.delete", {"module": "Leadz", "id": "${SAMPLE_IDS[1]}"});
info b.get("status_code");
`);
    expect(run.diagnostics).toEqual([]);
    expect(run.info).toEqual(['400']);
    expect(t.session.requests.map(({ origin, status, code, notDeleted }) => ({ origin, status, code, notDeleted }))).toEqual([
      { origin: 'invokeurl', status: 400, code: 'INVALID_MODULE', notDeleted: [SAMPLE_IDS[0]] },
      { origin: 'zoho.crm.invokeConnector', status: 400, code: 'INVALID_MODULE', notDeleted: [SAMPLE_IDS[1]] },
    ]);
    await expectNothingDeleted();
  });

  it.each(['Documents', 'Projects'])('INVALID_MODULE "The given module is not supported in API" (400) for %s', async (module) => {
    const url = v7(`${module}?ids=${SAMPLE_IDS[0]}`);
    expect(await scriptSees(url)).toEqual(errorLines(400, 'INVALID_MODULE', 'The given module is not supported in API', { resource_path_index: 0 }));
    expectWholeRequestError(url, 400, [SAMPLE_IDS[0]]);
  });

  it.each([
    ['an unknown API version', `${ZOHO_CRM}/v9/Leads?ids=${SAMPLE_IDS[0]}`, [SAMPLE_IDS[0]]],
    ['the version in capitals', `${ZOHO_CRM}/V7/Leads?ids=${SAMPLE_IDS[0]}`, [SAMPLE_IDS[0]]],
    // Not a records route: no id of it is one a Delete Records request names.
    ['extra path segments', v7(`Leads/${SAMPLE_IDS[0]}/Notes/more`), undefined],
    ['an empty segment', v7(`Leads/${SAMPLE_IDS[0]}/`), [SAMPLE_IDS[0]]],
    ['a slash before the query', v7(`Leads/?ids=${SAMPLE_IDS[0]}`), [SAMPLE_IDS[0]]],
    ['two slashes in a row', v7(`/Leads?ids=${SAMPLE_IDS.join(',')}`), [...SAMPLE_IDS]],
    ['two slashes before the record id', v7(`Leads//${SAMPLE_IDS[0]}`), [SAMPLE_IDS[0]]],
    ['two slashes before crm', `${ZOHO_CRM.replace('/crm', '//crm')}/v7/Leads?ids=${SAMPLE_IDS.join(',')}`, [...SAMPLE_IDS]],
    ['two slashes before the version', `${ZOHO_CRM}//v7/Leads/${SAMPLE_IDS[0]}`, [SAMPLE_IDS[0]]],
  ])('INVALID_URL_PATTERN "Please check if the URL trying to access is a correct one" (404): %s', async (_, url, named) => {
    expect(await scriptSees(url)).toEqual(errorLines(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'));
    expectWholeRequestError(url, 404, named);
    await expectNothingDeleted();
  });

  it('OAUTH_SCOPE_MISMATCH "Unauthorized" (401) for a token without a delete scope for the module', async () => {
    t.useToken('limited', await t.token({ scopes: ['ZohoCRM.modules.leads.READ', 'ZohoCRM.modules.contacts.DELETE'] }));
    const url = v7(`Leads?ids=${SAMPLE_IDS[0]}`);
    expect(await scriptSees(url, { connection: 'limited' })).toEqual(errorLines(401, 'OAUTH_SCOPE_MISMATCH', 'Unauthorized'));
    expectWholeRequestError(url, 401, [SAMPLE_IDS[0]]);
    await expectNothingDeleted();
  });

  it("OAUTH_SCOPE_MISMATCH when the scope names the module by its API name (price_books) instead of the page's name (pricebooks)", async () => {
    const [book] = await t.seed('Price_Books', [{ fields: { Price_Book_Name: 'Runner test' } }]);
    t.useToken('limited', await t.token({ scopes: ['ZohoCRM.modules.price_books.DELETE'] }));
    t.useToken('other', await t.token({ scopes: ['ZohoCRM.modules.pricebooks.DELETE'] }));
    const url = v7(`Price_Books/${book}`);
    expect(await scriptSees(url, { connection: 'limited' })).toEqual(errorLines(401, 'OAUTH_SCOPE_MISMATCH', 'Unauthorized'));
    expect(await scriptSees(url, { connection: 'other' })).toEqual(['200', recordLine(book!, 'SUCCESS', 'record deleted')]);
    expect(t.session.requests.map((r) => r.status)).toEqual([401, 200]);
  });

  it('ZohoCRM.modules.{module}.DELETE and .ALL are enough (the page: scope ALL or DELETE)', async () => {
    t.useToken('limited', await t.token({ scopes: ['ZohoCRM.modules.leads.DELETE'] }));
    t.useToken('other', await t.token({ scopes: ['ZohoCRM.modules.leads.ALL'] }));
    expect(await scriptSees(v7(`Leads/${SAMPLE_IDS[0]}`), { connection: 'limited' })).toEqual(['200', recordLine(SAMPLE_IDS[0], 'SUCCESS', 'record deleted')]);
    expect(await scriptSees(v7(`Leads/${SAMPLE_IDS[1]}`), { connection: 'other' })).toEqual(['200', recordLine(SAMPLE_IDS[1], 'SUCCESS', 'record deleted')]);
  });

  it('NO_PERMISSION "Permission denied to delete" (403) when the user\'s profile may not delete in the module', async () => {
    const user = await t.user({ role: 'standard', canDelete: { Leads: false } });
    const [own] = await t.seed('Leads', [lead({ owner: user })]);
    t.useToken('limited', await t.token({ user }));
    const url = v7(`Leads?ids=${own}`);
    expect(await scriptSees(url, { connection: 'limited' })).toEqual(
      errorLines(403, 'NO_PERMISSION', 'Permission denied to delete', { permissions: ['Crm_Implied_Delete_Leads'] }),
    );
    expectWholeRequestError(url, 403, [own!]);
    await expectNothingDeleted();
  });

  it('INTERNAL_ERROR "Internal Server Error" (500) forced through the admin API; nothing deleted, not retried', async () => {
    await t.setFaults({ internalError: 'once' });
    const url = v7(`Leads?ids=${SAMPLE_IDS.join(',')}`);
    expect(await scriptSees(url)).toEqual(errorLines(500, 'INTERNAL_ERROR', 'Internal Server Error'));
    // A 5xx DELETE may have been processed (it is not sent again for that reason): its ids' fate is unknown, not "not deleted".
    expectWholeRequestError(url, 500, undefined);
    expect(onlyRequest().notInAnswer).toEqual([...SAMPLE_IDS]);
    await expectNothingDeleted();
  });

  it.each([
    ['PATCH on the bulk route', 'PATCH', `Leads?ids=${SAMPLE_IDS[0]}`],
    ['POST on the single-record route', 'POST', `Leads/${SAMPLE_IDS[0]}`],
  ])('INVALID_REQUEST_METHOD "The http request method type is not a valid one" (400): %s', async (_, method, path) => {
    expect(await scriptSees(v7(path), { type: method })).toEqual(errorLines(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'));
    expectWholeRequestError(v7(path), 400, undefined, method);
    await expectNothingDeleted();
  });

  it('INVALID_TOKEN "invalid oauth token" (401) for an unknown token', async () => {
    t.useToken('limited', '1000.00000000000000000000000000000000.00000000000000000000000000000000');
    const url = v7(`Leads?ids=${SAMPLE_IDS[0]}`);
    expect(await scriptSees(url, { connection: 'limited' })).toEqual(errorLines(401, 'INVALID_TOKEN', 'invalid oauth token'));
    // A header connection has no refresh token: the 401 goes to the script after one attempt.
    expectWholeRequestError(url, 401, [SAMPLE_IDS[0]]);
    await expectNothingDeleted();
  });

  it('INVALID_TOKEN "invalid oauth token" (401) for an expired token', async () => {
    const token = await t.token();
    expect((await t.admin('POST', 'tokens/expire', { token })).json).toEqual({ expired: 1 });
    t.useToken('limited', token);
    const url = v7(`Leads/${SAMPLE_IDS[0]}`);
    expect(await scriptSees(url, { connection: 'limited' })).toEqual(errorLines(401, 'INVALID_TOKEN', 'invalid oauth token'));
    expectWholeRequestError(url, 401, [SAMPLE_IDS[0]]);
    await expectNothingDeleted();
  });

  it('AUTHENTICATION_FAILURE "Authentication failed" (401) for an Authorization that is not a Zoho-oauthtoken', async () => {
    t.useToken('limited', await t.token(), 'Bearer 1000.abc');
    const url = v7(`Leads/${SAMPLE_IDS[0]}`);
    expect(await scriptSees(url, { connection: 'limited' })).toEqual(errorLines(401, 'AUTHENTICATION_FAILURE', 'Authentication failed'));
    expectWholeRequestError(url, 401, [SAMPLE_IDS[0]]);
  });
});

describe('what a delete does', () => {
  it('wf_trigger=false leaves the workflow log empty', async () => {
    expect(await scriptSees(v7(`Leads?ids=${SAMPLE_IDS.join(',')}&wf_trigger=false`))).toEqual([
      '200',
      ...SAMPLE_IDS.map((id) => recordLine(id, 'SUCCESS', 'record deleted')),
    ]);
    expect(await t.workflowLog()).toEqual([]);
    expect((await t.deletedIds('Leads')).sort()).toEqual([...SAMPLE_IDS].sort());
  });

  it.each([
    ['by default', ''],
    ['with wf_trigger=true', '&wf_trigger=true'],
    ['with wf_trigger=TRUE (any case)', '&wf_trigger=TRUE'],
  ])('workflows run %s: one delete entry per deleted record', async (_, query) => {
    await scriptSees(v7(`Leads?ids=${SAMPLE_IDS.join(',')},${MISSING_ID}${query}`));
    const log = await t.workflowLog();
    expect(log.map(({ module, id, event }) => ({ module, id, event }))).toEqual(SAMPLE_IDS.map((id) => ({ module: 'Leads', id, event: 'delete' })));
    for (const entry of log) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });

  it("deletes the record's subform rows with it", async () => {
    const [id] = await t.seed('Leads', [lead({ subform: [{ Item: 'first row' }, { Item: 'second row' }] })]);
    const before = (await t.records('Leads')).find((r) => r.id === id)!;
    expect(before.subform).toHaveLength(2);
    for (const row of before.subform) expect(row['id']).toMatch(/^\d+$/);

    expect(await scriptSees(v7(`Leads/${id}?wf_trigger=false`))).toEqual(['200', recordLine(id!, 'SUCCESS', 'record deleted')]);
    const after = (await t.records('Leads')).find((r) => r.id === id)!;
    expect(after).toMatchObject({ deleted: true, subform: [] });
    expect(await t.workflowLog()).toEqual([]); // wf_trigger=false on the single-record route too
  });

  it('a deleted record is in the recycle bin the API shows, and gone for reads', async () => {
    await scriptSees(v7(`Leads/${SAMPLE_IDS[0]}`));
    const run = await t.run(`bin = invokeurl
[
	url: "${v7('Leads/deleted?type=recycle')}"
	type: GET
	connection: "crm_oauth_connection"
];
for each entry in bin.get("data")
{
	info entry.get("id") + " " + entry.get("type");
}
read = invokeurl
[
	url: "${v7(`Leads/${SAMPLE_IDS[0]}`)}"
	type: GET
	connection: "crm_oauth_connection"
	detailed: true
];
info read.get("responseCode") + " " + read.get("responseText").get("code");
`);
    expect(run.diagnostics).toEqual([]);
    expect(run.info).toEqual([`${SAMPLE_IDS[0]} recycle`, '400 INVALID_DATA']);
  });
});

describe('the same API through invokeapi (service zohocrm and a path)', () => {
  it('deletes the records the path names and reports every record, as for invokeurl', async () => {
    const missing = MISSING_ID;
    const run = await t.run(`response = invokeapi
[
	service: zohocrm
	path: "crm/v7/Leads?ids=${SAMPLE_IDS.join(',')},${missing}&wf_trigger=false"
	type: DELETE
	connection: "crm_oauth_connection"
];
for each outcome in response.get("data")
{
	info outcome.get("details").get("id") + " " + outcome.get("code");
}
`);
    expect(run.diagnostics).toEqual([]);
    expect(run.info).toEqual([...SAMPLE_IDS.map((id) => `${id} SUCCESS`), `${missing} INVALID_DATA`]);
    expect(onlyRequest()).toMatchObject({
      method: 'DELETE',
      url: v7(`Leads?ids=${SAMPLE_IDS.join(',')},${missing}&wf_trigger=false`),
      status: 207,
      connection: 'crm_oauth_connection',
      origin: 'invokeapi',
      records: [...SAMPLE_IDS.map((id) => reported(id, 'SUCCESS', 'record deleted')), reported(missing, 'INVALID_DATA', 'record not deleted')],
    });
    expect(await t.deletedIds('Leads')).toEqual([...SAMPLE_IDS]);
    expect(await t.workflowLog()).toEqual([]);
  });

  it('an error of the whole request (no ids) reaches the script as data, and nothing is deleted', async () => {
    const run = await t.run(`response = invokeapi
[
	service: zohocrm
	path: "/crm/v7/Leads"
	type: DELETE
];
info response.get("code") + " " + response.get("details").get("param_name");
`);
    expect(run.diagnostics).toEqual([]);
    expect(run.info).toEqual(['REQUIRED_PARAM_MISSING ids']);
    expect(onlyRequest()).toMatchObject({ url: v7('Leads'), status: 400, origin: 'invokeapi' });
    await expectNothingDeleted();
  });
});
