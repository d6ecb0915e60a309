import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { renderDiagnostic, toJsonMessage } from '../../diagnostics/render.js';
import { toJsonValue } from '../../runtime/json-value.js';
import { parseJson } from '../../runtime/json.js';
import { runScript, type RunResult } from '../../runtime/run.js';
import { SEMANTICS } from '../../runtime/semantics.js';
import { textForm } from '../../runtime/text-form.js';
import type { Value } from '../../runtime/values.js';
import { isTimeZone, loadConfig } from '../config.js';
import { DOCS_OPTION, readInput, UsageError, useColour } from '../io.js';

interface RunArgs {
  file: string;
  arg: string[] | undefined;
  argJson: string[] | undefined;
  json: boolean;
  now: string | undefined;
  tz: string | undefined;
  maxStatements: number | undefined;
  timeout: number | undefined;
  functions: string[] | undefined;
  entry: string | undefined;
  config: string | undefined;
  docs: boolean | undefined;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <file>',
  describe: 'Run a Deluge script: info lines on stdout, errors with their line on stderr',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: "the script ('-' for stdin)" })
      .option('arg', { type: 'string', array: true, describe: 'an argument name=value (repeatable); also readable as input.name' })
      .option('arg-json', { type: 'string', array: true, describe: 'an argument name=JSON (repeatable): a map or list, as Zoho Books passes `invoice`' })
      .option('json', { type: 'boolean', default: false, describe: 'print the run report as one JSON document' })
      .option('now', { type: 'string', describe: 'the instant zoho.currenttime, now and today show (ISO-8601)' })
      .option('tz', { type: 'string', describe: "the time zone date-times are shown in (default: the config's timeZone, else the machine's)" })
      .option('max-statements', { type: 'number', describe: 'statements executed before the run stops (default 200000)' })
      .option('timeout', { type: 'number', describe: 'seconds the whole run may take (default 60)' })
      .option('functions', { type: 'string', array: true, describe: 'a folder of .dg files whose functions the script may call' })
      .option('entry', { type: 'string', describe: 'the function to run when the file only declares functions' })
      .option('config', { type: 'string', describe: 'settings file (default: deluge.config.json found upwards)' })
      .option('docs', DOCS_OPTION) as unknown as Argv<RunArgs>,
  handler: (args: ArgumentsCamelCase<RunArgs>) => {
    const config = loadConfig(args.config);
    const input = readInput(args.file);
    const timeZone = args.tz ?? config.timeZone ?? machineTimeZone();
    if (!isTimeZone(timeZone)) throw new UsageError('DLG0002', `--tz: unknown time zone '${timeZone}' (use an IANA name such as "Asia/Kolkata")`);
    const now = args.now === undefined ? undefined : Date.parse(args.now);
    if (now !== undefined && Number.isNaN(now)) throw new UsageError('DLG0002', `--now: '${args.now}' is not an ISO-8601 date-time (e.g. 2026-11-28T09:30:00Z)`);
    const maxStatements = args.maxStatements ?? config.run?.maxStatements;
    if (maxStatements !== undefined && !(Number.isInteger(maxStatements) && maxStatements > 0)) {
      throw new UsageError('DLG0002', '--max-statements: give a whole number above 0');
    }
    if (args.timeout !== undefined && !(args.timeout > 0)) throw new UsageError('DLG0002', '--timeout: give a number of seconds above 0');

    const stdoutInfo = !args.json;
    const result = runScript(input.text, {
      fileName: input.path,
      args: { ...parseArgs(args.arg ?? []), ...parseJsonArgs(args.argJson ?? []) },
      ...(args.entry ? { entry: args.entry } : {}),
      ...(now !== undefined ? { now } : {}),
      timeZone,
      ...(maxStatements !== undefined ? { maxStatements } : {}),
      ...(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : {}),
      functions: (args.functions ?? []).flatMap(readFunctionFolder),
      ...(config.run?.system ? { system: config.run.system } : {}),
      docs: args.docs ?? 'auto',
      ...(stdoutInfo ? { onInfo: (line: string) => process.stdout.write(`${line}\n`) } : {}),
    });
    if (args.json) process.stdout.write(`${JSON.stringify(report(result))}\n`);
    else printSummary(result);
    process.exitCode = result.diagnostics.length > 0 ? 1 : 0;
  },
};

function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || SEMANTICS.defaultTimeZone;
}

/** `--arg name=value` pairs; values stay text and are converted to the declared parameter types by the run. */
function parseArgs(pairs: readonly string[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('DLG0002', `--arg '${pair}': write name=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** `--arg-json name=JSON` pairs: maps and lists for scripts that receive them (`invoice` in Zoho Books). */
function parseJsonArgs(pairs: readonly string[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [name, text] of Object.entries(parseArgs(pairs))) {
    try {
      out[name] = parseJson(text as string);
    } catch (error) {
      throw new UsageError('DLG0002', `--arg-json ${name}: ${(error as Error).message}`);
    }
  }
  return out;
}

function readFunctionFolder(dir: string): { path: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.dg')).sort();
  } catch {
    throw new UsageError('DLG0001', `--functions: cannot read the folder '${dir}'`);
  }
  return names.map((n) => readInput(join(dir, n)));
}

/** The `run --json` report of shared/design/cli.md. */
function report(result: RunResult) {
  return {
    schemaVersion: 1,
    info: result.info,
    result: result.result === undefined ? null : toJsonValue(result.result),
    requests: [],
    mails: result.mails.map((mail) => Object.fromEntries(Object.entries(mail).map(([k, v]) => [k, toJsonValue(v)]))),
    diagnostics: result.diagnostics.map(({ file, diagnostic }) => ({ filePath: file.path, ...toJsonMessage(file, diagnostic) })),
  };
}

function printSummary(result: RunResult): void {
  const colour = useColour(process.stderr);
  for (const mail of result.mails) {
    const to = mail['to'] ?? null;
    const subject = mail['subject'] ?? null;
    process.stderr.write(`sendmail (not sent): to ${to === null ? '?' : textForm(to)}, subject ${subject === null ? '?' : JSON.stringify(textForm(subject))}\n`);
  }
  for (const { file, diagnostic } of result.diagnostics) {
    process.stderr.write(`${renderDiagnostic(file, diagnostic, { colour })}\n`);
  }
}
