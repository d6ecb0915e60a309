import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordRequests } from '../../src/emitters/record.js';
import { formEncode } from '../../src/http/invokeurl.js';
import type { HttpBody } from '../../src/http/request.js';
import { dataCentreOf } from '../../src/http/zoho-hosts.js';
import type { RequestEntry } from '../../src/runner/http-host.js';
import { openRunSession } from '../../src/runner/session.js';
import { runScriptAsync, type RunResult } from '../../src/runtime/run.js';
import type { Node } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/parse.js';
import { walk } from '../../src/syntax/walk.js';

/**
 * The converters' corpus (test/emitters/input/*.dg): every script parses without a diagnostic and runs as
 * `deluge run --sandbox` runs it — in-process, against the embedded CRM sandbox, one sandbox per script — to its
 * end, making requests. No request depends on a live response (but in the scripts marked so): recording the script
 * with the curl emitter's recorder, whose responses are placeholders, gives the very requests the live run sent. What
 * the corpus spans (methods, body kinds, query strings, several connections, loops of
 * requests, data centres) is computed from the requests the sandbox received, so the README's claims are checked.
 */
const inputDir = new URL('./input/', import.meta.url);
const NOW = Date.parse('2024-05-01T10:00:00Z');
/** Sessions run side by side: each has its own sandbox, and most of a run is waiting on loopback HTTP. */
const PARALLEL = 6;

/** What the sandbox logged for one request (`GET /__sandbox/requests`), credentials redacted. */
interface SandboxLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number | null;
}

interface Outcome {
  readonly name: string;
  readonly text: string;
  readonly parseCodes: readonly string[];
  readonly run: RunResult;
  /** `session.requests`: method, URL as the script built it (Zoho's host), connection, origin. */
  readonly requests: readonly RequestEntry[];
  /** The same requests as the sandbox received them (API calls only; the connections' token requests left out). */
  readonly received: readonly SandboxLogEntry[];
  /** The script recorded by the curl emitter's recorder: responses are placeholders, nothing is sent. */
  readonly recorded: Awaited<ReturnType<typeof recordRequests>>;
}

/** `curl-*.dg` and `ts-*.dg` belong to the emitters' own tests and follow their rules, not these. */
const OTHER_OWNERS = /^(curl|ts)-/;
const names = readdirSync(inputDir)
  .filter((n) => n.endsWith('.dg') && !OTHER_OWNERS.test(n))
  .sort();

/** The scripts written to use a live response value in a later request (the converters' placeholder path). */
const dependsOnResponse = (text: string): boolean => /^\/\/ depends-on-response\b/m.test(headerOf(text));

/** The comment lines a script starts with. */
function headerOf(text: string): string {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => !l.startsWith('//'));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
}

async function runInput(name: string): Promise<Outcome> {
  const text = readFileSync(new URL(name, inputDir), 'utf8');
  const parseCodes = parse(text).diagnostics.map((d) => d.code);
  const recorded = await recordRequests(text, { fileName: name, now: NOW, timeZone: 'UTC' });
  const session = await openRunSession({ sandbox: {}, env: {}, cwd: new URL('.', inputDir).pathname, now: () => NOW });
  try {
    const run = await runScriptAsync(text, { fileName: name, tasks: session.host, now: NOW, timeZone: 'UTC', clock: () => 0 });
    const log = (await (await fetch(`${session.sandboxUrl}/__sandbox/requests`)).json()) as SandboxLogEntry[];
    const received = log.filter((e) => !e.path.startsWith('/oauth/'));
    return { name, text, parseCodes, run, requests: [...session.requests], received, recorded };
  } finally {
    await session.close();
  }
}

/** `invokeurl` blocks, `getUrl`/`postUrl` and `zoho.crm.*` calls: the places in a script that make a request. */
function requestSites(text: string): number {
  let sites = 0;
  walk(parse(text).value, {
    enter(node: Node) {
      if (node.kind === 'TaskExpr' && node.task === 'invokeurl') sites++;
      if (node.kind === 'CallExpr' && /^(getUrl|postUrl|zoho\.crm\..+)$/i.test(dottedName(node.callee) ?? '')) sites++;
    },
  });
  return sites;
}

