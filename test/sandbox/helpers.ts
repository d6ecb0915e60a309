/**
 * A sandbox on 127.0.0.1 (port 0) with an injected clock, sleep and random source, and small undici clients for
 * its API and admin routes. Tests never wait on real time: `sleep` advances the clock instead.
 */
import { request } from 'undici';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

export const SAMPLE_IDS = ['410405000002264040', '410405000002264025'] as const;

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body as JSON (undefined when empty). */
  readonly json: any;
}

export interface TestSandbox {
  readonly sandbox: Sandbox;
  /** Milliseconds since the epoch, as the sandbox sees them; set or advance freely. */
  clock: number;
  /** What `random()` answers next. */
  randomValue: number;
  /** Every delay the sandbox asked `sleep` for. */
  readonly slept: number[];
  /** A records API or accounts call; `token` (default: the startup token; null: no Authorization header). */
  api(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  /** A token with these scopes (and user) from the admin API. */
  token(scopes: string[], extra?: { user?: string; expiresIn?: number }): Promise<string>;
  close(): Promise<void>;
}

export const START = Date.UTC(2025, 2, 3, 9, 0, 0);

export async function testSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const t: Omit<TestSandbox, 'sandbox'> & { sandbox?: Sandbox } = {
    clock: START,
    randomValue: 0.5,
    slept: [],
    api: (method, path, o = {}) => {
      const token = o.token === undefined ? t.sandbox!.accessToken : o.token;
      const headers: Record<string, string> = { ...(token !== null ? { authorization: `Zoho-oauthtoken ${token}` } : {}), ...o.headers };
      return call(method, `${t.sandbox!.url}${path}`, headers, o.body);
    },
    admin: (method, path, body) => call(method, `${t.sandbox!.url}/__sandbox/${path}`, {}, body),
    token: async (scopes, extra = {}) => {
      const answer = await t.admin('POST', 'tokens', { scopes, ...extra });
      if (answer.status !== 201) throw new Error(`token: ${answer.text}`);
      return answer.json.access_token as string;
    },
    close: () => t.sandbox!.close(),
  };
  t.sandbox = await startSandbox({
    now: () => t.clock,
    sleep: async (ms) => {
      t.slept.push(ms);
      t.clock += ms;
    },
    random: () => t.randomValue,
    ...options,
  });
  return t as TestSandbox;
}

async function call(method: string, url: string, headers: Record<string, string>, body: unknown): Promise<Answer> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await request(url, { method: method as 'GET', headers, ...(text !== undefined ? { body: text } : {}) });
  const answer = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text: answer, json: answer === '' ? undefined : JSON.parse(answer) };
}

/** Zoho's whole-request error object. */
export function zohoError(code: string, message: string, details: Record<string, unknown> = {}) {
  return { code, details, message, status: 'error' };
}

/** One per-record outcome. */
export function recordOutcome(code: string, message: string, id: string) {
  return { code, details: { id }, message, status: code === 'SUCCESS' ? 'success' : 'error' };
}
