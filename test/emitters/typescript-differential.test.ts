import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAndExecute, type Comparison } from '../helpers/emitted-batch.js';
import { runnableScript } from '../helpers/runnable-scripts.js';

/**
 * A differential test: generated scripts (test/helpers/runnable-scripts.ts: variables of every type, operators that
 * mix them, text, number, date-time, JSON and collection functions, typed lists, if/else, for each, break/continue,
 * try/catch, a function, an early return) are run by `deluge run` and as the program `deluge emit --to typescript` makes of each, all programs in one `node`. Both
 * must print the same `info` lines (caught errors' messages too) and stop at the same point, with the same error
 * code. A fixed seed keeps it deterministic; a failure prints each script that differs, with both outputs.
 */
const SEED = 20_260_301;
const RUNS = 220;

describe('emitted TypeScript behaves as deluge run on generated scripts', () => {
  it(`prints the same lines and stops at the same point (${RUNS} scripts, seed ${SEED})`, async () => {
    const scripts = fc.sample(runnableScript, { seed: SEED, numRuns: RUNS });
    const comparisons = await runAndExecute(scripts);
    const compared = comparisons.filter((c): c is Exclude<Comparison, { skipped: string }> => !('skipped' in c));
    // The generator is meant to make scripts the emitter converts, most of which run past their first statements.
    expect(compared.length).toBeGreaterThan(RUNS * 0.9);
    expect(compared.filter((c) => c.run.stopped === undefined).length).toBeGreaterThan(RUNS * 0.3);
    const differences = compared
      .filter((c) => c.run.info !== c.program.info || c.run.stopped !== c.program.stopped)
      .map((c) => `${c.script}--- deluge run (${c.run.stopped ?? 'completed'}):\n${c.run.info}\n--- program (${c.program.stopped ?? 'completed'}):\n${c.program.info}`);
    expect(differences).toEqual([]);
  }, 60_000);
});
