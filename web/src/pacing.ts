/**
 * When the page analyses the text again after a change. The analysis runs in a worker (./analyser.ts): keys never
 * wait for it, and a short pause only lets a burst of keys make one request rather than one each. Where it runs on
 * the page's own thread instead (the worker could not start), a script of a few hundred KB takes a second or more,
 * during which keys wait: there the pause grows with the last run's length, so that a burst of typing (a key every
 * 150–300 ms) runs nothing, and the run comes once the typing stops.
 */

/** The pause after a keystroke: the problems follow the typing closely. */
export const QUICK_DELAY_MS = 120;
/** The longest pause, for the largest scripts analysed on the page's thread. */
export const SLOWEST_DELAY_MS = 2500;

/** The pause (ms) after a keystroke before analysing, given how long the last analysis took (ms) and where it runs. */
export function analysisDelay(lastAnalysisMs: number, onPage: boolean): number {
  if (!onPage) return QUICK_DELAY_MS;
  return Math.round(Math.min(SLOWEST_DELAY_MS, Math.max(QUICK_DELAY_MS, 2 * lastAnalysisMs)));
}
