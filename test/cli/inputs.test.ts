/** The file arguments of `lint`, `check` and `fmt`: files, folders, quoted glob patterns and `-`. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFileArguments } from '../../src/cli/inputs.js';
import { UsageError } from '../../src/cli/io.js';
import { BIN } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-inputs-'));
  for (const folder of ['sub/deeper', '.hidden', 'node_modules/pkg', 'empty']) mkdirSync(join(dir, folder), { recursive: true });
  for (const file of ['b.dg', 'a.dg', 'sub/s.dg', 'sub/deeper/d.dg', '.hidden/h.dg', '.dot.dg', 'node_modules/pkg/n.dg', 'notes.txt', 'script.deluge']) {
    writeFileSync(join(dir, file), 'x = 1;\n');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expand = (...args: string[]) => expandFileArguments(args, dir);

describe('expandFileArguments', () => {
  it('a folder: its .dg and .deluge files at any depth, sorted, without hidden ones and node_modules', () => {
    expect(expand('.')).toEqual(['a.dg', 'b.dg', 'script.deluge', 'sub/deeper/d.dg', 'sub/s.dg']);
    expect(expand('sub')).toEqual(['sub/deeper/d.dg', 'sub/s.dg']);
    expect(expand(join(dir, 'sub'))).toEqual([join(dir, 'sub/deeper/d.dg'), join(dir, 'sub/s.dg')]);
  });

  it('a glob pattern: the files it matches, sorted (relative, or absolute for an absolute pattern)', () => {
    expect(expand('**/*.dg')).toEqual(['a.dg', 'b.dg', 'sub/deeper/d.dg', 'sub/s.dg']);
    expect(expand('{b,sub/s}.dg', '*.deluge')).toEqual(['b.dg', 'sub/s.dg', 'script.deluge']);
    // Braces holding folders: `{sub/s.dg,sub/deeper/d.dg}` is no folder `{sub` (it matched nothing).
    expect(expand('{sub/s.dg,sub/deeper/d.dg}')).toEqual(['sub/deeper/d.dg', 'sub/s.dg']);
    expect(expand(`${dir}/sub/*.dg`)).toEqual([join(dir, 'sub/s.dg')]);
    expect(expandFileArguments(['../*.dg'], join(dir, 'sub'))).toEqual(['../a.dg', '../b.dg']);
  });

  it('a pattern that climbs out of the working folder: every file it names, node_modules left out (tinyglobby 0.2 left out those under the working folder)', () => {
    expect(expandFileArguments(['../**/*.dg'], join(dir, 'sub'))).toEqual(['../a.dg', '../b.dg', '../sub/deeper/d.dg', '../sub/s.dg']);
    expect(expandFileArguments(['../../**/d.dg'], join(dir, 'sub/deeper'))).toEqual(['../../sub/deeper/d.dg']);
    expect(expandFileArguments([`${dir}/**/s.dg`], join(dir, 'sub'))).toEqual([join(dir, 'sub/s.dg')]);
  });

  it('a file as given, whatever its extension or folder (hidden ones too); a missing one kept for the reader to report', () => {
    expect(expand('notes.txt', '.hidden/h.dg', 'missing.dg')).toEqual(['notes.txt', '.hidden/h.dg', 'missing.dg']);
  });

  it('a hidden folder or node_modules named itself is searched (they are only left out of the folders above them)', () => {
    expect(expand('.hidden', 'node_modules')).toEqual(['.hidden/h.dg', 'node_modules/pkg/n.dg']);
  });

  it('each file once, in the order first named; standard input each time it is named', () => {
    expect(expand('b.dg', '.', './a.dg', '-', '-')).toEqual(['b.dg', 'a.dg', 'script.deluge', 'sub/deeper/d.dg', 'sub/s.dg', '-', '-']);
  });

  it('a folder or pattern that names no file: DLG0001', () => {
    const error = (...args: string[]) => {
      try {
        expand(...args);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return { code: (e as UsageError).code, message: (e as UsageError).message };
      }
      throw new Error('no error');
    };
    expect(error('empty')).toEqual({ code: 'DLG0001', message: "no .dg or .deluge files in 'empty'" });
    expect(error('src/**/*.dg')).toEqual({ code: 'DLG0001', message: "no files match 'src/**/*.dg'" });
    // An unset variable (`deluge fmt --write "$FILE"`) is not the working folder: that would rewrite every script in it.
    expect(error('a.dg', '')).toEqual({ code: 'DLG0001', message: "an empty file argument names no file (an unset variable?): give a file, a folder ('.' for this one) or a pattern" });
  });

  it('symbolic links are not followed (a link to a parent folder took in, and fmt --write rewrote, files outside the folder named); a file named by two paths is one', () => {
    const tree = mkdtempSync(join(tmpdir(), 'deluge-links-'));
    try {
      mkdirSync(join(tree, 'proj/src'), { recursive: true });
      writeFileSync(join(tree, 'outside.dg'), 'y = 1;\n');
      writeFileSync(join(tree, 'proj/src/in.dg'), 'x = 1;\n');
      symlinkSync('../..', join(tree, 'proj/src/up'));
      symlinkSync('.', join(tree, 'proj/src/self'));
      symlinkSync('in.dg', join(tree, 'proj/src/alias.dg'));
      const project = join(tree, 'proj');
      expect(expandFileArguments(['src'], project)).toEqual(['src/in.dg']);
      expect(expandFileArguments(['src/**/*.dg'], project)).toEqual(['src/in.dg']);
      // Named itself, a link is kept: once, as the file it names.
      expect(expandFileArguments(['src/alias.dg', 'src/in.dg'], project)).toEqual(['src/alias.dg']);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('a folder that cannot be read: DLG0001 (its scripts were left out without a word, and CI passed)', () => {
    // (As root, in /tmp itself: the tests' own temporary folder is closed to other users.)
    const tree = mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), 'deluge-unreadable-'));
    try {
      chmodSync(tree, 0o755);
      mkdirSync(join(tree, 'sub'));
      writeFileSync(join(tree, 'ok.dg'), 'y = 1;\n');
      writeFileSync(join(tree, 'sub/bad.dg'), 'x = ;\n');
      chmodSync(join(tree, 'sub'), 0o000);
      const message = `cannot read the folder '${join(tree, 'sub')}': permission denied (EACCES); its scripts would be left out`;
      if (process.getuid?.() !== 0) {
        expect(() => expandFileArguments(['.'], tree)).toThrow(message.replace(join(tree, 'sub'), 'sub'));
        return;
      }
      // Root reads any folder: the CLI is run as nobody.
      const run = spawnSync(process.execPath, [BIN, 'check', tree], { cwd: '/', uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
      expect([run.status, run.stderr]).toEqual([2, `deluge: error[DLG0001] ${message.replace(`'/`, "'")}\n`]);
    } finally {
      chmodSync(join(tree, 'sub'), 0o755);
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
