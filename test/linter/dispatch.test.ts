/**
 * The linter's one traversal: every visitor a rule asks for gets every node of its kind, in the order `walk` gives
 * them, with the chain of parents of the moment; `calls` gets exactly the calls of its names, whatever their case.
 */
import { describe, expect, it } from 'vitest';
import { buildTreeIndex } from '../../src/analysis/tree-index.js';
import { lint } from '../../src/linter/lint.js';
import type { Rule } from '../../src/linter/rule.js';
import { UNUSED_SUPPRESSION } from '../../src/linter/suppressions.js';
import type { Node } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/parse.js';
import { walk } from '../../src/syntax/walk.js';
import { exampleTexts } from '../helpers/fixtures.js';

const SCRIPT = `ids = List();
ids.add("1");
IDS.Add("2");
m = {"a": zoho.crm.getRecordById("Leads", ids.get(0))};
if (m.get("a") != null && ids.size() > 1)
{
\tinfo getUrl("https://example.com/" + ids.get(1));
}
`;

/** A rule that writes down what it is handed: the node's kind, start and its parents' kinds. */
function recorder(kinds: readonly string[], names?: readonly string[]): { rule: Rule; seen: string[] } {
  const seen: string[] = [];
  const rule: Rule = {
    meta: { ...UNUSED_SUPPRESSION.meta, id: 'test-recorder', severity: 'warning' },
    create(context) {
      const note = (label: string) => (node: Node) => seen.push(`${label} ${node.kind}@${node.span.start} in ${context.parents.map((p) => p.kind).join('>')}`);
      const visitors: Record<string, unknown> = {};
      for (const kind of kinds) visitors[kind] = note('kind');
      if (names) visitors.calls = { names, visit: note('call') };
      return visitors;
    },
  };
  return { rule, seen };
}

/** What `walk` gives for the same kinds: the reference order and parents. */
function walked(kinds: readonly string[]): string[] {
  const out: string[] = [];
  walk(parse(SCRIPT).value, {
    enter(node, parents) {
      if (kinds.includes(node.kind)) out.push(`kind ${node.kind}@${node.span.start} in ${parents.map((p) => p.kind).join('>')}`);
    },
  });
  return out;
}

describe('the linter traversal', () => {
  it.each([
    [['Identifier', 'MemberExpr']],
    [['CallExpr', 'StringLiteral', 'NumberLiteral']],
    [['BinaryExpr', 'AssignStmt', 'IfStmt', 'MapEntry', 'InfoStmt']],
  ])('hands %j nodes in walk order with their parents', (kinds) => {
    const { rule, seen } = recorder(kinds);
    lint('t.dg', SCRIPT, { only: [rule] });
    expect(seen.length).toBeGreaterThan(kinds.length);
    expect(seen).toEqual(walked(kinds));
  });

  it('hands `calls` visitors the calls of their names only, compared without case', () => {
    const { rule, seen } = recorder([], ['add', 'GETURL']);
    lint('t.dg', SCRIPT, { only: [rule] });
    expect(seen.map((s) => s.split(' in ')[0])).toEqual([
      `call CallExpr@${SCRIPT.indexOf('ids.add')}`,
      `call CallExpr@${SCRIPT.indexOf('IDS.Add')}`,
      `call CallExpr@${SCRIPT.indexOf('getUrl')}`,
    ]);
  });
});

describe('the tree index', () => {
  it('lists the nodes of every example in walk order, each with its parent', () => {
    const texts = exampleTexts();
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      const program = parse(text).value;
      const expected: Node[] = [];
      const parents: (Node | undefined)[] = [];
      walk(program, {
        enter(node, chain) {
          expected.push(node);
          parents.push(chain[chain.length - 1]);
        },
      });
      const index = buildTreeIndex(program);
      expect(index.nodes.length).toBe(expected.length);
      expect(index.nodes.every((node, i) => node === expected[i])).toBe(true);
      expect(index.parent.every((p, i) => (p < 0 ? undefined : index.nodes[p]) === parents[i])).toBe(true);
      for (const [kind, positions] of index.byKind) {
        expect(positions, kind).toEqual(index.nodes.flatMap((node, i) => (node.kind === kind ? [i] : [])));
      }
    }
  });

  it('flattens a tree whose children are out of source order in walk order too', () => {
    const program = parse('x = a + b;').value;
    const assign = program.body[0]!;
    if (assign.kind !== 'AssignStmt' || assign.value.kind !== 'BinaryExpr') throw new Error('unexpected tree');
    // A hand-built node: its left operand after its right one.
    const swapped = { ...assign.value, left: assign.value.right, right: assign.value.left };
    const tree = { ...program, body: [{ ...assign, value: swapped }] };
    const expected: Node[] = [];
    walk(tree, { enter: (node) => void expected.push(node) });
    const nodes = buildTreeIndex(tree).nodes;
    expect(nodes.length).toBe(expected.length);
    expect(nodes.every((node, i) => node === expected[i])).toBe(true);
    expect(expected.map((n) => (n.kind === 'Identifier' ? n.name : n.kind))).toEqual(['Program', 'AssignStmt', 'x', 'BinaryExpr', 'a', 'b']);
  });
});

describe('a report another rule covers (RuleMeta.covers) is left out', () => {
  const TEXT = [
    'resp = zoho.crm.getRecordById("Leads", 410405000002264040);',
    'info resp.get("Email").toLowerCase();',
    'other = zoho.crm.getRecordById("Leads", 410405000002264025);',
    'if (other.get("status") == "error")',
    '{',
    '\treturn;',
    '}',
    'info other.get("Owner").get("name");',
  ].join('\n');
  const shown = (rules: Record<string, 'off' | 'warning'> = {}, text = TEXT) =>
    lint('a.dg', text, { rules }).diagnostics.map((d) => `${d.ruleId} ${d.span.start}-${d.span.end}`);

  it("null-unchecked at the very span of response-unchecked's report: one report, the one whose fix answers both", () => {
    const at = `${TEXT.indexOf('resp.get("Email")')}-${TEXT.indexOf('resp.get("Email")') + 'resp.get("Email")'.length}`;
    expect(shown()).toEqual([`response-unchecked ${at}`]);
    // With response-unchecked off, or its report suppressed, null-unchecked's is shown.
    expect(shown({ 'response-unchecked': 'off' })).toEqual([`null-unchecked ${at}`]);
    const suppressed = TEXT.replace('info resp.get', '// deluge-disable-next-line response-unchecked -- checked by the caller\ninfo resp.get');
    expect(lint('a.dg', suppressed, {}).diagnostics.map((d) => d.ruleId)).toEqual(['null-unchecked']);
  });
});
