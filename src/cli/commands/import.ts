import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { quoteWord, text } from '../../emitters/curl/quote.js';
import { renderStylish } from '../../diagnostics/render.js';
import { DEFAULT_IMPORT_CONNECTION, importCurl, maskSecrets, type Shell } from '../../importers/curl.js';
import { isConnectionLinkName } from '../../http/connections.js';
import { SourceFile } from '../../source/source-file.js';
import { checkGivenConfig } from '../config.js';
import { readInput, refuseEmptyPath, refuseInputAsOutput, STDIN_ARGUMENT, UNUSED_CONFIG_OPTION, UsageError, useColour, writeFileAtomic } from '../io.js';
import { COMMAND_USAGE } from './usage.js';

interface ImportArgs {
  command: string[] | undefined;
  file: string | undefined;
  connection: string | undefined;
  out: string | undefined;
  shell: Shell | 'auto';
  config: string | undefined;
}

/**
 * `deluge import`: a curl command → Deluge on stdout (or `--out`), warnings with code frames on stderr. The command
 * comes as one argument, from stdin (`-`), from `--file`, or as the words after `--` (`deluge import -- curl -X …`).
 * Exit 0 when Deluge was produced and nothing was unreadable, 1 when a command could not be read (an unclosed
 * quote, no curl, no URL), 2 for usage.
 */
export const importCommand: CommandModule<object, ImportArgs> = {
  ...COMMAND_USAGE.import,
  builder: (y: Argv) =>
    y
      .positional('command', { type: 'string', array: true, describe: "the curl command as one argument ('-' for stdin)" })
      .option('file', { requiresArg: true, type: 'string', describe: 'read the curl command(s) from this file' })
      .option('connection', { requiresArg: true, type: 'string', describe: `the connection the command's credentials become (default ${DEFAULT_IMPORT_CONNECTION}; more than one: NAME_2, …)` })
      .option('out', { requiresArg: true, type: 'string', describe: 'write the Deluge to this file (atomically) instead of stdout' })
      .option('shell', { requiresArg: true, choices: ['auto', 'posix', 'cmd', 'powershell'] as const, default: 'auto' as const, describe: 'the shell the command was written for' })
      .option('config', UNUSED_CONFIG_OPTION)
      .example("$0 import \"curl 'https://www.zohoapis.com/crm/v7/Leads?ids=1' -X DELETE -H 'Authorization: Zoho-oauthtoken …'\"", '')
      .example('$0 import - --connection crm_oauth_connection < request.sh', '') as unknown as Argv<ImportArgs>,
  handler: (args: ArgumentsCamelCase<ImportArgs>) => {
    checkGivenConfig(args.config);
    refuseEmptyPath('--out', args.out, 'the file to write the Deluge to');
    if (args.out !== undefined && args.file !== undefined) refuseInputAsOutput('--out', args.out, [args.file]);
    const input = commandInput(args);
    const connection = args.connection;
    if (connection !== undefined && !isConnectionLinkName(connection)) {
      throw new UsageError('DLG0002', `--connection '${connection}' is not a connection link name (letters, digits and _)`);
    }
    const cwd = process.cwd();
    const result = importCurl(input.text, {
      shell: args.shell,
      ...(connection !== undefined && { connection }),
      readFile: (path) => {
        try {
          // A device or a pipe (`-d @/dev/zero`) is no file to copy: reading it might never end.
          const file = resolve(cwd, path);
          return statSync(file).isFile() ? readFileSync(file) : undefined;
        } catch {
          return undefined;
        }
      },
    });
    // Code frames show the pasted command: with its credentials masked (same length, so the carets stay right).
    const shown = new SourceFile(input.path, maskSecrets(input.text, { shell: args.shell }));
    const report = renderStylish([{ file: shown, diagnostics: result.diagnostics }], { colour: useColour(process.stderr) });
    if (report) process.stderr.write(report);
    if (result.value !== '') {
      if (args.out) {
        writeFileAtomic(args.out, result.value);
        process.stderr.write(`wrote ${args.out}\n`);
      } else process.stdout.write(result.value);
    }
    process.exitCode = result.value === '' || hasErrors(result.diagnostics) ? 1 : 0;
  },
};

function commandInput(args: ArgumentsCamelCase<ImportArgs>): { path: string; text: string } {
  // yargs leaves the words after `--` in `_` (after the command's own name).
  const words = [...(args.command ?? []), ...args._.slice(1).map(String)];
  if (args.file !== undefined) {
    if (words.length > 0) throw new UsageError('DLG0002', 'give the curl command either as an argument or with --file, not both');
    return readInput(args.file);
  }
  if (words.length === 0) {
    // Piped in (`pbpaste | deluge import`), as with `-`; at a terminal, nothing was given.
    if (process.stdin.isTTY) throw new UsageError('DLG0002', "give the curl command as one argument, '-' to read it from stdin, or --file FILE");
    const piped = readInput('-');
    if (piped.text.trim() === '') throw new UsageError('DLG0002', "no curl command: give one as an argument, pipe one in, or use --file FILE");
    return piped;
  }
  if (words.length === 1 && (words[0] === '-' || words[0] === STDIN_ARGUMENT)) return readInput('-');
  // `deluge import request.sh`: a file's name where the command goes would be read as a command that is not curl.
  if (words.length === 1 && /^\S+$/.test(words[0]!) && !/^curl(?:\.exe)?$/i.test(words[0]!) && isFile(words[0]!)) {
    throw new UsageError('DLG0002', `'${words[0]}' is a file, not a curl command: read the command from it with --file ${words[0]}`);
  }
  // One argument is the command as pasted; several are words the shell already split (`-- curl -X POST …`), joined
  // back as bash reads them (and as `emit --to curl` writes them): bare where they need no quotes.
  return { path: '<command>', text: words.length === 1 ? words[0]! : words.map((word) => quoteWord([text(word)], 'bash')).join(' ') };
}

function isFile(path: string): boolean {
  try {
    return statSync(resolve(process.cwd(), path)).isFile();
  } catch {
    return false;
  }
}
