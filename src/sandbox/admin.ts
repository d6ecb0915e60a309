/**
 * The admin API under `/__sandbox/…` (no auth; the server answers it to loopback clients only): reset, seed and
 * inspect records (the recycle bin included), modules, users, tokens and grant codes, the workflow log, the
 * request log, and faults. Errors are `{"error": "…"}` with 400 (bad input, a key a route does not take among it:
 * `onlyKeys`), 404 (no such route) or 405.
 */
import { isSecretField, MASK, redactHeaders, redactRequestText } from '../http/redact.js';
import { ALL_SCOPES, GRANT_CODE_SECONDS, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './accounts.js';
import { type Reply, reply, type SandboxRequest } from './http.js';
import { isPlainObject, parseJsonKeepingIds } from './json.js';
import type { ReceivedRequest, RequestLogEntry, SandboxState } from './state.js';
import { InvalidDataError, onlyKeys, parseRecordData, parseUser, recordData, type RecordData } from './store.js';

type Handler = (state: SandboxState, body: unknown, req: SandboxRequest) => Reply;

/** Route → method → handler; `{module}` stands for the one variable segment. */
const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  reset: { POST: reset },
  'records/{module}': { GET: listRecords, POST: addRecords },
  modules: { GET: listModules, POST: addModule },
  users: { GET: (state) => reply(200, [...state.store.users.values()]), POST: addUser },
  tokens: { POST: addToken },
  'tokens/expire': { POST: expireTokens },
  codes: { POST: addCode },
  'workflow-log': { GET: (state) => reply(200, state.store.workflowLog) },
  requests: { GET: (state) => reply(200, state.requests.map(listedRequest)), DELETE: clearRequests },
  faults: { GET: (state) => reply(200, state.faults.faults), POST: (state, body) => reply(200, state.faults.update(body)) },
};

/** `segments` is the whole path, starting with `__sandbox`. */
export function handleAdmin(state: SandboxState, req: SandboxRequest): Reply {
  const rest = req.segments.slice(1);
  const key = rest[0] === 'records' && rest.length === 2 ? 'records/{module}' : rest.join('/');
  const methods = ROUTES[key];
  if (!methods) return reply(404, { error: `no admin route /__sandbox/${rest.join('/')} (see docs/sandbox.md)` });
  const handler = methods[req.method];
  if (!handler) return reply(405, { error: `${req.method} is not allowed here; use ${Object.keys(methods).join(' or ')}` }, { allow: Object.keys(methods).join(', ') });
  try {
    return handler(state, parseBody(req.body), req);
  } catch (error) {
    if (error instanceof InvalidDataError) return reply(400, { error: error.message });
    throw error;
  }
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return parseJsonKeepingIds(text);
  } catch {
    throw new InvalidDataError('the body is not valid JSON');
  }
}

function reset(state: SandboxState): Reply {
  state.reset();
  return reply(200, { status: 'reset' });
}

function moduleOf(state: SandboxState, req: SandboxRequest) {
  const name = req.segments[2]!;
  const module = state.store.module(name);
  if (!module) throw new InvalidDataError(`no module '${name}' (create a custom one with POST /__sandbox/modules)`);
  return module;
}

/** Every record of the module, deleted ones too (`deleted: true`, `deletedAt`, `deletedBy`). */
function listRecords(state: SandboxState, _body: unknown, req: SandboxRequest): Reply {
  return reply(200, state.store.allRecords(moduleOf(state, req)).map(recordData));
}

/** `{"records": [{id?, fields, state?, owner?, subform?}]}`: all are checked before any is added. */
function addRecords(state: SandboxState, body: unknown, req: SandboxRequest): Reply {
  const module = moduleOf(state, req);
  if (!isPlainObject(body) || !Array.isArray(body['records'])) throw new InvalidDataError('expected {"records": [{"fields": {…}}, …]}');
  onlyKeys(body, ['records'], 'the body');
  const items: RecordData[] = body['records'].map(parseRecordData);
  const ids = new Set<string>();
  for (const item of items) {
    if (item.id !== undefined && (ids.has(item.id) || state.store.record(module, item.id))) throw new InvalidDataError(`${module.apiName} already has a record ${item.id}`);
    if (item.id !== undefined) ids.add(item.id);
    if (item.owner !== undefined && !state.store.users.has(item.owner)) throw new InvalidDataError(`no user ${item.owner} (create it with POST /__sandbox/users)`);
  }
  state.store.reserveIds(items);
  const added = items.map((item) => recordData(state.store.addRecord(module, item)));
  return reply(201, { records: added });
}

function listModules(state: SandboxState): Reply {
  return reply(200, state.store.moduleList().map((m) => ({ api_name: m.apiName, custom: m.custom, scope_name: m.scopeName })));
}

/** `{"api_name": "Projects_X", "custom": true}` creates a custom module. */
function addModule(state: SandboxState, body: unknown): Reply {
  if (!isPlainObject(body) || typeof body['api_name'] !== 'string') throw new InvalidDataError('expected {"api_name": "…", "custom": true}');
  onlyKeys(body, ['api_name', 'custom'], 'a module');
  if (body['custom'] !== undefined && body['custom'] !== true) throw new InvalidDataError('only custom modules can be created ("custom": true)');
  const module = state.store.createCustomModule(body['api_name']);
  return reply(201, { api_name: module.apiName, custom: true, scope_name: module.scopeName });
}

