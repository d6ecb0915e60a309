/** The playground's shareable links: the state survives the fragment, and a broken fragment is no state. */
import { describe, expect, test } from 'vitest';
import { base64url, decodeState, DEFAULT_CONNECTION, encodeState, fromBase64url, type PlaygroundState } from '../../web/src/share.js';

const pasted = 'Copiedresponse = invokeurl\n[\\\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=1&wf_trigger=true"\\\n];\ninfo "é €😀 ‘quotes’";\n';

describe('shareable state', () => {
  test('a state comes back from its fragment: text byte for byte, tabs, line ends and non-ASCII included', async () => {
    const state: PlaygroundState = { mode: 'deluge', text: `${pasted}\r\nlast`, tab: 'typescript', shell: 'powershell', connection: DEFAULT_CONNECTION };
    const fragment = await encodeState(state);
    expect(fragment).toMatch(/^z=[A-Za-z0-9_-]+$/);
    expect(await decodeState(`#${fragment}`)).toEqual(state);
  });

  test('curl mode keeps its connection; defaults are left out of the link', async () => {
    const state: PlaygroundState = { mode: 'curl', text: "curl -X DELETE 'https://x.example/a'", tab: 'curl', shell: 'posix', connection: 'crm' };
    expect(await decodeState(await encodeState(state))).toEqual(state);
    const plain = await decodeState(`j=${base64url(new TextEncoder().encode(JSON.stringify({ m: 'deluge', t: 'x = 1;' })))}`);
    expect(plain).toEqual({ mode: 'deluge', text: 'x = 1;', tab: 'curl', shell: 'posix', connection: DEFAULT_CONNECTION });
  });

  test('a long script makes a short link (deflate)', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `info "line ${i}";`).join('\n');
    const fragment = await encodeState({ mode: 'deluge', text, tab: 'curl', shell: 'posix', connection: DEFAULT_CONNECTION });
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

  test('base64url round-trips every length of bytes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      const text = base64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect([...fromBase64url(text)]).toEqual([...bytes]);
    }
  });
});
