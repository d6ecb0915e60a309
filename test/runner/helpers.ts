/**
 * Runs Deluge scripts as `deluge run --sandbox` does — in-process, against the embedded CRM sandbox (started on
 * port 0, closed after each test) — and reaches the sandbox's admin API with undici to prepare records, users,
 * tokens and faults, and to read back what happened.
 *
 * Tokens of chosen scopes or users: under `--sandbox` every Zoho-type connection gets the sandbox's all-scope
 * credentials, but `header` connections keep their own value. So each session gets a temporary connections file
 * whose `header` connections send `Authorization: ${VAR}`; `useToken` fills VAR in (connections read their
 * variables when first used, so a token minted after the session opened still counts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { openRunSession, type RunSession, type RunSessionOptions } from '../../src/runner/session.js';
import { runScriptAsync, type RunResult } from '../../src/runtime/run.js';
import type { Value } from '../../src/runtime/values.js';

/** The Delete Records page's sample ids: two Leads of the demo data. */
export const SAMPLE_IDS = ['410405000002264040', '410405000002264025'] as const;
/** The demo data's admin user (owner of the startup token and of the demo records). */
export const ADMIN_USER = '4104050000000235001';
/** The connection the page's Deluge sample names; under `--sandbox` it gets the sandbox's all-scope token. */
export const CRM_CONNECTION = 'crm_oauth_connection';
/** Where the scripts send their requests: Zoho's host, which the session routes to the sandbox. */
export const ZOHO_CRM = 'https://www.zohoapis.com/crm';

export interface AdminAnswer {
  readonly status: number;
  readonly json: any;
}

/** A stored record as `GET /__sandbox/records/{module}` shows it. */
export interface AdminRecord {
  readonly id: string;
  readonly fields: Record<string, unknown>;
  readonly owner: string;
  readonly state?: string;
  readonly subform: Record<string, unknown>[];
  readonly deleted: boolean;
  readonly deletedAt?: string;
  readonly deletedBy?: string;
}

export interface SandboxRun {
  readonly session: RunSession;
  /** An admin API call: `admin('POST', 'faults', {...})` goes to `/__sandbox/faults`. */
  admin(method: string, path: string, body?: unknown): Promise<AdminAnswer>;
  /** Adds records to a module (checks the 201); returns their ids. */
  seed(module: string, records: readonly object[]): Promise<string[]>;
  /** Every record of a module, deleted ones too. */
  records(module: string): Promise<AdminRecord[]>;
  /** The ids of the module's records in the recycle bin. */
  deletedIds(module: string): Promise<string[]>;
  /** Creates a user (`role`, `canDelete`, …); returns its id. */
  user(body: object): Promise<string>;
  /** Mints an access token (`scopes`, `user`, `expiresIn`). */
  token(body?: object): Promise<string>;
  /** Makes a header connection of the session send `Zoho-oauthtoken <token>` (or `authorization` as given). */
  useToken(connection: string, token: string, authorization?: string): void;
  setFaults(faults: object): Promise<void>;
  workflowLog(): Promise<{ module: string; id: string; event: string; at: string }[]>;
  /** Runs a script with the session's task host. */
  run(script: string, args?: Readonly<Record<string, Value>>): Promise<RunResult>;
  close(): Promise<void>;
}

export interface SandboxRunOptions extends Omit<RunSessionOptions, 'sandbox' | 'connectionsFile' | 'env'> {
  /** Header connections to define, by name (default: one, `limited`). */
  readonly headerConnections?: readonly string[];
}

