/**
 * The CRM records API under `/crm/{v2…v8}/…`: list, get, insert, update, upsert, search, related records, the
 * recycle bin (`/{module}/deleted`) and — the reference page — Delete Records. Every whole-request error is
 * Zoho's `{"code","details","message","status":"error"}`; per-record outcomes come in `{"data":[…]}` in the
 * order given, with 200 (201 for inserts) when all succeed, 207 when some do and 400 when none does.
 *
 * Checks run in this order (a decision; Zoho does not document one): route (404) → credentials (401) → rate
 * limit (429) → forced faults (500) → method (400) → module (400) → scope (401) → profile permission (403) →
 * parameters (400) → records.
 */
import { trimmedId } from '../http/crm-delete-ids.js';
import { CRM_API_VERSIONS } from '../http/zoho-hosts.js';
import type { Accounts, AccessGrant } from './accounts.js';
import { compare, CriteriaError, fieldValue, matches, parseCriteria } from './criteria.js';
import type { FaultInjector } from './faults.js';
import { outcome, type Outcome, outcomes, type Reply, reply, type SandboxRequest, zohoError } from './http.js';
import { isPlainObject, parseJsonKeepingIds } from './json.js';
import { deletePermissionName, type ModuleInfo, scopeNamesOf, UNSUPPORTED_MODULES } from './modules.js';
import { type Fields, MAX_RECORD_ID, type Store, type StoredRecord, type User, withoutSystemFields } from './store.js';

export interface RecordsContext {
  readonly store: Store;
  readonly accounts: Accounts;
  readonly faults: FaultInjector;
  /** The current time in Zoho's form. */
  readonly time: () => string;
}

/** At most this many records per insert, update, upsert or delete call. */
export const RECORDS_PER_CALL = 100;
const MAX_PER_PAGE = 200;
/** At most this many field names in a read's `fields` (the Get Records page). */
const MAX_FIELDS = 50;
/** Zoho: "You can search for and fetch a maximum of 2000 records using this API" (LIMIT_REACHED beyond). */
const MAX_SEARCH_RESULTS = 2000;

type RouteKind = 'module' | 'record' | 'upsert' | 'search' | 'deleted' | 'related';
interface Route {
  readonly kind: RouteKind;
  readonly module: string;
  readonly id?: string;
  readonly related?: string;
}

const METHODS: Record<RouteKind, readonly string[]> = {
  module: ['GET', 'POST', 'PUT', 'DELETE'],
  record: ['GET', 'PUT', 'DELETE'],
  upsert: ['POST'],
  search: ['GET'],
  deleted: ['GET'],
  related: ['GET'],
};

type Operation = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE';
const OPERATIONS: Record<string, Operation> = { GET: 'READ', POST: 'CREATE', PUT: 'UPDATE', DELETE: 'DELETE' };

// The messages of the Delete Records page (and the other v7 pages for what it does not cover).
const MESSAGES = {
  invalidUrl: 'Please check if the URL trying to access is a correct one',
  invalidMethod: 'The http request method type is not a valid one',
  invalidModule: 'The module name given seems to be invalid',
  unsupportedModule: 'The given module is not supported in API',
  scopeMismatch: 'Unauthorized',
  authenticationFailure: 'Authentication failed',
  invalidToken: 'invalid oauth token',
  internalError: 'Internal Server Error',
  tooManyRequests: 'You have made too many requests. Please try again after some time.',
  unableToParse: 'either the request body or parameters is in wrong format',
  requiredParam: 'One of the expected parameter is missing',
  limitExceeded: `the number of records exceeds the limit of ${RECORDS_PER_CALL} per call`,
  invalidId: 'the id given seems to be invalid',
  fieldsLimitExceeded: 'Fields limit exceeded',
  notesAdminOnly: 'This API is supported only for admin users.',
  // Get Related Records (v2 page): "The relation name given seems to be invalid".
  invalidRelation: 'The relation name given seems to be invalid',
  requiredField: 'required field not found',
  invalidData: 'invalid data',
  recordNotDeleted: 'record not deleted',
  recordDeleted: 'record deleted',
  recordLocked: 'You cannot perform this operation as the record is locked.',
  notApprovedYet: 'cannot delete record that is not approved yet',
  // Update's wording for the same states (Zoho's announcement of RECORD_LOCKED and NOT_APPROVED for Update Records).
  notApprovedToUpdate: 'Cannot update record that is not approved yet',
  authorizationFailed: 'User does not have sufficient privilege to delete records',
  noPermission: 'Permission denied to delete',
  // The Search Records page's "Possible Errors".
  searchParamMissing: 'mandatory param missing',
  invalidQuery: 'invalid query formed',
  searchLimitReached: 'Maximum response iteration limit reached',
  searchValueTooShort: 'The search value contains special characters or does not contain at least two characters',
} as const;

