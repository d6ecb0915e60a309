/** The `--data` file: read at start when it exists, written atomically (temporary file + rename) on close. */
import { readFileSync } from 'node:fs';
import { failureReason, replaceFileAtomically } from '../file-system.js';
import { jsonSyntaxError, withoutBom } from '../source/json-location.js';
import { parseJsonKeepingIds } from './json.js';
import type { SandboxData } from './store.js';

/** Why the data file (or a setting given with it) cannot be used; the CLI turns it into a usage error. */
export const SANDBOX_DATA_CODES = { reading: 'DLG0001', content: 'DLG0004', writing: 'DLG0003' } as const;

export class SandboxDataError extends Error {
  constructor(
    message: string,
    /**
     * What failed: reading the file, its content (not JSON, not sandbox data, a bad setting), or writing it — the
     * CLI's DLG0001, DLG0004 or DLG0003.
     */
    readonly failed: 'reading' | 'content' | 'writing',
    /** Where in the file's text the problem is (JSON that does not parse), for a code frame. */
    readonly at?: { readonly path: string; readonly text: string; readonly offset: number },
  ) {
    super(message);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The file's content as JSON, or undefined when there is no such file. */
export function readDataFile(path: string): unknown {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SandboxDataError(`cannot read '${path}': ${failureReason(error)}`, 'reading');
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // Read leniently, a Latin-1 `í` became U+FFFD, and the file written back on close lost the byte for good.
    throw new SandboxDataError(`'${path}' is not UTF-8 text; save it as UTF-8`, 'content');
  }
  const json = withoutBom(text);
  try {
    return parseJsonKeepingIds(json);
  } catch {
    // Where and why, from the text as written (quoting long integers moved nothing that does not parse).
    let found: { reason: string; offset: number | undefined } = { reason: 'not JSON', offset: undefined };
    try {
      JSON.parse(json);
    } catch (error) {
      found = jsonSyntaxError(error, json);
    }
    throw new SandboxDataError(`'${path}' is not valid JSON (${found.reason})`, 'content', found.offset === undefined ? undefined : { path, text, offset: found.offset });
  }
}

/** The data file's text. */
export function dataFileText(data: SandboxData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Writes the data so that readers see the old file or the new one, never half of one: through a symbolic link, keeping
 * the file's permissions, and never over a read-only file.
 */
export function writeDataFile(path: string, data: SandboxData | string): void {
  try {
    replaceFileAtomically(path, typeof data === 'string' ? data : dataFileText(data));
  } catch (error) {
    throw new SandboxDataError(`cannot write '${path}': ${failureReason(error)}`, 'writing');
  }
}
