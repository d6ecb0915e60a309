/** When the playground re-analyses after a keystroke: soon for a short script, after the typing for a long one. */
import { describe, expect, test } from 'vitest';
import { analysisDelay, QUICK_DELAY_MS, SLOWEST_DELAY_MS } from '../../web/src/pacing.js';

describe('analysis pacing', () => {
  test('a quick analysis follows the typing closely', () => {
    expect(analysisDelay(0)).toBe(QUICK_DELAY_MS);
    expect(analysisDelay(30)).toBe(QUICK_DELAY_MS);
  });

  test('a slow analysis (a script of a few hundred KB) waits until a typist’s pause, not between two keys', () => {
    // Keys come every 150–300 ms: a run that starts between two of them holds the next ones for its whole length.
    expect(analysisDelay(250)).toBeGreaterThanOrEqual(500);
    expect(analysisDelay(1000)).toBeGreaterThanOrEqual(2000);
    expect(analysisDelay(60_000)).toBe(SLOWEST_DELAY_MS);
  });
});
