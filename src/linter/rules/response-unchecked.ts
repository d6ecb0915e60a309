import { resolutionOf, type Scope } from '../../analysis/resolver.js';
import { isZohoHost } from '../../http/zoho-hosts.js';
import type { CallExpr, Expr, FunctionDecl, Identifier, Node } from '../../syntax/ast.js';
import { childNodes } from '../../syntax/walk.js';
import type { Rule } from '../rule.js';
import { argument, Bindings, dottedName, isInvokeUrl, isRequestTask, knownPrefix, taskParam, unwrap, urlParts } from './_http-helpers.js';

/** Keys whose reading is a check of the answer: the error map's `status`/`code`, `detailed`'s `responseCode`, … */
const CHECK_KEYS = new Set(['status', 'code', 'responsecode', 'status_code', 'statuscode', 'error', 'errors']);
/** Keys read while reporting a failure: neither a check nor a use of the data. */
const NEUTRAL_KEYS = new Set(['message', 'details']);
/** Methods that test a value. */
const TEST_METHODS = new Set(['isempty', 'isnull', 'isblank', 'containkey', 'containskey']);
/** Functions that test a value or stand in for a missing one. */
const TEST_FUNCTIONS = new Set(['isnull', 'isempty', 'isblank', 'ifnull']);
const COMPARISONS = new Set(['==', '!=', '=', '<', '<=', '>', '>=', 'is', 'is not']);

/**
 * The answer of `invokeurl` (or `invokeapi`) or a `zoho.crm.*` task, kept in a variable and read (`.get("data")`, `.get(0)`), in a
 * script that never checks it. Within one function (or the top level), an answer counts as checked when any of
 * these appears while the variable holds it (after the answer is given, before the variable's next value), before
 * or after the read:
 * - a read of `"status"`, `"code"`, `"responseCode"`, `"status_code"`, `"error"` or `"errors"` from it;
 * - it (or something read from it) in an `if` or `if(…)` condition or a comparison: `lead.get("id") == null`;
 * - `isEmpty()`, `isNull()`, `isBlank()`, `containKey()` on it or on something read from it, or `isNull(…)`,
 *   `ifnull(…)` around it;
 * - any of these on a variable assigned from it (`data = response.get("data"); if (data == null)`); on the variable
 *   of a `for each` over it, and what is read from that, only a read of `status`/`code`/… or a test for a missing
 *   value (each entry's `status` checked), not any condition on its data (`if (user.get("role") == "admin")`).
 * Reading `"message"` or `"details"` (to report a failure) is neither a check nor a use. A read counts while the
 * variable holds the answer (by position). The first read of each unchecked answer is reported; for the tasks that
 * answer a list, the advice is `isEmpty()`.
 */