/** Creates a user, or updates the one with the given id. */
function addUser(state: SandboxState, body: unknown): Reply {
  if (isPlainObject(body)) {
    const canDelete = body['canDelete'];
    const unknownModule = isPlainObject(canDelete) ? Object.keys(canDelete).find((name) => !state.store.module(name)) : undefined;
    if (unknownModule !== undefined) throw new InvalidDataError(`no module '${unknownModule}' in "canDelete" (module API names: Leads, Price_Books, …)`);
  }
  const id = isPlainObject(body) && typeof body['id'] === 'string' ? body['id'] : undefined;
  const existing = id === undefined ? undefined : state.store.users.get(id);
  const user = parseUser(body, existing ? undefined : state.store.newId(), existing);
  state.store.addUser(user);
  return reply(existing ? 200 : 201, user);
}

interface GrantInput {
  readonly scopes: readonly string[];
  readonly userId: string;
  readonly expiresIn: number | undefined;
}

/** `scopes` (default: every CRM scope), `user` (default: the admin user), `expiresIn` seconds. */
function grantInput(state: SandboxState, body: unknown): GrantInput {
  if (!isPlainObject(body)) throw new InvalidDataError('expected a JSON object');
  onlyKeys(body, ['scopes', 'user', 'expiresIn'], 'the body');
  const { scopes = ALL_SCOPES, user = state.store.defaultUserId, expiresIn } = body;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new InvalidDataError('"scopes" must be a list of scope names');
  // Zoho's consoles write scope lists comma-separated; pasted as one item, they made a token no scope check matched.
  const joined = scopes.find((s) => /[\s,]/.test(s));
  if (joined !== undefined) throw new InvalidDataError(`"${joined}" is not one scope name: give each scope as its own item of "scopes"`);
  if (typeof user !== 'string' || !state.store.users.has(user)) throw new InvalidDataError(`no user ${String(user)} (create it with POST /__sandbox/users)`);
  if (expiresIn !== undefined && !(typeof expiresIn === 'number' && expiresIn > 0 && Number.isFinite(expiresIn))) throw new InvalidDataError('"expiresIn" must be a number of seconds > 0');
  return { scopes: scopes as string[], userId: user, expiresIn: expiresIn as number | undefined };
}

function addToken(state: SandboxState, body: unknown): Reply {
  const { scopes, userId, expiresIn } = grantInput(state, body);
  const issued = state.accounts.issue(scopes, userId, expiresIn);
  return reply(201, { ...issued, client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET });
}

/** `{"token": "…"}` expires that access token; `{}` expires them all. */
function expireTokens(state: SandboxState, body: unknown): Reply {
  if (!isPlainObject(body)) throw new InvalidDataError('expected {"token": "…"} (that access token) or {} (every one)');
  onlyKeys(body, ['token'], 'the body');
  const token = body['token'];
  if (token !== undefined && typeof token !== 'string') throw new InvalidDataError('"token" must be an access token');
  return reply(200, { expired: state.accounts.expire(token) });
}

/** A grant code for `grant_type=authorization_code` (single use; 3 minutes unless `expiresIn`). */
function addCode(state: SandboxState, body: unknown): Reply {
  const { scopes, userId, expiresIn = GRANT_CODE_SECONDS } = grantInput(state, body);
  const code = state.accounts.issueCode(scopes, userId, expiresIn);
  return reply(201, { code, client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, expires_in: expiresIn });
}

/**
 * A received request as listed, credentials masked as `deluge run` masks them in its listings (src/http/redact.ts): an
 * Authorization value keeps its scheme, other secret headers (`X-Api-Key`, `Cookie`) are `****`. The log is for tests
 * to assert what a script sent; it is also printed and read by more people than the script, so it is masked alike.
 */
function listedRequest(entry: ReceivedRequest): RequestLogEntry {
  return {
    at: entry.at,
    method: entry.method,
    path: entry.path,
    query: redactRequestText(entry.query),
    headers: Object.fromEntries(redactHeaders(entry.headers)),
    body: redactRequestText(maskedMultipartSecrets(entry.body)),
    status: entry.status,
  };
}

/** A multipart part named as a credential (`name="client_secret"`), up to the next boundary line. */
const MULTIPART_PART = /(Content-Disposition:[^\r\n]*\bname="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([\s\S]*?)(?=\r?\n--)/gi;

/** The values of a multipart body's credential fields (`curl -F client_secret=…`) masked, as a form body's are. */
function maskedMultipartSecrets(body: string): string {
  if (!body.includes('Content-Disposition')) return body;
  return body.replace(MULTIPART_PART, (all, head: string, name: string) => (isSecretField(name) ? `${head}${MASK}` : all));
}

function clearRequests(state: SandboxState): Reply {
  state.requests = [];
  return reply(200, { status: 'cleared' });
}
