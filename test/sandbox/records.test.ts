/**
 * The records API besides delete: list, get, insert, update, upsert, search, related records — Zoho's envelopes,
 * 204 where Zoho answers no content, per-record outcomes, and the READ / CREATE / UPDATE scopes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_IDS, type TestSandbox, testSandbox, zohoError } from './helpers.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await testSandbox();
});
afterEach(() => t.close());

const ADMIN = { name: 'Patricia Boyle', id: '4104050000000235001' };

describe('GET /{module}', () => {
  it("lists records in Zoho's envelope, paged by page and per_page", async () => {
    const all = await t.api('GET', '/crm/v7/Leads');
    expect(all.status).toBe(200);
    expect(all.json.info).toStrictEqual({ per_page: 200, count: 5, page: 1, more_records: false });
    expect(all.json.data.find((r: { id: string }) => r.id === SAMPLE_IDS[0])).toMatchObject({
      Owner: { ...ADMIN, email: 'p.boyle@zylker.com' },
      First_Name: 'Christopher',
      Last_Name: 'Maclead (Sample)',
      Created_Time: '2025-01-06T09:15:00+00:00',
      id: SAMPLE_IDS[0],
    });
    const second = await t.api('GET', '/crm/v7/Leads?page=2&per_page=2');
    expect(second.json.info).toStrictEqual({ per_page: 2, count: 2, page: 2, more_records: true });
    expect(second.json.data.map((r: { id: string }) => r.id)).toStrictEqual(all.json.data.slice(2, 4).map((r: { id: string }) => r.id));
  });

  it('returns only the fields asked for (and id)', async () => {
    const answer = await t.api('GET', `/crm/v7/Leads?fields=Last_Name,Email&ids=${SAMPLE_IDS[0]}`);
    expect(answer.json.data).toStrictEqual([{ Last_Name: 'Maclead (Sample)', Email: 'christopher-maclead@noemail.invalid', id: SAMPLE_IDS[0] }]);
  });

  it('takes at most 50 fields: more are LIMIT_EXCEEDED, as the Get Records page lists', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/get-records.html: "you can include a maximum of 50 field API
    // names in this parameter"; Possible Errors: "LIMIT_EXCEEDED HTTP 400 Fields limit exceeded".
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `Field_${i}`).join(',');
    expect((await t.api('GET', `/crm/v7/Leads?fields=${fields(50)}`)).status).toBe(200);
    for (const path of [`/crm/v7/Leads?fields=${fields(51)}`, `/crm/v7/Leads/${SAMPLE_IDS[0]}?fields=${fields(51)}`]) {
      const answer = await t.api('GET', path);
      expect([answer.status, answer.json], path).toStrictEqual([400, zohoError('LIMIT_EXCEEDED', 'Fields limit exceeded', { limit: 50 })]);
    }
  });

  it('lists Notes for admin users only: NOT_SUPPORTED (403) for a standard user', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/get-records.html: "Only admin users can fetch the records from the
    // Notes module"; Possible Errors: "NOT_SUPPORTED HTTP 403 This API is supported only for admin users."
    const standard = await t.token(['ZohoCRM.modules.ALL'], { user: '4104050000000235011' });
    const answer = await t.api('GET', '/crm/v7/Notes', { token: standard });
    expect([answer.status, answer.json]).toStrictEqual([403, zohoError('NOT_SUPPORTED', 'This API is supported only for admin users.')]);
    expect((await t.api('GET', '/crm/v7/Leads', { token: standard })).status).toBe(200);
    expect((await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}/Notes`, { token: standard })).status).toBe(200);
    expect((await t.api('GET', '/crm/v7/Notes')).status).toBe(200);
  });

  it('answers 204 with no body for an empty page or module', async () => {
    expect(await t.api('GET', '/crm/v7/Leads?page=9')).toMatchObject({ status: 204, text: '' });
    expect((await t.api('GET', '/crm/v7/Vendors')).status).toBe(204);
  });

  it('lists newest first (id, descending) unless sort_by / sort_order say otherwise', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/get-records.html: sort_order "The default value is 'desc'";
    // sort_by "The default value is 'id'" (the sample answers "sort_by": "id", "sort_order": "desc").
    const order = async (query: string) => (await t.api('GET', `/crm/v7/Leads?fields=Last_Name${query}`)).json.data.map((r: { id: string }) => r.id);
    const byIdDesc = ['410405000002264077', '410405000002264063', '410405000002264052', SAMPLE_IDS[0], SAMPLE_IDS[1]];
    expect(await order('')).toStrictEqual(byIdDesc);
    expect(await order('&sort_order=asc')).toStrictEqual([...byIdDesc].reverse());
    expect(await order('&sort_by=id&sort_order=desc&per_page=2&page=2')).toStrictEqual(byIdDesc.slice(2, 4));
    // Any field (v2 sorts by any; Deluge's getRecords page sorts Contacts by First_Name), empty values last.
    expect(await order('&sort_by=Last_Name&sort_order=asc')).toStrictEqual(['410405000002264052', '410405000002264063', '410405000002264077', SAMPLE_IDS[1], SAMPLE_IDS[0]]);
    expect(await order('&sort_by=No_of_Employees')).toStrictEqual(['410405000002264052', SAMPLE_IDS[0], '410405000002264077', SAMPLE_IDS[1], '410405000002264063']);
    const bad = await t.api('GET', '/crm/v7/Leads?sort_order=up');
    expect([bad.status, bad.json.code]).toStrictEqual([400, 'INVALID_DATA']);
  });

  it('shows subform rows only when one record is fetched, not in a list', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/get-records.html: "You can get the values of subform records …
    // in the response only when a specific record is fetched."
    const added = await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'Rows' }, subform: [{ Item: 'a' }] }] });
    const id = added.json.records[0].id;
    const listed = await t.api('GET', `/crm/v7/Leads?ids=${id}`);
    expect(listed.json.data[0]).toMatchObject({ Last_Name: 'Rows', id });
    expect(listed.json.data[0]).not.toHaveProperty('Subform_1');
    expect((await t.api('GET', `/crm/v7/Leads?ids=${id}&fields=Last_Name,Subform_1`)).json.data[0]).toStrictEqual({ Last_Name: 'Rows', id });
    const one = await t.api('GET', `/crm/v7/Leads/${id}`);
    expect(one.json.data[0].Subform_1).toStrictEqual([{ Item: 'a', id: expect.stringMatching(/^\d+$/) }]);
  });

  it('ids= lists only those records (unknown ids left out; none found: 204)', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v2/get-records.html: "ids … To retrieve specific records based on
    // their unique ID".
    const answer = await t.api('GET', `/crm/v7/Leads?fields=Last_Name&ids=${SAMPLE_IDS[1]}, 410405000009999999,${SAMPLE_IDS[0]}`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toStrictEqual([
      { Last_Name: 'Maclead (Sample)', id: SAMPLE_IDS[0] },
      { Last_Name: 'Kidman (Sample)', id: SAMPLE_IDS[1] },
    ]);
    expect(answer.json.info).toStrictEqual({ per_page: 200, count: 2, page: 1, more_records: false });
    expect((await t.api('GET', '/crm/v7/Leads?ids=410405000009999999')).status).toBe(204);
    const bad = await t.api('GET', '/crm/v7/Leads?ids=abc');
    expect([bad.status, bad.json.code]).toStrictEqual([400, 'UNABLE_TO_PARSE_DATA_TYPE']);
  });

  it('rejects page numbers that are not numbers', async () => {
    const answer = await t.api('GET', '/crm/v7/Leads?page=two');
    expect([answer.status, answer.json.code]).toStrictEqual([400, 'UNABLE_TO_PARSE_DATA_TYPE']);
  });
});

describe('GET /{module}/{id}', () => {
  it('gets one record in a data list', async () => {
    const answer = await t.api('GET', '/crm/v2/Deals/410405000002267001');
    expect(answer.status).toBe(200);
    expect(answer.json.data).toHaveLength(1);
    expect(answer.json.data[0]).toMatchObject({ Deal_Name: 'Zylker - 200 licences', Account_Name: { name: 'Zylker Inc', id: '410405000002265001' } });
  });

  it('answers INVALID_DATA for an id that is not a live record', async () => {
    const answer = await t.api('GET', '/crm/v7/Leads/410405000009999999');
    expect(answer.status).toBe(400);
    expect(answer.json).toStrictEqual(zohoError('INVALID_DATA', 'the id given seems to be invalid', { resource_path_index: 1 }));
  });
});

describe('POST /{module} (insert)', () => {
  it('adds records (201) with the details Zoho gives, keeping long numeric ids exact', async () => {
    const body = '{"data":[{"Last_Name":"Nguyen","Company":"Acme","Owner":{"id":4104050000000235011},"No_of_Employees":12}],"trigger":["workflow"]}';
    const answer = await t.api('POST', '/crm/v7/Leads', { body });
    expect(answer.status).toBe(201);
    const [entry] = answer.json.data;
    expect(entry).toMatchObject({ code: 'SUCCESS', message: 'record added', status: 'success' });
    expect(entry.details).toStrictEqual({
      Modified_Time: '2025-03-03T09:00:00+00:00',
      Modified_By: ADMIN,
      Created_Time: '2025-03-03T09:00:00+00:00',
      id: expect.stringMatching(/^\d{18}$/),
      Created_By: ADMIN,
    });
    const stored = await t.api('GET', `/crm/v7/Leads/${entry.details.id}`);
    expect(stored.json.data[0]).toMatchObject({ Last_Name: 'Nguyen', No_of_Employees: 12, Owner: { id: '4104050000000235011', name: 'Amit Rao' } });
  });

  it('reports a missing mandatory field per record: 207 when others succeed, 400 when none does', async () => {
    const mixed = await t.api('POST', '/crm/v7/Leads', { body: { data: [{ Company: 'No name' }, { Last_Name: 'Ok' }] } });
    expect(mixed.status).toBe(207);
    expect(mixed.json.data[0]).toStrictEqual({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' },
      message: 'required field not found',
      status: 'error',
    });
    const none = await t.api('POST', '/crm/v7/Deals', { body: { data: [{ Deal_Name: 'No stage' }] } });
    expect(none.status).toBe(400);
    expect(none.json.data[0].details.api_name).toBe('Stage');
  });

  it('rejects an unknown owner, bodies that are not JSON, a missing data list and more than 100 records', async () => {
    const owner = await t.api('POST', '/crm/v7/Leads', { body: { data: [{ Last_Name: 'X', Owner: { id: '1' } }] } });
    expect(owner.json.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Owner' } });
    expect((await t.api('POST', '/crm/v7/Leads', { body: '{"data":[' })).json.code).toBe('UNABLE_TO_PARSE_DATA_TYPE');
    expect((await t.api('POST', '/crm/v7/Leads', { body: { records: [] } })).json).toStrictEqual(
      zohoError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data', json_path: '$.data' }),
    );
    const many = await t.api('POST', '/crm/v7/Leads', { body: { data: Array.from({ length: 101 }, () => ({ Last_Name: 'X' })) } });
    expect([many.status, many.json.code]).toStrictEqual([400, 'LIMIT_EXCEEDED']);
  });

  it('gives a subform row whose id no record could have (beyond a Java long) an id of its own; later inserts still work', async () => {
    // Keeping 99999999999999999999999 made every id generated after it too long: each later insert answered 500.
    const rows = await t.api('POST', '/crm/v7/Leads', { body: { data: [{ Last_Name: 'Rows', Subform_1: [{ id: '99999999999999999999999', Item: 1 }] }] } });
    expect(rows.status).toBe(201);
    const stored = await t.api('GET', `/crm/v7/Leads/${rows.json.data[0].details.id}`);
    expect(stored.json.data[0].Subform_1).toStrictEqual([{ id: expect.stringMatching(/^[1-9]\d{17}$/), Item: 1 }]);
    const next = await t.api('POST', '/crm/v7/Leads', { body: { data: [{ Last_Name: 'Next' }] } });
    expect([next.status, next.json.data[0].details.id]).toStrictEqual([201, expect.stringMatching(/^[1-9]\d{17}$/)]);
  });
});

describe('PUT /{module} and /{module}/{id} (update)', () => {
  it('updates records by id in bulk, per record', async () => {
    t.clock += 60_000;
    const answer = await t.api('PUT', '/crm/v7/Leads', {
      body: { data: [{ id: SAMPLE_IDS[0], Lead_Status: 'Qualified' }, { id: '410405000009999999', Lead_Status: 'X' }, { Lead_Status: 'no id' }] },
    });
    expect(answer.status).toBe(207);
    expect(answer.json.data.map((d: { code: string }) => d.code)).toStrictEqual(['SUCCESS', 'INVALID_DATA', 'MANDATORY_NOT_FOUND']);
    expect(answer.json.data[0]).toMatchObject({ message: 'record updated', details: { id: SAMPLE_IDS[0], Modified_Time: '2025-03-03T09:01:00+00:00' } });
    const stored = (await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}`)).json.data[0];
    expect(stored).toMatchObject({ Lead_Status: 'Qualified', Last_Name: 'Maclead (Sample)', Modified_Time: '2025-03-03T09:01:00+00:00' });
  });

  it('updates one record by path; a locked record is RECORD_LOCKED; an unknown id INVALID_DATA', async () => {
    const ok = await t.api('PUT', `/crm/v7/Leads/${SAMPLE_IDS[1]}`, { body: { data: [{ Rating: 'Hot', Owner: { id: '4104050000000235011' } }] } });
    expect([ok.status, ok.json.data[0].code]).toStrictEqual([200, 'SUCCESS']);
    expect((await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[1]}`)).json.data[0].Owner.id).toBe('4104050000000235011');

    const [locked] = (await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: 'L' }, state: 'locked' }] })).json.records;
    const refused = await t.api('PUT', `/crm/v7/Leads/${locked.id}`, { body: { data: [{ Rating: 'Hot' }] } });
    expect([refused.status, refused.json.data[0].code]).toStrictEqual([400, 'RECORD_LOCKED']);
    const missing = await t.api('PUT', '/crm/v7/Leads/410405000009999999', { body: { data: [{ Rating: 'Hot' }] } });
    expect(missing.json).toStrictEqual(zohoError('INVALID_DATA', 'the id given seems to be invalid', { resource_path_index: 1 }));
  });

  it('by path, updates the record with data[0] only; an update may leave a mandatory field out, not empty it', async () => {
    const byPath = await t.api('PUT', `/crm/v7/Leads/${SAMPLE_IDS[0]}`, { body: { data: [{ Company: 'X1' }, { Company: 'X2' }] } });
    expect([byPath.status, byPath.json.data.length]).toStrictEqual([200, 1]);
    expect((await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}`)).json.data[0].Company).toBe('X1');
    const emptied = await t.api('PUT', '/crm/v7/Leads', { body: { data: [{ id: SAMPLE_IDS[0], Last_Name: '' }] } });
    expect(emptied.json.data[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' } });
    expect((await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}`)).json.data[0].Last_Name).toBe('Maclead (Sample)');
  });

  it('refuses to update a record in any state that refuses a delete, by path, in bulk and by upsert, and leaves it as it was', async () => {
    const states = [
      ['locked', 'RECORD_LOCKED', 'You cannot perform this operation as the record is locked.'],
      ['zia_image_pending', 'RECORD_LOCKED', 'Cannot update record that is not approved yet'],
      ['merging', 'RECORD_LOCKED', 'Cannot update record that is not approved yet'],
      ['approval_pending', 'NOT_APPROVED', 'Cannot update record that is not approved yet'],
      ['image_rejected', 'NOT_APPROVED', 'Cannot update record that is not approved yet'],
    ] as const;
    for (const [state, code, message] of states) {
      const [record] = (await t.admin('POST', 'records/Leads', { records: [{ fields: { Last_Name: state, Email: `${state}@example.com` }, state }] })).json.records;
      const byPath = await t.api('PUT', `/crm/v7/Leads/${record.id}`, { body: { data: [{ Rating: 'Hot' }] } });
      const inBulk = await t.api('PUT', '/crm/v7/Leads', { body: { data: [{ id: record.id, Rating: 'Hot' }] } });
      const byUpsert = await t.api('POST', '/crm/v7/Leads/upsert', { body: { data: [{ Last_Name: state, Email: `${state}@example.com`, Rating: 'Hot' }] } });
      for (const answer of [byPath, inBulk, byUpsert]) {
        expect([answer.status, answer.json.data[0]], state).toStrictEqual([400, { code, details: { id: record.id }, message, status: 'error' }]);
      }
      expect((await t.api('GET', `/crm/v7/Leads/${record.id}`)).json.data[0].Rating ?? null, state).toBeNull();
    }
  });
});

describe('POST /{module}/upsert', () => {
  it('updates the record matching the duplicate-check field (Email for Leads) and inserts the rest', async () => {
    const answer = await t.api('POST', '/crm/v7/Leads/upsert', {
      body: { data: [{ Last_Name: 'Kidman', Email: 'CARISSA-KIDMAN@noemail.invalid', Rating: 'Hot' }, { Last_Name: 'New', Email: 'new@example.com' }] },
    });
    expect(answer.status).toBe(200);
    const [updated, inserted] = answer.json.data;
    expect(updated).toMatchObject({ code: 'SUCCESS', duplicate_field: 'Email', action: 'update', message: 'record updated', details: { id: SAMPLE_IDS[1] } });
    expect(Object.keys(updated)).toStrictEqual(['code', 'duplicate_field', 'action', 'details', 'message', 'status']);
    expect(inserted).toMatchObject({ code: 'SUCCESS', duplicate_field: null, action: 'insert', message: 'record added' });
    expect((await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[1]}`)).json.data[0].Rating).toBe('Hot');
  });

  it('takes duplicate_check_fields, and an id updates that record', async () => {
    const byCompany = await t.api('POST', '/crm/v7/Leads/upsert', { body: { data: [{ Last_Name: 'X', Company: 'chapman' }], duplicate_check_fields: ['Company'] } });
    expect(byCompany.json.data[0]).toMatchObject({ action: 'update', duplicate_field: 'Company', details: { id: SAMPLE_IDS[0] } });
    const byId = await t.api('POST', '/crm/v7/Leads/upsert', { body: { data: [{ id: SAMPLE_IDS[1], City: 'Berlin' }] } });
    expect(byId.json.data[0]).toMatchObject({ action: 'update', duplicate_field: null });
  });

  it('matches Cases, Quotes, Sales_Orders, Purchase_Orders and Invoices on Subject, their system-defined duplicate check', async () => {
    // Zoho's Kaizen #56 (Upsert Records API) lists Subject as the system-defined duplicate check field of these modules.
    const modules: Record<string, Record<string, string>> = {
      Cases: { Case_Origin: 'Email', Status: 'New' },
      Quotes: {},
      Sales_Orders: {},
      Purchase_Orders: { Vendor_Name: 'Zylker Supplies' },
      Invoices: { Account_Name: 'Zylker Inc' },
    };
    for (const [module, mandatory] of Object.entries(modules)) {
      const first = await t.api('POST', `/crm/v7/${module}/upsert`, { body: { data: [{ Subject: 'Renewal 2025', ...mandatory }] } });
      expect(first.json.data[0], module).toMatchObject({ action: 'insert' });
      const second = await t.api('POST', `/crm/v7/${module}/upsert`, { body: { data: [{ Subject: 'renewal 2025', Description: 'again', ...mandatory }] } });
      expect(second.json.data[0], module).toMatchObject({ action: 'update', duplicate_field: 'Subject', details: { id: first.json.data[0].details.id } });
    }
  });
});

describe('GET /{module}/search', () => {
  it('finds records by criteria, newest (highest id) first: equals (as contains), starts_with, and/or groups, lookups, case-insensitive', async () => {
    const ids = async (criteria: string) => {
      const answer = await t.api('GET', `/crm/v7/Leads/search?criteria=${encodeURIComponent(criteria)}`);
      return answer.status === 204 ? [] : answer.json.data.map((r: { id: string }) => r.id);
    };
    // Zoho's search sorts by id, descending (the Search Records page's sample answer: "sort_by": "id", "sort_order":
    // "desc", https://www.zoho.com/crm/developer/docs/api/v7/search-records.html).
    expect(await ids('(Email:equals:FELIX.HIRPARA@zylker.com)')).toStrictEqual(['410405000002264063', '410405000002264052']);
    expect(await ids('(Company:starts_with:oh my)')).toStrictEqual([SAMPLE_IDS[1]]);
    expect(await ids('((Country:equals:Germany)or(Country:equals:India))')).toStrictEqual(['410405000002264077', SAMPLE_IDS[1]]);
    // equals behaves like contains (Zoho: "(Company:equals:ABC)" finds "ABC" and "ABC Inc"): Zylker and Zylker Inc.
    expect(await ids('((Last_Name:equals:Hirpara)and(Company:equals:Zylker))')).toStrictEqual(['410405000002264063', '410405000002264052']);
    expect(await ids('((Company:equals:Oh My)and(Country:equals:Germany))')).toStrictEqual([SAMPLE_IDS[1]]);
    expect(await ids('(Company:not_equal:Zylker)')).not.toContain('410405000002264063');
    expect(await ids('(No_of_Employees:greater_than:300)')).toStrictEqual(['410405000002264052', SAMPLE_IDS[0]]);
    expect(await ids('(Owner.id:equals:4104050000000235011)')).toStrictEqual(['410405000002264077']);
    expect(await ids('(Tag:equals:VIP)')).toStrictEqual(['410405000002264052']);
    expect(await ids('(Last_Name:equals:Maclead \\(Sample\\))')).toStrictEqual([SAMPLE_IDS[0]]);
    expect(await ids('(Lead_Status:in:Junk Lead,Contacted)')).toStrictEqual(['410405000002264077', SAMPLE_IDS[0]]);
    // One condition without parentheses, as the page's sample "criteria=Campaign_Name:equals:CRM".
    expect(await ids('Last_Name:equals:Iyer')).toStrictEqual(['410405000002264077']);
  });

  it('compares date-times as the instants they name, whatever the offset each is written with', async () => {
    const ids = async (criteria: string) => {
      const answer = await t.api('GET', `/crm/v7/Leads/search?criteria=${encodeURIComponent(criteria)}`);
      return answer.status === 204 ? [] : answer.json.data.map((r: { id: string }) => r.id);
    };
    // The sandbox keeps UTC (`+00:00`); a script searches with its own zone's offset, as Zoho's examples do
    // (`Modified_Time:greater_equal:2023-04-19T05:58:06+05:30`).
    const { Created_Time: created } = (await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}`)).json.data[0];
    const instant = Date.parse(created);
    const inIndia = (ms: number) => new Date(ms + 330 * 60_000).toISOString().slice(0, 19) + '+05:30';
    expect(await ids(`(Created_Time:equals:${inIndia(instant)})`)).toContain(SAMPLE_IDS[0]);
    expect(await ids(`(Created_Time:greater_than:${inIndia(instant - 60_000)})`)).toContain(SAMPLE_IDS[0]);
    expect(await ids(`(Created_Time:greater_than:${inIndia(instant)})`)).not.toContain(SAMPLE_IDS[0]);
    expect(await ids(`(Created_Time:less_equal:${inIndia(instant)})`)).toContain(SAMPLE_IDS[0]);
  });

  it('answers 204 when nothing matches, as Zoho does', async () => {
    const answer = await t.api('GET', '/crm/v7/Leads/search?criteria=(Email:equals:nobody@example.com)');
    expect([answer.status, answer.text]).toStrictEqual([204, '']);
  });

  it('searches by email, phone and word', async () => {
    const email = await t.api('GET', '/crm/v7/Contacts/search?email=grace.okafor@chapman.example');
    expect(email.json.data.map((r: { id: string }) => r.id)).toStrictEqual(['410405000002266015']);
    const phone = await t.api('GET', `/crm/v7/Leads/search?phone=${encodeURIComponent('+44 20 7946 0018')}`);
    expect(phone.json.data.map((r: { id: string }) => r.id)).toStrictEqual(['410405000002264052']);
    const word = await t.api('GET', '/crm/v7/Accounts/search?word=austin');
    expect(word.json.data.map((r: { Account_Name: string }) => r.Account_Name)).toStrictEqual(['Zylker Inc']);
  });

  it('a word is looked for in the fields\' values, never in their keys nor in the ids and addresses inside a lookup', async () => {
    // Every Lead has an Owner `{"name","id","email"}`; some have tags `{"name","id","color_code"}`.
    for (const word of ['lead_source', 'color_code', 'p.boyle', '4104050000000235001']) {
      expect((await t.api('GET', `/crm/v7/Leads/search?word=${word}`)).status, word).toBe(204);
    }
    const byTag = await t.api('GET', '/crm/v7/Leads/search?word=VIP');
    expect(byTag.json.data.map((r: { id: string }) => r.id)).toStrictEqual(['410405000002264052']);
  });

  it('fetches at most the first 2000 matches: a page beyond them is LIMIT_REACHED', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/search-records.html: "You can search for and fetch a maximum of
    // 2000 records using this API. Exceeding this limit throws the "LIMIT_REACHED" error." — "LIMIT_REACHED HTTP 400
    // Maximum response iteration limit reached".
    const criteria = 'criteria=(Last_Name:equals:Iyer)';
    expect((await t.api('GET', `/crm/v7/Leads/search?${criteria}&page=10&per_page=200`)).status).toBe(204);
    for (const paging of ['page=11&per_page=200', 'page=2001&per_page=1', 'page=14&per_page=150']) {
      const answer = await t.api('GET', `/crm/v7/Leads/search?${criteria}&${paging}`);
      expect(answer.status, paging).toBe(400);
      expect(answer.json, paging).toStrictEqual(zohoError('LIMIT_REACHED', 'Maximum response iteration limit reached', { limit: 2000 }));
    }
  });

  it('a word of fewer than two characters is INVALID_DATA, as the Search Records page lists it', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/search-records.html: "INVALID_DATA HTTP 400 The search value
    // contains special characters or does not contain at least two characters".
    for (const word of ['a', '%20b%20']) {
      const answer = await t.api('GET', `/crm/v7/Leads/search?word=${word}`);
      expect(answer.status, word).toBe(400);
      expect(answer.json, word).toStrictEqual(
        zohoError('INVALID_DATA', 'The search value contains special characters or does not contain at least two characters', { param_name: 'word' }),
      );
    }
    expect((await t.api('GET', '/crm/v7/Leads/search?word=iy')).json.data.map((r: { Last_Name: string }) => r.Last_Name)).toStrictEqual(['Iyer']);
  });

  it('rejects a missing or malformed criteria with the codes and messages of the Search Records page', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/search-records.html, "Possible Errors": EXPECTED_PARAM_MISSING
    // "mandatory param missing", INVALID_QUERY "invalid query formed".
    for (const query of ['', '?criteria=', '?page=1']) {
      const missing = await t.api('GET', `/crm/v7/Leads/search${query}`);
      expect(missing.status, query).toBe(400);
      expect(missing.json, query).toStrictEqual(zohoError('EXPECTED_PARAM_MISSING', 'mandatory param missing', { param_names: ['criteria', 'email', 'phone', 'word'] }));
    }
    const bad = await t.api('GET', '/crm/v7/Leads/search?criteria=(Email:like:x)');
    expect(bad.status).toBe(400);
    expect(bad.json).toStrictEqual(zohoError('INVALID_QUERY', 'invalid query formed', { reason: 'invalid operator found: like' }));
  });
});

describe('Activities', () => {
  it('reads show the tasks, events and calls it holds, as a delete through it finds them', async () => {
    const task = '410405000002269001';
    const [event] = (await t.admin('POST', 'records/Events', { records: [{ fields: { Event_Title: 'Demo', What_Id: { id: SAMPLE_IDS[0] } } }] })).json.records;
    const listed = await t.api('GET', '/crm/v7/Activities');
    expect(listed.json.data.map((r: { id: string }) => r.id)).toStrictEqual([event.id, task]);
    expect((await t.api('GET', `/crm/v7/Activities?ids=${task}`)).json.data.map((r: { id: string }) => r.id)).toStrictEqual([task]);
    expect((await t.api('GET', `/crm/v7/Activities/${task}`)).json.data[0]).toMatchObject({ id: task, Subject: 'Call Christopher about the renewal' });
    const found = await t.api('GET', `/crm/v7/Activities/search?criteria=${encodeURIComponent('(Subject:starts_with:Call)')}`);
    expect(found.json.data.map((r: { id: string }) => r.id)).toStrictEqual([task]);
    const related = await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}/Activities`);
    expect(related.json.data.map((r: { id: string }) => r.id)).toStrictEqual([task, event.id]);
    // An update through Activities is refused by path as in bulk: only reads see the records it holds.
    expect((await t.api('PUT', `/crm/v7/Activities/${task}`, { body: { data: [{ Subject: 'T2' }] } })).status).toBe(400);
    expect((await t.api('PUT', '/crm/v7/Activities', { body: { data: [{ id: task, Subject: 'T2' }] } })).status).toBe(400);
    // Deleted through Activities, the task is gone from every read of it.
    expect((await t.api('DELETE', `/crm/v7/Activities?ids=${task}`)).json.data[0].code).toBe('SUCCESS');
    expect((await t.api('GET', `/crm/v7/Activities/${task}`)).status).toBe(400);
    expect((await t.api('GET', `/crm/v7/Tasks/${task}`)).status).toBe(400);
  });
});

describe('GET /{module}/{id}/{related_list}', () => {
  it('lists the Notes, Contacts and Deals that point at a record', async () => {
    const notes = await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}/Notes`);
    expect(notes.json.data.map((n: { Note_Title: string }) => n.Note_Title)).toStrictEqual(['Budget']);
    const contacts = await t.api('GET', '/crm/v7/Accounts/410405000002265001/Contacts');
    expect(contacts.json.data.map((c: { Last_Name: string }) => c.Last_Name)).toStrictEqual(['Moreau']);
    const deals = await t.api('GET', '/crm/v7/Accounts/410405000002265014/Deals');
    expect(deals.json.data.map((d: { Deal_Name: string }) => d.Deal_Name)).toStrictEqual(['Chapman - advisory retainer']);
    expect((await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[1]}/Notes`)).status).toBe(204);
  });

  it('a lookup written as a bare id (as Deluge scripts write it) or as {"id"} links the record, with its name', async () => {
    const created = await t.api('POST', '/crm/v7/Contacts', {
      body: JSON.stringify({ data: [{ Last_Name: 'Bare', Account_Name: '410405000002265001' }, { Last_Name: 'Braced', Account_Name: { id: '410405000002265001' } }] }),
    });
    const ids = created.json.data.map((d: { details: { id: string } }) => d.details.id);
    for (const id of ids) {
      const got = await t.api('GET', `/crm/v7/Contacts/${id}`);
      expect(got.json.data[0].Account_Name).toStrictEqual({ name: 'Zylker Inc', id: '410405000002265001' });
    }
    const contacts = await t.api('GET', '/crm/v7/Accounts/410405000002265001/Contacts');
    expect(contacts.json.data.map((c: { Last_Name: string }) => c.Last_Name)).toStrictEqual(['Moreau', 'Bare', 'Braced']);
    // A number that is no record's id, or a field that is no lookup's, stays as given.
    const other = await t.api('POST', '/crm/v7/Contacts', { body: JSON.stringify({ data: [{ Last_Name: 'Plain', Account_Name: '410405000009999999', Phone: '410405000002265001' }] }) });
    const plain = await t.api('GET', `/crm/v7/Contacts/${other.json.data[0].details.id}`);
    expect([plain.json.data[0].Account_Name, plain.json.data[0].Phone]).toStrictEqual(['410405000009999999', '410405000002265001']);
  });

  it('rejects an unknown related list or parent', async () => {
    // https://www.zoho.com/crm/developer/docs/api/get-related-records.html (v2), Possible Errors: "400 INVALID_DATA The
    // relation name given seems to be invalid — If the RelatedModule or RelatedAPIName is invalid".
    const list = await t.api('GET', `/crm/v7/Leads/${SAMPLE_IDS[0]}/Nothing`);
    expect([list.status, list.json]).toStrictEqual([400, zohoError('INVALID_DATA', 'The relation name given seems to be invalid', { resource_path_index: 2 })]);
    expect((await t.api('GET', '/crm/v7/Leads/410405000009999999/Notes')).json.details).toStrictEqual({ resource_path_index: 1 });
  });
});

describe('scopes of the other operations', () => {
  it('READ, CREATE and UPDATE in both forms; WRITE covers create and update', async () => {
    const reader = await t.token(['ZohoCRM.modules.leads.READ', 'ZohoSearch.securesearch.READ']);
    expect((await t.api('GET', '/crm/v7/Leads', { token: reader })).status).toBe(200);
    expect((await t.api('GET', '/crm/v7/Leads/search?word=felix', { token: reader })).status).toBe(200);
    expect((await t.api('GET', '/crm/v7/Contacts', { token: reader })).json).toStrictEqual(zohoError('OAUTH_SCOPE_MISMATCH', 'Unauthorized'));
    expect((await t.api('POST', '/crm/v7/Leads', { token: reader, body: { data: [{ Last_Name: 'X' }] } })).status).toBe(401);

    const creator = await t.token(['ZohoCRM.modules.leads.CREATE']);
    expect((await t.api('POST', '/crm/v7/Leads', { token: creator, body: { data: [{ Last_Name: 'X' }] } })).status).toBe(201);
    expect((await t.api('POST', '/crm/v7/Leads/upsert', { token: creator, body: { data: [{ Last_Name: 'Y' }] } })).status).toBe(200);
    expect((await t.api('PUT', `/crm/v7/Leads/${SAMPLE_IDS[0]}`, { token: creator, body: { data: [{ Rating: 'Hot' }] } })).status).toBe(401);

    const writer = await t.token(['ZohoCRM.modules.leads.WRITE']);
    expect((await t.api('PUT', `/crm/v7/Leads/${SAMPLE_IDS[0]}`, { token: writer, body: { data: [{ Rating: 'Hot' }] } })).status).toBe(200);
    expect((await t.api('GET', '/crm/v7/Leads', { token: writer })).status).toBe(401);

    const all = await t.token(['ZohoCRM.modules.ALL']);
    expect((await t.api('GET', '/crm/v7/Notes', { token: all })).status).toBe(200);
  });

  it('search also needs ZohoSearch.securesearch.READ (the startup token has it)', async () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/search-records.html: "scope=ZohoCRM.modules.{module_name}.
    // {operation_type} (and) scope=ZohoSearch.securesearch.READ"; "OAUTH_SCOPE_MISMATCH HTTP 401 Unauthorized …
    // Client does not have ZohoSearch.securesearch.READ scope".
    const path = '/crm/v7/Leads/search?criteria=(Last_Name:equals:Iyer)';
    for (const scopes of [['ZohoCRM.modules.ALL'], ['ZohoCRM.modules.leads.READ']]) {
      const answer = await t.api('GET', path, { token: await t.token(scopes) });
      expect([answer.status, answer.json], scopes[0]).toStrictEqual([401, zohoError('OAUTH_SCOPE_MISMATCH', 'Unauthorized')]);
    }
    for (const scopes of [['ZohoCRM.modules.ALL', 'ZohoSearch.securesearch.READ'], ['ZohoCRM.modules.leads.READ', 'zohosearch.SECURESEARCH.read']]) {
      expect((await t.api('GET', path, { token: await t.token(scopes) })).status, scopes[1]).toBe(200);
    }
    // Search scope alone does not read the module.
    expect((await t.api('GET', path, { token: await t.token(['ZohoSearch.securesearch.READ']) })).status).toBe(401);
    expect((await t.api('GET', path)).status).toBe(200);
  });
});
