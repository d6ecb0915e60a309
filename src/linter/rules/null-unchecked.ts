import { resolutionOf, unwrap, type Scope, type Variable } from '../../analysis/resolver.js';
import { BUILTINS } from '../../runtime/builtins/index.js';
import type { Span } from '../../source/span.js';
import type { AssignStmt, CallExpr, Expr, Identifier, MemberExpr, Node } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { blockExits } from './_exits.js';
import { isRequestTask } from './_http-helpers.js';

/** Text functions documented to return null when the searched text is absent. */
const AFFIX = new Set(['getprefix', 'getsuffix', 'getprefixignorecase', 'getsuffixignorecase']);
/** Methods that count or test what a value holds: a variable given one of them is a check when tested. */
const MEASURES = new Set(['size', 'length', 'count', 'isempty', 'containkey', 'containskey']);
/** Reading a key: null when the key is missing. */
const LOOKUP = new Set(['get', 'getjson']);
/**
 * Keys that are never missing: the fields every CRM record has, a lookup that is never empty (`rec.get("Owner")`),
 * its id (`id` in CRM, `ID` in Creator), and the three keys of a `detailed: true` answer (`responseCode`, …).
 */
const ALWAYS_PRESENT = new Set(['Owner', 'Created_By', 'Modified_By', 'Created_Time', 'Modified_Time', 'id', 'ID', 'responseCode', 'responseText', 'responseHeader']);
/** Functions that accept null (`isNull`, `isEmpty`, `ifnull`, …): a call of one is a check, a method of one is a safe use. */
const NULL_SAFE = new Set(BUILTINS.all.filter((s) => s.acceptsNull).flatMap((s) => [s.name, ...(s.aliases ?? [])].map((n) => n.toLowerCase())));
/** The first letters of those names, in both cases: most names are told apart by it without lower-casing them. */
const NULL_SAFE_FIRST = new Set([...NULL_SAFE].flatMap((n) => [n.charCodeAt(0), n.toUpperCase().charCodeAt(0)]));

/** Whether a function or method name (as written) is one of NULL_SAFE. */
function isNullSafe(name: string): boolean {
  const first = name.charCodeAt(0);
  if (first < 128 && !NULL_SAFE_FIRST.has(first)) return false;
  return NULL_SAFE.has(name.toLowerCase());
}

/** Where a value that may be null comes from. */
interface Nullable {
  /** A getPrefix-like call (`affix`) or a key read from a response (`response`, with the response variable's name). */
  readonly kind: 'affix' | 'response';
  readonly family?: string;
  /** The function, for the message: `getPrefix`, or the response variable. */
  readonly source: string;
  /** The searched text of an affix call, for the message. */
  readonly searched?: string;
}

