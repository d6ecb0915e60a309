/**
 * When the page analyses the text again after a keystroke. Analysing runs on the page's only thread: a script of a
 * few hundred KB takes about a second, during which keys wait. So the pause that starts a run grows with the last
 * run's length: a burst of typing (a key every 150–300 ms) runs nothing, and the run comes once the typing stops.
 */

/** The pause after a keystroke for a short script: the problems follow the typing closely. */
export const QUICK_DELAY_MS = 120;
/** The longest pause, for the largest scripts. */
export const SLOWEST_DELAY_MS = 2500;

/** The pause (ms) after a keystroke before analysing, given how long the last analysis took (ms). */
export function analysisDelay(lastAnalysisMs: number): number {
  return Math.round(Math.min(SLOWEST_DELAY_MS, Math.max(QUICK_DELAY_MS, 2 * lastAnalysisMs)));
}
