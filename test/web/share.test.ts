/** The playground's shareable links: the state survives the fragment (its secrets left out), and a broken fragment is no state. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { importCurl } from '../../src/importers/curl.js';
import { base64url, decodeState, DEFAULT_CONNECTION, encodeState, fromBase64url, MAX_STATE_BYTES, withoutSecrets, type PlaygroundState } from '../../web/src/share.js';
import { credentialsIn, curlInputs, readInputFile } from '../importers/curl-cases.js';

const pasted = 'Copiedresponse = invokeurl\n[\\\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=1&wf_trigger=true"\\\n];\ninfo "é €😀 ‘quotes’";\n';

describe('shareable state', () => {
  test('a state comes back from its fragment: text byte for byte, tabs, line ends and non-ASCII included', async () => {
    const state: PlaygroundState = { mode: 'deluge', text: `${pasted}\r\nlast`, tab: 'typescript', shell: 'powershell', connection: DEFAULT_CONNECTION };
    const { fragment } = await encodeState(state);
    expect(fragment).toMatch(/^z=[A-Za-z0-9_-]+$/);
    expect(await decodeState(`#${fragment}`)).toEqual(state);
  });

  test('curl mode keeps its connection; defaults are left out of the link', async () => {
    const state: PlaygroundState = { mode: 'curl', text: "curl -X DELETE 'https://x.example/a'", tab: 'curl', shell: 'posix', connection: 'crm' };
    expect(await decodeState((await encodeState(state)).fragment)).toEqual(state);
    const plain = await decodeState(`j=${base64url(new TextEncoder().encode(JSON.stringify({ m: 'deluge', t: 'x = 1;' })))}`);
    expect(plain).toEqual({ mode: 'deluge', text: 'x = 1;', tab: 'curl', shell: 'posix', connection: DEFAULT_CONNECTION });
  });

  test('a long script makes a short link (deflate)', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `info "line ${i}";`).join('\n');
    const { fragment } = await encodeState({ mode: 'deluge', text, tab: 'curl', shell: 'posix', connection: DEFAULT_CONNECTION });
    expect(fragment.length).toBeLessThan(text.length / 4);
  });

  test.each([
    ['', 'no fragment'],
    ['#section-2', 'an anchor'],
    ['#z=%%%', 'not base64url'],
    ['#z=AAAA', 'not deflate'],
    [`#j=${base64url(new TextEncoder().encode('{"m":"python","t":"x"}'))}`, 'an unknown mode'],
    [`#j=${base64url(new TextEncoder().encode('[1,2]'))}`, 'not an object'],
    [`#j=${base64url(Uint8Array.of(0xff, 0xfe))}`, 'not UTF-8'],
  ])('%s (%s) holds no state', async (fragment) => {
    expect(await decodeState(fragment)).toBeUndefined();
  });

  test('a link that inflates past MAX_STATE_BYTES holds no state (a 68 KB link inflating to 50 MB held the page for 28 s before it showed anything)', async () => {
    const huge = new TextEncoder().encode(JSON.stringify({ m: 'deluge', t: `// ${'a'.repeat(50 * 1024 * 1024)}` }));
    const link = `z=${base64url(deflateRawSync(huge, { level: 9 }))}`;
    expect(link.length).toBeLessThan(100 * 1024);
    expect(await decodeState(link)).toBeUndefined();
    // Just under the limit, a state is read.
    const fits = new TextEncoder().encode(JSON.stringify({ m: 'deluge', t: `// ${'a'.repeat(MAX_STATE_BYTES - 100)}` }));
    expect((await decodeState(`z=${base64url(deflateRawSync(fits))}`))?.text.length).toBe(MAX_STATE_BYTES - 100 + 3);
  });

  test('base64url round-trips every length of bytes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      const text = base64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect([...fromBase64url(text)]).toEqual([...bytes]);
    }
  });
});

describe('the secrets of the text are left out of the link', () => {
  const token = '1000.2f1c4e0a9b8d7c6e5f4a.3b2c1d0e9f8a7b6c5d4e';

  test('a curl command: each credential is **** in the link, counted; its quotes and the rest stay', () => {
    const command = `curl 'https://www.zohoapis.com/crm/v7/Leads' -H 'Authorization: Zoho-oauthtoken ${token}' -H "X-Api-Key: k3y-v4lue" -u 'bot:pa55-word' -b 'sid=s3ss10n; theme=dark' -d 'client_secret=abc123def&grant_type=refresh_token'`;
    expect(withoutSecrets(command, 'curl')).toEqual({
      text: `curl 'https://www.zohoapis.com/crm/v7/Leads' -H 'Authorization: Zoho-oauthtoken ****' -H "X-Api-Key: ****" -u '****' -b '**** ****' -d 'client_secret=****&grant_type=refresh_token'`,
      secrets: 5,
    });
  });

  test('a Deluge script: a Bearer token in a headers map, an API key, a client secret, a zapikey in a URL', () => {
    const script = [
      'headers = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.Zx9Kq7"};',
      'headers.put("X-Api-Key", "k3y-0f1e2d3c4b5a");',
      'params = {"client_secret": "a1b2c3d4e5", "grant_type": "refresh_token"};',
      'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/functions/f/actions/execute?auth_type=apikey&zapikey=1003.abcdef0123456789" type: GET headers: headers ];',
    ].join('\n');
    expect(withoutSecrets(script, 'deluge')).toEqual({
      text: [
        'headers = {"Authorization": "Bearer ****"};',
        'headers.put("X-Api-Key", "****");',
        'params = {"client_secret": "****", "grant_type": "refresh_token"};',
        'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/functions/f/actions/execute?auth_type=apikey&zapikey=****" type: GET headers: headers ];',
      ].join('\n'),
      secrets: 4,
    });
  });

  test('a text without secrets, or with the placeholders only, goes into the link as it is', () => {
    const texts = ['info "Basic information";\nm = {"token_count": "1200", "key": "Lead_Status"};\nr = invokeurl [ url: "https://x.example/?code=US" type: GET ];', ''];
    for (const text of texts) expect(withoutSecrets(text, 'deluge')).toEqual({ text, secrets: 0 });
    const placeholders = "curl -H 'Authorization: Zoho-oauthtoken ****' -H 'X-Api-Key: ****' https://x.example/";
    for (const mode of ['curl', 'deluge'] as const) expect(withoutSecrets(placeholders, mode)).toEqual({ text: placeholders, secrets: 0 });
  });

  const inputs = curlInputs().map((input) => ({ input, secrets: credentialsIn(input.command) }));

  test.each(inputs.filter((c) => c.secrets.length > 0).map((c) => [c.input.name, c] as const))('%s: no credential in the link, and the command still reads', (_name, { input, secrets }) => {
    const shared = withoutSecrets(input.command, 'curl');
    for (const secret of secrets) expect(shared.text, `the link holds ${secret}`).not.toContain(secret);
    expect(shared.secrets).toBeGreaterThan(0);
    expect(importCurl(shared.text, { readFile: readInputFile }).value === '').toBe(importCurl(input.command, { readFile: readInputFile }).value === '');
  });

  test('a curl command pasted in Deluge mode has its secrets left out all the same', () => {
    const command = `curl 'https://x.example/a' -H 'X-Api-Key: k3y-v4lue' -u 'bot:pa55-word'`;
    expect(withoutSecrets(command, 'deluge')).toEqual({ text: `curl 'https://x.example/a' -H 'X-Api-Key: ****' -u '****'`, secrets: 2 });
  });

  test('the fragment holds the text with the placeholders, and says how many secrets it left out', async () => {
    const text = `curl -X DELETE 'https://x.example/a' -H 'Authorization: Zoho-oauthtoken ${token}'`;
    const state: PlaygroundState = { mode: 'curl', text, tab: 'curl', shell: 'posix', connection: DEFAULT_CONNECTION };
    const link = await encodeState(state);
    expect(link.secretsLeftOut).toBe(1);
    expect(await decodeState(link.fragment)).toEqual({ ...state, text: text.replace(token, '****') });
  });
});
