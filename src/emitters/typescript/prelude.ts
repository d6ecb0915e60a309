import { PRELUDE } from './prelude.generated.js';

/**
 * The helper library of emitted programs, as data (generated from ./prelude/*.ts): which helpers a program
 * contains is decided by what its code uses, then closed over what those helpers use.
 */
export interface PreludeHelper {
  readonly code: string;
  readonly deps: readonly string[];
  readonly conditional?: readonly { readonly line: number; readonly when: string; readonly deps: readonly string[] }[];
  readonly provided?: true;
  readonly builtins?: readonly string[];
  readonly arity?: readonly number[];
  readonly imports?: Readonly<Record<string, readonly string[]>>;
}

/** The helper implementing a Deluge builtin, by its name or alias in lower case (`tolowercase`, `lower`, `zoho.encryption.urlencode`). */
export const BUILTIN_HELPERS: ReadonlyMap<string, string> = new Map(
  Object.entries(PRELUDE).flatMap(([name, helper]) => (helper.builtins ?? []).map((builtin): [string, string] => [builtin, name])),
);

export function helper(name: string): PreludeHelper {
  const found = PRELUDE[name];
  if (!found) throw new Error(`internal: no prelude helper '${name}'`);
  return found;
}

/** The helpers a program needs: `roots` and everything they use, in prelude order. */
export function closure(roots: Iterable<string>): string[] {
  const included = new Set<string>();
  const pending = [...roots];
  const addAll = (names: Iterable<string>): void => {
    for (const name of names) if (!included.has(name)) pending.push(name);
  };
  for (;;) {
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (included.has(name)) continue;
      included.add(name);
      addAll(helper(name).deps);
    }
    // A conditional line's helpers join when the helper it depends on is present.
    for (const name of included) for (const c of helper(name).conditional ?? []) if (included.has(c.when)) addAll(c.deps);
    if (pending.length === 0) break;
  }
  return Object.keys(PRELUDE).filter((name) => included.has(name));
}

/** A helper's code with the lines of absent helpers left out and the `// when:` markers removed. */
export function helperCode(name: string, included: ReadonlySet<string>): string {
  const h = helper(name);
  const dropped = new Set((h.conditional ?? []).filter((c) => !included.has(c.when)).map((c) => c.line));
  return h.code
    .split('\n')
    .filter((_, i) => !dropped.has(i))
    .map((line) => line.replace(/\s*\/\/ when: \w+\s*$/, ''))
    .join('\n');
}
