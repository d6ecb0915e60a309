import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('grammar definition', () => {
  it("passes Chevrotain's own checks (ambiguities, left recursion), which production start-up skips", () => {
    // A fresh process: the shared parser instance was built with validations off.
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', "await import('./src/syntax/parser.ts'); console.log('ok')"], {
      env: { ...process.env, DELUGE_VALIDATE_GRAMMAR: '1' },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('ok');
  });
});

describe('the shared parser between parses', () => {
  it("lets go of the last text's tokens, after a parse that succeeds, fails or nests too deeply", async () => {
    const { parse } = await import('../../src/syntax/parse.js');
    const { parser } = await import('../../src/syntax/parser.js');
    for (const text of ['x = 1;\ninfo x;', 'x = ;', `x = ${'('.repeat(5000)}1${')'.repeat(5000)};`]) {
      parse(text, { docs: false });
      expect(parser.input).toHaveLength(0);
    }
  });
});
