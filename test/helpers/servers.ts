import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Sandbox } from '../../src/sandbox/index.js';
import { BIN } from './cli.js';


/** What `deluge sandbox` prints on its one stdout line: the sandbox's URL and credentials. */
export type SandboxLine = Omit<Sandbox, 'close'>;

export interface SandboxProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly started: Promise<SandboxLine>;
  /** Everything the sandbox wrote on stderr so far (its request log). */
  stderr(): string;
}

/** `deluge sandbox --port 0` as a child process (the real binary), with its JSON line once it is listening. */
export function spawnSandbox(cwd: string): SandboxProcess {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0'], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let stdout = '';
  const started = new Promise<SandboxLine>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`deluge sandbox exited with ${code} before printing: ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as SandboxLine);
    });
  });
  return { child, started, stderr: () => stderr };
}

/** A loopback port nothing listens on: one a server had a moment ago. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** What a fake accounts server does with a token request: answer it (status and JSON body), or drop its connection. */
export type AccountsAnswer = { readonly status?: number; readonly json: unknown } | 'drop';

export interface AccountsServer {
  readonly url: string;
  /** The form of every `POST /oauth/v2/token` received so far. */
  readonly tokenRequests: URLSearchParams[];
  /** What the next token requests get (default: a one-hour token naming the server itself as `api_domain`). */
  answer(next: AccountsAnswer | ((url: string) => AccountsAnswer)): void;
  close(): Promise<void>;
}

/**
 * A Zoho accounts server on 127.0.0.1 that counts its token requests and answers them as told; every other path (an
 * API request sent to the `api_domain` it names) gets `{"data": []}`.
 */
export async function startAccountsServer(): Promise<AccountsServer> {
  const tokenRequests: URLSearchParams[] = [];
  let url = '';
  let next: AccountsAnswer | ((url: string) => AccountsAnswer) = (base) => ({ json: { access_token: 'ACCESS_1', api_domain: base, token_type: 'Bearer', expires_in: 3600 } });
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (s: string) => (body += s));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/oauth/v2/token')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
        return;
      }
      tokenRequests.push(new URLSearchParams(body));
      const answer = typeof next === 'function' ? next(url) : next;
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenRequests,
    answer: (a) => (next = a),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A CONNECT proxy (what undici's EnvHttpProxyAgent talks to), counting the tunnels it opens by target. Every tunnel
 * leads to this machine, whatever host it names: requests to this machine's own names go direct, never through a
 * proxy, so a test names a made-up host (`api.proxied.test`) for the proxy to take it to its server here.
 */
export interface ConnectProxy {
  readonly url: string;
  readonly tunnels: readonly string[];
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer();
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const port = /:(\d+)$/.exec(req.url ?? '')?.[1] ?? '';
    const upstream = connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(client).add(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
