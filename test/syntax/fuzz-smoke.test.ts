/**
 * A few thousand inputs of the parser fuzzer (scripts/fuzz.ts) on every test run: random Unicode, token soup
 * and mutated snippets / examples. The parser must never throw, every diagnostic span must lie in the text,
 * and the CLI's renderers must cope with the result. The long run is `npm run fuzz -- --count 1000000`.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpus, checkInput, FuzzGenerator, runRange, shrink } from '../../scripts/fuzz.js';

const SEED = 20240601;

describe('parser fuzz smoke test', () => {
  it('generates the same stream for the same seed, and different streams for different seeds', () => {
    const corpus = buildCorpus();
    const a = new FuzzGenerator(SEED, corpus);
    const b = new FuzzGenerator(SEED, corpus);
    const c = new FuzzGenerator(SEED + 1, corpus);
    const first = Array.from({ length: 50 }, (_, i) => a.input(i).text);
    expect(Array.from({ length: 50 }, (_, i) => b.input(i).text)).toEqual(first);
    expect(Array.from({ length: 50 }, (_, i) => c.input(i).text)).not.toEqual(first);
    // Any input can be regenerated alone from its index.
    expect(new FuzzGenerator(SEED, corpus).input(37).text).toBe(first[37]);
  });

  it('mixes the three kinds of input', () => {
    const g = new FuzzGenerator(SEED);
    const kinds = new Set(Array.from({ length: 200 }, (_, i) => g.input(i).kind));
    expect([...kinds].sort()).toEqual(['mutation', 'soup', 'unicode']);
  });

  it('checks clean and broken text alike, and shrinks a failing input to its core', () => {
    expect(checkInput('x = 1;\n')).toBeUndefined();
    expect(checkInput('x = (1 +;\n\u201c')).toBeUndefined();
    // A stand-in failure: "contains a `?` and a `:`".
    const fails = (t: string) => t.includes('?') && t.includes(':');
    expect(shrink('label = score > 50 ? "pass" : "fail";', fails, 5000)).toBe('?:');
  });

  it('survives ~3,000 inputs', { timeout: 120_000 }, () => {
    const stats = runRange(SEED, 0, 3000, { keepGoing: true, minimiseMs: 5000 });
    const report = stats.failures.map((f) => `#${f.index} (${f.kind}): ${f.problem}\n  minimal: ${JSON.stringify(f.minimal)}`);
    expect(report).toEqual([]);
    expect(stats.count).toBe(3000);
  });
});