export const rule: Rule = {
  meta: {
    id: 'response-unchecked',
    code: 'DLG5207',
    category: 'http',
    severity: 'warning',
    summary: 'The answer of `invokeurl`, `invokeapi` or a `zoho.crm.*` task is read without any check for an error.',
    covers: ['null-unchecked'],
    docs: {
      what: 'Reports the first read (`.get(…)`) of a variable holding the answer of `invokeurl`, `invokeapi` or a `zoho.crm.*` task when nothing in the same function checks that answer while the variable holds it: no read of its `status`, `code` or `responseCode`, no condition or comparison on it, no `isEmpty()`/`isNull()`. On the items of a loop over it, a condition on their data (`if (user.get("role") == "admin")`) is not a check; a read of each item\'s `status` or `code` is. A check of an earlier answer kept in the same variable does not count for a later one.',
      why: 'These calls do not throw when the API refuses: they return an error map (`{"status": "error", "code": "INVALID_DATA", …}`), or for `invokeurl` and `invokeapi` whatever body the server sent with its 4xx/5xx. Reading `data` from it gives null, and the script goes on as if the call had worked — a delete that did nothing is reported as done. https://www.zoho.com/deluge/help/crm/update-record-V8.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids\n\ttype: DELETE\n\tconnection: "crm"\n];\nfor each entry in response.get("data")\n{\n\tinfo entry.get("details").get("id");\n}',
        'lead = zoho.crm.getRecordById("Leads", leadId);\nemail = lead.get("Email");\nsendmail\n[\n\tfrom: zoho.adminuserid\n\tto: email\n\tsubject: "Welcome"\n\tmessage: "Hello"\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids\n\ttype: DELETE\n\tconnection: "crm"\n];\nif (response.get("status") == "error")\n{\n\treturn "failed: " + response.get("message");\n}\nfor each entry in response.get("data")\n{\n\tinfo entry.get("status");\n}',
        'lead = zoho.crm.getRecordById("Leads", leadId);\nif (lead.get("id") == null)\n{\n\treturn;\n}\nemail = lead.get("Email");',
        'raw = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: GET\n\tdetailed: true\n];\ncode = raw.get("responseCode");\nbody = raw.get("responseText");',
        'matches = zoho.crm.searchRecords("Contacts", "(Email:equals:" + email + ")");\nif (!matches.isEmpty())\n{\n\tcontactId = matches.get(0).get("id");\n}',
      ],
    },
  },
  create(context) {
    /** What one function (or the top level) shows, gathered as the walk meets its nodes. */
    interface ScopeFacts {
      /**
       * By variable, in source order: each value it is given, from where on it holds it, and the request that gave
       * it (undefined for any other value); the line is worked out only for a report.
       */
      readonly sources: Map<string, { origin: string | undefined; at: number; from: number; request?: Expr }[]>;
      /** By variable: its reads of data (`.get("data")`, `.get(0)`), in source order. */
      readonly uses: Map<string, CallExpr[]>;
      readonly aliases: Map<string, Set<string>>;
      /** The variables of `for each` loops over a value (each item of it). */
      readonly loopItems: Set<string>;
      /** Conditions and comparisons (`if (…)`, `a == b`). */
      readonly conditions: Expr[];
      /** Tests for a missing value (`isEmpty()`, `ifnull(…)`). */
      readonly tested: Expr[];
      /** By variable: the offsets where a check mentions it (a read of `status`/`code`, a test), and a condition. */
      readonly checked: Map<string, number[]>;
      readonly conditioned: Map<string, number[]>;
    }
    const byFunction = new Map<FunctionDecl, ScopeFacts>();
    let top: ScopeFacts | undefined;
    const newFacts = (): ScopeFacts => ({
      sources: new Map(),
      uses: new Map(),
      aliases: new Map(),
      loopItems: new Set(),
      conditions: [],
      tested: [],
      checked: new Map(),
      conditioned: new Map(),
    });
    // Only a function (or the top level) that keeps an answer in a variable can have anything to report: found from
    // the definitions the shared resolution lists, so that the others' nodes are passed over as they come.
    const keeping = new Set<Node>();
    for (const scope of resolutionOf(context.program).scopes) {
      if (keepsAnswer(scope)) keeping.add(scope.node);
    }
    /** The facts of the function the visited node is in (functions are declared at the top level only), if it keeps an answer. */
    const facts = (): ScopeFacts | undefined => {
      const fn = context.parents[1];
      if (fn?.kind !== 'FunctionDecl') return keeping.has(context.program) ? (top ??= newFacts()) : undefined;
      if (!keeping.has(fn)) return undefined;
      let found = byFunction.get(fn);
      if (!found) byFunction.set(fn, (found = newFacts()));
      return found;
    };
    const alias = (f: ScopeFacts, name: string, value: Expr): void => {
      const from = rootName(value);
      if (from && from !== name) f.aliases.set(from, (f.aliases.get(from) ?? new Set()).add(name));
    };
    const assigned = (f: ScopeFacts, name: string, value: Expr, from: number): void => {
      const origin = requestOrigin(value);
      const entry = { origin, at: value.span.start, from, request: value };
      const given = f.sources.get(name);
      // Values given before the first answer do not matter: the reads before it are not of an answer.
      if (given) given.push(entry);
      else if (origin) f.sources.set(name, [entry]);
      alias(f, name, value);
    };
    return {
      AssignStmt(node) {
        if (node.op !== '=' || node.target.kind !== 'Identifier') return;
        const f = facts();
        if (f) assigned(f, node.target.name, node.value, node.span.end);
      },
      VarDeclStmt(node) {
        const f = node.init && facts();
        if (f) assigned(f, node.name.name, node.init!, node.span.end);
      },
      ForEachStmt(node) {
        const f = facts();
        if (!f) return;
        alias(f, node.variable.name, node.iterable);
        f.loopItems.add(node.variable.name);
      },
      IfStmt(node) {
        facts()?.conditions.push(node.condition);
      },
      ConditionalExpr(node) {
        facts()?.conditions.push(node.condition);
      },
      BinaryExpr(node) {
        if (COMPARISONS.has(node.op)) facts()?.conditions.push(node);
      },
      CallExpr(node) {
        const callee = node.callee;
        if (callee.kind !== 'MemberExpr') {
          // The test functions all begin with `i` (most calls are passed over on their first letter).
          if (callee.kind !== 'Identifier' || (callee.name.charCodeAt(0) | 0x20) !== 0x69) return;
          const first = argument(node, 0);
          if (first && TEST_FUNCTIONS.has(callee.name.toLowerCase())) facts()?.tested.push(first);
          return;
        }
        // `receiver.method(…)` (what `methodCall` reads, without making an object for every call): only methods
        // beginning with `i`, `c` (tests) or `g` (`get`, `getJSON`) matter.
        const written = callee.property.name;
        const initial = written.charCodeAt(0) | 0x20;
        if (initial !== 0x67 && initial !== 0x69 && initial !== 0x63) return;
        const f = facts();
        if (!f) return;
        const method = written.toLowerCase();
        if (TEST_METHODS.has(method)) f.tested.push(callee.object);
        const receiver = unwrap(callee.object);
        if ((method === 'get' || method === 'getjson') && receiver.kind === 'Identifier') {
          const arg = argument(node, 0);
          const key = arg && unwrap(arg);
          const text = key?.kind === 'StringLiteral' ? key.value.toLowerCase() : undefined;
          if (text !== undefined && CHECK_KEYS.has(text)) mention(f.checked, receiver);
          else if (text !== undefined && NEUTRAL_KEYS.has(text)) return;
          else if ((text !== undefined || key?.kind === 'NumberLiteral') && f.sources.has(receiver.name)) {
            // (Only reads after the variable was first given an answer: the walk meets them in source order.)
            const reads = f.uses.get(receiver.name);
            if (reads) reads.push(node);
            else f.uses.set(receiver.name, [node]);
          }
        }
      },
      'Program:exit'(program) {
        // Each function in order, then the top level.
        for (const item of program.body) {
          const f = item.kind === 'FunctionDecl' ? byFunction.get(item) : undefined;
          if (f) report(f);
        }
        if (top) report(top);
      },
    };

    function report({ sources, uses, aliases, loopItems, conditions, tested, checked, conditioned }: ScopeFacts): void {
      // Nothing to report without a response kept in a variable: the checks need not be read.
      if (sources.size === 0) return;
      for (const expr of tested) addMentioned(expr, checked);
      for (const expr of conditions) addMentioned(expr, conditioned);
      for (const [name, given] of sources) {
        // Each answer the variable is given: its first read while the variable holds it (a read before it, or after
        // another value replaced it, is not of this answer), unless a check comes before the next value.
        given.forEach((source, i) => {
          if (source.origin === undefined) return;
          const use = uses.get(name)?.find((read) => holding(given, read.span.start) === source);
          const until = given[i + 1]?.at ?? Infinity;
          if (!use || isChecked(name, source.at, until, { checked, conditioned, aliases, loopItems })) return;
          reportRead(name, use, source.origin, source.at, source.request);
        });
      }
    }

    /** Reports `use`, the first read of the answer `origin` gave `name` at offset `at`. */
    function reportRead(name: string, use: CallExpr, origin: string, at: number, request: Expr | undefined): void {
      const line = context.file.position(at).line;
      const unchecked = `'${name}' (the answer of ${origin} on line ${line}) is read without any check for an error`;
      context.report({
        span: use.span,
        message: LIST_TASKS.test(origin)
          ? `'${name}' (the list ${origin} answered on line ${line}) is read without checking that it holds anything; it is empty when nothing matched, so test ${name}.isEmpty() (or size()) first.`
          : request && callsOtherHost(request)
            ? `${unchecked}; invokeurl hands back the body of an error answer (4xx, 5xx) instead of throwing, so test what this API puts in one first, or add 'detailed: true' and test ${name}.get("responseCode").`
            : `${unchecked}; the call returns an error map instead of throwing, so test ${name}.get("status") or "code" first.`,
      });
    }

    /**
     * An `invokeurl` to a host that is not Zoho's: its error answers are the API's own (Google's is
     * `{"error": {…}}`), with no `status` or `code` at the top to test.
     */
    function callsOtherHost(request: Expr): boolean {
      const task = unwrap(request);
      if (!isInvokeUrl(task)) return false;
      const url = taskParam(task, 'url');
      const host = url && urlParts(knownPrefix(url.value, Bindings.of(context.program))).host;
      return host !== undefined && !isZohoHost(host);
    }
  },
};

