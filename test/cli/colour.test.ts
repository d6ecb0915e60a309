import { afterEach, describe, expect, it } from 'vitest';
import { useColour } from '../../src/cli/io.js';

/** NO_COLOR and FORCE_COLOR as Node's own `hasColors()` reads them (FORCE_COLOR=0 or false is off). */
describe('useColour', () => {
  const saved = { NO_COLOR: process.env['NO_COLOR'], FORCE_COLOR: process.env['FORCE_COLOR'] };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const stream = (isTTY: boolean) => ({ isTTY }) as NodeJS.WriteStream;
  const colour = (env: { NO_COLOR?: string; FORCE_COLOR?: string }, isTTY: boolean) => {
    delete process.env['NO_COLOR'];
    delete process.env['FORCE_COLOR'];
    Object.assign(process.env, env);
    return useColour(stream(isTTY));
  };

  it('colours a terminal and nothing else by default', () => {
    expect(colour({}, true)).toBe(true);
    expect(colour({}, false)).toBe(false);
  });

  it('FORCE_COLOR=0 or false turns colour off on a terminal; 1, 3 or empty turns it on in a pipe', () => {
    expect(colour({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colour({ FORCE_COLOR: 'false' }, true)).toBe(false);
    for (const value of ['1', '3', 'true', '']) expect(colour({ FORCE_COLOR: value }, false), value).toBe(true);
  });

  it('NO_COLOR wins over FORCE_COLOR', () => {
    expect(colour({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
  });
});
