import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runScript, runScriptAsync, type RunOptions } from '../../src/runtime/run.js';
import { toJsonValue } from '../../src/runtime/json-value.js';
import { parseCases } from '../helpers/cases.js';

/** Runs every annotated case under test/runtime/cases (format: test/runtime/cases/README.md). */
const root = new URL('./cases/', import.meta.url);

function files(dir: URL, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory()
        ? files(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`)
        : entry.name.endsWith('.dg')
          ? [`${prefix}${entry.name}`]
          : [],
    );
}

const DEFAULT_NOW = Date.parse('2020-12-09T17:25:24-08:00');

for (const file of files(root)) {
  const text = readFileSync(new URL(file, root), 'utf8');
  const { options, cases } = parseCases(text);
  describe(file, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const runOptions: RunOptions = {
        fileName: file,
        now: options.now === undefined ? DEFAULT_NOW : Date.parse(options.now),
        clock: () => 0,
        timeZone: options.tz ?? 'America/Los_Angeles',
        ...(options.maxStatements ? { maxStatements: Number(options.maxStatements) } : {}),
      };
      const run = runScript(c.script, runOptions);
      const errors = run.diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`);
      if (c.error) {
        expect(errors.map((e) => e.slice(0, 7)), `errors: ${errors.join('; ')}`).toEqual([c.error]);
      } else {
        expect(errors).toEqual([]);
      }
      expect(run.info).toEqual(c.expected);
      if (c.result !== undefined) {
        expect(run.result === undefined ? null : toJsonValue(run.result)).toEqual(JSON.parse(c.result));
      }
      // The asynchronous interpreter (used with an HTTP task host) must behave exactly the same.
      const asyncRun = await runScriptAsync(c.script, runOptions);
      expect(asyncRun.info).toEqual(run.info);
      expect(asyncRun.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.span, d.diagnostic.message])).toEqual(
        run.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.span, d.diagnostic.message]),
      );
      expect(asyncRun.statements).toBe(run.statements);
    });
  });
}
