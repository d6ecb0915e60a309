import type { Agent, Dispatcher, EnvHttpProxyAgent } from 'undici';

/**
 * The parts of undici the runner sends with, loaded when a command first sends a request rather than at start-up (it
 * was an eighth of every command's start-up, `deluge --version` included). Not undici's index: that loads fetch,
 * WebSocket, caches and cookies too, and the cookies module reads `globalThis.Headers`, which makes Node load its own
 * copy of undici. Measured bundled: 86–115 ms for the index against 36–54 ms for these parts.
 */
export interface UndiciParts {
  readonly Agent: typeof Agent;
  readonly EnvHttpProxyAgent: typeof EnvHttpProxyAgent;
  /** `Dispatcher.request` (undici's index puts it on every dispatcher's prototype): `request.call(dispatcher, options)`. */
  readonly request: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
}

let loading: Promise<UndiciParts> | undefined;

export function loadUndici(): Promise<UndiciParts> {
  return (loading ??= Promise.all([
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/dispatcher/env-http-proxy-agent.js'),
    import('undici/lib/api/api-request.js'),
  ]).then(([agent, proxyAgent, request]) => ({ Agent: agent.default, EnvHttpProxyAgent: proxyAgent.default, request: request.default })));
}
