/**
 * The sandbox's data: modules, users, records (with their subform rows and the recycle bin) and the workflow
 * log. The same shapes travel through the admin API and the `--data` file, so what a test seeds, what the admin
 * API shows and what is saved read alike.
 */
import { customModule, isValidCustomModuleName, type ModuleInfo, STANDARD_MODULES, UNSUPPORTED_MODULES } from './modules.js';
import { isPlainObject } from './json.js';

/** Why a record cannot be deleted yet (sandbox.md's outcome table). */
export const RECORD_STATES = ['locked', 'zia_image_pending', 'merging', 'approval_pending', 'image_rejected'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export type Fields = Record<string, unknown>;

export interface StoredRecord {
  readonly id: string;
  fields: Fields;
  ownerId: string;
  state?: RecordState;
  /** Rows of the record's subform (`Subform_1` in the API), each with its own `id`. */
  subform: Fields[];
  readonly createdAt: string;
  readonly createdBy: string;
  modifiedAt: string;
  modifiedBy: string;
  /** Set when the record is in the recycle bin. */
  deletedAt?: string;
  deletedBy?: string;
}

export interface User {
  readonly id: string;
  name: string;
  email: string;
  /** `admin` may delete any record; `standard` only the records it owns (the sandbox's model of sharing). */
  role: 'admin' | 'standard';
  /** Profile permission to delete, by module API name; absent means allowed. */
  canDelete: Record<string, boolean>;
}

export interface WorkflowEntry {
  readonly module: string;
  readonly id: string;
  readonly event: 'delete';
  readonly at: string;
}

/** A record as the admin API takes it and the data file stores it. */
export interface RecordData {
  id?: string;
  fields: Fields;
  state?: RecordState;
  owner?: string;
  subform?: Fields[];
  createdAt?: string;
  /** The user who made the record (default: the one adding it, else its owner). */
  createdBy?: string;
  modifiedAt?: string;
  modifiedBy?: string;
  deleted?: boolean;
  deletedAt?: string;
  deletedBy?: string;
}

/** The `--data` file. */
export interface SandboxData {
  version: 1;
  modules: { api_name: string }[];
  users: User[];
  records: Record<string, RecordData[]>;
  workflowLog: WorkflowEntry[];
}

/** Ids the sandbox generates: 18 digits like Zoho's, above the demo data's. */
const FIRST_GENERATED_ID = 410405000003000001n;

/** The largest id Zoho accepts (a Java long). */
export const MAX_RECORD_ID = 9223372036854775807n;

/**
 * Whether `text` is an id the sandbox can hold: digits without a leading zero, within a Java long. Others could not be
 * reached through the API (which reads `0001` as 1 and refuses ids beyond a long), and one beyond a long would make
 * every id generated after it unusable.
 */
export function isStoredId(text: string): boolean {
  return /^[1-9]\d{0,18}$/.test(text) && BigInt(text) <= MAX_RECORD_ID;
}

const STORED_ID_FORM = `digits without a leading zero, at most ${MAX_RECORD_ID}`;

/** Fields the API shows from elsewhere than `fields` (the record's own metadata). */
const SYSTEM_FIELDS = new Set(['id', 'Owner', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By', 'Subform_1']);

export class InvalidDataError extends Error {}

/**
 * Refuses keys `what` does not take, naming the ones it does. A misspelt key would otherwise be ignored, leaving a
 * default that is the opposite of what was asked (`scope` for `scopes`: every scope), or — in a data file, which is
 * written back on exit — be lost: `{"Leads": […]}` without its `records` started an empty sandbox and was overwritten.
 */
export function onlyKeys(object: Record<string, unknown>, known: readonly string[], what: string): void {
  const unknown = Object.keys(object).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new InvalidDataError(`unknown key "${unknown}" in ${what} (it takes ${known.map((k) => `"${k}"`).join(', ')})`);
}

/** The keys of a record as the admin API shows it and the data file stores it (and takes it back). */
const RECORD_KEYS = ['id', 'fields', 'state', 'owner', 'subform', 'createdAt', 'createdBy', 'modifiedAt', 'modifiedBy', 'deleted', 'deletedAt', 'deletedBy'];
const USER_KEYS = ['id', 'name', 'email', 'role', 'canDelete'];
const DATA_KEYS = ['version', 'modules', 'users', 'records', 'workflowLog'];

export class Store {
  private readonly modules = new Map<string, ModuleInfo>();
  private readonly records = new Map<string, Map<string, StoredRecord>>();
  readonly users = new Map<string, User>();
  workflowLog: WorkflowEntry[] = [];
  private lastId = FIRST_GENERATED_ID - 1n;
  /** Once generated ids have reached the largest there is: every id in use (kept up to date from then on). */
  private idsInUse: Set<string> | undefined;
  /** From then on, where the search for a free id goes on. */
  private nextFree = FIRST_GENERATED_ID;

  constructor(
    private readonly time: () => string,
    readonly defaultUserId: string,
  ) {
    for (const module of STANDARD_MODULES) this.addModule(module);
  }

  /** A module by name, case-insensitively; undefined when unknown. */
  module(name: string): ModuleInfo | undefined {
    return this.modules.get(name.toLowerCase());
  }

  moduleList(): ModuleInfo[] {
    return [...this.modules.values()];
  }

  createCustomModule(apiName: string): ModuleInfo {
    if (!isValidCustomModuleName(apiName)) throw new InvalidDataError(`'${apiName}' is not a valid module API name (letters, digits, _)`);
    if (this.module(apiName) || UNSUPPORTED_MODULES.some((m) => m.toLowerCase() === apiName.toLowerCase())) {
      throw new InvalidDataError(`a module named '${apiName}' already exists`);
    }
    const module = customModule(apiName);
    this.addModule(module);
    return module;
  }

  private addModule(module: ModuleInfo): void {
    this.modules.set(module.apiName.toLowerCase(), module);
    this.records.set(module.apiName, new Map());
  }

  newId(): string {
    if (this.lastId < MAX_RECORD_ID) {
      this.lastId += 1n;
      return this.lastId.toString();
    }
    // A data file holds the largest id there is: generated ids go on from the first free one from the start (the ids
    // in use are gathered once, when the ids above all of them have run out).
    const inUse = (this.idsInUse ??= this.gatherIdsInUse());
    // (Searched on from the last one given: the ids before it are all taken.)
    for (; this.nextFree <= MAX_RECORD_ID; this.nextFree++) {
      const id = this.nextFree.toString();
      if (!inUse.has(id)) {
        inUse.add(id);
        return id;
      }
    }
    throw new InvalidDataError('the sandbox has no record id left');
  }

  /** Every record's, subform row's and user's id. */
  private gatherIdsInUse(): Set<string> {
    const ids = new Set<string>(this.users.keys());
    for (const records of this.records.values()) {
      for (const record of records.values()) {
        ids.add(record.id);
        for (const row of record.subform) if (typeof row['id'] === 'string') ids.add(row['id']);
      }
    }
    return ids;
  }

  /** The record with this id, deleted or not. */
  record(module: ModuleInfo, id: string): StoredRecord | undefined {
    return this.recordsOf(module).get(id);
  }

  /** Records not in the recycle bin, in insertion order. */
  liveRecords(module: ModuleInfo): StoredRecord[] {
    return [...this.recordsOf(module).values()].filter((r) => r.deletedAt === undefined);
  }

  allRecords(module: ModuleInfo): StoredRecord[] {
    return [...this.recordsOf(module).values()];
  }

  private recordsOf(module: ModuleInfo): Map<string, StoredRecord> {
    return this.records.get(module.apiName)!;
  }

  /**
   * Keeps generated ids above the ids these records (and their subform rows) bring with them: called before a batch
   * is added, so that an id generated for one record of the batch is never the id another one gives.
   */
  reserveIds(items: readonly RecordData[]): void {
    for (const item of items) {
      if (item.id !== undefined && isStoredId(item.id)) this.noteId(item.id);
      for (const row of item.subform ?? []) if (typeof row['id'] === 'string' && isStoredId(row['id'])) this.noteId(row['id']);
    }
  }

  /** Adds a record as the admin API, the data file or an insert gives it (`actor`: who creates it; default its owner). */
  addRecord(module: ModuleInfo, data: RecordData, actor?: string): StoredRecord {
    const id = data.id ?? this.newId();
    if (!isStoredId(id)) throw new InvalidDataError(`record id '${id}' is not a record id (${STORED_ID_FORM})`);
    if (this.record(module, id)) throw new InvalidDataError(`${module.apiName} already has a record ${id}`);
    const owner = data.owner ?? this.defaultUserId;
    for (const user of [owner, data.createdBy, data.modifiedBy, data.deletedBy]) {
      if (user !== undefined && !this.users.has(user)) throw new InvalidDataError(`no user ${user} (create it with POST /__sandbox/users)`);
    }
    // Before its subform rows get ids of their own.
    this.noteId(id);
    const now = this.time();
    const record: StoredRecord = {
      id,
      fields: withoutSystemFields(data.fields),
      ownerId: owner,
      ...(data.state ? { state: data.state } : {}),
      subform: (data.subform ?? []).map((row) => this.subformRow(row)),
      createdAt: data.createdAt ?? now,
      createdBy: data.createdBy ?? actor ?? owner,
      modifiedAt: data.modifiedAt ?? data.createdAt ?? now,
      modifiedBy: data.modifiedBy ?? data.createdBy ?? actor ?? owner,
      ...(data.deleted || data.deletedAt ? { deletedAt: data.deletedAt ?? now, deletedBy: data.deletedBy ?? owner } : {}),
    };
    this.recordsOf(module).set(id, record);
    return record;
  }

  /** A subform row with an id (kept when given as one the sandbox can hold). */
  subformRow(row: Fields): Fields {
    const id = typeof row['id'] === 'string' && isStoredId(row['id']) ? row['id'] : this.newId();
    this.noteId(id);
    return { ...row, id };
  }

  /** Keeps generated ids above every id already in use, so seeded data never collides with new records. */
  private noteId(id: string): void {
    this.idsInUse?.add(id);
    const n = BigInt(id);
    if (n > this.lastId && n >= FIRST_GENERATED_ID) this.lastId = n;
  }

  addUser(user: User): void {
    this.idsInUse?.add(user.id);
    this.users.set(user.id, user);
  }

  toData(): SandboxData {
    const records: Record<string, RecordData[]> = {};
    for (const module of this.modules.values()) {
      const list = this.allRecords(module).map(recordData);
      if (list.length > 0) records[module.apiName] = list;
    }
    return {
      version: 1,
      modules: this.moduleList().filter((m) => m.custom).map((m) => ({ api_name: m.apiName })),
      users: [...this.users.values()],
      records,
      workflowLog: this.workflowLog,
    };
  }

  /** Replaces everything with `data` (a data file or the demo data). Throws InvalidDataError on bad input. */
  load(data: unknown): void {
    if (!isPlainObject(data)) throw new InvalidDataError('expected a JSON object');
    onlyKeys(data, DATA_KEYS, 'the data');
    if (data['version'] !== undefined && data['version'] !== 1) throw new InvalidDataError(`"version" ${JSON.stringify(data['version'])} is not one this sandbox reads (1)`);
    for (const m of optionalArray(data['modules'], 'modules')) {
      const name = isPlainObject(m) ? m['api_name'] : undefined;
      if (typeof name !== 'string') throw new InvalidDataError('each of "modules" needs an "api_name"');
      if (!this.module(name)) this.createCustomModule(name);
    }
    for (const u of optionalArray(data['users'], 'users')) this.addUser(parseUser(u, undefined));
    if (!this.users.has(this.defaultUserId)) throw new InvalidDataError(`the users must include the default user ${this.defaultUserId}`);
    const records = data['records'] ?? {};
    if (!isPlainObject(records)) throw new InvalidDataError('"records" must map module names to lists of records');
    const byModule = Object.entries(records).map(([name, list]) => {
      const module = this.module(name);
      if (!module) throw new InvalidDataError(`unknown module '${name}' in "records"`);
      if (!Array.isArray(list)) throw new InvalidDataError(`"records.${name}" must be a list`);
      return { module, items: list.map(parseRecordData) };
    });
    this.reserveIds(byModule.flatMap(({ items }) => items));
    for (const { module, items } of byModule) for (const item of items) this.addRecord(module, item);
    this.workflowLog = optionalArray(data['workflowLog'], 'workflowLog').map(workflowEntry);
  }
}

export function withoutSystemFields(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !SYSTEM_FIELDS.has(key)));
}

export function recordData(record: StoredRecord): RecordData {
  return {
    id: record.id,
    fields: record.fields,
    owner: record.ownerId,
    ...(record.state ? { state: record.state } : {}),
    subform: record.subform,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    modifiedAt: record.modifiedAt,
    modifiedBy: record.modifiedBy,
    deleted: record.deletedAt !== undefined,
    ...(record.deletedAt !== undefined ? { deletedAt: record.deletedAt, deletedBy: record.deletedBy! } : {}),
  };
}

function optionalArray(value: unknown, name: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new InvalidDataError(`"${name}" must be a list`);
  return value;
}

/** An entry of the data file's workflow log, checked: served as written by the admin API, a wrong one misled. */
function workflowEntry(item: unknown): WorkflowEntry {
  const valid =
    isPlainObject(item) &&
    Object.keys(item).every((key) => ['module', 'id', 'event', 'at'].includes(key)) &&
    typeof item['module'] === 'string' &&
    typeof item['id'] === 'string' &&
    item['event'] === 'delete' &&
    typeof item['at'] === 'string';
  if (!valid) throw new InvalidDataError(`each "workflowLog" entry is {"module", "id", "event": "delete", "at"}, not ${JSON.stringify(item)}`);
  return item as unknown as WorkflowEntry;
}

/** Validates a record as the admin API or a data file gives it. */
export function parseRecordData(item: unknown): RecordData {
  if (!isPlainObject(item) || !isPlainObject(item['fields'])) throw new InvalidDataError('each record needs "fields": {…}');
  onlyKeys(item, RECORD_KEYS, 'a record');
  const { id, state, owner, subform } = item;
  if (id !== undefined && !(typeof id === 'string' && isStoredId(id))) {
    throw new InvalidDataError(`record id ${JSON.stringify(id)} is not a record id (a string of ${STORED_ID_FORM})`);
  }
  if (state !== undefined && !RECORD_STATES.includes(state as RecordState)) {
    throw new InvalidDataError(`"state" must be one of ${RECORD_STATES.join(', ')}`);
  }
  if (owner !== undefined && typeof owner !== 'string') throw new InvalidDataError('"owner" must be a user id');
  if (subform !== undefined && !(Array.isArray(subform) && subform.every(isPlainObject))) {
    throw new InvalidDataError('"subform" must be a list of objects');
  }
  for (const row of (subform ?? []) as Fields[]) {
    if (row['id'] !== undefined && !(typeof row['id'] === 'string' && isStoredId(row['id']))) {
      throw new InvalidDataError(`subform row id ${JSON.stringify(row['id'])} is not a record id (a string of ${STORED_ID_FORM})`);
    }
  }
  // A time or a user the data file gives in another form was dropped, or served as written (`"createdAt": "yesterday"`).
  for (const key of ['createdAt', 'modifiedAt', 'deletedAt']) {
    const value = item[key];
    if (value !== undefined && !(typeof value === 'string' && !Number.isNaN(Date.parse(value)))) {
      throw new InvalidDataError(`"${key}" must be a date-time such as "2025-03-03T09:01:00+00:00", not ${JSON.stringify(value)}`);
    }
  }
  for (const key of ['createdBy', 'modifiedBy', 'deletedBy']) {
    if (item[key] !== undefined && typeof item[key] !== 'string') throw new InvalidDataError(`"${key}" must be a user id`);
  }
  const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : undefined);
  return {
    fields: item['fields'],
    ...(id !== undefined ? { id } : {}),
    ...(state !== undefined ? { state: state as RecordState } : {}),
    ...(owner !== undefined ? { owner } : {}),
    ...(subform !== undefined ? { subform: subform as Fields[] } : {}),
    ...(text('createdAt') ? { createdAt: text('createdAt')! } : {}),
    ...(text('createdBy') ? { createdBy: text('createdBy')! } : {}),
    ...(text('modifiedAt') ? { modifiedAt: text('modifiedAt')! } : {}),
    ...(text('modifiedBy') ? { modifiedBy: text('modifiedBy')! } : {}),
    ...(item['deleted'] === true ? { deleted: true } : {}),
    ...(text('deletedAt') ? { deletedAt: text('deletedAt')! } : {}),
    ...(text('deletedBy') ? { deletedBy: text('deletedBy')! } : {}),
  };
}

