import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { failureReason } from '../file-system.js';
import type { DelugeConfig } from './config.js';
import { STDIN_ARGUMENT, UsageError } from './io.js';

/**
 * The extensions of Deluge scripts: `.dg`, and `.deluge`, which public script repositories use as often (the
 * IntelliJ Deluge plugin registers both).
 */
export const SCRIPT_EXTENSIONS: readonly string[] = ['.dg', '.deluge'];

/** Whether a file name is a Deluge script's. */
export function isScriptName(name: string): boolean {
  return SCRIPT_EXTENSIONS.some((extension) => name.endsWith(extension));
}

/** What a folder argument stands for: the Deluge scripts under it, at any depth. */
export const SCRIPT_PATTERN = `**/*.{${SCRIPT_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`;

/** Never searched, as Ruff and ESLint skip them: dependencies (hidden folders such as `.git` are skipped too). */
const IGNORED = ['**/node_modules/**'];

/**
 * The files that the file arguments of `lint`, `check` and `fmt` name, in order, each once: a file as given (whatever
 * its extension), a folder as the `.dg` and `.deluge` files under it (sorted), a glob pattern (`"scripts/**\/*.dg"`, quoted so
 * that the shell leaves it alone, as in a CI step) as the files it matches (sorted), `-` as is (each time).
 * Hidden files and folders and `node_modules` are left out of the folders and patterns that contain them (named
 * themselves, they are searched), and so are the files of the settings' `ignore` patterns (relative to the settings
 * file's folder); a file named itself is always kept.
 * A folder or pattern that names no file is a usage error: in CI a mistyped path must not pass as "nothing to lint".
 * A path that does not exist is kept, for the command to report when it reads it; an empty argument is a usage error.
 */
export function expandFileArguments(args: readonly string[], cwd: string, config: DelugeConfig = {}): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    // By the file itself: a file reached through a symbolic link and by its own path is one file.
    const key = realPath(resolve(cwd, path));
    if (seen.has(key)) return;
    seen.add(key);
    files.push(path);
  };
  // The files the `ignore` patterns name, found once: a folder's or pattern's files are looked up in it.
  let ignored: Set<string> | undefined;
  const kept = (found: string[], base: string, arg: string): string[] => {
    if (!config.ignore?.length || !config.path) return found;
    ignored ??= new Set(globSync([...config.ignore], { cwd: dirname(resolve(config.path)), absolute: true, dot: true, onlyFiles: true, ignore: IGNORED }));
    const left = found.filter((path) => !ignored!.has(resolve(base, path)));
    if (left.length === 0) throw new UsageError('DLG0001', `every file of '${arg}' is ignored ("ignore" in ${config.path})`);
    return left;
  };
  for (const arg of args) {
    // Standard input named twice is listed twice (and read once), as before.
    if (arg === '-' || arg === STDIN_ARGUMENT) {
      files.push(arg);
      continue;
    }
    // An empty argument (an unset variable: `deluge fmt --write "$FILE"`) is no path: resolved, it would be the
    // working folder, and every script under it would be linted or rewritten.
    if (arg === '') throw new UsageError('DLG0001', "an empty file argument names no file (an unset variable?): give a file, a folder ('.' for this one) or a pattern");
    const where = resolve(cwd, arg);
    const stats = statOf(where);
    if (stats?.isDirectory()) {
      const found = search(SCRIPT_PATTERN, where);
      if (found.length === 0) throw new UsageError('DLG0001', `no .dg or .deluge files in '${arg}'`);
      for (const path of kept(found, where, arg)) add(join(arg, path));
    } else if (!stats && isDynamicPattern(arg)) {
      const found = search(arg, cwd, isAbsolute(arg));
      if (found.length === 0) throw new UsageError('DLG0001', `no files match '${arg}'`);
      for (const path of kept(found, cwd, arg)) add(path);
    } else add(arg);
  }
  return files;
}

function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The files matching `pattern` under `cwd`, relative to it (absolute for an absolute pattern), in a stable order (the
 * file system's is not).
 */
function search(pattern: string, cwd: string, absolute = false): string[] {
  // The pattern's leading folders without glob characters are gone to first, and the rest is searched there:
  // tinyglobby 0.2 searched a pattern that climbs out of `cwd` (`../**/*.dg`) wrongly, leaving out every file under
  // `cwd` and taking in node_modules, so CI passed on files never read.
  // (A folder with none of the glob characters, not one that is no pattern alone: `{scripts/a.dg,fns/b.dg}` splits
  // through its braces, and `{scripts` was taken for a folder.)
  const segments = pattern.split('/');
  let fixed = 0;
  while (fixed < segments.length - 1 && !/[*?[\]{}()!+@\\]/.test(segments[fixed]!)) fixed++;
  const prefix = segments.slice(0, fixed).join('/') || (pattern.startsWith('/') ? '/' : '');
  const rest = segments.slice(fixed).join('/');
  // A folder that cannot be read is said, not passed over (the walk would leave its scripts out without a word, and CI
  // pass on them). Symbolic links are not followed, as Prettier and Ruff do not: a link to a parent folder would take
  // in (and `fmt --write` rewrite) files outside the one named, and a link to the same folder list its files twice.
  const unreadable: { path: string; error: NodeJS.ErrnoException }[] = [];
  const readFolder = ((path: string, options: never) => {
    try {
      return readdirSync(path, options);
    } catch (error) {
      // (A pattern's leading folders that do not exist are no unread scripts: the pattern matches nothing.)
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') unreadable.push({ path, error: error as NodeJS.ErrnoException });
      throw error;
    }
  }) as typeof readdirSync;
  const found = globSync(rest, {
    cwd: resolve(cwd, prefix),
    ignore: IGNORED,
    dot: false,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: false,
    fs: { readdirSync: readFolder },
  });
  const [first] = unreadable;
  if (first) {
    const shown = relative(process.cwd(), first.path) || '.';
    const more = unreadable.length > 1 ? ` (and those of ${unreadable.length - 1} more)` : '';
    throw new UsageError('DLG0001', `cannot read the folder '${shown}': ${failureReason(first.error)}; its scripts would be left out${more}`);
  }
  const paths = found.map((path) => (absolute ? resolve(cwd, prefix, path) : prefix === '' ? path : join(prefix, path)));
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
