import { BUILTINS } from '../../src/runtime/builtins/index.js';
import { checkArguments, type BuiltinContext } from '../../src/runtime/builtins/registry.js';
import type { Value } from '../../src/runtime/values.js';

/** The builtins' unit tests call declarations directly, with the clock and zone of the annotated cases. */
export const TEST_CONTEXT: BuiltinContext = { now: () => Date.parse('2020-12-09T17:25:24-08:00'), timeZone: 'America/Los_Angeles' };

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
