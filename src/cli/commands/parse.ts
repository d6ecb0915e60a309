import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { renderStylish } from '../../diagnostics/render.js';
import { SourceFile } from '../../source/source-file.js';
import { parse } from '../../syntax/parse.js';
import { checkGivenConfig } from '../config.js';
import { DOCS_OPTION, readInput, UNUSED_CONFIG_OPTION, UsageError, useColour } from '../io.js';
import { COMMAND_USAGE } from './usage.js';

interface ParseArgs {
  file: string;
  ast: boolean | undefined;
  tokens: boolean | undefined;
  docs: boolean | undefined;
  config: string | undefined;
}

export const parseCommand: CommandModule<object, ParseArgs> = {
  ...COMMAND_USAGE.parse,
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: "the file ('-' for stdin)" })
      .option('ast', { type: 'boolean', describe: 'print the AST (the default)' })
      .option('tokens', { type: 'boolean', describe: 'print the tokens instead of the AST' })
      .conflicts('ast', 'tokens')
      // cli.md's `--json` convention: the output is JSON already, so the flag is taken and changes nothing.
      .option('json', { type: 'boolean', describe: 'the output is JSON in any case (accepted, as by the other commands)' })
      .option('docs', DOCS_OPTION)
      .option('config', UNUSED_CONFIG_OPTION) as unknown as Argv<ParseArgs>,
  handler: (args: ArgumentsCamelCase<ParseArgs>) => {
    checkGivenConfig(args.config);
    const input = readInput(args.file);
    const file = new SourceFile(input.path, input.text);
    const result = parse(input.text, { docs: args.docs ?? 'auto' });
    if (args.tokens) {
      const tokens = result.tokens.map((t) => {
        const { line, column } = file.position(t.startOffset);
        return { type: t.tokenType.name, image: t.image, start: t.startOffset, end: t.startOffset + t.image.length, line, column };
      });
      process.stdout.write(`${printedJson(tokens)}\n`);
    } else {
      process.stdout.write(`${printedJson(result.value)}\n`);
    }
    const report = renderStylish([{ file, diagnostics: result.diagnostics }], { colour: useColour(process.stderr) });
    if (report) process.stderr.write(report);
    process.exitCode = hasErrors(result.diagnostics) ? 1 : 0;
  },
};

/**
 * The value as indented JSON, else (too long for a text: a deep tree's indentation grows with the square of its
 * depth, and 58 KB of `a + a + …` gave "internal error: Invalid string length") as compact JSON, else DLG0003.
 */
export function printedJson(value: unknown): string {
  for (const indent of [2, undefined]) {
    try {
      return JSON.stringify(value, null, indent);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  throw new UsageError('DLG0003', 'the tree is too large to print as JSON (longer than a text may be)');
}