/** Opens a `--sandbox` session with a temporary connections file of header connections. */
export async function sandboxRun(options: SandboxRunOptions = {}): Promise<SandboxRun> {
  const { headerConnections = ['limited'], ...sessionOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'deluge-runner-test-'));
  const connectionsFile = join(dir, 'deluge.connections.json');
  const variable = (name: string): string => `TOKEN_${name.toUpperCase()}`;
  const connections = Object.fromEntries(
    headerConnections.map((name) => [name, { type: 'header', header: 'Authorization', value: `\${${variable(name)}}` }]),
  );
  writeFileSync(connectionsFile, JSON.stringify({ connections }));
  const env: NodeJS.ProcessEnv = {};
  let session: RunSession;
  try {
    session = await openRunSession({ ...sessionOptions, sandbox: {}, connectionsFile, env, cwd: dir });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const base = session.sandboxUrl!;
  const admin = (method: string, path: string, body?: unknown) => adminCall(base, method, path, body);

  const run: SandboxRun = {
    session,
    admin,
    async seed(module, records) {
      const answer = await admin('POST', `records/${module}`, { records });
      expectStatus(answer, 201, `seed ${module}`);
      return answer.json.records.map((r: { id: string }) => r.id);
    },
    async records(module) {
      const answer = await admin('GET', `records/${module}`);
      expectStatus(answer, 200, `records of ${module}`);
      return answer.json as AdminRecord[];
    },
    async deletedIds(module) {
      return (await run.records(module)).filter((r) => r.deleted).map((r) => r.id);
    },
    async user(body) {
      const answer = await admin('POST', 'users', body);
      expectStatus(answer, 201, 'user');
      return answer.json.id as string;
    },
    async token(body = {}) {
      const answer = await admin('POST', 'tokens', body);
      expectStatus(answer, 201, 'token');
      return answer.json.access_token as string;
    },
    useToken(connection, token, authorization = `Zoho-oauthtoken ${token}`) {
      if (!headerConnections.includes(connection)) throw new Error(`no header connection ${connection} in this session`);
      env[variable(connection)] = authorization;
    },
    async setFaults(faults) {
      expectStatus(await admin('POST', 'faults', faults), 200, 'faults');
    },
    async workflowLog() {
      const answer = await admin('GET', 'workflow-log');
      expectStatus(answer, 200, 'workflow log');
      return answer.json;
    },
    run: (script, args = {}) => runScriptAsync(script, { tasks: session.host, args }),
    async close() {
      try {
        await session.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return run;
}

async function adminCall(base: string, method: string, path: string, body?: unknown): Promise<AdminAnswer> {
  const res = await request(`${base}/__sandbox/${path}`, {
    method: method as 'GET',
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: text === '' ? undefined : JSON.parse(text) };
}

function expectStatus(answer: AdminAnswer, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`admin API (${what}) answered ${answer.status}: ${JSON.stringify(answer.json)}`);
}

export interface DeleteScriptOptions {
  /** Default `crm_oauth_connection` (the sandbox's all-scope token). */
  readonly connection?: string;
  /** Default DELETE (another method reaches INVALID_REQUEST_METHOD). */
  readonly type?: string;
}

/**
 * A script that sends one request with `detailed: true` and prints what it sees: the HTTP status, then — for a
 * whole-request error — `<status> <code>`, the message and the details, or — for per-record outcomes — one line
 * `<id> <code> <status>: <message>` per entry of `data`.
 */
export function deleteScript(url: string, options: DeleteScriptOptions = {}): string {
  return `response = invokeurl
[
	url: "${url}"
	type: ${options.type ?? 'DELETE'}
	connection: "${options.connection ?? CRM_CONNECTION}"
	detailed: true
];
info response.get("responseCode");
body = response.get("responseText");
data = body.get("data");
if (data == null)
{
	info body.get("status") + " " + body.get("code");
	info body.get("message");
	info body.get("details");
}
else
{
	for each entry in data
	{
		info entry.get("details").get("id") + " " + entry.get("code") + " " + entry.get("status") + ": " + entry.get("message");
	}
}
`;
}

/**
 * A standalone function that deletes `recordIds` (comma-separated) in batches of 100 with `detailed: true`, and
 * prints per batch `batch <n>: <HTTP status>` followed by each record's outcome, or the whole-request error
 * (`batch <n> failed: <code> <message>`) — the way a script accounts for every record.
 */
export const BULK_DELETE_SCRIPT = `string standalone.bulkDelete(String moduleName, String recordIds)
{
	batches = List();
	batch = List();
	for each rawId in recordIds.toList(",")
	{
		id = rawId.trim();
		if (!id.isEmpty())
		{
			batch.add(id);
			if (batch.size() == 100)
			{
				batches.add(batch);
				batch = List();
			}
		}
	}
	if (batch.size() > 0)
	{
		batches.add(batch);
	}
	deleted = 0;
	for each index n in batches
	{
		chunk = batches.get(n);
		response = invokeurl
		[
			url: "${ZOHO_CRM}/v7/" + moduleName + "?ids=" + chunk.toString()
			type: DELETE
			connection: "${CRM_CONNECTION}"
			detailed: true
		];
		info "batch " + (n + 1) + ": " + response.get("responseCode");
		body = response.get("responseText");
		if (body.get("data") == null)
		{
			info "batch " + (n + 1) + " failed: " + body.get("code") + " " + body.get("message");
		}
		else
		{
			for each entry in body.get("data")
			{
				info entry.get("details").get("id") + " " + entry.get("code");
				if (entry.get("code") == "SUCCESS")
				{
					deleted = deleted + 1;
				}
			}
		}
	}
	info "deleted " + deleted;
	return deleted.toString();
}
`;
