/**
 * The web playground bundles the library's own modules (parser, linter, formatter, emitters, importer, the
 * interpreter they run on): none of them may need Node.js. Walks the import graph from the playground's entries (the
 * page's script and its analysis worker's) with esbuild's metafile and names the chain of imports that reaches a
 * Node.js built-in; then checks that the modules do not use Node's globals (`Buffer`, `process`, …), which a bundle
 * for the browser would leave undefined.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
/** As scripts/build-playground.mjs builds them. */
const ENTRIES = ['web/src/main.ts', 'web/src/analysis-worker.ts'];
const BUILTINS = new Set(builtinModules);

function isNodeBuiltin(path: string): boolean {
  return path.startsWith('node:') || BUILTINS.has(path) || BUILTINS.has(path.split('/')[0]!);
}

let cachedGraph: Promise<Metafile> | undefined;

/** The graph as esbuild sees it (built once). A `node` build always succeeds; it marks built-ins as external imports. */
function importGraph(): Promise<Metafile> {
  cachedGraph ??= build({ absWorkingDir: ROOT, entryPoints: ENTRIES, bundle: true, splitting: true, outdir: 'out', platform: 'node', format: 'esm', write: false, metafile: true, logLevel: 'silent' }).then((r) => r.metafile);
  return cachedGraph;
}

/** `web/src/analysis-worker.ts → web/src/convert.ts → … → file`: the shortest import chain from an entry. */
function chainTo(graph: Metafile, target: string): string[] {
  const previous = new Map<string, string>(ENTRIES.map((entry) => [entry, '']));
  const queue = [...ENTRIES];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (file === target) break;
    for (const imported of graph.inputs[file]?.imports ?? []) {
      if (imported.external || previous.has(imported.path)) continue;
      previous.set(imported.path, file);
      queue.push(imported.path);
    }
  }
  const chain = [target];
  for (let at = previous.get(target); at; at = previous.get(at)) chain.unshift(at);
  return chain;
}

describe('the web playground', () => {
  test('reaches no Node.js built-in module from its entries', async () => {
    const graph = await importGraph();
    expect(Object.keys(graph.inputs)).toEqual(expect.arrayContaining(ENTRIES));
    const reached: string[] = [];
    for (const [file, input] of Object.entries(graph.inputs)) {
      for (const imported of input.imports) {
        if (isNodeBuiltin(imported.path)) reached.push(`${chainTo(graph, file).join(' → ')} imports ${imported.path}`);
      }
    }
    // Each line is a chain to cut: make the module at its end browser-safe, or stop importing it there.
    expect(reached.join('\n'), 'import chains from the playground to Node.js built-ins').toBe('');
  });

  test('bundles for the browser platform', async () => {
    const result = await build({ absWorkingDir: ROOT, entryPoints: ENTRIES, bundle: true, splitting: true, outdir: 'out', platform: 'browser', format: 'esm', write: false, logLevel: 'silent' }).catch(
      (error: { errors?: { text: string; location?: { file: string } | null }[] }) => error,
    );
    const errors = 'errors' in result ? (result.errors ?? []).map((e) => `${e.location?.file ?? ''}: ${e.text}`) : [];
    expect(errors).toEqual([]);
  });

  test('uses no Node.js global (Buffer, process, require, …) in the modules it bundles', async () => {
    const graph = await importGraph();
    const sources = Object.keys(graph.inputs).filter((f) => (f.startsWith('src/') || f.startsWith('web/')) && f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(50);
    const found = sources.flatMap((file) => nodeGlobalsIn(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });
});

const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', '__dirname', '__filename', 'setImmediate', 'clearImmediate', 'global', 'module', 'exports']);

/** `file:line: name` for each reference to a Node.js global that is not a property name, a type or a local. */
function nodeGlobalsIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const declared = new Set<string>();
  const used: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node)) return;
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) ||
        ts.isQualifiedName(parent);
      const isDeclaration = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isBindingElement(parent) || ts.isImportSpecifier(parent)) && parent.name === node;
      if (isDeclaration) declared.add(node.text);
      else if (!isName) used.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used
    .filter((id) => !declared.has(id.text))
    .map((id) => `${file}:${source.getLineAndCharacterOfPosition(id.getStart()).line + 1}: ${id.text}`);
}
