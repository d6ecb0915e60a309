/**
 * What a script gets back from `invokeurl`, `getUrl` and `postUrl`: the body as a map or list when it is JSON, as
 * text otherwise, as a file with `response-format: FILE`, or wrapped in the `detailed` map. An HTTP error status is
 * not an error here: like Zoho, the script receives the body and decides. Evidence and choices: docs/runtime/http.md.
 */
import { DelugeError, fail } from '../runtime/errors.js';
import { parseJson } from '../runtime/json.js';
import { FileValue, ListValue, MapValue, map, type Value } from '../runtime/values.js';
import { isBinaryType } from './content-type.js';
import { charsetLabel, decodingProblem } from './charsets.js';
import { headerValue, type Header, type HttpRequest, type HttpResponse } from './request.js';
import { isCredentialFieldName, isCredentialValue, rememberSecret } from './redact.js';

/** `getUrl`/`postUrl` hand back text: their pages say "a simple response content as text". */
const LEGACY_ORIGINS = new Set(['getUrl', 'postUrl']);

const JSON_CONTENT_TYPE = /^(application|text)\/([\w.+-]*\+)?json\b/i;

const DEFAULT_FILE_NAME = 'file';
const DEFAULT_FILE_TYPE = 'application/octet-stream';

export function responseValue(response: HttpResponse, request: HttpRequest): Value {
  const content = bodyValue(response, request);
  if (!request.response.detailed) return content;
  // The key order of Zoho's getUrl page: responseText, responseHeader, responseCode.
  return map([
    ['responseText', content],
    ['responseHeader', headerMap(response.headers)],
    ['responseCode', BigInt(response.status)],
  ]);
}

function bodyValue(response: HttpResponse, request: HttpRequest): Value {
  if (request.response.format === 'FILE') return fileValue(response, request);
  if (!LEGACY_ORIGINS.has(request.origin) && isBinaryType(headerValue(response.headers, 'content-type'))) return fileValue(response, request);
  const text = decodeBody(response, request.response.decoding);
  if (LEGACY_ORIGINS.has(request.origin)) return text;
  const json = jsonValue(text, headerValue(response.headers, 'content-type'));
  if (json instanceof MapValue) rememberAnswerSecrets(json, 3);
  return json ?? text;
}

/**
 * The body as text: in the script's `response-decoding`, else the charset the server names, else UTF-8. A byte
 * order mark is dropped; bytes that are not valid in the charset become U+FFFD.
 */
export function decodeBody(response: HttpResponse, decoding: string | undefined): string {
  const problem = decoding === undefined ? undefined : decodingProblem(decoding, undefined, 'deluge run');
  if (problem) fail('DLG4018', problem);
  const chosen = decoding === undefined ? undefined : charsetLabel(decoding);
  const served = charsetOf(headerValue(response.headers, 'content-type'));
  const label = chosen ?? (served !== undefined ? charsetLabel(served) : undefined) ?? 'utf-8';
  return decoderFor(label).decode(response.body);
}

/** One decoder per charset label: a decoder without `stream` keeps no state between calls. */
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decoderFor(label: string): InstanceType<typeof TextDecoder> {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    decoder = new TextDecoder(label);
    decoders.set(label, decoder);
  }
  return decoder;
}

function charsetOf(contentType: string | undefined): string | undefined {
  const match = contentType && /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match ? match[1] : undefined;
}

/**
 * A JSON object or array as a map or list, when the server says JSON or the body looks like it; undefined for
 * anything else, including invalid JSON (the script then gets the text, as it would from Zoho).
 */
function jsonValue(text: string, contentType: string | undefined): MapValue | ListValue | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[' && !(contentType && JSON_CONTENT_TYPE.test(contentType))) return undefined;
  try {
    const value = parseJson(text, { source: 'the response' });
    return value instanceof MapValue || value instanceof ListValue ? value : undefined;
  } catch (error) {
    if (error instanceof DelugeError && error.code === 'DLG4016') return undefined;
    throw error;
  }
}

/** `response-format: FILE`: the bytes as they came, named by Content-Disposition or the URL's last segment. */
function fileValue(response: HttpResponse, request: HttpRequest): FileValue {
  const contentType = headerValue(response.headers, 'content-type') ?? DEFAULT_FILE_TYPE;
  const name = dispositionName(headerValue(response.headers, 'content-disposition')) ?? urlName(response.url || request.url);
  return new FileValue(name, contentType, response.body);
}

/** `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf` (RFC 6266, preferred) or `filename="report.pdf"`. */
export function dispositionName(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*([\w!#$&+.^`|~-]+)'[^']*'([^;\s]+)/i.exec(disposition);
  if (extended) {
    const decoded = decodeExtended(extended[1] ?? 'utf-8', extended[2] ?? '');
    if (decoded) return baseName(decoded);
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name ? baseName(name) : undefined;
}

function decodeExtended(charset: string, encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const hex = encoded.slice(i + 1, i + 3);
    if (encoded[i] === '%' && /^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(encoded.charCodeAt(i) & 0xff);
    }
  }
  return new TextDecoder(charsetLabel(charset) ?? 'utf-8').decode(Uint8Array.from(bytes));
}

/** A name given by a server never carries a path. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || DEFAULT_FILE_NAME;
}

function urlName(url: string): string {
  const segment = URL.canParse(url) ? (new URL(url).pathname.split('/').pop() ?? '') : '';
  return segment ? baseName(decodeExtended('utf-8', segment)) : DEFAULT_FILE_NAME;
}

/** Response headers by lower-case name; a repeated header's values joined by ", " (RFC 9110 §5.3). */
function headerMap(headers: readonly Header[]): MapValue {
  const out = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const before = out.get(key);
    out.set(key, before === undefined ? value : `${before}, ${value}`);
  }
  return map(out);
}

/**
 * Learns the credentials an answer carries in its fields (`"access_token": "…"`, `"api_secret"`, `"session_token"`;
 * {@link isCredentialFieldName}), so that a value the script reads out of it (`r.get("access_token")`) is masked
 * wherever it is printed, as the whole answer is. Its maps are looked into `depth` levels deep, its lists not: a
 * Delete Records answer (one `data` list) costs one name's look.
 */
function rememberAnswerSecrets(map: MapValue, depth: number): void {
  const look = (key: unknown, value: Value): void => {
    if (typeof value === 'string') {
      if (typeof key === 'string' && isCredentialFieldName(key) && isCredentialValue(value)) rememberSecret(value);
    } else if (value instanceof MapValue && depth > 1) rememberAnswerSecrets(value, depth - 1);
  };
  // (A map read from JSON is read by its shape: walking its entries would turn it into a Map for good.)
  const shape = map.keyShape;
  if (shape === undefined) for (const [key, value] of map.entries) look(key, value);
  else for (let i = 0; i < shape.keys.length; i++) look(shape.keys[i], map.valueAt(i));
}
