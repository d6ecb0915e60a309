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

/**
 * Packages that cost start-up time as they are imported, though most runs never call them: string-width makes an
 * Intl.Segmenter and emoji regular expressions (about 50 ms, a sixth of every command's start-up; only a code frame
 * or yargs' help measures a text), tinyglobby brings picomatch and fdir (about 10 ms; only a folder or a glob pattern
 * among the file arguments is searched). Every import of one (ours, yargs', cliui's) gets a stand-in with the same
 * exports that loads the package at its first call: reached by `require`, esbuild bundles it as a module run when
 * first required. An export missing from this list is a build error ("No matching export").
 */
const LOADED_ON_FIRST_CALL = { 'string-width': ['default'], tinyglobby: ['globSync', 'isDynamicPattern'] };
const loadedOnFirstCall = {
  name: 'loaded-on-first-call',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LOADED_ON_FIRST_CALL).join('|')})$`);
    build.onResolve({ filter }, (args) => (args.namespace === 'on-first-call' ? undefined : { path: args.path, namespace: 'on-first-call' }));
    build.onLoad({ filter: /.*/, namespace: 'on-first-call' }, ({ path }) => {
      const load = `let loaded; const load = () => (loaded ??= require(${JSON.stringify(path)}));`;
      const exports = LOADED_ON_FIRST_CALL[path].map((name) =>
        name === 'default' ? 'export default function (...args) { return load().default(...args); }' : `export function ${name}(...args) { return load().${name}(...args); }`,
      );
      return { resolveDir: process.cwd(), contents: [load, ...exports].join('\n') };
    });
  },
};

await build({
  ...common,
  plugins: [loadedOnFirstCall],
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // yargs and friends are CommonJS-free ESM; a require shim keeps any CJS dependency working in the bundle.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', packages: 'external' });
