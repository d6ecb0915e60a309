import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, SourceFile, type Span, type Stmt } from '../../src/index.js';
import { goldenJson, spanProblems, walk } from '../helpers/ast.js';
import { describeDiagnostic, dgFixtures } from '../helpers/fixtures.js';

/**
 * One fixture per construct: test/syntax/fixtures/constructs/<name>.dg must parse with no diagnostics, and its
 * AST (spans included) must equal <name>.ast.json. Regenerate the goldens with `npx vitest run test/syntax -u`
 * and read the diff: each span is shown with the text it covers, so a wrong one stands out.
 */
const dir = new URL('./fixtures/constructs/', import.meta.url);
const fixtures = dgFixtures(dir);

describe('construct fixtures', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it('have no golden without a fixture', () => {
    const goldens = readdirSync(dir).filter((f) => f.endsWith('.ast.json'));
    const orphans = goldens.filter((g) => !existsSync(new URL(g.replace(/\.ast\.json$/, '.dg'), dir)));
    expect(orphans).toEqual([]);
  });

  for (const { name, file, text } of fixtures) {
    describe(file, () => {
      const result = parse(text);

      it('parses without diagnostics', () => {
        expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([]);
        expect(result.docsNormalised).toBe(false);
      });

      it('has well-formed spans (inside the text, inside the parent node)', () => {
        expect(spanProblems(result.value, text.length)).toEqual([]);
      });

      it('has leaves that cover exactly their source text (names, literals, task keys, comments)', () => {
        const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
        const wrong: string[] = [];
        walk(result.value, (node, _parent, path) => {
          const expected =
            node.kind === 'Identifier' ? node['name'] : 'raw' in node ? node['raw'] : node.kind.endsWith('Comment') ? node['text'] : undefined;
          if (typeof expected === 'string' && slice(node.span) !== expected) wrong.push(`${path} ${node.kind}: ${JSON.stringify(slice(node.span))} ≠ ${JSON.stringify(expected)}`);
          if (node.kind === 'TaskParam' && slice(node['keySpan'] as Span) !== node['key']) wrong.push(`${path}.keySpan`);
        });
        for (const c of result.value.comments) if (slice(c.span) !== c.text) wrong.push(`comment ${JSON.stringify(c.text)}`);
        expect(wrong).toEqual([]);
      });

      it('matches its AST golden', async () => {
        await expect(goldenJson(result.value, text)).toMatchFileSnapshot(`./fixtures/constructs/${name}.ast.json`);
      });
    });
  }
});

describe('BOM and CRLF input (bom-crlf.dg)', () => {
  const { text } = fixtures.find((f) => f.name === 'bom-crlf')!;
  const file = new SourceFile('bom-crlf.dg', text);
  const { value } = parse(text);
  const at = (offset: number) => {
    const p = file.position(offset);
    return `${p.line}:${p.column}`;
  };

  it('really starts with a BOM and uses CRLF line ends', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n').length).toBe(8);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('puts statements, nested statements and comments at the lines and columns an editor shows', () => {
    const [assign, ifStmt, last] = value.body as Stmt[];
    expect(at(value.comments[0]!.span.start)).toBe('1:1');
    expect(at(assign!.span.start)).toBe('2:1');
    expect(at(assign!.span.end)).toBe('2:14');
    expect(ifStmt!.kind).toBe('IfStmt');
    if (ifStmt!.kind !== 'IfStmt') return;
    expect(at(ifStmt.condition.span.start)).toBe('3:5');
    expect(at(ifStmt.then.span.start)).toBe('4:1');
    const info = ifStmt.then.body[0]!;
    expect(at(info.span.start)).toBe('5:2'); // after one tab
    expect(at(ifStmt.then.span.end)).toBe('6:2');
    expect(at(last!.span.start)).toBe('7:1');
  });

  it('keeps the comment text without the BOM or the CR', () => {
    expect(value.comments.map((c) => c.text)).toEqual(['// BOM, then CRLF line ends']);
  });

  it('counts a non-ASCII character as one column', () => {
    const assign = value.body[0]!;
    if (assign.kind !== 'AssignStmt') throw new Error(assign.kind);
    // name = "Zoë";  — the string spans columns 8..13
    expect(at(assign.value.span.start)).toBe('2:8');
    expect(at(assign.value.span.end)).toBe('2:13');
  });
});
