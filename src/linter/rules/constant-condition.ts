import { unwrap } from '../../analysis/resolver.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

type Constant = { readonly value: boolean | number | string | null };

/** The value of an expression that depends on no variable and no call, or undefined. */
function constant(e: Expr): Constant | undefined {
  e = unwrap(e);
  switch (e.kind) {
    case 'BooleanLiteral':
      return { value: e.value };
    case 'NumberLiteral':
      return { value: Number(e.raw) };
    case 'StringLiteral':
      return e.quote === '"' ? { value: e.value } : undefined; // a single-quoted literal may be a date-time
    case 'NullLiteral':
      return { value: null };
    case 'UnaryExpr': {
      const operand = constant(e.operand);
      if (!operand) return undefined;
      if (e.op === '!') return typeof operand.value === 'boolean' ? { value: !operand.value } : undefined;
      return typeof operand.value === 'number' ? { value: e.op === '-' ? -operand.value : operand.value } : undefined;
    }
    case 'BinaryExpr': {
      const left = constant(e.left);
      // `false && x` and `true || x` are decided by their left side alone.
      if (e.op === '&&' && left?.value === false) return { value: false };
      if (e.op === '||' && left?.value === true) return { value: true };
      const right = constant(e.right);
      if ((e.op === '&&' || e.op === '||') && left && typeof left.value === 'boolean' && right && typeof right.value === 'boolean') {
        return { value: e.op === '&&' ? left.value && right.value : left.value || right.value };
      }
      if (e.op === '==' || e.op === '=' || e.op === '!=') {
        // `x == x`: the same variable or field on both sides.
        const equal = left && right ? left.value === right.value : sameName(e.left, e.right) ? true : undefined;
        if (equal === undefined) return undefined;
        return { value: e.op === '!=' ? !equal : equal };
      }
      if (!left || !right) return undefined;
      if (typeof left.value === 'number' && typeof right.value === 'number') {
        switch (e.op) {
          case '<':
            return { value: left.value < right.value };
          case '<=':
            return { value: left.value <= right.value };
          case '>':
            return { value: left.value > right.value };
          case '>=':
            return { value: left.value >= right.value };
          default:
            return undefined;
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function sameName(a: Expr, b: Expr): boolean {
  a = unwrap(a);
  b = unwrap(b);
  if (a.kind === 'Identifier' && b.kind === 'Identifier') return a.name === b.name;
  if (a.kind === 'MemberExpr' && b.kind === 'MemberExpr') return a.property.name === b.property.name && sameName(a.object, b.object);
  return false;
}

function describe(c: Constant): string {
  return typeof c.value === 'boolean' ? `always ${c.value}` : 'a constant, not a comparison';
}

export const rule: Rule = {
  meta: {
    id: 'constant-condition',
    code: 'DLG5009',
    category: 'correctness',
    severity: 'warning',
    summary: 'A condition whose value is always the same (`if (true)`, `if (1 == 1)`).',
    docs: {
      what:
        'The condition of an `if` statement or of the `if(…, …, …)` function that depends on no variable and no ' +
        'call: a literal (`if (true)`, `if (1)`), a comparison of literals (`1 == 1`), a variable compared with ' +
        'itself (`x == x`), or `false && …` / `true || …`.',
      why:
        'One branch can never run. It is either debugging left in (`if (true)` to force a path) or a slip: ' +
        '`status == status` for `status == "Open"`.',
      invalid: [
        'if (true)\n{\n\tinfo "always";\n}',
        'status = "Open";\nif (status == status)\n{\n\tinfo status;\n}',
        'label = if(1 == 2, "never", "always");\ninfo label;',
      ],
      valid: [
        'status = "Open";\nif (status == "Open")\n{\n\tinfo status;\n}',
        'count = 3;\nlabel = if(count > 1, "many", "one");\ninfo label;',
      ],
    },
  },
  create(context) {
    const check = (condition: Expr) => {
      const c = constant(condition);
      if (c) context.report({ span: condition.span, message: `This condition is ${describe(c)}: test a value that can change, or remove the condition` });
    };
    return {
      IfStmt(s) {
        check(s.condition);
      },
      ConditionalExpr(e) {
        check(e.condition);
      },
    };
  },
};