/** Validates a user as the admin API or a data file gives it; `generatedId` when it has none. */
export function parseUser(item: unknown, generatedId: string | undefined, existing?: User): User {
  if (!isPlainObject(item)) throw new InvalidDataError('a user must be an object');
  onlyKeys(item, USER_KEYS, 'a user');
  const id = item['id'] ?? existing?.id ?? generatedId;
  if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) throw new InvalidDataError('a user "id" must be a string of digits');
  const role = item['role'] ?? existing?.role ?? 'standard';
  if (role !== 'admin' && role !== 'standard') throw new InvalidDataError('"role" must be "admin" or "standard"');
  const canDelete = item['canDelete'] ?? existing?.canDelete ?? {};
  if (!isPlainObject(canDelete) || !Object.values(canDelete).every((v) => typeof v === 'boolean')) {
    throw new InvalidDataError('"canDelete" must map module names to true or false');
  }
  const name = item['name'] ?? existing?.name ?? `Sandbox User ${id.slice(-4)}`;
  const email = item['email'] ?? existing?.email ?? `user${id.slice(-4)}@sandbox.invalid`;
  if (typeof name !== 'string' || typeof email !== 'string') throw new InvalidDataError('"name" and "email" must be text');
  return { id, name, email, role, canDelete: canDelete as Record<string, boolean> };
}
