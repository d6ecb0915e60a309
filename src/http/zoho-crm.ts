import { editDistance } from '../edit-distance.js';
import { zoneOffsetMs } from '../runtime/calendar.js';
import { formatPattern } from '../runtime/datetime.js';
import { fail } from '../runtime/errors.js';
import { parseJson } from '../runtime/json.js';
import { jsonText, keyText, textForm } from '../runtime/text-form.js';
import { CollectionValue, DateTimeValue, ListValue, MapValue, typeName, type Value } from '../runtime/values.js';
import type { HttpMethod, HttpRequest, HttpResponse } from './request.js';

/**
 * The `zoho.crm.*` integration tasks as CRM REST requests, and the REST answers back as the values Zoho's task
 * pages document. Every mapping and every choice made where those pages are silent is in
 * docs/runtime/zoho-crm-tasks.md.
 */

export interface CrmTaskOptions {
  /** Where the CRM API lives: `https://www.zohoapis.com`, a sandbox URL, or a loopback server. */
  readonly apiDomain: string;
  /** The REST version the un-versioned `zoho.crm.*` tasks use (default `v2`, as Zoho builds them on V2). */
  readonly version?: string;
  /** The connection used when the script names none (Zoho uses the org's built-in CRM connection). */
  readonly defaultConnection: string;
}

export interface CrmTaskCall {
  readonly request: HttpRequest;
  /** The response as the script sees it: records, a record, a result map, or Zoho's error map. */
  decode(response: HttpResponse): Value;
}

/** The un-versioned tasks are built on REST V2; `zoho.crm.v8.*` on V8. */
export const DEFAULT_CRM_VERSION = 'v2';
const V8 = 'v8';

/** What an argument must be; each kind is checked, then normalised for the request builders. */
type ParamKind =
  /** A module, relation or connector name: non-empty TEXT. */
  | 'name'
  /** A record ID: NUMBER, or TEXT of digits; becomes its digits. */
  | 'id'
  /** `page` / `per_page`: a NUMBER of at least 1; becomes its digits. */
  | 'count'
  /** TEXT as written (search criteria). */
  | 'text'
  /** A KEY-VALUE (record values, query or options map). */
  | 'map'
  /** A LIST of KEY-VALUEs (bulk records). */
  | 'records';

interface Param {
  /** The parameter's name on Zoho's task page, for error messages. */
  readonly name: string;
  readonly kind: ParamKind;
  readonly optional?: boolean;
}

/** A checked argument: text for names, IDs, counts and criteria; the map or list itself; undefined when left out. */
type Arg = string | MapValue | ListValue | undefined;

/** How the response body becomes the task's value. */
type Decoding =
  /** A LIST of record maps (`data`); nothing found (204, empty body) is an empty list. */
  | 'records'
  /** The first record map; nothing found is an empty map. */
  | 'record'
  /** One write's result: its `details` on success, the per-record error map otherwise. */
  | 'outcome'
  /** The LIST of per-record results of a bulk write. */
  | 'outcomes'
  /** `invokeConnector`: `{"status_code": …, "response": "<body text>"}`. */
  | 'connector';

interface Endpoint {
  readonly method: HttpMethod;
  /** Path segments after `/crm/{version}/`, encoded when the URL is built. */
  readonly path: readonly string[];
  readonly query?: readonly (readonly [string, string])[];
  /** Sent as JSON. */
  readonly body?: MapValue;
}

interface TaskSpec {
  /** As Zoho's pages spell it, without the `zoho.crm.` prefix. */
  readonly name: string;
  readonly params: readonly Param[];
  /** False for `invokeConnector`, which takes no connection argument. */
  readonly connection: boolean;
  readonly decoding: Decoding;
  endpoint(args: readonly Arg[], version: string, task: string): Endpoint;
}

const MODULE: Param = { name: 'module_name', kind: 'name' };
const PAGE: Param = { name: 'page', kind: 'count', optional: true };
const PER_PAGE: Param = { name: 'per_page', kind: 'count', optional: true };

