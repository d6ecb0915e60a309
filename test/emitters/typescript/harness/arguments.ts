import { BUILTINS } from '../../../../src/runtime/builtins/index.js';
import type { ArgType, BuiltinSpec } from '../../../../src/runtime/builtins/registry.js';

/**
 * Every builtin called with each argument of each wrong type, and with null: Deluge expressions the emitted program
 * must refuse (or take) exactly as deluge run does. Derived from the registry, so a new builtin is covered as declared.
 */

/** A value of each type, as Deluge writes it. */
const SAMPLES: Readonly<Record<string, string>> = {
  TEXT: '"abc"',
  NUMBER: '2',
  DECIMAL: '1.5',
  BOOLEAN: 'true',
  LIST: '{1, 2}',
  'KEY-VALUE': '{"a": 1}',
  'DATE-TIME': "'01-Jan-2024'",
  COLLECTION: 'Collection(1, 2)',
};
const ARGUMENT_TYPES = ['TEXT', 'NUMBER', 'DECIMAL', 'BOOLEAN', 'LIST', 'KEY-VALUE', 'DATE-TIME'] as const;

function typesOf(t: ArgType | readonly ArgType[]): readonly ArgType[] {
  return typeof t === 'string' ? [t] : t;
}

function accepts(param: ArgType | readonly ArgType[], type: string): boolean {
  return typesOf(param).some((t) => t === 'ANY' || t === type || (t === 'NUMERIC' && (type === 'NUMBER' || type === 'DECIMAL')));
}

/** A value the parameter takes. */
function validSample(param: ArgType | readonly ArgType[]): string {
  const first = typesOf(param)[0]!;
  return first === 'ANY' ? SAMPLES.TEXT! : first === 'NUMERIC' ? SAMPLES.NUMBER! : SAMPLES[first]!;
}

function call(spec: BuiltinSpec, receiver: string | undefined, args: readonly string[], name = spec.name): string {
  if (receiver === undefined) return `${name}(${args.join(', ')})`;
  if (spec.form === 'function') return `${name}(${[receiver, ...args].join(', ')})`;
  return `(${receiver}).${name}(${args.join(', ')})`;
}

/** The same name in other letters (`contains` → `CONTAINS`), which Deluge takes too. */
function otherLetters(name: string): string {
  const parts = name.split('.');
  parts[parts.length - 1] = parts[parts.length - 1]!.toUpperCase();
  return parts.join('.');
}

/** Types no literal makes: a function applying to them only is left out. */
const SKIPPED = new Set(['FILE']);

/**
 * Calls of every builtin, for each value it applies to, with each parameter given each type it does not take (and,
 * with `nulls`, null instead): the other parameters get values they take.
 */
export function argumentCalls(which: 'wrong types' | 'nulls'): string[] {
  const calls = new Set<string>();
  for (const spec of BUILTINS.all) {
    if (typesOf(spec.receiver ?? []).some((t) => SKIPPED.has(t))) continue;
    const receivers = spec.receiver === undefined ? [undefined] : typesOf(spec.receiver).map((t) => (t === 'ANY' ? SAMPLES.TEXT! : t === 'NUMERIC' ? SAMPLES.NUMBER! : SAMPLES[t]!));
    for (const receiver of receivers) {
      spec.params.forEach((param, i) => {
        const before = spec.params.slice(0, i).map((p) => validSample(p.type));
        const after = spec.params.slice(i + 1).filter((p) => !p.optional && !p.rest).map((p) => validSample(p.type));
        const wrong = which === 'nulls' ? ['null'] : ARGUMENT_TYPES.filter((t) => !accepts(param.type, t)).map((t) => SAMPLES[t]!);
        for (const value of wrong) calls.add(call(spec, receiver, [...before, value, ...after]));
        // Called by each alias, and by its name in other letters: deluge run names the function as written.
        if (which === 'wrong types' && receiver === receivers[0] && wrong.length > 0) {
          for (const name of [...(spec.aliases ?? []), otherLetters(spec.name)]) calls.add(call(spec, receiver, [...before, wrong[0]!, ...after], name));
        }
      });
    }
  }
  return [...calls];
}
