import { afterEach, describe, expect, it } from 'vitest';
import { useColour } from '../../src/cli/io.js';

/** NO_COLOR and FORCE_COLOR as Node's own `hasColors()` reads them (FORCE_COLOR=0 or false is off). */
describe('useColour', () => {
  const saved = { NO_COLOR: process.env['NO_COLOR'], FORCE_COLOR: process.env['FORCE_COLOR'], NODE_DISABLE_COLORS: process.env['NODE_DISABLE_COLORS'], TERM: process.env['TERM'] };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const stream = (isTTY: boolean) => ({ isTTY }) as NodeJS.WriteStream;
  const colour = (env: { NO_COLOR?: string; FORCE_COLOR?: string; NODE_DISABLE_COLORS?: string; TERM?: string }, isTTY: boolean) => {
    for (const name of Object.keys(saved)) delete process.env[name];
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

  it('NODE_DISABLE_COLORS and TERM=dumb turn it off on a terminal, as in Node; FORCE_COLOR wins over them', () => {
    expect(colour({ NODE_DISABLE_COLORS: '1' }, true)).toBe(false);
    expect(colour({ TERM: 'dumb' }, true)).toBe(false);
    expect(colour({ TERM: 'xterm-256color' }, true)).toBe(true);
    expect(colour({ TERM: 'dumb', FORCE_COLOR: '1' }, false)).toBe(true);
  });

  it('NO_COLOR wins over FORCE_COLOR', () => {
    expect(colour({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
  });
});
