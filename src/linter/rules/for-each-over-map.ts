import { resolutionOf, unwrap, type Definition } from '../../analysis/resolver.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'for-each-over-map',
    code: 'DLG5014',
    category: 'correctness',
    severity: 'error',
    fixable: 'unsafe',
    summary: '`for each` over a map, which cannot be iterated: iterate its `keys()`.',
    docs: {
      what:
        '`for each` over a value that is certainly a map: a map literal `{"k": v}`, `Map()`, `….toMap()`, or a ' +
        'variable every definition of which is one of these (or a `Map` parameter or declaration). The suggested ' +
        'fix iterates `….keys()` instead.',
      why:
        '`for each` walks lists (and comma-separated text); over a map it fails when it runs. Walk the keys and ' +
        'read each value with `get`: `for each key in m.keys() { info m.get(key); }`.',
      invalid: [
        'owners = {"India": "Asha", "Germany": "Jonas"};\nfor each country in owners\n{\n\tinfo country;\n}',
        'void standalone.show(Map record)\n{\n\tfor each field in record\n\t{\n\t\tinfo field;\n\t}\n}',
      ],
      valid: [
        'owners = {"India": "Asha", "Germany": "Jonas"};\nfor each country in owners.keys()\n{\n\tinfo country + ": " + owners.get(country);\n}',
        'rows = Map();\nrows = zoho.crm.getRecords("Leads");\nfor each row in rows\n{\n\tinfo row;\n}',
      ],
    },
  },
  create(context) {
    const resolution = resolutionOf(context.program);
    const isMapValue = (e: Expr): boolean => {
      e = unwrap(e);
      if (e.kind === 'MapLiteral') return e.entries.length > 0; // `{}` is also written for an empty list
      if (e.kind !== 'CallExpr') return false;
      const target = resolution.calls.get(e);
      return (target?.kind === 'function' && target.name.toLowerCase() === 'map') || (target?.kind === 'method' && target.name.toLowerCase() === 'tomap');
    };
    const definesMap = (d: Definition): boolean => {
      switch (d.node.kind) {
        case 'Param':
          return d.node.type.name.toLowerCase() === 'map';
        case 'VarDeclStmt':
          return d.node.type.name.toLowerCase() === 'map' && (!d.node.init || isMapValue(d.node.init));
        case 'AssignStmt':
          return d.node.op === '=' && isMapValue(d.node.value);
        default:
          return false;
      }
    };
    return {
      ForEachStmt(s) {
        const iterable = unwrap(s.iterable);
        let map = isMapValue(iterable);
        if (!map && iterable.kind === 'Identifier') {
          const defs = resolution.scopeOf(s).variables.get(iterable.name)?.definitions ?? [];
          map = defs.length > 0 && defs.every(definesMap);
        }
        if (!map) return;
        const text = context.file.text.slice(s.iterable.span.start, s.iterable.span.end);
        context.report({
          span: s.iterable.span,
          message: `'${text}' is a map, and for each cannot walk a map: iterate its keys with ${text}.keys() and read each value with get`,
          fix: { span: s.iterable.span, text: `${text}.keys()` },
        });
      },
    };
  },
};
