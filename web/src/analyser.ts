/**
 * Runs the analysis (./convert.ts) in a module worker (./analysis-worker.ts), started with the page: one request at
 * a time, the newest kept while it is busy (./latest-only.ts). When the worker cannot start or stops working (its
 * script does not load, it throws), the analysis runs on the page instead, as it does where workers are missing: the
 * same results, but typing in a long script then waits for each analysis.
 */
import type { Analysis } from './convert.js';
import { LatestOnly } from './latest-only.js';
import type { PlaygroundState } from './share.js';

// Set by scripts/build-playground.mjs: the worker's file name, content hash and all.
declare const __ANALYSIS_WORKER__: string;

export interface AnalysisRequest {
  /** The state's number, one more at each change: the page shows the answer for its current state only. */
  readonly generation: number;
  readonly state: PlaygroundState;
}

export interface AnalysisAnswer {
  readonly generation: number;
  readonly analysis: Analysis;
}

/**
 * How long the worker may take over one request before it is stopped and started again. The curl and TypeScript
 * outputs run the script, and a regular expression that backtracks (`"aaa…!".matches("(a+)+$")`) cannot be
 * interrupted in a browser: the worker answered nothing more, and every later change waited behind it for good.
 */
export const ANALYSIS_LIMIT_MS = 5_000;

export class Analyser {
  private worker: Worker | undefined;
  /** Stops the worker if the request out is not answered in time. */
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private readonly requests = new LatestOnly<AnalysisRequest>((request) => {
    this.watchdog = setTimeout(() => this.restart(), ANALYSIS_LIMIT_MS);
    this.worker!.postMessage(request);
  });
  private convert: Promise<typeof import('./convert.js')> | undefined;

  constructor(private readonly answered: (answer: AnalysisAnswer) => void) {
    this.worker = this.startWorker();
  }

  private startWorker(): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(new URL(__ANALYSIS_WORKER__, import.meta.url), { type: 'module', name: 'analysis' });
    } catch {
      return undefined;
    }
    worker.addEventListener('message', (event: MessageEvent<AnalysisAnswer>) => {
      clearTimeout(this.watchdog);
      this.requests.answered();
      this.answered(event.data);
    });
    // A module that fails to load, or an exception the analysis lets out: the worker can be trusted no more.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.runOnPage();
    });
    worker.addEventListener('messageerror', () => this.runOnPage());
    return worker;
  }

  /** The request out took too long: its state is said to be too slow to convert, and a new worker takes the newest. */
  private restart(): void {
    const stuck = this.requests.out;
    this.worker?.terminate();
    this.worker = this.startWorker();
    const newest = this.requests.abandon();
    if (stuck) {
      const note = `Stopped after ${ANALYSIS_LIMIT_MS / 1000} s: the script ran that long while its requests were recorded (a regular expression that backtracks on a long text?). Check the script with deluge run, which stops it at its time limit.`;
      this.answered({ generation: stuck.generation, analysis: { conversion: { text: '', note, warnings: [] } } });
    }
    if (newest && newest !== stuck) this.request(newest);
  }

  /** Whether the analysis runs off the page's thread (or on it, every keystroke waiting for it). */
  get inWorker(): boolean {
    return this.worker !== undefined;
  }

  request(request: AnalysisRequest): void {
    if (this.worker) this.requests.request(request);
    else void this.analyseHere(request);
  }

  private runOnPage(): void {
    clearTimeout(this.watchdog);
    this.worker?.terminate();
    this.worker = undefined;
    // The worker's last request is answered here; older ones would be thrown away.
    const newest = this.requests.abandon();
    if (newest) void this.analyseHere(newest);
  }

  private async analyseHere({ generation, state }: AnalysisRequest): Promise<void> {
    let analysis: Analysis;
    try {
      const { analyse } = await (this.convert ??= import('./convert.js'));
      analysis = await analyse(state);
    } catch (error) {
      // The library's script could not be loaded either (the network gone before the page was kept offline).
      this.convert = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      analysis = { conversion: { text: '', note: `The converter could not be loaded (${reason}): reload the page.`, warnings: [] } };
    }
    this.answered({ generation, analysis });
  }
}
