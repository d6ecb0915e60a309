import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFrame, parse, SourceFile } from '../../src/index.js';
import { renderGithub } from '../../src/diagnostics/formats/github.js';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import type { AssignStmt, Node } from '../../src/syntax/ast.js';
import { childNodes } from '../../src/syntax/walk.js';

function* walkNodes(node: Node): Generator<Node> {
  yield node;
  for (const child of childNodes(node)) yield* walkNodes(child);
}

/** SourceFile#position: 1-based lines and columns, columns in code points, a leading BOM not counted. */
const at = (text: string, offset: number) => {
  const p = new SourceFile('t.dg', text).position(offset);
  return `${p.line}:${p.column}`;
};

describe('SourceFile#position', () => {
  it.each<[string, string, number, string]>([
    ['the first character', 'x = 1;', 0, '1:1'],
    ['the end of the text', 'x = 1;', 6, '1:7'],
    ['past the end (clamped)', 'x = 1;', 99, '1:7'],
    ['before the start (clamped)', 'x = 1;', -5, '1:1'],
    ['after LF', 'a;\nb;', 3, '2:1'],
    ['the LF itself', 'a;\nb;', 2, '1:3'],
    ['after CRLF', 'a;\r\nb;', 4, '2:1'],
    ['the CR of a CRLF', 'a;\r\nb;', 2, '1:3'],
    ['after a lone CR', 'a;\rb;', 3, '2:1'],
    ['after CR CR (two line breaks)', 'a\r\rb', 3, '3:1'],
    ['after LF CR (two line breaks)', 'a\n\rb', 3, '3:1'],
    ['an empty last line', 'a\n', 2, '2:1'],
    ['a tab is one column', '\tx', 1, '1:2'],
    ['two tabs', '\t\tinfo x;', 2, '1:3'],
    ['a tab on a later line', 'a\n\t\tb', 4, '2:3'],
    ['a BOM is not a column', '\ufeffx = 1;', 1, '1:1'],
    ['the BOM itself', '\ufeffx = 1;', 0, '1:1'],
    ['after the BOM', '\ufeffx = 1;', 5, '1:5'],
    ['a BOM does not shift line 2', '\ufeffa;\nb;', 4, '2:1'],
    ['a BOM that is not first is a column', 'a\ufeffb', 2, '1:3'],
    ['BOM and CRLF', '\ufeffa = 1;\r\n\tb = 2;', 10, '2:2'],
    ['an astral character is one column', 's = "😀";', 7, '1:7'],
    ['after two astral characters', '😀😀x', 4, '1:3'],
    ['an astral character on line 2', 'a\n𝒳 = 1;', 4, '2:2'],
    ['a combining mark counts as its own code point', 'e\u0301x', 2, '1:3'],
    ['a BMP non-ASCII character', 'Zoë = 1;', 3, '1:4'],
  ])('%s', (_what, text, offset, expected) => {
    expect(at(text, offset)).toBe(expected);
  });

  it('counts lines: LF, CRLF and lone CR each end one', () => {
    expect(new SourceFile('t', '').lineCount).toBe(1);
    expect(new SourceFile('t', 'a\nb\r\nc\rd').lineCount).toBe(4);
    expect(new SourceFile('t', 'a\n').lineCount).toBe(2);
  });

  it('gives line texts without their line breaks or a BOM', () => {
    const f = new SourceFile('t', '\ufeffa = 1;\r\n\tb = 2;\rc\n');
    expect([1, 2, 3, 4].map((l) => f.lineText(l))).toEqual(['a = 1;', '\tb = 2;', 'c', '']);
    expect(f.lineText(9)).toBe('');
  });

  // Texts with only LF breaks are indexed by a faster path of their own: each kind of text gets its own run.
  it.each([
    ['any line breaks', ['\n', '\r\n', '\r']],
    ['LF breaks only', ['\n']],
  ])('agrees with a naive count for any text and offset (%s)', (_, breaks) => {
    const piece = fc.constantFrom('a', ' ', '\t', ...breaks, 'é', '😀', '\ufeff', '𝒳');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }).map((p) => p.join('')), fc.nat(), (text, n) => {
        const offset = n % (text.length + 1);
        // Skip offsets inside a surrogate pair or between CR and LF: they are not character boundaries.
        if (/[\ud800-\udbff]$/.test(text.slice(0, offset)) || (text[offset - 1] === '\r' && text[offset] === '\n')) return;
        const before = text.slice(0, offset);
        const lines = before.split(/\r\n|\n|\r/);
        let last = lines[lines.length - 1]!;
        if (lines.length === 1 && last.startsWith('\ufeff')) last = last.slice(1);
        expect(at(text, offset)).toBe(`${lines.length}:${[...last].length + 1}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('positions of parse diagnostics', () => {
  it.each<[string, string, string]>([
    ['after a BOM', '\ufeffx = 1\ny = 2;', 'DLG2001 1:6'],
    ['with CRLF line ends', 'a = 1;\r\nb = 2\r\nc = 3;', 'DLG2001 2:6'],
    ['after tabs', 'if (x)\n{\n\t\tinfo x\n}', 'DLG2001 3:9'],
    ['after astral characters', 's = "😀😀" t = 1;', 'DLG2001 1:9'],
    ['after a lone CR', 'a = 1;\rb = 2\rc = 3;', 'DLG2001 2:6'],
  ])('%s', (_what, text, expected) => {
    const [d, ...rest] = parse(text).diagnostics;
    expect(rest).toEqual([]);
    const p = new SourceFile('t', text).position(d!.span.start);
    expect(`${d!.code} ${p.line}:${p.column}`).toBe(expected);
  });
});

describe('spans of a tree the parser recovered', () => {
  it('a value the parser had to make up (`x = ;`) sits after the `=`, and its statement keeps its own start, not 0', () => {
    const program = parse('a = 1;\nx = ;\ny = f(;\n').value;
    const [, second, third] = program.body as AssignStmt[];
    expect(second!.span).toEqual({ start: 7, end: 12 });
    expect(second!.value).toEqual({ kind: 'Identifier', span: { start: 10, end: 10 }, name: '' });
    expect(third!.span.start).toBe(13);
    // Every node lies inside its parent (what code frames, fmt and the linter's index rely on).
    for (const node of walkNodes(program)) for (const child of childNodes(node)) {
      expect(child.span.start).toBeGreaterThanOrEqual(node.span.start);
      expect(child.span.end).toBeLessThanOrEqual(node.span.end);
    }
  });
});

describe('codeFrame', () => {
  const frame = (text: string, start: number, end: number, options = {}) => codeFrame(new SourceFile('t.dg', text), { start, end }, options);

  it('shows the line before as context and underlines the span', () => {
    expect(frame('x = 1;\ny = 2;\nz = 3;', 7, 8)).toBe(['1 | x = 1;', '2 | y = 2;', '  | ^'].join('\n'));
  });

  it('underlines every character of the span', () => {
    expect(frame('info "hello";', 5, 12)).toBe(['1 | info "hello";', '  |      ^^^^^^^'].join('\n'));
  });

  it('draws one caret for an empty span, with the label after it', () => {
    expect(frame('x = 1', 5, 5, { label: "missing ';'" })).toBe(['1 | x = 1', "  |      ^ missing ';'"].join('\n'));
  });

  it('puts the carets under wide characters (emoji, CJK) by terminal cells, not code points', () => {
    const text = 'x = "😀😀".toUpperCas();';
    const start = text.indexOf('toUpperCas');
    expect(frame(text, start, start + 'toUpperCas'.length)).toBe(['1 | x = "😀😀".toUpperCas();', '  |            ^^^^^^^^^^'].join('\n'));
    const wide = '名前 = "値";';
    expect(frame(wide, 0, 2)).toBe(['1 | 名前 = "値";', '  | ^^^^'].join('\n'));
  });

  it('shows control characters as their pictures (ESC as ␛), never raw, one cell each', () => {
    expect(frame('x = "\u001b[2Jgone";', 9, 13)).toBe(['1 | x = "␛[2Jgone";', '  |          ^^^^'].join('\n'));
  });

  it('and in messages: an unexpected ESC is named by its picture and code point, and the stylish and github formats print no raw one', () => {
    const text = 'x = 1;\u001b[2J\ninfo x;\n';
    const [d] = parse(text).diagnostics;
    expect(d!.message).toBe("unexpected character '\u001b' (U+001B)");
    const file = new SourceFile('esc.dg', text);
    const stylish = renderDiagnostic(file, d!);
    const github = renderGithub([{ file, diagnostics: [d!] }], { cwd: process.cwd() });
    expect(stylish).toContain("error[DLG1001] unexpected character '␛' (U+001B)");
    expect(github).toContain("unexpected character '␛' (U+001B)");
    for (const out of [stylish, github]) expect(out).not.toContain('\u001b');
  });

  it('shows a long line as a window of 160 characters around the span, marked with …, the carets under it', () => {
    const line = `x = "${'a'.repeat(500)}" + ${'b'.repeat(500)};`;
    const at = line.indexOf('b');
    const [shown, carets] = frame(line, at, at + 3).split('\n');
    expect(shown).toBe(`1 | …${line.slice(at - 60, at + 100)}…`);
    expect(carets).toBe(`  | ${' '.repeat(61)}^^^`);
    // Near either end, the window starts or ends with the line.
    expect(frame(line, 0, 1).split('\n')[0]).toBe(`1 | ${line.slice(0, 160)}…`);
    expect(frame(line, line.length - 1, line.length).split('\n')).toEqual([`1 | …${line.slice(-160)}`, `  | ${' '.repeat(160)}^`]);
  });

  it('prints each tab as one space so the caret stays under its character', () => {
    expect(frame('if (x)\n{\n\t\tinfo x\n}', 17, 17)).toBe(['2 | {', '3 |   info x', '  |         ^'].join('\n'));
  });

  it('an astral character is one column (positions), and two terminal cells (carets) when it is wide', () => {
    expect(at('s = "😀😀";', 9)).toBe('1:8');
    expect(frame('s = "😀😀";', 9, 10)).toBe(['1 | s = "😀😀";', '  |          ^'].join('\n'));
  });

  it('does not show or count a leading BOM, and handles CRLF', () => {
    expect(frame('\ufeffx = 1;\r\ny = 2;\r\n', 9, 10)).toBe(['1 | x = 1;', '2 | y = 2;', '  | ^'].join('\n'));
    expect(frame('\ufeffx = 1;', 1, 2, { contextLines: 0 })).toBe(['1 | x = 1;', '  | ^'].join('\n'));
  });

  it('handles lone CR line breaks', () => {
    expect(frame('a\rb\rc', 2, 3)).toBe(['1 | a', '2 | b', '  | ^'].join('\n'));
  });

  it('underlines a span over several lines line by line, up to five lines', () => {
    expect(frame('a = {\n  1,\n  2\n};', 4, 16, { contextLines: 0 })).toBe(
      ['1 | a = {', '  |     ^', '2 |   1,', '  | ^^^^', '3 |   2', '  | ^^^', '4 | };', '  | ^'].join('\n'),
    );
    const long = frame('a\nb\nc\nd\ne\nf\ng\nh', 0, 15, { contextLines: 0 });
    expect(long.split('\n').filter((l) => /^\d/.test(l)).map((l) => l[0])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('does not underline the next line when a span ends just after a line break', () => {
    // [4,15) is `{\n  1,\n  2\n`: it ends where line 4 starts, so line 4 has nothing to underline.
    expect(frame('a = {\n  1,\n  2\n};', 4, 15, { contextLines: 0 })).toBe(
      ['1 | a = {', '  |     ^', '2 |   1,', '  | ^^^^', '3 |   2', '  | ^^^'].join('\n'),
    );
  });

  it('widens the gutter for two-digit line numbers', () => {
    const text = Array.from({ length: 10 }, (_, i) => `x${i} = ${i};`).join('\n');
    const offset = text.indexOf('x9');
    expect(frame(text, offset, offset + 2)).toBe([' 9 | x8 = 8;', '10 | x9 = 9;', '   | ^^'].join('\n'));
  });

  it('shows the end of the text and an empty text', () => {
    expect(frame('x = 1;\n', 7, 7)).toBe(['1 | x = 1;', '2 |', '  | ^'].join('\n'));
    expect(frame('', 0, 0)).toBe(['1 |', '  | ^'].join('\n'));
  });

  it('colours the caret red and the gutter dim when asked', () => {
    expect(frame('abc', 1, 2, { colour: true })).toBe('\x1b[2m1 |\x1b[22m abc\n\x1b[2m  |\x1b[22m  \x1b[31m^\x1b[39m');
  });

  it('frames a parse diagnostic in a BOM + CRLF file at the right place', () => {
    const text = '\ufeff// header\r\nx = 1;\r\ninfo x\r\n';
    const [d] = parse(text).diagnostics;
    expect(d?.code).toBe('DLG2001');
    expect(codeFrame(new SourceFile('t.dg', text), d!.span)).toBe(['2 | x = 1;', '3 | info x', '  |       ^'].join('\n'));
  });
});

describe("a file's name in a diagnostic", () => {
  it('shows its control characters as their pictures (an escape sequence in a name set the terminal title and cleared the screen; a line break split the line)', () => {
    const name = 'esc\u001b]0;pwned\u0007\u001b[2J\u009bx\nname.dg';
    const text = 'x = ;\n';
    const [d] = parse(text).diagnostics;
    const shown = renderDiagnostic(new SourceFile(name, text), d!);
    expect(shown.split('\n')[0]).toBe("esc␛]0;pwned␇␛[2J\ufffdx␊name.dg:1:5: error[DLG2002] unexpected ';': expected an expression");
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('bidirectional controls in a diagnostic', () => {
  it('are shown as U+FFFD in the message and the frame, one cell each (raw, they reorder the line a terminal prints: Trojan Source)', () => {
    const text = 'x = 1;\nz = \u202e;\n';
    const [d] = parse(text).diagnostics;
    const shown = renderDiagnostic(new SourceFile('bidi.dg', text), d!);
    expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(shown).toContain("error[DLG1001] unexpected character '\ufffd' (U+202E)");
    expect(shown).toContain('2 | z = \ufffd;\n  |     ^');
  });
});

describe('code frames of many findings on one line', () => {
  it('mask each line once, the line above for context included (the two took turns at a one-line cache: 4,000 findings on a 30 KB line took 7 s)', () => {
    const file = new SourceFile('long.dg', `x = 1;\n${'a'.repeat(1000)};\n`);
    const masked: number[] = [];
    const maskLine = (line: string, lineNumber: number) => (masked.push(lineNumber), line);
    for (let column = 0; column < 50; column++) codeFrame(file, { start: 7 + column, end: 8 + column }, { maskLine });
    expect(masked).toEqual([1, 2]);
  });
});
