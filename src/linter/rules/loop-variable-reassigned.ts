import { resolutionOf } from '../../analysis/resolver.js';
import type { ForEachStmt, Node } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/** The innermost enclosing `for each` whose variable has this name. */
function enclosingLoop(parents: readonly Node[], name: string): ForEachStmt | undefined {
  for (let i = parents.length - 1; i >= 0; i--) {
    const node = parents[i]!;
    if (node.kind === 'FunctionDecl') return undefined;
    if (node.kind === 'ForEachStmt' && node.variable.name === name) return node;
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'loop-variable-reassigned',
    code: 'DLG5012',
    category: 'correctness',
    severity: 'warning',
    summary: 'The variable of a `for each` assigned inside its loop, or reused by an inner loop.',
    docs: {
      what:
        'An assignment, inside a `for each` loop, to the loop\'s own variable (`for each index i …{ i = i + 1; }`, ' +
        '`for each name in names { name = name.trim(); }`), and an inner `for each` that uses the same variable ' +
        'as a loop around it. An item variable that is read after the assignment in the same pass (`item = ' +
        'item.toMap(); info item.get("id");`, converting the item for the rest of the pass) is not reported; an index ' +
        'always is.',
      why:
        'The loop sets its variable again on the next pass, so the assignment neither skips items (a C-style ' +
        '`i = i + 1` habit) nor changes the list: a trimmed `name` is lost. An inner loop with the same variable ' +
        'overwrites the outer item, and the rest of the outer pass works on the wrong one.',
      invalid: [
        'names = {" Ann", "Lee "};\nfor each name in names\n{\n\tname = name.trim();\n}\ninfo names;',
        'items = {"a", "b", "c", "d"};\nfor each index i in items\n{\n\tinfo items.get(i);\n\ti = i + 1;\n}',
        'for each row in {{1, 2}, {3}}\n{\n\tfor each row in {5, 6}\n\t{\n\t\tinfo row;\n\t}\n}',
      ],
      valid: [
        'for each row in {"{\\"id\\": 1}"}\n{\n\trow = row.toMap();\n\tinfo row.get("id");\n}',
        'names = {" Ann", "Lee "};\ntrimmed = List();\nfor each name in names\n{\n\tclean = name.trim();\n\ttrimmed.add(clean);\n}\ninfo trimmed;',
        'for each row in {{1, 2}, {3}}\n{\n\tfor each cell in row\n\t{\n\t\tinfo cell;\n\t}\n}',
      ],
    },
  },
  create(context) {
    const resolution = resolutionOf(context.program);
    return {
      AssignStmt(s) {
        if (s.target.kind !== 'Identifier') return;
        const loop = enclosingLoop(context.parents, s.target.name);
        if (!loop) return;
        if (!loop.index) {
          // `item = item.toMap();` then reading `item`: converting the item for the rest of the pass is deliberate.
          const variable = resolution.scopeOf(s).variables.get(s.target.name);
          if (variable?.reads.some((r) => r.span.start >= s.span.end && r.span.start < loop.body.span.end)) return;
        }
        const line = context.file.position(loop.span.start).line;
        const hint = loop.index
          ? `the loop sets it to the next index anyway, so this skips nothing`
          : `the loop sets it to the next item anyway, and the list does not change`;
        context.report({
          span: s.target.span,
          message: `'${s.target.name}' is the variable of the for each on line ${line}: ${hint}; use another variable`,
        });
      },
      ForEachStmt(s) {
        const outer = enclosingLoop(context.parents, s.variable.name);
        if (!outer) return;
        const line = context.file.position(outer.span.start).line;
        context.report({
          span: s.variable.span,
          message: `'${s.variable.name}' is already the variable of the for each on line ${line}: this loop overwrites it; use another name`,
        });
      },
    };
  },
};
