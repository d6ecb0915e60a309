/**
 * The package as another project installs it: `npm pack` (its declarations built as `prepack` builds them), the
 * tarball unpacked into a consumer's node_modules, then the `deluge` command run from it and the README's Library
 * example type-checked (strict, under both module resolutions users pick) and run against it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
};
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir: string;
let packed: string[];
/** The consumer project, with the unpacked package in its node_modules. */
let consumer: string;

/** Runs node; on failure the error shows what the command printed (tsc reports on stdout). */
function node(args: string[], cwd: string): string {
  try {
    return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-package-'));
  node(['scripts/build-types.mjs'], ROOT);
  // The scripts already ran (test/global-setup.ts built dist/, build-types the declarations): pack what is there.
  const [pack] = JSON.parse(execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  packed = pack!.files.map((f) => f.path);
  consumer = join(dir, 'consumer');
  const installed = join(consumer, 'node_modules', 'deluge-kit');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, pack!.filename), '-C', installed, '--strip-components=1']);
  // The package's dependencies, as npm would install them beside it.
  symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the package npm pack makes', () => {
  it('holds every file package.json points at, and none of the development files', () => {
    const exported = Object.values(PACKAGE.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    for (const target of [PACKAGE.main, PACKAGE.types, ...Object.values(PACKAGE.bin), ...exported]) {
      expect(packed, target).toContain(target.replace(/^\.\//, ''));
    }
    expect(packed).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist/cli.js', 'dist/types/syntax/cst.generated.d.ts', 'docs/rules/README.md']));
    expect(packed.filter((path) => /^(src|test|test-e2e|web|bench|scripts|examples|\.ci|\.scratch)\//.test(path))).toEqual([]);
    // Nor the source maps: 12 of its 19 MB, the sources they point to not shipped (and no stack trace is shown to users).
    expect(packed.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('runs the deluge command from the consumer project', () => {
    const bin = join(consumer, 'node_modules', 'deluge-kit', PACKAGE.bin['deluge']!);
    expect(node([bin, '--version'], consumer).trim()).toBe(PACKAGE.version);
    writeFileSync(join(consumer, 'a.dg'), 'x = 1 + 2;\ninfo x;\n');
    expect(node([bin, 'run', 'a.dg'], consumer)).toBe('3\n');
    // extract's parsers are in a chunk of their own (dist/chunks/), loaded when the command runs: it must ship too.
    writeFileSync(join(consumer, 'page.md'), '> ```deluge\n> info 1;\n> ```\n');
    expect(node([bin, 'extract', 'page.md'], consumer)).toBe('--- deluge #1 (line 2)\ninfo 1;\n');
  });

  describe("the README's Library example", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /## Library\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];

    it.each(['nodenext', 'bundler'])('type-checks, strict, with moduleResolution %s', (resolution) => {
      expect(example).toBeDefined();
      const project = join(consumer, resolution);
      mkdirSync(project, { recursive: true });
      // `text` is the script the example works on; the last line is a misuse the declarations must reject.
      writeFileSync(
        join(project, 'main.ts'),
        `const text: string = 'info "hi";';\n${example}\n// @ts-expect-error: format's value is the text\nconst wrong: number = format(text).value;\nconsole.log(wrong === 0 ? '' : run.info.join(','), lint('a.dg', text).diagnostics.length);\n`,
      );
      const module = resolution === 'bundler' ? 'esnext' : 'nodenext';
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'es2022',
            module,
            moduleResolution: resolution,
            strict: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            typeRoots: [join(ROOT, 'node_modules', '@types')],
            types: ['node'],
            outDir: 'out',
          },
          files: ['main.ts'],
        }),
      );
      node([TSC, '-p', 'tsconfig.json'], project);
      // What type-checks also runs: the example's sandbox and session start and close, its script prints.
      // (renderStylish of no diagnostics prints an empty line.)
      expect(node([join('out', 'main.js')], project)).toBe('\nhi 0\n');
    }, 60_000);
  });
});
