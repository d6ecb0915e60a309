import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isConnectionLinkName } from '../http/connections.js';
import { StubError, validStubs, type Stub } from '../runner/stubs.js';
import { closest } from '../edit-distance.js';
import { SourceFile } from '../source/source-file.js';
import { locateJson, parseJsonFile, withoutBom } from '../source/json-location.js';
import { usageErrorAt, UsageError } from './io.js';

/** `deluge.config.json`: settings shared by the commands (see README "Configuration"). */
export interface DelugeConfig {
  /** The zone date-times are shown in (`run`); default: the machine's. */
  readonly timeZone?: string;
  readonly run?: {
    /** `zoho.loginuserid` and friends, by their name without `zoho.`. */
    readonly system?: Readonly<Record<string, string>>;
    readonly maxStatements?: number;
    /** The connection `zoho.crm.*` tasks use when a script names none (default `zohocrm`). */
    readonly crmConnection?: string;
  };
  readonly lint?: {
    /** Severity per rule id (or code): `off`, `warn` or `error`. */
    readonly rules?: Readonly<Record<string, 'off' | 'warn' | 'error'>>;
  };
  /** Canned responses for tasks and URLs (see `deluge run --stub`). */
  readonly stubs?: readonly Stub[];
  /**
   * Glob patterns, relative to the folder of the settings file, of files that `lint`, `check` and `fmt` leave out of
   * the folders and patterns they are given (a file named on the command line is read all the same).
   */
  readonly ignore?: readonly string[];
  /** Where the settings came from, for messages. */
  readonly path?: string;
  /** The file's text, for messages that point into it (`configError`). */
  readonly text?: string;
}

export const CONFIG_FILE = 'deluge.config.json';

/** `--config FILE` of a command that uses no setting (UNUSED_CONFIG_OPTION): read and checked when given, else nothing. */
export function checkGivenConfig(explicit: string | undefined): void {
  if (explicit !== undefined) loadConfig(explicit);
}

/** `--config FILE`, else `deluge.config.json` in the current folder or the nearest parent, else no settings. */
export function loadConfig(explicit: string | undefined, cwd: string = process.cwd()): DelugeConfig {
  const path = explicit ?? findUp(cwd);
  if (!path) return {};
  let text: string;
  let parsed: unknown;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('DLG0001', `cannot read '${path}': no such file`);
    throw new UsageError('DLG0001', `cannot read '${path}'`);
  }
  const read = parseJsonFile(path, text);
  if ('message' in read) throw new UsageError('DLG0004', read.message, read.location);
  parsed = read.value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    // At the value that is not one (`[]`, `"…"`), with its code frame.
    throw usageErrorAt('DLG0004', 'the settings must be a JSON object', { path, text, offset: /\S/.exec(withoutBom(text))?.index ?? 0 });
  }
  const config = parsed as DelugeConfig;
  const fail = (message: string, at: SettingAt): never => configError(path, text, message, at);
  const unknown = Object.keys(config).find((key) => !SETTINGS.includes(key));
  if (unknown !== undefined) {
    const near = closest(unknown, SETTINGS);
    fail(`unknown setting "${unknown}"${near ? ` (did you mean "${near}"?)` : ''}; the settings are ${SETTINGS.filter((s) => s !== '$schema').map((s) => `"${s}"`).join(', ')}`, { path: [unknown], part: 'key' });
  }
  if (config.timeZone !== undefined && !isTimeZone(config.timeZone)) {
    fail(`"timeZone": unknown time zone '${String(config.timeZone)}' (use an IANA name such as "Asia/Kolkata")`, { path: ['timeZone'], part: 'value' });
  }
  if (config.ignore !== undefined && (!Array.isArray(config.ignore) || !config.ignore.every((p) => typeof p === 'string' && p !== ''))) {
    fail('"ignore" must be a list of glob patterns, such as ["legacy/**", "**/*.generated.dg"]', { path: ['ignore'], part: 'value' });
  }
  const run: unknown = config.run;
  if (run !== undefined) {
    if (typeof run !== 'object' || run === null || Array.isArray(run)) fail('"run" must be an object: {"maxStatements": …, "crmConnection": …, "system": {…}}', { path: ['run'], part: 'value' });
    const settings = run as Record<string, unknown>;
    const unknownRun = Object.keys(settings).find((key) => !RUN_SETTINGS.includes(key));
    if (unknownRun !== undefined) {
      const near = closest(unknownRun, RUN_SETTINGS);
      fail(`unknown setting "run.${unknownRun}"${near ? ` (did you mean "${near}"?)` : ''}; the run settings are ${RUN_SETTINGS.map((k) => `"${k}"`).join(', ')}`, { path: ['run', unknownRun], part: 'key' });
    }
    const { maxStatements, crmConnection, system } = settings;
    if (maxStatements !== undefined && !(typeof maxStatements === 'number' && Number.isInteger(maxStatements) && maxStatements > 0)) {
      fail('"run.maxStatements" must be a whole number above 0', { path: ['run', 'maxStatements'], part: 'value' });
    }
    if (crmConnection !== undefined && !(typeof crmConnection === 'string' && isConnectionLinkName(crmConnection))) {
      fail('"run.crmConnection" must be a connection link name (letters, digits and _)', { path: ['run', 'crmConnection'], part: 'value' });
    }
    if (system !== undefined && !(typeof system === 'object' && system !== null && !Array.isArray(system) && Object.values(system).every((v) => typeof v === 'string'))) {
      fail('"run.system" must be an object of texts, such as {"loginuserid": "ana@zylker.com"}', { path: ['run', 'system'], part: 'value' });
    }
  }
  if (config.stubs !== undefined) {
    try {
      return { ...config, stubs: validStubs(config.stubs, `${path}: "stubs"`, { path, text, at: ['stubs'] }), path, text };
    } catch (error) {
      if (error instanceof StubError) throw new UsageError('DLG0004', error.message, error.location);
      throw error;
    }
  }
  return { ...config, path, text };
}

/** The top-level settings of `deluge.config.json` (`$schema` for editors that validate it). */
const SETTINGS = ['timeZone', 'run', 'lint', 'stubs', 'ignore', '$schema'];
const RUN_SETTINGS = ['maxStatements', 'crmConnection', 'system'];

/** Where in the file a setting's problem is: its key, or its value. */
export interface SettingAt {
  readonly path: readonly string[];
  readonly part: 'key' | 'value';
}

/** A DLG0004 at the setting in the file, as `file:line:col` with a code frame (the file's name alone if it cannot be found). */
export function configError(path: string, text: string, message: string, at: SettingAt): never {
  const found = locateJson(text, at.path);
  if (!found) throw new UsageError('DLG0004', `${path}: ${message}`);
  throw new UsageError('DLG0004', message, { file: new SourceFile(path, text), span: at.part === 'key' ? found.key : found.value });
}

function findUp(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
