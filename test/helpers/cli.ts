import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/deluge.js', import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real bundled `deluge` binary (built by test/global-setup.ts) in `cwd`, without colour. Every run is
 * checked for stack traces and internal errors, whatever else the test looks at.
 */
export function runDeluge(cwd: string, args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env['FORCE_COLOR'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        for (const text of [stdout, stderr]) {
          expect(text, `stack trace in the output of deluge ${args.join(' ')}`).not.toMatch(/^\s+at .*(:\d+:\d+\)?|\(native\))$/m);
          expect(text, `internal error in the output of deluge ${args.join(' ')}`).not.toMatch(/internal error/);
        }
        resolve({ code, stdout, stderr });
      } catch (error) {
        // Reject rather than throw from the callback, so the failing test ends now instead of at its timeout.
        reject(error);
      }
    });
    child.stdin.end(stdin);
  });
}