/** The Search API's parameters, one of which it needs (the first given is used, in this order). */
const SEARCH_PARAMS = ['criteria', 'email', 'phone', 'word'] as const;

export function handleRecords(ctx: RecordsContext, req: SandboxRequest): Reply {
  const route = parseRoute(req.segments);
  if (!route) return zohoError(404, 'INVALID_URL_PATTERN', MESSAGES.invalidUrl);
  const auth = ctx.accounts.authenticate(req.headers.authorization);
  if (auth.kind === 'missing') return zohoError(401, 'AUTHENTICATION_FAILURE', MESSAGES.authenticationFailure);
  const user = auth.kind === 'ok' ? ctx.store.users.get(auth.grant.userId) : undefined;
  if (auth.kind !== 'ok' || !user) return zohoError(401, 'INVALID_TOKEN', MESSAGES.invalidToken);
  const retryAfter = ctx.faults.retryAfterSeconds();
  if (retryAfter !== undefined) return zohoError(429, 'TOO_MANY_REQUESTS', MESSAGES.tooManyRequests, {}, { 'retry-after': String(retryAfter) });
  if (ctx.faults.internalError()) return zohoError(500, 'INTERNAL_ERROR', MESSAGES.internalError);
  if (!METHODS[route.kind].includes(req.method)) return zohoError(400, 'INVALID_REQUEST_METHOD', MESSAGES.invalidMethod);
  if (UNSUPPORTED_MODULES.some((m) => m.toLowerCase() === route.module.toLowerCase())) {
    return zohoError(400, 'INVALID_MODULE', MESSAGES.unsupportedModule, { resource_path_index: 0 });
  }
  const module = ctx.store.module(route.module);
  if (!module) return zohoError(400, 'INVALID_MODULE', MESSAGES.invalidModule, { resource_path_index: 0 });
  const operation = route.kind === 'upsert' ? 'CREATE' : OPERATIONS[req.method]!;
  if (!hasScope(auth.grant, module, operation)) return zohoError(401, 'OAUTH_SCOPE_MISMATCH', MESSAGES.scopeMismatch);
  if (route.kind === 'search' && !hasSearchScope(auth.grant)) return zohoError(401, 'OAUTH_SCOPE_MISMATCH', MESSAGES.scopeMismatch);
  if (operation === 'DELETE' && !mayDeleteIn(user, module)) {
    return zohoError(403, 'NO_PERMISSION', MESSAGES.noPermission, { permissions: [deletePermissionName(module)] });
  }
  const call: Call = { ctx, req, module, user };
  switch (`${route.kind} ${req.method}`) {
    case 'module GET':
      return list(call);
    case 'module POST':
      return insert(call);
    case 'module PUT':
      return updateMany(call);
    case 'module DELETE':
      return deleteRecords(call, (req.query.get('ids') ?? '').split(','));
    case 'record GET':
      return getOne(call, route.id!);
    case 'record PUT':
      return updateOne(call, route.id!);
    case 'record DELETE':
      // The path names one record: `/Leads/1,2` is not two of them (an id that is not a number), and `/Leads/%20` is
      // not a bulk delete without `ids` (the route has none): a path's id is read as it is, not trimmed.
      if (!isRecordId(route.id!)) return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
      return deleteRecords(call, [route.id!]);
    case 'upsert POST':
      return upsert(call);
    case 'search GET':
      return search(call);
    case 'deleted GET':
      return deletedRecords(call);
    default:
      return related(call, route.id!, route.related!);
  }
}

interface Call {
  readonly ctx: RecordsContext;
  readonly req: SandboxRequest;
  readonly module: ModuleInfo;
  readonly user: User;
}

/** `segments` is the whole path: `crm`, the version, then the module and the rest. */
function parseRoute(segments: readonly string[]): Route | undefined {
  const [crm, version, module, ...rest] = segments;
  if (crm !== 'crm' || !version || !CRM_API_VERSIONS.has(version) || !module || rest.some((s) => s === '')) return undefined;
  if (rest.length === 0) return { kind: 'module', module };
  if (rest.length === 1) {
    const word = rest[0]!;
    if (word === 'upsert' || word === 'search' || word === 'deleted') return { kind: word, module };
    return { kind: 'record', module, id: word };
  }
  if (rest.length === 2) return { kind: 'related', module, id: rest[0]!, related: rest[1]! };
  return undefined;
}

/**
 * `ZohoCRM.modules.ALL`, or `ZohoCRM.modules.{module}.{ALL|operation}` with the module in the page's lower-case
 * form (`pricebooks`, `salesorders`; `custom` for custom modules). Scopes compare case-insensitively; `WRITE`
 * also grants CREATE and UPDATE, as Zoho's insert, update and upsert pages list it.
 */
