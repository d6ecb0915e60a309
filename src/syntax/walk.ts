import type { Node } from './ast.js';

/** The AST nodes directly inside a node, in source order (spans and plain values skipped). */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'span' || key === 'keySpan' || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && 'kind' in item) children.push(item as Node);
    } else if ('kind' in value) children.push(value as Node);
    else {
      // `sortBy` and `range` of a record query hold nodes one level down.
      for (const inner of Object.values(value)) if (inner && typeof inner === 'object' && 'kind' in inner) children.push(inner as Node);
    }
  }
  return children.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Visits every node depth-first in source order: `enter` before its children, `leave` after. `parents` is the
 * chain from the root to the node's parent (the same array, mutated as the walk goes: copy it to keep it).
 */
export function walk(
  root: Node,
  visitor: { enter?(node: Node, parents: readonly Node[]): void; leave?(node: Node, parents: readonly Node[]): void },
): void {
  const parents: Node[] = [];
  const visit = (node: Node): void => {
    visitor.enter?.(node, parents);
    parents.push(node);
    for (const child of childNodes(node)) visit(child);
    parents.pop();
    visitor.leave?.(node, parents);
  };
  visit(root);
}
