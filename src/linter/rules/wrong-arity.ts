import { isConsoleCall, OTHER_KNOWN_FUNCTIONS, resolutionOf, type CallTarget } from '../../analysis/resolver.js';
import { BUILTINS, type BuiltinSpec } from '../../runtime/builtins/index.js';
import type { Rule } from '../rule.js';

/** How many arguments a declaration takes (receiver not counted). */
function range(spec: BuiltinSpec): { min: number; max: number } {
  return {
    min: spec.params.filter((p) => !p.optional && !p.rest).length,
    max: spec.params.some((p) => p.rest) ? Infinity : spec.params.length,
  };
}

/** "1", "1 to 2", "at least 1", "1 or 3": the counts a set of ranges allows. */
function describe(ranges: readonly { min: number; max: number }[]): string {
  const sorted = [...ranges].sort((a, b) => a.min - b.min || a.max - b.max);
  const merged: { min: number; max: number }[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.min <= last.max + 1) last.max = Math.max(last.max, r.max);
    else merged.push({ ...r });
  }
  const one = ({ min, max }: { min: number; max: number }) =>
    max === Infinity ? `at least ${min}` : min === max ? `${min}` : max === min + 1 ? `${min} or ${max}` : `${min} to ${max}`;
  return merged.map(one).join(' or ');
}

type Ranges = readonly { min: number; max: number }[];

/**
 * The counts the builtins of a name accept, called as a function, as a method or by a dotted name: the same for
 * every call of that name as written, so worked out once per name (the builtins do not change).
 */
const rangesByName = { function: new Map<string, Ranges | null>(), method: new Map<string, Ranges | null>(), builtin: new Map<string, Ranges | null>() };

function builtinRanges(kind: 'function' | 'method' | 'builtin', name: string): Ranges | undefined {
  const table = rangesByName[kind];
  let found = table.get(name);
  if (found === undefined) {
    found = readRanges(kind, name) ?? null;
    // Names are few; the bound only guards a long-running process against a flood of made-up ones.
    if (table.size > 5000) table.clear();
    table.set(name, found);
  }
  return found ?? undefined;
}

function readRanges(kind: 'function' | 'method' | 'builtin', name: string): Ranges | undefined {
  switch (kind) {
    case 'function': {
      if (OTHER_KNOWN_FUNCTIONS.has(name.toLowerCase())) return undefined;
      // `name(value, …)`: a declaration with a receiver takes the value as its first argument.
      const specs = BUILTINS.named(name).filter((s) => s.form !== 'method');
      if (specs.length === 0) return undefined;
      return specs.map((s) => {
        const r = range(s);
        return s.receiver === undefined ? r : { min: r.min + 1, max: r.max + 1 };
      });
    }
    case 'method': {
      const specs = BUILTINS.named(name).filter((s) => s.receiver !== undefined && s.form !== 'function');
      return specs.length === 0 ? undefined : specs.map(range);
    }
    case 'builtin': {
      const specs = BUILTINS.named(name);
      return specs.length === 0 ? undefined : specs.map(range);
    }
  }
}

/** The argument counts a call's target accepts; undefined for targets not judged here. */
function acceptedRanges(target: CallTarget): Ranges | undefined {
  switch (target.kind) {
    case 'function':
    case 'method':
    case 'builtin':
      return builtinRanges(target.kind, target.name);
    case 'user': {
      const count = target.decl.params.length;
      return [{ min: count, max: count }];
    }
    default:
      return undefined;
  }
}

function accepts(ranges: Ranges, count: number): boolean {
  for (const r of ranges) if (count >= r.min && count <= r.max) return true;
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'wrong-arity',
    code: 'DLG5007',
    category: 'correctness',
    severity: 'error',
    summary: 'A function or method called with a number of arguments it never takes.',
    docs: {
      what:
        'A call of a builtin (method form `text.subString(0, 3)` or function form `subString(text, 0, 3)`, where the ' +
        'value is the first argument) or of a function of the file, with a number of arguments that every ' +
        'declaration of that name rejects (`get` of lists, maps and collections all take one). A separate rule from ' +
        '`unknown-function`, so either can be turned off alone.',
      why:
        'Zoho refuses to save the script ("Number of arguments mismatch"), or the call fails when it runs; a ' +
        'missing argument is often a misplaced parenthesis: `text.subString(0).length(5)`.',
      invalid: [
        'reference = "SO-1001/ACME";\ninfo reference.getPrefix();',
        'm = Map();\nm.put("Email");\ninfo m;',
        'string standalone.full(String first, String last)\n{\n\treturn first + " " + last;\n}\ninfo standalone.full("Ann");',
      ],
      valid: [
        'reference = "SO-1001/ACME";\ninfo reference.getPrefix("/") + subString(reference, 0, 2) + reference.subString(3);',
        'm = Map();\nm.put("Email", "a@zylker.com");\ninfo m.get("Email") + " " + {"x", "y"}.get(0);',
        'string standalone.full(String first, String last)\n{\n\treturn first + " " + last;\n}\ninfo standalone.full("Ann", "Lee");',
      ],
    },
  },
  create(context) {
    return {
      Program(program) {
        const resolution = resolutionOf(program);
        // (`forEach` rather than `for … of`: no entry array per call.)
        resolution.calls.forEach((target, call) => {
          const ranges = acceptedRanges(target);
          const n = call.args.length;
          // `Orders[Status == "Open"].distinct(Email)`: Creator's aggregates of fetched records name a field, where the
          // list methods of the same names (`distinct`, `average`, `median`, …) take nothing.
          if (!ranges || accepts(ranges, n) || resolution.fieldArgumentCalls.has(call) || isConsoleCall(call)) return;
          const expected = describe(ranges);
          const max = Math.max(...ranges.map((r) => r.max));
          const many = n > max;
          const nameSpan = call.callee.kind === 'MemberExpr' ? call.callee.property.span : call.callee.span;
          const span = many ? { start: call.args[max]!.span.start, end: call.args[n - 1]!.span.end } : nameSpan;
          context.report({
            span,
            message: `'${target.name}' takes ${expected} argument${expected === '1' || expected === 'at least 1' ? '' : 's'} but is given ${n}: ${many ? 'remove the extra ones' : 'add the missing ones'}`,
          });
        });
      },
    };
  },
};
