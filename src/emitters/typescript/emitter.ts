import type { Emitter } from '../emitter.js';

/**
 * `deluge emit --to typescript` as the registry lists it. The emitter itself (./index.ts, with the helpers' source it
 * writes out: a fifth of the CLI bundle) is loaded when it runs, so that no other command parses it at start-up.
 */
export const typescriptEmitter: Emitter = {
  id: 'typescript',
  aliases: ['ts'],
  summary: 'the whole script as a standalone TypeScript program (Node built-ins and fetch only) that behaves like deluge run',
  extension: 'ts',
  emit: async (text, options) => (await import('./index.js')).emitTypeScript(text, options),
};
