import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';

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

describe('a file of thousands of mistakes', () => {
  // Without these bounds such a file took minutes (`npm run bench` measures the time per mistake as files grow).
  it("walks the grammar once per grammar path for Chevrotain's in-rule recovery, not once per mistake", async () => {
    const { parse } = await import('../../src/syntax/parse.js');
    const { parser } = await import('../../src/syntax/parser.js');
    const walks = vi.spyOn(parser as unknown as { getNextPossibleTokenTypes(path: unknown): unknown }, 'getNextPossibleTokenTypes');
    try {
      const { diagnostics } = parse('info foo(1;\n'.repeat(300), { docs: false });
      expect(diagnostics.filter((d) => d.code === 'DLG2003')).toHaveLength(300);
      expect(walks.mock.calls.length).toBeLessThan(20);
    } finally {
      walks.mockRestore();
    }
  });

  it('tries a bounded number of closers too many one place earlier, and still reports every one', async () => {
    const { parse } = await import('../../src/syntax/parse.js');
    const { parser } = await import('../../src/syntax/parser.js');
    const parses = vi.spyOn(parser, 'program');
    try {
      const lines = 400;
      const { diagnostics } = parse('if (a.b()) > c) { x = 1; }\n'.repeat(lines), { docs: false });
      const lineLength = 'if (a.b()) > c) { x = 1; }\n'.length;
      const linesWithCloserTooMany = new Set(diagnostics.filter((d) => d.code === 'DLG2004').map((d) => Math.floor(d.span.start / lineLength)));
      expect(linesWithCloserTooMany.size).toBe(lines);
      // The first ones say which ')' is the one too many (the one before '>'): as many as the budget allows.
      expect(diagnostics[0]).toMatchObject({ code: 'DLG2004', span: { start: 'if (a.b())'.length - 1 } });
      expect(parses.mock.calls.length).toBeLessThan(lines / 4);
    } finally {
      parses.mockRestore();
    }
  });
});

describe('how deep the parser goes', () => {
  // Counted in rules (MAX_RULE_DEPTH), not found by running out of stack: the same for every command and process.
  const script = `
    const { parse } = await import('./src/syntax/parse.ts');
    const refused = (text) => parse(text, { docs: false }).diagnostics.some((d) => d.code === 'DLG2014');
    const first = (make) => { let n = 100; while (!refused(make(n))) n++; return n; };
    console.log(JSON.stringify([
      first((n) => 'x = ' + 'abs('.repeat(n) + '1' + ')'.repeat(n) + ';'),
      first((n) => 'if (x) {'.repeat(n) + 'info 1;' + '}'.repeat(n)),
    ]));`;

  it('refuses the same depth with eight times the stack: 199 nested calls, 159 nested blocks', () => {
    const depths = (stackSize: number) =>
      JSON.parse(execFileSync(process.execPath, [`--stack-size=${stackSize}`, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })) as number[];
    expect(depths(984)).toEqual([199, 159]);
    expect(depths(8000)).toEqual([199, 159]);
  });
});

describe('a text longer than deluge parses', () => {
  it('is DLG2019 at its start past MAX_SCRIPT_LENGTH characters, and parsed up to them (a comment: cheap to parse)', async () => {
    const { MAX_SCRIPT_LENGTH, parse } = await import('../../src/syntax/parse.js');
    const longest = `//${'a'.repeat(MAX_SCRIPT_LENGTH - 2)}`;
    expect(parse(longest).diagnostics).toEqual([]);
    const tooLong = parse(`${longest}b`);
    expect(tooLong.diagnostics).toMatchObject([{ code: 'DLG2019', severity: 'error', span: { start: 0, end: 0 } }]);
    expect(tooLong.diagnostics[0]!.message).toMatch(/^this text is 2 million characters long: deluge reads scripts of up to 2,000,000 characters/);
    expect(tooLong.value.body).toEqual([]);
  });
});
