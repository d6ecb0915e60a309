import type { Agent, Dispatcher, EnvHttpProxyAgent } from 'undici';

/**
 * The parts of undici the runner sends with, loaded when a command first sends a request rather than at start-up (it
 * was an eighth of every command's start-up, `deluge --version` included). Not undici's index: that loads fetch,
 * WebSocket, caches and cookies too, and the cookies module reads `globalThis.Headers`, which makes Node load its own
 * copy of undici. Measured bundled: 86–115 ms for the index against 36–54 ms for these parts.
 */
export interface UndiciParts {
  readonly Dispatcher: typeof Dispatcher;
  readonly Agent: typeof Agent;
  readonly EnvHttpProxyAgent: typeof EnvHttpProxyAgent;
}

let loading: Promise<UndiciParts> | undefined;

export function loadUndici(): Promise<UndiciParts> {
  return (loading ??= partsOrIndex(loadParts));
}

/**
 * The parts `load` gives, or undici's index when it fails. (The bundled CLI finds the parts at build time. The library
 * imports them from the user's undici 7, which could move them in a later release: then it loads the index, as before.)
 */
export function partsOrIndex(load: () => Promise<UndiciParts>): Promise<UndiciParts> {
  return load().catch(loadIndex);
}

function loadParts(): Promise<UndiciParts> {
  return Promise.all([
    import('undici/lib/dispatcher/dispatcher.js'),
    import('undici/lib/api/index.js'),
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/dispatcher/env-http-proxy-agent.js'),
  ]).then(([dispatcher, api, agent, proxyAgent]) => {
    // What the index does as it loads: the API methods (`request`, `connect`, …) on every dispatcher's prototype. The
    // token requests call `request`; a proxy agent opens its tunnels with `connect`.
    Object.assign(dispatcher.default.prototype, api.default);
    return { Dispatcher: dispatcher.default, Agent: agent.default, EnvHttpProxyAgent: proxyAgent.default };
  });
}

async function loadIndex(): Promise<UndiciParts> {
  const loaded = await import('undici');
  // Bundled, a dynamically imported CommonJS module gives its exports as `default` only; Node's loader gives both.
  const undici = (loaded as { default?: typeof import('undici') }).default ?? loaded;
  return { Dispatcher: undici.Dispatcher, Agent: undici.Agent, EnvHttpProxyAgent: undici.EnvHttpProxyAgent };
}
