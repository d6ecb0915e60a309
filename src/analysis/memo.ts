/**
 * Facts computed once per tree node and shared by whoever asks (a program's index and resolution, the tables the
 * lint rules read), without changing the tree.
 *
 * They are kept in a WeakMap keyed by the node, except inside `withMemoScope(run)` — the linter's run over one
 * file — where they go into plain Maps that are dropped when the run ends. Measured on the lint benchmark: with a
 * WeakMap entry per linted program, every tree (and its index and resolution) outlived the file it came from
 * through V8's minor collections, which copied them again and again and promoted them — the collector then took
 * longer than the rules. A scope frees them as soon as the file is done.
 */

type Scope = Set<NodeMemo<object, unknown>>;

let current: Scope | undefined;

/** Runs `run` with the memos' entries kept only until it returns (nested scopes share the outermost one's). */
export function withMemoScope<T>(run: () => T): T {
  if (current) return run();
  const scope: Scope = new Set();
  current = scope;
  try {
    return run();
  } finally {
    current = undefined;
    for (const memo of scope) memo.endScope();
  }
}

/** A cache of one fact per node: `memo.get(node, compute)` computes it the first time and returns it after. */
export class NodeMemo<K extends object, V> {
  private readonly lasting = new WeakMap<K, V>();
  private scoped: Map<K, V> | undefined;

  get(key: K, compute: (key: K) => V): V {
    if (current) {
      let table = this.scoped;
      if (!table) {
        table = this.scoped = new Map();
        current.add(this as unknown as NodeMemo<object, unknown>);
      }
      const found = table.get(key);
      if (found !== undefined || table.has(key)) return found as V;
      const value = compute(key);
      table.set(key, value);
      return value;
    }
    const found = this.lasting.get(key);
    if (found !== undefined || this.lasting.has(key)) return found as V;
    const value = compute(key);
    this.lasting.set(key, value);
    return value;
  }

  /** Called when the scope that filled `scoped` ends. */
  endScope(): void {
    this.scoped = undefined;
  }
}
