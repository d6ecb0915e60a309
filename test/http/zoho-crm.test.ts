import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as undiciRequest } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Header, HttpRequest, HttpResponse } from '../../src/http/request.js';
import { crmTask, crmTaskAdvice, type CrmTaskOptions } from '../../src/http/zoho-crm.js';
import { DelugeError } from '../../src/runtime/errors.js';
import { textForm } from '../../src/runtime/text-form.js';
import { DateTimeValue, ListValue, MapValue, type MapKey, type Value } from '../../src/runtime/values.js';

/** What the fake CRM received. */
interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: [string, string][];
  readonly contentType: string | undefined;
  readonly body: string;
}

/** What the fake CRM answers next: a status and a JSON value or raw text (none for 204). */
interface Answer {
  readonly status: number;
  readonly json?: unknown;
  readonly raw?: string;
}

const received: Received[] = [];
let answer: Answer = { status: 200, json: {} };
let server: Server;
let options: CrmTaskOptions;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({
        method: req.method ?? '',
        path: url.pathname,
        query: [...url.searchParams],
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const text = answer.raw ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
      res.writeHead(answer.status, text && answer.raw === undefined ? { 'content-type': 'application/json' } : {});
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  options = { apiDomain: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, defaultConnection: 'zoho_crm' };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  received.length = 0;
});

/** Sends the request as the transport would (the JSON content type from the body) and returns the response. */
async function send(request: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  let body: string | undefined;
  if (request.body?.kind === 'raw') {
    body = request.body.text;
    if (request.body.contentType) headers['content-type'] = request.body.contentType;
  }
  const res = await undiciRequest(request.url, { method: request.method, headers, ...(body !== undefined && { body }) });
  const bytes = new Uint8Array(await res.body.arrayBuffer());
  const responseHeaders: Header[] = Object.entries(res.headers).map(([k, v]) => [k, String(v)]);
  return { status: res.statusCode, headers: responseHeaders, body: bytes, url: request.url, durationMs: 0, attempts: 1 };
}

/** Runs a task against the fake CRM answering `reply`; returns the request, what the CRM saw, and the value. */
async function run(name: string, args: Value[], reply: Answer, taskOptions: CrmTaskOptions = options) {
  const call = crmTask(name, args, taskOptions);
  if (!call) throw new Error(`${name} is not a CRM task`);
  answer = reply;
  const value = call.decode(await send(call.request));
  expect(received).toHaveLength(1);
  return { request: call.request, seen: received[0]!, value };
}

const map = (...entries: [MapKey, Value][]) => new MapValue(new Map(entries));
const list = (...items: Value[]) => new ListValue(items);

