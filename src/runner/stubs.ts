import { readFileSync } from 'node:fs';
import { parseJson } from '../runtime/json.js';
import { closest } from '../edit-distance.js';
import { elementAt, locateJson, parseJsonFile, withoutBom } from '../source/json-location.js';
import { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { jsonText } from '../runtime/text-form.js';
import { ListValue, MapValue, type Value } from '../runtime/values.js';
import type { HttpRequest, HttpResponse } from '../http/request.js';

/**
 * Canned answers (`--stub FILE`, `stubs` in the config) so functions can be tested without the services they
 * call: a task by name (`zoho.books.getRecords`) answers a value; a request by method and URL pattern
 * (`https://api.x.com/*`) answers a status and a body.
 */
export type Stub = (
  | { readonly task: string; readonly response: unknown }
  | { readonly method?: string; readonly url: string; readonly status?: number; readonly response?: unknown; readonly headers?: Readonly<Record<string, string>> }
) & {
  /**
   * The response as the file writes it, every digit kept (`response` went through JSON.parse, where the record id
   * 410405000002264040 became …060, another record): read from the file's text when there is one.
   */
  readonly exactResponse?: Value;
};

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
  return validStubs(read.value, where, { path: where, text, at: [] });
}

/** The JSON text stubs were read from, and the path of keys to their list in it (`["stubs"]` in the config). */
export interface StubsSource {
  readonly path: string;
  readonly text: string;
  readonly at: readonly string[];
}

const TASK_KEYS = ['task', 'response'];
const REQUEST_KEYS = ['method', 'url', 'status', 'response', 'headers'];

/**
 * Stubs as JSON gives them (a stub file, the config's `stubs`), each checked; `where` names them in errors, and
 * `source`, when given, lets an error point at the key or value at fault. A key a stub does not take is refused (a
 * `"respons"` answered null, unseen).
 */
export function validStubs(parsed: unknown, where: string, source?: StubsSource): Stub[] {
  const fail = (message: string, keys: readonly string[] = [], part: 'key' | 'value' = 'key'): never => {
    const found = source && keys.length > 0 ? locateJson(source.text, [...source.at, ...keys]) : undefined;
    if (!found) throw new StubError(`${where}: ${message}`);
    throw new StubError(message, false, { file: new SourceFile(source!.path, source!.text), span: part === 'key' ? found.key : found.value });
  };
  if (!Array.isArray(parsed)) fail('the stubs must be a JSON array');
  const exact = source && exactResponses(source);
  return (parsed as unknown[]).map((item, i) => withExactResponse(checkedStub(item, i), exact?.[i]));
  function checkedStub(item: unknown, i: number): Stub {
    const element = elementAt(i);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return fail(`stub ${i + 1} is not an object`);
    const stub = item as Record<string, unknown>;
    const firstKey = Object.keys(stub)[0];
    const kind = typeof stub['task'] === 'string' ? 'task' : typeof stub['url'] === 'string' ? 'request' : undefined;
    if (kind === undefined) {
      const wrong = ['task', 'url'].find((key) => key in stub);
      if (wrong) fail(`stub ${i + 1}: "${wrong}" must be a text`, [element, wrong], 'value');
      return fail(`stub ${i + 1} needs a "task" name or a "url" pattern`, firstKey === undefined ? [] : [element, firstKey]);
    }
    const known = kind === 'task' ? TASK_KEYS : REQUEST_KEYS;
    const unknown = Object.keys(stub).find((key) => !known.includes(key));
    if (unknown !== undefined) {
      const near = closest(unknown, known);
      fail(
        `stub ${i + 1}: unknown key "${unknown}"${near ? ` (did you mean "${near}"?)` : ''}; a ${kind === 'task' ? 'task' : 'request'} stub takes ${known.map((k) => `"${k}"`).join(', ')}`,
        [element, unknown],
      );
    }
    if (kind === 'task') return { task: stub['task'] as string, response: stub['response'] ?? null };
    if (stub['status'] !== undefined && !(typeof stub['status'] === 'number' && Number.isInteger(stub['status']) && stub['status'] >= 100 && stub['status'] <= 599)) {
      fail(`stub ${i + 1}: "status" must be an HTTP status, a whole number from 100 to 599`, [element, 'status'], 'value');
    }
    if (stub['method'] !== undefined && !(typeof stub['method'] === 'string' && /^[A-Za-z]+$/.test(stub['method']))) {
      fail(`stub ${i + 1}: "method" must be a method name such as "GET" or "DELETE"`, [element, 'method'], 'value');
    }
    const headers = stub['headers'];
    if (headers !== undefined && !(typeof headers === 'object' && headers !== null && !Array.isArray(headers) && Object.values(headers).every((v) => typeof v === 'string'))) {
      fail(`stub ${i + 1}: "headers" must be an object of texts, such as {"retry-after": "2"}`, [element, 'headers'], 'value');
    }
    return stub as Stub;
  }
}

/** Each stub's `response` read again from the text, losslessly; undefined where the text does not give it. */
function exactResponses(source: StubsSource): (Value | undefined)[] | undefined {
  let list: Value;
  try {
    list = parseJson(withoutBom(source.text));
  } catch {
    return undefined;
  }
  for (const key of source.at) list = list instanceof MapValue ? (list.entries.get(key) ?? null) : null;
  if (!(list instanceof ListValue)) return undefined;
  return list.items.map((item) => (item instanceof MapValue && item.entries.has('response') ? item.entries.get('response') : undefined));
}

function withExactResponse(stub: Stub, exactResponse: Value | undefined): Stub {
  return exactResponse === undefined ? stub : { ...stub, exactResponse };
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
    // A value of its own each time: the script may change it.
    if ('task' in stub && stub.task.toLowerCase() === lower) return parseJson(stub.exactResponse !== undefined ? jsonText(stub.exactResponse) : JSON.stringify(stub.response ?? null));
  }
  return undefined;
}

/** The canned response for a request, if a stub's method and URL pattern (`*` = anything) match it. */
export function requestStub(stubs: readonly Stub[], request: HttpRequest): HttpResponse | undefined {
  for (const stub of stubs) {
    if ('task' in stub) continue;
    if (stub.method && stub.method.toUpperCase() !== request.method) continue;
    if (!globMatches(stub.url, request.url)) continue;
    const body = typeof stub.response === 'string' ? stub.response : stub.exactResponse !== undefined ? jsonText(stub.exactResponse) : JSON.stringify(stub.response ?? {});
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
