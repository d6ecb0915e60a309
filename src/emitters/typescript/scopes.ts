/**
 * Where each Deluge variable is declared in TypeScript. Deluge variables belong to the whole function (or
 * script); TypeScript's `let` belongs to a block. So a variable is declared as close to its use as keeps the
 * meaning: in its `for` header or `catch` block when it lives only there; at its first assignment when every use
 * follows it in the same block (a loop body re-runs that assignment before any use); otherwise once, `= null`,
 * at the start of the block that holds every use — outside any loop, so a value survives from one iteration to
 * the next as it does in Deluge.
 */
import type { Scope, Variable } from '../../analysis/resolver.js';
import type { AssignStmt, Block, ForEachStmt, Identifier, Stmt, TryStmt, VarDeclStmt } from '../../syntax/ast.js';

/** A statement list: a `{ … }` block, or the top level of a script or function body. */
export interface BlockInfo {
  readonly statements: readonly Stmt[];
  readonly start: number;
  readonly end: number;
  readonly parent?: BlockInfo;
  /** The loop whose body this block is. */
  readonly loop?: ForEachStmt;
}

export interface DeclarationPlan {
  /** Assignments and typed declarations that declare their variable: `let x: Value = …` or `const`. */
  readonly declareAt: Map<AssignStmt | VarDeclStmt, 'let' | 'const'>;
  /** Variables declared `let x: Value = null;` at the start of a block (by its statement list). */
  readonly hoisted: Map<readonly Stmt[], string[]>;
  /** Loops that declare their variable in their header (`for (const x of …)`). */
  readonly loopLocal: Set<ForEachStmt>;
  /** `try` statements whose `catch` variable is declared in the catch block. */
  readonly catchLocal: Set<TryStmt>;
  /** Names read with no definition at all in the scope. */
  readonly neverDefined: Set<string>;
  /** Variables assigned but never read: not declared; their assignments keep only the value's effects. */
  readonly neverRead: Set<string>;
  /**
   * Reads of hoisted variables that no assignment surely precedes (it is in an `if`, a loop, a `try`, or after the
   * read): there the variable may have no value yet, which Deluge reports as not defined (DLG4008).
   */
  readonly maybeUnassigned: Set<Identifier>;
}

