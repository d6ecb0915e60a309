import { afterEach, describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

describe('the request counter of deluge run', () => {
  const savedCi = process.env['CI'];
  afterEach(() => {
    if (savedCi === undefined) delete process.env['CI'];
    else process.env['CI'] = savedCi;
  });
  const terminal = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
  };

  it('is cleared before other output, once, and drawn again by the next update (info lines ran on from it)', () => {
    delete process.env['CI'];
    const { written, stream } = terminal(true);
    const progress = new Progress(stream);
    progress.update(9);
    expect(written).toEqual([]);
    progress.update(10);
    progress.clear();
    progress.clear();
    progress.update(11);
    expect(written).toEqual(['\r10 requests…', '\r\x1b[K', '\r11 requests…']);
  });

  it('is never drawn in a pipe or in CI', () => {
    delete process.env['CI'];
    const pipe = terminal(false);
    new Progress(pipe.stream).update(50);
    process.env['CI'] = 'true';
    const ci = terminal(true);
    new Progress(ci.stream).update(50);
    expect([...pipe.written, ...ci.written]).toEqual([]);
  });
});
