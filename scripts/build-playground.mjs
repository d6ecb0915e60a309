// Builds the web playground (web/) into web/dist/: index.html, the page's script, the analysis worker's script and the
// chunks they share (minified), one stylesheet, all with content hashes in their names, and the service worker
// (sw.js) that keeps them for offline use. Prints each file's size, raw and gzipped, and writes them to sizes.json.
// `node scripts/build-playground.mjs [--quiet]`.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const out = join(web, 'dist');
const quiet = process.argv.includes('--quiet');

/** The browsers the page is written for: those with CompressionStream('deflate-raw') and CSS :has(). */
const TARGET = ['chrome105', 'firefox121', 'safari16.4', 'edge105'];

/**
 * The page's script, the analysis worker's (web/src/analysis-worker.ts) and the stylesheet, in one build: the library
 * code that both scripts use (the parser the link's secret masking needs) goes into chunks they share, and the page's
 * own import of web/src/convert.ts (where the worker cannot run) into the worker's chunks.
 * @param {string} workerFile the worker's file name, as the page's script starts it
 * @param {boolean} write whether to write the files into web/dist/
 */
async function buildScripts(workerFile, write) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: 'web/src/main.ts', analysis: 'web/src/analysis-worker.ts', style: 'web/src/style.css' },
    bundle: true,
    splitting: true,
    // A Node.js built-in anywhere in the graph fails here (test/web/no-node-imports.test.ts names the import chain).
    platform: 'browser',
    format: 'esm',
    target: TARGET,
    minify: true,
    legalComments: 'none',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outdir: out,
    write,
    metafile: true,
    define: { __ANALYSIS_WORKER__: JSON.stringify(`./${workerFile}`) },
    logLevel: 'error',
  }).catch(() => {
    // esbuild has printed the errors with their locations.
    console.error('The playground could not be built. `npx vitest run test/web` shows which imports bring in Node.js modules.');
    process.exit(1);
  });
  const outputs = Object.entries(result.metafile.outputs).map(([path, output]) => ({ file: basename(path), entry: output.entryPoint }));
  const entry = (/** @type {string} */ source) => outputs.find((o) => o.entry === source)?.file;
  const found = { script: entry('web/src/main.ts'), worker: entry('web/src/analysis-worker.ts'), stylesheet: entry('web/src/style.css') };
  const chunks = outputs.filter((o) => o.file.startsWith('chunk-') && o.file.endsWith('.js')).map((o) => o.file);
  if (!found.script || !found.worker || !found.stylesheet) throw new Error(`esbuild wrote ${outputs.map((o) => o.file).join(', ')}: expected app, analysis and style files`);
  return { script: found.script, worker: found.worker, stylesheet: found.stylesheet, chunks };
}

// The worker's name has a hash of its content, which the page's script does not change: a first build finds it, a
// second one writes it into the page's script (whose own hash then covers it).
const { worker } = await buildScripts('analysis.js', false);
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const { script, stylesheet, chunks, worker: rebuiltWorker } = await buildScripts(worker, true);
if (rebuiltWorker !== worker) throw new Error(`the analysis worker was ${worker}, then ${rebuiltWorker}: its name must not depend on the page's script`);
const scripts = [script, worker, ...chunks];

const template = await readFile(join(web, 'index.html'), 'utf8');
const html = template.replace('%APP_JS%', `./${script}`).replace('%APP_CSS%', `./${stylesheet}`);
if (html.includes('%APP_')) throw new Error('web/index.html: a placeholder was not replaced');
await writeAtomically(join(out, 'index.html'), html);

// The cache name changes whenever any file does, so a new build replaces the offline copy.
const files = ['./', ...[...scripts, stylesheet].map((f) => `./${f}`)];
const hash = createHash('sha256').update(html);
for (const f of [...scripts, stylesheet]) hash.update(await readFile(join(out, f)));
const version = hash.digest('hex').slice(0, 16);
await build({
  absWorkingDir: root,
  entryPoints: ['web/src/sw.ts'],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: TARGET,
  minify: true,
  legalComments: 'none',
  outfile: join(out, 'sw.js'),
  define: { __PLAYGROUND_VERSION__: JSON.stringify(version), __PLAYGROUND_FILES__: JSON.stringify(files) },
  logLevel: 'warning',
});

const sizes = [];
for (const f of ['index.html', ...scripts, stylesheet, 'sw.js']) {
  const bytes = await readFile(join(out, f));
  sizes.push({ file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}
const total = { file: 'total', bytes: sum(sizes, 'bytes'), gzip: sum(sizes, 'gzip') };
await writeAtomically(join(out, 'sizes.json'), `${JSON.stringify({ version, files: sizes, total }, null, 2)}\n`);
if (!quiet) {
  const width = Math.max(...sizes.map((s) => s.file.length), 5);
  console.log(`playground built in ${relative(process.cwd(), out) || '.'}/`);
  for (const s of [...sizes, total]) console.log(`  ${s.file.padEnd(width)}  ${kb(s.bytes).padStart(9)}  ${kb(s.gzip).padStart(9)} gzip`);
}

/** @param {{ bytes: number, gzip: number }[]} list @param {'bytes' | 'gzip'} key */
function sum(list, key) {
  return list.reduce((n, s) => n + s[key], 0);
}

/** @param {number} n */
function kb(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

/** @param {string} path @param {string} text */
async function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