function hasScope(grant: AccessGrant, module: ModuleInfo, operation: Operation): boolean {
  const names = scopeNamesOf(module);
  const operations = new Set(['ALL', operation, ...(operation === 'CREATE' || operation === 'UPDATE' ? ['WRITE'] : [])]);
  return grant.scopes.some((scope) => {
    const parts = scope.split('.').map((p) => p.toLowerCase());
    // Three or four parts, as the page writes them: `ZohoCRM.modules.leads.DELETE.READ` is no scope of the two.
    if (parts.length < 3 || parts.length > 4) return false;
    const [service, family, name, op] = parts;
    if (service !== 'zohocrm' || family !== 'modules') return false;
    if (op === undefined) return name === 'all';
    return names.includes(name!) && operations.has(op.toUpperCase());
  });
}

/** Search Records also needs `ZohoSearch.securesearch.READ` (its page: "(and) scope=ZohoSearch.securesearch.READ"). */
function hasSearchScope(grant: AccessGrant): boolean {
  return grant.scopes.some((scope) => /^zohosearch\.securesearch\.(read|all)$/i.test(scope));
}

function mayDeleteIn(user: User, module: ModuleInfo): boolean {
  const entry = Object.entries(user.canDelete).find(([name]) => name.toLowerCase() === module.apiName.toLowerCase());
  return entry?.[1] !== false;
}

/** An admin may act on any record; a standard user only on the records it owns. */
function mayTouch(user: User, record: StoredRecord): boolean {
  return user.role === 'admin' || record.ownerId === user.id;
}

// ---------------------------------------------------------------------------------------------------- delete

/**
 * DELETE `/{module}?ids=a,b` (the `ids` split at commas) and `/{module}/{id}` (the one id of the path). Ids are
 * trimmed (`trimmedId`: as Java trims), empty entries skipped, duplicates reported once at their first place; more than 100 distinct ids is
 * LIMIT_EXCEEDED.
 */
function deleteRecords({ ctx, req, module, user }: Call, given: readonly string[]): Reply {
  const ids = given.map(trimmedId).filter((s) => s !== '');
  if (ids.length === 0) return zohoError(400, 'REQUIRED_PARAM_MISSING', MESSAGES.requiredParam, { param_name: 'ids' });
  const wfTrigger = req.query.get('wf_trigger');
  if (!ids.every(isRecordId) || (wfTrigger !== null && !/^(true|false)$/i.test(wfTrigger))) {
    return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
  }
  const distinct = [...new Set(ids.map((id) => BigInt(id).toString()))];
  if (distinct.length > RECORDS_PER_CALL) return zohoError(400, 'LIMIT_EXCEEDED', MESSAGES.limitExceeded, { limit: RECORDS_PER_CALL });
  // Activities holds tasks, events and calls: a profile that may not delete one of those modules may not delete its
  // records through Activities either (the whole request is refused, as through the module's own route).
  if (module.apiName === 'Activities') {
    const denied = distinct.map((id) => recordIn(ctx.store, module, id).module).find((held) => held !== module && !mayDeleteIn(user, held));
    if (denied) return zohoError(403, 'NO_PERMISSION', MESSAGES.noPermission, { permissions: [deletePermissionName(denied)] });
  }
  const runWorkflows = wfTrigger === null || wfTrigger.toLowerCase() === 'true';
  return outcomes(distinct.map((id) => deleteOne(ctx, module, user, id, runWorkflows)));
}

/** The modules whose records `Activities` holds: a task, event or call is deleted through it too. */
const ACTIVITY_MODULES = ['Tasks', 'Events', 'Calls'];

/** The record of `id` in `module`, and the module it is kept in: for Activities, in Tasks, Events or Calls as well. */
function recordIn(store: Store, module: ModuleInfo, id: string): { record: StoredRecord | undefined; module: ModuleInfo } {
  const record = store.record(module, id);
  if (record || module.apiName !== 'Activities') return { record, module };
  for (const name of ACTIVITY_MODULES) {
    const activity = store.module(name);
    const found = activity ? store.record(activity, id) : undefined;
    if (found) return { record: found, module: activity! };
  }
  return { record: undefined, module };
}

/** The live records a read of `module` shows: for Activities, the tasks, events and calls too. */
function liveRecordsIn(store: Store, module: ModuleInfo): StoredRecord[] {
  if (module.apiName !== 'Activities') return store.liveRecords(module);
  const held = ACTIVITY_MODULES.map((name) => store.module(name)).filter((m): m is ModuleInfo => m !== undefined);
  return [module, ...held].flatMap((m) => store.liveRecords(m));
}

