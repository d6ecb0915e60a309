/**
 * Running a piece of synchronous work that may never end — a regular expression that backtracks: `(a+)+$` on forty
 * `a`s and a `!` takes hours in JavaScript as in Java — so that the run's time limit still stops it. Nothing else can
 * stop a RegExp once it runs: the interpreter checks the limit between statements, and the event loop does not turn.
 * Node's `vm` module can: code it runs with a `timeout` is ended at that time, a regular expression included.
 *
 * The runtime also runs in browsers (the playground), so `node:vm` is not imported: it is taken from
 * `process.getBuiltinModule` where there is one (Node ≥ 20.16), and without it the work runs unbounded, as before.
 */

interface VmModule {
  createContext(sandbox: object): object;
  Script: new (code: string) => { runInContext(context: object, options: { timeout: number }): unknown };
}

/** Said by {@link runInterruptibly} when the time ran out. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

let prepared: { context: { work?: () => unknown }; script: { runInContext(context: object, options: { timeout: number }): unknown } } | null | undefined;

function vmRunner(): typeof prepared {
  if (prepared === undefined) {
    const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
    const vm = typeof getBuiltinModule === 'function' ? (getBuiltinModule('node:vm') as VmModule | undefined) : undefined;
    if (vm) {
      const context = vm.createContext({}) as { work?: () => unknown };
      prepared = { context, script: new vm.Script('work()') };
    } else {
      prepared = null;
    }
  }
  return prepared;
}

/**
 * `work()`, or TIMED_OUT when it ran for `ms` milliseconds (at least 1) without ending. Errors `work` throws go
 * through unchanged. Each call starts a watchdog thread (about 0.15 ms): for work that may run long, not for all.
 */
export function runInterruptibly<T>(work: () => T, ms: number): T | typeof TIMED_OUT {
  const runner = vmRunner();
  if (!runner) return work();
  const outer = runner.context.work;
  runner.context.work = work;
  try {
    return runner.script.runInContext(runner.context, { timeout: Math.max(1, Math.ceil(ms)) }) as T;
  } catch (error) {
    // (An error of the vm's own realm: not `instanceof Error` here.)
    if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return TIMED_OUT;
    throw error;
  } finally {
    runner.context.work = outer;
  }
}
