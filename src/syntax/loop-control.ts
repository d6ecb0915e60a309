import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, FunctionDecl, Stmt } from './ast.js';

/**
 * `break` and `continue` outside every loop (`for each`; `while` and C-style `for` are reported on their own) of their
 * function (or script): they end or go on with
 * a loop, and there is none. Run, such a `break` stopped the script or function where it stood, silently (a function
 * called in a loop returned early and the loop went on). One diagnostic, DLG2018, per statement.
 */
export function loopControlOutsideLoops(body: readonly (Stmt | FunctionDecl)[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visit = (s: Stmt | FunctionDecl, inLoop: boolean): void => {
    switch (s.kind) {
      case 'BreakStmt':
      case 'ContinueStmt': {
        if (inLoop) return;
        const word = s.kind === 'BreakStmt' ? 'break' : 'continue';
        found.push(diagnostic('DLG2018', s.span, `'${word}' is not inside a for each loop: there is no loop for it to ${word === 'break' ? 'end' : 'go on with'}`));
        return;
      }
      case 'FunctionDecl':
        return block(s.body, false);
      case 'ForEachStmt':
      case 'WhileStmt':
      case 'CStyleForStmt':
        return block(s.body, true);
      case 'IfStmt':
        block(s.then, inLoop);
        if (s.else?.kind === 'Block') block(s.else, inLoop);
        else if (s.else) visit(s.else, inLoop);
        return;
      case 'TryStmt':
        block(s.body, inLoop);
        return block(s.handler, inLoop);
      case 'TemplateStmt':
        return block(s.body, inLoop);
      default:
        return;
    }
  };
  const block = (b: Block, inLoop: boolean): void => {
    for (const s of b.body) visit(s, inLoop);
  };
  for (const s of body) visit(s, false);
  return found;
}
