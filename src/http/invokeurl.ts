/**
 * Deluge's ways of asking for a request — the `invokeurl` task and the older `getUrl`/`postUrl` functions — turned
 * into the request IR. The rules follow Zoho's invokeUrl, getUrl and postUrl pages; where they are silent the choice
 * and its reason are in docs/runtime/http.md ("Building the request").
 */
import { fail, readingKey } from '../runtime/errors.js';
import { jsonText, keyText, textForm } from '../runtime/text-form.js';
import { FileValue, ListValue, MapValue, typeName, type Value } from '../runtime/values.js';
import { closest } from '../edit-distance.js';
import { decodingProblem } from './charsets.js';
import { urlTextProblem } from './url-text.js';
import {
  headerValue,
  parseUrl,
  type FilePart,
  type Header,
  type HttpBody,
  type HttpMethod,
  type HttpRequest,
  type MultipartPart,
  type ResponseOptions,
} from './request.js';

/** The methods `type:` accepts, as Zoho lists them. */
export const TASK_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The parameters of an `invokeurl` block (lower case); the linter checks scripts against the same list. */
export const TASK_KEYS: readonly string[] = [
  'url',
  'type',
  'headers',
  'content-type',
  'parameters',
  'body',
  'files',
  'connection',
  'detailed',
  'response-format',
  'response-decoding',
];

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';
/** Zoho: "Default value: text/plain, if the body is TEXT". */
const TEXT_DEFAULT = 'text/plain';
const JSON_DEFAULT = 'application/json';
/** The part name of a file in a multipart body (Zoho's `file.setParamName(…)` is not modelled yet). */
const DEFAULT_FILE_PART = 'file';

/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** How a map is sent when nothing names a content type: `parameters` as a form, `body` as JSON. */
type MapDefault = 'form' | 'json';

/**
 * The parameters of an `invokeapi` block, as Zoho's invokeAPI page lists them: a service and a path in place of the
 * URL, and no `files`, `content-type` or `detailed`. https://www.zoho.com/deluge/help/webhook/invokeapitask.html
 */
export const INVOKEAPI_KEYS: readonly string[] = [
  'service',
  'path',
  'type',
  'parameters',
  'body',
  'headers',
  'connection',
  'response-format',
  'response-decoding',
];

/**
 * The services `invokeapi` reaches here (lower case). Each one's REST API answers on its data centre's Zoho API
 * domain under its own first path segment (`https://www.zohoapis.com/crm/v7/…`, `…/books/v3/…`, `…/billing/v1/…`),
 * so the request is that domain and the script's path. Zoho's page leaves its list of allowed values empty in every
 * copy we have; a service not listed here stops the run rather than be sent to a guessed host
 * (docs/runtime/http.md, "invokeapi").
 */
export const INVOKEAPI_SERVICES: readonly string[] = [
  'zohocrm',
  'zohobooks',
  'zohoinventory',
  'zohobilling',
  'zohosubscriptions',
  'zohoexpense',
  'zohoinvoice',
  'zohocreator',
];

/**
 * The request of an `invokeurl [ … ]` block. `params` are its evaluated parameters keyed by lower-case key; bare
 * words (`type: POST`, `response-format: FILE`) arrive as text.
 */
export function invokeUrlRequest(params: MapValue, origin = 'invokeurl'): HttpRequest {
  checkKeys(params, TASK_KEYS, origin);
  return taskRequest(params, origin, (param) => ({
    connection: readingKey('connection', () => optionalConnection(param('connection'), origin)),
    url: readingKey('url', () => absoluteUrl(param('url'), origin)),
  }));
}

export interface InvokeApiOptions {
  /** The Zoho API domain a connection's requests go to (its token's `api_domain`, its data centre's, or the sandbox). */
  readonly apiDomain: (connection: string) => string;
  /** The connection used when the block names none: the run's own Zoho account, as `zoho.crm.*` tasks use it. */
  readonly defaultConnection: string;
}

