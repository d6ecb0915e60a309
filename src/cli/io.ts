import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { failureReason, replaceFileAtomically } from '../file-system.js';
import type { Argv } from 'yargs';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic, shownMessage } from '../diagnostics/render.js';
import type { DelugeConfigError } from '../http/connections.js';
import { instantOf } from '../runtime/calendar.js';
import { SourceFile } from '../source/source-file.js';
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

/**
 * A usage error as the command line prints it on stderr (a newline ending each line): with its setting's place in a
 * file, else after `deluge:`; a DLG0002 with the hint to `--help`.
 */
export function usageErrorText(error: UsageError): string {
  const line = error.location
    ? renderDiagnostic(error.location.file, diagnostic(error.code, error.location.span, error.message))
    : `deluge: error[${error.code}] ${shownMessage(error.message)}`;
  return `${line}\n${error.code === 'DLG0002' ? "Run 'deluge --help' for usage.\n" : ''}`;
}

export interface Input {
  /** As given on the command line; `<stdin>` for `-`. */
  readonly path: string;
  readonly text: string;
}

/**
 * What happens when the reader of stdout goes away (`deluge lint … | head`, EPIPE) or stdout cannot be written
 * (`failure`: a full disk, ENOSPC): by default the process ends at once, with the exit code set so far (2, the failure
 * said, for a write that failed). `deluge run` takes it over while it runs: its requests must be accounted for.
 */
export const stdoutClosed: { handle: (failure?: string) => void } = {
  handle: (failure) => {
    if (failure === undefined) process.exit(process.exitCode ?? 0);
    process.stderr.write(stdoutFailedText(failure));
    process.exit(2);
  },
};

/** DLG0003 for standard output that cannot be written, `failure` saying why (a full disk). */
export function stdoutFailedText(failure: string): string {
  return `deluge: error[DLG0003] cannot write to standard output: ${failure}\n`;
}

/** Why a write to stdout failed, for {@link stdoutClosed}: undefined when its reader went away (EPIPE). */
export function stdoutFailure(error: NodeJS.ErrnoException | null | undefined): string | undefined {
  return error === null || error === undefined || error.code === 'EPIPE' ? undefined : failureReason(error);
}

/** How `-` (standard input) travels through yargs, which would drop a lone '-'. */
export const STDIN_ARGUMENT = '<stdin>';

export function readInput(path: string, stdin: () => string = readStdin): Input {
  if (path === '-' || path === STDIN_ARGUMENT) return { path: '<stdin>', text: stdin() };
  return { path, text: readTextFile(path) };
}

/** A script file's text: DLG0001 when it cannot be read or is not UTF-8. `shown` names it in the message. */
export function readTextFile(path: string, shown = path): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError('DLG0001', `cannot read '${shown}': ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : failureReason(error)}`);
  }
  return utf8Text(bytes, shown);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes as UTF-8 text, or DLG0001: read leniently, a Latin-1 `é` became U+FFFD, and `fmt --write` or `lint --fix`
 * then wrote that in place of the byte — the script changed for good without a word.
 */
export function utf8Text(bytes: Uint8Array, shown: string): string {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    // (Past V8's longest string, about 512 M characters: not a matter of encoding.)
    if ((error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') {
      throw new UsageError('DLG0001', `cannot read '${shown}': it is ${Math.round(bytes.length / 1024 / 1024).toLocaleString('en-US')} MB, too large to read as text`);
    }
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new UsageError('DLG0001', `cannot read '${shown}': it is UTF-16 text; save it as UTF-8`);
    }
    const at = firstInvalidByte(bytes);
    if (at >= bytes.length) throw new UsageError('DLG0001', `cannot read '${shown}': it is not UTF-8 text; save it as UTF-8`);
    // Pointed at in the text read leniently (the byte shows as U+FFFD there), with file:line:col and a code frame.
    const offset = new TextDecoder().decode(bytes.subarray(0, at)).length;
    const file = new SourceFile(shown, new TextDecoder().decode(bytes));
    throw new UsageError('DLG0001', `cannot read '${shown}': it is not UTF-8 text (byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}); save it as UTF-8`, {
      file,
      span: { start: offset, end: offset + 1 },
    });
  }
}

/** Where the first byte that starts no UTF-8 sequence is (by lead and continuation bytes: a place to point at). */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const following = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (following < 0 || i + following >= bytes.length) return i;
    for (let k = 1; k <= following; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates (ED A0…) and code points past U+10FFFF: the second byte's range is narrower.
    const second = bytes[i + 1]!;
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second >= 0xa0) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second >= 0x90)) return i;
    i += following + 1;
  }
  return bytes.length;
}

