import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { checkGivenConfig } from '../config.js';
import { readInput, refuseEmptyPath, UNUSED_CONFIG_OPTION, withJsonFlag, writeFileAtomic } from '../io.js';
import { COMMAND_USAGE } from './usage.js';

interface ExtractArgs {
  file: string;
  json: boolean;
  toDir: string | undefined;
  config: string | undefined;
}

export const extractCommand: CommandModule<object, ExtractArgs> = {
  ...COMMAND_USAGE.extract,
  builder: (y: Argv) =>
    withJsonFlag(y, 'json')
      .positional('file', { type: 'string', demandOption: true, describe: "the page ('-' for stdin): .md or .html, else told by how it starts" })
      .option('json', { type: 'boolean', default: false, describe: 'print [{kind, n, line, text}]' })
      .option('to-dir', { requiresArg: true, type: 'string', describe: 'write 01.dg, 02.curl, … into this folder' })
      .option('config', UNUSED_CONFIG_OPTION) as unknown as Argv<ExtractArgs>,
  handler: async (args: ArgumentsCamelCase<ExtractArgs>) => {
    checkGivenConfig(args.config);
    const input = readInput(args.file);
    // Loaded here, not with the command line: the Markdown and HTML parsers are for this command only.
    const { extractSamples, pageType } = await import('../../syntax/extract.js');
    const as = pageType(input.text, input.path);
    const samples = extractSamples(input.text, { as });
    if (samples.length === 0) {
      process.stderr.write(`note: no Deluge or curl samples found in ${input.path} (read as ${as === 'html' ? 'HTML' : 'Markdown'})\n`);
    }
    refuseEmptyPath('--to-dir', args.toDir, 'the folder to write the samples to');
    if (args.toDir) {
      const width = Math.max(2, String(samples.length).length);
      const written = samples.map((s) => {
        const file = join(args.toDir!, `${String(s.n).padStart(width, '0')}.${s.kind === 'deluge' ? 'dg' : 'curl'}`);
        writeFileAtomic(file, s.text);
        return { ...s, file };
      });
      process.stderr.write(`wrote ${samples.length} sample${samples.length === 1 ? '' : 's'} to ${args.toDir}\n`);
      // --json still gives the samples, each with the file it was written to.
      if (args.json) process.stdout.write(`${JSON.stringify(written)}\n`);
    } else if (args.json) {
      process.stdout.write(`${JSON.stringify(samples)}\n`);
    } else {
      process.stdout.write(samples.map((s) => `--- ${s.kind} #${s.n} (line ${s.line})\n${s.text}`).join(''));
    }
    process.exitCode = 0;
  },
};
