import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parser } from '../../src/syntax/parser.js';

describe('grammar/deluge.ebnf', () => {
  const ebnf = readFileSync(new URL('../../grammar/deluge.ebnf', import.meta.url), 'utf8');
  // Rules are camelCase; PascalCase productions describe tokens.
  const defined = new Set([...ebnf.matchAll(/^([a-z][A-Za-z]*)\s+::=/gm)].map((m) => m[1]!));

  it('defines every rule of the parser', () => {
    const rules = Object.keys(parser.getGAstProductions());
    expect(rules.filter((r) => !defined.has(r))).toEqual([]);
  });

  it('defines nothing the parser does not have, except productions the parser inlines', () => {
    const rules = new Set(Object.keys(parser.getGAstProductions()));
    const inlined = ['primary'];
    expect([...defined].filter((d) => !rules.has(d) && !inlined.includes(d))).toEqual([]);
  });
});
