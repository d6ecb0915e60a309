// Bundles the CLI and the library with esbuild: a few dozen files, so start-up does not resolve hundreds of modules (the
// CLI's dist/chunks/ holds each command's module, what one command loads on demand, and the code they share).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };
// What is imported dynamically goes into a chunk of its own, read only when it is needed: each command's module (cli.js
// imports only the one being run: src/cli/main.ts), and what a command loads on demand (`extract`'s Markdown and HTML
// parsers, the TypeScript emitter, undici: half a megabyte to a megabyte each). Bundled into cli.js, each made every
// command's start-up parse it; the code such chunks share goes into more chunks. Chunks sit one folder below cli.js,
// so code that finds files from import.meta.url must stay in cli.js.
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
