/**
 * The token cache: access tokens reused across runs (Zoho mints at most 10 per refresh token per 10 minutes)
 * and refresh tokens obtained with `deluge connections add --grant-code`. One JSON file, mode 0600 in a 0700
 * folder, rewritten whole through a temporary file and a rename, so a reader never sees half a file and a crash
 * never leaves one. Each change re-reads the file and writes it while holding a lock file beside it, so runs that
 * share the store (parallel CI jobs, `connections add` for several connections at once) keep each other's entries.
 */
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { failureReason, makeFolders, removeQuietly, writeFileAtomically } from '../file-system.js';
import { DelugeConfigError } from './connections.js';

/** Tokens belong to one connection, one client and one data centre's accounts server. */
export interface TokenKey {
  readonly connection: string;
  readonly clientId: string;
  readonly accountsUrl: string;
}

export interface TokenFields {
  readonly accessToken?: string;
  /** Epoch milliseconds. */
  readonly expiresAt?: number;
  /** When the access token was obtained (epoch ms): its lifetime bounds the refresh margin. */
  readonly obtainedAt?: number;
  /** The `api_domain` the token response named. */
  readonly apiDomain?: string;
  readonly refreshToken?: string;
  readonly scope?: string;
  /**
   * A fingerprint (not the token) of the refresh token the access token was obtained with: a connection whose
   * refresh token has changed since (a new grant, other scopes) is not given the older access token.
   */
  readonly grantedBy?: string;
}

export type StoredToken = TokenKey & TokenFields;

/** The format this code reads and writes. */
const STORE_VERSION = 1;

interface StoreFile {
  readonly version: typeof STORE_VERSION;
  readonly tokens: readonly StoredToken[];
}

export class TokenStore {
  private memory: readonly StoredToken[] = [];

  private constructor(
    /** Undefined: kept in memory only (the sandbox's throwaway tokens, tests). */
    readonly path: string | undefined,
  ) {}

  static file(path: string): TokenStore {
    return new TokenStore(path);
  }

  static memory(): TokenStore {
    return new TokenStore(undefined);
  }

  get(key: TokenKey): StoredToken | undefined {
    return this.read().find((t) => sameKey(t, key));
  }

  list(): readonly StoredToken[] {
    return this.read();
  }

  /** Sets the given fields (an `undefined` field is removed) and returns the entry as stored. */
  update(key: TokenKey, fields: { readonly [K in keyof TokenFields]?: TokenFields[K] | undefined }): StoredToken {
    return this.locked(() => this.updateUnlocked(key, fields));
  }

  private updateUnlocked(key: TokenKey, fields: { readonly [K in keyof TokenFields]?: TokenFields[K] | undefined }): StoredToken {
    const tokens = this.read();
    const before = tokens.find((t) => sameKey(t, key));
    const merged: Record<string, unknown> = { ...(before ?? { connection: key.connection, clientId: key.clientId, accountsUrl: key.accountsUrl }) };
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) delete merged[name];
      else merged[name] = value;
    }
    const entry = merged as unknown as StoredToken;
    this.write([...tokens.filter((t) => !sameKey(t, key)), entry]);
    return entry;
  }

  /** Forgets a connection's tokens; true when there were any. */
  delete(key: TokenKey): boolean {
    // Nothing to forget: no lock (nor folder) is made for it.
    if (!this.read().some((t) => sameKey(t, key))) return false;
    return this.locked(() => {
      const tokens = this.read();
      const kept = tokens.filter((t) => !sameKey(t, key));
      if (kept.length === tokens.length) return false;
      this.write(kept);
      return true;
    });
  }

  /**
   * Throws DLG0003 when the store could not be written (its folder cannot be made, its lock file cannot be created),
   * and DLG0006 when it is damaged or of a later version (it could not be written over either): asked before a token
   * request, so a store that cannot keep the token does not cost one of Zoho's few token requests per run (10 per
   * refresh token in 10 minutes) only to fail after it.
   */
  checkWritable(): void {
    this.locked(() => this.read());
  }

  /**
   * Runs a read-modify-write with the store's lock held: a file created exclusively beside the store (`O_EXCL`, which
   * only one process can win), waited for while another run holds it, and taken over when older than
   * {@link STALE_LOCK_MS} (its run died holding it). Without it, two runs reading the same old file each wrote their
   * own entry over the other's.
   */
  private locked<T>(change: () => T): T {
    if (this.path === undefined) return change();
    const lock = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        makeFolders(dirname(this.path), 0o700);
        closeSync(openSync(lock, 'wx', 0o600));
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw new DelugeConfigError('DLG0003', `cannot write the token store '${this.path}': ${failureReason(error)} (creating its lock file)`);
        if (lockAge(lock) > STALE_LOCK_MS) removeQuietly(lock);
        else if (Date.now() > deadline) throw new DelugeConfigError('DLG0003', `the token store '${this.path}' stayed locked by another run for ${LOCK_WAIT_MS / 1000} s (its lock file is '${lock}')`);
        else sleepSync(LOCK_RETRY_MS);
      }
    }
    try {
      return change();
    } finally {
      removeQuietly(lock);
    }
  }

  private read(): readonly StoredToken[] {
    if (this.path === undefined) return this.memory;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw new DelugeConfigError('DLG0001', `cannot read the token store '${this.path}': ${failureReason(error)}`);
    }
    return parseStore(this.path, text);
  }

  private write(tokens: readonly StoredToken[]): void {
    if (this.path === undefined) {
      this.memory = tokens;
      return;
    }
    const file: StoreFile = { version: STORE_VERSION, tokens };
    writePrivateFile(this.path, `${JSON.stringify(file, null, 2)}\n`);
  }
}