/**
 * The request of an `invokeapi [ service: zohocrm path: "/crm/v7/Leads" … ]` block: the connection's Zoho API domain
 * and the path (its first '/' may be left out), then everything else as `invokeurl` builds it.
 */
export function invokeApiRequest(params: MapValue, options: InvokeApiOptions, origin = 'invokeapi'): HttpRequest {
  checkKeys(params, INVOKEAPI_KEYS, origin);
  const param = (key: string): Value => params.entries.get(key) ?? null;
  const service = readingKey('service', () => optionalText(param('service'), origin, 'service'));
  if (!service) fail('DLG4018', `${origin}: 'service' is missing; name the Zoho service whose API the path belongs to (${INVOKEAPI_SERVICES.join(', ')})`);
  if (!INVOKEAPI_SERVICES.includes(service.toLowerCase())) {
    readingKey('service', () =>
      fail(
        'DLG4014',
        `${origin}: the service '${service}' is not one whose API domain is known here (${INVOKEAPI_SERVICES.join(', ')}); write the request as invokeurl with its whole URL, or give it a canned answer with --stub`,
      ),
    );
  }
  const path = readingKey('path', () => {
    const text = optionalText(param('path'), origin, 'path');
    if (!text) return fail('DLG4018', `${origin}: 'path' is missing; give the API's path, such as "/crm/v7/Leads"`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) fail('DLG4018', `${origin}: 'path' is a whole URL; give only its path ("/crm/v7/Leads"), or use invokeurl`);
    return text;
  });
  return taskRequest(params, origin, () => {
    const connection = readingKey('connection', () => optionalConnection(param('connection'), origin)) ?? options.defaultConnection;
    const domain = options.apiDomain(connection).replace(/\/+$/, '');
    return { connection, url: absoluteUrl(`${domain}${path.startsWith('/') ? '' : '/'}${path}`, origin) };
  });
}

/** The task blocks that make one HTTP request: `invokeurl`, and `invokeapi` (the same from a service and a path). */
export function isRequestTaskName(task: string): boolean {
  return task === 'invokeurl' || task === 'invokeapi';
}

/** The request of a task block that makes one (`invokeurl`, `invokeapi`), or undefined for another task (`sendmail`). */
export function taskBlockRequest(task: string, params: MapValue, options: InvokeApiOptions): HttpRequest | undefined {
  if (task === 'invokeurl') return invokeUrlRequest(params, 'invokeurl');
  if (task === 'invokeapi') return invokeApiRequest(params, options);
  return undefined;
}

function checkKeys(params: MapValue, keys: readonly string[], origin: string): void {
  for (const key of params.entries.keys()) {
    if (typeof key !== 'string' || !keys.includes(key)) {
      const meant = typeof key === 'string' ? closest(key, keys) : undefined;
      readingKey(String(key), () => fail('DLG4018', `${origin}: unknown parameter '${String(key)}'${meant ? ` (did you mean '${meant}'?)` : ''}; it takes ${keys.join(', ')}`));
    }
  }
}

function optionalConnection(value: Value, origin: string): string | undefined {
  const connection = optionalText(value, origin, 'connection');
  if (connection === '') fail('DLG4018', `${origin}: 'connection' is empty; give the connection's link name`);
  return connection;
}

type Param = (key: string) => Value;

/**
 * What `invokeurl` and `invokeapi` build alike: method, headers, query or body, response options. `target` gives the
 * connection and URL, checked after the body (the order in which the script's mistakes are reported).
 */
