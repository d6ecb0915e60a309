import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { renderStylish, shownPath } from '../../diagnostics/render.js';
import { format } from '../../format/index.js';
import { SourceFile } from '../../source/source-file.js';
import { loadConfig } from '../config.js';
import { expandFileArguments } from '../inputs.js';
import { CONFIG_OPTION, DOCS_OPTION, readInput, STDIN_ARGUMENT, UsageError, usageErrorText, useColour, writeFileAtomic } from '../io.js';
import { COMMAND_USAGE } from './usage.js';

interface FmtArgs {
  config: string | undefined;
  files: string[] | undefined;
  /** `--stdin-filename NAME`: the name standard input is reported under (and, with no file named, read as). */
  stdinFilename: string | undefined;
  write: boolean | undefined;
  check: boolean | undefined;
  docs: boolean | undefined;
}

/**
 * `deluge fmt`: one file → its formatted text on stdout; `--write` rewrites the files that change (listed on
 * stderr); `--check` lists them on stdout and exits 1. Several files need `--write` or `--check` (their texts
 * run together on stdout would be of no use). A file with syntax errors is left as it is, its diagnostics go
 * to stderr and the exit code is 1.
 */
export const fmtCommand: CommandModule<object, FmtArgs> = {
  ...COMMAND_USAGE.fmt,
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: "files, folders (their .dg and .deluge files) or quoted glob patterns to format ('-' for stdin)" })
      .option('write', { type: 'boolean', describe: 'rewrite the files that are not formatted (listed on stderr)' })
      .option('check', { type: 'boolean', describe: 'list the files that are not formatted; exit 1 if any' })
      .conflicts('write', 'check')
      .option('stdin-filename', { requiresArg: true, type: 'string', describe: "the file name to report standard input under ('-', or no file named)" })
      .option('config', CONFIG_OPTION)
      .option('docs', DOCS_OPTION) as unknown as Argv<FmtArgs>,
  handler: (args: ArgumentsCamelCase<FmtArgs>) => {
    const named = args.files ?? [];
    if (named.length === 0 && args.stdinFilename === undefined) throw new UsageError('DLG0002', "name the files to format ('-' for standard input)");
    const paths = expandFileArguments(named.length === 0 ? ['-'] : named, process.cwd(), loadConfig(args.config));
    if (args.write && paths.some((path) => path === '-' || path === STDIN_ARGUMENT)) {
      throw new UsageError('DLG0002', "--write cannot rewrite standard input: 'deluge fmt -' prints the result");
    }
    // Read every file first: an unreadable one stops the command before anything is rewritten.
    const files = paths.map((path) => {
      const input = readInput(path);
      const name = path === '-' || path === STDIN_ARGUMENT ? (args.stdinFilename ?? input.path) : input.path;
      return { ...input, path: name, result: format(input.text, { docs: args.docs ?? 'auto' }) };
    });
    const broken = files.filter((f) => hasErrors(f.result.diagnostics));
    const report = renderStylish(
      broken.map((f) => ({ file: new SourceFile(f.path, f.text), diagnostics: f.result.diagnostics })),
      { colour: useColour(process.stderr) },
    );
    if (report) process.stderr.write(report);
    const changed = files.filter((f) => f.result.changed);
    if (args.check) {
      for (const f of changed) process.stdout.write(`${shownPath(f.path)}\n`);
    } else if (args.write) {
      // A file that cannot be written is reported and the others are still rewritten, as Prettier does; exit 2 after.
      let unwritable = 0;
      for (const f of changed) {
        try {
          writeFileAtomic(f.path, f.result.value);
          process.stderr.write(`${shownPath(f.path)}\n`);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          process.stderr.write(usageErrorText(error));
          unwritable++;
        }
      }
      if (unwritable > 0) {
        process.exitCode = 2;
        return;
      }
    } else {
      // Each file's formatted text in turn, as Prettier prints several; a file that does not parse is not printed
      // (its errors are on stderr, and the exit code is 1).
      for (const f of files) if (!hasErrors(f.result.diagnostics)) process.stdout.write(f.result.value);
    }
    process.exitCode = broken.length > 0 || (args.check && changed.length > 0) ? 1 : 0;
  },
};
