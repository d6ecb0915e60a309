/**
 * `deluge sandbox` as a child process: one JSON line on stdout (url, port, startup credentials), logs on stderr,
 * a clean stop on SIGTERM that saves `--data` atomically. Flag checks run in-process.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import yargs from 'yargs';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxCommand } from '../../src/cli/commands/sandbox.js';
import { UsageError } from '../../src/cli/io.js';
import { SAMPLE_IDS } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/sandbox-cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'deluge-sandbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly firstLine: string;
  output(): { stdout: string; stderr: string };
}

function runSandbox(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, 'sandbox', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing: ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      if (stdout.includes('\n')) resolve({ child, firstLine: stdout.slice(0, stdout.indexOf('\n')), output: () => ({ stdout, stderr }) });
    });
  });
}

describe('deluge sandbox', () => {
  it('prints one JSON line, serves the API, and on SIGTERM stops cleanly and saves --data', async () => {
    const data = join(dir, 'data.json');
    const running = await runSandbox(['--port', '0', '--data', data]);
    const started = JSON.parse(running.firstLine);
    expect(Object.keys(started)).toStrictEqual(['url', 'port', 'accessToken', 'refreshToken', 'clientId', 'clientSecret']);
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);

    const res = await request(`${started.url}/crm/v7/Leads?ids=${SAMPLE_IDS.join(',')}&wf_trigger=true`, {
      method: 'DELETE',
      headers: { authorization: `Zoho-oauthtoken ${started.accessToken}` },
    });
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as { data: unknown[] }).data).toHaveLength(2);

    const exit = new Promise<number | null>((resolve) => running.child.on('close', resolve));
    running.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const { stdout, stderr } = running.output();
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`DELETE /crm/v7/Leads?ids=${SAMPLE_IDS.join(',')}&wf_trigger=true → 200`);
    expect(stderr).not.toContain(started.accessToken);
    const saved = JSON.parse(readFileSync(data, 'utf8'));
    expect(saved.records.Leads.filter((r: { deleted: boolean }) => r.deleted).map((r: { id: string }) => r.id)).toStrictEqual([...SAMPLE_IDS]);
    expect(readdirSync(dir)).toStrictEqual(['data.json']);
  }, 20_000);

  it('starts with the faults given by --latency, --fail-rate and --rate-limit (written N/s, as cli.md has it)', async () => {
    const running = await runSandbox(['--port', '0', '--rate-limit', '0.001/s', '--fail-rate', '0', '--latency', '1']);
    const { url } = JSON.parse(running.firstLine);
    const faults = await request(`${url}/__sandbox/faults`);
    expect(await faults.body.json()).toMatchObject({ latencyMs: 1, failRate: 0, rateLimitPerSecond: 0.001 });
    const exit = new Promise<number | null>((resolve) => running.child.on('close', resolve));
    running.child.kill('SIGINT');
    expect(await exit).toBe(0);
  }, 20_000);

  it('on SIGTERM exits at once, though a request is still in its --latency', async () => {
    // It used to exit only when that wait was over: with --latency 600000, ten minutes after Ctrl-C.
    const running = await runSandbox(['--port', '0', '--latency', '600000']);
    const { url, accessToken } = JSON.parse(running.firstLine);
    const waiting = request(`${url}/crm/v7/Leads`, { headers: { authorization: `Zoho-oauthtoken ${accessToken}` } }).catch(() => 'dropped');
    const received = async (): Promise<void> => {
      const log = (await (await request(`${url}/__sandbox/requests`)).body.json()) as unknown[];
      if (log.length === 0) return received();
    };
    await received();
    const exit = new Promise<number | null>((resolve) => running.child.on('close', resolve));
    running.child.kill('SIGTERM');
    const tooLate = new Promise<string>((resolve) => setTimeout(() => resolve('still running 10 s after SIGTERM'), 10_000).unref());
    try {
      expect(await Promise.race([exit, tooLate])).toBe(0);
      expect(await waiting).toBe('dropped');
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
  }, 20_000);

  it('refuses bad flag values with a usage error', async () => {
    const parse = (args: string[]) =>
      yargs(['sandbox', ...args])
        .command(sandboxCommand)
        .exitProcess(false)
        .fail((message, error) => {
          throw error ?? new Error(message);
        })
        .parseAsync();
    for (const args of [['--port', '70000'], ['--fail-rate', '2'], ['--latency', '-5'], ['--rate-limit', '0'], ['--rate-limit', 'fast'], ['--rate-limit', '5/min']]) {
      await expect(parse(args), args.join(' ')).rejects.toThrow(UsageError);
    }
  });
});
