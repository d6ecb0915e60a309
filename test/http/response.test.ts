import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUrlRequest, invokeUrlRequest, postUrlRequest } from '../../src/http/invokeurl.js';
import type { Header, HttpRequest, HttpResponse } from '../../src/http/request.js';
import { dispositionName, responseValue } from '../../src/http/response.js';
import { createTransport, type NetworkTransport } from '../../src/http/transport.js';
import { DelugeError } from '../../src/runtime/errors.js';
import { jsonText } from '../../src/runtime/text-form.js';
import { FileValue, ListValue, MapValue, map, type MapKey, type Value } from '../../src/runtime/values.js';

const task = (entries: Record<string, Value>) => map(Object.entries(entries) as [MapKey, Value][]);
const url = 'https://api.example.com/v1/files/report.pdf';

function response(body: string | Uint8Array, headers: Header[] = [], status = 200): HttpResponse {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { status, headers, body: bytes, url, durationMs: 1, attempts: 1 };
}

const plain = (extra: Record<string, Value> = {}): HttpRequest => invokeUrlRequest(task({ url, ...extra }));

describe('responseValue: the body', () => {
  it('JSON (by content type) becomes a map in key order with record ids exact', () => {
    const value = responseValue(response('{"data":[{"id":4876876000000624001,"b":1,"10":2}]}', [['content-type', 'application/json;charset=UTF-8']]), plain());
    expect(value).toBeInstanceOf(MapValue);
    expect(jsonText(value)).toBe('{"data":[{"id":4876876000000624001,"b":1,"10":2}]}');
  });

  it('JSON by its shape, whatever the content type; a top-level array becomes a list', () => {
    expect(responseValue(response(' [1, "a"]', [['content-type', 'text/plain']]), plain())).toBeInstanceOf(ListValue);
    expect(responseValue(response('{"a":1}'), plain())).toBeInstanceOf(MapValue);
  });

  it('text that is not JSON, invalid JSON and JSON scalars stay text', () => {
    expect(responseValue(response('<html>hi</html>', [['content-type', 'text/html']]), plain())).toBe('<html>hi</html>');
    expect(responseValue(response('{"a":', [['content-type', 'application/json']]), plain())).toBe('{"a":');
    expect(responseValue(response('"ok"', [['content-type', 'application/json']]), plain())).toBe('"ok"');
  });

  it('an empty body (204) is the empty text', () => {
    expect(responseValue(response('', [], 204), plain())).toBe('');
  });

  it('decodes in response-decoding, else the served charset, else UTF-8, dropping a BOM', () => {
    const latin = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1
    expect(responseValue(response(latin, [['content-type', 'text/plain; charset=ISO-8859-1']]), plain())).toBe('café');
    expect(responseValue(response(latin, [['content-type', 'text/plain; charset=utf-8']]), plain({ 'response-decoding': 'windows-1252' }))).toBe('café');
    expect(responseValue(response(latin), plain())).toBe('caf\uFFFD');
    expect(responseValue(response(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), plain())).toBeInstanceOf(MapValue);
    expect(responseValue(response(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])), plain())).toBe('hi');
  });

  it("takes Java's charset names, as Zoho does (ISO8859_1, Cp1252, SJIS); UTF-32 is named but not decoded", () => {
    const latin = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
    for (const name of ['ISO8859_1', 'iso8859-1', 'Cp1252', 'UTF_8']) {
      expect(responseValue(response(name === 'UTF_8' ? 'café' : latin), plain({ 'response-decoding': name })), name).toBe('café');
    }
    const sjis = new Uint8Array([0x82, 0xa0]); // "あ" in Shift_JIS
    expect(responseValue(response(sjis), plain({ 'response-decoding': 'SJIS' }))).toBe('あ');
    expect(() => plain({ 'response-decoding': 'UTF-32' })).toThrow(/charset Zoho knows but deluge run cannot decode/);
    // Java's UTF-16 without a byte order mark is big-endian (TextDecoder's is little-endian); Cp874 is IBM874.
    const utf16 = new Uint8Array([0x00, 0x48, 0x00, 0x69]);
    for (const name of ['UTF-16', 'UTF_16', 'utf16']) expect(responseValue(response(utf16), plain({ 'response-decoding': name })), name).toBe('Hi');
    expect(() => plain({ 'response-decoding': 'Cp874' })).toThrow(/cannot decode/);
  });

  it('an unknown served charset falls back to UTF-8; an unknown response-decoding is an error', () => {
    expect(responseValue(response('héllo', [['content-type', 'text/plain; charset=x-unknown']]), plain())).toBe('héllo');
    const request: HttpRequest = { ...plain(), response: { detailed: false, decoding: 'x-unknown' } };
    expect(() => responseValue(response('a'), request)).toThrow(DelugeError);
  });

  it('getUrl and postUrl return the body as text, even JSON', () => {
    expect(responseValue(response('{"rates":{}}', [['content-type', 'application/json']]), getUrlRequest([url]).request)).toBe('{"rates":{}}');
    expect(responseValue(response('{"a":1}'), postUrlRequest([url, 'x']).request)).toBe('{"a":1}');
  });
});

