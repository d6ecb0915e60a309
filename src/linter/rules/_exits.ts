import type { Block, Node, Stmt } from '../../syntax/ast.js';

/**
 * The statements by which a statement always leaves its block: itself for `return`, `break`, `continue` and `throw`;
 * one per branch for an `if … else` or a `try … catch` every branch of which leaves. Undefined when it may go on.
 */
export function exitsOf(s: Stmt): Stmt[] | undefined {
  switch (s.kind) {
    case 'ReturnStmt':
    case 'BreakStmt':
    case 'ContinueStmt':
    case 'ThrowStmt':
      return [s];
    case 'IfStmt': {
      // Only an if with an else, every branch of which leaves.
      if (!s.else) return undefined;
      const then = blockExits(s.then);
      const other = s.else.kind === 'Block' ? blockExits(s.else) : exitsOf(s.else);
      return then && other ? [...then, ...other] : undefined;
    }
    case 'TryStmt': {
      const body = blockExits(s.body);
      const handler = blockExits(s.handler);
      return body && handler ? [...body, ...handler] : undefined;
    }
    default:
      return undefined;
  }
}

/** The statements by which a block always leaves (see `exitsOf`): those of its first statement that always leaves. */
export function blockExits(b: Block): Stmt[] | undefined {
  for (const s of b.body) {
    const exits = exitsOf(s);
    if (exits) return exits;
  }
  return undefined;
}

/**
 * Whether the statement holding `node`, in the block nearest to it, is followed there by statements that always leave
 * every loop from `parents[outermost]` inward: `return` or `throw`, or `break` when that loop is the only one.
 */
export function leavesLoopsRightAfter(parents: readonly Node[], outermost: number, node: Node): boolean {
  let loops = 0;
  for (let i = outermost; i < parents.length; i++) {
    const kind = parents[i]!.kind;
    if (kind === 'ForEachStmt' || kind === 'WhileStmt' || kind === 'CStyleForStmt') loops++;
  }
  for (let i = parents.length - 1; i > outermost; i--) {
    const block = parents[i]!;
    if (block.kind !== 'Block') continue;
    const holder = i + 1 < parents.length ? parents[i + 1]! : node;
    const at = block.body.findIndex((s) => s === holder);
    if (at < 0) return false;
    const exits = blockExits({ ...block, body: block.body.slice(at + 1) });
    return exits !== undefined && exits.every((e) => e.kind === 'ReturnStmt' || e.kind === 'ThrowStmt' || (e.kind === 'BreakStmt' && loops === 1));
  }
  return false;
}
