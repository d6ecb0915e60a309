import { curlEmitter } from './curl/index.js';
import { typescriptEmitter } from './typescript/emitter.js';
import type { Emitter } from './emitter.js';

/** Every target of `deluge emit --to …`, in the order `--help` lists them. */
export const EMITTERS: readonly Emitter[] = [
  curlEmitter,
  // Further emitters: one line each, below.
  typescriptEmitter,
];

/** The emitter whose id or alias is `idOrAlias` (case-insensitive); undefined for an unknown target. */
export function findEmitter(idOrAlias: string): Emitter | undefined {
  const wanted = idOrAlias.trim().toLowerCase();
  return EMITTERS.find((e) => e.id === wanted || e.aliases.includes(wanted));
}

/** `curl, typescript (ts)`: the targets, for usage messages. */
export function emitterNames(): string {
  return EMITTERS.map((e) => (e.aliases.length ? `${e.id} (${e.aliases.join(', ')})` : e.id)).join(', ');
}