/** The code of the Deluge error `f` throws. */
function errorOf(f: () => unknown): DelugeError {
  try {
    f();
  } catch (e) {
    if (e instanceof DelugeError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

const LEAD_ID = '410405000002264040';
const USER = { name: 'Patricia Boyle', id: '410405000000208001' };
const DETAILS = {
  Modified_Time: '2024-03-05T10:00:00+05:30',
  Modified_By: USER,
  Created_Time: '2024-03-05T10:00:00+05:30',
  id: '410405000002264099',
  Created_By: USER,
};
const INVALID_MODULE = {
  code: 'INVALID_MODULE',
  details: {},
  message: 'the module name given seems to be invalid',
  status: 'error',
};

describe('getRecords', () => {
  test('sends page 1 and per_page 200 by default and returns the records as a list, IDs exact', async () => {
    const { request, seen, value } = await run('zoho.crm.getRecords', ['Leads'], {
      status: 200,
      json: {
        data: [
          { Last_Name: 'Boyle', id: LEAD_ID },
          { Last_Name: 'Ray', id: '3477061000005908033' },
        ],
        info: { per_page: 200, count: 2, page: 1, more_records: false },
      },
    });
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`${options.apiDomain}crm/v2/Leads?page=1&per_page=200`);
    expect(request.connection).toBe('zoho_crm');
    expect(request.origin).toBe('zoho.crm.getRecords');
    expect(request.body).toBeUndefined();
    expect(seen).toMatchObject({ method: 'GET', path: '/crm/v2/Leads', query: [['page', '1'], ['per_page', '200']] });
    expect(value).toBeInstanceOf(ListValue);
    expect(textForm(value)).toBe(`{"Last_Name":"Boyle","id":"${LEAD_ID}"},{"Last_Name":"Ray","id":"3477061000005908033"}`);
  });

  test('v8 form: page, per_page, the query map (lists comma-joined) and the connection', async () => {
    const query = map(['fields', list('Last_Name', 'Email')], ['sort_order', 'asc'], ['approved', true]);
    const { request, seen } = await run('zoho.crm.v8.getRecords', ['Contacts', 2n, 10n, query, 'crm_oauth_connection'], {
      status: 200,
      json: { data: [] },
    });
    expect(request.origin).toBe('zoho.crm.v8.getRecords');
    expect(request.connection).toBe('crm_oauth_connection');
    expect(seen.path).toBe('/crm/v8/Contacts');
    expect(seen.query).toEqual([
      ['page', '2'],
      ['per_page', '10'],
      ['fields', 'Last_Name,Email'],
      ['sort_order', 'asc'],
      ['approved', 'true'],
    ]);
  });

  test('{} and null stand for the optional arguments before the connection; a map key replaces page', async () => {
    const { seen, request } = await run('zoho.crm.getRecords', ['Deals', null, 50n, map(['page', 3n]), 'conn'], {
      status: 200,
      json: { data: [] },
    });
    expect(seen.query).toEqual([
      ['page', '3'],
      ['per_page', '50'],
    ]);
    expect(request.connection).toBe('conn');
  });

  test("Zoho's 204 (nothing to return) is an empty list", async () => {
    const { value } = await run('zoho.crm.getRecords', ['Leads', 9n, 200n], { status: 204 });
    expect(value).toEqual(new ListValue());
    expect(textForm(value)).toBe('');
  });

  test('a whole-request error comes back as the error map', async () => {
    const { value } = await run('zoho.crm.getRecords', ['Leadz'], { status: 400, json: INVALID_MODULE });
    expect(textForm(value)).toBe(
      '{"code":"INVALID_MODULE","details":{},"message":"the module name given seems to be invalid","status":"error"}',
    );
  });

  test('a body that is not JSON (a proxy error page) is a catchable DLG4016 naming the task and status', async () => {
    const call = crmTask('zoho.crm.getRecords', ['Leads'], options)!;
    answer = { status: 502, raw: '<html>Bad Gateway</html>' };
    const response = await send(call.request);
    const error = errorOf(() => call.decode(response));
    expect(error.code).toBe('DLG4016');
    expect(error.message).toContain('zoho.crm.getRecords (HTTP 502)');
  });
});

describe('getRecordById', () => {
  test('a NUMBER ID goes into the path digit for digit; the record map comes back', async () => {
    const { request, seen, value } = await run('zoho.crm.getRecordById', ['Leads', 410405000002264040n], {
      status: 200,
      json: { data: [{ Owner: USER, Last_Name: 'Boyle', id: LEAD_ID }] },
    });
    expect(request.url).toBe(`${options.apiDomain}crm/v2/Leads/${LEAD_ID}`);
    expect(seen).toMatchObject({ method: 'GET', path: `/crm/v2/Leads/${LEAD_ID}`, query: [] });
    expect(value).toBeInstanceOf(MapValue);
    expect(textForm(value)).toBe(
      `{"Owner":{"name":"Patricia Boyle","id":"410405000000208001"},"Last_Name":"Boyle","id":"${LEAD_ID}"}`,
    );
  });

  test('a TEXT ID of digits, the query map and a connection (v8: fields)', async () => {
    const { seen, request } = await run(
      'zoho.crm.v8.getRecordById',
      ['Leads', ` ${LEAD_ID} `, map(['fields', 'Last_Name,Email']), 'crm_conn'],
      { status: 200, json: { data: [{ id: LEAD_ID }] } },
    );
    expect(seen.path).toBe(`/crm/v8/Leads/${LEAD_ID}`);
    expect(seen.query).toEqual([['fields', 'Last_Name,Email']]);
    expect(request.connection).toBe('crm_conn');
  });

  test('{"": ""}, the page\'s way to give no query before a connection, sends no query', async () => {
    const { request, seen } = await run('zoho.crm.getRecordById', ['Leads', LEAD_ID, map(['', '']), 'crm_conn'], {
      status: 200,
      json: { data: [{ id: LEAD_ID }] },
    });
    expect(request.url).toBe(`${options.apiDomain}crm/v2/Leads/${LEAD_ID}`);
    expect(seen.query).toEqual([]);
    expect(request.connection).toBe('crm_conn');
  });

  test('the same placeholder next to real keys adds nothing to the query', async () => {
    const { seen } = await run('zoho.crm.getRecords', ['Leads', 1n, 2n, map(['', ''], ['sort_by', 'Last_Name'])], {
      status: 204,
    });
    expect(seen.query).toEqual([['page', '1'], ['per_page', '2'], ['sort_by', 'Last_Name']]);
  });

  test('no record (204) is an empty map', async () => {
    const { value } = await run('zoho.crm.getRecordById', ['Leads', 1n], { status: 204 });
    expect(value).toEqual(new MapValue());
    expect(textForm(value)).toBe('{}');
  });
});

describe('searchRecords', () => {
  test('criteria, page and per_page are sent encoded so the CRM reads them back exactly', async () => {
    const criteria = '((Email:equals:a+b@zylker.com) and (Last_Name:starts_with:O Brien))';
    const { request, seen, value } = await run('zoho.crm.searchRecords', ['Leads', criteria, 1n, 10n], {
      status: 200,
      json: { data: [{ Email: 'a+b@zylker.com', id: LEAD_ID }], info: { more_records: false } },
    });
    expect(request.url).toContain('criteria=((Email%3Aequals%3Aa%2Bb%40zylker.com)%20and%20');
    expect(seen.path).toBe('/crm/v2/Leads/search');
    expect(seen.query).toEqual([
      ['criteria', criteria],
      ['page', '1'],
      ['per_page', '10'],
    ]);
    expect(textForm(value)).toBe(`{"Email":"a+b@zylker.com","id":"${LEAD_ID}"}`);
  });

  test('an empty criteria is left out so a search map (email, word) stands alone', async () => {
    const { seen } = await run('zoho.crm.searchRecords', ['Leads', '', null, null, map(['email', 'p.boyle@zylker.com'])], {
      status: 204,
    });
    expect(seen.query).toEqual([
      ['page', '1'],
      ['per_page', '200'],
      ['email', 'p.boyle@zylker.com'],
    ]);
  });

  test('no match (204) is an empty list', async () => {
    const { value } = await run('zoho.crm.v8.searchRecords', ['Leads', '(Email:equals:none@x.com)'], { status: 204 });
    expect(value).toEqual(new ListValue());
  });
});

describe('createRecord / updateRecord / upsert', () => {
  const record = map(['Last_Name', 'Boyle'], ['Company', 'Zylker'], ['Owner', map(['id', 410405000000208001n])]);

  test('createRecord posts {"data":[record]} with the default triggers and returns the details map', async () => {
    const { request, seen, value } = await run('zoho.crm.createRecord', ['Leads', record], {
      status: 201,
      json: { data: [{ code: 'SUCCESS', details: DETAILS, message: 'record added', status: 'success' }] },
    });
    expect(request.method).toBe('POST');
    expect(request.body).toEqual({
      kind: 'raw',
      contentType: 'application/json',
      text:
        '{"data":[{"Last_Name":"Boyle","Company":"Zylker","Owner":{"id":410405000000208001}}],' +
        '"trigger":["approval","blueprint"]}',
    });
    expect(seen).toMatchObject({ method: 'POST', path: '/crm/v2/Leads', query: [], contentType: 'application/json' });
    expect(seen.body).toBe(request.body?.kind === 'raw' ? request.body.text : '');
    expect(textForm(value)).toBe(
      '{"Modified_Time":"2024-03-05T10:00:00+05:30","Modified_By":{"name":"Patricia Boyle","id":"410405000000208001"},' +
        '"Created_Time":"2024-03-05T10:00:00+05:30","id":"410405000002264099",' +
        '"Created_By":{"name":"Patricia Boyle","id":"410405000000208001"}}',
    );
  });

  test('the options map goes into the body: {"trigger":{"workflow"}}, lar_id; dates in the CRM format', async () => {
    const due = new DateTimeValue(Date.UTC(2024, 2, 5), 'Asia/Kolkata', true);
    const remind = new DateTimeValue(Date.UTC(2024, 2, 5, 4, 0, 0), 'Asia/Kolkata');
    const options1 = map(['trigger', list('workflow')], ['lar_id', '410405000012741244']);
    const { seen } = await run(
      'zoho.crm.createRecord',
      ['Tasks', map(['Subject', 'Call'], ['Due_Date', due], ['Remind_At', remind]), options1, 'crm_conn'],
      { status: 201, json: { data: [{ code: 'SUCCESS', details: DETAILS, message: 'record added', status: 'success' }] } },
    );
    expect(seen.body).toBe(
      '{"data":[{"Subject":"Call","Due_Date":"2024-03-05","Remind_At":"2024-03-05T09:30:00+05:30"}],' +
        '"trigger":["workflow"],"lar_id":"410405000012741244"}',
    );
  });

  test.each<[string, Value, unknown]>([
    ['an empty list turns every automation off', list(), []],
    ['so does {} (an empty map written for the empty list)', map(), []],
    ['a TEXT trigger is the one trigger', 'workflow', ['workflow']],
  ])('trigger: %s', async (_, trigger, sent) => {
    const { seen } = await run('zoho.crm.createRecord', ['Leads', record, map(['trigger', trigger])], {
      status: 201,
      json: { data: [] },
    });
    expect(JSON.parse(seen.body).trigger).toEqual(sent);
  });

  test('a per-record error comes back as the error map', async () => {
    const error = {
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Last_Name' },
      message: 'required field not found',
      status: 'error',
    };
    const { value } = await run('zoho.crm.createRecord', ['Leads', map(['Company', 'Zylker'])], {
      status: 400,
      json: { data: [error] },
    });
    expect(textForm(value)).toBe(
      '{"code":"MANDATORY_NOT_FOUND","details":{"api_name":"Last_Name"},"message":"required field not found","status":"error"}',
    );
  });

  test('updateRecord PUTs to the record; v8 runs orchestrations by default too', async () => {
    const args = ['Leads', 410405000002264040n, map(['Lead_Status', 'Contacted'])];
    const { request, seen, value } = await run('zoho.crm.v8.updateRecord', args, {
      status: 200,
      json: { data: [{ code: 'SUCCESS', details: DETAILS, message: 'record updated', status: 'success' }] },
    });
    expect(request.url).toBe(`${options.apiDomain}crm/v8/Leads/${LEAD_ID}`);
    expect(seen).toMatchObject({ method: 'PUT', path: `/crm/v8/Leads/${LEAD_ID}` });
    expect(seen.body).toBe('{"data":[{"Lead_Status":"Contacted"}],"trigger":["approval","blueprint","orchestration"]}');
    expect((value as MapValue).entries.get('id')).toBe('410405000002264099');
  });

  test('updateRecord with an unknown ID returns the INVALID_DATA map', async () => {
    const invalid = { code: 'INVALID_DATA', details: { id: '1' }, message: 'the id given seems to be invalid', status: 'error' };
    const { value } = await run('zoho.crm.updateRecord', ['Leads', '1', map(['Lead_Status', 'Lost'])], {
      status: 400,
      json: { data: [invalid] },
    });
    expect(textForm(value)).toBe(
      '{"code":"INVALID_DATA","details":{"id":"1"},"message":"the id given seems to be invalid","status":"error"}',
    );
  });

  test('upsert posts to /upsert with duplicate_check_fields from the options and returns the details', async () => {
    const { seen, value } = await run(
      'zoho.crm.upsert',
      ['Leads', map(['Last_Name', 'Boyle'], ['Email', 'p.boyle@zylker.com']), map(['duplicate_check_fields', list('Email')])],
      {
        status: 200,
        json: {
          data: [
            {
              code: 'SUCCESS',
              duplicate_field: 'Email',
              action: 'update',
              details: DETAILS,
              message: 'record updated',
              status: 'success',
            },
          ],
        },
      },
    );
    expect(seen).toMatchObject({ method: 'POST', path: '/crm/v2/Leads/upsert' });
    expect(seen.body).toBe(
      '{"data":[{"Last_Name":"Boyle","Email":"p.boyle@zylker.com"}],' +
        '"duplicate_check_fields":["Email"],"trigger":["approval","blueprint"]}',
    );
    expect((value as MapValue).entries.get('Created_Time')).toBe('2024-03-05T10:00:00+05:30');
  });
});

describe('bulkCreate / bulkUpdate', () => {
  const results = {
    data: [
      { code: 'SUCCESS', details: DETAILS, message: 'record added', status: 'success' },
      { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' }, message: 'required field not found', status: 'error' },
    ],
  };

  test('bulkCreate posts every record and returns the list of per-record results', async () => {
    const records = list(map(['Last_Name', 'A']), map(['Company', 'B']));
    const { seen, value } = await run('zoho.crm.bulkCreate', ['Leads', records], { status: 207, json: results });
    expect(seen).toMatchObject({ method: 'POST', path: '/crm/v2/Leads' });
    expect(seen.body).toBe('{"data":[{"Last_Name":"A"},{"Company":"B"}],"trigger":["approval","blueprint"]}');
    expect(value).toBeInstanceOf(ListValue);
    expect((value as ListValue).items).toHaveLength(2);
    expect(textForm(value)).toMatch(/^\{"code":"SUCCESS",.*"status":"success"\},\{"code":"MANDATORY_NOT_FOUND",.*"status":"error"\}$/);
  });

  test('bulkUpdate PUTs to the module with the IDs inside the records', async () => {
    const records = list(map(['id', 410405000002264040n], ['Lead_Status', 'Lost']));
    const { seen } = await run('zoho.crm.v8.bulkUpdate', ['Leads', records, map(), 'conn'], {
      status: 200,
      json: { data: [results.data[0]] },
    });
    expect(seen).toMatchObject({ method: 'PUT', path: '/crm/v8/Leads' });
    expect(seen.body).toBe(`{"data":[{"id":${LEAD_ID},"Lead_Status":"Lost"}],"trigger":["approval","blueprint"]}`);
  });
});

describe('getRelatedRecords', () => {
  test('GETs /{parent}/{id}/{relation} with paging and returns the related records', async () => {
    const { seen, value } = await run('zoho.crm.getRelatedRecords', ['Contacts', 'Accounts', '3477061000005908033', 1n, 5n], {
      status: 200,
      json: { data: [{ Last_Name: 'Ray', id: '3477061000005908040' }], info: { more_records: false } },
    });
    expect(seen).toMatchObject({
      method: 'GET',
      path: '/crm/v2/Accounts/3477061000005908033/Contacts',
      query: [
        ['page', '1'],
        ['per_page', '5'],
      ],
    });
    expect(textForm(value)).toBe('{"Last_Name":"Ray","id":"3477061000005908040"}');
  });

  test('none related (204) is an empty list', async () => {
    const { value } = await run('zoho.crm.v8.getRelatedRecords', ['Notes', 'Leads', LEAD_ID], { status: 204 });
    expect(value).toEqual(new ListValue());
  });
});

describe('invokeConnector', () => {
  test('"crm.delete" DELETEs the record; status_code and the body as TEXT, as the Delete Records page shows', async () => {
    const deleted = { code: 'SUCCESS', details: { id: '3388926000000286025' }, message: 'record deleted', status: 'success' };
    const body = { data: [deleted] };
    const { request, seen, value } = await run(
      'zoho.crm.invokeConnector',
      ['crm.delete', map(['module', 'Leads'], ['id', '3388926000000286025'])],
      { status: 200, json: body },
    );
    expect(request.connection).toBe('zoho_crm');
    expect(seen).toMatchObject({ method: 'DELETE', path: '/crm/v2/Leads/3388926000000286025', query: [], body: '' });
    expect(textForm(value)).toBe(
      '{"status_code":200,"response":"{\\"data\\":[{\\"code\\":\\"SUCCESS\\",\\"details\\":{\\"id\\":\\"3388926000000286025\\"},' +
        '\\"message\\":\\"record deleted\\",\\"status\\":\\"success\\"}]}"}',
    );
  });

  test('an error keeps its HTTP status in status_code', async () => {
    const { value } = await run('zoho.crm.invokeConnector', ['crm.delete', map(['module', 'Leadz'], ['id', 1n])], {
      status: 400,
      json: INVALID_MODULE,
    });
    expect((value as MapValue).entries.get('status_code')).toBe(400n);
    expect(JSON.parse((value as MapValue).entries.get('response') as string)).toEqual(INVALID_MODULE);
  });
});

describe('names and versions', () => {
  const args: Value[] = ['Leads'];

  test('names match in any case; the origin is spelled as Zoho does', () => {
    expect(crmTask('ZOHO.CRM.GETRECORDS', args, options)?.request.origin).toBe('zoho.crm.getRecords');
    expect(crmTask('zoho.crm.V8.getrecords', args, options)?.request.origin).toBe('zoho.crm.v8.getRecords');
  });

  test('names that are not CRM tasks implemented here are undefined', () => {
    const others = [
      'zoho.books.getRecords',
      'zoho.crm.v1.getRecords',
      'zoho.crm.v7.getRecords',
      'zoho.crm.deleteRecord',
      'zoho.crm.v8.invokeConnector',
      'zoho.crm.v8.convertLead',
      'getRecords',
    ];
    for (const name of others) {
      expect(crmTask(name, args, options), name).toBeUndefined();
    }
  });

  test('the version option moves the un-versioned tasks; v8 stays v8; the domain may end with a slash or not', () => {
    const custom = { apiDomain: 'https://sandbox.zohoapis.com', version: 'v7', defaultConnection: 'c' };
    const url = (name: string) => crmTask(name, args, custom)?.request.url;
    expect(url('zoho.crm.getRecords')).toBe('https://sandbox.zohoapis.com/crm/v7/Leads?page=1&per_page=200');
    expect(url('zoho.crm.v8.getRecords')).toBe('https://sandbox.zohoapis.com/crm/v8/Leads?page=1&per_page=200');
  });
});

describe('advice for a zoho.crm task this runner does not perform', () => {
  test.each([
    ['zoho.crm.getRecord', "did you mean 'zoho.crm.getRecords'?"],
    ['zoho.crm.createRecords', "did you mean 'zoho.crm.createRecord'?"],
    ['zoho.crm.serachRecords', "did you mean 'zoho.crm.searchRecords'?"],
    ['ZOHO.CRM.V8.GETRELATEDRECORD', "did you mean 'zoho.crm.v8.getRelatedRecords'?"],
    ['zoho.crm.deleteRecord', 'Zoho has no \'zoho.crm.deleteRecord\' task: delete with invokeurl (type: DELETE'],
    ['zoho.crm.deleteRecords', 'or zoho.crm.invokeConnector("crm.delete"'],
    ['zoho.crm.delete', 'Zoho has no \'zoho.crm.delete\' task: delete with invokeurl'],
    ['zoho.crm.update', "did you mean 'zoho.crm.updateRecord'?"],
    ['zoho.crm.v8.search', "did you mean 'zoho.crm.v8.searchRecords'?"],
    ['zoho.crm.get', "did you mean 'zoho.crm.getRecords', 'zoho.crm.getRecordById' or 'zoho.crm.getRelatedRecords'?"],
    ['zoho.crm.bulk', "did you mean 'zoho.crm.bulkCreate' or 'zoho.crm.bulkUpdate'?"],
  ])('%s', (name, advice) => {
    expect(crmTaskAdvice(name)).toContain(advice);
  });

  test('no advice for a task it performs, a task Zoho documents that it does not, a far name or another service', () => {
    const none = [
      'zoho.crm.getRecords',
      'zoho.crm.updateRelatedRecord',
      'zoho.crm.getOrgVariable',
      'zoho.crm.convertLead',
      'zoho.crm.sendMassEmail',
      'zoho.books.getRecord',
      'zoho.crm.v8.invokeConnecter',
      'zoho.crm.ge',
    ];
    for (const name of none) expect(crmTaskAdvice(name), name).toBeUndefined();
  });
});

describe('invalid arguments', () => {
  const cases: [string, Value[], string, string][] = [
    ['zoho.crm.getRecords', [], 'DLG4007', "'zoho.crm.getRecords' takes 1 to 5 arguments but was given 0"],
    ['zoho.crm.getRecordById', ['Leads', 1n, map(), 'c', 'extra'], 'DLG4007', 'takes 2 to 4 arguments but was given 5'],
    ['zoho.crm.getRecords', [12n], 'DLG4007', "Found 'NUMBER' but Expected 'TEXT' for the argument 'module_name'"],
    ['zoho.crm.getRecords', [' '], 'DLG4018', 'zoho.crm.getRecords: the module_name is empty'],
    ['zoho.crm.getRecordById', ['Leads', 'abc'], 'DLG4018', 'zoho.crm.getRecordById: the record_ID must be a number, got "abc"'],
    ['zoho.crm.getRecordById', ['Leads', 4.1e17], 'DLG4007', "Found 'DECIMAL' but Expected 'NUMBER' for the argument 'record_ID'"],
    ['zoho.crm.getRecordById', ['Leads', null], 'DLG4007', "Found 'NULL' but Expected 'NUMBER'"],
    ['zoho.crm.getRecordById', ['Leads', 1n, 'crm_conn'], 'DLG4007', 'the connection goes last: give {} for query_value first'],
    ['zoho.crm.getRecords', ['Leads', 'crm_conn'], 'DLG4007', '(the connection goes last: give a number for page first)'],
    ['zoho.crm.getRecords', ['Leads', 0n], 'DLG4018', 'zoho.crm.getRecords: page must be 1 or more, got 0'],
    ['zoho.crm.getRecords', ['Leads', 1n, 10n, map(), 5n], 'DLG4007', "Expected 'TEXT' for the argument 'connection'"],
    ['zoho.crm.getRecords', ['Leads', 1n, 10n, map(), ''], 'DLG4018', 'the connection name is empty'],
    ['zoho.crm.bulkCreate', ['Leads', list(map(), 'x')], 'DLG4007', 'records_value must be a KEY-VALUE, found TEXT'],
    ['zoho.crm.createRecord', ['Leads', list()], 'DLG4007', "Expected 'KEY-VALUE' for the argument 'record_details'"],
    ['zoho.crm.invokeConnector', ['crm.create', map()], 'DLG4018', 'the connector operation "crm.create" is not supported'],
    ['zoho.crm.invokeConnector', ['crm.delete', map(['module', 'Leads'])], 'DLG4018', 'needs the record\'s ID as "id"'],
    ['zoho.crm.invokeConnector', ['crm.delete', map(['id', 1n])], 'DLG4018', 'needs the module\'s API name as "module"'],
    ['zoho.crm.invokeConnector', ['crm.delete', map(['module', 'Leads'], ['id', 1n]), 'c'], 'DLG4007', 'takes 2 arguments'],
  ];
  test.each(cases)('%s #%#', (name, args, code, message) => {
    const error = errorOf(() => crmTask(name, args, options));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.catchable).toBe(true);
  });
});
