import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
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

/**
 * {@link writeFileAtomically} for a file the user named, which may exist: a symbolic link is written through (its
 * target gets the text, the link stays a link), and a file that exists keeps its permissions (`fmt --write` must not
 * make a 0600 file world-readable, nor drop an executable bit). A read-only file is not replaced (a rename needs only
 * the folder's permission), and one replaced keeps its owner when root can give it back. Errors are thrown as they
 * came (EACCES for a read-only file).
 */
export function replaceFileAtomically(path: string, text: string): void {
  let target = path;
  let existing: Stats | undefined;
  try {
    existing = statSync(path);
    target = realpathSync(path);
  } catch {
    // A new file: the umask decides, as for any file created. (/dev/stdout on a pipe has no real path.)
  }
  // Not a file (/dev/stdout, a named pipe, `-o >(reviewdog …)`): written as it is, where a rename would have put a
  // file in the pipe's place (its reader never got the text) or failed (no temporary file in /dev).
  if (existing && !existing.isFile()) {
    writeFileSync(path, text);
    return;
  }
  if (existing) {
    accessSync(target, constants.W_OK);
    // Root may write anything: a file no one may write (mode 444) is read-only on purpose all the same.
    if ((existing.mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
  }
  const owner = existing && process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0) ? { uid: existing.uid, gid: existing.gid } : undefined;
  writeFileAtomically(target, text, existing ? { mode: existing.mode & 0o7777, ...(owner ? { owner } : {}) } : {});
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
