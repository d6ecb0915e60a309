import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUrlRequest, invokeApiRequest, invokeUrlRequest, postUrlRequest } from '../../src/http/invokeurl.js';
import { parsedUrl, type HttpRequest } from '../../src/http/request.js';
import { createTransport, type NetworkTransport } from '../../src/http/transport.js';
import { DelugeError } from '../../src/runtime/errors.js';
import { runScriptAsync } from '../../src/runtime/run.js';
import { FileValue, list, map, type MapKey, type Value } from '../../src/runtime/values.js';

/** What the script wrote in the task block, as the interpreter hands it over. */
const task = (entries: Record<string, Value>) => map(Object.entries(entries) as [MapKey, Value][]);
const kv = (entries: Record<string, Value>) => map(Object.entries(entries) as [MapKey, Value][]);

function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DelugeError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a Deluge error');
}

const RECORD_ID = 4876876000000624001n;
const api = 'https://www.zohoapis.com/crm/v7/Leads';

describe('invokeApiRequest: a service and a path on the connection\'s Zoho API domain', () => {
  const domains: Record<string, string> = { crm_eu: 'https://www.zohoapis.eu', zohocrm: 'https://www.zohoapis.com/' };
  const options = { apiDomain: (connection: string) => domains[connection] ?? 'https://www.zohoapis.in', defaultConnection: 'zohocrm' };

  it("puts the connection's API domain before the path, with or without its first '/'", () => {
    const request = invokeApiRequest(task({ service: 'zohocrm', path: '/crm/v7/Leads?ids=1,2', type: 'DELETE', connection: 'crm_eu' }), options);
    expect(request).toMatchObject({ method: 'DELETE', url: 'https://www.zohoapis.eu/crm/v7/Leads?ids=1,2', connection: 'crm_eu', origin: 'invokeapi' });
    expect(invokeApiRequest(task({ service: 'ZohoCRM', path: 'crm/v7/Leads/7', connection: 'crm_eu' }), options).url).toBe('https://www.zohoapis.eu/crm/v7/Leads/7');
  });

  it('without a connection it uses the default one (the run\'s own account, as zoho.crm.* tasks do)', () => {
    const request = invokeApiRequest(task({ service: 'zohobilling', path: 'billing/v1/customers/5' }), options);
    expect(request).toMatchObject({ method: 'GET', url: 'https://www.zohoapis.com/billing/v1/customers/5', connection: 'zohocrm' });
  });

  it('builds the rest as invokeurl does: a map parameters on GET is the query, a map body is JSON', () => {
    const get = invokeApiRequest(task({ service: 'zohocrm', path: '/crm/v7/Leads/search', parameters: kv({ email: 'a b@x.com' }) }), options);
    expect(get.url).toBe('https://www.zohoapis.com/crm/v7/Leads/search?email=a+b%40x.com');
    const post = invokeApiRequest(task({ service: 'zohocrm', path: '/crm/v7/Leads', type: 'POST', body: kv({ data: list([]) }) }), options);
    expect(post.body).toEqual({ kind: 'raw', text: '{"data":[]}', contentType: 'application/json' });
  });

  it.each([
    ['no service', { path: '/crm/v7/Leads' }, 'DLG4018', "invokeapi: 'service' is missing"],
    ['no path', { service: 'zohocrm' }, 'DLG4018', "invokeapi: 'path' is missing"],
    ['a whole URL as the path', { service: 'zohocrm', path: 'https://www.zohoapis.com/crm/v7/Leads' }, 'DLG4018', "invokeapi: 'path' is a whole URL"],
    ['a service whose domain is not known', { service: 'zohodesk', path: '/api/v1/tickets' }, 'DLG4014', "invokeapi: the service 'zohodesk' is not one whose API domain is known here"],
    ["invokeurl's url", { service: 'zohocrm', path: '/crm/v7/Leads', url: 'https://x' }, 'DLG4018', "invokeapi: unknown parameter 'url'"],
    ["invokeurl's detailed", { service: 'zohocrm', path: '/crm/v7/Leads', detailed: true }, 'DLG4018', "invokeapi: unknown parameter 'detailed'"],
    ['a number as the path', { service: 'zohocrm', path: 42n }, 'DLG4001', "invokeapi: 'path' must be a text"],
  ] as [string, Record<string, Value>, string, string][])('refuses %s (%s)', (_label, params, code, message) => {
    const found = failure(() => invokeApiRequest(task(params), options));
    expect(found.code).toBe(code);
    expect(found.message.startsWith(message)).toBe(true);
  });
});

