import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadUndici, partsOrIndex, type UndiciParts } from '../../src/http/load-undici.js';
import { startConnectProxy } from '../helpers/servers.js';

// This file imports nothing that loads undici's index: the first test sees the dispatcher modules as `loadUndici`
// leaves them, not with the API methods the index would have added to their prototype as it loaded.

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

/** A GET through an Agent of `parts`, and one through its EnvHttpProxyAgent and a CONNECT proxy. */
async function sendWith(parts: UndiciParts): Promise<{ direct: number; proxied: number; tunnels: readonly string[] }> {
  const server = createServer((_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const proxy = await startConnectProxy();
  const agent = new parts.Agent();
  const proxyAgent = new parts.EnvHttpProxyAgent({ httpProxy: proxy.url, noProxy: '' });
  // (Last in, first closed: the agents before the proxy and the server.)
  cleanups.push(() => proxy.close(), () => agent.close(), () => proxyAgent.close());
  const direct = await agent.request({ origin, path: '/a', method: 'GET' });
  await direct.body.dump();
  const proxied = await proxyAgent.request({ origin, path: '/b', method: 'GET' });
  await proxied.body.dump();
  return { direct: direct.statusCode, proxied: proxied.statusCode, tunnels: proxy.tunnels };
}

const THROUGH_THE_PROXY = { direct: 200, proxied: 200, tunnels: [expect.stringMatching(/^127\.0\.0\.1:\d+$/)] };

describe('loading undici', () => {
  it("its dispatcher modules, with the API methods its index puts on them (a proxy agent's tunnels need `connect`)", async () => {
    expect(await sendWith(await loadUndici())).toEqual(THROUGH_THE_PROXY);
  });

  it('its index, when those modules cannot be loaded (a later undici 7 that moved them)', async () => {
    const parts = await partsOrIndex(() => Promise.reject(new Error("Cannot find module 'undici/lib/dispatcher/agent.js'")));
    expect(await sendWith(parts)).toEqual(THROUGH_THE_PROXY);
  });
});