export const rule: Rule = {
  meta: {
    id: 'null-unchecked',
    code: 'DLG5011',
    category: 'correctness',
    severity: 'warning',
    summary: 'A method called on a value that may be null (`getPrefix`, a response field) without a check.',
    docs: {
      what:
        'A method called on a value that can be null, with no check before. Exactly two sources are tracked: ' +
        '(1) `getPrefix`/`getSuffix` (and their `IgnoreCase` forms), which return null when the searched text is ' +
        'absent — unless the text is a literal that contains it, the call is in the block of an `if` that tested ' +
        '`text.contains(x)` (or `text.startsWith(x)`, `text.endsWith(x)`, `text.indexOf(x) > -1`, `text.contains(x) == true`), is in the `else` of an `if` that tested the text lacks it, or follows an `if` that leaves the block when the text ' +
        'lacks it (`if (!text.contains(x)) { return …; }`, `text.notContains(x)`, `text.contains(x) == false`, `text.indexOf(x) == -1`); (2) `get`/`getJSON` on a response: a variable ' +
        'assigned from `invokeurl`, `invokeapi` or a `zoho.<service>.*` integration task, or a variable assigned from such a ' +
        'read. The method is reported when called directly on such a call (`s.getPrefix("-").trim()`, ' +
        '`resp.get("data").get(0)`, the first link of a chain only) or on a variable assigned from one. A check is: ' +
        'the variable (for a response: the response, any value read from it, or a count or test kept from it: `n = resp.size()`) appearing earlier in an `if` ' +
        'condition, in the condition of `if(…)`, or in a call of `ifnull`, `isNull`, `isEmpty`, `isBlank`. Methods ' +
        'that accept null (`isNull`, `isEmpty`, …) are not reported, nor the keys that are never missing: the fields every ' +
        'CRM record has (`Owner`, `Created_By`, `Modified_By`, `Created_Time`, `Modified_Time`), a record\'s `id` (`ID` in Creator), and the `responseCode`, ' +
        '`responseText` and `responseHeader` of a `detailed: true` answer. A value used unchecked several times on one ' +
        'line is reported once there. A use in the body of a `try` is not reported: its `catch` takes the error a null ' +
        'raises, the handling the script chose (`try { id = rec.get("Trip").get("id"); } catch (e) { id = ""; }`).',
      why:
        'A method on null stops the script ("Value is empty and \'trim\' function cannot be applied"). getPrefix ' +
        'returns null when the separator is missing (https://www.zoho.com/deluge/help/functions/string/getprefix.html); ' +
        'an error response of the CRM API has `status`, `code` and `message` but no `data`.',
      invalid: [
        'email = "ann.lee";\ndomain = email.getSuffix("@");\ninfo domain.toLowerCase();',
        'string standalone.firstId()\n{\n\tresp = invokeurl\n\t[\n\t\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\t\ttype: GET\n\t\tconnection: "crm_oauth_connection"\n\t];\n\treturn resp.get("data").get(0).get("id");\n}',
        'code = input.Code;\ninfo code.getPrefix("-").trim();',
      ],
      valid: [
        'email = input.Email;\ndomain = email.getSuffix("@");\nif (domain != null)\n{\n\tinfo domain.toLowerCase();\n}',
        'string standalone.firstId()\n{\n\tresp = invokeurl\n\t[\n\t\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\t\ttype: GET\n\t\tconnection: "crm_oauth_connection"\n\t];\n\tif (resp.get("data") == null)\n\t{\n\t\treturn "";\n\t}\n\treturn resp.get("data").get(0).get("id");\n}',
        'reference = "SO-1001/ACME";\ninfo reference.getPrefix("/").trim() + " " + ifnull(input.Code.getPrefix("-"), "").trim();',
      ],
    },
  },
  create(context) {
    const resolution = resolutionOf(context.program);
    /**
     * By function (undefined: the top level; functions are declared at the top level only, so the parent of the
     * visited node's chain below the program tells): its method calls and assignments, and whether any of its calls
     * is of getPrefix/getSuffix. The scope is looked up once per function, at the end.
     */
    const byFunction = new Map<Node | undefined, { calls: CallExpr[]; assigns: AssignStmt[]; affix: boolean }>();
    const checks: Span[] = [];
    /** `if (text.contains("-")) { … }`: inside the block, `text.getPrefix("-")` finds what it searches. */
    const guards: Guard[] = [];
    /** The bodies of `try` statements: a null there raises an error their `catch` handles. */
    const tryBodies: Span[] = [];
    const entry = () => {
      const fn = context.parents[1];
      const key = fn?.kind === 'FunctionDecl' ? fn : undefined;
      let found = byFunction.get(key);
      if (!found) byFunction.set(key, (found = { calls: [], assigns: [], affix: false }));
      return found;
    };
    return {
      IfStmt(s) {
        checks.push(s.condition.span);
        addContainsTests(s.condition, s.then.span, guards);
        // The `else` of `if (!email.contains("@"))` runs only when email contains "@".
        if (s.else) addMissingTests(s.condition, s.else.span, guards);
        // `if (!email.contains("@")) { return ""; }`: the rest of the enclosing block runs only when email contains "@".
        const enclosing = context.parents[context.parents.length - 1];
        if (!s.else && enclosing && blockExits(s.then)) addMissingTests(s.condition, { start: s.span.end, end: enclosing.span.end }, guards);
      },
      ConditionalExpr(e) {
        checks.push(e.condition.span);
      },
      TryStmt(s) {
        tryBodies.push(s.body.span);
      },
      AssignStmt(a) {
        if (a.op === '=' && a.target.kind === 'Identifier') entry().assigns.push(a);
      },
      CallExpr(call) {
        if (isNullSafe(calledName(call))) checks.push(call.span);
        else if (call.callee.kind === 'MemberExpr') {
          const found = entry();
          found.calls.push(call);
          if (!found.affix && isAffix(call.callee.property.name)) found.affix = true;
        }
      },
      'Program:exit'() {
        const inCheck = (s: Span) => checks.some((c) => s.start >= c.start && s.end <= c.end);
        const source = (e: Expr) => context.file.text.slice(e.span.start, e.span.end);
        /** The call lies in the block of an `if` that tested that its receiver contains what it searches. */
        const guarded = (call: CallExpr, receiver: Expr, searched: Expr): boolean =>
          guards.some(
            (g) => call.span.start >= g.block.start && call.span.end <= g.block.end && finds(g.searched, searched) && source(g.receiver) === source(receiver),
          );
        /** A text tested to hold `tested` holds `searched`: the same expression, or a literal inside the tested one ("contactlost:" holds ":"). */
        const finds = (tested: Expr, searched: Expr): boolean =>
          source(tested) === source(searched) || (tested.kind === 'StringLiteral' && searched.kind === 'StringLiteral' && tested.value.includes(searched.value));
        for (const [fn, { calls, assigns, affix }] of byFunction) checkScope(resolution.scopeOf(fn ?? context.program), calls, assigns, affix);

        function checkScope(scope: Scope, calls: readonly CallExpr[], assigns: readonly AssignStmt[], affix: boolean): void {
          const variableOf = (e: Expr): Variable | undefined => (e.kind === 'Identifier' ? scope.variables.get(e.name) : undefined);
          // Responses: variables assigned from invokeurl, invokeapi or a zoho.* integration task.
          const responses = new Set<string>();
          /** The assignments that give a response, so a read can tell whether its variable holds one there. */
          const responseAssigns = new Set<AssignStmt>();
          for (const a of assigns) {
            if (a.op !== '=' || a.target.kind !== 'Identifier') continue;
            const value = unwrap(a.value);
            const target = value.kind === 'CallExpr' ? resolution.calls.get(value) : undefined;
            if (isRequestTask(value) || (target?.kind === 'integration' && /^zoho\./i.test(target.name))) {
              responses.add(a.target.name);
              responseAssigns.add(a);
            }
          }
          // Nothing may be null in a scope with neither a response nor a getPrefix-like call.
          if (responses.size === 0 && !affix) return;
          // Variables assigned from a value that may be null, in source order (one may be read from another).
          const nullableAt = new Map<AssignStmt, Nullable>();
          const familyOf = new Map<string, string>();
          for (const name of responses) familyOf.set(name, name);
          const latest = (v: Variable, at: number) => {
            let found: (typeof v.definitions)[number] | undefined;
            for (const d of v.definitions) if (d.visibleFrom <= at && (!found || d.visibleFrom >= found.visibleFrom)) found = d;
            return found;
          };
          const nullable = (e: Expr): Nullable | undefined => {
            e = unwrap(e);
            if (e.kind !== 'CallExpr') return undefined;
            const target = resolution.calls.get(e);
            if (target?.kind !== 'method') return undefined;
            const name = target.name.toLowerCase();
            if (AFFIX.has(name)) {
              const searched = e.args[0];
              if (searched?.kind === 'StringLiteral' && knownTexts(target.object)?.every((t) => t.includes(searched.value))) return undefined;
              if (searched && searched.kind !== 'KeyValueArg' && guarded(e, target.object, searched)) return undefined;
              return { kind: 'affix', source: target.name, ...(searched?.kind === 'StringLiteral' ? { searched: searched.raw } : {}) };
            }
            if (!LOOKUP.has(name)) return undefined;
            const key = e.args[0];
            if (key?.kind === 'StringLiteral' && ALWAYS_PRESENT.has(key.value)) return undefined;
            const object = unwrap(target.object);
            if (object.kind === 'Identifier') {
              const family = familyOf.get(object.name);
              if (!family) return undefined;
              // A response's variable holds one only from a response's assignment on: `r = Map(); … r.get("a") …;
              // r = zoho.crm.updateRecord(…);` reads a map of the script's, not the later answer.
              if (responses.has(object.name)) {
                const v = variableOf(object);
                const def = v ? latest(v, object.span.start) : undefined;
                if (def?.node.kind !== 'AssignStmt' || !responseAssigns.has(def.node)) return undefined;
              }
              return { kind: 'response', family, source: family };
            }
            const inner = nullable(object);
            return inner?.kind === 'response' ? inner : undefined;
          };
          /** The texts a receiver can hold when it is a literal, or a variable only ever assigned literals. */
          const knownTexts = (e: Expr): string[] | undefined => {
            e = unwrap(e);
            if (e.kind === 'StringLiteral') return [e.value];
            const v = variableOf(e);
            if (!v || v.definitions.length === 0) return undefined;
            const texts: string[] = [];
            for (const d of v.definitions) {
              const value = d.node.kind === 'AssignStmt' && d.node.op === '=' ? unwrap(d.node.value) : undefined;
              if (value?.kind !== 'StringLiteral') return undefined;
              texts.push(value.value);
            }
            return texts;
          };
          /**
           * Variables given a count or a test of a response (`total = resp.size()`): not null themselves, but a test of
           * one is a check of the response (`if (total > 0)`), as `if (resp.size() > 0)` is.
           */
          const measureOf = new Map<string, string>();
          for (const a of inSourceOrder(assigns)) {
            if (a.op !== '=' || a.target.kind !== 'Identifier') continue;
            const n = nullable(a.value);
            if (!n) {
              const family = responses.has(a.target.name) ? undefined : measuredFamily(a.value);
              if (family) measureOf.set(a.target.name, family);
              continue;
            }
            nullableAt.set(a, n);
            if (n.family && !responses.has(a.target.name)) familyOf.set(a.target.name, n.family);
          }
          /** The family of the response a count or test is taken of (`resp.get("data").size()`, `resp.isEmpty()`). */
          function measuredFamily(e: Expr): string | undefined {
            let at = unwrap(e);
            if (at.kind !== 'CallExpr' || at.callee.kind !== 'MemberExpr' || !MEASURES.has(at.callee.property.name.toLowerCase())) return undefined;
            while (at.kind === 'CallExpr' && at.callee.kind === 'MemberExpr') at = unwrap(at.callee.object);
            return at.kind === 'Identifier' ? familyOf.get(at.name) : undefined;
          }
          /** A read of the variable inside a check, between the two offsets. */
          const checked = (name: string, from: number, to: number) =>
            scope.variables.get(name)?.reads.some((r) => r.span.start >= from && r.span.start < to && inCheck(r.span)) ?? false;
          /**
           * Per family of response variables: its reads in source order, looked at up to the first one inside a
           * check, and only as far as the calls ask (a scope may read its response in hundreds of calls: going over
           * every variable of the scope at each call was quadratic).
           */
          const familyReads = new Map<string, { reads: Identifier[]; next: number; firstChecked: number }>();
          const familyCheckedBefore = (family: string, at: number): boolean => {
            let state = familyReads.get(family);
            if (state === undefined) {
              const reads: Identifier[] = [];
              for (const v of scope.variables.values()) {
                if (familyOf.get(v.name) === family || measureOf.get(v.name) === family) for (const r of v.reads) reads.push(r);
              }
              reads.sort((a, b) => a.span.start - b.span.start);
              state = { reads, next: 0, firstChecked: Infinity };
              familyReads.set(family, state);
            }
            while (state.firstChecked === Infinity && state.next < state.reads.length && state.reads[state.next]!.span.start < at) {
              const read = state.reads[state.next++]!;
              if (inCheck(read.span)) state.firstChecked = read.span.start;
            }
            return state.firstChecked < at;
          };

          /** Whether `e` is a variable whose value, where it is read, came from something that may be null. */
          const holdsNullable = (e: Expr): boolean => {
            if (nullableAt.size === 0) return false;
            const v = variableOf(e);
            const def = v ? latest(v, e.span.start) : undefined;
            return def?.node.kind === 'AssignStmt' && nullableAt.has(def.node);
          };

          /**
           * One report per line for each value that may be null (a response's family, a variable's assignment, a
           * call): `resp.get("a").trim() + resp.get("b").trim()` is one missing check. Per line, so that a
           * `deluge-disable-next-line` above one use never hides the uses on other lines.
           */
          const reportedLines = new Map<unknown, Set<number>>();
          for (const call of calls) {
            const target = resolution.calls.get(call);
            if (target?.kind !== 'method' || isNullSafe(target.name)) continue;
            const object = unwrap(target.object);
            const at = call.span.start;
            if (tryBodies.some((b) => at >= b.start && call.span.end <= b.end)) continue;
            let found: Nullable | undefined;
            let shown: Span = object.span;
            let from = -1;
            let value: unknown = object;
            const direct = nullable(object);
            if (direct) {
              // Only the first unsafe link of a chain: `r.get("a").get(0).get("id")` is reported once.
              // The first link may be a variable holding such a value: `row.get("a").get("id")`, row from a response.
              const innerTarget = object.kind === 'CallExpr' ? resolution.calls.get(object) : undefined;
              if (innerTarget?.kind === 'method' && (nullable(innerTarget.object) || holdsNullable(unwrap(innerTarget.object)))) continue;
              found = direct;
            } else {
              // (No assignment of the scope holds a value that may be null: nothing to follow.)
              if (nullableAt.size === 0) continue;
              const v = variableOf(object);
              const def = v ? latest(v, object.span.start) : undefined;
              const n = def?.node.kind === 'AssignStmt' ? nullableAt.get(def.node) : undefined;
              if (!n || !def) continue;
              found = n;
              shown = object.span;
              from = def.visibleFrom;
              value = def.node;
            }
            if (found.kind === 'response') value = found.family;
            const isChecked =
              found.kind === 'response'
                ? familyCheckedBefore(found.family!, at)
                : object.kind === 'Identifier' && checked(object.name, from, at);
            if (isChecked) continue;
            const line = context.file.position(shown.start).line;
            let lines = reportedLines.get(value);
            if (!lines) reportedLines.set(value, (lines = new Set()));
            if (lines.has(line)) continue;
            lines.add(line);
            const text = context.file.text.slice(shown.start, shown.end);
            const why =
              found.kind === 'affix'
                ? `${found.source} returns null when ${found.searched ?? 'the searched text'} is not in the text`
                : 'a response may lack the key, and an error response has only status, code and message';
            context.report({
              span: shown,
              message: `'${text}' may be null (${why}), and '${target.name}' fails on null: check it first, or use ifnull(…)`,
            });
          }
        }
      },
    };
  },
};