function deleteOne(ctx: RecordsContext, requested: ModuleInfo, user: User, id: string, runWorkflows: boolean): Outcome {
  const { record, module } = recordIn(ctx.store, requested, id);
  const details = { id };
  if (!record || record.deletedAt !== undefined) return outcome('INVALID_DATA', MESSAGES.recordNotDeleted, details);
  if (!mayTouch(user, record)) return outcome('AUTHORIZATION_FAILED', MESSAGES.authorizationFailed, details);
  const refused = refusedByState(record, MESSAGES.notApprovedYet);
  if (refused) return refused;
  const at = ctx.time();
  record.deletedAt = at;
  record.deletedBy = user.id;
  record.subform = [];
  if (runWorkflows) ctx.store.workflowLog.push({ module: module.apiName, id, event: 'delete', at });
  return outcome('SUCCESS', MESSAGES.recordDeleted, details);
}

/** Digits within a Java long, read as Java's Long.parseLong reads them: leading zeros, however many, change nothing. */
function isRecordId(text: string): boolean {
  return /^0*\d{1,19}$/.test(text) && BigInt(text) <= MAX_RECORD_ID;
}

// ---------------------------------------------------------------------------------------------------- read

/**
 * A record as the API shows it; `fields` limits it to those fields (plus `id`). `withSubform: false` for Get Records'
 * list, which Zoho gives no subform rows ("only when a specific record is fetched").
 */
function apiRecord(store: Store, record: StoredRecord, fields?: readonly string[], withSubform = true): Fields {
  const full: Fields = {
    Owner: userRef(store, record.ownerId, true),
    ...record.fields,
    ...(withSubform && record.subform.length > 0 ? { Subform_1: record.subform } : {}),
    Created_By: userRef(store, record.createdBy, true),
    Created_Time: record.createdAt,
    Modified_By: userRef(store, record.modifiedBy, true),
    Modified_Time: record.modifiedAt,
    id: record.id,
  };
  if (!fields) return full;
  const wanted = new Set(fields.map((f) => f.toLowerCase()));
  return Object.fromEntries(Object.entries(full).filter(([key]) => key === 'id' || wanted.has(key.toLowerCase())));
}

function userRef(store: Store, id: string, withEmail = false): Fields {
  const user = store.users.get(id);
  if (!user) return { id };
  return withEmail ? { name: user.name, id, email: user.email } : { name: user.name, id };
}

interface Paging {
  readonly page: number;
  readonly perPage: number;
}

/** `page` (default 1) and `per_page` (default 200, at most 200: more is read as 200); undefined when not numbers. */
function paging(query: URLSearchParams): Paging | undefined {
  const page = query.get('page') ?? '1';
  const perPage = query.get('per_page') ?? String(MAX_PER_PAGE);
  if (!/^\d+$/.test(page) || !/^\d+$/.test(perPage) || Number(page) < 1 || Number(perPage) < 1) return undefined;
  return { page: Number(page), perPage: Math.min(Number(perPage), MAX_PER_PAGE) };
}

/**
 * One page of `items` in Zoho's envelope, each shown by `show` (only the page's items: paging through N records must
 * not build all N for every page); 204 (no body) when the page is empty, as Zoho answers.
 */
function onePage<T>(items: readonly T[], { page, perPage }: Paging, show: (item: T) => unknown = (item) => item): Reply {
  const start = (page - 1) * perPage;
  const data = items.slice(start, start + perPage).map(show);
  if (data.length === 0) return reply(204);
  return reply(200, { data, info: { per_page: perPage, count: data.length, page, more_records: start + perPage < items.length } });
}

function fieldsParam(query: URLSearchParams): string[] | undefined {
  const fields = query.get('fields');
  return fields === null ? undefined : fields.split(',').map((f) => f.trim()).filter((f) => f !== '');
}

function list({ ctx, req, module, user }: Call): Reply {
  // Get Records: "Only admin users can fetch the records from the Notes module".
  if (module.apiName === 'Notes' && user.role !== 'admin') return zohoError(403, 'NOT_SUPPORTED', MESSAGES.notesAdminOnly);
  const paged = paging(req.query);
  if (!paged) return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
  const fields = fieldsParam(req.query);
  if (fields && fields.length > MAX_FIELDS) return fieldsLimitExceeded();
  const records = listedRecords(ctx.store, module, req.query.get('ids'));
  if (!records) return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
  const sortOrder = (req.query.get('sort_order') ?? 'desc').toLowerCase();
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return zohoError(400, 'INVALID_DATA', MESSAGES.invalidData, { param_name: 'sort_order' });
  const sorted = sortRecords(ctx.store, records, req.query.get('sort_by') || 'id', sortOrder);
  return onePage(sorted, paged, (r) => apiRecord(ctx.store, r, fields, false));
}

