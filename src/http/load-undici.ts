/**
 * undici, loaded when a command first sends a request rather than at start-up (it was an eighth of every command's
 * start-up, `deluge --version` included). Bundled, a dynamically imported CommonJS module gives its exports as
 * `default` only; Node's own loader gives them both ways.
 */
export async function loadUndici(): Promise<typeof import('undici')> {
  const loaded = await import('undici');
  return (loaded as { default?: typeof import('undici') }).default ?? loaded;
}
