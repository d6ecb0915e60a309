import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCurl } from '../../src/importers/curl.js';
import { curlArguments, readCurlRequests } from '../../src/importers/curl/commands.js';
import { openRunSession } from '../../src/runner/session.js';
import { runScriptAsync } from '../../src/runtime/run.js';
import { detectShell } from '../../src/importers/curl/shell.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import {
  clearSandboxRequests,
  normalizeRequests,
  RUN_NOW,
  RUN_TIME_ZONE,
  sandboxRequests,
  type NormalizedBody,
  type NormalizedRequest,
} from '../helpers/sandbox-requests.js';
import { curlInputs, INPUT_FILES_DIR, readInputFile, type CurlInput } from './curl-cases.js';

/**
 * Execute and compare: each input's curl command is run by the real `curl` binary against a sandbox, and the Deluge
 * imported from it is run as `deluge run --sandbox` runs it; both sandboxes must receive the same requests (method,
 * path, query, headers other than the clients' own, body — as test/helpers/sandbox-requests.ts normalises them).
 * Hosts are rewritten: curl's URLs to the sandbox, the script's to www.zohoapis.com (which the run routes to its
 * sandbox). curl gets its arguments as the importer read them (so cmd and PowerShell inputs run too); for bash
 * inputs, bash itself must split the command into the same arguments.
 *
 * Inputs are left out when the import warns that the script differs on purpose: a placeholder for a file or a
 * variable (DLG6109, DLG6110, DLG6115), a method invokeurl lacks or writes otherwise (DLG6113, DLG6114), a content
 * type for -T's file, which curl sends with none (DLG6133), a multipart detail (DLG6122), a URL curl would expand or
 * complete (DLG6119, DLG6120), a header whose -H was lost, which curl would request as a URL (DLG6130), a URL split
 * at '://' (DLG6131), a header line with blanks around its name, which curl sends as written and a server refuses
 * (DLG6134), a header value beyond ASCII, which curl sends as UTF-8 and the run as Latin-1 (DLG6136), a `$'…'` byte that is not
 * UTF-8, which curl sends as the byte (DLG6137), or a command curl itself refuses (DLG6105, DLG6126, DLG6128, DLG6132); and inputs with no output
 * (errors). Paths under /oauth/ are moved to /oauth-test/ on both sides, since the comparison leaves out the
 * run's own token exchanges.
 *
 * Credentials (DLG6112) are compared too: the run's deluge.connections.json defines each bearer, basic and header
 * connection the import named, with the command's own credential (from the environment, as a real file would), so
 * the script sends what curl sent through its connection (Authorization headers are compared by scheme, an API-key
 * header by value). A value the import made a placeholder on purpose — cookies, a second credential, a credential
 * field of a URL or a body — is compared as that placeholder: it stands where curl sent the value.
 */
const SKIP = new Set(['DLG6105', 'DLG6109', 'DLG6110', 'DLG6113', 'DLG6114', 'DLG6115', 'DLG6119', 'DLG6120', 'DLG6122', 'DLG6126', 'DLG6128', 'DLG6130', 'DLG6131', 'DLG6132', 'DLG6133', 'DLG6134', 'DLG6136', 'DLG6137', 'DLG6138', 'DLG6139']);

