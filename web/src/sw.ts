/**
 * The playground's service worker: it keeps the page's few files (listed at build time) so that the page opens
 * without a network once it has been loaded. The page itself is asked from the network first (so a new version
 * shows as soon as it is deployed) and from the cache when the network fails; the other files have content hashes
 * in their names, so the cache answers them. A new build has a new cache name; the old cache is deleted.
 */

// Set by scripts/build-playground.mjs.
declare const __PLAYGROUND_VERSION__: string;
declare const __PLAYGROUND_FILES__: readonly string[];

// The worker's own types (lib "webworker" cannot be mixed with the page's "dom" in one program): what is used.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly registration: { readonly scope: string };
}

const worker = self as unknown as WorkerScope;
const PREFIX = 'deluge-playground-';
const CACHE = `${PREFIX}${__PLAYGROUND_VERSION__}`;
const PAGE = new URL('./', worker.registration.scope).href;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the HTTP cache, so a new version never caches an old file.
      await cache.addAll(__PLAYGROUND_FILES__.map((file) => new Request(new URL(file, PAGE), { cache: 'reload' })));
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== new URL(PAGE).origin) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : file(request));
});

async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const cache = await caches.open(CACHE);
    return (await cache.match(PAGE)) ?? Response.error();
  }
}

async function file(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreSearch: true })) ?? fetch(request);
}

export {};
