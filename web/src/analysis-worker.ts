/**
 * The playground's analysis worker: lints and converts (./convert.ts) off the page's thread, so that typing,
 * scrolling and clicks never wait for it. The page (./analyser.ts) sends one request at a time and the next once
 * this one is answered.
 */
import type { AnalysisAnswer, AnalysisRequest } from './analyser.js';
import { analyse } from './convert.js';

// The worker's own types (lib "webworker" cannot be mixed with the page's "dom" in one program): what is used.
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalysisRequest>) => void): void;
  postMessage(answer: AnalysisAnswer): void;
  reportError(error: unknown): void;
}

const scope = self as unknown as WorkerScope;

scope.addEventListener('message', ({ data: { generation, state } }) => {
  analyse(state)
    .then((analysis) => scope.postMessage({ generation, analysis }))
    // An answer that cannot be sent: the worker's error event tells the page to analyse on its own thread.
    .catch((error: unknown) => scope.reportError(error));
});
