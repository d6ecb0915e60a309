// Preloaded (`node --import`) into emitted programs a test runs: the waits between attempts of a request (node's
// timers/promises setTimeout, the program's only wait) take no real time. Each is reported on stderr as
// `[wait N ms]` and ends when the test writes a line to the program's stdin, so that the test can record it and
// change the world in between (start the server that refused the first connection); or, as node's does, when the
// program's abort signal ends it (Ctrl-C during the wait), the test then writing nothing.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const timers = createRequire(import.meta.url)('node:timers/promises');
const waiting = [];
let buffered = '';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
    buffered = buffered.slice(end + 1);
    waiting.shift()?.();
  }
  // stdin is not read, and does not keep the program alive, between waits: it ends when it is done.
  if (waiting.length === 0) process.stdin.pause().unref();
});
process.stdin.pause().unref();

const aborted = () => new DOMException('The operation was aborted', 'AbortError');

timers.setTimeout = (ms, value, { signal } = {}) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const release = () => resolve(value);
    waiting.push(release);
    signal?.addEventListener(
      'abort',
      () => {
        const at = waiting.indexOf(release);
        if (at < 0) return;
        waiting.splice(at, 1);
        if (waiting.length === 0) process.stdin.pause().unref();
        reject(aborted());
      },
      { once: true },
    );
    process.stderr.write(`[wait ${ms} ms]\n`);
    process.stdin.ref().resume();
  });
syncBuiltinESMExports();
