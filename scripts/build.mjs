// Bundles the CLI and the library with esbuild: a few files, so start-up does not resolve hundreds of modules (the CLI's
// dist/chunks/ holds what one command loads on demand, and the code cli.js shares with those).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };
// What a command imports dynamically (`extract`'s Markdown and HTML parsers, the TypeScript emitter, undici: half a
// megabyte to a megabyte each) goes into a chunk of its own, read only when that command runs: bundled into cli.js it
// made every command's start-up parse it; the code cli.js shares with such a chunk goes into one more. Chunks sit one
// folder below cli.js, so code that finds files from import.meta.url must stay in cli.js.
rmSync('dist/chunks', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // yargs and friends are CommonJS-free ESM; a require shim keeps any CJS dependency working in the bundle.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', packages: 'external' });
