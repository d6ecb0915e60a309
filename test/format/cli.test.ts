/**
 * `deluge fmt` through the real bundled binary (built by test/global-setup.ts): output streams, exit codes,
 * `--check`, `--write` and standard input. A few spawns, each checking as much as it can.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runDeluge } from '../helpers/cli.js';

const MESSY = 'if (x > 1) { info "big"; }\n';
const TIDY = 'if(x > 1)\n{\n    info "big";\n}\n';
const BROKEN = 'x = 1\ny = ;\n';

let dir: string;

const deluge = (args: string[], stdin = '') => runDeluge(dir, args, stdin);

const read = (name: string) => readFileSync(join(dir, name), 'utf8');

beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'deluge-fmt-'));
  writeFileSync(join(dir, 'messy.dg'), MESSY);
  writeFileSync(join(dir, 'tidy.dg'), TIDY);
  writeFileSync(join(dir, 'broken.dg'), BROKEN);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('deluge fmt', () => {
  it('prints the formatted text of one file, or of standard input', async () => {
    expect(await deluge(['fmt', 'messy.dg'])).toEqual({ code: 0, stdout: TIDY, stderr: '' });
    expect(await deluge(['fmt', '-'], MESSY)).toEqual({ code: 0, stdout: TIDY, stderr: '' });
  });

  it('--stdin-filename: standard input (an editor\'s buffer) read without naming \'-\', and its problems under that name', async () => {
    const r = await deluge(['fmt', '--check', '--stdin-filename', 'src/buffer.dg'], BROKEN);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^src\/buffer\.dg:1:6: error\[DLG2001\]/);
    expect(await deluge(['fmt', '--stdin-filename', 'src/buffer.dg'], MESSY)).toEqual({ code: 0, stdout: TIDY, stderr: '' });
  });

  it('--check lists the files that would change on stdout and exits 1; a file with errors is reported on stderr', async () => {
    const r = await deluge(['fmt', '--check', 'messy.dg', 'tidy.dg', 'broken.dg']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('messy.dg\n');
    expect(r.stderr).toMatch(/^broken\.dg:1:6: error\[DLG2001\]/);
    expect(r.stderr).toContain('Found 2 errors');
    expect([read('messy.dg'), read('broken.dg')]).toEqual([MESSY, BROKEN]);
    expect(await deluge(['fmt', '--check', 'tidy.dg', '-'], TIDY)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--check of a folder: its .dg files (what `deluge fmt --check .` checks in CI)', async () => {
    writeFileSync(join(dir, 'notes.txt'), MESSY);
    const r = await deluge(['fmt', '--check', '.']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('messy.dg\n');
    expect(r.stderr).toMatch(/^broken\.dg:1:6: error\[DLG2001\]/);
  });

  it('--write rewrites the files that change, lists them on stderr, and leaves a file with errors untouched', async () => {
    const r = await deluge(['fmt', '--write', 'messy.dg', 'tidy.dg', 'broken.dg']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('broken.dg:1:6: error[DLG2001]');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('messy.dg');
    expect([read('messy.dg'), read('tidy.dg'), read('broken.dg')]).toEqual([TIDY, TIDY, BROKEN]);
    expect(readdirSync(dir).sort()).toEqual(['broken.dg', 'messy.dg', 'tidy.dg']); // no temporary file left
  });

  it('--write goes on past a file it cannot write, rewriting the others (as Prettier does), and exits 2', async () => {
    writeFileSync(join(dir, 'locked.dg'), MESSY);
    writeFileSync(join(dir, 'later.dg'), MESSY);
    chmodSync(join(dir, 'locked.dg'), 0o444);
    const r = await deluge(['fmt', '--write', 'messy.dg', 'locked.dg', 'later.dg']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual(['messy.dg', "deluge: error[DLG0003] cannot write 'locked.dg': permission denied (EACCES)", 'later.dg', '']);
    expect([read('messy.dg'), read('locked.dg'), read('later.dg')]).toEqual([TIDY, MESSY, TIDY]);
  });

  it('prints several files each in turn; one that does not parse is left out, its errors on stderr, exit 1', async () => {
    const r = await deluge(['fmt', 'messy.dg', 'tidy.dg']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, TIDY + TIDY, '']);
    const withBroken = await deluge(['fmt', 'messy.dg', 'broken.dg', 'tidy.dg']);
    expect([withBroken.code, withBroken.stdout]).toEqual([1, TIDY + TIDY]);
    expect(withBroken.stderr).toContain('broken.dg:');
    expect(read('messy.dg')).toBe(MESSY);
  });

  it('exits 2 for --write on standard input, and for a missing file', async () => {
    for (const args of [['fmt', '--write', '-'], ['fmt', '--check', 'missing.dg']]) {
      const r = await deluge(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^deluge: error\[DLG000[12]\]/);
    }
    expect(read('messy.dg')).toBe(MESSY);
  });

  it('--write refuses a file that is not UTF-8 (its byte became U+FFFD for good), with where the byte is', async () => {
    const latin1 = Buffer.from('name = "caf\xe9";\ninfo  name;\n', 'latin1');
    writeFileSync(join(dir, 'latin1.dg'), latin1);
    const r = await deluge(['fmt', '--write', 'latin1.dg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("latin1.dg:1:12: error[DLG0001] cannot read 'latin1.dg': it is not UTF-8 text (byte 0xE9); save it as UTF-8\n1 | name = \"caf\uFFFD\";\n  |            ^\n");
    expect(readFileSync(join(dir, 'latin1.dg'))).toEqual(latin1);
  });
});
