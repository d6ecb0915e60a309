import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The `deluge` binary, as users run it. */
export const BIN = fileURLToPath(new URL('../../bin/deluge.js', import.meta.url));

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

/** A `deluge` process the test talks to while it runs (signals), with its output so far and its end. */
export interface RunningDeluge {
  readonly child: ReturnType<typeof spawn>;
  /** Resolves once `stream` has printed text matching `pattern`. */
  printed(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<void>;
  /** The exit: its code, or the signal that ended it. */
  readonly done: Promise<Run & { readonly signal: NodeJS.Signals | null }>;
}

export function spawnDeluge(cwd: string, args: string[]): RunningDeluge {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  const waiters: { stream: 'stdout' | 'stderr'; pattern: RegExp; resolve: () => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      if (w.pattern.test(output[w.stream])) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].setEncoding('utf8').on('data', (s: string) => {
      output[stream] += s;
      check();
    });
  }
  const done = new Promise<Run & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, ...output }));
  });
  return {
    child,
    printed: (stream, pattern) =>
      new Promise((resolve) => {
        waiters.push({ stream, pattern, resolve });
        check();
      }),
    done,
  };
}
