/**
 * Names in the emitted program: a Deluge variable or function keeps its name unless TypeScript reserves it or a
 * helper of the program uses it (`text` becomes `text_` when the program also has the helper `text`).
 */

/** Words a TypeScript program cannot use as a variable name, and globals the program and its helpers use. */
export const RESERVED: ReadonlySet<string> = new Set([
  // Reserved words (strict mode and modules), and names strict mode forbids binding
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments',
  'eval', 'undefined', 'NaN', 'Infinity', 'async', 'of', 'type',
  // Globals
  'Map', 'Set', 'WeakMap', 'Array', 'Object', 'JSON', 'Number', 'BigInt', 'String', 'Boolean', 'Math', 'Date',
  'Error', 'TypeError', 'RangeError', 'RegExp', 'Promise', 'Symbol', 'Intl', 'URL', 'URLSearchParams',
  'TextDecoder', 'TextEncoder', 'Buffer', 'FormData', 'Blob', 'fetch', 'process', 'console', 'AbortSignal',
  'Uint8Array', 'Response', 'Headers', 'Request', 'globalThis', 'isNaN', 'parseInt', 'parseFloat',
  'encodeURIComponent', 'decodeURIComponent', 'setTimeout', 'AbortController', 'Generator', 'Record', 'Readonly',
  // The program's own names
  'main', 'input', 'functionInput', 'delugeLine',
]);

/** A TypeScript identifier for `name` (Deluge names are letters, digits and `_`), not among `taken`. */
export function freeName(name: string, taken: { has(name: string): boolean }): string {
  let candidate = /^[A-Za-z_$][\w$]*$/.test(name) ? name : name.replace(/[^\w$]/g, '_').replace(/^(\d)/, '_$1');
  while (taken.has(candidate) || RESERVED.has(candidate)) candidate += '_';
  return candidate;
}

/**
 * The names taken in one TypeScript function: its own, over the program's (its functions' names and the reserved
 * ones), which are not copied for each function (a copy each made 8,000 functions take 6 s).
 */
export class TakenNames {
  private readonly own = new Set<string>();

  constructor(private readonly shared: ReadonlySet<string>) {}

  has(name: string): boolean {
    return this.own.has(name) || this.shared.has(name);
  }

  add(name: string): void {
    this.own.add(name);
  }
}
