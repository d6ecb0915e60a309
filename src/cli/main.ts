import { readFileSync } from 'node:fs';
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMAND_USAGE, type CommandName } from './commands/usage.js';
import { shownMessage } from '../diagnostics/render.js';
import { STDIN_ARGUMENT, stdoutClosed, stdoutFailure, usageErrorText, UsageError } from './io.js';

/** The `deluge` command line: thin command modules over the library; exit codes per shared/design/cli.md. */
export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
  // A reader that stops early (`deluge lint … | head`) is not an error of ours.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // stdout that cannot be written (a full disk) is said, not thrown: a stack trace is no answer to a user.
      if (stream === process.stdout) return stdoutClosed.handle(stdoutFailure(error));
      if (error.code === 'EPIPE') return process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  // yargs drops a lone '-' from positionals; pass it through under a name it keeps.
  const cli = yargs(withFilesAfterDoubleDash(argv).map((a) => (a === '-' ? STDIN_ARGUMENT : a)))
    .scriptName('deluge')
    .usage('$0 <command> [options]')
    // A repeatable option takes one value each time it is given (`--arg a=1 --arg b=2`), so the file may come after
    // it: `deluge run --arg leadId=1 script.dg` (greedy, `--arg` would take the file too).
    // Positionals stay as typed: `deluge import -- curl … -d 1e3` must send "1e3", not the number 1000.
    .parserConfiguration({ 'greedy-arrays': false, 'parse-positional-numbers': false })
    // (Run once the command's builder has declared its options: `cli` then knows them.)
    .middleware((): void => refuseRepeatedOptions(argv, (cli as unknown as OptionsParser).getOptions()))
    .middleware((parsed): void => refuseStdinAsOptionValue(parsed, (cli as unknown as OptionsParser).getOptions()))
    .command(await commandsFor(argv))
    .demandCommand(1, 'Name a command: check, lint, fmt, run, emit, import, parse, extract, sandbox or connections.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error instanceof UsageError ? error : new UsageError('DLG0002', withHint(message ?? error?.message ?? 'usage error', argv));
    });
  skipHelpCaching(cli);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(usageErrorText(error));
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`deluge: internal error (a bug; please report it): ${shownMessage((error as Error).message)}\n`);
    process.exitCode = 70;
  }
}

/**
 * yargs renders a command's whole help text as soon as the command's handler has started, to have it should the
 * handler call `showHelp` later, which none of ours does. That is cold code run once: about 50 ms in a CPU profile of
 * a `deluge lint` of one small file (0.6 s in all; timed runs on this shared machine: 25–65 ms less CPU). Turned off;
 * `--help` and usage errors render their text when asked, as before.
 */
