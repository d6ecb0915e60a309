/**
 * The requests of a curl command → Deluge: one `invokeurl` block per request, in the shape Zoho's docs samples use
 * (`url`, `type`, `headers`, `parameters`, `connection`), with long maps built by `put` statements as Zoho's samples
 * build them. What the script sends is what curl sends: the same method, URL (query kept as written), headers, and
 * a body that `deluge run` encodes back to the same fields, JSON or text (docs/import.md, "Mapping").
 */
import { keyText } from '../../runtime/text-form.js';
import { ListValue, MapValue, type Value } from '../../runtime/values.js';
import type { ImportedRequest } from './commands.js';
import { base64, UPLOAD_CONTENT_TYPE, type CurlPart } from './request.js';

/** A map or list literal longer than this is built with `put`/`add` statements instead. */
const INLINE_LIMIT = 100;
/** Files larger than this are not written into the script as Base64. */
const INLINE_FILE_LIMIT = 256 * 1024;

/** Variable names handed out once each, so several requests' variables never collide. */
class Names {
  private readonly taken = new Set<string>();
  claim(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}

/** The Deluge text of the requests (not yet formatted), each naming its connection. */
export function delugeScript(requests: readonly ImportedRequest[]): string {
  const names = new Names();
  const blocks = requests.map((request, i) => requestBlock(request, requests.length > 1 ? String(i + 1) : '', names));
  return `${blocks.join('\n\n')}\n`;
}

function requestBlock(request: ImportedRequest, suffix: string, names: Names): string {
  const statements: string[] = [];
  const keys: [string, string][] = [['url', text(request.url)]];
  const method = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) ? request.method : 'GET';
  keys.push(['type', method]);
  if (request.headers.length > 0) {
    const map = new MapValue();
    for (const [name, value] of request.headers) map.entries.set(name, value);
    keys.push(['headers', expression(map, `requestHeaders${suffix}`, statements, names)]);
  }
  const explicitType = request.headers.some(([name]) => name.toLowerCase() === 'content-type');
  const body = request.body;
  if (body?.kind === 'form') {
    const map = new MapValue();
    for (const [name, value] of body.fields) map.entries.set(name, value);
    keys.push(['parameters', expression(map, `params${suffix}`, statements, names)]);
  } else if (body?.kind === 'json' && body.value instanceof ListValue) {
    // A list's toString() joins its elements without brackets (`{"a":1},{"b":2}`): a JSON array goes as its text.
    if (!explicitType) keys.push(['content-type', text(body.contentType)]);
    keys.push(['parameters', text(body.text)]);
  } else if (body?.kind === 'json') {
    const variable = names.claim(`body${suffix}`);
    const inline = literal(body.value);
    if (inline.length <= INLINE_LIMIT) statements.push(`${variable} = ${inline};`);
    else build(body.value, variable, statements, names);
    if (!explicitType) keys.push(['content-type', text(body.contentType)]);
    keys.push(['parameters', `${variable}.toString()`]);
  } else if (body?.kind === 'raw') {
    for (const file of body.files ?? []) {
      statements.push(`// TODO: curl sends the content of ${file === '-' ? 'its standard input' : `the file ${file}`} here: put it in place of "@${file}"`);
    }
    // A body curl sends with no type (-T) gets the one a server would assume: invokeurl would send text/plain.
    if (!explicitType) keys.push(['content-type', text(body.contentType || UPLOAD_CONTENT_TYPE)]);
    keys.push(['parameters', text(body.text)]);
  } else if (body?.kind === 'multipart') {
    // Several files named `file` (the only name a part may have twice here) go in `files`, which names each so; the
    // run sends them after the map's parts.
    const inFiles = (part: CurlPart) => part.kind === 'file' && part.name === 'file' && body.parts.filter((p) => p.kind === 'file' && p.name === 'file').length > 1;
    const entries: string[] = [];
    const files: string[] = [];
    for (const part of body.parts) {
      if (part.kind === 'file' && inFiles(part)) files.push(fileVariable(part, statements, names));
      else entries.push(`${text(part.name)}: ${part.kind === 'field' ? text(part.value) : fileVariable(part, statements, names)}`);
    }
    if (!explicitType && body.parts.every((p) => p.kind === 'field')) keys.push(['content-type', text('multipart/form-data')]);
    if (entries.length > 0) keys.push(['parameters', `{${entries.join(', ')}}`]);
    if (files.length > 0) keys.push(['files', `[${files.join(', ')}]`]);
  }
  if (request.connection !== undefined) keys.push(['connection', text(request.connection)]);
  const response = names.claim(`response${suffix}`);
  const block = [`${response} = invokeurl`, '[', ...keys.map(([key, value]) => `\t${key}: ${value}`), '];', `info ${response};`];
  return [...statements, ...block].join('\n');
}