/** The tasks that answer with a list of records (`get("status")` on a list is an error: its checks are isEmpty and size). */
const LIST_TASKS = /^zoho\.crm\.(?:v\d+\.)?(?:getrecords|searchrecords|getrelatedrecords)$/i;

/** The value a variable holds at an offset: the last one given before it (by source position). */
function holding<T extends { readonly from: number }>(given: readonly T[], at: number): T | undefined {
  let found: T | undefined;
  for (const value of given) {
    if (value.from > at) break;
    found = value;
  }
  return found;
}

/** `invokeurl`, `invokeapi` or the `zoho.crm.*` task that produced a value, if it is one. */
function requestOrigin(value: Expr): string | undefined {
  const e = unwrap(value);
  if (isRequestTask(e)) return e.rawName;
  if (e.kind !== 'CallExpr' || e.callee.kind !== 'MemberExpr') return undefined;
  // Most calls are not of `zoho.`: a root name that is not four letters long is passed over without building the name.
  let root: Expr = e.callee;
  while (root.kind === 'MemberExpr') root = root.object;
  if (root.kind !== 'Identifier' || root.name.length !== 4) return undefined;
  const name = dottedName(e.callee)?.toLowerCase();
  return name?.startsWith('zoho.crm.') && !NOT_AN_ANSWER.has(name) ? dottedName(e.callee) : undefined;
}

