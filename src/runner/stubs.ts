import { readFileSync } from 'node:fs';
import { parseJson } from '../runtime/json.js';
import { parseJsonFile } from '../source/json-location.js';
import { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Value } from '../runtime/values.js';
import type { HttpRequest, HttpResponse } from '../http/request.js';

/**
 * Canned answers (`--stub FILE`, `stubs` in the config) so functions can be tested without the services they
 * call: a task by name (`zoho.books.getRecords`) answers a value; a request by method and URL pattern
 * (`https://api.x.com/*`) answers a status and a body.
 */
export type Stub =
  | { readonly task: string; readonly response: unknown }
  | { readonly method?: string; readonly url: string; readonly status?: number; readonly response?: unknown; readonly headers?: Readonly<Record<string, string>> };

export class StubError extends Error {
  constructor(
    message: string,
    /** The file could not be read at all (the CLI's DLG0001). */
    readonly unreadable = false,
    /** Where a JSON syntax error is, for file:line:col and a code frame. */
    readonly location?: { readonly file: SourceFile; readonly span: Span },
  ) {
    super(message);
  }
}

export function parseStubs(text: string, where: string): Stub[] {
  const read = parseJsonFile(where, text);
  if ('message' in read) throw new StubError(read.message, false, read.location);
  return validStubs(read.value, where);
}

/** Stubs as JSON gives them (a stub file, the config's `stubs`), each checked; `where` names them in errors. */
export function validStubs(parsed: unknown, where: string): Stub[] {
  if (!Array.isArray(parsed)) throw new StubError(`${where}: the stubs must be a JSON array`);
  return parsed.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new StubError(`${where}: stub ${i + 1} is not an object`);
    const stub = item as Record<string, unknown>;
    if (typeof stub['task'] === 'string') return { task: stub['task'], response: stub['response'] ?? null };
    if (typeof stub['url'] === 'string') {
      if (stub['status'] !== undefined && typeof stub['status'] !== 'number') throw new StubError(`${where}: stub ${i + 1}: "status" must be a number`);
      return stub as Stub;
    }
    throw new StubError(`${where}: stub ${i + 1} needs a "task" name or a "url" pattern`);
  });
}

export function loadStubs(path: string): Stub[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StubError(`cannot read the stub file '${path}'${code === 'ENOENT' ? ': no such file' : ''}`, true);
  }
  return parseStubs(text, path);
}

/** The canned value for a task call, if a stub names it (case-insensitively). */
export function taskStub(stubs: readonly Stub[], name: string): Value | undefined {
  const lower = name.toLowerCase();
  for (const stub of stubs) {
    if ('task' in stub && stub.task.toLowerCase() === lower) return parseJson(JSON.stringify(stub.response ?? null));
  }
  return undefined;
}

/** The canned response for a request, if a stub's method and URL pattern (`*` = anything) match it. */
export function requestStub(stubs: readonly Stub[], request: HttpRequest): HttpResponse | undefined {
  for (const stub of stubs) {
    if ('task' in stub) continue;
    if (stub.method && stub.method.toUpperCase() !== request.method) continue;
    if (!globMatches(stub.url, request.url)) continue;
    const body = typeof stub.response === 'string' ? stub.response : JSON.stringify(stub.response ?? {});
    const contentType = typeof stub.response === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=UTF-8';
    const headers = Object.entries({ 'content-type': contentType, ...stub.headers }).map(([k, v]) => [k.toLowerCase(), v] as const);
    return { status: stub.status ?? 200, headers, body: new TextEncoder().encode(body), url: request.url, durationMs: 0, attempts: 1 };
  }
  return undefined;
}

function globMatches(pattern: string, url: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(url);
}