function taskRequest(params: MapValue, origin: string, target: (param: Param) => { connection: string | undefined; url: string }): HttpRequest {
  const param: Param = (key) => params.entries.get(key) ?? null;
  const method = readingKey('type', () => taskMethod(param('type'), origin));
  const headers = readingKey('headers', () => headerList(param('headers'), origin));
  const contentTypeParam = readingKey('content-type', () => optionalText(param('content-type'), origin, 'content-type'));
  const payload = taskPayload(
    method,
    param('parameters'),
    param('body'),
    readingKey('files', () => fileList(param('files'), origin)),
    { param: contentTypeParam, effective: headerValue(headers, 'content-type') ?? contentTypeParam },
    origin,
  );
  const { connection, url } = target(param);
  return {
    method,
    url: withQuery(url, payload.query),
    headers,
    ...(payload.body && { body: payload.body }),
    ...(connection !== undefined && { connection }),
    response: responseOptions(param('detailed'), param('response-format'), param('response-decoding'), origin),
    origin,
  };
}

/**
 * `getUrl(url[, headerMap][, simple])`. `simple` (default true) returns the body as text; false returns the map of
 * `responseCode`, `responseHeader`, `responseText`.
 */
export function getUrlRequest(args: readonly Value[]): { request: HttpRequest; simple: boolean } {
  const origin = 'getUrl';
  if (args.length < 1 || args.length > 3) {
    fail('DLG4007', `${origin} takes a URL, an optional header map and an optional boolean; it was given ${args.length} arguments`);
  }
  const { headers, simple } = legacyOptions(args.slice(1), origin);
  const request: HttpRequest = { method: 'GET', url: absoluteUrl(args[0] ?? null, origin), headers, response: { detailed: !simple }, origin };
  return { request, simple };
}

/** `postUrl(url, bodyMap | text[, headerMap][, simple])`: a map is sent as a form, a text as it is. */
export function postUrlRequest(args: readonly Value[]): { request: HttpRequest; simple: boolean } {
  const origin = 'postUrl';
  if (args.length < 2 || args.length > 4) {
    fail('DLG4007', `${origin} takes a URL, a body (map or text), an optional header map and an optional boolean; it was given ${args.length} arguments`);
  }
  const { headers, simple } = legacyOptions(args.slice(2), origin);
  const data = args[1] ?? null;
  const body = data === null ? undefined : encodeValue(data, { effective: headerValue(headers, 'content-type') }, 'form', origin, 'body');
  const request: HttpRequest = {
    method: 'POST',
    url: absoluteUrl(args[0] ?? null, origin),
    headers,
    ...(body && { body }),
    response: { detailed: !simple },
    origin,
  };
  return { request, simple };
}

/** The optional `[headerMap][, simple]` tail of `getUrl`/`postUrl`. */
function legacyOptions(rest: readonly Value[], origin: string): { headers: Header[]; simple: boolean } {
  const [first = null, second = null] = rest;
  if (rest.length === 1 && typeof first === 'boolean') return { headers: [], simple: first };
  if (rest.length === 2 && typeof second !== 'boolean') {
    fail('DLG4007', `${origin}: the last argument must be a boolean (true: the body as text; false: a map with responseCode), not ${typeName(second)}`);
  }
  return { headers: headerList(first, origin), simple: typeof second === 'boolean' ? second : true };
}

interface ContentType {
  /** The `content-type:` parameter: the raw body's type when no header names one. */
  readonly param?: string;
  /** What the request will say: the `Content-Type` header, else the parameter. Decides how a map is encoded. */
  readonly effective: string | undefined;
}

interface Payload {
  /** Fields for the query string (a map `parameters` on GET, or beside a `body`). */
  readonly query: readonly Header[];
  readonly body?: HttpBody;
}