/**
 * Records by `field` as the API shows it (Zoho's default: `id`, descending): numbers as numbers, text
 * case-insensitively, a lookup by its name; records without a value last, ties by id in the same direction.
 */
function sortRecords(store: Store, records: readonly StoredRecord[], field: string, order: 'asc' | 'desc'): StoredRecord[] {
  const sign = order === 'asc' ? 1 : -1;
  const byId = (a: StoredRecord, b: StoredRecord) => sign * compare(a.id, b.id);
  if (field.toLowerCase() === 'id') return [...records].sort(byId);
  const valueOf = (record: StoredRecord): string | undefined => {
    const value = fieldValue(apiRecord(store, record), field);
    const text = isPlainObject(value) ? value['name'] : value;
    return text === undefined || text === null || text === '' || typeof text === 'object' ? undefined : String(text);
  };
  const keyed = records.map((record) => ({ record, value: valueOf(record) }));
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) return a.value === b.value ? byId(a.record, b.record) : a.value === undefined ? 1 : -1;
    return sign * compare(a.value, b.value) || byId(a.record, b.record);
  });
  return keyed.map(({ record }) => record);
}

/**
 * The live records a list shows: every one, or with `ids` (Zoho: "To retrieve specific records based on their unique
 * ID") those of the ids given, trimmed, repeats once, ids of no live record left out; undefined when an id is not a
 * number.
 */
function listedRecords(store: Store, module: ModuleInfo, ids: string | null): StoredRecord[] | undefined {
  if (ids === null) return liveRecordsIn(store, module);
  const given = ids.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!given.every(isRecordId)) return undefined;
  const records = [...new Set(given.map((id) => BigInt(id).toString()))].map((id) => recordIn(store, module, id).record);
  return records.filter((r): r is StoredRecord => r !== undefined && r.deletedAt === undefined);
}

/**
 * The live record at `/{module}/{id}`, or the error Zoho answers for an id that is not one. `reading`: a read, which
 * finds the tasks, events and calls through Activities too (an update through it does not, as its bulk update does not).
 */
function recordAtPath(ctx: RecordsContext, module: ModuleInfo, id: string, reading = false): StoredRecord | Reply {
  const valid = isRecordId(id) ? BigInt(id).toString() : undefined;
  const record = valid === undefined ? undefined : reading ? recordIn(ctx.store, module, valid).record : ctx.store.record(module, valid);
  if (!record || record.deletedAt !== undefined) return zohoError(400, 'INVALID_DATA', MESSAGES.invalidId, { resource_path_index: 1 });
  return record;
}

function getOne({ ctx, req, module }: Call, id: string): Reply {
  const record = recordAtPath(ctx, module, id, true);
  if ('status' in record) return record;
  const fields = fieldsParam(req.query);
  if (fields && fields.length > MAX_FIELDS) return fieldsLimitExceeded();
  return reply(200, { data: [apiRecord(ctx.store, record, fields)] });
}

/** Get Records: "you can include a maximum of 50 field API names" in `fields` (details: a decision). */
function fieldsLimitExceeded(): Reply {
  return zohoError(400, 'LIMIT_EXCEEDED', MESSAGES.fieldsLimitExceeded, { limit: MAX_FIELDS });
}

function search({ ctx, req, module }: Call): Reply {
  const paged = paging(req.query);
  if (!paged) return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
  if (paged.page * paged.perPage > MAX_SEARCH_RESULTS) {
    return zohoError(400, 'LIMIT_REACHED', MESSAGES.searchLimitReached, { limit: MAX_SEARCH_RESULTS });
  }
  const word = req.query.get('word');
  if (word && SEARCH_PARAMS.slice(0, 3).every((p) => !req.query.get(p)) && word.trim().length < 2) {
    return zohoError(400, 'INVALID_DATA', MESSAGES.searchValueTooShort, { param_name: 'word' });
  }
  const test = searchTest(req.query);
  if (test === undefined) return zohoError(400, 'EXPECTED_PARAM_MISSING', MESSAGES.searchParamMissing, { param_names: [...SEARCH_PARAMS] });
  if (typeof test === 'string') return zohoError(400, 'INVALID_QUERY', MESSAGES.invalidQuery, { reason: test });
  // Newest first: Zoho's search sorts by id, descending, unless told otherwise (the Search Records page's sample
  // answers "sort_by": "id", "sort_order": "desc").
  const found = sortRecords(
    ctx.store,
    liveRecordsIn(ctx.store, module).filter((r) => test(apiRecord(ctx.store, r))),
    'id',
    'desc',
  );
  const fields = fieldsParam(req.query);
  return onePage(found, paged, (r) => apiRecord(ctx.store, r, fields));
}

