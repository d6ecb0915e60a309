import { setFlagsFromString } from 'node:v8';

/**
 * undici parses HTTP with llhttp compiled to WebAssembly. V8 first compiles it with its baseline compiler, and once
 * the parser has run a little, starts optimizing its large main function on a background thread; a process cannot
 * end before that compile has finished, not even through `process.exit`. So every `deluge run` that sent a request
 * waited about 0.2 s at its end (measured on Node 20: 170–190 ms between the last close and the exit, 1–2 ms with
 * these flags; `deluge run --sandbox` of the docs' sample: 0.90 → 0.67 s, medians of 10 runs each, alternated). A
 * run's requests wait on the network far longer than on the baseline parser, so the parser stays there. The flags are
 * set before undici is loaded (it is imported on the first request), by the commands that send requests (`run`,
 * `connections`), and only on the Node majors known to have them: V8 prints an error for a flag it does not know.
 */
export function keepWebAssemblyAtBaseline(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 20 && major <= 24) setFlagsFromString('--no-wasm-tier-up --no-wasm-dynamic-tiering');
}