function skipHelpCaching(cli: object): void {
  const internal = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** A command as yargs takes it, whatever its arguments. */
type Command = CommandModule<object, never>;

/** Each command's module, imported only when that command runs (see COMMAND_USAGE). */
const COMMAND_MODULES: Record<CommandName, () => Promise<Command>> = {
  check: () => import('./commands/check.js').then((m) => m.checkCommand as Command),
  parse: () => import('./commands/parse.js').then((m) => m.parseCommand as Command),
  extract: () => import('./commands/extract.js').then((m) => m.extractCommand as Command),
  fmt: () => import('./commands/fmt.js').then((m) => m.fmtCommand as Command),
  lint: () => import('./commands/lint.js').then((m) => m.lintCommand as Command),
  run: () => import('./commands/run.js').then((m) => m.runCommand as Command),
  emit: () => import('./commands/emit.js').then((m) => m.emitCommand as Command),
  import: () => import('./commands/import.js').then((m) => m.importCommand as Command),
  connections: () => import('./commands/connections.js').then((m) => m.connectionsCommand as Command),
  sandbox: () => import('./commands/sandbox.js').then((m) => m.sandboxCommand as Command),
};

/**
 * The commands, in the order `--help` lists them: each that one of the words names with its module, each other as its
 * usage only. Loading every command's module made each start-up compile and set up the whole library: `deluge check`
 * of a small file 0.51 s, now 0.44 s; `deluge lint` of an example 0.55, now 0.47 s (medians of 10 runs each,
 * alternated). Any word counts, not only the first that is not an option: an option's value comes before the command
 * in `deluge --config c.json check a.dg` (a file named like a command only loads one module more). Words that name no
 * command load none (`--help`, a misspelt command: yargs lists or suggests from the usages).
 */
async function commandsFor(words: readonly string[]): Promise<Command[]> {
  const named = new Set(words);
  return Promise.all(
    (Object.keys(COMMAND_USAGE) as CommandName[]).map(async (name) =>
      named.has(name) ? COMMAND_MODULES[name]() : { ...COMMAND_USAGE[name], handler: () => undefined },
    ),
  );
}

/** What yargs' `getOptions()` tells of the options declared (its typings leave the method out). */
interface DeclaredOptions {
  readonly key: Record<string, unknown>;
  readonly array: readonly string[];
  readonly boolean: readonly string[];
  readonly alias: Record<string, readonly string[]>;
}
interface OptionsParser {
  getOptions(): DeclaredOptions;
}

/**
 * An option that takes one value, given twice (`--to curl --to ts`, `sandbox --port 0 --port=1`): yargs hands a
 * text option over as a list, which a command would read as one value and fail on in its own words (or crash on), and
 * keeps a number option's last value. The words typed (before `--`) are counted for every option that takes one
 * value, in every spelling (`--port`, `--port=`, camelCase, aliases). Said once, for every command, before any runs.
 */
function refuseRepeatedOptions(words: readonly string[], options: DeclaredOptions): void {
  const end = words.indexOf('--');
  const typed = end < 0 ? words : words.slice(0, end);
  const noValue = new Set([...options.array, ...options.boolean]);
  for (const name of Object.keys(options.key)) {
    if (noValue.has(name)) continue;
    const spellings = new Set([name, camelCase(name), ...(options.alias[name] ?? [])].map((n) => (n.length === 1 ? `-${n}` : `--${n}`)));
    const given = typed.flatMap((word, i) => {
      const [option, value] = word.split(/=(.*)/s, 2);
      return spellings.has(option!) ? [value ?? typed[i + 1] ?? ''] : [];
    });
    if (given.length > 1) throw new UsageError('DLG0002', `--${name} is given ${given.length} times (${given.join(', ')}); give it once`);
  }
}

/**
 * `deluge lint a.dg -- b.dg`, `deluge check -- -x.dg`: the words after `--` are files, whatever they start with. yargs
 * puts them aside (the commands read only their positionals, so they were never read); they are handed on as
 * positionals, a name starting with '-' as the same path from `./` (it would be read as an option). `import` reads
 * its own `--` (`deluge import -- curl … -d 1e3`).
 */
function withFilesAfterDoubleDash(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  if (end < 0) return [...argv];
  const command = argv.slice(0, end).find((word) => Object.hasOwn(COMMAND_USAGE, word));
  if (command === undefined || command === 'import') return [...argv];
  const files = argv.slice(end + 1).map((word) => (word.startsWith('-') && word !== '-' ? `./${word}` : word));
  return [...argv.slice(0, end), ...files];
}

/** The commands' positionals (`files`, `file`, `command`, a connection's `name`): where '-' is standard input. */
const POSITIONALS = new Set(['files', 'file', 'command', 'name']);

/**
 * `lint -o -`, `run --log-requests -`, `--config -`: every '-' typed became {@link STDIN_ARGUMENT} for the positionals'
 * sake, so an option's '-' would name a file called `<stdin>` (created, or looked for). Only the files a command reads
 * (and `import --file`) take standard input; an option given '-' is refused.
 */
function refuseStdinAsOptionValue(parsed: Record<string, unknown>, options: DeclaredOptions): void {
  for (const name of Object.keys(options.key)) {
    if (POSITIONALS.has(name)) continue;
    const value = parsed[name];
    if (value === STDIN_ARGUMENT || (Array.isArray(value) && value.includes(STDIN_ARGUMENT))) {
      throw new UsageError('DLG0002', `--${name} is given '-', which names standard input or output only for the files a command reads: give it a file name${/^(o|out|output-file)$/.test(name) ? ' (without it, the output goes to standard output)' : ''}`);
    }
  }
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * yargs' messages in our words, with hints: an option given no value; `--arg a=1 b=2` leaves `b=2` without an
 * option (say how to give several); `check --bogus a.dg` hands the file to the unknown option as its value (yargs
 * then asks for a file).
 */
function withHint(message: string, argv: readonly string[]): string {
  const valueless = /^Not enough arguments following: (.+)$/.exec(message)?.[1];
  if (valueless) return `--${valueless} needs a value`;
  if (message.startsWith('Not enough non-option arguments')) {
    const taken = argv.flatMap((word, i) => (/^--?[A-Za-z]/.test(word) && !word.includes('=') && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-') ? [[word, argv[i + 1]!]] : []));
    const [option, value] = taken[taken.length - 1] ?? [];
    if (option) return `${message} ('${value}' was read as the value of ${option}: is that option misspelt, or does it take no value?)`;
    // Nothing named at all (`deluge check`): say what to name, as lint and fmt say it.
    const command = argv.find((word) => !word.startsWith('-'));
    const what = command === 'run' || command === 'parse' || command === 'extract' ? 'the file' : 'the files';
    return /got 0,/.test(message) && command !== undefined ? `name ${what} to ${command === 'extract' ? 'read' : command} ('-' for standard input)` : message;
  }
  const unknown = /^Unknown arguments?: (.*)$/.exec(message)?.[1]?.split(', ') ?? [];
  const pairs = unknown.filter((word) => /^[A-Za-z_][\w.-]*=/.test(word));
  if (pairs.length === 0) return message;
  return `${message} (each argument takes its own --arg: ${pairs.map((p) => `--arg ${p}`).join(' ')})`;
}

/**
 * The version in package.json: yargs looks for it from the working directory, so outside the checkout it said
 * "unknown". The bundle (dist/cli.js) and the sources (src/cli/main.ts) sit one and two folders below it.
 */
function packageVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const { name, version } = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (name === 'deluge-kit' && version) return version;
    } catch {
      // Not there: the next place.
    }
  }
  return 'unknown';
}
