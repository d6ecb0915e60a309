/**
 * Text to bytes and back in the charsets `zoho.encryption` takes, and Base64 and Base32, for `deluge run` and
 * emitted TypeScript programs alike (the prelude generator copies this file's declarations into programs: it
 * imports nothing, and uses no Node.js module: the web playground bundles the interpreter). Every charset
 * conversion gives the bytes and text Node's Buffer gave (test/runtime/builtins/encoding.test.ts).
 */

export type Charset = 'utf8' | 'utf16le' | 'utf16be' | 'latin1' | 'ascii';

/** A charset by the names Java and Zoho use (`UTF-8`, `utf_16le`, `ISO-8859-1`, …); undefined for another one. */
export function charsetNamed(name: string): Charset | undefined {
  switch (name.toUpperCase().replace(/[-_]/g, '')) {
    case 'UTF8':
      return 'utf8';
    case 'UTF16LE':
      return 'utf16le';
    case 'UTF16BE':
    case 'UTF16':
      return 'utf16be';
    case 'ISO88591':
    case 'LATIN1':
      return 'latin1';
    case 'USASCII':
    case 'ASCII':
      return 'ascii';
    default:
      return undefined;
  }
}

const UTF8_ENCODER = new TextEncoder();
// Not fatal: a malformed sequence becomes U+FFFD; ignoreBOM keeps a leading U+FEFF in the text, as Buffer did.
const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 bytes; a lone surrogate becomes EF BF BD (U+FFFD). */
export function utf8Bytes(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

export function utf8Text(bytes: Uint8Array): string {
  return UTF8_DECODER.decode(bytes);
}

export function encodeText(text: string, charset: Charset): Uint8Array {
  switch (charset) {
    case 'utf8':
      return utf8Bytes(text);
    case 'utf16le':
    case 'utf16be': {
      // Every UTF-16 code unit as two bytes, lone surrogates included (no replacement).
      const bytes = new Uint8Array(text.length * 2);
      const [low, high] = charset === 'utf16le' ? [0, 1] : [1, 0];
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        bytes[2 * i + low] = unit & 0xff;
        bytes[2 * i + high] = unit >> 8;
      }
      return bytes;
    }
    case 'latin1':
    case 'ascii': {
      // The low byte of each code unit: Node writes ASCII as Latin-1 too, so é stays 0xE9 and € becomes 0xAC.
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
      return bytes;
    }
  }
}

export function decodeBytes(bytes: Uint8Array, charset: Charset): string {
  switch (charset) {
    case 'utf8':
      return utf8Text(bytes);
    case 'utf16le':
    case 'utf16be': {
      // Code units as they are (lone surrogates kept, no BOM handling); an odd last byte is dropped.
      const units: number[] = [];
      const [low, high] = charset === 'utf16le' ? [0, 1] : [1, 0];
      for (let i = 0; i + 1 < bytes.length; i += 2) units.push(bytes[i + low]! | (bytes[i + high]! << 8));
      return fromCharCodes(units);
    }
    case 'latin1':
      return fromCharCodes(bytes);
    case 'ascii':
      // Node reads ASCII as Latin-1 with the high bit cleared.
      return fromCharCodes(Array.from(bytes, (b) => b & 0x7f));
  }
}

/** A string of char codes, in slices (one spread of a long array would overflow the call stack). */
export function fromCharCodes(units: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < units.length; i += 0x2000) out += String.fromCharCode(...Array.prototype.slice.call(units, i, i + 0x2000));
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Java's basic Base64 decoder: the standard alphabet, padding optional, line breaks skipped; undefined for anything else. */
export function base64Decoded(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  const digits = compact.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || digits.length % 4 === 1) return undefined;
  // Bits left over after the last whole byte are ignored (as Buffer did).
  const bytes = new Uint8Array(Math.floor((digits.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < digits.length; i++) {
    buffer = ((buffer << 6) | BASE64.indexOf(digits[i]!)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** Standard Base64 with `=` padding. */
export function base64Text(bytes: Uint8Array): string {
  // Written into bytes and read as ASCII once (a text built a character at a time held a node a character).
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let at = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out[at++] = BASE64.charCodeAt(a >> 2);
    out[at++] = BASE64.charCodeAt(((a & 3) << 4) | ((b ?? 0) >> 4));
    out[at++] = b === undefined ? 0x3d : BASE64.charCodeAt(((b & 15) << 2) | ((c ?? 0) >> 6));
    out[at++] = c === undefined ? 0x3d : BASE64.charCodeAt(c & 63);
  }
  return new TextDecoder().decode(out);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 (RFC 4648), padded with `=`. */
export function base32Text(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

/** Base32 (RFC 4648, any case, padding optional) decoded; undefined when a character is not Base32. */
export function base32Decoded(text: string): Uint8Array | undefined {
  const compact = text.replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of compact) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 255);
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  return Uint8Array.from(bytes);
}

/** The AES-256 key `zoho.encryption.aesEncode` uses: the key text's UTF-8 bytes, zero-padded (or cut) to 32 bytes. */
export function aesKeyBytes(key: string): Uint8Array {
  const bytes = new Uint8Array(32);
  bytes.set(utf8Bytes(key).subarray(0, 32));
  return bytes;
}
