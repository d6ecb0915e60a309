import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../src/syntax/extract.js';

/**
 * The definition: a fence line (its whole run of backticks or tildes), then everything up to the first line of the
 * same indentation and fence alone.
 */
function byRegularExpression(page: string): { lang: string; body: string; offset: number }[] {
  const blocks = [];
  const fence = /^([ \t]*)(`{3,}(?!`)|~{3,}(?!~))[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm;
  for (let m = fence.exec(page); m; m = fence.exec(page)) {
    blocks.push({ lang: (m[3] ?? '').toLowerCase(), body: m[4] ?? '', offset: m.index + m[0].indexOf('\n') + 1 });
  }
  return blocks;
}

describe('fenced blocks of a Markdown page, read line by line', () => {
  it('are those the regular expression of their definition finds, on any page of fences and text', () => {
    const piece = fc.constantFrom('```', '````', '~~~', '```deluge', '~~~ curl', '  ```', '\t```', '``` ', 'x = 1;', 'text', '\n', '\r\n', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const page = pieces.join('');
        expect(markdownBlocks(page), JSON.stringify(page)).toEqual(byRegularExpression(page));
      }),
      { numRuns: 3000 },
    );
  });
});
