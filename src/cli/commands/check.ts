import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { check } from '../../check.js';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderStylish } from '../../diagnostics/render.js';
import { safeFixPredicate } from '../../linter/fix.js';
import { parserRuleOf } from '../../linter/registry.js';
import { loadConfig } from '../config.js';
import { expandFileArguments } from '../inputs.js';
import { CONFIG_OPTION, DOCS_OPTION, readInput, useColour, withJsonFlag } from '../io.js';
import { toLintJsonResult } from './lint.js';
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
      const checked = check(input.path, input.text, { docs: args.docs ?? 'auto' });
      return { ...checked, diagnostics: checked.diagnostics.map(asRuleWarning) };
    });
    if (args.format === 'json') {
      // As `lint --format json` gives them: a fix `lint --fix` would not apply (one that changes what the script
      // does, `total == 0;` → `total = 0;`; any in a file with syntax errors, which --fix leaves alone) is a
      // suggestion, not a `fix`.
      const isSafe = safeFixPredicate();
      const json = results.map((result) => {
        const parses = !hasErrors(result.diagnostics);
        const { suppressedMessages: _none, ...shape } = toLintJsonResult(result, (d) => parses && isSafe(d));
        return shape;
      });
      process.stdout.write(`${JSON.stringify(json)}\n`);
    } else {
      const text = renderStylish(results, { colour: useColour(process.stdout) });
      if (text) process.stdout.write(text);
    }
    process.exitCode = results.some((r) => hasErrors(r.diagnostics)) ? 1 : 0;
  },
};

/** A parser warning with the id of the rule that stands for it, as `lint` names it (`syntax` for the others). */
function asRuleWarning(d: Diagnostic): Diagnostic {
  const rule = d.severity === 'warning' ? parserRuleOf(d.code) : undefined;
  return rule ? { ...d, ruleId: rule.meta.id } : d;
}
