// Preloaded (`node --import`) into the emitted programs the execute-and-compare test runs: requests to hosts that
// are not the sandbox's (a script's own third-party API) are answered from the same stubs `deluge run` is given, so
// nothing reaches the network; each is reported on stderr as `[stubbed] METHOD URL` and counted by the test.
const stubs = JSON.parse(process.env.DELUGE_TEST_STUBS ?? '[]');
const sandbox = new URL(process.env.DELUGE_TEST_SANDBOX ?? 'http://127.0.0.1');
const realFetch = globalThis.fetch;

const globMatches = (pattern, url) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(url);

globalThis.fetch = async (input, init = {}) => {
  const url = new URL(String(input));
  if (url.host === sandbox.host) return realFetch(input, init);
  const method = (init.method ?? 'GET').toUpperCase();
  process.stderr.write(`[stubbed] ${method} ${url.href}\n`);
  const stub = stubs.find((s) => s.url && (!s.method || s.method.toUpperCase() === method) && globMatches(s.url, url.href));
  if (!stub) throw new TypeError(`fetch failed: ${url.host} is not the sandbox and no stub answers it`);
  const text = typeof stub.response === 'string' ? stub.response : JSON.stringify(stub.response ?? {});
  const type = typeof stub.response === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=UTF-8';
  return new Response(text, { status: stub.status ?? 200, headers: { 'content-type': type, ...stub.headers } });
};