/** `zoho.crm.*` tasks that return a value of the account, not an API answer that may be an error map. */
const NOT_AN_ANSWER: ReadonlySet<string> = new Set(['zoho.crm.getorgvariable']);

/** The variable a chain of reads starts from: `response` in `response.get("data").get(0)`. */
function rootName(expr: Expr): string | undefined {
  const e = unwrap(expr);
  if (e.kind === 'Identifier') return e.name;
  if (e.kind === 'MemberExpr') return rootName(e.object);
  if (e.kind === 'IndexExpr') return rootName(e.object);
  if (e.kind === 'CallExpr' && e.callee.kind === 'MemberExpr') return rootName(e.callee.object);
  return undefined;
}

/** Adds to `names` the variables an expression reads (not property or function names). */
/** Records a check of the variable `id` names, where it is. */
function mention(checked: Map<string, number[]>, id: Identifier): void {
  const at = checked.get(id.name);
  if (at) at.push(id.span.start);
  else checked.set(id.name, [id.span.start]);
}

function addMentioned(expr: Node, checked: Map<string, number[]>): void {
  const visit = (node: Node): void => {
    // (The order of the visit does not matter, so the usual kinds are taken apart directly.)
    switch (node.kind) {
      case 'Identifier':
        mention(checked, node);
        return;
      case 'MemberExpr':
        return visit(node.object);
      case 'CallExpr':
        if (node.callee.kind === 'MemberExpr') visit(node.callee.object);
        for (const arg of node.args) visit(arg);
        return;
      case 'BinaryExpr':
        visit(node.left);
        return visit(node.right);
      case 'UnaryExpr':
        return visit(node.operand);
      case 'ParenExpr':
        return visit(node.expr);
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
        return;
      default:
        for (const child of childNodes(node)) visit(child);
    }
  };
  visit(expr);
}

/** What the checks of one function (or the top level) say, by variable. */
interface Checks {
  readonly checked: ReadonlyMap<string, readonly number[]>;
  readonly conditioned: ReadonlyMap<string, readonly number[]>;
  readonly aliases: ReadonlyMap<string, ReadonlySet<string>>;
  readonly loopItems: ReadonlySet<string>;
}

/**
 * Checked itself, or through a variable assigned from it, between the answer's arrival (`from`) and the variable's
 * next value (`until`): a check of what the variable held before or after is not a check of this answer. Any
 * condition on the answer or on a value read from it counts; on an item of a loop over it, only a check does (its
 * `status` read, a test for a missing value): `if (user.get("role") == "admin")` looks at the data, not at whether
 * the call failed.
 */
function isChecked(name: string, from: number, until: number, checks: Checks, seen = new Set<string>(), ofItem = false): boolean {
  const within = (offsets: readonly number[] | undefined) => offsets?.some((at) => at >= from && at < until) ?? false;
  // (What is read from an item is data too.)
  const item = ofItem || checks.loopItems.has(name);
  if (within(checks.checked.get(name)) || (!item && within(checks.conditioned.get(name)))) return true;
  seen.add(name);
  for (const alias of checks.aliases.get(name) ?? []) {
    if (!seen.has(alias) && isChecked(alias, from, until, checks, seen, item)) return true;
  }
  return false;
}

/** Whether a scope assigns the answer of a request to a variable (`response = invokeurl […]`, `invokeapi […]`, `= zoho.crm.…(…)`). */
function keepsAnswer(scope: Scope): boolean {
  for (const variable of scope.variables.values()) {
    for (const d of variable.definitions) {
      const value = d.node.kind === 'AssignStmt' ? (d.node.op === '=' ? d.node.value : undefined) : d.node.kind === 'VarDeclStmt' ? d.node.init : undefined;
      if (value !== undefined && requestOrigin(value) !== undefined) return true;
    }
  }
  return false;
}
