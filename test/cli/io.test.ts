import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, constants, lstatSync, openSync, readSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nowOption, readTextFile, refuseEmptyPath, refuseInputAsOutput, UsageError, utf8Text, writeFileAtomic } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'deluge-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic (fmt --write, lint --fix, --out)', () => {
  it('keeps the permissions of the file it replaces', () => {
    for (const mode of [0o600, 0o640, 0o755]) {
      const path = join(dir, `mode-${mode.toString(8)}.dg`);
      writeFileSync(path, 'x=1;\n');
      chmodSync(path, mode);
      writeFileAtomic(path, 'x = 1;\n');
      expect([readFileSync(path, 'utf8'), (statSync(path).mode & 0o777).toString(8)]).toEqual(['x = 1;\n', mode.toString(8)]);
    }
  });

  it('does not replace a read-only file (mode 444; a rename needs only the folder), even as root', () => {
    const path = join(dir, 'no-write-bits.dg');
    writeFileSync(path, 'x=1;\n');
    chmodSync(path, 0o444);
    expect(() => writeFileAtomic(path, 'x = 1;\n')).toThrow(/permission denied \(EACCES\)/);
    expect(readFileSync(path, 'utf8')).toBe('x=1;\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0)('run as root, keeps the owner of the file it replaces', () => {
    const path = join(dir, 'owned.dg');
    writeFileSync(path, 'x=1;\n');
    chownSync(path, 65534, 65534);
    writeFileAtomic(path, 'x = 1;\n');
    expect([statSync(path).uid, statSync(path).gid, readFileSync(path, 'utf8')]).toEqual([65534, 65534, 'x = 1;\n']);
  });

  it.skipIf(process.platform === 'win32')('writes into a named pipe as it is (-o >(reviewdog …)): a rename put a file in its place', () => {
    const fifo = join(dir, 'results.pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      writeFileAtomic(fifo, '{"ok":true}\n');
      const buffer = Buffer.alloc(64);
      expect(buffer.toString('utf8', 0, readSync(reader, buffer))).toBe('{"ok":true}\n');
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    } finally {
      closeSync(reader);
    }
  });

  it('writes through a symbolic link: the target changes, the link stays a link', () => {
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'real.dg'), 'x=1;\n');
    symlinkSync(join(dir, 'shared', 'real.dg'), join(dir, 'link.dg'));
    writeFileAtomic(join(dir, 'link.dg'), 'x = 1;\n');
    expect(lstatSync(join(dir, 'link.dg')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'shared', 'real.dg'), 'utf8')).toBe('x = 1;\n');
  });

  it('creates a file (and its folder) that does not exist yet', () => {
    writeFileAtomic(join(dir, 'new', 'out.dg'), 'info 1;\n');
    expect(readFileSync(join(dir, 'new', 'out.dg'), 'utf8')).toBe('info 1;\n');
  });
});

describe('utf8Text (every script read)', () => {
  it('gives UTF-8 text as it is, a byte-order mark included (the parser skips it)', () => {
    expect(utf8Text(Buffer.from('\uFEFFinfo "é 😀";', 'utf8'), 'a.dg')).toBe('\uFEFFinfo "é 😀";');
  });

  it('refuses other bytes with DLG0001, pointing at the first one (file:line:col and a code frame)', () => {
    const refusal = (bytes: Uint8Array, shown = 'a.dg') => {
      try {
        utf8Text(bytes, shown);
      } catch (error) {
        const located = (error as UsageError).location;
        return { code: (error as UsageError).code, message: (error as Error).message, ...(located && { at: located.file.position(located.span.start), text: located.file.text.slice(located.span.start, located.span.end) }) };
      }
      throw new Error('no error');
    };
    expect(refusal(Buffer.from('x = 1;\ny = "\xe9t\xe9";', 'latin1'))).toEqual({
      code: 'DLG0001',
      message: "cannot read 'a.dg': it is not UTF-8 text (byte 0xE9); save it as UTF-8",
      at: { line: 2, column: 6 },
      text: '\uFFFD',
    });
    // A sequence cut short at the end; columns count code points.
    expect(refusal(Buffer.concat([Buffer.from('x = "😀"', 'utf8'), Buffer.from([0xf0, 0x9f])]))).toMatchObject({ message: expect.stringContaining('byte 0xF0'), at: { line: 1, column: 8 } });
    expect(refusal(Buffer.from('\uFEFFx = 1;', 'utf16le'), 'w.dg')).toEqual({ code: 'DLG0001', message: "cannot read 'w.dg': it is UTF-16 text; save it as UTF-8" });
    // A surrogate written as UTF-8 (CESU-8) is not UTF-8 either, and is placed too.
    expect(refusal(Buffer.from([0x78, 0x3d, 0x22, 0xed, 0xa0, 0x80, 0x22]))).toMatchObject({ message: expect.stringContaining('byte 0xED'), at: { line: 1, column: 4 } });
  });
});