function taskPayload(
  method: HttpMethod,
  parameters: Value,
  body: Value,
  files: readonly FileValue[],
  contentType: ContentType,
  origin: string,
): Payload {
  if (files.length > 0 || isMultipart(contentType.effective) || hasFile(parameters)) {
    if (body !== null) readingKey('body', () => fail('DLG4018', `${origin}: 'body' cannot be sent with files (a multipart request); put the fields in 'parameters'`));
    const parts = [...multipartFields(parameters, origin), ...files.map((f) => filePart(f.paramName ?? DEFAULT_FILE_PART, f))];
    return { query: [], body: { kind: 'multipart', parts } };
  }
  if (body !== null) {
    if (parameters !== null && !(parameters instanceof MapValue)) {
      fail('DLG4018', `${origin}: a TEXT 'parameters' is the request body, and 'body' is given too; send one of them`);
    }
    return { query: parameters === null ? [] : mapFields(parameters), body: readingKey('body', () => encodeValue(body, contentType, 'json', origin, 'body')) };
  }
  if (parameters === null) return { query: [] };
  if (parameters instanceof MapValue && method === 'GET') return { query: mapFields(parameters) };
  return { query: [], body: readingKey('parameters', () => encodeValue(parameters, contentType, 'form', origin, 'parameters')) };
}

/**
 * A value as a request body. Text is sent as it is (Zoho: "TEXT data will be sent as raw"). A map is a form unless
 * the content type says otherwise; under any other content type (`application/json`, …) it is sent as its compact
 * JSON, the one text form Deluge has for a map.
 */
function encodeValue(value: Value, contentType: ContentType, mapDefault: MapDefault, origin: string, key: string): HttpBody {
  if (typeof value === 'string') return { kind: 'raw', text: value, contentType: contentType.param ?? TEXT_DEFAULT };
  if (value instanceof MapValue) {
    const asForm = contentType.effective === undefined ? mapDefault === 'form' : isForm(contentType.effective);
    if (asForm) return { kind: 'form', fields: mapFields(value) };
    return { kind: 'raw', text: jsonText(value), contentType: contentType.param ?? JSON_DEFAULT };
  }
  if (value instanceof ListValue) return { kind: 'raw', text: jsonText(value), contentType: contentType.param ?? JSON_DEFAULT };
  return fail('DLG4001', `${origin}: '${key}' must be a map (KEY-VALUE) or a text, not ${typeName(value)}`);
}

function mapFields(map: MapValue): Header[] {
  return [...map.entries].map(([key, value]): Header => [keyText(key), textForm(value)]);
}

/** A multipart body's fields: a map's entries (files among them become file parts), or one file. */
function multipartFields(parameters: Value, origin: string): MultipartPart[] {
  if (parameters === null) return [];
  if (parameters instanceof FileValue) return [filePart(parameters.paramName ?? DEFAULT_FILE_PART, parameters)];
  if (!(parameters instanceof MapValue)) {
    return fail('DLG4018', `${origin}: a multipart request takes its fields from a map 'parameters', not a ${typeName(parameters)}`);
  }
  return [...parameters.entries].map(([key, value]): MultipartPart =>
    value instanceof FileValue ? filePart(keyText(key), value) : { kind: 'field', name: keyText(key), value: textForm(value) },
  );
}

function filePart(name: string, file: FileValue): MultipartPart {
  const part: FilePart = { name: file.name, contentType: file.contentType, bytes: file.bytes };
  return { kind: 'file', name, file: part };
}

function hasFile(parameters: Value): boolean {
  if (parameters instanceof FileValue) return true;
  return parameters instanceof MapValue && [...parameters.entries.values()].some((v) => v instanceof FileValue);
}

function fileList(value: Value, origin: string): FileValue[] {
  if (value === null) return [];
  if (value instanceof FileValue) return [value];
  if (value instanceof ListValue && value.items.every((item) => item instanceof FileValue)) return value.items as FileValue[];
  return fail('DLG4001', `${origin}: 'files' must be a file or a list of files, not ${describe(value)}`);
}

function describe(value: Value): string {
  return value instanceof ListValue ? 'a list holding other values' : typeName(value);
}

function isMultipart(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.trim().toLowerCase().startsWith(MULTIPART);
}

function isForm(contentType: string): boolean {
  return contentType.trim().toLowerCase().startsWith(FORM);
}