/** How long a run waits for another's lock, how often it looks again, and when a lock is taken to be abandoned. */
const LOCK_WAIT_MS = 10_000;
const LOCK_RETRY_MS = 10;
const STALE_LOCK_MS = 30_000;

/** Milliseconds since the lock file was made (0 when it has just gone: look again at once). */
function lockAge(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}

/** A short wait in synchronous code (the store's methods are synchronous; a lock is held for a millisecond or so). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function sameKey(a: TokenKey, b: TokenKey): boolean {
  return a.connection === b.connection && a.clientId === b.clientId && a.accountsUrl === b.accountsUrl;
}

function parseStore(path: string, text: string): readonly StoredToken[] {
  const corrupt = (): never => {
    throw new DelugeConfigError('DLG0006', `the token store '${path}' is damaged: delete it to start over (refresh tokens added with 'deluge connections add' must then be added again)`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return corrupt();
  }
  const version: unknown = (parsed as { version?: unknown } | null)?.version;
  // A later format is neither read (its entries may mean something else) nor written over (its entries would be lost).
  if (typeof version === 'number' && Number.isInteger(version) && version > STORE_VERSION) {
    throw new DelugeConfigError(
      'DLG0006',
      `the token store '${path}' is version ${version}, written by a newer deluge-kit; this one reads version ${STORE_VERSION} only and leaves it unchanged: upgrade deluge-kit, or set another "tokenStore"`,
    );
  }
  const tokens = (parsed as Partial<StoreFile> | null)?.tokens;
  if ((version !== undefined && version !== STORE_VERSION) || !Array.isArray(tokens)) return corrupt();
  return tokens
    .filter((t): t is StoredToken => typeof t === 'object' && t !== null && typeof t.connection === 'string' && typeof t.clientId === 'string' && typeof t.accountsUrl === 'string')
    .map(usableFields);
}

/** The latest instant a Date can hold (ms): a larger `expiresAt` cannot be shown, compared sensibly or written back. */
const MAX_DATE_MS = 8.64e15;

/**
 * An entry without the fields it cannot use: a field of the wrong type is dropped, and an access token whose
 * `expiresAt` (or `obtainedAt`) is not a time is dropped with them, so that it is fetched again rather than crash
 * every command that reads the store. The next change writes the entry back without them.
 */
function usableFields(entry: StoredToken): StoredToken {
  const time = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_DATE_MS;
  const kept: Record<string, unknown> = { ...entry };
  for (const name of ['accessToken', 'apiDomain', 'refreshToken', 'scope', 'grantedBy'] as const) if (name in kept && typeof kept[name] !== 'string') delete kept[name];
  if (('obtainedAt' in kept && !time(kept['obtainedAt'])) || ('expiresAt' in kept && !time(kept['expiresAt'])) || typeof kept['accessToken'] !== 'string') {
    delete kept['accessToken'];
    delete kept['expiresAt'];
    delete kept['obtainedAt'];
  }
  return kept as unknown as StoredToken;
}

/** Writes `text` readable by the owner only: a new 0600 file in the same folder, renamed over the old one. */
function writePrivateFile(path: string, text: string): void {
  try {
    writeFileAtomically(path, text, { mode: 0o600, folderMode: 0o700 });
  } catch (error) {
    throw new DelugeConfigError('DLG0003', `cannot write the token store '${path}': ${failureReason(error)}`);
  }
}