describe('refuseInputAsOutput (emit --out, import --out, lint --output-file)', () => {
  it('refuses an output that is an input, however the path is written (a link to it too); allows others and stdin', () => {
    writeFileSync(join(dir, 'in.dg'), 'x = 1;\n');
    symlinkSync(join(dir, 'in.dg'), join(dir, 'in-link.dg'));
    for (const output of ['in.dg', './in.dg', join(dir, 'in.dg'), 'in-link.dg']) {
      expect(() => refuseInputAsOutput('--out', output, ['other.dg', 'in.dg'], dir), output).toThrow(expect.objectContaining({ code: 'DLG0002' }));
    }
    expect(() => refuseInputAsOutput('--out', 'in.ts', ['in.dg', '-'], dir)).not.toThrow();
  });
});

describe('refuseEmptyPath (--out, --output-file, --to-dir given an unset variable)', () => {
  it('refuses an empty path with DLG0002 naming the option, and passes a path or no option', () => {
    expect(() => refuseEmptyPath('--to-dir', '', 'the folder to write the samples to')).toThrow(
      expect.objectContaining({ code: 'DLG0002', message: "--to-dir '': name the folder to write the samples to" }),
    );
    expect(() => refuseEmptyPath('--out', 'a.ts', 'the file to write the output to')).not.toThrow();
    expect(() => refuseEmptyPath('--out', undefined, 'the file to write the output to')).not.toThrow();
  });
});

describe('nowOption (run --now, emit --now)', () => {
  it('takes an ISO-8601 date or date-time, with or without a zone', () => {
    expect(nowOption('2026-11-28T09:30:00Z', 'Asia/Kolkata')).toBe(Date.UTC(2026, 10, 28, 9, 30));
    expect(nowOption('2024-02-29T12:00:00+05:30', 'America/Los_Angeles')).toBe(Date.UTC(2024, 1, 29, 6, 30));
    expect(nowOption('2026-11-28', 'UTC')).toBe(Date.UTC(2026, 10, 28));
  });

  it('reads a date or date-time without an offset in the run\'s zone, not the machine\'s (nor a date in UTC)', () => {
    expect(nowOption('2020-12-09T17:25:24', 'Asia/Kolkata')).toBe(Date.UTC(2020, 11, 9, 11, 55, 24));
    expect(nowOption('2020-12-09T17:25:24.5', 'America/Los_Angeles')).toBe(Date.UTC(2020, 11, 10, 1, 25, 24, 500));
    expect(nowOption('2020-12-09', 'Asia/Kolkata')).toBe(Date.UTC(2020, 11, 8, 18, 30));
  });

  it('refuses a day or a time that does not exist (Date.parse rolls 2024-02-30 over to 1 March), and other forms', () => {
    for (const text of ['2024-02-30T00:00:00Z', '2023-02-29', '2026-13-01', '2026-04-31T10:00Z', '2026-11-28T24:00:00Z', '2026-11-28T10:60Z', 'Dec 1 2026', '1764547200000', '']) {
      expect(() => nowOption(text, 'UTC'), text).toThrow(/--now: '.*' is not an ISO-8601 date-time/);
    }
  });
});

describe('readTextFile', () => {
  it('says why a file cannot be read, as the system says it (it said "cannot be read")', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deluge-read-'));
    try {
      symlinkSync('loop.dg', join(dir, 'loop.dg'));
      expect(() => readTextFile(join(dir, 'loop.dg'), 'loop.dg')).toThrow("cannot read 'loop.dg': too many symbolic links (a loop?) (ELOOP)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deluge parse: printing a tree', () => {
  it('falls back to compact JSON when the indented text would be longer than a text may be (it was an internal error), then to DLG0003', async () => {
    const { printedJson } = await import('../../src/cli/commands/parse.js');
    let calls = 0;
    // (The first call, indented, fails as V8 fails on a 500-million-character text.)
    const huge = { toJSON: () => (calls++ === 0 ? (() => { throw new RangeError('Invalid string length'); })() : { a: [1] }) };
    expect(printedJson(huge)).toBe('{"a":[1]}');
    const never = { toJSON: () => { throw new RangeError('Invalid string length'); } };
    expect(() => printedJson(never)).toThrow(new UsageError('DLG0003', 'the tree is too large to print as JSON (longer than a text may be)'));
  });
});
