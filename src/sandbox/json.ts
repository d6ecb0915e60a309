/**
 * JSON in and out of the sandbox. Scripts send record ids as bare numbers (`{"id": 410405000002264040}`), which
 * `JSON.parse` would round to the nearest double; integers longer than 15 digits are therefore read as text, the
 * form in which Zoho itself answers ids.
 */

/** Parses JSON, keeping every integer of more than 15 digits exact (as a string). Throws on invalid JSON. */
export function parseJsonKeepingIds(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

function quoteLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const start = i;
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i]!)) i++;
      const literal = text.slice(start, i);
      if (/^-?\d{16,}$/.test(literal)) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** The index just after the string literal that starts at `start`. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return i;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The last time formatted, and its text: a bulk delete stamps its hundred records within the same second. */
let lastSecond = Number.NaN;
let lastText = '';

/** Zoho's date-time form (`2025-01-15T10:20:30+00:00`); the sandbox keeps time in UTC. */
export function zohoTime(ms: number): string {
  // Formatting was a tenth of the sandbox's time on a bulk delete (once per record deleted).
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace(/\.000Z$/, '+00:00');
  }
  return lastText;
}