/** Triggers a write runs when the script gives no `trigger`: Zoho's task pages say workflows then do not run. */
const APPROVAL_BLUEPRINT = ['approval', 'blueprint'];
/** createRecord/updateRecord also run orchestrations by default; REST V2 knows no such trigger. */
const withOrchestration = (version: string): readonly string[] =>
  version === DEFAULT_CRM_VERSION ? APPROVAL_BLUEPRINT : [...APPROVAL_BLUEPRINT, 'orchestration'];

const text = (arg: Arg): string => arg as string;
/** `page` / `per_page` as given, or Zoho's defaults (1 and 200). */
const paging = (page: Arg, perPage: Arg): [string, string][] => [
  ['page', (page as string | undefined) ?? '1'],
  ['per_page', (perPage as string | undefined) ?? '200'],
];
const optionalMap = (arg: Arg): MapValue | undefined => arg as MapValue | undefined;

const TASKS: readonly TaskSpec[] = [
  {
    name: 'getRecords',
    params: [MODULE, PAGE, PER_PAGE, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'records',
    endpoint: ([module, page, perPage, query]) => ({
      method: 'GET',
      path: [text(module)],
      query: queryParams(paging(page, perPage), optionalMap(query)),
    }),
  },
  {
    name: 'getRecordById',
    params: [MODULE, { name: 'record_ID', kind: 'id' }, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'record',
    endpoint: ([module, id, query]) => ({
      method: 'GET',
      path: [text(module), text(id)],
      query: queryParams([], optionalMap(query)),
    }),
  },
  {
    name: 'searchRecords',
    params: [
      MODULE,
      { name: 'criteria', kind: 'text' },
      PAGE,
      PER_PAGE,
      { name: 'search_value', kind: 'map', optional: true },
    ],
    connection: true,
    decoding: 'records',
    endpoint: ([module, criteria, page, perPage, query]) => ({
      method: 'GET',
      path: [text(module), 'search'],
      query: queryParams(
        // An empty criteria is left out, so a search by `email`/`phone`/`word` in the map stands alone.
        [...(text(criteria) === '' ? [] : [['criteria', text(criteria)] as const]), ...paging(page, perPage)],
        optionalMap(query),
      ),
    }),
  },
  {
    name: 'createRecord',
    params: [MODULE, { name: 'record_details', kind: 'map' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, record, options], version) => ({
      method: 'POST',
      path: [text(module)],
      body: writeBody([record as MapValue], optionalMap(options), withOrchestration(version)),
    }),
  },
  {
    name: 'updateRecord',
    params: [
      MODULE,
      { name: 'record_ID', kind: 'id' },
      { name: 'record_value', kind: 'map' },
      { name: 'options_map', kind: 'map', optional: true },
    ],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, id, record, options], version) => ({
      method: 'PUT',
      path: [text(module), text(id)],
      body: writeBody([record as MapValue], optionalMap(options), withOrchestration(version)),
    }),
  },
  {
    name: 'upsert',
    params: [MODULE, { name: 'values', kind: 'map' }, { name: 'optional_data', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, record, options]) => ({
      method: 'POST',
      path: [text(module), 'upsert'],
      body: writeBody([record as MapValue], optionalMap(options), APPROVAL_BLUEPRINT),
    }),
  },
  {
    name: 'bulkCreate',
    params: [MODULE, { name: 'records_value', kind: 'records' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcomes',
    endpoint: ([module, records, options]) => ({
      method: 'POST',
      path: [text(module)],
      body: writeBody((records as ListValue).items, optionalMap(options), APPROVAL_BLUEPRINT),
    }),
  },
  {
    name: 'bulkUpdate',
    params: [MODULE, { name: 'records_value', kind: 'records' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcomes',
    endpoint: ([module, records, options]) => ({
      method: 'PUT',
      path: [text(module)],
      body: writeBody((records as ListValue).items, optionalMap(options), APPROVAL_BLUEPRINT),
    }),
  },
  {
    name: 'getRelatedRecords',
    params: [
      { name: 'relation_name', kind: 'name' },
      { name: 'parent_module_name', kind: 'name' },
      { name: 'record_id', kind: 'id' },
      PAGE,
      PER_PAGE,
      { name: 'query_value', kind: 'map', optional: true },
    ],
    connection: true,
    decoding: 'records',
    endpoint: ([relation, parent, id, page, perPage, query]) => ({
      method: 'GET',
      path: [text(parent), text(id), text(relation)],
      query: queryParams(paging(page, perPage), optionalMap(query)),
    }),
  },
  {
    name: 'invokeConnector',
    params: [
      { name: 'operation', kind: 'name' },
      { name: 'parameters', kind: 'map' },
    ],
    connection: false,
    decoding: 'connector',
    endpoint: ([operation, parameters], _version, task) =>
      connectorEndpoint(text(operation), parameters as MapValue, task),
  },
];

/** The tasks Zoho also offers as `zoho.crm.v8.*` (same arguments, REST V8). */
const V8_TASKS = new Set(TASKS.filter((t) => t.name !== 'invokeConnector').map((t) => t.name.toLowerCase()));
const BY_NAME = new Map(TASKS.map((t) => [t.name.toLowerCase(), t]));

const TASK_NAME = /^zoho\.crm\.(?:(v8)\.)?([a-z]+)$/i;

/** A dotted name of the form of a CRM task (`zoho.crm.getRecords`, `zoho.crm.v8.updateRecord`): its short name in lower case. */
export function crmTaskName(name: string): { versioned: boolean; shortName: string } | undefined {
  const match = TASK_NAME.exec(name);
  return match ? { versioned: match[1] !== undefined, shortName: match[2]!.toLowerCase() } : undefined;
}

/**
 * CRM tasks Zoho documents that this runner does not perform (docs/runtime/zoho-crm-tasks.md, "Not here"): never
 * taken for a misspelling of one it does (`updateRelatedRecord` is not a typo of `getRelatedRecords`). Lower case.
 */
const DOCUMENTED_NOT_PERFORMED: ReadonlySet<string> = new Set(['updaterelatedrecord', 'convertlead', 'attachfile', 'getfields', 'getorgvariable', 'getmodules']);

/**
 * What to tell a script that calls a `zoho.crm.<name>` this runner does not perform, when there is more to say than
 * "give it a stub": that Zoho has no `deleteRecord` task ({@link deleteRecordAdvice}), or the
 * task a misspelt name most likely means (`getRecord` → `getRecords`, `serachRecords` → `searchRecords`: two edits at
 * most). Undefined otherwise. Zoho has CRM tasks this runner does not know, so a name is never called wrong outright.
 */
export function crmTaskAdvice(name: string): string | undefined {
  const deleting = deleteRecordAdvice(name);
  if (deleting) return deleting;
  const meant = crmTasksMeant(name);
  return meant && `'${name}' is not a CRM task deluge run knows: did you mean ${meant}? (If it is one, give it a canned answer with --stub.)`;
}

/**
 * For a `zoho.crm.<name>` that is no CRM task this runner performs or Zoho documents: the task a misspelt name most
 * likely means, as `'zoho.crm.getRecordById'` (or two or three a name cut short begins, `'a', 'b' or 'c'`); undefined
 * when no known task is that near (and for `deleteRecord`, {@link deleteRecordAdvice}'s). `lint` says it too.
 */
export function crmTasksMeant(name: string): string | undefined {
  const task = crmTaskName(name);
  if (!task) return undefined;
  const { shortName, versioned } = task;
  if (BY_NAME.has(shortName) || DOCUMENTED_NOT_PERFORMED.has(shortName) || deleteRecordAdvice(name)) return undefined;
  const tasks = TASKS.filter((t) => !versioned || V8_TASKS.has(t.name.toLowerCase()));
  let near: TaskSpec | undefined;
  let nearest = 3;
  for (const task of tasks) {
    const distance = editDistance(shortName, task.name.toLowerCase());
    if (distance < nearest) [near, nearest] = [task, distance];
  }
  // A name cut short (`zoho.crm.update`, `zoho.crm.get`): the tasks it begins, when it begins no more than three.
  const begun = near ? [near] : shortName.length >= 3 ? tasks.filter((t) => t.name.toLowerCase().startsWith(shortName)) : [];
  if (begun.length === 0 || begun.length > 3) return undefined;
  const names = begun.map((t) => `'zoho.crm.${versioned ? `${V8}.` : ''}${t.name}'`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
}

/**
 * For `zoho.crm.deleteRecord(s)` and `zoho.crm.delete` (`zoho.crm.v8.…` too), which scripts reach for beside createRecord and updateRecord:
 * Zoho has no such task (it is in no list of Zoho's CRM tasks; the Delete Records page deletes with a DELETE request or
 * `invokeConnector`), and this says so with both ways. Undefined for any other name. `deluge run`, `emit` and `lint`
 * say it alike.
 */
export function deleteRecordAdvice(name: string): string | undefined {
  const shortName = crmTaskName(name)?.shortName;
  if (shortName !== 'delete' && shortName !== 'deleterecord' && shortName !== 'deleterecords') return undefined;
  return `Zoho has no '${name}' task: delete with invokeurl (type: DELETE, url: "https://www.zohoapis.com/crm/v7/<module>?ids=<ids>") or zoho.crm.invokeConnector("crm.delete", {"module": "<module>", "id": <id>})`;
}

/**
 * The request a `zoho.crm.*` task makes and how its answer becomes the task's value; undefined for a name that
 * is not one of the CRM tasks implemented here (`name` is the dotted name as written, in any case).
 * Bad arguments fail with DLG4007 (wrong number or type) or DLG4018 (unusable value), naming the task.
 */
export function crmTask(name: string, args: readonly Value[], options: CrmTaskOptions): CrmTaskCall | undefined {
  const { versioned, shortName } = crmTaskName(name) ?? {};
  if (shortName === undefined) return undefined;
  const spec = BY_NAME.get(shortName);
  if (!spec || (versioned && !V8_TASKS.has(shortName))) return undefined;

  const task = `zoho.crm.${versioned ? `${V8}.` : ''}${spec.name}`;
  const version = versioned ? V8 : (options.version ?? DEFAULT_CRM_VERSION);
  const { values, connection } = checkArguments(spec, task, args);
  const endpoint = spec.endpoint(values, version, task);
  const request: HttpRequest = {
    method: endpoint.method,
    url: endpointUrl(options.apiDomain, version, endpoint),
    headers: [],
    ...(endpoint.body && { body: { kind: 'raw', text: jsonText(endpoint.body), contentType: 'application/json' } }),
    connection: connection ?? options.defaultConnection,
    response: { detailed: false },
    origin: task,
  };
  return { request, decode: (response) => decodeResponse(spec.decoding, response, task) };
}

// ---------------------------------------------------------------------------------------------------------------
// Arguments

function checkArguments(spec: TaskSpec, task: string, args: readonly Value[]): { values: Arg[]; connection?: string } {
  const required = spec.params.filter((p) => !p.optional).length;
  const max = spec.params.length + (spec.connection ? 1 : 0);
  if (args.length < required || args.length > max) {
    const expected = required === max ? `${required}` : `${required} to ${max}`;
    fail('DLG4007', `'${task}' takes ${expected} argument${expected === '1' ? '' : 's'} but was given ${args.length}`);
  }
  const values = spec.params.map((param, i) => checkArgument(param, args[i], task, i === args.length - 1));
  const last = args[spec.params.length];
  if (last === undefined || last === null) return { values };
  if (typeof last !== 'string') mismatch(last, 'TEXT', 'connection', task);
  if (last.trim() === '') fail('DLG4018', `${task}: the connection name is empty`);
  return { values, connection: last };
}

function checkArgument(param: Param, value: Value | undefined, task: string, isLast: boolean): Arg {
  // null stands for an optional argument left out, as Zoho's pages allow before a later one.
  if (value === undefined || (value === null && param.optional)) return undefined;
  switch (param.kind) {
    case 'name': {
      if (typeof value !== 'string') return mismatch(value, 'TEXT', param.name, task);
      if (value.trim() === '') fail('DLG4018', `${task}: the ${param.name} is empty`);
      return value.trim();
    }
    case 'text':
      return typeof value === 'string' ? value : mismatch(value, 'TEXT', param.name, task);
    case 'id':
      return recordId(value, param.name, task);
    case 'count': {
      if (typeof value !== 'bigint') {
        return mismatch(value, 'NUMBER', param.name, task, connectionHint(param, value, isLast));
      }
      if (value < 1n) fail('DLG4018', `${task}: ${param.name} must be 1 or more, got ${value}`);
      return value.toString();
    }
    case 'map': {
      const map = asMap(value);
      return map ?? mismatch(value, 'KEY-VALUE', param.name, task, connectionHint(param, value, isLast));
    }
    case 'records': {
      const records = asList(value);
      if (!records) return mismatch(value, 'LIST', param.name, task);
      const notMap = records.items.find((item) => !asMap(item));
      if (notMap !== undefined) {
        fail('DLG4007', `${task}: every element of ${param.name} must be a KEY-VALUE, found ${typeName(notMap)}`);
      }
      return new ListValue(records.items.map((item) => asMap(item)!));
    }
  }
}

/** A connection written before the optional arguments it must follow is the usual slip: say how to write it. */
function connectionHint(param: Param, value: Value, isLast: boolean): string {
  if (!isLast || !param.optional || typeof value !== 'string') return '';
  return ` (the connection goes last: give ${param.kind === 'map' ? '{}' : 'a number'} for ${param.name} first)`;
}

/** Record IDs keep every digit: a NUMBER as it is, a TEXT when it is all digits. */
function recordId(value: Value, name: string, task: string): string {
  if (typeof value === 'bigint') {
    if (value < 1n) fail('DLG4018', `${task}: the ${name} must be a positive number, got ${value}`);
    return value.toString();
  }
  if (typeof value === 'string') {
    const digits = value.trim();
    if (!/^\d+$/.test(digits)) fail('DLG4018', `${task}: the ${name} must be a number, got ${JSON.stringify(value)}`);
    return digits;
  }
  // A DECIMAL cannot hold an 18–19 digit ID exactly, so it is refused rather than rounded.
  return mismatch(value, 'NUMBER', name, task);
}

function mismatch(value: Value, expected: string, name: string, task: string, hint = ''): never {
  return fail(
    'DLG4007',
    `Argument type mismatch - Found '${typeName(value)}' but Expected '${expected}' ` +
      `for the argument '${name}' of '${task}'${hint}`,
  );
}

function asMap(value: Value): MapValue | undefined {
  if (value instanceof MapValue) return value;
  if (value instanceof CollectionValue && value.mode !== 'list') return new MapValue(value.map);
  return undefined;
}

function asList(value: Value): ListValue | undefined {
  if (value instanceof ListValue) return value;
  if (value instanceof CollectionValue && value.mode !== 'map') return new ListValue(value.list);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/**
 * Query parameters: the task's own, then the script's map; a key the map repeats takes the map's value.
 * An empty key is skipped: Zoho's pages write `{"": ""}` for "no query" when a connection must follow.
 */
function queryParams(fixed: readonly (readonly [string, string])[], extra: MapValue | undefined): [string, string][] {
  const params = new Map<string, string>(fixed);
  for (const [key, value] of extra?.entries ?? []) {
    const name = keyText(key);
    if (value !== null && name !== '') params.set(name, queryText(value));
  }
  return [...params];
}

/** A query value: lists comma-joined (`fields`), dates as the CRM writes them, the rest as `info` shows it. */
function queryText(value: Value): string {
  return textForm(crmValue(value));
}

/** `{"data": [...records], ...options}`, with the task's default `trigger` when the options name none. */
function writeBody(
  records: readonly Value[],
  options: MapValue | undefined,
  defaultTrigger: readonly string[],
): MapValue {
  const body = new MapValue(new Map<string, Value>([['data', new ListValue(records.map(crmValue))]]));
  for (const [key, value] of options?.entries ?? []) {
    const name = keyText(key);
    body.entries.set(name, name === 'trigger' ? triggerList(value) : crmValue(value));
  }
  if (!body.entries.has('trigger')) body.entries.set('trigger', new ListValue([...defaultTrigger]));
  return body;
}

/** The API takes a list: `"workflow"` is that one trigger; `{}` (an empty map) is the empty list: nothing runs. */
function triggerList(value: Value): Value {
  if (typeof value === 'string') return new ListValue([value]);
  if (asMap(value)?.entries.size === 0) return new ListValue();
  return crmValue(value);
}

/** A value as the CRM API takes it: date-times as ISO text (`2024-03-05`, `2024-03-05T09:30:00+05:30`). */
function crmValue(value: Value): Value {
  if (value instanceof DateTimeValue) return crmDateTime(value);
  if (value instanceof ListValue) return new ListValue(value.items.map(crmValue));
  if (value instanceof MapValue) return new MapValue(new Map([...value.entries].map(([k, v]) => [k, crmValue(v)])));
  if (value instanceof CollectionValue) {
    return value.mode === 'map' ? crmValue(new MapValue(value.map)) : crmValue(new ListValue(value.list));
  }
  return value;
}

function crmDateTime(value: DateTimeValue): string {
  if (value.dateOnly) return formatPattern(value, 'yyyy-MM-dd');
  const offsetMinutes = Math.round(zoneOffsetMs(value.epochMs, value.zone) / 60_000);
  const abs = Math.abs(offsetMinutes);
  const offset = `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  return formatPattern(value, "yyyy-MM-dd'T'HH:mm:ss") + offset;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function endpointUrl(apiDomain: string, version: string, endpoint: Endpoint): string {
  const base = apiDomain.replace(/\/+$/, '');
  const path = endpoint.path.map(encodeURIComponent).join('/');
  const query = (endpoint.query ?? []).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${base}/crm/${version}/${path}${query ? `?${query}` : ''}`;
}

/** `invokeConnector("crm.delete", {"module": …, "id": …})`: the one connector operation documented for CRM. */
function connectorEndpoint(operation: string, parameters: MapValue, task: string): Endpoint {
  if (operation.toLowerCase() !== 'crm.delete') {
    fail('DLG4018', `${task}: the connector operation ${JSON.stringify(operation)} is not supported; "crm.delete" is`);
  }
  const module = parameters.entries.get('module');
  if (typeof module !== 'string' || module.trim() === '') {
    fail('DLG4018', `${task}: "crm.delete" needs the module's API name as "module" in its map`);
  }
  const id = parameters.entries.get('id');
  if (id === undefined || id === null) {
    fail('DLG4018', `${task}: "crm.delete" needs the record's ID as "id" in its map`);
  }
  return { method: 'DELETE', path: [module.trim(), recordId(id, 'id', task)] };
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

function decodeResponse(decoding: Decoding, response: HttpResponse, task: string): Value {
  const bodyText = new TextDecoder().decode(response.body);
  if (decoding === 'connector') {
    return new MapValue(new Map<string, Value>([['status_code', BigInt(response.status)], ['response', bodyText]]));
  }
  // 204 No Content (nothing matched, or a page past the end) has no body at all.
  if (bodyText.trim() === '') return decoding === 'records' || decoding === 'outcomes' ? new ListValue() : new MapValue();
  const body = parseJson(bodyText, { source: `${task} (HTTP ${response.status})` });
  // Whole-request errors (`{"code","details","message","status":"error"}`) and other shapes reach the script as sent.
  const data = body instanceof MapValue ? body.entries.get('data') : undefined;
  if (!(data instanceof ListValue)) return body;
  switch (decoding) {
    case 'records':
    case 'outcomes':
      return data;
    case 'record':
      return data.items[0] ?? new MapValue();
    case 'outcome':
      return writeOutcome(data.items[0]);
  }
}

/** A write's result: the `details` (id, Created_Time, …) when it succeeded, else Zoho's per-record error map. */
function writeOutcome(result: Value | undefined): Value {
  if (result === undefined) return new MapValue();
  if (result instanceof MapValue && result.entries.get('status') === 'success') {
    const details = result.entries.get('details');
    if (details instanceof MapValue) return details;
  }
  return result;
}
