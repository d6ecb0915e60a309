/**
 * Java's URLEncoder and URLDecoder with UTF-8 (Deluge's `encodeUrl`, `zoho.encryption.urlEncode`/`urlDecode`), for
 * `deluge run` and emitted TypeScript programs alike (the prelude generator copies this file's declarations into
 * programs: it imports nothing).
 */

const FORM_HEX = '0123456789ABCDEF';

/** Form encoding: letters, digits and `.-*_` as they are, a space as `+`, every other UTF-8 byte as `%XX`. */
export function formEncode(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    if ((byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2d || byte === 0x2a || byte === 0x5f) {
      out += String.fromCharCode(byte);
    } else if (byte === 0x20) {
      out += '+';
    } else {
      out += `%${FORM_HEX[byte >> 4]}${FORM_HEX[byte & 15]}`;
    }
  }
  return out;
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
