/**
 * The connections file (format, `${ENV}` interpolation, errors, discovery), the data-centre table, and the
 * `deluge connections` command run in-process against a fake Zoho accounts server on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeConnectionsCommand, maskClientId } from '../../src/cli/commands/connections.js';
import { DelugeConfigError, findConnectionsFile, interpolate, loadConnections, parseConnections, sandboxConnections } from '../../src/http/connections.js';
import { shownMessage } from '../../src/diagnostics/render.js';
import { accountsUrl, DATA_CENTRES, dataCentreOf, isZohoAccountsHost, isZohoApiHost, isZohoHost } from '../../src/http/zoho-hosts.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-connections-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function error(fn: () => unknown): DelugeConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DelugeConfigError);
    return e as DelugeConfigError;
  }
  throw new Error('expected a DelugeConfigError');
}

const FILE = '/project/deluge.connections.json';
const parse = (value: unknown, env: NodeJS.ProcessEnv = {}) => parseConnections(FILE, JSON.stringify(value), env, '/home/ana');
const CRM = { type: 'zoho-oauth', dataCenter: 'eu', clientId: '${ZOHO_CLIENT_ID}', clientSecret: '${ZOHO_CLIENT_SECRET}', refreshToken: '${ZOHO_REFRESH_TOKEN}' };
const ENV = { ZOHO_CLIENT_ID: '1000.ABCDEFGHIJKLMNOP', ZOHO_CLIENT_SECRET: 'shh-secret', ZOHO_REFRESH_TOKEN: '1000.rt.secret' };

describe('the connections file', () => {
  it('fills ${ENV} values in when a connection is used', () => {
    const c = parse({ connections: { crm: CRM } }, ENV);
    expect(c.names).toEqual(['crm']);
    expect(c.resolve('crm')).toEqual({
      type: 'zoho-oauth',
      name: 'crm',
      dataCenter: 'eu',
      accountsUrl: 'https://accounts.zoho.eu',
      clientId: '1000.ABCDEFGHIJKLMNOP',
      clientSecret: 'shh-secret',
      refreshToken: '1000.rt.secret',
    });
  });

  it('reads every type, with the documented defaults', () => {
    const c = parse({
      connections: {
        ca: { type: 'zoho-oauth', dataCenter: 'CA', clientId: 'id', clientSecret: 's' },
        us: { type: 'zoho-oauth', clientId: 'id', clientSecret: 's', description: 'US by default' },
        static: { type: 'zoho-token', accessToken: 't' },
        stripe: { type: 'bearer', token: 'k' },
        legacy: { type: 'basic', username: 'u', password: 'p' },
        keyed: { type: 'header', header: 'X-Api-Key', value: 'v' },
      },
    });
    expect(c.resolve('ca')).toMatchObject({ dataCenter: 'ca', accountsUrl: 'https://accounts.zohocloud.ca' });
    expect(c.resolve('us')).toMatchObject({ dataCenter: 'us', accountsUrl: 'https://accounts.zoho.com' });
    expect(c.resolve('us')).not.toHaveProperty('refreshToken');
    expect(c.resolve('static')).toEqual({ type: 'zoho-token', name: 'static', accessToken: 't', apiDomain: 'https://www.zohoapis.com' });
    expect(c.resolve('stripe')).toEqual({ type: 'bearer', name: 'stripe', token: 'k' });
    expect(c.resolve('legacy')).toEqual({ type: 'basic', name: 'legacy', username: 'u', password: 'p' });
    expect(c.resolve('keyed')).toEqual({ type: 'header', name: 'keyed', header: 'X-Api-Key', value: 'v' });
    expect(c.tokenStorePath).toBe('/home/ana/.deluge/tokens.json');
  });

  it('an unset variable is DLG0006 naming the file, the connection, the key and the variable — only for the connection used', () => {
    const c = parse({ connections: { crm: CRM, stripe: { type: 'bearer', token: '${STRIPE_KEY}' } } }, { ...ENV, ZOHO_CLIENT_SECRET: undefined, STRIPE_KEY: 'sk' });
    expect(c.resolve('stripe')).toMatchObject({ token: 'sk' });
    const e = error(() => c.resolve('crm'));
    expect(e.code).toBe('DLG0006');
    expect(e.message).toBe(`${FILE}: connection "crm", setting "clientSecret": the environment variable ZOHO_CLIENT_SECRET is not set`);
  });

  it("names the setting when the connection's name has auth or token in it: printed, nothing of the message is masked", () => {
    const c = parse({ connections: { crm_oauth_connection: { ...CRM, dataCenter: 'mars' }, api_token_link: CRM } }, { ...ENV, ZOHO_CLIENT_SECRET: undefined });
    for (const name of ['crm_oauth_connection', 'api_token_link']) {
      const message = error(() => c.resolve(name)).message;
      expect(message).toMatch(/, setting "(clientSecret|dataCenter)"/);
      expect(shownMessage(message)).toBe(message);
    }
  });

  it("a message shows a credential in it as '****', whatever its length (a star a character told how long it was)", () => {
    const token = `1000.${'a1b2c3d4'.repeat(4)}.${'e5f6a7b8'.repeat(4)}`;
    expect(shownMessage(`toNumber: "Zoho-oauthtoken ${token}" is not a number`)).toBe('toNumber: "Zoho-oauthtoken ****" is not a number');
    expect(shownMessage('a mask already written, ****, stays as it is')).toBe('a mask already written, ****, stays as it is');
  });

  it('an empty variable is refused as empty; $${ writes a literal ${', () => {
    expect(error(() => parse({ connections: { crm: CRM } }, { ...ENV, ZOHO_REFRESH_TOKEN: '' }).resolve('crm')).message).toContain('the environment variable ZOHO_REFRESH_TOKEN is empty');
    expect(interpolate('a$${B}c-${X}', { X: 'x' })).toEqual({ value: 'a${B}c-x' });
    expect(interpolate('pa$$word', {})).toEqual({ value: 'pa$$word' });
    expect(interpolate('${A}${B}', { A: 'a' })).toEqual({ problem: 'the environment variable B is not set' });
  });

  it("a password written in the file with a '${' in it: the error and list's problems quote none of it", () => {
    const written = { connections: { erp: { type: 'basic', username: 'sync', password: 'Xk9${rT7-pW2q' }, m: { type: 'header', header: 'X-Key', value: 'ab${cdefgh' } } };
    for (const name of ['erp', 'm']) {
      const e = error(() => parse(written).resolve(name));
      expect(e.message).toMatch(/: a '\$\{' is not a reference this file can make/);
      expect(parse(written).describe(name).problems).toEqual([expect.stringMatching(/^"(password|value)": a '\$\{' is not a reference/)]);
      for (const text of [e.message, ...parse(written).describe(name).problems]) expect(text).not.toMatch(/rT7|pW2q|cdefgh/);
    }
  });

  it('a reference it cannot make (${VAR:-default}, ${ VAR }, ${}, an unclosed ${) is an error, not text sent as the secret', () => {
    for (const written of ['${KEY:-dflt}', '${ KEY }', '${}', 'abc${KEY', '${1X}']) {
      const e = error(() => parse({ connections: { k: { type: 'bearer', token: written } } }, { KEY: 'k3y' }).resolve('k'));
      expect(e.code).toBe('DLG0006');
      expect(e.message).toContain('is not a reference this file can make');
    }
  });

  it("shows no value of a misspelt setting in the frame: the secret's name is what was misspelt", () => {
    for (const [type, settings] of [
      ['zoho-oauth', '"clientId": "1000.X", "clientSecert": "a1b2c3d4e5f6a7b8c9d0"'],
      ['bearer', '"tokn": "a1b2c3d4e5f6a7b8c9d0"'],
      ['basic', '"username": "ana", "pasword": "a1b2c3d4e5f6a7b8c9d0"'],
      ['header', '"header": "X-Api-Key", "valeu": "a1b2c3d4e5f6a7b8c9d0"'],
    ] as const) {
      const text = `{"connections": {"k": {"type": "${type}", ${settings}}}}`;
      const e = error(() => parseConnections(FILE, text, {}, '/home/ana'));
      expect(e.code, type).toBe('DLG0006');
      expect(e.location!.file.text, type).not.toContain('a1b2c3d4e5f6a7b8c9d0');
      // The settings that hold no secret stay readable.
      if (type === 'header') expect(e.location!.file.text).toContain('"X-Api-Key"');
    }
  });

  it('points at the mistake in the file (line:column for a code frame): bad JSON, a setting, a repeated name, an unset variable', () => {
    const at = (text: string, fn: (c: ReturnType<typeof parseConnections>) => unknown = () => undefined) => {
      const e = error(() => fn(parseConnections(FILE, text, {}, '/home/ana')));
      const position = e.location!.file.position(e.location!.span.start);
      return `${position.line}:${position.column} ${text.slice(e.location!.span.start, e.location!.span.end)} | ${e.message.replace(`${FILE}: `, '')}`;
    };
    expect(at('{\n  "connections": {\n    "k": {"type": "bearer", "token": "t",}\n  }\n}')).toMatch(/^3:42 \} \| not valid JSON/);
    expect(at('{\n  "connections": {\n    "k": {"type": "bearer", "tokn": "t"}\n  }\n}')).toBe('3:29 "tokn" | connection "k": unknown setting "tokn" for type bearer (did you mean "token"?; allowed: token)');
    expect(at('{\n  "connections": {\n    "k": {"type": "bearer", "token": "t"},\n    "k": {"type": "bearer", "token": "u"}\n  }\n}')).toBe(
      '4:5 "k" | connection "k" is defined twice (the later one would replace the first)',
    );
    expect(at('{\n  "connections": {\n    "k": {"type": "bearer", "token": "${UNSET}"}\n  }\n}', (c) => c.resolve('k'))).toBe(
      '3:38 "${UNSET}" | connection "k", setting "token": the environment variable UNSET is not set',
    );
    expect(at('{"connections": {"k": {"type": "zoho-oauth", "clientId": "i", "clientSecret": "s", "dataCenter": "xx"}}}', (c) => c.resolve('k'))).toMatch(/^1:98 "xx" \| connection "k", setting "dataCenter": unknown data centre/);
    // JSON.parse names no position for these: each is still shown where it is.
    expect(at('')).toBe('1:1  | not valid JSON (Unexpected end of JSON input)');
    expect(at('{\n  "connections": {\n')).toBe("3:1  | not valid JSON (Expected property name or '}')");
    expect(at('{"connections": {"k": {"type": "bearer", "token": "t"},}}')).toBe('1:56 } | not valid JSON (Expected double-quoted property name)');
    expect(at('{"connections": {"k": [1,]}}')).toBe("1:26 ] | not valid JSON (Unexpected ']')");
    expect(at('{"connections": {"k": {"type": "bearer", "token": tru}}}')).toBe('1:51 t | not valid JSON (Unexpected text: a text value is written in double quotes)');
    expect(at('\uFEFF[]')).toBe('1:1 [ | the file must hold a JSON object with "connections"');
  });

  it('a secret written without quotes is in no message and no code frame', () => {
    const text = '{"connections": {\n  "k": {"type": "bearer", "token": sk_live_51HxYzSECRET }\n}}';
    const e = error(() => parseConnections(FILE, text, {}, '/home/ana'));
    expect(e.message).toBe(`${FILE}: not valid JSON (Unexpected text: a text value is written in double quotes)`);
    expect(e.location!.file.position(e.location!.span.start)).toMatchObject({ line: 2, column: 36 });
    expect(e.location!.file.text).toBe(text.replace('sk_live_51HxYzSECRET', '*'.repeat(20)));
    // The token store's path is no secret, though its name says "token".
    expect(error(() => parseConnections(FILE, '{"connections": {}, "tokenStore": "${NOPE}/tokens.json"}', {})).location!.file.text).toContain('"${NOPE}/tokens.json"');
    // An unterminated one is masked to its end.
    expect(error(() => parseConnections(FILE, '{"connections": {"k": {"type": "bearer", "token": "sk_live_51Hx', {})).location!.file.text).not.toContain('sk_live');
  });

  it('a file that is not JSON shows no credential either: an unquoted key, a closing quote left out, a credential misnamed', () => {
    const frame = (text: string) => error(() => parseConnections(FILE, text, {}, '/home/ana')).location!.file.text;
    // `token:` without quotes: JSON.parse stops at it, and the reader of JSON keys cannot see it.
    expect(frame('{\n  "connections": {\n    "x": { "type": "bearer", token: "sk_live_abcdefghijklmnop1234" }\n  }\n}')).toBe(
      '{\n  "connections": {\n    "x": { "type": "bearer", token: "****************************" }\n  }\n}',
    );
    // A closing quote left out: the mask stops at the line's end, and the next line's credential is masked as well.
    const unclosed = '{\n  "connections": {\n    "b": { "type": "basic", "username": "u", "password": "LiteralPw-SECRET-42 },\n    "t": { "type": "bearer", "token": "LiteralTok-SECRET-43" }\n  }\n}';
    const shown = frame(unclosed);
    expect(shown.split('\n')).toHaveLength(unclosed.split('\n').length);
    expect(shown).not.toMatch(/SECRET/);
    expect(shown).toContain('"username": "u"');
    // A credential under a name no type has (`bearer` for `token`), in a file that is JSON.
    expect(frame('{"connections":{"y":{"type":"bearer","bearer":"SomeSecretValue99"}}}')).toBe('{"connections":{"y":{"type":"bearer","bearer":"*****************"}}}');
  });

  it('its code frames show no credential written in the file, and every key as written', () => {
    const text = '{"connections": {\n  "m": {"type": "header", "header": "X-Api-Key", "value": "sk_live_51HxYz", "descripton": "x"},\n  "z": {"type": "zoho-oauth", "clientId": "1000.X", "clientSecret": "plainsecret", "refreshToken": "${RT}"}\n}}';
    const e = error(() => parseConnections(FILE, text, {}, '/home/ana'));
    expect(e.message).toContain('unknown setting "descripton"');
    const framed = e.location!.file;
    expect(framed.credentialsMasked).toBe(true);
    // The value of a setting not known is masked too: it may be a credential misnamed.
    expect(framed.text).toBe(text.replace('sk_live_51HxYz', '*'.repeat(14)).replace('plainsecret', '*'.repeat(11)).replace('"descripton": "x"', '"descripton": "*"'));
    expect(framed.text).toContain('"clientId": "1000.X"');
    expect(framed.text).toContain('"refreshToken": "${RT}"');
  });

  it('a header value with a line break or a character beyond Latin-1 is refused when the connection is read', () => {
    for (const [value, why] of [['a\r\nX-Injected: 1', 'contains a line break'], ['ключ', 'only Latin-1']] as const) {
      const e = error(() => parse({ connections: { h: { type: 'header', header: 'X-Api-Key', value } } }).resolve('h'));
      expect(e.code).toBe('DLG0006');
      expect(e.message).toContain(why);
    }
    expect(error(() => parse({ connections: { z: { type: 'zoho-token', accessToken: 'abc\r\ndef' } } }).resolve('z')).message).toContain('"accessToken": contains a line break');
  });

  it('an unknown connection is DLG0005 listing the defined ones', () => {
    const e = error(() => parse({ connections: { crm: CRM, stripe: { type: 'bearer', token: 'k' } } }).resolve('crm_oauth'));
    expect(e.code).toBe('DLG0005');
    expect(e.message).toBe(`${FILE}: no connection named "crm_oauth" (defined: crm, stripe)`);
    const typo = error(() => parse({ connections: { crm_oauth_connection: CRM, stripe: { type: 'bearer', token: 'k' } } }).resolve('crm_oauth_conection'));
    expect(typo.message).toBe(`${FILE}: no connection named "crm_oauth_conection" (did you mean "crm_oauth_connection"?; defined: crm_oauth_connection, stripe)`);
  });

  it.each([
    ['not JSON', '{"connections": {', /not valid JSON/],
    ['not an object', '[]', /must hold a JSON object/],
    ['an unknown top-level key', '{"conections": {}}', /unknown setting "conections" \(did you mean "connections"\?; allowed: \$schema, connections, tokenStore\)/],
    ['an unknown type', '{"connections": {"x": {"type": "oauth2"}}}', /connection "x", setting "type" must be one of zoho-oauth, zoho-token, bearer, basic, header \(got "oauth2"\)/],
    ['a misspelt type', '{"connections": {"x": {"type": "barer"}}}', /\(got "barer"; did you mean "bearer"\?\)$/],
    ['a misspelt setting', '{"connections": {"x": {"type": "zoho-oauth", "clientID": "a", "clientSecret": "b"}}}', /connection "x": unknown setting "clientID" for type zoho-oauth \(did you mean "clientId"\?; allowed: /],
    ['a setting spelt the British way', '{"connections": {"x": {"type": "zoho-oauth", "clientId": "a", "clientSecret": "b", "dataCentre": "eu"}}}', /unknown setting "dataCentre" for type zoho-oauth \(did you mean "dataCenter"\?; allowed: /],
    ['a missing setting', '{"connections": {"x": {"type": "zoho-oauth", "clientSecret": "b"}}}', /connection "x", setting "clientId" is missing/],
    ['a number', '{"connections": {"x": {"type": "bearer", "token": 12}}}', /"token" must be a text/],
    ['a bad tokenStore', '{"connections": {}, "tokenStore": 3}', /"tokenStore" must be a file path/],
  ])('%s is DLG0006 at load', (_, text, message) => {
    const e = error(() => parseConnections(FILE, text, {}));
    expect(e.code).toBe('DLG0006');
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(FILE)).toBe(true);
  });

  it.each([
    [{ type: 'zoho-oauth', clientId: 'a', clientSecret: 'b', dataCenter: 'mars' }, /"dataCenter": unknown data centre 'mars' \(use one of us, eu, in, au, jp, cn, ca, sa, uk\)/],
    [{ type: 'zoho-oauth', clientId: 'a', clientSecret: 'b', accountsUrl: 'http://accounts.example.com' }, /"accountsUrl": use an https URL/],
    [{ type: 'zoho-token', accessToken: 't', apiDomain: 'not a url' }, /"apiDomain": 'not a url' is not a URL/],
    [{ type: 'header', header: 'Bad Header', value: 'v' }, /"header": 'Bad Header' is not a valid header name/],
    // A header the HTTP client manages, or the request's own: every request would be refused unsent (a network failure).
    [{ type: 'header', header: 'Transfer-Encoding', value: 'chunked-abcdef' }, /"header": the header Transfer-Encoding cannot be set by a connection: the HTTP client/],
    [{ type: 'header', header: 'keep-alive', value: 'k3y' }, /"header": the header keep-alive cannot be set by a connection/],
    [{ type: 'header', header: 'Content-Length', value: 'k3y' }, /"header": the header Content-Length is the request's own, not a credential's/],
  ])('a bad value is DLG0006 when the connection is used (%#), and a problem `list` shows', (connection, message) => {
    const connections = parse({ connections: { x: connection } });
    const e = error(() => connections.resolve('x'));
    expect(e.code).toBe('DLG0006');
    expect(e.message).toMatch(message);
    expect(connections.describe('x').problems).toEqual([expect.stringMatching(/^"(dataCenter|accountsUrl|apiDomain|header)": /)]);
  });

  it('accepts http only for loopback accounts URLs (a local sandbox)', () => {
    const c = parse({ connections: { x: { type: 'zoho-oauth', clientId: 'a', clientSecret: 'b', accountsUrl: 'http://127.0.0.1:4010/' } } });
    expect(c.resolve('x')).toMatchObject({ accountsUrl: 'http://127.0.0.1:4010' });
  });

  it('resolves tokenStore with ~ and relative to the file, and with ${ENV}', () => {
    expect(parse({ connections: {}, tokenStore: '~/tokens.json' }).tokenStorePath).toBe('/home/ana/tokens.json');
    expect(parse({ connections: {}, tokenStore: '.deluge/tokens.json' }).tokenStorePath).toBe('/project/.deluge/tokens.json');
    expect(parse({ connections: {}, tokenStore: '${CACHE}/t.json' }, { CACHE: '/var/cache' }).tokenStorePath).toBe('/var/cache/t.json');
  });

  it('describes a connection for `list` without its secrets and with its variables unset', () => {
    const c = parse({ connections: { crm: CRM, stripe: { type: 'bearer', token: '${STRIPE}' } } }, { ZOHO_CLIENT_ID: '1000.ID' });
    expect(c.describe('crm')).toEqual({
      name: 'crm',
      type: 'zoho-oauth',
      dataCenter: 'eu',
      accountsUrl: 'https://accounts.zoho.eu',
      clientId: '1000.ID',
      refreshTokenInFile: true,
      problems: ['"clientSecret": the environment variable ZOHO_CLIENT_SECRET is not set', '"refreshToken": the environment variable ZOHO_REFRESH_TOKEN is not set'],
    });
    expect(c.describe('stripe')).toEqual({ name: 'stripe', type: 'bearer', refreshTokenInFile: false, problems: ['"token": the environment variable STRIPE is not set'] });
  });

  it('describes a URL a request would refuse as a problem, as it does a bad data centre', () => {
    const c = parse({
      connections: {
        plain: { ...CRM, accountsUrl: 'http://accounts.example.com' },
        garbled: { ...CRM, accountsUrl: 'accounts dot zoho' },
        token: { type: 'zoho-token', accessToken: 'x', apiDomain: 'http://www.zohoapis.eu' },
        dc: { ...CRM, dataCenter: 'mars' },
        local: { ...CRM, accountsUrl: 'http://127.0.0.1:9' },
      },
    }, { ZOHO_CLIENT_ID: '1000.ID', ZOHO_CLIENT_SECRET: 's', ZOHO_REFRESH_TOKEN: 'r' });
    expect(c.describe('plain')).toMatchObject({ problems: ['"accountsUrl": use an https URL (http only for 127.0.0.1/localhost)'] });
    expect(c.describe('plain').accountsUrl).toBeUndefined();
    expect(c.describe('garbled').problems).toEqual(['"accountsUrl": \'accounts dot zoho\' is not a URL']);
    expect(c.describe('token').problems).toEqual(['"apiDomain": use an https URL (http only for 127.0.0.1/localhost)']);
    expect(c.describe('dc').problems).toEqual(['"dataCenter": unknown data centre \'mars\'']);
    expect(c.describe('local')).toMatchObject({ accountsUrl: 'http://127.0.0.1:9', problems: [] });
  });

  it("describes the accounts URL as the connection reads it, the token store's key (list found no token under another form)", () => {
    const env = { ZOHO_CLIENT_ID: '1000.ID', ZOHO_CLIENT_SECRET: 's', ZOHO_REFRESH_TOKEN: 'r' };
    for (const [written, read] of [['HTTP://LOCALHOST:4010/', 'http://localhost:4010'], ['https://accounts.zoho.eu:443', 'https://accounts.zoho.eu']]) {
      const c = parse({ connections: { k: { ...CRM, accountsUrl: written } } }, env);
      expect(c.describe('k').accountsUrl, written).toBe(read);
      expect(c.resolve('k')).toMatchObject({ accountsUrl: read });
    }
  });
});

describe('finding the connections file', () => {
  const write = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, JSON.stringify({ connections: { here: { type: 'bearer', token: path } } }));
  };

  it('uses the nearest deluge.connections.json from the current folder up', () => {
    write(join(dir, 'deluge.connections.json'));
    write(join(dir, 'a', 'deluge.connections.json'));
    mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
    expect(findConnectionsFile({ cwd: join(dir, 'a', 'b', 'c'), env: {} })).toBe(join(dir, 'a', 'deluge.connections.json'));
    expect(loadConnections({ cwd: join(dir, 'a', 'b'), env: {} }).resolve('here')).toMatchObject({ token: join(dir, 'a', 'deluge.connections.json') });
  });

  it('--connections FILE wins over $DELUGE_CONNECTIONS, which wins over the search; both relative to the current folder', () => {
    write(join(dir, 'deluge.connections.json'));
    write(join(dir, 'from-env.json'));
    write(join(dir, 'from-flag.json'));
    const env = { DELUGE_CONNECTIONS: 'from-env.json' };
    expect(findConnectionsFile({ cwd: dir, env })).toBe(join(dir, 'from-env.json'));
    expect(findConnectionsFile({ cwd: dir, env, file: 'from-flag.json' })).toBe(join(dir, 'from-flag.json'));
  });

  it('a named file that does not exist is DLG0001, saying where the name came from', () => {
    expect(error(() => findConnectionsFile({ cwd: dir, env: {}, file: 'nope.json' }))).toMatchObject({ code: 'DLG0001', message: "cannot read 'nope.json' (--connections): no such file" });
    expect(error(() => findConnectionsFile({ cwd: dir, env: { DELUGE_CONNECTIONS: 'gone.json' } }))).toMatchObject({ code: 'DLG0001', message: "cannot read 'gone.json' ($DELUGE_CONNECTIONS): no such file" });
  });

  it('with no file anywhere, every connection is unknown (DLG0005) with a hint', () => {
    const c = loadConnections({ cwd: dir, env: {} });
    // A tmp folder has no connections file above it unless the machine has one in / or /tmp.
    if (c.path !== undefined) return;
    expect(c.names).toEqual([]);
    const e = error(() => c.resolve('crm_oauth_connection'));
    expect(e.code).toBe('DLG0005');
    expect(e.message).toContain('--connections FILE or set $DELUGE_CONNECTIONS');
    expect(e.message).toContain('`deluge run --sandbox` answers them from the built-in CRM sandbox');
  });
});

describe('sandboxConnections', () => {
  it('gives Zoho connections and unknown names the sandbox client; keeps non-Zoho ones; keeps tokens in memory', () => {
    const base = parse({ connections: { crm: CRM, stripe: { type: 'bearer', token: 'sk' } } }, {});
    const sandbox = sandboxConnections(base, { url: 'http://127.0.0.1:4010/', clientId: 'sid', clientSecret: 'ssecret', refreshToken: 'srt' });
    const expected = { type: 'zoho-oauth', accountsUrl: 'http://127.0.0.1:4010', clientId: 'sid', clientSecret: 'ssecret', refreshToken: 'srt' };
    expect(sandbox.resolve('crm')).toEqual({ ...expected, name: 'crm', dataCenter: 'eu' });
    expect(sandbox.resolve('crm_oauth_connection')).toEqual({ ...expected, name: 'crm_oauth_connection', dataCenter: 'us' });
    expect(sandbox.resolve('stripe')).toEqual({ type: 'bearer', name: 'stripe', token: 'sk' });
    expect(sandbox.tokenStorePath).toBeUndefined();
  });
});

describe('data centres', () => {
  it('maps each data centre to its accounts server and API domain (Canada on zohocloud.ca)', () => {
    expect(Object.fromEntries(Object.values(DATA_CENTRES).map((d) => [d.id, [d.accountsHost, d.apiDomain]]))).toEqual({
      us: ['accounts.zoho.com', 'https://www.zohoapis.com'],
      eu: ['accounts.zoho.eu', 'https://www.zohoapis.eu'],
      in: ['accounts.zoho.in', 'https://www.zohoapis.in'],
      au: ['accounts.zoho.com.au', 'https://www.zohoapis.com.au'],
      jp: ['accounts.zoho.jp', 'https://www.zohoapis.jp'],
      cn: ['accounts.zoho.com.cn', 'https://www.zohoapis.com.cn'],
      ca: ['accounts.zohocloud.ca', 'https://www.zohoapis.ca'],
      sa: ['accounts.zoho.sa', 'https://www.zohoapis.sa'],
      uk: ['accounts.zoho.uk', 'https://www.zohoapis.uk'],
    });
    expect(accountsUrl('ca')).toBe('https://accounts.zohocloud.ca');
  });

  it('recognises every Zoho API and accounts host, and nothing else', () => {
    for (const host of ['www.zohoapis.com', 'sandbox.zohoapis.eu', 'developer.zohoapis.in', 'content.zohoapis.com.au', 'WWW.ZOHOAPIS.JP', 'www.zohoapis.com.cn:443', 'www.zohoapis.ca', 'zohoapis.sa', 'www.zohoapis.com.']) {
      expect(isZohoApiHost(host), host).toBe(true);
    }
    for (const host of ['zohoapis.com.evil.io', 'evilzohoapis.com', 'www.zoho.com', 'accounts.zoho.com', 'api.stripe.com', '127.0.0.1']) {
      expect(isZohoApiHost(host), host).toBe(false);
    }
    for (const host of ['accounts.zoho.com', 'accounts.zoho.eu', 'accounts.zohocloud.ca', 'Accounts.Zoho.Com.Au', 'accounts.zoho.uk']) {
      expect(isZohoAccountsHost(host), host).toBe(true);
    }
    for (const host of ['accounts.zoho.ca', 'accounts.zoho.com.evil.io', 'www.zohoapis.com']) expect(isZohoAccountsHost(host), host).toBe(false);
    for (const host of ['www.zohoapis.com', 'desk.zoho.com', 'books.zoho.eu', 'creator.zohocloud.ca', 'Projects.Zoho.Com.Au', 'zoho.in']) expect(isZohoHost(host), host).toBe(true);
    for (const host of ['zoho.com.evil.io', 'notzoho.com', 'sheets.googleapis.com', 'zohocloud.com']) expect(isZohoHost(host), host).toBe(false);
  });

  it('tells the data centre of a host', () => {
    expect(dataCentreOf('www.zohoapis.com')).toBe('us');
    expect(dataCentreOf('www.zohoapis.com.au')).toBe('au');
    expect(dataCentreOf('content.zohoapis.com.cn')).toBe('cn');
    expect(dataCentreOf('accounts.zohocloud.ca')).toBe('ca');
    expect(dataCentreOf('sandbox.zohoapis.ca')).toBe('ca');
    expect(dataCentreOf('api.stripe.com')).toBeUndefined();
  });
});

describe('deluge connections', () => {
  const CLIENT_ID = '1000.CLIENTIDFORTHECLI00000XYZW';
  const SECRET = 'cli-client-secret-value';
  const RT = '1000.cli.refresh.token';
  const STRIPE = 'sk_live_cli_stripe_key';
  let server: Server;
  let url = '';
  let minted = 0;
  let codes = new Set<string>();
  let refreshTokens = new Set<string>();
  /** The `expires_in` of the fake server's tokens. */
  let expiresIn: unknown = 3600;
  /** Every access token the fake server gave: none may appear in any output. */
  const accessTokens: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8').on('data', (c: string) => (text += c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const form = new URLSearchParams(text);
        const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (u.pathname === '/oauth/v2/token/revoke') return refreshTokens.delete(u.searchParams.get('token') ?? '') ? send(200, { status: 'success' }) : send(400, { error: 'invalid_token' });
        if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== SECRET) return send(200, { error: 'invalid_client' });
        let refresh: string | undefined;
        if (form.get('grant_type') === 'authorization_code') {
          if (!codes.delete(form.get('code') ?? '')) return send(200, { error: 'invalid_code' });
          refresh = `1000.cli.stored.${minted}`;
          refreshTokens.add(refresh);
        } else if (!refreshTokens.has(form.get('refresh_token') ?? '')) {
          return send(200, { error: 'invalid_code' });
        }
        const access = `1000.cli.access.${++minted}`;
        accessTokens.push(access);
        return send(200, { access_token: access, ...(refresh ? { refresh_token: refresh } : {}), api_domain: 'https://www.zohoapis.eu', token_type: 'Bearer', expires_in: expiresIn });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    codes = new Set(['GRANT-1']);
    refreshTokens = new Set([RT]);
    expiresIn = 3600;
    writeFileSync(
      join(dir, 'deluge.connections.json'),
      JSON.stringify({
        connections: {
          crm: { type: 'zoho-oauth', dataCenter: 'eu', clientId: '${ZOHO_CLIENT_ID}', clientSecret: '${ZOHO_CLIENT_SECRET}', refreshToken: '${ZOHO_REFRESH_TOKEN}', accountsUrl: url },
          added: { type: 'zoho-oauth', dataCenter: 'eu', clientId: '${ZOHO_CLIENT_ID}', clientSecret: '${ZOHO_CLIENT_SECRET}', accountsUrl: url },
          stripe: { type: 'bearer', token: '${STRIPE_KEY}' },
        },
        tokenStore: './tokens.json',
      }),
    );
  });

  const ENV_OK = { ZOHO_CLIENT_ID: CLIENT_ID, ZOHO_CLIENT_SECRET: SECRET, ZOHO_REFRESH_TOKEN: RT, STRIPE_KEY: STRIPE };
  const T = Date.parse('2026-11-28T09:00:00Z');

  /** Runs `deluge connections …` in-process, in `dir`, and checks that no secret reached any output. */
  async function deluge(args: string[], env: NodeJS.ProcessEnv = ENV_OK) {
    let stdout = '';
    let stderr = '';
    const command = makeConnectionsCommand({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: () => dir, now: () => T });
    process.exitCode = undefined;
    await yargs(args)
      .command(command)
      .strict()
      .exitProcess(false)
      .fail((message, e) => {
        throw e ?? new Error(message);
      })
      .parseAsync();
    const code = process.exitCode ?? 0;
    process.exitCode = undefined;
    for (const secret of [SECRET, RT, STRIPE, CLIENT_ID, ...accessTokens, ...refreshTokens]) {
      expect(stdout + stderr, `a secret in the output of ${args.join(' ')}`).not.toContain(secret);
    }
    return { code, stdout, stderr };
  }

  it('list: type, data centre, masked client id and token state; never a secret', async () => {
    const r = await deluge(['connections', 'list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Connections from ${join(dir, 'deluge.connections.json')}; tokens cached in ${join(dir, 'tokens.json')}`);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+DC\s+CLIENT ID\s+TOKEN$/);
    expect(lines[1]).toMatch(/^crm\s+zoho-oauth\s+eu\s+1000\.\*\*\*\*XYZW\s+none cached; refresh token from the file$/);
    expect(lines[2]).toMatch(/^added\s+zoho-oauth\s+eu\s+1000\.\*\*\*\*XYZW\s+none cached; no refresh token$/);
    expect(lines[3]).toMatch(/^stripe\s+bearer\s+-\s+-\s+static$/);
    expect(lines[4]).toBe("! added: no refresh token: run 'deluge connections add added --grant-code CODE'");
  });

  it('list names a header name or value that a request would refuse, as test does', async () => {
    writeFileSync(
      join(dir, 'deluge.connections.json'),
      JSON.stringify({
        connections: {
          mailer: { type: 'header', header: 'X Api Key', value: 'v' },
          stripe: { type: 'bearer', token: '${STRIPE_KEY}' },
          legacy: { type: 'basic', username: 'bot\u2019s', password: 'p' },
          token: { type: 'zoho-token', accessToken: '${STRIPE_KEY}' },
        },
      }),
    );
    const r = await deluge(['connections', 'list'], { STRIPE_KEY: `${STRIPE}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((line) => line.startsWith('!'))).toEqual([
      `! mailer: "header": 'X Api Key' is not a valid header name`,
      '! stripe: "token": contains a line break: a header value is one line',
      '! legacy: "username": contains a character an HTTP header cannot carry (only Latin-1)',
      '! token: "accessToken": contains a line break: a header value is one line',
    ]);
    for (const name of ['mailer', 'stripe', 'legacy', 'token']) {
      expect((await deluge(['connections', 'test', name], { STRIPE_KEY: `${STRIPE}\n` })).code, name).toBe(2);
    }
  });

  it('list --json, also with variables unset', async () => {
    await deluge(['connections', 'test', 'crm']);
    const r = await deluge(['connections', 'list', '--json'], { ZOHO_CLIENT_ID: CLIENT_ID });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.file).toBe(join(dir, 'deluge.connections.json'));
    expect(doc.connections[0]).toEqual({
      name: 'crm',
      type: 'zoho-oauth',
      dataCenter: 'eu',
      clientId: '1000.****XYZW',
      refreshToken: 'file',
      token: { expiresAt: '2026-11-28T10:00:00Z', expired: false, apiDomain: 'https://www.zohoapis.eu' },
      problems: ['"clientSecret": the environment variable ZOHO_CLIENT_SECRET is not set', '"refreshToken": the environment variable ZOHO_REFRESH_TOKEN is not set'],
    });
    expect(doc.connections[2]).toEqual({ name: 'stripe', type: 'bearer', dataCenter: null, clientId: null, refreshToken: null, token: null, problems: ['"token": the environment variable STRIPE_KEY is not set'] });
  });

  it('test gets a new token each time (a cached one proves nothing) and names the api_domain; refresh forces a new one', async () => {
    const first = await deluge(['connections', 'test', 'crm']);
    expect(first).toMatchObject({ code: 0, stdout: 'crm: OK, new access token valid until 2026-11-28T10:00:00Z; api_domain https://www.zohoapis.eu\n' });
    const mintedBefore = minted;
    expect(await deluge(['connections', 'test', 'crm'])).toMatchObject({ code: 0, stdout: 'crm: OK, new access token valid until 2026-11-28T10:00:00Z; api_domain https://www.zohoapis.eu\n' });
    expect(minted).toBe(mintedBefore + 1);
    const refreshed = await deluge(['connections', 'refresh', 'crm']);
    expect(refreshed).toMatchObject({ code: 0, stdout: 'crm: new access token valid until 2026-11-28T10:00:00Z; api_domain https://www.zohoapis.eu\n' });
    expect((await deluge(['connections', 'test', 'stripe'])).stdout).toBe('stripe: bearer connection ready (Authorization: Bearer ****); nothing to fetch until a request uses it\n');
  });

  it('add exchanges a grant code and stores the refresh token; revoke revokes and forgets it', async () => {
    const added = await deluge(['connections', 'add', 'added', '--grant-code', 'GRANT-1']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`added: refresh token stored in ${join(dir, 'tokens.json')}`);
    expect(JSON.parse((await deluge(['connections', 'list', '--json'])).stdout).connections[1]).toMatchObject({ refreshToken: 'store', problems: [] });
    expect((await deluge(['connections', 'test', 'added'])).code).toBe(0);

    const revoked = await deluge(['connections', 'revoke', 'added']);
    expect(revoked).toMatchObject({ code: 0, stdout: 'added: refresh token revoked (its access tokens end with it); cached tokens forgotten\n' });
    expect(refreshTokens.size).toBe(1);
    expect(JSON.parse((await deluge(['connections', 'list', '--json'])).stdout).connections[1]).toMatchObject({ refreshToken: null, token: null });
  });

  it('an absurd expires_in is taken as an hour: the store stays readable and every command works', async () => {
    expiresIn = 1e20;
    expect(await deluge(['connections', 'refresh', 'crm'])).toMatchObject({ code: 0, stdout: 'crm: new access token valid until 2026-11-28T10:00:00Z; api_domain https://www.zohoapis.eu\n' });
    expect(JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8')).tokens[0].expiresAt).toBe(T + 3600_000);
    for (const args of [['list'], ['list', '--json'], ['test', 'crm'], ['refresh', 'crm']]) expect((await deluge(['connections', ...args])).code, args.join(' ')).toBe(0);
  });

  it('a stored token whose expiry is not a time is fetched again; list shows none cached', async () => {
    for (const expiresAt of [1e23, 'tomorrow']) {
      const entry = { connection: 'crm', clientId: CLIENT_ID, accountsUrl: url, accessToken: '1000.cli.access.old', expiresAt, obtainedAt: T };
      writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ version: 1, tokens: [entry] }));
      const listed = await deluge(['connections', 'list']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^crm\s+zoho-oauth\s+eu\s+\S+\s+none cached; refresh token from the file$/m);
      expect((await deluge(['connections', 'list', '--json'])).code).toBe(0);
      expect(await deluge(['connections', 'test', 'crm'])).toMatchObject({ code: 0, stdout: expect.stringContaining('crm: OK, new access token valid until 2026-11-28T10:00:00Z') });
    }
  });

  it('test fails while a token is still cached when the refresh token was revoked or the client secret is wrong', async () => {
    expect((await deluge(['connections', 'test', 'crm'])).code).toBe(0);
    // Revoked elsewhere (the API console, another machine): its access tokens, the cached one too, no longer work.
    refreshTokens.delete(RT);
    const revoked = await deluge(['connections', 'test', 'crm']);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(/^deluge: error\[DLG0007\] connection "crm": the refresh token was refused \(invalid_code\)/);
    refreshTokens.add(RT);
    expect((await deluge(['connections', 'test', 'crm'])).code).toBe(0);
    const wrongSecret = await deluge(['connections', 'test', 'crm'], { ...ENV_OK, ZOHO_CLIENT_SECRET: 'not-the-secret' });
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr).toContain('error[DLG0007]');
  });

  it('a zoho-oauth connection with no refresh token anywhere: DLG0006 at the connection in the file, with a code frame', async () => {
    const mintedBefore = minted;
    const r = await deluge(['connections', 'test', 'added']);
    expect(r.code).toBe(2);
    const column = readFileSync(join(dir, 'deluge.connections.json'), 'utf8').indexOf('"added"') + 1;
    expect(r.stderr).toMatch(new RegExp(`^${join(dir, 'deluge.connections.json').replace(/[.\\/]/g, '\\$&')}:1:${column}: error\\[DLG0006\\] connection "added", setting "refreshToken" is missing: set it`));
    expect(r.stderr).toMatch(/\n1 \| .*"added":\{"type":"zoho-oauth".*\n  \| +\^{7}\n$/);
    expect(minted).toBe(mintedBefore);
  });

  it('add over a stored refresh token says that it replaced it, and that Zoho still accepts the old one', async () => {
    codes.add('GRANT-2');
    const first = await deluge(['connections', 'add', 'added', '--grant-code', 'GRANT-1']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const second = await deluge(['connections', 'add', 'added', '--grant-code', 'GRANT-2']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(
      `note: this replaced the refresh token stored for "added" before, which Zoho still accepts until it is revoked (to revoke it too, run 'deluge connections revoke added' before adding a code)\n`,
    );
    // The replaced token is indeed still live at the accounts server.
    expect(refreshTokens.size).toBe(3);
  });

  it('a refresh token stored for another client id or accounts server is named, not just called missing', async () => {
    await deluge(['connections', 'add', 'added', '--grant-code', 'GRANT-1']);
    const otherClient = await deluge(['connections', 'test', 'added'], { ...ENV_OK, ZOHO_CLIENT_ID: '1000.ANOTHERCLIENTID0000000ABCD' });
    expect(otherClient.code).toBe(2);
    expect(otherClient.stderr).toContain(
      `error[DLG0006] connection "added", setting "refreshToken" is missing: set it (e.g. "\${ZOHO_REFRESH_TOKEN}"), or store one with 'deluge connections add added --grant-code CODE'; the token store has one for "added" from another client (1000.****XYZW, not 1000.****ABCD): a refresh token works only with the client it was made for\n`,
    );
    const file = join(dir, 'deluge.connections.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"accountsUrl":"${url}"},"stripe"`, `"accountsUrl":"http://localhost:1"},"stripe"`));
    const otherServer = await deluge(['connections', 'test', 'added']);
    expect(otherServer.code).toBe(2);
    expect(otherServer.stderr).toContain(`; the token store has one for "added" from another accounts server (${url}, not http://localhost:1): a refresh token works only with the accounts server (data centre) it was made at\n`);
  });

  it('a reused grant code exits 1 with DLG0007 and says why', async () => {
    await deluge(['connections', 'add', 'added', '--grant-code', 'GRANT-1']);
    const r = await deluge(['connections', 'add', 'added', '--grant-code', 'GRANT-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^deluge: error\[DLG0007\] connection "added": the grant code was refused \(invalid_code\)/);
  });

  it('exit codes: 2 for configuration errors, 1 when Zoho refuses', async () => {
    const unknown = await deluge(['connections', 'test', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error[DLG0005]');
    const unset = await deluge(['connections', 'test', 'crm'], { ...ENV_OK, ZOHO_CLIENT_SECRET: undefined });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('error[DLG0006]');
    expect(unset.stderr).toContain('connection "crm", setting "clientSecret": the environment variable ZOHO_CLIENT_SECRET is not set');
    const wrongClient = await deluge(['connections', 'test', 'crm'], { ...ENV_OK, ZOHO_CLIENT_ID: '1000.SOMEONEELSE0000' });
    expect(wrongClient.code).toBe(1);
    expect(wrongClient.stderr).toContain('error[DLG0007]');
    expect(wrongClient.stderr).toContain('invalid_client');
    const notOauth = await deluge(['connections', 'refresh', 'stripe']);
    expect(notOauth.code).toBe(2);
    const emptyCode = await deluge(['connections', 'add', 'added', '--grant-code', ' ']);
    expect(emptyCode).toMatchObject({ code: 2, stderr: expect.stringContaining('error[DLG0002] --grant-code needs the code') });
    const missingFile = await deluge(['connections', 'list', '--connections', 'missing.json']);
    expect(missingFile).toMatchObject({ code: 2, stderr: "deluge: error[DLG0001] cannot read 'missing.json' (--connections): no such file\n" });
  });

  it('masks client ids', () => {
    expect(maskClientId('1000.GMB0YULZHJK411248S8I5GZ4CHUEX0')).toBe('1000.****UEX0');
    expect(maskClientId('abcdefghijkl')).toBe('****ijkl');
    expect(maskClientId('short')).toBe('****');
  });
});