/** The record test for `criteria`, `email`, `phone` or `word` (the first given); a reason when the criteria are bad. */
function searchTest(query: URLSearchParams): ((record: Fields) => boolean) | string | undefined {
  const criteria = query.get('criteria');
  if (criteria) {
    try {
      const parsed = parseCriteria(criteria);
      return (record) => matches(parsed, record);
    } catch (error) {
      if (error instanceof CriteriaError) return error.message;
      throw error;
    }
  }
  const byKey = (keyPattern: RegExp, test: (value: string) => boolean) => (record: Fields) =>
    Object.entries(record).some(([key, value]) => keyPattern.test(key) && typeof value === 'string' && test(value));
  const email = query.get('email');
  if (email) return byKey(/email/i, (v) => v.toLowerCase() === email.trim().toLowerCase());
  const phone = query.get('phone');
  if (phone) return byKey(/phone|mobile/i, (v) => v.trim() === phone.trim());
  const word = query.get('word');
  if (word) {
    const wanted = word.trim().toLowerCase();
    return (record) => Object.values(record).some((value) => wordTexts(value).some((text) => text.toLowerCase().includes(wanted)));
  }
  return undefined;
}

/**
 * The texts of a field that a `word` search looks in: the value as shown, a lookup's or tag's name, each item of a
 * list; never a key, nor the ids and addresses inside a lookup (`Owner` is `{"name","id","email"}`).
 */
function wordTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(wordTexts);
  if (isPlainObject(value) && typeof value['name'] === 'string') return [value['name']];
  return [];
}

/** `/{module}/{id}/{related_list}`: records of the named module that point at this one through a lookup. */
function related({ ctx, req, module }: Call, id: string, relatedName: string): Reply {
  const parent = recordAtPath(ctx, module, id, true);
  if ('status' in parent) return parent;
  const relatedModule = ctx.store.module(relatedName);
  if (!relatedModule) return zohoError(400, 'INVALID_DATA', MESSAGES.invalidRelation, { resource_path_index: 2 });
  const paged = paging(req.query);
  if (!paged) return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
  const pointsAtParent = (value: unknown) => isPlainObject(value) && String(value['id']) === parent.id;
  const found = liveRecordsIn(ctx.store, relatedModule).filter((r) => Object.values(r.fields).some(pointsAtParent));
  const fields = fieldsParam(req.query);
  return onePage(found, paged, (r) => apiRecord(ctx.store, r, fields));
}

/** `/{module}/deleted?type=all|recycle|permanent`: the recycle bin (the sandbox never deletes permanently). */
function deletedRecords({ ctx, req, module }: Call): Reply {
  const type = req.query.get('type') ?? 'all';
  if (!['all', 'recycle', 'permanent'].includes(type)) return zohoError(400, 'INVALID_DATA', MESSAGES.invalidData, { param_name: 'type' });
  const paged = paging(req.query);
  if (!paged) return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
  const binned = type === 'permanent' ? [] : ctx.store.allRecords(module).filter((r) => r.deletedAt !== undefined);
  const entries = binned.map((r) => ({
    deleted_by: userRef(ctx.store, r.deletedBy!),
    id: r.id,
    display_name: displayName(module, r),
    type: 'recycle',
    created_by: userRef(ctx.store, r.createdBy),
    deleted_time: r.deletedAt,
  }));
  return onePage(entries, paged);
}

function displayName(module: ModuleInfo, record: StoredRecord): string {
  return module.displayFields.map((f) => record.fields[f]).filter((v) => v !== undefined && v !== null && v !== '').join(' ');
}

// ---------------------------------------------------------------------------------------------------- write

/** The `data` list of a write body, or the error reply. */
function writeBody(body: string): { items: unknown[]; input: Fields } | Reply {
  let input: unknown;
  try {
    input = parseJsonKeepingIds(body);
  } catch {
    return zohoError(400, 'UNABLE_TO_PARSE_DATA_TYPE', MESSAGES.unableToParse);
  }
  if (!isPlainObject(input) || !Array.isArray(input['data']) || input['data'].length === 0) {
    return zohoError(400, 'MANDATORY_NOT_FOUND', MESSAGES.requiredField, { api_name: 'data', json_path: '$.data' });
  }
  if (input['data'].length > RECORDS_PER_CALL) return zohoError(400, 'LIMIT_EXCEEDED', MESSAGES.limitExceeded, { limit: RECORDS_PER_CALL });
  return { items: input['data'], input };
}

