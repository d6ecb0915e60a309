/**
 * The `zoho.crm.*` integration tasks (src/http/zoho-crm.ts): each builds the CRM REST request `deluge run` builds
 * (REST V2 for the un-versioned tasks, V8 for `zoho.crm.v8.*`) and decodes the answer as Zoho's task pages
 * document: a list of records, a record, a write's details, or Zoho's error map.
 */
import { API_DOMAINS } from './config.js';
import { formatPattern } from './datetime.js';
import { zoneOffsetMs } from '../../../runtime/calendar.js';
import { answerValue, invokeUrlRequest, noteRecords, optionalText, responseValue, send, type HttpRequest, type HttpResponse } from './http.js';
import { parseJson } from './json.js';
import { jsonText, keyText, textForm } from './text-form.js';
import { Collection, DateTime, fail, typeName, type DelugeMap, type Value } from './values.js';

/** The CRM API domain of the un-routed requests (the US data centre; `--base-url` sends it elsewhere). */
export const CRM_API_DOMAIN = 'https://www.zohoapis.com';

/** Where a connection's `zoho.crm.*` tasks and `invokeapi` go: its data centre's API domain, else the US one. */
export function apiDomainOf(connection: string): string {
  return API_DOMAINS[connection] ?? CRM_API_DOMAIN;
}

/** The connection the tasks use when the script names none (Zoho uses the org's built-in CRM connection). */
export const DEFAULT_CRM_CONNECTION = 'zohocrm';

/** The services `invokeapi` reaches: each answers on the Zoho API domain under its own path (src/http/invokeurl.ts). */
export const INVOKEAPI_SERVICES = ['zohocrm', 'zohobooks', 'zohoinventory', 'zohobilling', 'zohosubscriptions', 'zohoexpense', 'zohoinvoice', 'zohocreator'];

/** The parameters of an `invokeapi [ … ]` block, by lower-case key; bare words (`service: zohocrm`) arrive as text. */
export interface InvokeApiParams {
  readonly service?: Value;
  readonly path?: Value;
  readonly type?: Value;
  readonly parameters?: Value;
  readonly body?: Value;
  readonly headers?: Value;
  readonly connection?: Value;
  readonly 'response-format'?: Value;
  readonly 'response-decoding'?: Value;
}

/** `invokeapi [ … ]`: the Zoho API domain and the path, then the request `invokeurl` would send (the CRM connection by default). */
export async function invokeApi(params: InvokeApiParams): Promise<Value> {
  const origin = 'invokeapi';
  const service = optionalText(params.service ?? null, 'service');
  if (!service) fail('DLG4018', `${origin}: 'service' is missing; name the Zoho service whose API the path belongs to (${INVOKEAPI_SERVICES.join(', ')})`);
  if (!INVOKEAPI_SERVICES.includes(service.toLowerCase())) fail('DLG4014', `${origin}: the service '${service}' is not one whose API domain is known here (${INVOKEAPI_SERVICES.join(', ')})`);
  const path = optionalText(params.path ?? null, 'path');
  if (!path) fail('DLG4018', `${origin}: 'path' is missing; give the API's path, such as "/crm/v7/Leads"`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) fail('DLG4018', `${origin}: 'path' is a whole URL; give only its path`);
  const { service: _service, path: _path, connection, ...rest } = params;
  const named = typeof connection === 'string' ? connection : DEFAULT_CRM_CONNECTION;
  const url = `${apiDomainOf(named)}${path.startsWith('/') ? '' : '/'}${path}`;
  const request = invokeUrlRequest({ ...rest, url, connection: connection ?? DEFAULT_CRM_CONNECTION }, origin);
  const response = await send(request);
  const value = responseValue(response, request);
  noteRecords(request.format === 'FILE' ? answerValue(response) : value, request, response.status);
  return value;
}

type CrmArg = string | DelugeMap | Value[] | undefined;
type ParamKind = 'name' | 'id' | 'count' | 'text' | 'map' | 'records';
interface CrmParam {
  readonly name: string;
  readonly kind: ParamKind;
  readonly optional?: boolean;
}
interface CrmEndpoint {
  readonly method: string;
  readonly path: string[];
  readonly query?: [string, string][];
  readonly body?: DelugeMap;
}
interface CrmTaskSpec {
  readonly params: CrmParam[];
  readonly connection: boolean;
  readonly decoding: 'records' | 'record' | 'outcome' | 'outcomes' | 'connector';
  endpoint(args: CrmArg[], version: string): CrmEndpoint;
}