/** `text.contains(x)` tested true by an `if`: `text.getPrefix(x)` finds `x` in its block. */
interface Guard {
  readonly receiver: Expr;
  readonly searched: Expr;
  readonly block: Span;
}

/**
 * Adds the `receiver.contains(x)` tests a condition makes true when it holds, as guards of `block`: the condition
 * itself or a part of an `&&` ({@link containsTest}).
 */
function addContainsTests(condition: Expr, block: Span, guards: Guard[]): void {
  const e = unwrap(condition);
  if (e.kind === 'BinaryExpr' && e.op === '&&') {
    addContainsTests(e.left, block, guards);
    addContainsTests(e.right, block, guards);
    return;
  }
  const test = containsTest(e);
  if (test?.holds) guards.push({ receiver: unwrap(test.call.callee.object), searched: unwrap(test.call.args[0] as Expr), block });
}

/**
 * Adds the `receiver.contains(x)` tests a condition makes false when it does not hold, as guards of `after` (the code
 * that runs only when the condition is false: what follows an `if` whose block exits, or its `else`): the condition
 * itself or a part of an `||` ({@link containsTest}).
 */
function addMissingTests(condition: Expr, after: Span, guards: Guard[]): void {
  const e = unwrap(condition);
  if (e.kind === 'BinaryExpr' && e.op === '||') {
    addMissingTests(e.left, after, guards);
    addMissingTests(e.right, after, guards);
    return;
  }
  const test = containsTest(e);
  if (test && !test.holds) guards.push({ receiver: unwrap(test.call.callee.object), searched: unwrap(test.call.args[0] as Expr), block: after });
}

