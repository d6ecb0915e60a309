import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { emitTypeScriptSync } from '../../src/emitters/typescript/index.js';
import { runScript } from '../../src/runtime/run.js';

/** How a script ended: its `info` lines, and the code of the error that stopped it (none when it completed). */
export interface Ending {
  readonly info: string;
  readonly stopped?: string;
}

/** The same script run and emitted: skipped when the emitter said it does not convert something (DLG605x). */
export type Comparison =
  | { readonly script: string; readonly skipped: string }
  | { readonly script: string; readonly run: Ending; readonly program: Ending };

/** A fixed clock and zone, for scripts that read them (zoho.currenttime; a date-time's text form). */
const NOW = Date.UTC(2021, 2, 1, 9, 30);
const TIME_ZONE = 'America/Los_Angeles';

/**
 * Runs each script with `deluge run` (in-process) and as its emitted TypeScript program, all programs in ONE child
 * `node` (a child per script would take minutes): each is transpiled by esbuild to a module of its own without its
 * final `run(main);`, and a driver imports them one after another, calling `main()` with `console.log` captured.
 */
export async function runAndExecute(scripts: readonly string[]): Promise<Comparison[]> {
  const dir = mkdtempSync(join(tmpdir(), 'deluge-ts-batch-'));
  try {
    const comparisons: (Comparison | { script: string; run: Ending; file: string })[] = scripts.map((script, i) => {
      const emitted = emitTypeScriptSync(script, { fileName: `s${i}.dg`, now: NOW, timeZone: TIME_ZONE });
      const refused = emitted.diagnostics.find((d) => d.severity === 'error' || /^DLG605\d$/.test(d.code));
      if (refused) return { script, skipped: `${refused.code} ${refused.message}` };
      const run = runScript(script, { fileName: `s${i}.dg`, now: NOW, timeZone: TIME_ZONE });
      const stopped = run.diagnostics[0]?.diagnostic.code;
      const program = emitted.value.replace(/\nrun\(main\);\n*$/, '\n');
      const file = `p${i}.mjs`;
      // A program esbuild cannot read fails as it would under node: at its start.
      let code: string;
      try {
        code = transformSync(program, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
      } catch (error) {
        code = `throw new Error(${JSON.stringify(`esbuild: ${error instanceof Error ? error.message : String(error)}`)});`;
      }
      writeFileSync(join(dir, file), code);
      return { script, run: { info: run.info.join('\n'), ...(stopped && { stopped }) }, file };
    });
    const files = comparisons.flatMap((c) => ('file' in c ? [c.file] : []));
    writeFileSync(join(dir, 'driver.mjs'), `const files = ${JSON.stringify(files)};\n${DRIVER}`);
    const endings = JSON.parse(await node([join(dir, 'driver.mjs')], dir)) as Ending[];
    let next = 0;
    return comparisons.map((c) => ('file' in c ? { script: c.script, run: c.run, program: endings[next++]! } : c));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports each program of `files` (no command-line arguments: a program reads them as the script's input), runs its `main`, and prints the endings as one JSON array. */
const DRIVER = `
const log = console.log;
const endings = [];
for (const file of files) {
  const lines = [];
  console.log = (...parts) => lines.push(parts.join(' '));
  let stopped;
  try {
    const program = await import('./' + file);
    await program.main();
  } catch (error) {
    stopped = error && error.name === 'DelugeError' ? error.code : 'crash: ' + (error && error.stack || String(error));
  }
  console.log = log;
  endings.push({ info: lines.join('\\n'), ...(stopped && { stopped }) });
}
process.stdout.write(JSON.stringify(endings));
`;

function node(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