function taskMethod(value: Value, origin: string): HttpMethod {
  if (value === null) return 'GET';
  if (typeof value !== 'string') return fail('DLG4001', `${origin}: 'type' must be GET, POST, PUT, PATCH or DELETE, not ${typeName(value)}`);
  const upper = value.trim().toUpperCase();
  const method = TASK_METHODS.find((m) => m === upper);
  return method ?? fail('DLG4018', `${origin}: unknown type '${value}'; use GET, POST, PUT, PATCH or DELETE`);
}

/** The script's headers in its order, names as written, values in their text form. */
function headerList(value: Value, origin: string): Header[] {
  if (value === null) return [];
  if (!(value instanceof MapValue)) return fail('DLG4001', `${origin}: headers must be a map (KEY-VALUE), not ${typeName(value)}`);
  return [...value.entries].map(([key, item]): Header => {
    const name = keyText(key);
    const text = textForm(item);
    if (!HEADER_NAME.test(name)) fail('DLG4018', `${origin}: '${name}' is not a valid header name`);
    if (/[\r\n\0]/.test(text)) fail('DLG4018', `${origin}: the value of header '${name}' contains a line break`);
    return [name, text];
  });
}

function optionalText(value: Value, origin: string, key: string): string | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'string') return fail('DLG4001', `${origin}: '${key}' must be a text, not ${typeName(value)}`);
  return value.trim();
}

function absoluteUrl(value: Value, origin: string): string {
  if (value === null || value === '') return fail('DLG4018', `${origin}: the URL is missing`);
  if (typeof value !== 'string') return fail('DLG4001', `${origin}: the URL must be a text, not ${typeName(value)}`);
  const problem = urlTextProblem(value.trim());
  if (problem) fail('DLG4018', `${origin}: ${problem}`);
  let url: URL;
  try {
    url = parseUrl(value.trim());
  } catch {
    return fail('DLG4018', `${origin}: ${quoteShort(value)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('DLG4018', `${origin}: only http and https URLs can be requested, not ${url.protocol.slice(0, -1)}`);
  }
  return url.href;
}

/** A URL in a message: its start is enough to recognise it, and its query may hold keys. */
function quoteShort(text: string): string {
  const head = text.split('?')[0] ?? '';
  return JSON.stringify(head.length > 80 ? `${head.slice(0, 77)}...` : head);
}

/** Appends form-encoded fields to the URL's query (after any it already has). */
function withQuery(href: string, fields: readonly Header[]): string {
  if (fields.length === 0) return href;
  const url = new URL(href);
  const encoded = formEncode(fields);
  url.search = url.search.length > 1 ? `${url.search}&${encoded}` : `?${encoded}`;
  return url.href;
}

/** `application/x-www-form-urlencoded` text of fields (spaces as `+`), for query strings and form bodies alike. */
export function formEncode(fields: readonly Header[]): string {
  return new URLSearchParams(fields.map(([k, v]): [string, string] => [k, v])).toString();
}

function responseOptions(detailed: Value, format: Value, decoding: Value, origin: string): ResponseOptions {
  if (detailed !== null && typeof detailed !== 'boolean') {
    readingKey('detailed', () => fail('DLG4001', `${origin}: 'detailed' must be true or false, not ${typeName(detailed)}`));
  }
  const formatText = readingKey('response-format', () => optionalText(format, origin, 'response-format'));
  const decodingText = readingKey('response-decoding', () => optionalText(decoding, origin, 'response-decoding'));
  const problem = decodingText === undefined ? undefined : decodingProblem(decodingText, origin, 'deluge run');
  if (problem) readingKey('response-decoding', () => fail('DLG4018', problem));
  return {
    detailed: detailed === true,
    ...(formatText && { format: formatText.toUpperCase() }),
    ...(decodingText && { decoding: decodingText }),
  };
}