/**
 * A test of whether a text holds what it searches, and which way it answers. `holds`: true means the text holds it
 * (`text.contains(x)`, `text.startsWith(x)`, `text.indexOf(x) > -1`, `text.contains(x) == true`); not `holds`: true
 * means it lacks it (`!text.contains(x)`, `text.notContains(x)`, `text.contains(x) == false`, `text.indexOf(x) == -1`).
 */
function containsTest(condition: Expr): { call: CallExpr & { callee: MemberExpr }; holds: boolean } | undefined {
  const e = unwrap(condition);
  if (e.kind === 'UnaryExpr' && e.op === '!') {
    const inner = containsTest(e.operand);
    return inner && { call: inner.call, holds: !inner.holds };
  }
  if (e.kind === 'CallExpr') {
    const call = methodCall(e, CONTAINS);
    if (call) return { call, holds: true };
    const lacks = methodCall(e, NOT_CONTAINS);
    return lacks && { call: lacks, holds: false };
  }
  if (e.kind !== 'BinaryExpr') return undefined;
  const left = unwrap(e.left);
  if (left.kind !== 'CallExpr') return undefined;
  // `text.contains(x) == false`, `… != true`.
  const right = unwrap(e.right);
  if ((e.op === '==' || e.op === '!=') && right.kind === 'BooleanLiteral') {
    const inner = containsTest(left);
    return inner && { call: inner.call, holds: inner.holds === (right.value === (e.op === '==')) };
  }
  const call = methodCall(left, INDEX_OF);
  const bound = call ? numberValue(e.right) : undefined;
  if (!call || bound === undefined) return undefined;
  if ((e.op === '>' && bound >= -1) || (e.op === '>=' && bound >= 0) || (e.op === '!=' && bound === -1)) return { call, holds: true };
  if ((e.op === '==' && bound === -1) || (e.op === '<' && bound === 0)) return { call, holds: false };
  return undefined;
}