const MODULE: CrmParam = { name: 'module_name', kind: 'name' };
const PAGE: CrmParam = { name: 'page', kind: 'count', optional: true };
const PER_PAGE: CrmParam = { name: 'per_page', kind: 'count', optional: true };
const paging = (page: CrmArg, perPage: CrmArg): [string, string][] => [['page', (page as string | undefined) ?? '1'], ['per_page', (perPage as string | undefined) ?? '200']];
const optionalMap = (arg: CrmArg): DelugeMap | undefined => arg as DelugeMap | undefined;
/** Triggers a write runs when the script gives none; createRecord/updateRecord on V8 also run orchestrations. */
const writeTriggers = (version: string): string[] => (version === 'v2' ? ['approval', 'blueprint'] : ['approval', 'blueprint', 'orchestration']);

/** The tasks by lower-case name, as Zoho's task pages define their arguments. */
export const CRM_TASKS: Readonly<Record<string, CrmTaskSpec>> = {
  getrecords: {
    params: [MODULE, PAGE, PER_PAGE, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'records',
    endpoint: ([module, page, perPage, query]) => ({ method: 'GET', path: [module as string], query: queryParams(paging(page, perPage), optionalMap(query)) }),
  },
  getrecordbyid: {
    params: [MODULE, { name: 'record_ID', kind: 'id' }, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'record',
    endpoint: ([module, id, query]) => ({ method: 'GET', path: [module as string, id as string], query: queryParams([], optionalMap(query)) }),
  },
  searchrecords: {
    params: [MODULE, { name: 'criteria', kind: 'text' }, PAGE, PER_PAGE, { name: 'search_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'records',
    endpoint: ([module, criteria, page, perPage, query]) => ({
      method: 'GET',
      path: [module as string, 'search'],
      query: queryParams([...(criteria === '' ? [] : [['criteria', criteria as string] as [string, string]]), ...paging(page, perPage)], optionalMap(query)),
    }),
  },
  createrecord: {
    params: [MODULE, { name: 'record_details', kind: 'map' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, record, options], version) => ({ method: 'POST', path: [module as string], body: writeBody([record as DelugeMap], optionalMap(options), writeTriggers(version)) }),
  },
  updaterecord: {
    params: [MODULE, { name: 'record_ID', kind: 'id' }, { name: 'record_value', kind: 'map' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, id, record, options], version) => ({ method: 'PUT', path: [module as string, id as string], body: writeBody([record as DelugeMap], optionalMap(options), writeTriggers(version)) }),
  },
  upsert: {
    params: [MODULE, { name: 'values', kind: 'map' }, { name: 'optional_data', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, record, options]) => ({ method: 'POST', path: [module as string, 'upsert'], body: writeBody([record as DelugeMap], optionalMap(options), ['approval', 'blueprint']) }),
  },
  bulkcreate: {
    params: [MODULE, { name: 'records_value', kind: 'records' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcomes',
    endpoint: ([module, records, options]) => ({ method: 'POST', path: [module as string], body: writeBody(records as Value[], optionalMap(options), ['approval', 'blueprint']) }),
  },
  bulkupdate: {
    params: [MODULE, { name: 'records_value', kind: 'records' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcomes',
    endpoint: ([module, records, options]) => ({ method: 'PUT', path: [module as string], body: writeBody(records as Value[], optionalMap(options), ['approval', 'blueprint']) }),
  },
  getrelatedrecords: {
    params: [{ name: 'relation_name', kind: 'name' }, { name: 'parent_module_name', kind: 'name' }, { name: 'record_id', kind: 'id' }, PAGE, PER_PAGE, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'records',
    endpoint: ([relation, parent, id, page, perPage, query]) => ({ method: 'GET', path: [parent as string, id as string, relation as string], query: queryParams(paging(page, perPage), optionalMap(query)) }),
  },
  invokeconnector: {
    params: [{ name: 'operation', kind: 'name' }, { name: 'parameters', kind: 'map' }],
    connection: false,
    decoding: 'connector',
    endpoint: ([operation, parameters]) => connectorEndpoint(operation as string, parameters as DelugeMap),
  },
};

/** `zoho.crm.<task>(…)` (and `zoho.crm.v8.<task>(…)`): the request, sent, and the answer as the task's value. */
export async function crmTask(name: string, args: Value[]): Promise<Value> {
  const versioned = name.startsWith('v8.');
  const shortName = versioned ? name.slice(3) : name;
  const spec = CRM_TASKS[shortName.toLowerCase()];
  const task = `zoho.crm.${name}`;
  if (!spec || (versioned && !spec.connection)) return fail('DLG4014', `'${task}' is not a CRM task`);
  const version = versioned ? 'v8' : 'v2';
  const required = spec.params.filter((p) => !p.optional).length;
  const max = spec.params.length + (spec.connection ? 1 : 0);
  if (args.length < required || args.length > max) {
    const expected = required === max ? `${required}` : `${required} to ${max}`;
    fail('DLG4007', `'${task}' takes ${expected} argument${expected === '1' ? '' : 's'} but was given ${args.length}`);
  }
  const values = spec.params.map((param, i) => crmArgument(param, args[i], task, i === args.length - 1));
  const last = spec.connection ? args[spec.params.length] : undefined;
  let connection = DEFAULT_CRM_CONNECTION;
  if (last !== undefined && last !== null) {
    if (typeof last !== 'string') return crmMismatch(last, 'TEXT', 'connection', task);
    if (last.trim() === '') fail('DLG4018', `${task}: the connection name is empty`);
    connection = last;
  }
  const endpoint = spec.endpoint(values, version);
  const path = endpoint.path.map(encodeURIComponent).join('/');
  const query = (endpoint.query ?? []).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const request: HttpRequest = {
    method: endpoint.method,
    url: `${apiDomainOf(connection)}/crm/${version}/${path}${query ? `?${query}` : ''}`,
    headers: [],
    ...(endpoint.body && { body: { kind: 'raw', text: jsonText(endpoint.body), contentType: 'application/json' } }),
    connection,
    detailed: false,
    origin: task,
  };
  const response = await send(request);
  noteRecords(answerValue(response), request, response.status);
  return crmDecode(spec.decoding, response, task);
}

/** The tasks by their Deluge names: `zohoCrm.getRecordById("Leads", id)` is `zoho.crm.getRecordById("Leads", id)`. */
export const zohoCrm = {
  getRecords: (...args: Value[]) => crmTask('getRecords', args),
  getRecordById: (...args: Value[]) => crmTask('getRecordById', args),
  searchRecords: (...args: Value[]) => crmTask('searchRecords', args),
  createRecord: (...args: Value[]) => crmTask('createRecord', args),
  updateRecord: (...args: Value[]) => crmTask('updateRecord', args),
  upsert: (...args: Value[]) => crmTask('upsert', args),
  bulkCreate: (...args: Value[]) => crmTask('bulkCreate', args),
  bulkUpdate: (...args: Value[]) => crmTask('bulkUpdate', args),
  getRelatedRecords: (...args: Value[]) => crmTask('getRelatedRecords', args),
  invokeConnector: (...args: Value[]) => crmTask('invokeConnector', args),
};

export function crmArgument(param: CrmParam, value: Value | undefined, task: string, isLast: boolean): CrmArg {
  if (value === undefined || (value === null && param.optional)) return undefined;
  switch (param.kind) {
    case 'name':
      if (typeof value !== 'string') return crmMismatch(value, 'TEXT', param.name, task);
      if (value.trim() === '') fail('DLG4018', `${task}: the ${param.name} is empty`);
      return value.trim();
    case 'text':
      return typeof value === 'string' ? value : crmMismatch(value, 'TEXT', param.name, task);
    case 'id':
      return recordId(value, param.name, task);
    case 'count':
      if (typeof value !== 'bigint') return crmMismatch(value, 'NUMBER', param.name, task, connectionHint(param, value, isLast));
      if (value < 1n) fail('DLG4018', `${task}: ${param.name} must be 1 or more, got ${value}`);
      return value.toString();
    case 'map':
      return asMap(value) ?? crmMismatch(value, 'KEY-VALUE', param.name, task, connectionHint(param, value, isLast));
    case 'records': {
      let records = Array.isArray(value) ? value : undefined;
      if (value instanceof Collection && value.mode !== 'map') records = value.list; // when: Collection
      if (!records) return crmMismatch(value, 'LIST', param.name, task);
      const notMap = records.find((item) => !asMap(item));
      if (notMap !== undefined) fail('DLG4007', `${task}: every element of ${param.name} must be a KEY-VALUE, found ${typeName(notMap)}`);
      return records.map((item) => asMap(item)!);
    }
  }
}

export function connectionHint(param: CrmParam, value: Value, isLast: boolean): string {
  if (!isLast || !param.optional || typeof value !== 'string') return '';
  return ` (the connection goes last: give ${param.kind === 'map' ? '{}' : 'a number'} for ${param.name} first)`;
}

/** Record IDs keep every digit: a NUMBER as it is, a TEXT when it is all digits; a DECIMAL is refused. */
export function recordId(value: Value, name: string, task: string): string {
  if (typeof value === 'bigint') {
    if (value < 1n) fail('DLG4018', `${task}: the ${name} must be a positive number, got ${value}`);
    return value.toString();
  }
  if (typeof value === 'string') {
    if (!/^\d+$/.test(value.trim())) fail('DLG4018', `${task}: the ${name} must be a number, got ${JSON.stringify(value)}`);
    return value.trim();
  }
  return crmMismatch(value, 'NUMBER', name, task);
}

export function crmMismatch(value: Value, expected: string, name: string, task: string, hint = ''): never {
  return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected '${expected}' for the argument '${name}' of '${task}'${hint}`);
}

export function asMap(value: Value): DelugeMap | undefined {
  if (value instanceof Map) return value;
  if (value instanceof Collection && value.mode !== 'list') return new Map(value.map); // when: Collection
  return undefined;
}

/** Query parameters: the task's own, then the script's map (a key it repeats takes the map's value; `""` is skipped). */
export function queryParams(fixed: [string, string][], extra: DelugeMap | undefined): [string, string][] {
  const params = new Map<string, string>(fixed);
  for (const [key, value] of extra ?? []) {
    const name = keyText(key);
    if (value !== null && name !== '') params.set(name, textForm(crmValue(value)));
  }
  return [...params];
}

/** `{"data": [records], ...options}`, with the task's default `trigger` when the options name none. */
export function writeBody(records: Value[], options: DelugeMap | undefined, defaultTrigger: string[]): DelugeMap {
  const body: DelugeMap = new Map([['data', records.map(crmValue)]]);
  for (const [key, value] of options ?? []) {
    const name = keyText(key);
    body.set(name, name === 'trigger' ? (typeof value === 'string' ? [value] : asMap(value)?.size === 0 ? [] : crmValue(value)) : crmValue(value));
  }
  if (!body.has('trigger')) body.set('trigger', [...defaultTrigger]);
  return body;
}

/** A value as the CRM API takes it: date-times as ISO text (`2024-03-05`, `2024-03-05T09:30:00+05:30`). */
export function crmValue(value: Value): Value {
  if (value instanceof DateTime) return crmDateTime(value); // when: DateTime
  if (Array.isArray(value)) return value.map(crmValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, crmValue(v)]));
  if (value instanceof Collection) return crmValue(value.mode === 'map' ? new Map(value.map) : [...value.list]); // when: Collection
  return value;
}

export function crmDateTime(value: DateTime): string {
  if (value.dateOnly) return formatPattern(value, 'yyyy-MM-dd');
  const offsetMinutes = Math.round(zoneOffsetMs(value.epochMs, value.zone) / 60_000);
  const abs = Math.abs(offsetMinutes);
  const pad2 = (n: number): string => String(n).padStart(2, '0');
  return `${formatPattern(value, "yyyy-MM-dd'T'HH:mm:ss")}${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `invokeConnector("crm.delete", {"module": …, "id": …})`: the one connector operation documented for CRM. */
export function connectorEndpoint(operation: string, parameters: DelugeMap): CrmEndpoint {
  const task = 'zoho.crm.invokeConnector';
  if (operation.toLowerCase() !== 'crm.delete') fail('DLG4018', `${task}: the connector operation ${JSON.stringify(operation)} is not supported; "crm.delete" is`);
  const module = parameters.get('module');
  if (typeof module !== 'string' || module.trim() === '') return fail('DLG4018', `${task}: "crm.delete" needs the module's API name as "module" in its map`);
  const id = parameters.get('id');
  if (id === undefined || id === null) return fail('DLG4018', `${task}: "crm.delete" needs the record's ID as "id" in its map`);
  return { method: 'DELETE', path: [module.trim(), recordId(id, 'id', task)] };
}

export function crmDecode(decoding: CrmTaskSpec['decoding'], response: HttpResponse, task: string): Value {
  const bodyText = new TextDecoder().decode(response.body);
  if (decoding === 'connector') return new Map<string, Value>([['status_code', BigInt(response.status)], ['response', bodyText]]);
  if (bodyText.trim() === '') return decoding === 'records' || decoding === 'outcomes' ? [] : new Map();
  const body = parseJson(bodyText, `${task} (HTTP ${response.status})`);
  const data = body instanceof Map ? body.get('data') : undefined;
  if (!Array.isArray(data)) return body;
  if (decoding === 'records' || decoding === 'outcomes') return data;
  if (decoding === 'record') return data[0] ?? new Map();
  const result = data[0];
  if (result === undefined) return new Map();
  if (result instanceof Map && result.get('status') === 'success') {
    const details = result.get('details');
    if (details instanceof Map) return details;
  }
  return result;
}