/** Standard input's text, read once: named twice (`deluge check - -`), the second is the same text, not an empty one. */
let stdinText: string | undefined;

export function readStdin(): string {
  if (stdinText !== undefined) return stdinText;
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (error) {
    // A folder given as standard input (`< /tmp`) is no script: not an empty one that passes.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new UsageError('DLG0001', "cannot read '<stdin>': is a directory");
    bytes = Buffer.alloc(0);
  }
  return (stdinText = utf8Text(bytes, '<stdin>'));
}

/**
 * An output path given empty (`-o "$REPORT"` with the variable unset): the current folder, or stdout, would be used
 * instead, and the error or the silence would mislead. `what` says what the option names: `the file to write the report to`.
 */
export function refuseEmptyPath(option: string, value: string | undefined, what: string): void {
  if (value === '') throw new UsageError('DLG0002', `${option} '': name ${what}`);
}

/** Stops a command whose output file is one of its inputs (`lint a.dg -o a.dg`): the output would replace the script. */
export function refuseInputAsOutput(option: string, output: string, inputs: readonly string[], cwd = process.cwd()): void {
  const real = (path: string) => {
    const full = resolve(cwd, path);
    try {
      return realpathSync(full);
    } catch {
      return full;
    }
  };
  const target = real(output);
  const input = inputs.find((path) => path !== '-' && path !== STDIN_ARGUMENT && real(path) === target);
  if (input !== undefined) throw new UsageError('DLG0002', `${option} '${output}' is the input '${input}': its output would replace the script; write it to another file`);
}

/** Writes via a temporary file in the same folder and a rename, so readers never see half a file (see replaceFileAtomically). */
export function writeFileAtomic(path: string, text: string, shown = path): void {
  try {
    replaceFileAtomically(path, text);
  } catch (error) {
    throw new UsageError('DLG0003', `cannot write '${shown}': ${failureReason(error)}`);
  }
}

/**
 * Colour only on a TTY, unless NO_COLOR or FORCE_COLOR say otherwise: FORCE_COLOR=0 or false turns it off, as in
 * Node's own `hasColors()`; any other value turns it on. As there, NODE_DISABLE_COLORS and TERM=dumb turn it off.
 */
export function useColour(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  if (env['NO_COLOR']) return false;
  const forced = env['FORCE_COLOR'];
  if (forced === '0' || forced === 'false') return false;
  if (forced !== undefined) return true;
  if (env['NODE_DISABLE_COLORS'] !== undefined || env['TERM'] === 'dumb') return false;
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
 * `--config FILE` of a command that no setting applies to (`parse`, `extract`, `import`, `sandbox`, `connections`):
 * cli.md gives every command the flag, so one command line may pass it to each. The file is checked all the same
 * (`checkGivenConfig`): a missing or broken one fails here as it would under `lint`. None is looked for upwards.
 */
export const UNUSED_CONFIG_OPTION = {
  type: 'string',
  requiresArg: true,
  describe: 'settings file: checked, though no setting applies to this command (accepted, as by the other commands)',
} as const;

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

/** An ISO-8601 date or date-time, as `--now` takes it: `2026-11-28`, `2026-11-28T09:30`, `…:00Z`, `…+05:30`. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * `--now`: the instant, in milliseconds. A day or time that does not exist (`2024-02-30`, `25:00`) is refused, where
 * `Date.parse` rolls it over (to 1 March), and so is any form but ISO-8601's (`Date.parse` takes `Dec 1 2026`).
 */
export function nowOption(text: string, timeZone: string): number {
  const m = ISO_INSTANT.exec(text.trim());
  const instant = Date.parse(text.trim());
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = m ?? [];
  const daysInMonth = m ? new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate() : 0;
  const valid = m !== null && !Number.isNaN(instant) && Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
  if (!valid) throw new UsageError('DLG0002', `--now: '${text}' is not an ISO-8601 date-time (e.g. 2026-11-28T09:30:00Z)`);
  if (offset !== undefined) return instant;
  // No offset: the date and time are the run's own, in its zone (--tz, the config's, else this machine's), so that
  // with --tz a run gives the same on every machine; Date.parse read a date-time in the machine's zone, a date in UTC.
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3) || '0');
  return instantOf({ year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second), millisecond }, timeZone);
}

/** A usage error about a place in a file's text (`at`: its path, text and the offset of the mistake), with its frame. */
export function usageErrorAt(code: UsageError['code'], message: string, at: { readonly path: string; readonly text: string; readonly offset: number } | undefined): UsageError {
  return at ? new UsageError(code, message, { file: new SourceFile(at.path, at.text), span: { start: at.offset, end: at.offset + 1 } }) : new UsageError(code, message);
}
