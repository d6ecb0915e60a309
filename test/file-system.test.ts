import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFolders } from '../src/file-system.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-folders-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('makeFolders', () => {
  it('makes the missing folders, with the mode asked for, and leaves existing ones', () => {
    makeFolders(join(dir, 'a', 'b', 'c'), 0o700);
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o700);
    makeFolders(join(dir, 'a', 'b'));
  });

  it('throws where a folder cannot be made (under a file), rather than trying again', () => {
    writeFileSync(join(dir, 'f'), '');
    expect(() => makeFolders(join(dir, 'f', 'x'))).toThrow(/ENOTDIR|EEXIST/);
  });

  // Node's recursive mkdir retries forever at full CPU there; run in a child process so a regression fails by timeout.
  it.runIf(existsSync('/proc/self'))('throws under /proc, where creating a folder fails with ENOENT', () => {
    const module = new URL('../src/file-system.ts', import.meta.url).href;
    const code = `const { makeFolders } = await import(${JSON.stringify(module)}); try { makeFolders('/proc/no-such/x'); } catch (e) { console.log(e.code); }`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { timeout: 20_000, encoding: 'utf8' });
    expect(child.signal).toBeNull();
    expect(child.stdout.trim()).toBe('ENOENT');
  });
});
