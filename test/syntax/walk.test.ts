/**
 * `childNodes` reads each kind's children through a hand-written switch (the fast path); CHILD_PROPERTIES lists the
 * same properties in a form the compiler checks against the AST types. This holds the two together: for every node
 * of every example, the switch finds exactly the nodes the listed properties hold, in source order.
 */
import { describe, expect, it } from 'vitest';
import type { Node, NodeKind } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/parse.js';
import { CHILD_PROPERTIES, childNodes, walk } from '../../src/syntax/walk.js';
import { isNode as isAnyNode } from '../helpers/ast.js';
import { exampleTexts } from '../helpers/fixtures.js';

const isNode = (value: unknown): value is Node => isAnyNode(value);

/** The nodes a node's listed properties hold (a node, a list of nodes, or an object with nodes one level down). */
function listedChildren(node: Node): Node[] {
  const out: Node[] = [];
  const properties = CHILD_PROPERTIES[node.kind as NodeKind] as Record<string, true> | undefined;
  for (const key of Object.keys(properties ?? {})) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) out.push(...value.filter(isNode));
    else if (isNode(value)) out.push(value);
    else if (typeof value === 'object' && value !== null) out.push(...Object.values(value).filter(isNode));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

describe('childNodes and CHILD_PROPERTIES', () => {
  it('agree on every node of every example', () => {
    const kinds = new Set<string>();
    for (const text of exampleTexts()) {
      walk(parse(text).value, {
        enter(node) {
          kinds.add(node.kind);
          expect(childNodes(node), node.kind).toEqual(listedChildren(node));
        },
      });
    }
    // The examples reach most kinds (the rest are Creator-only statements).
    expect(kinds.size).toBeGreaterThan(30);
  });
});
