import fc from 'fast-check';
import { BUILTINS } from '../../src/runtime/builtins/index.js';
import { checkArguments, type BuiltinContext } from '../../src/runtime/builtins/registry.js';
import { DelugeError } from '../../src/runtime/errors.js';
import { NUMBER_MAX, NUMBER_MIN, type Value } from '../../src/runtime/values.js';

/** The builtins' unit tests call declarations directly, with the clock and zone of the annotated cases. */
export const TEST_CONTEXT: BuiltinContext = {
  now: () => Date.parse('2020-12-09T17:25:24-08:00'),
  timeZone: 'America/Los_Angeles',
  random: (bytes) => globalThis.crypto.getRandomValues(bytes),
};

/** `receiver.name(args)` as the interpreter calls it: the applicable declaration, arguments checked. */
export function call(name: string, receiver: Value, ...args: Value[]): Value {
  const spec = BUILTINS.method(name, receiver);
  if (!spec) throw new Error(`no method ${name}`);
  checkArguments(spec, name, args);
  return spec.impl(TEST_CONTEXT, receiver, args);
}

/** `name(args)`: the function form, the first argument being the receiver where the declaration has one. */
export function callFunction(name: string, ...args: Value[]): Value {
  const spec = BUILTINS.function(name, args);
  if (!spec) throw new Error(`no function ${name}`);
  checkArguments(spec, name, spec.receiver === undefined ? args : args.slice(1));
  return spec.receiver === undefined ? spec.impl(TEST_CONTEXT, null, args) : spec.impl(TEST_CONTEXT, args[0]!, args.slice(1));
}

/** The code of the Deluge runtime error `run` throws; a test failure when it throws none. */
export function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof DelugeError) return e.code;
    throw e;
  }
  throw new Error('did not fail');
}

/** Any 64-bit NUMBER. */
export const int64 = fc.bigInt({ min: NUMBER_MIN, max: NUMBER_MAX });
