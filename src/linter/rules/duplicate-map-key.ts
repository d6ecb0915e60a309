import { resolutionOf } from '../../analysis/resolver.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/** A literal key as the map stores it, with how to show it; undefined for a key computed at run time. */
function literalKey(key: Expr, isVariable: (name: string) => boolean): { id: string; shown: string } | undefined {
  switch (key.kind) {
    case 'StringLiteral':
      return { id: `text:${key.value}`, shown: key.raw };
    case 'Identifier':
      // `{name: 1}`: a bare word that is not a variable is the text of its name.
      return isVariable(key.name) ? undefined : { id: `text:${key.name}`, shown: key.name };
    case 'NumberLiteral':
      return { id: key.decimal ? `decimal:${Number(key.raw)}` : `number:${BigInt(key.raw)}`, shown: key.raw };
    case 'BooleanLiteral':
      return { id: `boolean:${key.value}`, shown: key.raw };
    default:
      return undefined;
  }
}

export const rule: Rule = {
  meta: {
    id: 'duplicate-map-key',
    code: 'DLG5005',
    category: 'correctness',
    severity: 'error',
    summary: 'The same key twice in one map literal: the later value silently wins.',
    docs: {
      what:
        'A map literal `{…}` that lists the same literal key twice (`{"a": 1, "a": 2}`). Keys are compared as ' +
        'the map stores them: case-sensitively, a bare word `{name: 1}` as its text. Keys computed at run time ' +
        '(variables, expressions) are not compared.',
      why:
        'Map keys are unique: the later entry replaces the earlier one without any error ' +
        '(https://zoho.com/creator/help/script/map-manipulations.html), so one of the two values is lost — ' +
        'usually a copy-paste slip in a record sent to `zoho.crm.createRecord` or an API body.',
      invalid: [
        'record = {"Last_Name": "Smith", "Email": "a@zylker.com", "Last_Name": "Smyth"};\ninfo record;',
        'owners = {"India": "4104050000000235011", "Germany": "4104050000000235023", "India": "4104050000000235001"};\ninfo owners.get("India");',
      ],
      valid: [
        'record = {"Last_Name": "Smith", "last_name": "smith"};\ninfo record;',
        'key = "Phone";\nrecord = {key: "555-0100", "Email": "b@zylker.com"};\ninfo record;',
      ],
    },
  },
  create(context) {
    const resolution = resolutionOf(context.program);
    return {
      MapLiteral(map) {
        const scope = resolution.scopeOf(map);
        const isVariable = (name: string) => (scope.variables.get(name)?.definitions.length ?? 0) > 0;
        const seen = new Map<string, Expr>();
        for (const entry of map.entries) {
          const key = literalKey(entry.key, isVariable);
          if (!key) continue;
          const earlier = seen.get(key.id);
          if (earlier) {
            const line = context.file.position(earlier.span.start).line;
            context.report({
              span: entry.key.span,
              message: `The key ${key.shown} is already in this map (line ${line}): this value replaces the earlier one; remove one of them or fix the key`,
            });
          } else seen.set(key.id, entry.key);
        }
      },
    };
  },
};
