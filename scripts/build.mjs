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
 * Packages that cost start-up time as they are imported, though most runs never call them:
 * - string-width makes an Intl.Segmenter and emoji regular expressions (about 50 ms, a sixth of every command's
 *   start-up); only a code frame or yargs' help measures a text;
 * - tinyglobby brings picomatch and fdir (about 10 ms); only a folder or a glob pattern among the file arguments is
 *   searched;
 * - the @noble ciphers and hashes compute their AES tables and SHA-512 constants (about 10 ms of `lint` and `run`,
 *   which declare the zoho.encryption builtins); only those builtins use them.
 * Every import of one (ours, yargs', cliui's) gets a stand-in: each export named here is a proxy that loads the package
 * when it is first called or read from (`hmac(sha256, …)` reads `sha256.create`). Reached by `require`, esbuild
 * bundles the package as a module run when first required. An export missing here is a build error.
 */
const LOADED_ON_FIRST_USE = {
  'string-width': ['default'],
  tinyglobby: ['globSync', 'isDynamicPattern'],
  '@noble/ciphers/aes.js': ['cbc'],
  '@noble/hashes/hmac.js': ['hmac'],
  '@noble/hashes/legacy.js': ['md5', 'sha1'],
  '@noble/hashes/sha2.js': ['sha256', 'sha512'],
};
const loadedOnFirstUse = {
  name: 'loaded-on-first-use',
  setup(build) {
    const escaped = Object.keys(LOADED_ON_FIRST_USE).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${escaped.join('|')})$`) }, (args) =>
      args.namespace === 'first-use' ? undefined : { path: args.path, namespace: 'first-use' },
    );
    build.onLoad({ filter: /.*/, namespace: 'first-use' }, ({ path }) => {
      const lines = [
        `let loaded; const load = () => (loaded ??= require(${JSON.stringify(path)}));`,
        // An arrow function as the target: it has no own property a proxy would have to report as it is.
        'const standIn = (name) => new Proxy(() => {}, { apply: (_, self, args) => Reflect.apply(load()[name], self, args), get: (_, key) => load()[name][key] });',
        ...LOADED_ON_FIRST_USE[path].map((name) => (name === 'default' ? "export default standIn('default');" : `export const ${name} = standIn('${name}');`)),
      ];
      return { resolveDir: process.cwd(), contents: lines.join('\n') };
    });
  },
};

await build({
  ...common,
  plugins: [loadedOnFirstUse],
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // yargs and friends are CommonJS-free ESM; a require shim keeps any CJS dependency working in the bundle.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', packages: 'external' });