function dottedName(node: Node): string | undefined {
  if (node.kind === 'Identifier') return node.name;
  if (node.kind === 'MemberExpr') {
    const object = dottedName(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/** A body as the sandbox received it, comparable with a recorded one (multipart boundaries differ: not compared). */
function bodyText(body: HttpBody | undefined, received?: SandboxLogEntry): string | null {
  if (received) return contentType(received).startsWith('multipart/') ? null : received.body;
  if (!body) return '';
  if (body.kind === 'form') return formEncode(body.fields);
  if (body.kind === 'raw') return body.text;
  return null;
}

const contentType = (e: SandboxLogEntry): string => (e.headers['content-type'] ?? '').toLowerCase();
const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('converter inputs (test/emitters/input)', () => {
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    const queue = [...names];
    const worker = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) outcomes.set(name, await runInput(name));
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  });

  it('has at least 45 scripts, each opening with a 1–3 line comment saying what it exercises', () => {
    expect(names.length).toBeGreaterThanOrEqual(45);
    for (const name of names) {
      expect(name, 'kebab-case file names').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.dg$/);
      const header = headerOf(readFileSync(new URL(name, inputDir), 'utf8'));
      const lines = header === '' ? 0 : header.split('\n').length;
      expect(lines, `${name}: header comment lines`).toBeGreaterThanOrEqual(1);
      expect(lines, `${name}: header comment lines`).toBeLessThanOrEqual(3);
    }
  });

  it.each(names)('%s parses cleanly and runs to its end against the sandbox, making requests', (name) => {
    const outcome = outcomes.get(name)!;
    expect(outcome.parseCodes).toEqual([]);
    const stopped = outcome.run.diagnostics.map(({ diagnostic }) => `${diagnostic.code} ${diagnostic.message}`);
    expect(stopped).toEqual([]);
    expect(outcome.run.completed).toBe(true);
    expect(outcome.run.info.length, 'info lines').toBeGreaterThan(0);
    expect(outcome.requests.length).toBeGreaterThan(0);
    expect(outcome.received.length, 'requests the sandbox received').toBe(outcome.requests.length);
    for (const request of outcome.requests) {
      // Only Zoho's API hosts are routed to the sandbox; any other host would reach the network.
      expect(dataCentreOf(new URL(request.url).hostname), request.url).toBeDefined();
      expect(request.error, request.url).toBeUndefined();
    }
  });

  it.each(names)('%s: recorded with placeholder responses, it makes the requests of the live run', (name) => {
    const outcome = outcomes.get(name)!;
    const recorded = outcome.recorded;
    const codes = recorded.diagnostics.map((d) => d.code);
    expect(recorded.value.completed, `stopped: ${recorded.diagnostics.map((d) => d.message).join('; ')}`).toBe(true);
    if (dependsOnResponse(outcome.text)) {
      // The placeholder path: some request carries a value only the live response had.
      expect(codes).toContain('DLG6001');
      expect(recorded.value.requests.map((r) => r.method)).toEqual(outcome.requests.map((r) => r.method));
      return;
    }
    expect(codes.filter((c) => c === 'DLG6001' || c === 'DLG6002' || c === 'DLG6005')).toEqual([]);
    const asSent = recorded.value.requests.map((r) => ({ method: r.method, url: r.url, body: bodyText(r.body) }));
    const live = outcome.requests.map((r, i) => ({ method: r.method, url: r.url, body: bodyText(undefined, outcome.received[i]) }));
    expect(asSent).toEqual(live);
  });

  it('marks two or three scripts as depending on live responses, and no other script does', () => {
    const marked = names.filter((n) => dependsOnResponse(outcomes.get(n)!.text));
    expect(marked.length).toBeGreaterThanOrEqual(2);
    expect(marked.length).toBeLessThanOrEqual(3);
    expect(marked.every((n) => n.startsWith('depends-on-response-'))).toBe(true);
    expect(names.filter((n) => n.startsWith('depends-on-response-'))).toEqual(marked);
  });

  it('spans every method, query strings, form, JSON and multipart bodies, several connections, loops and data centres', () => {
    const all = [...outcomes.values()];
    const sent = all.flatMap((o) => o.requests);
    const received = all.flatMap((o) => o.received);
    const scriptsWhere = (test: (o: Outcome) => boolean): string[] => all.filter(test).map((o) => o.name);

    const coverage = {
      scripts: all.length,
      requests: sent.length,
      methods: Object.fromEntries(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => [m, sent.filter((r) => r.method === m).length])),
      withQueryString: sent.filter((r) => new URL(r.url).search.length > 1).length,
      formBodies: received.filter((e) => contentType(e).startsWith('application/x-www-form-urlencoded') && e.body !== '').length,
      jsonBodies: received.filter((e) => contentType(e).includes('json') && isJson(e.body)).length,
      /** Zoho's docs style: a map's JSON sent as TEXT (`parameters: m.toString()`), so `text/plain`. */
      jsonTextBodies: received.filter((e) => contentType(e).startsWith('text/plain') && isJson(e.body)).length,
      otherRawBodies: received.filter((e) => /^text\/(?!plain)/.test(contentType(e))).length,
      multipartBodies: received.filter((e) => contentType(e).startsWith('multipart/form-data')).length,
      multipartWithFiles: received.filter((e) => contentType(e).startsWith('multipart/form-data') && /filename="/.test(e.body)).length,
      scriptsWithSeveralConnections: scriptsWhere((o) => new Set(o.requests.map((r) => r.connection).filter(Boolean)).size >= 2).length,
      // A request site that ran more than once: more requests than the script has places that make one.
      scriptsWithLoopsOfRequests: scriptsWhere((o) => o.requests.length > requestSites(o.text)).length,
      zohoCrmTaskRequests: sent.filter((r) => r.origin.startsWith('zoho.crm.')).length,
      legacyGetUrlPostUrl: sent.filter((r) => r.origin === 'getUrl' || r.origin === 'postUrl').length,
      deleteRecordsBulkIds: sent.filter((r) => r.method === 'DELETE' && new URL(r.url).searchParams.has('ids')).length,
      deleteWithWfTrigger: sent.filter((r) => r.method === 'DELETE' && new URL(r.url).searchParams.has('wf_trigger')).length,
      dataCentres: [...new Set(sent.map((r) => dataCentreOf(new URL(r.url).hostname)))].sort(),
    };
    // Printed so a change in what the corpus spans shows in the test log.
    console.log(`converter inputs: ${JSON.stringify(coverage)}`);

    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) expect(coverage.methods[method], method).toBeGreaterThan(0);
    expect(coverage.scripts).toBeGreaterThanOrEqual(45);
    expect(coverage.withQueryString).toBeGreaterThan(0);
    expect(coverage.formBodies).toBeGreaterThan(0);
    expect(coverage.jsonBodies).toBeGreaterThan(0);
    expect(coverage.jsonTextBodies).toBeGreaterThan(0);
    expect(coverage.multipartWithFiles).toBeGreaterThan(0);
    expect(coverage.multipartBodies).toBeGreaterThan(coverage.multipartWithFiles);
    expect(coverage.scriptsWithSeveralConnections).toBeGreaterThanOrEqual(2);
    expect(coverage.scriptsWithLoopsOfRequests).toBeGreaterThanOrEqual(3);
    expect(coverage.zohoCrmTaskRequests).toBeGreaterThan(0);
    expect(coverage.legacyGetUrlPostUrl).toBeGreaterThan(0);
    expect(coverage.deleteRecordsBulkIds).toBeGreaterThan(0);
    expect(coverage.deleteWithWfTrigger).toBeGreaterThan(0);
    expect(coverage.dataCentres.length).toBeGreaterThanOrEqual(4);
  });

  it('lists every input once in the README table', () => {
    const readme = readFileSync(new URL('README.md', inputDir), 'utf8');
    const listed = [...readme.matchAll(/^\| `([^`]+\.dg)` \|/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual(names);
  });
});