describe('invokeUrlRequest: building the request', () => {
  it('GET is the default; a map parameters becomes the query string, after any the URL already has', () => {
    const request = invokeUrlRequest(task({ url: `${api}?per_page=2`, parameters: kv({ ids: RECORD_ID, q: 'a b&c', meta: kv({ k: 'v' }) }) }));
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`${api}?per_page=2&ids=4876876000000624001&q=a+b%26c&meta=%7B%22k%22%3A%22v%22%7D`);
    expect(request.body).toBeUndefined();
    expect(invokeUrlRequest(task({ url: api, parameters: kv({}) })).url).toBe(api);
  });

  it('the type is a bare word in any case', () => {
    expect(invokeUrlRequest(task({ url: api, type: 'delete' })).method).toBe('DELETE');
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s with a map parameters sends a form body', (type) => {
    const request = invokeUrlRequest(task({ url: api, type, parameters: kv({ ids: RECORD_ID, amount: 12.5, ok: true, none: null }) }));
    expect(request.url).toBe(api);
    expect(request.body).toEqual({
      kind: 'form',
      fields: [
        ['ids', '4876876000000624001'],
        ['amount', '12.5'],
        ['ok', 'true'],
        ['none', 'null'],
      ],
    });
  });

  it('a TEXT parameters or body is sent raw, text/plain unless content-type names another type', () => {
    const json = '{"data":[{"id":"4876876000000624001"}]}';
    expect(invokeUrlRequest(task({ url: api, type: 'POST', parameters: json })).body).toEqual({ kind: 'raw', text: json, contentType: 'text/plain' });
    expect(invokeUrlRequest(task({ url: api, type: 'POST', body: json, 'content-type': 'application/json' })).body).toEqual({
      kind: 'raw',
      text: json,
      contentType: 'application/json',
    });
  });

  it('a map is sent as its JSON when the content type (header or content-type) is not a form', () => {
    const record = kv({ id: RECORD_ID, Last_Name: 'Smith' });
    const byHeader = invokeUrlRequest(task({ url: api, type: 'PUT', headers: kv({ 'Content-Type': 'application/json' }), parameters: record }));
    expect(byHeader.body).toEqual({ kind: 'raw', text: '{"id":4876876000000624001,"Last_Name":"Smith"}', contentType: 'application/json' });
    expect(byHeader.headers).toEqual([['Content-Type', 'application/json']]);
    const byParam = invokeUrlRequest(task({ url: api, type: 'POST', 'content-type': 'application/json', parameters: record }));
    expect(byParam.body).toEqual({ kind: 'raw', text: '{"id":4876876000000624001,"Last_Name":"Smith"}', contentType: 'application/json' });
    const form = invokeUrlRequest(task({ url: api, type: 'POST', 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', parameters: record }));
    expect(form.body?.kind).toBe('form');
  });

  it('a map body is JSON; beside a body, a map parameters goes to the query string', () => {
    const request = invokeUrlRequest(task({ url: api, type: 'POST', parameters: kv({ trigger: 'workflow' }), body: kv({ data: list([kv({ id: RECORD_ID })]) }) }));
    expect(request.url).toBe(`${api}?trigger=workflow`);
    expect(request.body).toEqual({ kind: 'raw', text: '{"data":[{"id":4876876000000624001}]}', contentType: 'application/json' });
  });

  it('files (or a multipart content type) make a multipart body: map entries are fields, files are file parts', () => {
    const a = new FileValue('a.txt', 'text/plain', new TextEncoder().encode('A'));
    const b = new FileValue('b.pdf', 'application/pdf', new Uint8Array([1, 2]));
    const request = invokeUrlRequest(task({ url: api, type: 'POST', parameters: kv({ parent_id: RECORD_ID, doc: b }), files: list([a]) }));
    expect(request.body).toEqual({
      kind: 'multipart',
      parts: [
        { kind: 'field', name: 'parent_id', value: '4876876000000624001' },
        { kind: 'file', name: 'doc', file: { name: 'b.pdf', contentType: 'application/pdf', bytes: b.bytes } },
        { kind: 'file', name: 'file', file: { name: 'a.txt', contentType: 'text/plain', bytes: a.bytes } },
      ],
    });
    const fieldsOnly = invokeUrlRequest(task({ url: api, type: 'POST', 'content-type': 'multipart/form-data', parameters: kv({ x: '1' }) }));
    expect(fieldsOnly.body).toEqual({ kind: 'multipart', parts: [{ kind: 'field', name: 'x', value: '1' }] });
    expect(invokeUrlRequest(task({ url: api, type: 'POST', files: a })).body?.kind).toBe('multipart');
  });

  it('a file named by setParamName is sent under that name (Zoho\'s Upload a Photo sample: photo.setParamName("file"))', async () => {
    const sent: HttpRequest[] = [];
    const script = [
      'photo = zoho.encryption.base64DecodeToFile("iVBORw0KGgo=", "photo.png");',
      'photo.setParamName("image");',
      'response = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/1/photo" type: POST files: photo ];',
      'alone = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/1/photo" type: POST parameters: photo ];',
      '',
    ].join('\n');
    const r = await runScriptAsync(script, { tasks: { task: (_name, params) => (sent.push(invokeUrlRequest(params)), 'ok') } });
    expect(r.diagnostics).toEqual([]);
    const names = sent.map((request) => (request.body?.kind === 'multipart' ? request.body.parts.map((p) => p.name) : []));
    expect(names).toEqual([['image'], ['image']]);
  });

  it('headers keep their order and names; values take their text form', () => {
    const request = invokeUrlRequest(task({ url: api, headers: kv({ 'X-Id': RECORD_ID, Accept: 'application/json', 'X-Meta': kv({ a: 1n }) }) }));
    expect(request.headers).toEqual([
      ['X-Id', '4876876000000624001'],
      ['Accept', 'application/json'],
      ['X-Meta', '{"a":1}'],
    ]);
  });

  it('carries the connection and the response options', () => {
    const request = invokeUrlRequest(
      task({ url: api, connection: 'crm_oauth_connection', detailed: true, 'response-format': 'file', 'response-decoding': 'ISO-8859-1' }),
      'zoho.crm.test',
    );
    expect(request).toMatchObject({
      connection: 'crm_oauth_connection',
      response: { detailed: true, format: 'FILE', decoding: 'ISO-8859-1' },
      origin: 'zoho.crm.test',
    });
    expect(invokeUrlRequest(task({ url: api })).response).toEqual({ detailed: false });
    expect(invokeUrlRequest(task({ url: api })).origin).toBe('invokeurl');
  });

  it.each<[string, Record<string, Value>, string, RegExp]>([
    ['no url', { type: 'GET' }, 'DLG4018', /URL is missing/],
    ['a relative url', { url: '/crm/v7/Leads' }, 'DLG4018', /not an absolute URL/],
    ['an ftp url', { url: 'ftp://example.com/x' }, 'DLG4018', /only http and https/],
    // The URL parser would drop these, and the ids joined would name another record.
    ['a tab in the ids', { url: 'https://www.zohoapis.com/crm/v7/Leads?ids=4104050000022640\t40' }, 'DLG4018', /contains a tab \(character 59\)/],
    ['a line break in the path', { url: 'https://www.zohoapis.com/crm/v7/Leads/4104050000022640\n40' }, 'DLG4018', /contains a line break/],
    ['a backslash in the path', { url: 'https://www.zohoapis.com/crm/v7/Leads\\410405000002264040' }, 'DLG4018', /backslash in its path/],
    ['a NUMBER url', { url: 5n }, 'DLG4001', /must be a text, not NUMBER/],
    ['an unknown type', { url: api, type: 'FETCH' }, 'DLG4018', /unknown type 'FETCH'/],
    ['headers as text', { url: api, headers: 'Accept: x' }, 'DLG4001', /headers must be a map/],
    ['a header value with a line break', { url: api, headers: kv({ A: 'x\r\nB: y' }) }, 'DLG4018', /line break/],
    ['a bad header name', { url: api, headers: kv({ 'A B': 'x' }) }, 'DLG4018', /not a valid header name/],
    ['an unknown key', { url: api, header: kv({}) }, 'DLG4018', /unknown parameter 'header'/],
    ['files that are not files', { url: api, type: 'POST', files: list([1n]) }, 'DLG4001', /'files' must be a file/],
    ['two bodies', { url: api, type: 'POST', parameters: 'a', body: 'b' }, 'DLG4018', /send one of them/],
    ['a body with files', { url: api, type: 'POST', body: 'b', files: new FileValue('a', 'text/plain', new Uint8Array()) }, 'DLG4018', /multipart/],
    ['a NUMBER parameters', { url: api, type: 'POST', parameters: 5n }, 'DLG4001', /must be a map \(KEY-VALUE\) or a text/],
    ['detailed as text', { url: api, detailed: 'yes' }, 'DLG4001', /'detailed' must be true or false/],
    ['an unknown charset', { url: api, 'response-decoding': 'klingon-8' }, 'DLG4018', /unknown response-decoding/],
    ['an empty connection', { url: api, connection: '' }, 'DLG4018', /'connection' is empty/],
  ])('refuses %s', (_what, params, code, message) => {
    const error = failure(() => invokeUrlRequest(task(params)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('takes a backslash in the query, and a line break at either end, as the URL parser keeps them', () => {
    expect(invokeUrlRequest(task({ url: `${api}?q=a\\b` })).url).toBe(`${api}?q=a\\b`);
    expect(invokeUrlRequest(task({ url: `\n${api}\n` })).url).toBe(api);
  });

  it('an invalid URL is quoted without its query (it may hold keys)', () => {
    expect(failure(() => invokeUrlRequest(task({ url: 'not a url?apikey=secret123' }))).message).toBe(
      'invokeurl: "not a url" is not an absolute URL',
    );
  });
});

describe('getUrl and postUrl', () => {
  it('getUrl(url[, headers][, simple]): simple by default; false asks for the detailed map', () => {
    expect(getUrlRequest([api])).toEqual({ request: { method: 'GET', url: api, headers: [], response: { detailed: false }, origin: 'getUrl' }, simple: true });
    expect(getUrlRequest([api, false]).request.response.detailed).toBe(true);
    const withHeaders = getUrlRequest([api, kv({ Accept: 'text/xml' }), false]);
    expect(withHeaders.request.headers).toEqual([['Accept', 'text/xml']]);
    expect(withHeaders.simple).toBe(false);
  });

  it('postUrl(url, body[, headers][, simple]): a map is a form, a text is raw', () => {
    const form = postUrlRequest([api, kv({ amount: '250', id: RECORD_ID })]);
    expect(form.request).toMatchObject({ method: 'POST', body: { kind: 'form', fields: [['amount', '250'], ['id', '4876876000000624001']] }, origin: 'postUrl' });
    expect(form.simple).toBe(true);
    const raw = postUrlRequest([api, '{"a":1}', kv({ 'Content-Type': 'application/json' }), false]);
    expect(raw.request.body).toEqual({ kind: 'raw', text: '{"a":1}', contentType: 'text/plain' });
    expect(raw.request.headers).toEqual([['Content-Type', 'application/json']]);
    expect(raw.request.response.detailed).toBe(true);
  });

  it('refuses wrong arguments with DLG4007', () => {
    expect(failure(() => getUrlRequest([])).code).toBe('DLG4007');
    expect(failure(() => getUrlRequest([api, kv({}), 'no'])).message).toMatch(/last argument must be a boolean/);
    expect(failure(() => postUrlRequest([api])).code).toBe('DLG4007');
    expect(failure(() => getUrlRequest([api, 'x'])).code).toBe('DLG4001');
  });
});

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

describe('on the wire (a real server on 127.0.0.1)', () => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  let base = '';
  let transport: NetworkTransport;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    transport = createTransport({ env: {} });
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  async function sent(request: HttpRequest): Promise<Received> {
    received.length = 0;
    await transport.send(request);
    return received[0]!;
  }

  it('GET: the query string, record ids digit for digit, no body', async () => {
    const got = await sent(invokeUrlRequest(task({ url: `${base}/crm/v7/Leads`, parameters: kv({ ids: list([RECORD_ID, 4876876000000624002n]), q: 'é x' }) })));
    expect(got.method).toBe('GET');
    expect(got.url).toBe('/crm/v7/Leads?ids=4876876000000624001%2C4876876000000624002&q=%C3%A9+x');
    expect(got.body.length).toBe(0);
  });

  it.each(['POST', 'DELETE'])('%s with a map: a form body and its content type', async (type) => {
    const got = await sent(invokeUrlRequest(task({ url: `${base}/x`, type, parameters: kv({ ids: RECORD_ID, note: 'a b&c' }) })));
    expect(got.method).toBe(type);
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got.body.toString()).toBe('ids=4876876000000624001&note=a+b%26c');
  });

  it('raw text: text/plain by default, the content-type parameter next, a Content-Type header first', async () => {
    const plain = await sent(invokeUrlRequest(task({ url: `${base}/x`, type: 'POST', parameters: 'héllo' })));
    expect(plain.headers['content-type']).toBe('text/plain');
    expect(plain.body.toString('utf8')).toBe('héllo');
    const param = await sent(invokeUrlRequest(task({ url: `${base}/x`, type: 'POST', body: '{}', 'content-type': 'application/json' })));
    expect(param.headers['content-type']).toBe('application/json');
    const header = await sent(
      invokeUrlRequest(task({ url: `${base}/x`, type: 'PATCH', body: '<a/>', 'content-type': 'application/json', headers: kv({ 'Content-Type': 'text/xml' }) })),
    );
    expect(header.headers['content-type']).toBe('text/xml');
    expect(header.body.toString()).toBe('<a/>');
  });

  it('a JSON map body arrives with its 19-digit id intact', async () => {
    const got = await sent(invokeUrlRequest(task({ url: `${base}/x`, type: 'PUT', headers: kv({ 'Content-Type': 'application/json' }), parameters: kv({ data: list([kv({ id: RECORD_ID })]) }) })));
    expect(got.body.toString()).toBe('{"data":[{"id":4876876000000624001}]}');
  });

  it('multipart: fields and a file, with the boundary even when the script names the type', async () => {
    const file = new FileValue('notes.txt', 'text/plain', new TextEncoder().encode('line 1\nline 2'));
    const got = await sent(
      invokeUrlRequest(task({ url: `${base}/upload`, type: 'POST', headers: kv({ 'Content-Type': 'multipart/form-data' }), parameters: kv({ parent_id: RECORD_ID }), files: file })),
    );
    expect(got.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': got.headers['content-type']! }, body: got.body }).formData();
    expect(form.get('parent_id')).toBe('4876876000000624001');
    const part = form.get('file') as File;
    expect(part.name).toBe('notes.txt');
    expect(part.type).toBe('text/plain');
    expect(await part.text()).toBe('line 1\nline 2');
  });

  it('multipart: a file toFile made, renamed and retyped (setFileName, setFileType), goes with its new name and type and its UTF-8 bytes', async () => {
    const built: HttpRequest[] = [];
    const script = [
      'f = "id,name\\nAnn,é".toFile("leads.csv");',
      'f.setFileName("export.txt");',
      'f.setFileType("pdf");',
      `response = invokeurl [ url: "${base}/upload" type: POST files: f ];`,
      '',
    ].join('\n');
    const r = await runScriptAsync(script, { tasks: { task: (_name, params) => (built.push(invokeUrlRequest(params)), 'ok') } });
    expect(r.diagnostics).toEqual([]);
    const got = await sent(built[0]!);
    const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': got.headers['content-type']! }, body: got.body }).formData();
    const part = form.get('file') as File;
    expect([part.name, part.type, await part.text()]).toEqual(['export.txt', 'application/pdf', 'id,name\nAnn,é']);
  });

  it("multipart: fields' line breaks as written (not made CRLF), names escaped as curl escapes them, a file's bytes untouched", async () => {
    const file = new FileValue('a"b.bin', 'Text/Plain', new Uint8Array([0x0d, 0x0a, 0x00, 0xff, 0x0a]));
    const got = await sent(
      invokeUrlRequest(task({ url: `${base}/upload`, type: 'POST', parameters: kv({ msg: 'line1\nline2\rx', 'a"b\r\nc': 'é\r\n', photo: file }) })),
    );
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(got.headers['content-type']!)![1]!;
    // What curl sends for `--form-string $'msg=line1\nline2\rx' … -F 'photo=@…;type=Text/Plain'` (boundary aside).
    const expected = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="msg"\r\n\r\nline1\nline2\rx\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="a%22b%0D%0Ac"\r\n\r\né\r\n\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a%22b.bin"\r\nContent-Type: Text/Plain\r\n\r\n`),
      Buffer.from([0x0d, 0x0a, 0x00, 0xff, 0x0a]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(got.body.toString('latin1')).toBe(expected.toString('latin1'));
    expect(got.headers['content-length']).toBe(String(expected.length));
  });

  it('script headers are sent as given, with a user agent unless the script names one', async () => {
    const got = await sent(invokeUrlRequest(task({ url: `${base}/x`, headers: kv({ 'X-Request-Source': 'deluge-cleanup' }) })));
    expect(got.headers['x-request-source']).toBe('deluge-cleanup');
    expect(got.headers['user-agent']).toBe('deluge-kit');
    const own = await sent(invokeUrlRequest(task({ url: `${base}/x`, headers: kv({ 'User-Agent': 'mine/1' }) })));
    expect(own.headers['user-agent']).toBe('mine/1');
  });
});

describe('parsedUrl: the URL an invokeurl block checked is not parsed again to be sent', () => {
  it('gives the URL object parsed for the request while the request is the last one built, a new one otherwise', () => {
    const first = invokeUrlRequest(task({ url: `${api}?ids=${RECORD_ID}`, type: 'DELETE' }));
    const kept = parsedUrl(first.url);
    expect(kept.href).toBe(first.url);
    expect(parsedUrl(first.url)).toBe(kept);
    const second = invokeUrlRequest(task({ url: `${api}?ids=${RECORD_ID + 1n}`, type: 'DELETE' }));
    expect(parsedUrl(second.url)).not.toBe(kept);
    // The first request's URL, asked again after another was built, is parsed anew: still the same URL.
    expect(parsedUrl(first.url).href).toBe(first.url);
    expect(parsedUrl(first.url).searchParams.get('ids')).toBe(String(RECORD_ID));
  });
});
