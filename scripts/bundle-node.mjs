// One esbuild configuration for the benchmarks that run bundled (as the CLI ships: dist/ is an esbuild bundle):
// an ES module for Node, with `require` available to the CommonJS packages inside it.
import { build } from 'esbuild';

/** Bundles `entry` (TypeScript or JavaScript) into `outfile`; `nodePaths` where packages are looked for besides. */
export async function bundleForNode(entry, outfile, { nodePaths = [] } = {}) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    nodePaths,
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  });
}
