import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * `mkdir -p`: the folder and the missing ones above it, each created on its own. Node's `{ recursive: true }` is not
 * used: where creating a folder fails with ENOENT although its parent exists (under /proc), it tries again forever at
 * full CPU (`deluge sandbox --data /proc/x/data.json` never exited on SIGTERM); here the error is thrown.
 */
export function makeFolders(path: string, mode?: number): void {
  const missing: string[] = [];
  for (let folder = resolve(path); !existsSync(folder); folder = dirname(folder)) {
    missing.push(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (error) {
      // Made meanwhile by another process: what was wanted.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Writes `text` to `path` through a new temporary file in the same folder and a rename, so readers see the old file or
 * the new one, never half of one; the folder is made when missing. The file gets `mode` (exactly: not reduced by the
 * umask) and `owner` when given. When anything fails, the temporary file is removed and the error thrown as it came.
 */
export function writeFileAtomically(path: string, text: string, options: AtomicWriteOptions = {}): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    makeFolders(dirname(path), options.folderMode);
    // Made new (`wx`), and with the mode from the start: a private file is never readable by others, even briefly.
    writeFileSync(tmp, text, { flag: 'wx', ...(options.mode !== undefined ? { mode: options.mode } : {}) });
    if (options.mode !== undefined) chmodSync(tmp, options.mode);
    if (options.owner) chownSync(tmp, options.owner.uid, options.owner.gid);
    renameSync(tmp, path);
  } catch (error) {
    removeQuietly(tmp);
    throw error;
  }
}

export interface AtomicWriteOptions {
  readonly mode?: number;
  /** The mode of folders made for it. */
  readonly folderMode?: number;
  readonly owner?: { readonly uid: number; readonly gid: number };
}

/** Removes a file if it is there; where it cannot be (its folder could not be made), there is nothing to remove. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was made there.
  }
}

/** Why a file operation failed, in words with the system's code: `permission denied (EACCES)`. */
export function failureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words = code === undefined ? undefined : REASONS[code];
  return words ? `${words} (${code})` : (code ?? 'error');
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many symbolic links (a loop?)',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
};
