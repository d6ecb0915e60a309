import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConnectionAuth } from './connection-auth.js';
import type { Value } from '../runtime/values.js';

/**
 * What every emitter (`deluge emit --to …`) takes and gives: the script's text in, the converted program out, with
 * a warning for every lossy step. An emitter never throws for bad input; syntax errors come back as error
 * diagnostics and an empty `value`.
 */

/** The shells a curl command can be written for. */
export type Shell = 'posix' | 'bash' | 'powershell' | 'cmd';

export const SHELLS: readonly Shell[] = ['posix', 'bash', 'powershell', 'cmd'];

export interface EmitOptions {
  /** Every Zoho API host (all data centres) becomes this URL: to aim the output at `deluge sandbox` or a proxy. */
  readonly baseUrl?: string;
  /** curl only: the shell the commands are written for (default posix). */
  readonly shell?: Shell;
  /** The text was copied from a Zoho docs page (`true`), is not (`false`), or is detected (`'auto'`, the default). */
  readonly docs?: boolean | 'auto';
  /** The script's path, for diagnostics and comments. */
  readonly fileName?: string;
  /** The file the output goes to (`--out`), for the comments that name it (how to run it); default: the script's name. */
  readonly outFile?: string;
  /** Arguments, as `deluge run --arg` gives them (bound to the function's parameters, readable as `input.name`). */
  readonly args?: Readonly<Record<string, Value>>;
  /** The instant `zoho.currenttime`, `now`, `today` show while the requests are recorded (ms since the epoch). */
  readonly now?: number;
  /** The zone date-times are shown in. */
  readonly timeZone?: string;
  /** Other `.dg` files whose functions the script may call (`standalone.f(...)`). */
  readonly functions?: readonly { readonly path: string; readonly text: string }[];
  /** The function to run when the file only declares functions. */
  readonly entry?: string;
  /** The connection `zoho.crm.*` tasks use when the script names none (default `zohocrm`, as `deluge run`). */
  readonly defaultCrmConnection?: string;
  /** How each connection authenticates (from deluge.connections.json: `connectionAuthFrom`); default Zoho OAuth. */
  readonly connectionAuth?: (name: string) => ConnectionAuth;
  /**
   * Every connection the connections file defines: a connection the script names at run time (`connection: name`) may
   * be any of them, so a program that has one knows how each of them authenticates.
   */
  readonly connectionNames?: readonly string[];
  /**
   * The API domain of a Zoho connection whose data centre the connections file names (`apiDomainFrom`): where its
   * `zoho.crm.*` tasks and `invokeapi` go. Undefined: the US one, and the output says so.
   */
  readonly apiDomainOf?: (name: string) => string | undefined;
}

export interface EmitResult {
  /** The program; '' when the script has syntax errors. */
  readonly value: string;
  /** Syntax errors (then no output), and warnings for what could not be converted exactly. */
  readonly diagnostics: Diagnostic[];
}

export interface Emitter {
  /** `curl`, `typescript`: the value of `--to`. */
  readonly id: string;
  /** Other names `--to` accepts (`ts`). */
  readonly aliases: readonly string[];
  /** One line for `--help`. */
  readonly summary: string;
  /** The file name extension of the output (`sh`, `ts`), for goldens and `--out` suggestions. */
  readonly extension?: string;
  emit(text: string, options: EmitOptions): Promise<EmitResult>;
}