/** The details Zoho gives a record it added or updated. */
function writeDetails(store: Store, record: StoredRecord): Fields {
  return {
    Modified_Time: record.modifiedAt,
    Modified_By: userRef(store, record.modifiedBy),
    Created_Time: record.createdAt,
    id: record.id,
    Created_By: userRef(store, record.createdBy),
  };
}

/** Why `item` (at `data[index]`) cannot be written: not an object, an unknown owner, a missing mandatory field. */
function invalidItem(store: Store, module: ModuleInfo, item: unknown, index: number, creating: boolean): Outcome | undefined {
  const path = (field: string) => `$.data[${index}].${field}`;
  if (!isPlainObject(item)) return outcome('INVALID_DATA', MESSAGES.invalidData, { expected_data_type: 'jsonobject', json_path: `$.data[${index}]` });
  const owner = item['Owner'];
  if (owner !== undefined && !(isPlainObject(owner) && store.users.has(String(owner['id'])))) {
    return outcome('INVALID_DATA', MESSAGES.invalidData, { api_name: 'Owner', json_path: path('Owner') });
  }
  const subform = item['Subform_1'];
  if (subform !== undefined && !(Array.isArray(subform) && subform.every(isPlainObject))) {
    return outcome('INVALID_DATA', MESSAGES.invalidData, { expected_data_type: 'jsonarray', api_name: 'Subform_1', json_path: path('Subform_1') });
  }
  // A new record needs every mandatory field; an update may leave one out, but not empty it (`"Last_Name": ""`).
  const missing = module.mandatory.find((f) => (creating && item[f] === undefined) || item[f] === null || item[f] === '');
  if (missing) return outcome('MANDATORY_NOT_FOUND', MESSAGES.requiredField, { api_name: missing, json_path: path(missing) });
  return undefined;
}

/**
 * Lookups as the CRM keeps them: a field given a record's id — `{"id": "…"}`, or, in a lookup's name (`Account_Name`,
 * `Who_Id`), the id alone, as Deluge scripts write `"Account_Name": accountId` — holds `{"name", "id"}` of that record
 * (of another module). Anything else is kept as given (the sandbox does not check field types).
 */
function withLookups(store: Store, module: ModuleInfo, fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    const reference = isPlainObject(value) && Object.keys(value).every((k) => k === 'id' || k === 'name');
    if (!reference && !LOOKUP_NAME.test(key)) {
      out[key] = value;
      continue;
    }
    const id = reference ? value['id'] : value;
    const text = typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint' ? String(id) : '';
    const target = /^\d{15,19}$/.test(text) ? recordAnywhere(store, module, text) : undefined;
    out[key] = target ? { name: displayName(target.module, target.record), id: target.record.id } : value;
  }
  return out;
}

/** Names of lookup fields in Zoho's modules: `Account_Name`, `Contact_Name`, `Deal_Name`, `Who_Id`, `What_Id`, `Parent_Id`. */
const LOOKUP_NAME = /_Name$|^(?:Who|What|Parent)_Id$/;

/** A live record with this id in a module other than `except`. */
function recordAnywhere(store: Store, except: ModuleInfo, id: string): { module: ModuleInfo; record: StoredRecord } | undefined {
  for (const module of store.moduleList()) {
    if (module === except) continue;
    const record = store.record(module, id);
    if (record && record.deletedAt === undefined) return { module, record };
  }
  return undefined;
}

function create(call: Call, item: Fields): StoredRecord {
  const { ctx, module, user } = call;
  const data = {
    fields: withLookups(ctx.store, module, withoutSystemFields(item)),
    owner: isPlainObject(item['Owner']) ? String(item['Owner']['id']) : user.id,
    ...(Array.isArray(item['Subform_1']) ? { subform: item['Subform_1'] as Fields[] } : {}),
  };
  return ctx.store.addRecord(module, data, user.id);
}

function applyUpdate(call: Call, record: StoredRecord, item: Fields): void {
  const { ctx, user } = call;
  Object.assign(record.fields, withLookups(ctx.store, call.module, withoutSystemFields(item)));
  if (isPlainObject(item['Owner'])) record.ownerId = String(item['Owner']['id']);
  if (Array.isArray(item['Subform_1'])) record.subform = (item['Subform_1'] as Fields[]).map((row) => ctx.store.subformRow(row));
  record.modifiedAt = ctx.time();
  record.modifiedBy = user.id;
}

function insert(call: Call): Reply {
  const body = writeBody(call.req.body);
  if ('status' in body) return body;
  const results = body.items.map((item, index) => {
    const invalid = invalidItem(call.ctx.store, call.module, item, index, true);
    if (invalid) return invalid;
    return outcome('SUCCESS', 'record added', writeDetails(call.ctx.store, create(call, item as Fields)));
  });
  return outcomes(results, 201);
}

