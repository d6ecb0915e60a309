/**
 * The per-record outcomes the runner reads out of a response value (`recordOutcomesOf`): every record in order,
 * whatever its id looks like, and nothing for answers that are not per-record.
 */
import { describe, expect, it } from 'vitest';
import { deletedIdsNamed } from '../../src/http/crm-delete-ids.js';
import { idsNotInAnswer, idsNotRequested, outcomesOf, recordOutcomes, recordOutcomesOf, withRecords } from '../../src/runner/records.js';
import { parseJson } from '../../src/runtime/json.js';
import { MapValue } from '../../src/runtime/values.js';

const answer = (data: unknown[]): string => JSON.stringify({ data });
const deleted = (id: string) => ({ code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' });

describe('recordOutcomesOf', () => {
  it('lists every record of a bulk delete answer in order, with its id, code, status and message', () => {
    const ids = ['410405000002264040', '410405000002264025', '7', 'an,id with a comma'];
    const outcomes = recordOutcomesOf(parseJson(answer([...ids.map(deleted), { code: 'INVALID_DATA', details: { id: '99' }, message: 'record not deleted', status: 'error' }])));
    expect(outcomes?.all()).toEqual([
      ...ids.map((id) => ({ id, code: 'SUCCESS', status: 'success', message: 'record deleted' })),
      { id: '99', code: 'INVALID_DATA', status: 'error', message: 'record not deleted' },
    ]);
  });

  it("keeps a message as it is printed: a key a server echoes in it is masked (the summary, --json and the audit log show it)", () => {
    const refused = (id: string) => ({ code: 'INVALID_DATA', details: { id }, message: 'refused for sk_live_4eC39HqLyjWDarjtT1zdp7dc', status: 'error' });
    const outcomes = recordOutcomesOf(parseJson(answer([refused('1'), refused('2'), deleted('3')])));
    expect(outcomes?.all().map((r) => r.message)).toEqual(['refused for ****', 'refused for ****', 'record deleted']);
  });

  it("is not a module's records whose fields are named code and status (a GET of them): only Zoho's success and error are outcomes", () => {
    const records = '{"data":[{"Name":"w","code":"A1","status":"Active","id":"600000000000000011"},{"Name":"v","code":"B2","status":"Inactive","id":"600000000000000012"}]}';
    expect(recordOutcomesOf(parseJson(records))).toBeUndefined();
    expect(recordOutcomesOf(parseJson(answer([deleted('1'), { code: 'A1', status: 'Active' }])))).toBeUndefined();
  });

  it('gives a null id for a record without details or an id, and a whole-number id as its digits', () => {
    const outcomes = recordOutcomesOf(
      parseJson('{"data":[{"code":"SUCCESS","status":"success","message":"ok"},{"code":"SUCCESS","details":{"id":4876876000000624001},"status":"success"},{"code":"SUCCESS","details":{},"status":"success"}]}'),
    );
    expect(outcomes?.all()).toEqual([
      { id: null, code: 'SUCCESS', status: 'success', message: 'ok' },
      { id: '4876876000000624001', code: 'SUCCESS', status: 'success', message: '' },
      { id: null, code: 'SUCCESS', status: 'success', message: '' },
    ]);
  });

  it('reads each record by its own keys: records whose keys come in another order, and records the script changed', () => {
    const value = parseJson(
      '{"data":[{"code":"SUCCESS","details":{"id":"1"},"message":"record deleted","status":"success"},' +
        '{"status":"error","message":"record not deleted","details":{"id":"2"},"code":"INVALID_DATA"},' +
        '{"code":"SUCCESS","details":{"id":"3"},"message":"record deleted","status":"success"},' +
        '{"code":"SUCCESS","details":{"id":"4"},"message":"record deleted","status":"success"}]}',
    ) as MapValue;
    // The script changed the third record's details and the fourth record (each becomes a Map of its own).
    const records = (value.lookup('data') as { items: MapValue[] }).items;
    (records[2]!.lookup('details') as MapValue).entries.set('id', '33');
    records[3]!.entries.set('message', 'changed');
    expect(recordOutcomesOf(value)?.all()).toEqual([
      { id: '1', code: 'SUCCESS', status: 'success', message: 'record deleted' },
      { id: '2', code: 'INVALID_DATA', status: 'error', message: 'record not deleted' },
      { id: '33', code: 'SUCCESS', status: 'success', message: 'record deleted' },
      { id: '4', code: 'SUCCESS', status: 'success', message: 'changed' },
    ]);
  });

  it('reads through the map of a `detailed: true` response', () => {
    const detailed = new MapValue(
      new Map([
        ['responseCode', 200n],
        ['responseText', parseJson(answer([deleted('1'), deleted('2')]))],
      ]),
    );
    expect(recordOutcomesOf(detailed)?.all().map((o) => o.id)).toEqual(['1', '2']);
  });

  it('answers undefined for anything that is not a per-record answer', () => {
    for (const text of ['{"code":"INVALID_MODULE","status":"error"}', '{"data":"x"}', '{"data":[1]}', '{"data":[{"code":"SUCCESS"}]}', '[1,2]']) {
      expect(recordOutcomesOf(parseJson(text)), text).toBeUndefined();
    }
    expect(recordOutcomes('not json')).toBeUndefined();
  });

  it('keeps the same outcomes for answers of many records (each id its own)', () => {
    const ids = Array.from({ length: 100 }, (_, i) => String(410405000002264000n + BigInt(i)));
    const outcomes = recordOutcomes(answer(ids.map(deleted)))!;
    expect(outcomes.length).toBe(100);
    expect(outcomes.all().map((o) => o.id)).toEqual(ids);
    expect(new Set(outcomes.all().map((o) => o.message))).toEqual(new Set(['record deleted']));
    expect(outcomes.failed()).toEqual([]);
  });

  it('failed(): the records not reported as success, in order, whichever record first differs from the others', () => {
    const notDeleted = (id: string) => ({ code: 'INVALID_DATA', details: { id }, message: 'record not deleted', status: 'error' });
    const locked = (id: string) => ({ code: 'RECORD_LOCKED', details: { id }, message: 'cannot delete a record that is locked', status: 'error' });
    const mixed = recordOutcomes(answer([deleted('1'), deleted('2'), notDeleted('3'), deleted('4'), locked('5')]))!;
    expect(mixed.failed()).toEqual([
      { id: '3', code: 'INVALID_DATA', status: 'error', message: 'record not deleted' },
      { id: '5', code: 'RECORD_LOCKED', status: 'error', message: 'cannot delete a record that is locked' },
    ]);
    expect(mixed.all().map((o) => `${o.id} ${o.code} ${o.status} ${o.message}`)).toEqual([
      '1 SUCCESS success record deleted',
      '2 SUCCESS success record deleted',
      '3 INVALID_DATA error record not deleted',
      '4 SUCCESS success record deleted',
      '5 RECORD_LOCKED error cannot delete a record that is locked',
    ]);
    const allFailed = recordOutcomes(answer([notDeleted('1'), notDeleted('2')]))!;
    expect(allFailed.failed().map((o) => o.id)).toEqual(['1', '2']);
    expect(recordOutcomes(answer([]))!.all()).toEqual([]);
  });
});

describe('withRecords', () => {
  it('gives a listed request its records as an enumerable array (JSON and equality see it), and keeps the outcomes', () => {
    const outcomes = recordOutcomes(answer([deleted('1'), deleted('2')]))!;
    const entry = withRecords({ method: 'DELETE', status: 200 }, outcomes);
    expect(Object.keys(entry)).toEqual(['method', 'status', 'records']);
    expect(entry).toEqual({ method: 'DELETE', status: 200, records: outcomes.all() });
    expect(JSON.parse(JSON.stringify(entry)).records).toEqual([
      { id: '1', code: 'SUCCESS', status: 'success', message: 'record deleted' },
      { id: '2', code: 'SUCCESS', status: 'success', message: 'record deleted' },
    ]);
    expect(outcomesOf(entry)).toBe(outcomes);
    expect(outcomesOf({ method: 'GET' })).toBeUndefined();
  });
});

describe('deletedIdsNamed and idsNotInAnswer', () => {
  const crm = 'https://www.zohoapis.com/crm';
  it('reads the ids a CRM DELETE names as the server does: every ids=, decoded, split, trimmed; or the path id', () => {
    expect(deletedIdsNamed('DELETE', `${crm}/v7/Leads?ids=1,%202%20,,1&wf_trigger=false&ids=3%2C4+`)).toEqual(['1', '2', '1', '3', '4']);
    expect(deletedIdsNamed('DELETE', `${crm}/v2.1/Deals/410405000002264040?wf_trigger=false`)).toEqual(['410405000002264040']);
    expect(deletedIdsNamed('DELETE', `${crm}/v7/Leads`)).toEqual([]);
    // A name written percent-encoded is the server's `ids` too; `IDS` and `idsx` are other parameters.
    expect(deletedIdsNamed('DELETE', `${crm}/v7/Leads?%69ds=900000000000000050&IDS=2&idsx=3`)).toEqual(['900000000000000050']);
    // The single-record route with ids beside its path id: the user asked for those too.
    expect(deletedIdsNamed('DELETE', `${crm}/v7/Leads/410405000002264040?ids=410405000002264025`)).toEqual(['410405000002264040', '410405000002264025']);
  });

  it('names nothing for other methods and other APIs', () => {
    expect(deletedIdsNamed('GET', `${crm}/v7/Leads?ids=1`)).toBeUndefined();
    expect(deletedIdsNamed('DELETE', 'https://www.zohoapis.com/books/v3/invoices/1')).toBeUndefined();
    expect(deletedIdsNamed('DELETE', `${crm}/v7/Leads/1/Notes/2`)).toBeUndefined();
    // APIs of a module's shape that are no module's: their answers name their own lists, not `data`.
    expect(deletedIdsNamed('DELETE', `${crm}/v7/users/4104050000000235009`)).toBeUndefined();
    expect(deletedIdsNamed('DELETE', `${crm}/v7/actions/watch?channel_ids=1`)).toBeUndefined();
    expect(deletedIdsNamed('DELETE', `${crm}/v7/settings/variables?ids=1`)).toBeUndefined();
    expect(deletedIdsNamed('DELETE', `${crm}/v7/Users_Custom/1`)).toEqual(['1']);
    // A module's routes that are no record (the sandbox answers INVALID_REQUEST_METHOD): no id `deleted` was named.
    for (const route of ['deleted', 'upsert', 'search', 'actions']) expect(deletedIdsNamed('DELETE', `${crm}/v7/Leads/${route}`), route).toBeUndefined();
  });

  it('lists the ids the answer does not mention, comparing ids as numbers', () => {
    const outcomes = recordOutcomes(answer([deleted('410405000002264040'), deleted('410405000002264025')]))!;
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true`, outcomes)).toEqual([]);
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads?ids=0410405000002264040,410405000002264025,410405000002264040`, outcomes)).toEqual([]);
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads?ids=410405000002264040&ids=410405000002264025,7,7`, outcomes)).toEqual(['7']);
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads?ids=410405000002264040,7&ids=8`, outcomes)).toEqual(['7', '8']);
    // A second `ids` written percent-encoded, after a first the answer matches as written: still not in the answer.
    const first = recordOutcomes(answer([deleted('410405000002264040')]))!;
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads?ids=410405000002264040&%69ds=410405000002264025`, first)).toEqual(['410405000002264025']);
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads?ids=7`, outcomes)).toEqual(['7']);
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads/410405000002264040?ids=7`, outcomes)).toEqual(['7']);
    expect(idsNotInAnswer('GET', `${crm}/v7/Leads?ids=7`, outcomes)).toEqual([]);
  });

  it('lists the ids the answer names that the request did not, once each, comparing ids as numbers', () => {
    const outcomes = recordOutcomes(answer([deleted('410405000002264040'), deleted('410405000002264025'), deleted('410405000002264025')]))!;
    expect(idsNotRequested('DELETE', `${crm}/v7/Leads?ids=410405000002264040,410405000002264025`, outcomes)).toEqual([]);
    expect(idsNotRequested('DELETE', `${crm}/v7/Leads?ids=0410405000002264040&ids=410405000002264025`, outcomes)).toEqual([]);
    expect(idsNotRequested('DELETE', `${crm}/v7/Leads?ids=410405000002264040`, outcomes)).toEqual(['410405000002264025']);
    expect(idsNotRequested('DELETE', `${crm}/v7/Leads/410405000002264025`, outcomes)).toEqual(['410405000002264040']);
    expect(idsNotRequested('GET', `${crm}/v7/Leads?ids=7`, outcomes)).toEqual([]);
  });

  it('an answer with no per-record outcomes mentions none of the ids (each listed once)', () => {
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads?ids=410405000002264040,410405000002264025,410405000002264040`, undefined)).toEqual(['410405000002264040', '410405000002264025']);
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads/410405000002264040`, undefined)).toEqual(['410405000002264040']);
    expect(idsNotInAnswer('DELETE', `${crm}/v7/Leads`, undefined)).toEqual([]);
    expect(idsNotInAnswer('GET', `${crm}/v7/Leads?ids=7`, undefined)).toEqual([]);
  });
});
