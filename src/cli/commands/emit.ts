import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DelugeConfigError, loadConnections, type Connections } from '../../http/connections.js';
import { apiDomainFrom, connectionAuthFrom } from '../../emitters/connection-auth.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { SHELLS, type EmitOptions, type Shell } from '../../emitters/emitter.js';
import { emitterNames, findEmitter } from '../../emitters/registry.js';
import { SourceFile } from '../../source/source-file.js';
import { isTimeZone, loadConfig } from '../config.js';
import { CONFIG_OPTION, connectionsFileError, DOCS_OPTION, nowOption, readInput, refuseEmptyPath, refuseInputAsOutput, UsageError, useColour, writeFileAtomic } from '../io.js';
import { machineTimeZone, parseArgs, parseJsonArgs, readFunctionFolder } from './run.js';
import { COMMAND_USAGE } from './usage.js';

interface EmitArgs {
  config: string | undefined;
  connections: string | undefined;
  files: string[];
  to: string;
  shell: string | undefined;
  baseUrl: string | undefined;
  docs: boolean | undefined;
  out: string | undefined;
  arg: string[] | undefined;
  argJson: string[] | undefined;
  now: string | undefined;
  tz: string | undefined;
  functions: string[] | undefined;
  entry: string | undefined;
}

/**
 * `deluge emit <files..> --to curl|typescript`: the converted program on stdout (or `--out`), every lossy step as a
 * warning on stderr. Exit 0 when output was produced (warnings or not), 1 on syntax errors, 2 on usage errors.
 */
export const emitCommand: CommandModule<object, EmitArgs> = {
  ...COMMAND_USAGE.emit,
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: "scripts to convert ('-' for stdin)" })
      .option('to', { requiresArg: true, type: 'string', demandOption: true, describe: 'the target: curl, typescript (ts)' })
      .option('shell', { requiresArg: true, type: 'string', describe: `curl: the shell the commands are written for (${SHELLS.join(', ')}; default posix)` })
      .option('base-url', { requiresArg: true, type: 'string', describe: 'send every Zoho API request to this URL instead (e.g. a deluge sandbox)' })
      .option('config', CONFIG_OPTION)
      .option('connections', { requiresArg: true, type: 'string', describe: 'connections file whose bearer, basic and header connections the output authenticates as theirs (default: deluge.connections.json found upwards)' })
      .option('docs', DOCS_OPTION)
      .option('out', { requiresArg: true, type: 'string', describe: 'write the output to this file instead of stdout' })
      .option('arg', { requiresArg: true, type: 'string', array: true, describe: 'an argument name=value (repeatable), as for run' })
      .option('arg-json', { requiresArg: true, type: 'string', array: true, describe: 'an argument name=JSON (repeatable), as for run' })
      .option('now', { requiresArg: true, type: 'string', describe: 'the instant zoho.currenttime, now and today show (ISO-8601)' })
      .option('tz', { requiresArg: true, type: 'string', describe: "the time zone date-times are shown in (default: the config's timeZone, else the machine's)" })
      .option('functions', { requiresArg: true, type: 'string', array: true, describe: 'a folder of .dg and .deluge files whose functions the script may call' })
      .option('entry', { requiresArg: true, type: 'string', describe: 'the function to run when the file only declares functions' }) as unknown as Argv<EmitArgs>,
  handler: async (args: ArgumentsCamelCase<EmitArgs>) => {
    const emitter = findEmitter(args.to);
    if (!emitter) throw new UsageError('DLG0002', `--to: unknown target '${args.to}'; use one of: ${emitterNames()}`);
    if (args.shell !== undefined && !SHELLS.includes(args.shell as Shell)) {
      throw new UsageError('DLG0002', `--shell: unknown shell '${args.shell}'; use one of: ${SHELLS.join(', ')}`);
    }
    if (args.shell !== undefined && emitter.id !== 'curl') throw new UsageError('DLG0002', '--shell applies to --to curl only');
    // Each script is a program of its own: several joined in one file declare their helpers twice, and neither
    // type-checks nor runs. (The commands of several scripts go one after the other in one file well.)
    if (emitter.id === 'typescript' && args.files.length > 1) {
      throw new UsageError('DLG0002', `--to ${args.to}: one script at a time (each becomes a standalone program); emit the others one by one, each with its own --out`);
    }
    if (args.baseUrl !== undefined && !/^https?:\/\//i.test(args.baseUrl.trim())) {
      throw new UsageError('DLG0002', `--base-url: '${args.baseUrl}' is not an http(s) URL (e.g. http://127.0.0.1:8080)`);
    }
    if (args.baseUrl !== undefined && !URL.canParse(args.baseUrl.trim())) throw new UsageError('DLG0002', `--base-url: '${args.baseUrl}' is not a valid URL`);
    const config = loadConfig(args.config);
    const timeZone = args.tz ?? config.timeZone ?? machineTimeZone();
    if (!isTimeZone(timeZone)) throw new UsageError('DLG0002', `--tz: unknown time zone '${timeZone}' (use an IANA name such as "Asia/Kolkata")`);
    const now = args.now === undefined ? undefined : nowOption(args.now, timeZone);
    refuseEmptyPath('--out', args.out, 'the file to write the output to');
    if (args.out !== undefined) refuseInputAsOutput('--out', args.out, args.files);
    const inputs = args.files.map((path) => readInput(path));
    // Only the types and the variable names of the connections are read: no secret is needed, or copied.
    let connections: Connections;
    try {
      connections = loadConnections(args.connections !== undefined ? { file: args.connections } : {});
    } catch (error) {
      if (error instanceof DelugeConfigError) throw connectionsFileError(error);
      throw error;
    }
    const shared: EmitOptions = {
      ...(args.shell !== undefined && { shell: args.shell as Shell }),
      ...(args.baseUrl !== undefined && { baseUrl: args.baseUrl.trim() }),
      docs: args.docs ?? 'auto',
      args: { ...parseArgs(args.arg ?? []), ...parseJsonArgs(args.argJson ?? []) },
      ...(now !== undefined && { now }),
      timeZone,
      functions: (args.functions ?? []).flatMap(readFunctionFolder),
      ...(args.entry !== undefined && { entry: args.entry }),
      ...(config.run?.crmConnection !== undefined && { defaultCrmConnection: config.run.crmConnection }),
      connectionAuth: connectionAuthFrom(connections),
      connectionNames: connections.names,
      apiDomainOf: apiDomainFrom(connections),
    };

    const colour = useColour(process.stderr);
    const outputs: string[] = [];
    let failed = false;
    for (const input of inputs) {
      const result = await emitter.emit(input.text, { ...shared, fileName: input.path, ...(args.out !== undefined && inputs.length === 1 && { outFile: args.out }) });
      const file = new SourceFile(input.path, input.text);
      for (const d of result.diagnostics) process.stderr.write(`${renderDiagnostic(file, d, { colour })}\n\n`);
      if (result.diagnostics.some((d) => d.severity === 'error')) failed = true;
      else outputs.push(result.value);
    }
    if (!failed) {
      const output = outputs.join('\n');
      if (args.out !== undefined) writeFileAtomic(args.out, output);
      else process.stdout.write(output);
    }
    process.exitCode = failed ? 1 : 0;
  },
};