function curlAvailable(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Inputs whose options curl applies and invokeurl does not, each said by a DLG6106 (HTTP/1.0, TE: gzip, its redirect rules). */
const DIFFERING_ON_PURPOSE = new Set(['options-unlike-invokeurl']);
const imported = new Map(curlInputs().map((input) => [input, importCurl(input.command, { readFile: readInputFile })] as const));
const runnable = [...imported]
  .filter(([input, result]) => result.value !== '' && !result.diagnostics.some((d) => SKIP.has(d.code)) && !DIFFERING_ON_PURPOSE.has(input.name))
  .map(([input]) => input);

const ORIGIN = /^https?:\/\/[^/?#]+/i;

/** Where a URL is sent in the comparison: the sandbox (or zohoapis.com for the script), /oauth/ moved aside; user info (curl's Basic credentials) kept. */
function rewriteUrl(url: string, origin: string): string {
  return url
    .replace(/^https?:\/\/([^/?#@]*@)?[^/?#]+/i, (_all, userInfo: string | undefined) => origin.replace(/^https?:\/\//i, (scheme) => scheme + (userInfo ?? '')))
    .replace(/^(https?:\/\/[^/?#]+)\/oauth\//i, '$1/oauth-test/');
}

function runCurl(args: readonly string[], stdin: string | undefined, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('curl', ['-s', '-o', '/dev/null', ...args], { cwd, timeout: 20_000 }, (error) => {
      // An HTTP error status is no failure here (no -f); only a curl that could not run is.
      if (error && typeof error.code !== 'number') reject(error);
      else resolve();
    });
    child.stdin?.end(stdin ?? '');
  });
}

describe('execute and compare: curl and the imported Deluge send the same requests', () => {
  let sandbox: Sandbox;
  let workDir: string;

  beforeAll(async () => {
    expect(curlAvailable(), 'the curl binary is needed for this test (.ci/run installs it: apt-get install curl)').toBe(true);
    sandbox = await startSandbox({ port: 0 });
    // curl runs where the inputs' files are (`-d @newlead.json`), in a copy: `-o` and the like may write there.
    workDir = mkdtempSync(join(tmpdir(), 'deluge-import-'));
    cpSync(fileURLToPath(INPUT_FILES_DIR), workDir, { recursive: true });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it('runs at least 25 of the inputs, bearer, basic and header connections among them', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(25);
    const types = new Set(runnable.flatMap((input) => Object.values(connectionsOf(input).file).map((c) => c['type'])));
    expect([...types].sort()).toEqual(['basic', 'bearer', 'header']);
  });

  it.each(runnable.map((input) => [input.name, input] as const))('%s', async (_name, input: CurlInput) => {
    const commands = curlArguments(input.command);
    await clearSandboxRequests(sandbox.url);
    for (const { args, stdin, stdinFile } of commands) {
      const rewritten = args.map((arg, i) => (ORIGIN.test(arg) && !/^(?:-e|--referer)$/.test(args[i - 1] ?? '') ? rewriteUrl(arg, sandbox.url) : arg));
      await runCurl(rewritten, stdinFile === undefined ? stdin : readFileSync(join(workDir, stdinFile), 'utf8'), workDir);
    }
    const fromCurl = normalizeRequests(await sandboxRequests(sandbox.url));

    const script = imported.get(input)!.value.replace(/(url : ")(https?:\/\/[^"]+)/g, (_all, key: string, url: string) => key + rewriteUrl(url, 'https://www.zohoapis.com'));
    const fromDeluge = await runWithConnections(script, connectionsOf(input));
    expect(fromDeluge.messages).toEqual([]);
    expect(fromDeluge.requests).toEqual(withPlaceholders(fromCurl, fromDeluge.requests));
    expect(fromCurl.length).toBeGreaterThan(0);
  });

  it('bash splits every single-command bash input into the arguments the importer reads', () => {
    // Single bash commands as typed: no continuation lines without '\\', no typographic quotes or odd spaces.
    const bashInputs = runnable.filter(
      (input) =>
        detectShell(input.command) === 'posix' &&
        /^\s*curl\s/.test(input.command) &&
        !imported.get(input)!.diagnostics.some((d) => ['DLG6108', 'DLG6111', 'DLG6127', 'DLG6101', 'DLG6123'].includes(d.code)) &&
        curlArguments(input.command).length === 1 &&
        // Variables (kept by the import where a connection replaces them) would be expanded by bash.
        !/\$\{?[A-Za-z_]/.test(input.command),
    );
    expect(bashInputs.length).toBeGreaterThanOrEqual(15);
    for (const input of bashInputs) {
      const commands = curlArguments(input.command).map((c) => c.args);
      // printf prints each argument bash gives it, NUL-terminated: the shell's own word splitting and unquoting.
      const printed = execFileSync('bash', ['-c', input.command.replace(/^(\s*)curl(?=\s)/, "$1printf '%s\\0'")], { env: {}, encoding: 'utf8' });
      expect(printed.split('\0').slice(0, -1), input.name).toEqual(commands[0]);
    }
  });
});

interface RunConnections {
  /** `connections` of deluge.connections.json: secrets as `${ENV}` references. */
  readonly file: Record<string, Record<string, string>>;
  readonly env: Record<string, string>;
}

/** The bearer, basic and header connections the import named, with the command's credentials in the environment. */
function connectionsOf(input: CurlInput): RunConnections {
  const file: Record<string, Record<string, string>> = {};
  const env: Record<string, string> = {};
  for (const request of readCurlRequests(input.command, { readFile: readInputFile }).value) {
    const credential = request.credential?.connection;
    if (!credential || credential.type === 'zoho-oauth' || request.connection === undefined) continue;
    const { type, ...settings } = credential;
    const entry: Record<string, string> = { type };
    for (const [key, value] of Object.entries(settings)) {
      if (key === 'header') entry[key] = value;
      else {
        const variable = `SECRET_${Object.keys(env).length + 1}`;
        env[variable] = value;
        entry[key] = `\${${variable}}`;
      }
    }
    file[request.connection] = entry;
  }
  return { file, env };
}

/**
 * Runs the script as `deluge run --sandbox` does (runLikeDelugeRunSandbox's session), in a folder whose
 * deluge.connections.json defines `connections`: Zoho connections go to the sandbox's accounts server, the others
 * send the credentials given.
 */
async function runWithConnections(script: string, connections: RunConnections): Promise<{ messages: string[]; requests: NormalizedRequest[] }> {
  const cwd = mkdtempSync(join(tmpdir(), 'deluge-run-'));
  writeFileSync(join(cwd, 'deluge.connections.json'), JSON.stringify({ connections: connections.file }));
  const session = await openRunSession({ sandbox: {}, env: connections.env, cwd, now: () => RUN_NOW });
  try {
    const run = await runScriptAsync(script, { args: {}, docs: 'auto', now: RUN_NOW, clock: () => 0, timeZone: RUN_TIME_ZONE, tasks: session.host });
    return { messages: run.diagnostics.map((d) => d.diagnostic.message), requests: normalizeRequests(await sandboxRequests(session.sandboxUrl!)) };
  } finally {
    await session.close();
  }
}

const PLACEHOLDER = /^<[^<>]+>$/;

/**
 * curl's requests with the values the script has as placeholders (`<cookie>`, `<X-Api-Secret>`, `<api_key>`) in
 * their place: headers by name, query and form fields by position and name, JSON by key.
 */
function withPlaceholders(fromCurl: NormalizedRequest[], fromDeluge: readonly NormalizedRequest[]): NormalizedRequest[] {
  return fromCurl.map((request, i) => {
    const script = fromDeluge[i];
    if (!script) return request;
    const headers = { ...request.headers };
    for (const [name, value] of Object.entries(script.headers)) if (PLACEHOLDER.test(value) && name in headers) headers[name] = value;
    const pairs = (mine: [string, string][], theirs: readonly [string, string][]): [string, string][] =>
      mine.map(([name, value], j) => [name, theirs[j]?.[0] === name && PLACEHOLDER.test(theirs[j]![1]) ? theirs[j]![1] : value]);
    return { ...request, headers, query: pairs(request.query, script.query), body: bodyWithPlaceholders(request.body, script.body) };
  });
}

function bodyWithPlaceholders(body: NormalizedBody | null, script: NormalizedBody | null): NormalizedBody | null {
  if (body?.kind === 'form' && script?.kind === 'form') {
    return { kind: 'form', fields: body.fields.map(([name, value], j) => [name, script.fields[j]?.[0] === name && PLACEHOLDER.test(script.fields[j]![1]) ? script.fields[j]![1] : value]) };
  }
  if (body?.kind === 'json' && script?.kind === 'json') return { kind: 'json', value: jsonWithPlaceholders(body.value, script.value) };
  if (body?.kind === 'multipart' && script?.kind === 'multipart') {
    return {
      kind: 'multipart',
      parts: body.parts.map((part, j) => {
        const theirs = script.parts[j];
        return part.filename === undefined && theirs?.name === part.name && theirs.filename === undefined && PLACEHOLDER.test(theirs.content) ? { ...part, content: theirs.content } : part;
      }),
    };
  }
  return body;
}

function jsonWithPlaceholders(value: unknown, script: unknown): unknown {
  if (typeof script === 'string' && PLACEHOLDER.test(script) && typeof value !== 'object') return script;
  if (Array.isArray(value) && Array.isArray(script)) return value.map((item, i) => jsonWithPlaceholders(item, script[i]));
  if (value && script && typeof value === 'object' && typeof script === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonWithPlaceholders(v, (script as Record<string, unknown>)[k])]));
  }
  return value;
}