describe('responseValue: response-format FILE', () => {
  const file = plain({ 'response-format': 'FILE' });
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

  it('keeps the bytes and the content type; the name comes from Content-Disposition', () => {
    const value = responseValue(response(pdf, [['content-type', 'application/pdf'], ['content-disposition', 'attachment; filename="Q1 report.pdf"']]), file);
    expect(value).toBeInstanceOf(FileValue);
    expect(value).toMatchObject({ name: 'Q1 report.pdf', contentType: 'application/pdf', bytes: pdf });
  });

  it('or from the last segment of the URL, with a default type', () => {
    expect(responseValue(response(pdf), file)).toMatchObject({ name: 'report.pdf', contentType: 'application/octet-stream' });
    expect(responseValue({ ...response(pdf), url: 'https://api.example.com/' }, file)).toMatchObject({ name: 'file' });
  });

  it('reads RFC 6266 names: filename* wins, paths are dropped, escapes undone', () => {
    expect(dispositionName(`attachment; filename="fallback.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt`)).toBe('résumé.txt');
    expect(dispositionName('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(dispositionName('inline; filename=plain.csv')).toBe('plain.csv');
    expect(dispositionName('attachment; filename="a \\"b\\".txt"')).toBe('a "b".txt');
    expect(dispositionName('inline')).toBeUndefined();
  });
});

describe('responseValue: a body that is not text is a file, without response-format FILE', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

  it("an image, a PDF or octet-stream is a FILE (Zoho's Upload a Photo sample downloads the photo so)", () => {
    for (const type of ['image/jpeg', 'application/pdf', 'application/octet-stream', 'application/vnd.ms-excel', 'audio/mpeg']) {
      const value = responseValue(response(pdf, [['content-type', type]]), plain());
      expect(value, type).toBeInstanceOf(FileValue);
      expect(value).toMatchObject({ name: 'report.pdf', contentType: type, bytes: pdf });
    }
    const detailed = responseValue(response(pdf, [['content-type', 'image/png']]), plain({ detailed: true })) as MapValue;
    expect(detailed.entries.get('responseText')).toBeInstanceOf(FileValue);
  });

  it('text, JSON (any +json), XML, HTML, CSV, forms and a missing type stay text or map; getUrl and postUrl always text', () => {
    for (const type of ['text/plain', 'text/csv; charset=utf-8', 'application/xml', 'application/atom+xml', 'application/javascript', 'application/x-www-form-urlencoded', 'application/xhtml+xml']) {
      expect(responseValue(response('a,b', [['content-type', type]]), plain()), type).toBe('a,b');
    }
    expect(responseValue(response('{"a":1}', [['content-type', 'application/vnd.api+json']]), plain())).toBeInstanceOf(MapValue);
    expect(responseValue(response('plain'), plain())).toBe('plain');
    expect(typeof responseValue(response('%PDF', [['content-type', 'application/pdf']]), getUrlRequest([url]).request)).toBe('string');
  });
});

describe('responseValue: detailed', () => {
  it('a map of responseText (the body as without detailed), responseHeader (lower-case names) and responseCode', () => {
    const headers: Header[] = [
      ['content-type', 'application/json'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ];
    const value = responseValue(response('{"code":"INVALID_DATA"}', headers, 400), plain({ detailed: true })) as MapValue;
    expect([...value.entries.keys()]).toEqual(['responseText', 'responseHeader', 'responseCode']);
    expect(value.entries.get('responseCode')).toBe(400n);
    expect(jsonText(value.entries.get('responseText')!)).toBe('{"code":"INVALID_DATA"}');
    expect(jsonText(value.entries.get('responseHeader')!)).toBe('{"content-type":"application/json","set-cookie":"a=1, b=2"}');
  });

  it('getUrl(url, false) and postUrl(…, false) give responseText as text', () => {
    const value = responseValue(response('{"a":1}', [['content-type', 'application/json']]), getUrlRequest([url, false]).request) as MapValue;
    expect(value.entries.get('responseText')).toBe('{"a":1}');
    expect(value.entries.get('responseCode')).toBe(200n);
  });

  it('with response-format FILE, responseText is the file', () => {
    const value = responseValue(response('x'), plain({ detailed: true, 'response-format': 'FILE' })) as MapValue;
    expect(value.entries.get('responseText')).toBeInstanceOf(FileValue);
  });
});

describe('over HTTP (a real server on 127.0.0.1)', () => {
  const server = createServer((req, res) => {
    switch (req.url) {
      case '/missing':
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"INVALID_URL_PATTERN","status":"error"}');
        return;
      case '/crash':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      case '/deleted':
        res.writeHead(204).end();
        return;
      case '/latin':
        res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]));
        return;
      default:
        res.writeHead(200, { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="leads.csv"' }).end('id\n4876876000000624001\n');
    }
  });
  let base = '';
  let transport: NetworkTransport;
  const fetchValue = async (params: Record<string, Value>) => {
    const request = invokeUrlRequest(task(params));
    return responseValue(await transport.send(request), request);
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    transport = createTransport({ env: {} });
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('4xx and 5xx do not throw: the script gets the body, and the status with detailed', async () => {
    expect(jsonText(await fetchValue({ url: `${base}/missing` }))).toBe('{"code":"INVALID_URL_PATTERN","status":"error"}');
    expect(await fetchValue({ url: `${base}/crash`, type: 'DELETE' })).toBe('internal error');
    const detailed = (await fetchValue({ url: `${base}/missing`, detailed: true })) as MapValue;
    expect(detailed.entries.get('responseCode')).toBe(404n);
    expect(jsonText(detailed.entries.get('responseHeader')!)).toContain('"content-type":"application/json"');
  });

  it('204 gives the empty text; charset and FILE work end to end', async () => {
    expect(await fetchValue({ url: `${base}/deleted`, type: 'DELETE' })).toBe('');
    expect(await fetchValue({ url: `${base}/latin` })).toBe('Müller');
    const file = await fetchValue({ url: `${base}/export`, 'response-format': 'FILE' });
    expect(file).toMatchObject({ name: 'leads.csv', contentType: 'text/csv' });
    expect(new TextDecoder().decode((file as FileValue).bytes)).toBe('id\n4876876000000624001\n');
  });
});
