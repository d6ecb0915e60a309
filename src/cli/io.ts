import { chmodSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeFolders } from '../file-system.js';
import type { Argv } from 'yargs';
import type { DelugeConfigError } from '../http/connections.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';

/**
 * A user error that ends a command with exit code 2 and a message; never a stack trace. With a `location` (a setting
 * in a file), it is printed as `file:line:col` with a code frame.
 */
export class UsageError extends Error {
  constructor(
    readonly code: 'DLG0001' | 'DLG0002' | 'DLG0003' | 'DLG0004' | 'DLG0005' | 'DLG0006' | 'DLG0007',
    message: string,
    readonly location?: { readonly file: SourceFile; readonly span: Span },
  ) {
    super(message);
  }
}

export interface Input {
  /** As given on the command line; `<stdin>` for `-`. */
  readonly path: string;
  readonly text: string;
}

/** How `-` (standard input) travels through yargs, which would drop a lone '-'. */
export const STDIN_ARGUMENT = '<stdin>';

export function readInput(path: string, stdin: () => string = readStdin): Input {
  if (path === '-' || path === STDIN_ARGUMENT) return { path: '<stdin>', text: stdin() };
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError('DLG0001', `cannot read '${path}': ${reason}`);
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** Writes via a temporary file in the same folder and a rename, so readers never see half a file. */
export function writeFileAtomic(path: string, text: string): void {
  // A symbolic link is written through (its target gets the text, the link stays a link), and a file that exists
  // keeps its permissions (`fmt --write` must not make a 0600 file world-readable, nor drop an executable bit).
  let target = path;
  let mode: number | undefined;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch {
    // A new file: the umask decides, as for any file created.
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    makeFolders(dirname(target));
    writeFileSync(tmp, text);
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (error) {
    throw new UsageError('DLG0003', `cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * Colour only on a TTY, unless NO_COLOR or FORCE_COLOR say otherwise: FORCE_COLOR=0 or false turns it off, as in
 * Node's own `hasColors()`; any other value turns it on.
 */
export function useColour(stream: NodeJS.WriteStream): boolean {
  if (process.env['NO_COLOR']) return false;
  const forced = process.env['FORCE_COLOR'];
  if (forced === '0' || forced === 'false') return false;
  if (forced !== undefined) return true;
  return stream.isTTY === true;
}

/** A problem with the connections file as a usage error (exit 2): an unreadable file DLG0001, any other DLG0006. */
export function connectionsFileError(error: DelugeConfigError): UsageError {
  // With a location, the file:line:col in front of the message names the file.
  const path = error.location?.file.path;
  const message = path !== undefined && error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message;
  return new UsageError(error.code === 'DLG0001' ? 'DLG0001' : 'DLG0006', message, error.location);
}

/** `--config FILE` of every command that reads deluge.config.json (cli.md: "`--config FILE` overrides"). */
export const CONFIG_OPTION = { type: 'string', requiresArg: true, describe: 'settings file (default: deluge.config.json found upwards)' } as const;

/**
 * cli.md: "`--json` / `--format json` print one JSON document". Commands with a `--json` flag take `--format json`
 * (and `--format text`) as the same thing; commands with a `--format` choice take `--json` as `--format json`.
 */
export function withJsonFlag<T>(y: Argv<T>, has: 'json' | 'format'): Argv<T> {
  if (has === 'json') {
    return y
      .option('format', { requiresArg: true, choices: ['text', 'json'] as const, describe: '`json`: the same as --json' })
      .middleware((argv: Record<string, unknown>) => {
        if (argv['format'] === 'json') argv['json'] = true;
      }) as unknown as Argv<T>;
  }
  return y
    .option('json', { type: 'boolean', describe: 'the same as --format json (it wins over another --format)' })
    .middleware((argv: Record<string, unknown>) => {
      if (argv['json']) argv['format'] = 'json';
    }) as unknown as Argv<T>;
}

/** The `--docs` flag of every command that parses Deluge. */
export const DOCS_OPTION = {
  type: 'boolean',
  describe: "text copied from Zoho's docs pages (auto-detected when omitted)",
} as const;
