/** When the playground re-analyses after a keystroke: soon, unless a long script is analysed on the page's thread. */
import { describe, expect, test } from 'vitest';
import { analysisDelay, QUICK_DELAY_MS, SLOWEST_DELAY_MS } from '../../web/src/pacing.js';

describe('analysis pacing', () => {
  test('in the worker, every analysis follows the typing closely: keys never wait for it', () => {
    expect(analysisDelay(0, false)).toBe(QUICK_DELAY_MS);
    expect(analysisDelay(1000, false)).toBe(QUICK_DELAY_MS);
    expect(analysisDelay(60_000, false)).toBe(QUICK_DELAY_MS);
  });

  test('on the page, a quick analysis follows the typing closely', () => {
    expect(analysisDelay(0, true)).toBe(QUICK_DELAY_MS);
    expect(analysisDelay(30, true)).toBe(QUICK_DELAY_MS);
  });

  test('on the page, a slow analysis (a script of a few hundred KB) waits until a typist’s pause, not between two keys', () => {
    // Keys come every 150–300 ms: a run that starts between two of them holds the next ones for its whole length.
    expect(analysisDelay(250, true)).toBeGreaterThanOrEqual(500);
    expect(analysisDelay(1000, true)).toBeGreaterThanOrEqual(2000);
    expect(analysisDelay(60_000, true)).toBe(SLOWEST_DELAY_MS);
  });
});
