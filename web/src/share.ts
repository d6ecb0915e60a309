/**
 * The playground's state in the URL fragment, so that a link shows what its sender saw. The fragment never reaches a
 * server (the page is static), so a pasted script stays between the two browsers. Its secrets do not go into it
 * ({@link withoutSecrets}): a link is kept in the address bar, the history and every chat it is pasted into.
 *
 * `#z=<base64url>`: the state as JSON, UTF-8, compressed with deflate-raw (CompressionStream, in every current browser
 * and Node ≥ 20). `#j=<base64url>`: the same JSON uncompressed, written where CompressionStream is missing and read
 * everywhere.
 */
import { MASK, maskCredentialsKeepingColumns } from '../../src/http/redact.js';
import { maskSecrets } from '../../src/importers/curl.js';
import { isCurlCommand } from '../../src/syntax/parse.js';

export type Mode = 'deluge' | 'curl';
export type Tab = 'curl' | 'typescript' | 'format';
export type ShellName = 'posix' | 'bash' | 'powershell' | 'cmd';

export const MODES: readonly Mode[] = ['deluge', 'curl'];
export const TABS: readonly Tab[] = ['curl', 'typescript', 'format'];
export const SHELL_NAMES: readonly ShellName[] = ['posix', 'bash', 'powershell', 'cmd'];

export interface PlaygroundState {
  /** `deluge`: Deluge in, curl / TypeScript / formatted Deluge out. `curl`: a curl command in, Deluge out. */
  readonly mode: Mode;
  /** The editor's text. */
  readonly text: string;
  /** The output tab shown in `deluge` mode. */
  readonly tab: Tab;
  /** The shell the curl tab writes for. */
  readonly shell: ShellName;
  /** `curl` mode: the connection that replaces a Zoho token. */
  readonly connection: string;
}

export const DEFAULT_CONNECTION = 'zoho_oauth_connection';

/** What is written: short keys, and only what differs from the defaults besides mode and text. */
interface Wire {
  m: Mode;
  t: string;
  tab?: Tab;
  sh?: ShellName;
  c?: string;
}

/**
 * The longest link a browser opens: Chromium's limit on a URL (2 MB, url::kMaxURLChars). A longer one is written to
 * the address bar and copied all the same, but opening it fails (net::ERR_ABORTED).
 */
export const MAX_LINK_LENGTH = 2 * 1024 * 1024;

/** A state as a link's fragment (without its `#`), and how many secrets of its text the link leaves out. */
export interface Link {
  readonly fragment: string;
  readonly secretsLeftOut: number;
}

export async function encodeState(state: PlaygroundState): Promise<Link> {
  const { text, secrets } = withoutSecrets(state.text, state.mode);
  const wire: Wire = { m: state.mode, t: text };
  if (state.tab !== 'curl') wire.tab = state.tab;
  if (state.shell !== 'posix') wire.sh = state.shell;
  if (state.connection !== DEFAULT_CONNECTION) wire.c = state.connection;
  const json = new TextEncoder().encode(JSON.stringify(wire));
  const fragment = typeof CompressionStream === 'function' ? `z=${base64url(await pipe(json, new CompressionStream('deflate-raw')))}` : `j=${base64url(json)}`;
  return { fragment, secretsLeftOut: secrets };
}

/**
 * The text with each secret in it replaced by {@link MASK} (`****`), and how many there were: what the toolkit masks
 * in the code frames of a script (a scheme's token, a Zoho token, a credential field or map entry) and, in a curl
 * command (`curl` mode, or pasted in `deluge` mode: DLG2016), what the importer reads as one (Authorization, API-key
 * and cookie headers, `-u`, `-b`, …). Quotes, escapes and white space in a secret stay: the text reads as before.
 */
export function withoutSecrets(text: string, mode: Mode): { text: string; secrets: number } {
  const masked = maskCredentialsKeepingColumns(mode === 'curl' || isCurlCommand(text) ? maskSecrets(text) : text);
  // Both keep every character's place, `*` for those of a secret.
  if (masked.length !== text.length) throw new Error('a secret masking changed the length of the text');
  const kept = /[\s'"`^\\]/;
  let out = '';
  let secrets = 0;
  let lastEnd = -1;
  for (let i = 0; i < text.length; ) {
    if (masked[i] !== '*' || kept.test(text[i]!)) {
      out += text[i++];
      continue;
    }
    // A run of `*` holding a masked character; a `*` of the text itself alone is no secret.
    let end = i;
    let changed = false;
    for (; end < text.length && masked[end] === '*' && !kept.test(text[end]!); end++) if (text[end] !== '*') changed = true;
    if (!changed) {
      out += text.slice(i, end);
    } else {
      out += MASK;
      // Parts of one secret split by a kept quote or space (a cookie's `a=1; b=2`) count once.
      if (lastEnd < 0 || !/^[ \t'"`^\\]+$/.test(text.slice(lastEnd, i))) secrets++;
      lastEnd = end;
    }
    i = end;
  }
  return { text: out, secrets };
}

/** The state a fragment (with or without its `#`) holds; undefined when it holds none or cannot be read. */
export async function decodeState(fragment: string): Promise<PlaygroundState | undefined> {
  const match = /^#?([zj])=([A-Za-z0-9_-]*)$/.exec(fragment.trim());
  if (!match) return undefined;
  try {
    let bytes = fromBase64url(match[2]!);
    if (match[1] === 'z') {
      const inflated = await inflateAtMost(bytes, MAX_STATE_BYTES);
      if (inflated === undefined) return undefined;
      bytes = inflated;
    } else if (bytes.length > MAX_STATE_BYTES) return undefined;
    return fromWire(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown);
  } catch {
    return undefined;
  }
}

function fromWire(value: unknown): PlaygroundState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const wire = value as Record<string, unknown>;
  if (!MODES.includes(wire.m as Mode) || typeof wire.t !== 'string') return undefined;
  return {
    mode: wire.m as Mode,
    text: wire.t,
    tab: TABS.includes(wire.tab as Tab) ? (wire.tab as Tab) : 'curl',
    shell: SHELL_NAMES.includes(wire.sh as ShellName) ? (wire.sh as ShellName) : 'posix',
    connection: typeof wire.c === 'string' && wire.c.trim() !== '' ? wire.c : DEFAULT_CONNECTION,
  };
}

/**
 * The most a link's state may hold once inflated: 5 MB, ten times the largest script a link was seen to carry. A 68 KB
 * link inflating to a 50 MB comment held the page for half a minute before it showed anything.
 */
export const MAX_STATE_BYTES = 5 * 1024 * 1024;

/** `bytes` inflated (deflate-raw), or undefined once they pass `limit` bytes: the rest is never inflated. */
async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array | undefined> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url without padding (RFC 4648 §5): safe in a fragment as it is. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

export function fromBase64url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error('not base64url');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base64url');
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