export function planDeclarations(scope: Scope, body: readonly Stmt[], span: { start: number; end: number }): DeclarationPlan {
  const blocks: BlockInfo[] = [];
  const root: BlockInfo = { statements: body, start: span.start, end: span.end };
  blocks.push(root);
  const visitBlock = (b: Block, parent: BlockInfo, loop?: ForEachStmt): void => {
    const info: BlockInfo = { statements: b.body, start: b.span.start, end: b.span.end, parent, ...(loop && { loop }) };
    blocks.push(info);
    b.body.forEach((s) => visitStmt(s, info));
  };
  const visitStmt = (s: Stmt, parent: BlockInfo): void => {
    switch (s.kind) {
      case 'IfStmt':
        visitBlock(s.then, parent);
        if (s.else?.kind === 'Block') visitBlock(s.else, parent);
        else if (s.else) visitStmt(s.else, parent);
        return;
      case 'ForEachStmt':
        return visitBlock(s.body, parent, s);
      case 'TryStmt':
        visitBlock(s.body, parent);
        return visitBlock(s.handler, parent);
      case 'WhileStmt':
      case 'CStyleForStmt':
      case 'TemplateStmt':
        return visitBlock(s.body, parent);
      default:
        return;
    }
  };
  body.forEach((s) => visitStmt(s, root));

  const depth = (b: BlockInfo): number => (b.parent ? depth(b.parent) + 1 : 0);
  const innermost = (offset: number): BlockInfo => {
    let best = root;
    for (const b of blocks) if (b.start <= offset && offset < b.end && depth(b) > depth(best)) best = b;
    return best;
  };
  const common = (a: BlockInfo, b: BlockInfo): BlockInfo => {
    const chain = new Set<BlockInfo>();
    for (let x: BlockInfo | undefined = a; x; x = x.parent) chain.add(x);
    for (let y: BlockInfo | undefined = b; y; y = y.parent) if (chain.has(y)) return y;
    return root;
  };
  const inside = (id: Identifier, block: Block): boolean => id.span.start >= block.span.start && id.span.end <= block.span.end;

  const plan: DeclarationPlan = {
    declareAt: new Map(),
    hoisted: new Map(),
    loopLocal: new Set(),
    catchLocal: new Set(),
    neverDefined: new Set(),
    neverRead: new Set(),
    maybeUnassigned: new Set(),
  };
  const hoist = (block: BlockInfo, name: string): void => {
    const list = plan.hoisted.get(block.statements) ?? [];
    list.push(name);
    plan.hoisted.set(block.statements, list);
  };

  for (const v of scope.variables.values()) {
    const defs = v.definitions;
    if (defs.length === 0) {
      plan.neverDefined.add(v.name);
      continue;
    }
    if (defs.some((d) => d.kind === 'parameter')) continue;
    if (v.reads.length === 0) {
      plan.neverRead.add(v.name);
      continue;
    }
    const loops = defs.map((d) => d.node).filter((n): n is ForEachStmt => n.kind === 'ForEachStmt');
    // Not a loop inside another's body: the inner loop gives the outer loop's variable its last element.
    const disjoint = (blocks: readonly Block[]) => !blocks.some((outer) => blocks.some((b) => b !== outer && b.span.start >= outer.span.start && b.span.end <= outer.span.end));
    if (loops.length === defs.length && disjoint(loops.map((l) => l.body)) && v.reads.every((r) => loops.some((l) => inside(r, l.body)))) {
      loops.forEach((l) => plan.loopLocal.add(l));
      continue;
    }
    const tries = defs.map((d) => d.node).filter((n): n is TryStmt => n.kind === 'TryStmt');
    if (tries.length === defs.length && disjoint(tries.map((t) => t.handler)) && v.reads.every((r) => tries.some((t) => inside(r, t.handler)))) {
      tries.forEach((t) => plan.catchLocal.add(t));
      continue;
    }
    const refs = references(v);
    let block = innermost(refs[0]!.span.start);
    for (const r of refs) block = common(block, innermost(r.span.start));
    const first = defs.reduce((a, b) => (b.id.span.start < a.id.span.start ? b : a));
    const firstRef = refs.reduce((a, b) => (b.span.start < a.span.start ? b : a));
    const node = first.node;
    if (
      firstRef === first.id &&
      (first.kind === 'assignment' || first.kind === 'declaration') &&
      (node.kind === 'AssignStmt' || node.kind === 'VarDeclStmt') &&
      block.statements.includes(node) &&
      v.reads.every((r) => r.span.start >= node.span.end)
    ) {
      plan.declareAt.set(node, defs.length === 1 ? 'const' : 'let');
      continue;
    }
    // Out of every loop: a value assigned in one iteration is seen by the next.
    let target = block;
    for (let b: BlockInfo | undefined = block; b; b = b.parent) if (b.loop) target = b.parent ?? root;
    hoist(target, v.name);
    // A loop's variable inside its body, a catch variable inside its block, always have a value.
    const bodies = defs.map((d) => (d.node.kind === 'ForEachStmt' ? d.node.body : d.node.kind === 'TryStmt' ? d.node.handler : undefined)).filter((b) => b !== undefined);
    for (const r of v.reads) {
      // Else an assignment surely ran before the read: a statement before it, in a block that holds it, assigns the
      // variable on every path (itself, or each branch of an if/else, or both a try's body and its catch block).
      let surely = bodies.some((b) => inside(r, b));
      for (let b: BlockInfo | undefined = innermost(r.span.start); b && !surely; b = b.parent) {
        surely = b.statements.some((st) => st.span.end <= r.span.start && assignsSurely(st, v.name));
      }
      if (!surely) plan.maybeUnassigned.add(r);
    }
  }
  return plan;
}

function references(v: Variable): Identifier[] {
  return [...v.definitions.map((d) => d.id), ...v.reads];
}

/** Whether the statement gives the variable a value on every path through it that ends normally. */
function assignsSurely(s: Stmt, name: string): boolean {
  switch (s.kind) {
    case 'AssignStmt':
      return s.op === '=' && s.target.kind === 'Identifier' && s.target.name === name;
    case 'VarDeclStmt':
      return s.name.name === name;
    case 'IfStmt':
      return s.else !== undefined && blockAssigns(s.then.body, name) && (s.else.kind === 'Block' ? blockAssigns(s.else.body, name) : assignsSurely(s.else, name));
    case 'TryStmt':
      return blockAssigns(s.body.body, name) && blockAssigns(s.handler.body, name);
    default:
      return false;
  }
}

function blockAssigns(statements: readonly Stmt[], name: string): boolean {
  return statements.some((s) => assignsSurely(s, name));
}
