import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { walk } from '../../src/syntax/walk.js';
import { shape } from '../helpers/ast.js';
import { describeDiagnostic } from '../helpers/fixtures.js';

/**
 * Operator precedence and associativity, as tree shapes: `(op left right)`, `(op operand)` for unary,
 * `(paren x)`, `(call callee args…)`, `a.b` for members. Precedence, tightest first:
 * unary `! - +` > `* / %` > `+ -` > `< <= > >= in not-in` > `== !=` > `&&` > `||`; all binary operators are
 * left-associative.
 */
const table: [source: string, tree: string][] = [
  ['a || b && c == d + e * -f', '(|| a (&& b (== c (+ d (* e (- f))))))'],
  ['x in {1,2}', '(in x {1 2})'],
  ['y not in l', '(not in y l)'],
  ['!a && b', '(&& (! a) b)'],
  ['a && b || c && d', '(|| (&& a b) (&& c d))'],
  ['a || b || c', '(|| (|| a b) c)'],
  ['a && b && c', '(&& (&& a b) c)'],
  ['a - b - c', '(- (- a b) c)'],
  ['a / b * c', '(* (/ a b) c)'],
  ['a % b + c', '(+ (% a b) c)'],
  ['a + b * c - d', '(- (+ a (* b c)) d)'],
  ['(a + b) * c', '(* (paren (+ a b)) c)'],
  ['a < b == c > d', '(== (< a b) (> c d))'],
  ['a == b != c', '(!= (== a b) c)'],
  ['a <= b && c >= d', '(&& (<= a b) (>= c d))'],
  ['a + b in l', '(in (+ a b) l)'],
  ['a == b in l', '(== a (in b l))'],
  ['x not in l && y in m', '(&& (not in x l) (in y m))'],
  ['!x in l', '(in (! x) l)'],
  ['- - a', '(- (- a))'],
  ['-a * b', '(* (- a) b)'],
  ['!a.isEmpty()', '(! (call a.isEmpty))'],
  ['-m.get("n") + 1', '(+ (- (call m.get "n")) 1)'],
  ['!(a || b)', '(! (paren (|| a b)))'],
  ['"Total: " + a + b', '(+ (+ "Total: " a) b)'],
  ['"n=" + (a + b)', '(+ "n=" (paren (+ a b)))'],
  ['a.b.c(d).e', '(call a.b.c d).e'],
  ['if(a > b, a, b) + 1', '(+ (if (> a b) a b) 1)'],
  ['ifnull(a, 0) * 2', '(* (call ifnull a 0) 2)'],
  ['a == null || a == ""', '(|| (== a null) (== a ""))'],
];

describe('operator precedence and associativity', () => {
  it.each(table)('%s  →  %s', (source, tree) => {
    const text = `x = ${source};`;
    const result = parse(text);
    expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([]);
    const stmt = result.value.body[0]!;
    if (stmt.kind !== 'AssignStmt') throw new Error(`expected an assignment, got ${stmt.kind}`);
    expect(shape(stmt.value)).toBe(tree);
    // The expression covers exactly what was written after `x = `.
    expect(text.slice(stmt.value.span.start, stmt.value.span.end)).toBe(source);
  });
});

describe('conditions use the same precedence', () => {
  it.each([
    ['if (a && b || c) {}', '(|| (&& a b) c)'],
    ['if (!found && i < 10) {}', '(&& (! found) (< i 10))'],
    ['if (x in {1, 2} || y not in {3}) {}', '(|| (in x {1 2}) (not in y {3}))'],
  ])('%s', (text, tree) => {
    const result = parse(text);
    expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([]);
    const stmt = result.value.body[0]!;
    if (stmt.kind !== 'IfStmt') throw new Error(stmt.kind);
    expect(shape(stmt.condition)).toBe(tree);
  });
});

describe("':ui' is a field's UI handle only after the field's name, written together", () => {
  it('is no handle after a map key or a named argument: a variable named ui is read there', () => {
    const text = 'ui = {"name": "x"};\nm = {"k": ui.get("name"), "j": 2};\nn = {"k":ui.get("name")};\nf(data: ui.get("name"));\ninput.Country:ui.add("India");\nrow.State:ui.clear();\n';
    const result = parse(text);
    expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([]);
    const kinds: string[] = [];
    walk(result.value, { enter: (node) => void (node.kind === 'UiExpr' || node.kind === 'MapLiteral' ? kinds.push(node.kind) : undefined) });
    expect(kinds).toEqual(['MapLiteral', 'MapLiteral', 'MapLiteral', 'UiExpr', 'UiExpr']);
  });
});
