import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../src/sandbox/index.js';

const BIN = fileURLToPath(new URL('../../bin/deluge.js', import.meta.url));

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
