import { isConsoleCall, OTHER_KNOWN_FUNCTIONS, OTHER_KNOWN_METHODS, resolutionOf } from '../../analysis/resolver.js';
import { editDistance } from '../../edit-distance.js';
import { crmTasksMeant, deleteRecordAdvice } from '../../http/zoho-crm.js';
import { BUILTINS } from '../../runtime/builtins/index.js';
import { wrongFormMessage } from '../../runtime/builtins/registry.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/** Edit distance, case-insensitive, or `limit + 1` when the lengths alone differ by more than `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  return editDistance(a.toLowerCase(), b.toLowerCase());
}

/** The closest known name, for "did you mean": at most two edits away. */
function suggestion(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = distance(name, candidate, 2);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best && name.length >= 3 ? ` (did you mean '${best}'?)` : '';
}

const METHOD_NAMES = BUILTINS.all
  .filter((s) => s.receiver !== undefined && s.form !== 'function' && !s.name.includes('.'))
  .flatMap((s) => [s.name, ...(s.aliases ?? [])]);
const FUNCTION_NAMES = [
  ...BUILTINS.all.filter((s) => s.form !== 'method').flatMap((s) => [s.name, ...(s.aliases ?? [])]),
  'Map', 'List', 'Collection', 'getUrl', 'postUrl', 'openUrl',
];

/** `input.Field:ui.add(…)`: the methods of a field's UI handle belong to Creator forms, not to values. */
function onUiHandle(e: Expr): boolean {
  while (e.kind === 'MemberExpr' || e.kind === 'CallExpr' || e.kind === 'ParenExpr') {
    e = e.kind === 'MemberExpr' ? e.object : e.kind === 'CallExpr' ? e.callee : e.expr;
  }
  return e.kind === 'UiExpr';
}