/** One update; `id` already resolved to a live record or not. */
function updateItem(call: Call, record: StoredRecord | undefined, item: unknown, index: number): Outcome {
  const invalid = invalidItem(call.ctx.store, call.module, item, index, false);
  if (invalid) return invalid;
  if (!record) return outcome('INVALID_DATA', MESSAGES.invalidId, { api_name: 'id', json_path: `$.data[${index}].id` });
  const refused = refusedByState(record, MESSAGES.notApprovedToUpdate);
  if (refused) return refused;
  applyUpdate(call, record, item as Fields);
  return outcome('SUCCESS', 'record updated', writeDetails(call.ctx.store, record));
}

/**
 * What a record's state answers a delete or an update (`notApproved`: the operation's words for a record not approved
 * yet); undefined when the state refuses neither.
 */
function refusedByState(record: StoredRecord, notApproved: string): Outcome | undefined {
  const details = { id: record.id };
  switch (record.state) {
    case 'locked':
      return outcome('RECORD_LOCKED', MESSAGES.recordLocked, details);
    case 'zia_image_pending':
    case 'merging':
      return outcome('RECORD_LOCKED', notApproved, details);
    case 'approval_pending':
    case 'image_rejected':
      return outcome('NOT_APPROVED', notApproved, details);
  }
  return undefined;
}

function liveRecordById(call: Call, id: unknown): StoredRecord | undefined {
  const text = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  const record = isRecordId(text) ? call.ctx.store.record(call.module, BigInt(text).toString()) : undefined;
  return record?.deletedAt === undefined ? record : undefined;
}

function updateMany(call: Call): Reply {
  const body = writeBody(call.req.body);
  if ('status' in body) return body;
  const results = body.items.map((item, index) => {
    if (isPlainObject(item) && item['id'] === undefined) {
      return outcome('MANDATORY_NOT_FOUND', MESSAGES.requiredField, { api_name: 'id', json_path: `$.data[${index}].id` });
    }
    return updateItem(call, liveRecordById(call, isPlainObject(item) ? item['id'] : undefined), item, index);
  });
  return outcomes(results);
}

function updateOne(call: Call, id: string): Reply {
  const record = recordAtPath(call.ctx, call.module, id);
  if ('status' in record) return record;
  const body = writeBody(call.req.body);
  if ('status' in body) return body;
  // The record of the path is updated with `data[0]` (docs/sandbox.md); the items after it are not read.
  return outcomes([updateItem(call, record, body.items[0], 0)]);
}

/**
 * Upsert: an item with an `id` updates that record; otherwise the first of `duplicate_check_fields` (default:
 * the module's system duplicate checks, e.g. Email for Leads) whose value matches a live record updates it, and
 * no match inserts.
 */
function upsert(call: Call): Reply {
  const body = writeBody(call.req.body);
  if ('status' in body) return body;
  const given = body.input['duplicate_check_fields'];
  const checkFields = Array.isArray(given) ? given.map(String) : call.module.duplicateCheck;
  const results = body.items.map((item, index) => {
    if (!isPlainObject(item)) return invalidItem(call.ctx.store, call.module, item, index, false)!;
    if (item['id'] !== undefined) return upserted(updateItem(call, liveRecordById(call, item['id']), item, index), 'update', null);
    const [existing, duplicateField] = findDuplicate(call, item, checkFields);
    if (existing) return upserted(updateItem(call, existing, item, index), 'update', duplicateField);
    return upserted(insertItem(call, item, index), 'insert', null);
  });
  return outcomes(results);
}

function insertItem(call: Call, item: Fields, index: number): Outcome {
  const invalid = invalidItem(call.ctx.store, call.module, item, index, true);
  if (invalid) return invalid;
  return outcome('SUCCESS', 'record added', writeDetails(call.ctx.store, create(call, item)));
}

/** Zoho's upsert outcome: a success also says what was done and which field found the duplicate. */
function upserted(result: Outcome, action: 'insert' | 'update', duplicateField: string | null): Outcome | UpsertOutcome {
  if (result.status === 'error') return result;
  return { code: result.code, duplicate_field: duplicateField, action, details: result.details, message: result.message, status: result.status };
}

interface UpsertOutcome extends Outcome {
  readonly duplicate_field: string | null;
  readonly action: 'insert' | 'update';
}

function findDuplicate(call: Call, item: Fields, checkFields: readonly string[]): [StoredRecord, string] | [undefined, null] {
  const live = call.ctx.store.liveRecords(call.module);
  for (const field of checkFields) {
    const value = item[field];
    if (value === undefined || value === null || value === '') continue;
    const same = live.find((r) => String(r.fields[field] ?? '').toLowerCase() === String(value).toLowerCase());
    if (same) return [same, field];
  }
  return [undefined, null];
}
