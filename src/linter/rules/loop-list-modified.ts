import { resolutionOf, unwrap } from '../../analysis/resolver.js';
import { BUILTINS } from '../../runtime/builtins/index.js';
import type { ForEachStmt, Node } from '../../syntax/ast.js';
import { walk } from '../../syntax/walk.js';
import type { Rule } from '../rule.js';
import { leavesLoopsRightAfter } from './_exits.js';

/** Methods that change a list or collection in place (`add`, `remove`, `insert`, …), in lower case. */
const CHANGES_LIST = new Set(
  BUILTINS.all
    .filter((s) => s.mutates && [s.receiver ?? []].flat().some((t) => t === 'LIST' || t === 'COLLECTION'))
    .flatMap((s) => [s.name, ...(s.aliases ?? [])].map((n) => n.toLowerCase())),
);

/** The body reassigns the variable before the offset: the list changed afterwards is a new one. */
function reassignedBefore(loop: ForEachStmt, name: string, offset: number): boolean {
  let found = false;
  walk(loop.body, {
    enter(node: Node) {
      if (node.kind === 'AssignStmt' && node.target.kind === 'Identifier' && node.target.name === name && node.span.end <= offset) found = true;
    },
  });
  return found;
}

export const rule: Rule = {
  meta: {
    id: 'loop-list-modified',
    code: 'DLG5013',
    category: 'correctness',
    severity: 'warning',
    summary: 'The list a `for each` walks changed inside the loop (`add`, `remove`).',
    docs: {
      what:
        'Inside `for each x in items { … }` (or `for each index i in items`), a call that changes `items` in ' +
        'place: `items.add(…)`, `items.remove(…)`, `items.removeElement(…)`, `items.insert(…)`, `items.clear()` and ' +
        'the other changing list and collection methods — unless the statements after it in its block leave the loop ' +
        '(`items.add("end"); break;`).',
      why:
        'The loop reads the list as it goes: an item added is walked too, so adding on every pass never ends until ' +
        'the statement limit stops the script; removing shifts the items and some are skipped. Collect the ' +
        'changes in another list and apply them after the loop.',
      invalid: [
        'queue = {"a", "b"};\nfor each item in queue\n{\n\tqueue.add(item + "!");\n}',
        'ids = {"1", "", "2"};\nfor each index i in ids\n{\n\tif (ids.get(i) == "")\n\t{\n\t\tids.remove(i);\n\t}\n}',
      ],
      valid: [
        'queue = {"a", "b"};\nmore = List();\nfor each item in queue\n{\n\tmore.add(item + "!");\n}\nqueue.addAll(more);',
        'batch = List();\nfor each id in {"1", "2"}\n{\n\tbatch.add(id);\n\tif (batch.size() == 2)\n\t{\n\t\tinfo batch;\n\t\tbatch = List();\n\t}\n}',
      ],
    },
  },
  create(context) {
    const resolution = resolutionOf(context.program);
    return {
      calls: {
        // Only calls of the methods that change a list are handed to `visit`.
        names: [...CHANGES_LIST],
        visit(call) {
          // Methods are called on a value: `x.add(…)`.
          if (call.callee.kind !== 'MemberExpr') return;
          const target = resolution.calls.get(call);
          if (target?.kind !== 'method' || !CHANGES_LIST.has(target.name.toLowerCase())) return;
          const object = unwrap(target.object);
          if (object.kind !== 'Identifier') return;
          const parents = context.parents;
          for (let i = parents.length - 1; i >= 0; i--) {
            const node = parents[i]!;
            if (node.kind === 'FunctionDecl') return;
            if (node.kind !== 'ForEachStmt') continue;
            const iterable = unwrap(node.iterable);
            if (iterable.kind !== 'Identifier' || iterable.name !== object.name) continue;
            if (call.span.start < node.body.span.start || reassignedBefore(node, object.name, call.span.start)) return;
            // `items.add("end"); break;`: the loop never walks on after the change.
            if (leavesLoopRightAfter(parents, i, call)) return;
            const line = context.file.position(node.span.start).line;
            context.report({
              span: call.callee.kind === 'MemberExpr' ? { start: object.span.start, end: call.callee.property.span.end } : call.span,
              message: `'${object.name}' is changed by '${target.name}' while the for each on line ${line} walks it: items added are walked too and removals skip items; collect the changes in another list and apply them after the loop`,
            });
            return;
          }
        },
      },
    };
  },
};

/**
 * Whether the statement holding the call, in the block nearest to it, is followed there by statements that always
 * leave the loop (`break`, `return`, `throw`; not `continue`) — with no other loop between that block and the
 * for each at `parents[loopAt]` (a `break` inside an inner loop leaves only that one).
 */
function leavesLoopRightAfter(parents: readonly Node[], loopAt: number, call: Node): boolean {
  for (let i = loopAt + 1; i < parents.length; i++) {
    const kind = parents[i]!.kind;
    if (kind === 'ForEachStmt' || kind === 'WhileStmt' || kind === 'CStyleForStmt') return false;
  }
  return leavesLoopsRightAfter(parents, loopAt, call);
}