export const rule: Rule = {
  meta: {
    id: 'unknown-function',
    code: 'DLG5006',
    category: 'correctness',
    severity: 'error',
    summary: 'A call of a function or method that Deluge does not have.',
    docs: {
      what:
        'A call `name(…)` of a name that is neither a Deluge builtin (the declarations `deluge run` uses), a ' +
        'constructor (`Map()`, `List()`, `Collection()`), a request function (`getUrl`, `postUrl`, …) nor a function ' +
        'of the file; a method call `value.name(…)` whose name no builtin has (Creator record-set functions such ' +
        'as `count` and `sum` are known); a method called as a function (`add(list, x)`) or a function called as a ' +
        'method (`x.ifnull(y)`); a `zoho.encryption.*` name one or two letters away from a known one; and ' +
        '`zoho.crm.deleteRecord(s)` and `zoho.crm.delete`, tasks Zoho does not have (deleting is a DELETE `invokeurl` or ' +
        '`zoho.crm.invokeConnector("crm.delete", …)`); a `zoho.crm.*` name two letters or fewer from a CRM task (or cut ' +
        'short: `zoho.crm.getRecord`), with the task meant; and JavaScript\'s `console.log(…)` (Deluge shows a value with ' +
        '`info`). Calls of functions of other files (`standalone.f`, `thisapp.f`) and other integration tasks are not ' +
        'judged (Zoho has tasks `deluge run` does not perform: only a near miss of a known one is reported). Names are compared ' +
        'case-insensitively, as Zoho does. Wrong argument counts are `wrong-arity`.',
      why:
        'Zoho refuses to save a script that calls a function it does not know; a misspelling (`toLowercase` is ' +
        'fine, `tolowercae` is not; `containKey` exists, `hasKey` does not) is found here with a suggestion.',
      invalid: [
        'name = "  Acme ";\ninfo name.trimm();',
        'ids = List();\nadd(ids, "1");\ninfo ids;',
        'm = {"a": 1};\nif (m.hasKey("a"))\n{\n\tinfo "yes";\n}',
        'zoho.crm.deleteRecord("Leads", 410405000002264040);',
        'zoho.crm.delete("Leads", 410405000002264040);',
        'lead = zoho.crm.getRecordByld("Leads", 410405000002264040);\ninfo lead;',
        'total = 3;\nconsole.log(total);',
      ],
      valid: [
        'name = "  Acme ";\ninfo name.trim().toUpperCase() + " " + len(name) + " " + ifnull(name, "");',
        'm = Map();\nm.put("a", 1);\nif (m.containKey("a"))\n{\n\tinfo zoho.encryption.urlEncode("a b");\n}',
        'void standalone.run()\n{\n\tinfo standalone.other(1);\n\tinfo thisapp.Orders.archive(90);\n}',
      ],
    },
  },
  create(context) {
    return {
      Program(program) {
        const resolution = resolutionOf(program);
        const own = [...resolution.functions.values()].map((f) => f.name[f.name.length - 1]!.name);
        let deleting: string | undefined;
        let meant: string | undefined;
        for (const [call, target] of resolution.calls) {
          // The builtins first: a name they declare in the right form is fine whatever the other tables say.
          if (target.kind === 'function') {
            const specs = BUILTINS.named(target.name);
            if (specs.length > 0 && !specs.every((s) => s.form === 'method')) continue;
            if (OTHER_KNOWN_FUNCTIONS.has(target.name.toLowerCase())) continue;
            if (specs.length === 0) {
              context.report({
                span: target.id.span,
                message: `There is no function '${target.name}' in Deluge or in this file${suggestion(target.name, [...FUNCTION_NAMES, ...own])}: fix the name`,
              });
            } else {
              const message = wrongFormMessage(specs, 'function');
              if (message) context.report({ span: target.id.span, message });
            }
          } else if (target.kind === 'method') {
            // `console.log(x)`: JavaScript's way to show a value (its `log` is not the logarithm).
            if (isConsoleCall(call)) {
              context.report({ span: call.callee.span, message: `Deluge has no 'console': show a value with info <value>;` });
              continue;
            }
            const specs = BUILTINS.named(target.name);
            if (specs.length > 0 && !specs.every((s) => s.receiver === undefined || s.form === 'function')) continue;
            if (OTHER_KNOWN_METHODS.has(target.name.toLowerCase()) || onUiHandle(call.callee)) continue;
            if (specs.length === 0) {
              context.report({
                span: target.id.span,
                message: `There is no method '${target.name}' in Deluge${suggestion(target.name, METHOD_NAMES)}: fix the name`,
              });
            } else {
              const message = wrongFormMessage(specs, 'method');
              if (message) context.report({ span: target.id.span, message });
            }
          } else if (target.kind === 'integration' && (deleting = deleteRecordAdvice(target.name))) {
            const span = call.callee.kind === 'MemberExpr' ? call.callee.property.span : call.callee.span;
            context.report({ span, message: deleting });
          } else if (target.kind === 'integration' && (meant = crmTasksMeant(target.name))) {
            // Zoho has CRM tasks `deluge run` does not perform: only a near miss of a known one is reported.
            const span = call.callee.kind === 'MemberExpr' ? call.callee.property.span : call.callee.span;
            context.report({ span, message: `There is no CRM task '${target.name}' in Deluge (did you mean ${meant}?): fix the name` });
          } else if (target.kind === 'integration' && /^zoho\.encryption\./i.test(target.name)) {
            // Zoho has encryption functions `deluge run` does not declare: only a near miss of a known one is reported.
            const name = target.name.slice('zoho.encryption.'.length);
            const known = BUILTINS.all.filter((s) => s.name.startsWith('zoho.encryption.')).map((s) => s.name.slice('zoho.encryption.'.length));
            if (!suggestion(name, known)) continue;
            context.report({
              span: call.callee.kind === 'MemberExpr' ? call.callee.property.span : call.callee.span,
              message: `There is no function '${target.name}' in Deluge${suggestion(name, known)}: fix the name`,
            });
          }
        }
      },
    };
  },
};
