import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { dgFixtures } from '../helpers/fixtures.js';
import { deluge } from './programs.js';
import { formatProblems } from './same-program.js';

/**
 * What `deluge fmt` promises, checked on every construct fixture, every example and generated programs: the
 * output parses to the same program (positions aside, braces added and stray `;` dropped), keeps every
 * comment, and formatting it again changes nothing. The suite runs 300 generated programs; run many more
 * locally with `FMT_RUNS=10000 npx vitest run test/format/properties.test.ts`.
 */

const RUNS = Number(process.env['FMT_RUNS'] ?? 300);

const constructs = dgFixtures(new URL('../syntax/fixtures/constructs/', import.meta.url));
const examplesDir = new URL('../../examples/', import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.dg'))
  .sort()
  .map((file) => ({ name: file, text: readFileSync(new URL(file, examplesDir), 'utf8') }));

const foundDir = new URL('./found/', import.meta.url);
const found = readdirSync(foundDir)
  .sort()
  .map((file) => ({ name: file, text: readFileSync(new URL(file, foundDir), 'utf8') }));

describe('format keeps meaning and comments, and is idempotent', () => {
  it.each(constructs.map((f) => [f.name, f.text] as const))('construct fixture %s', (_name, text) => {
    expect(formatProblems(text)).toEqual([]);
  });

  it.each(examples.map((f) => [f.name, f.text] as const))('example %s', (_name, text) => {
    expect(formatProblems(text)).toEqual([]);
  });

  // Programs the generated ones below once failed on (shrunk), kept whatever the seed.
  it.each(found.map((f) => [f.name, f.text] as const))('found %s', (_name, text) => {
    expect(parse(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(formatProblems(text)).toEqual([]);
  });

  it(`on ${RUNS} generated programs`, () => {
    fc.assert(
      fc.property(deluge, (text) => {
        // The generator must make valid Deluge, or the property proves nothing.
        expect(parse(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(formatProblems(text)).toEqual([]);
      }),
      // A failure found is reported after at most a minute of shrinking (about 10 ms a program, some 3 s in all):
      // shrinking a large program ran on for half an hour once, and a synchronous property cannot be timed out.
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000 + RUNS * 100, markInterruptAsFailure: true },
    );
  }, 600_000);
});
