/**
 * Java's URLEncoder and URLDecoder with UTF-8 (Deluge's `encodeUrl`, `zoho.encryption.urlEncode`/`urlDecode`), for
 * `deluge run` and emitted TypeScript programs alike (the prelude generator copies this file's declarations into
 * programs: it imports nothing).
 */

const FORM_HEX = '0123456789ABCDEF';

/** Form encoding: letters, digits and `.-*_` as they are, a space as `+`, every other UTF-8 byte as `%XX`. */
export function formEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // Written into bytes of the exact length and read as ASCII once: a text built a character at a time (`out += …`)
  // held a node a character, and a text of 40 million ran Node out of memory before its length could be checked.
  const out = new Uint8Array(formEncodedLength(bytes));
  let at = 0;
  for (const byte of bytes) {
    if (keptAsIs(byte)) out[at++] = byte;
    else if (byte === 0x20) out[at++] = 0x2b;
    else {
      out[at++] = 0x25;
      out[at++] = FORM_HEX.charCodeAt(byte >> 4);
      out[at++] = FORM_HEX.charCodeAt(byte & 15);
    }
  }
  return new TextDecoder().decode(out);
}

/** The length of {@link formEncode}'s result for these UTF-8 bytes (for a limit checked before it is made). */
export function formEncodedLength(bytes: Uint8Array): number {
  let length = 0;
  for (const byte of bytes) length += keptAsIs(byte) || byte === 0x20 ? 1 : 3;
  return length;
}

function keptAsIs(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2d || byte === 0x2a || byte === 0x5f;
}

/**
 * Form decoding: `+` is a space, `%XX` a byte, the bytes read as UTF-8 (those that are not become U+FFFD; a leading
 * U+FEFF is kept). A `%` not followed by two hex digits is an error for the caller to word: its offset is answered.
 */
export function formDecode(text: string): string | { readonly brokenEscapeAt: number } {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b) {
      bytes.push(0x20);
    } else if (c === 0x25) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { brokenEscapeAt: i };
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const codePoint = text.codePointAt(i)!;
      for (const b of encoder.encode(String.fromCodePoint(codePoint))) bytes.push(b);
      if (codePoint > 0xffff) i++;
    }
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(bytes));
}
