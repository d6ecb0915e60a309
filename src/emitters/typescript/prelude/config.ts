/**
 * Settings the emitter writes into each program (`@provided`): the generator records their names only, and the
 * emitter declares them with the values of `deluge emit` (`--tz`, `--now`, `--base-url`, the connections).
 */
import type { BuiltinParameters } from './functions.js';

/** @provided The zone date-times are shown in (`--tz`; Zoho's docs use US Pacific). */
export const TIME_ZONE: string = 'America/Los_Angeles';

/** @provided The instant `zoho.currenttime`, `now` and `today` show (`--now`, else the clock when the program starts). */
export const NOW_MS: number = Date.now();

/** @provided `--base-url`: every Zoho API host of every data centre is sent here instead. */
export const ZOHO_API_BASE: string = 'http://127.0.0.1:8080';

/**
 * @provided Connections that are not Zoho OAuth (a connections file's bearer, basic and header types): the header
 * each sends and the environment variables its credential is read from.
 */
export const CONNECTION_AUTH: Readonly<Record<string, { kind: 'bearer' | 'basic' | 'header'; header: string; variables: readonly string[] }>> = {};

/**
 * @provided The API domain of each Zoho connection whose data centre deluge.connections.json names (`"dataCenter":
 * "eu"`): where its `zoho.crm.*` tasks and `invokeapi` go. Any other: the US one.
 */
export const API_DOMAINS: Readonly<Record<string, string>> = {};

/** @provided The environment variable holding each connection's OAuth access token. */
export const TOKEN_VARIABLES: Readonly<Record<string, string>> = { zohocrm: 'ZOHO_OAUTH_TOKEN' };

/**
 * @provided What each builtin the program uses applies to, by lower-case name (`get`: "LIST, KEY-VALUE, COLLECTION"),
 * for the error of a function applied to a value of another type, which names them as deluge run's does.
 */
export const APPLIES_TO: Readonly<Record<string, string>> = {};

/**
 * @provided The parameters of each builtin the program uses that can refuse an argument, as deluge run declares them
 * (src/runtime/builtins/), by lower-case name.
 */
export const PARAMETERS: Readonly<Record<string, BuiltinParameters>> = {};