/** A file part as a FILE variable: its bytes in Base64 when they were read, else an empty placeholder. */
function fileVariable(part: Extract<CurlPart, { kind: 'file' }>, statements: string[], names: Names): string {
  const variable = names.claim(identifier(part.name, 'file'));
  const bytes = part.bytes && part.bytes.length <= INLINE_FILE_LIMIT ? part.bytes : undefined;
  if (!bytes || bytes.length === 0) {
    statements.push(`// TODO: the content of ${part.path}, which curl uploads, as Base64 in the first argument`);
  }
  statements.push(`${variable} = zoho.encryption.base64DecodeToFile(${text(bytes ? base64(bytes) : '')}, ${text(part.filename)});`);
  return variable;
}

/** A value as Deluge: a literal when it is short, else a variable built with `put`/`add` statements. */
function expression(value: Value, hint: string, statements: string[], names: Names): string {
  const inline = literal(value);
  if (inline.length <= INLINE_LIMIT || !(value instanceof MapValue || value instanceof ListValue)) return inline;
  const variable = names.claim(hint);
  build(value, variable, statements, names);
  return variable;
}

/** Statements that build `variable` as `value`, nested values first (each in a variable of its own when long). */
function build(value: MapValue | ListValue, variable: string, statements: string[], names: Names): void {
  if (value instanceof MapValue) {
    const entries = [...value.entries].map(([key, item]) => {
      const name = keyText(key);
      return [name, expression(item, identifier(name, 'value') + (item instanceof ListValue ? 'List' : ''), statements, names)] as const;
    });
    statements.push(`${variable} = Map();`);
    for (const [key, item] of entries) statements.push(`${variable}.put(${text(key)}, ${item});`);
    return;
  }
  // Zoho's APIs take their records in a `data` list: its maps read best as `record`.
  const element = /^data(?:List)?\d*$/.test(variable) ? 'record' : `${variable.replace(/List\d*$/, '')}Item`;
  const items = value.items.map((item) => expression(item, element, statements, names));
  statements.push(`${variable} = List();`);
  for (const item of items) statements.push(`${variable}.add(${item});`);
}

/** A JSON value as a Deluge literal: `{"k": v}`, `[a, b]`, texts, NUMBERs, DECIMALs, true/false/null. */
export function literal(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return text(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof MapValue) return `{${[...value.entries].map(([k, v]) => `${text(keyText(k))}: ${literal(v)}`).join(', ')}}`;
  if (value instanceof ListValue) return `[${value.items.map(literal).join(', ')}]`;
  return text(String(value));
}

/** A Deluge text literal: `\`, `"` and line breaks escaped. */
export function text(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** A variable name from a map key: `Owner` → `owner`, `Product_Details` → `product_Details`. */
function identifier(key: string, fallback: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '' || /^\d/.test(cleaned)) return fallback;
  const name = cleaned[0]!.toLowerCase() + cleaned.slice(1);
  return NOT_A_NAME.test(name) ? `${name}Value` : name;
}

/**
 * Words a generated variable must not be: Deluge's reserved words (https://www.zoho.com/deluge/help/keywords.html:
 * `is`, `from`, `zoho`, `collection`, `thisapp` … may not name a variable), the words that act as keywords in
 * practice (`info`, `try`, `input` …), and the names the importer gives its own variables.
 */
const NOT_A_NAME =
  /^(?:bool|collection|date|else|false|float|for|each|from|if|ifnull|in|int|is|list|map|null|permissions|portal|reload|return|string|thisapp|true|void|zoho|info|break|continue|try|catch|throw|index|invokeurl|sendmail|input|decimal|response|type|url)$/i;
