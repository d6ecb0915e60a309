import type { Block, Stmt } from '../../syntax/ast.js';

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