/** `receiver.name(x)` with one plain argument, for a name of `names`. */
function methodCall(c: CallExpr, names: ReadonlySet<string>): (CallExpr & { callee: MemberExpr }) | undefined {
  if (c.callee.kind !== 'MemberExpr' || c.args.length !== 1 || c.args[0]!.kind === 'KeyValueArg') return undefined;
  return names.has(c.callee.property.name.toLowerCase()) ? (c as CallExpr & { callee: MemberExpr }) : undefined;
}

/** Tests that, when true, say the text holds what they search (a text that starts with `x` contains it). */
const CONTAINS: ReadonlySet<string> = new Set(['contains', 'containsignorecase', 'startswith', 'endswith']);
/** Tests that, when true, say the text lacks what they search. */
const NOT_CONTAINS: ReadonlySet<string> = new Set(['notcontains']);
const INDEX_OF: ReadonlySet<string> = new Set(['indexof']);

/** A whole number written in the condition (`-1`, `0`). */
function numberValue(e: Expr): number | undefined {
  const n = unwrap(e);
  if (n.kind === 'NumberLiteral') return Number(n.raw);
  const operand = n.kind === 'UnaryExpr' && n.op === '-' ? unwrap(n.operand) : undefined;
  return operand?.kind === 'NumberLiteral' ? -Number(operand.raw) : undefined;
}

/** Whether a method name (as written) is one of AFFIX: all begin with `get`, most names do not. */
function isAffix(name: string): boolean {
  return name.length >= 9 && (name.charCodeAt(0) | 0x20) === 0x67 && AFFIX.has(name.toLowerCase());
}

/** The name a call calls, as written (`isNull`, `getPrefix`). */
function calledName(call: CallExpr): string {
  return call.callee.kind === 'Identifier' ? call.callee.name : call.callee.property.name;
}

/** The assignments by position: the walk met them in order, so a copy is sorted only when it did not. */
function inSourceOrder(assigns: readonly AssignStmt[]): readonly AssignStmt[] {
  for (let i = 1; i < assigns.length; i++) {
    if (assigns[i]!.span.start < assigns[i - 1]!.span.start) return [...assigns].sort((x, y) => x.span.start - y.span.start);
  }
  return assigns;
}

