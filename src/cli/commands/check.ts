import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { check } from '../../check.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { renderStylish, toJsonResult } from '../../diagnostics/render.js';
import { loadConfig } from '../config.js';
import { expandFileArguments } from '../inputs.js';
import { CONFIG_OPTION, DOCS_OPTION, readInput, useColour, withJsonFlag } from '../io.js';
import { COMMAND_USAGE } from './usage.js';

interface CheckArgs {
  config: string | undefined;
  files: string[];
  format: 'stylish' | 'json';
  docs: boolean | undefined;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  ...COMMAND_USAGE.check,
  builder: (y: Argv) =>
    withJsonFlag(y, 'format')
      .positional('files', { type: 'string', array: true, demandOption: true, describe: "files, folders (their .dg and .deluge files) or quoted glob patterns to check ('-' for stdin)" })
      .option('format', { requiresArg: true, choices: ['stylish', 'json'] as const, default: 'stylish' as const, describe: 'output format' })
      .option('config', CONFIG_OPTION)
      .option('docs', DOCS_OPTION) as unknown as Argv<CheckArgs>,
  handler: (args: ArgumentsCamelCase<CheckArgs>) => {
    const results = expandFileArguments(args.files, process.cwd(), loadConfig(args.config)).map((path) => {
      const input = readInput(path);
      return check(input.path, input.text, { docs: args.docs ?? 'auto' });
    });
    if (args.format === 'json') {
      process.stdout.write(`${JSON.stringify(results.map(toJsonResult))}\n`);
    } else {
      const text = renderStylish(results, { colour: useColour(process.stdout) });
      if (text) process.stdout.write(text);
    }
    process.exitCode = results.some((r) => hasErrors(r.diagnostics)) ? 1 : 0;
  },
};
