// Serves the built playground (web/dist, see scripts/build-playground.mjs) on localhost: a static file server for
// GET and HEAD, nothing else. `node scripts/serve-playground.mjs [--port 5173] [--host 127.0.0.1] [--dir web/dist]`.
// `npm run playground` builds first. The end-to-end tests import startPlaygroundServer() and listen on port 0.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

/** @type {Readonly<Record<string, string>>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts the server. `port` 0 picks a free port. Resolves once it listens.
 * @param {{ port?: number, host?: string, dir?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startPlaygroundServer(options = {}) {
  const root = resolve(options.dir ?? DEFAULT_DIR);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void answer(root, request, response);
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5173, host, () => resolveListen(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        // Keep-alive connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {string} root
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
async function answer(root, request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(root, `.${path}`);
  // Nothing outside the folder (`..`, encoded or not), no NUL bytes.
  if ((file !== root && !file.startsWith(root + sep)) || path.includes('\0')) {
    response.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found. Run `npm run playground`, which builds the page first.\n');
    return;
  }
  const name = file.slice(root.length + 1);
  // Hashed names never change content; the page and the service worker must be asked again each time.
  const immutable = /-[A-Z0-9]{8}\.(js|css)$/.test(name);
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

/** `--name value` or `--name=value` from the command line. @param {string} name @param {string} fallback */
function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const port = Number(option('port', '5173'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port: "${option('port', '')}" is not a port number`);
    process.exit(2);
  }
  try {
    const server = await startPlaygroundServer({ port, host: option('host', '127.0.0.1'), dir: option('dir', DEFAULT_DIR) });
    console.log(`Playground: ${server.url}  (Ctrl-C stops it)`);
    process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: pass another with --port N (0 picks a free one).` : String(error));
    process.exit(1);
  }
}
