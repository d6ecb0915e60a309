import { cbc } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { fail } from '../errors.js';
import { formDecode, formEncode } from '../form-encoding.js';
import { textForm } from '../text-form.js';
import { FileValue, type Value } from '../values.js';
import type { BuiltinSpec } from './registry.js';

/**
 * URL encoding, Base64/Base32, hashes, HMACs and AES (https://www.zoho.com/deluge/help/encryption-tasks.html).
 * Text is turned into bytes as UTF-8 unless a charset is given. The `zoho.encryption.*` tasks are declared with
 * their full dotted names; the short names Zoho also accepts (`base64Encode(…)`, `urlEncode(…)`) are aliases.
 * No Node.js modules (the web playground bundles the interpreter): bytes are Uint8Arrays, hashes and AES come from
 * the audited pure-JS @noble libraries, and every charset conversion below gives the bytes and text Node's Buffer
 * gave (test/runtime/builtins/encoding.test.ts).
 */

const page = (name: string): string => `https://www.zoho.com/deluge/help/functions/encryption/${name}.html`;
const TASKS_PAGE = 'https://www.zoho.com/deluge/help/encryption-tasks.html';

// ---- URL encoding -------------------------------------------------------------------------------------------

/** `zoho.encryption.urlDecode`: Java's URLDecoder (form-encoding.ts); a broken escape is an error. */
function urlDecoded(text: string, fn: string): string {
  const decoded = formDecode(text);
  if (typeof decoded === 'string') return decoded;
  return fail('DLG4018', `${fn}: "${text.slice(decoded.brokenEscapeAt, decoded.brokenEscapeAt + 3)}" is not a valid %-escape`);
}

// ---- charsets and bytes -------------------------------------------------------------------------------------

type Charset = 'utf8' | 'utf16le' | 'utf16be' | 'latin1' | 'ascii';

function charsetOf(value: Value | undefined, fn: string): Charset {
  if (value === undefined || value === null) return 'utf8';
  const name = textForm(value).toUpperCase().replace(/[-_]/g, '');
  switch (name) {
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
      return fail('DLG4018', `${fn}: the charset "${textForm(value)}" is not supported (use UTF-8, UTF-16LE, UTF-16BE or ISO-8859-1)`);
  }
}

const UTF8_ENCODER = new TextEncoder();
// Not fatal: a malformed sequence becomes U+FFFD; ignoreBOM keeps a leading U+FEFF in the text, as Buffer did.
const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 bytes; a lone surrogate becomes EF BF BD (U+FFFD). */
function utf8Bytes(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

function utf8Text(bytes: Uint8Array): string {
  return UTF8_DECODER.decode(bytes);
}

function encodeText(text: string, charset: Charset): Uint8Array {
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

function decodeBytes(bytes: Uint8Array, charset: Charset): string {
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
function fromCharCodes(units: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < units.length; i += 0x2000) out += String.fromCharCode(...Array.prototype.slice.call(units, i, i + 0x2000));
  return out;
}

/** The bytes a function works on: a file's content, or a value's text in the charset. */
function bytesOf(value: Value, charset: Charset = 'utf8'): Uint8Array {
  if (value instanceof FileValue) return value.bytes;
  return encodeText(textForm(value), charset);
}

// ---- Base64 and Base32 --------------------------------------------------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Java's basic Base64 decoder: the standard alphabet, padding optional; anything else is an error. */
function base64Bytes(text: string, fn: string): Uint8Array {
  const compact = text.replace(/[\r\n]/g, '');
  const digits = compact.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || digits.length % 4 === 1) {
    fail('DLG4018', `${fn}: the text is not valid Base64`);
  }
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
function base64Text(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

function hexText(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Uint8Array): string {
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

function base32Decode(text: string, fn: string): Uint8Array {
  const compact = text.replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of compact) {
    const v = BASE32.indexOf(ch);
    if (v < 0) fail('DLG4018', `${fn}: the text is not valid Base32`);
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

// ---- hashes, HMACs, AES -------------------------------------------------------------------------------------

function digestText(digest: Uint8Array, format: Value | undefined, fn: string, fallback: 'hex' | 'base64'): string {
  const name = format === undefined || format === null ? fallback : textForm(format).toLowerCase();
  if (name === 'hex') return hexText(digest);
  if (name === 'base64') return base64Text(digest);
  // zoho.encryption.sha256's page allows "binary": the digest's bits, 8 digits a byte (256 for SHA-256).
  if (name === 'binary') return [...digest].map((byte) => byte.toString(2).padStart(8, '0')).join('');
  return fail('DLG4018', `${fn}: the output format "${textForm(format!)}" is not supported (use "hex", "base64" or "binary")`);
}

const AES_KEY_BYTES = 32;
const AES_BLOCK = 16;

/** The AES-256 key: the key text's UTF-8 bytes, zero-padded (or cut) to 32 bytes. */
function aesKey(key: Value): Uint8Array {
  const bytes = new Uint8Array(AES_KEY_BYTES);
  bytes.set(utf8Bytes(textForm(key)).subarray(0, AES_KEY_BYTES));
  return bytes;
}

function aesIv(iv: Value | undefined, fn: string): Uint8Array | undefined {
  if (iv === undefined || iv === null) return undefined;
  const bytes = utf8Bytes(textForm(iv));
  if (bytes.length !== AES_BLOCK) fail('DLG4018', `${fn}: the initialization vector must be 16 characters, not ${bytes.length}`);
  return bytes;
}

function randomIv(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(AES_BLOCK));
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function aesEncode(key: Value, value: Value, ivArg: Value | undefined): string {
  const iv = aesIv(ivArg, 'aesEncode');
  const useIv = iv ?? randomIv();
  // PKCS#7 padding (noble's default), which is what Java calls PKCS5Padding for AES.
  const encrypted = cbc(aesKey(key), useIv).encrypt(utf8Bytes(textForm(value)));
  // Without an IV, a random one is made and sent ahead of the ciphertext, as Zoho's output shows.
  return base64Text(iv ? encrypted : concatBytes(useIv, encrypted));
}

function aesDecode(key: Value, value: Value, ivArg: Value | undefined): string {
  const fn = 'aesDecode';
  let iv = aesIv(ivArg, fn);
  let data = base64Bytes(textForm(value), fn);
  if (!iv) {
    if (data.length < AES_BLOCK * 2) fail('DLG4018', `${fn}: the text is too short to be an AES-encrypted value`);
    iv = data.subarray(0, AES_BLOCK);
    data = data.subarray(AES_BLOCK);
  }
  let plain: Uint8Array;
  try {
    // Throws on a length that is not whole blocks and on bad padding (a wrong key, almost always).
    plain = cbc(aesKey(key), iv).decrypt(data);
  } catch {
    return fail('DLG4018', `${fn}: the text could not be decrypted with this key and initialization vector`);
  }
  return utf8Text(plain);
}

// ---- declarations -------------------------------------------------------------------------------------------

/** A `zoho.encryption.*` task over one text, null for a null argument. */
function task(
  shortName: string,
  spec: Omit<BuiltinSpec, 'name' | 'area' | 'aliases' | 'impl' | 'returns'> & {
    readonly aliases?: readonly string[];
    readonly returns?: BuiltinSpec['returns'];
    readonly impl: (args: readonly Value[]) => Value;
  },
): BuiltinSpec {
  return {
    ...spec,
    name: `zoho.encryption.${shortName}`,
    area: 'encoding',
    returns: spec.returns ?? 'TEXT',
    impl: (_ctx, _receiver, args) => (args[0] === null ? null : spec.impl(args)),
  };
}

type HashFunction = (bytes: Uint8Array) => Uint8Array;

const HASHES: Readonly<Record<'md5' | 'sha1' | 'sha256' | 'sha512', HashFunction & Parameters<typeof hmac>[0]>> = { md5, sha1, sha256, sha512 };

const hashTask = (shortName: string, algorithm: keyof typeof HASHES): BuiltinSpec =>
  task(shortName, {
    params: [
      { name: 'text', type: 'ANY' },
      { name: 'outputFormat', type: 'TEXT', optional: true },
    ],
    summary: `The ${algorithm.toUpperCase()} digest of the text's UTF-8 bytes, in lower-case hex (or "base64").`,
    docs: TASKS_PAGE,
    impl: (args) => digestText(HASHES[algorithm](bytesOf(args[0]!)), args[1], `zoho.encryption.${shortName}`, 'hex'),
  });

const hmacTask = (shortName: string, algorithm: keyof typeof HASHES): BuiltinSpec =>
  task(shortName, {
    params: [
      { name: 'key', type: 'ANY' },
      { name: 'text', type: 'ANY' },
      { name: 'outputFormat', type: 'TEXT', optional: true },
    ],
    summary: `The HMAC-${algorithm.toUpperCase()} of the text with the key, in Base64 (default) or lower-case "hex".`,
    docs: TASKS_PAGE,
    impl: (args) => {
      if (args[1] === null) return null;
      const mac = hmac(HASHES[algorithm], bytesOf(args[0]!), bytesOf(args[1]!));
      return digestText(mac, args[2], `zoho.encryption.${shortName}`, 'base64');
    },
  });

export const ENCODING_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'encodeUrl',
    area: 'encoding',
    receiver: 'TEXT',
    // Its page shows the function form only; scripts in production also write `text.encodeUrl()`, and most
    // builtins take both forms (docs/runtime/json-and-encoding.md, decision 11).
    params: [],
    returns: 'TEXT',
    summary: 'URL-encodes text as a form value: space → `+`, reserved and non-ASCII characters → %XX of their UTF-8 bytes.',
    docs: 'https://www.zoho.com/creator/help/script/built-in-functions/built-in-function-url-encodeurl.html',
    impl: (_ctx, receiver) => formEncode(receiver as string),
  },
  task('urlEncode', {
    aliases: ['urlEncode'],
    params: [{ name: 'text', type: 'ANY' }],
    summary: 'URL-encodes text like encodeUrl but with space → `%20`; a value that is not text gives null.',
    docs: page('urlencode'),
    impl: (args) => (typeof args[0] === 'string' ? formEncode(args[0]).replace(/\+/g, '%20') : null),
  }),
  task('urlDecode', {
    aliases: ['urlDecode'],
    params: [{ name: 'text', type: 'ANY' }],
    summary: 'Decodes URL-encoded text (`+` and `%20` → space); a value that is not text gives null.',
    docs: page('urldecode'),
    impl: (args) => (typeof args[0] === 'string' ? urlDecoded(args[0], 'zoho.encryption.urlDecode') : null),
  }),
  task('base64Encode', {
    aliases: ['base64Encode'],
    params: [
      { name: 'value', type: 'ANY' },
      { name: 'charset', type: 'TEXT', optional: true },
    ],
    summary: "Base64 of a text's bytes (UTF-8 unless a charset is given) or of a file's content.",
    docs: page('base64encode'),
    impl: (args) => base64Text(bytesOf(args[0]!, charsetOf(args[1], 'zoho.encryption.base64Encode'))),
  }),
  task('base64Decode', {
    aliases: ['base64Decode'],
    params: [
      { name: 'text', type: 'ANY' },
      { name: 'charset', type: 'TEXT', optional: true },
    ],
    summary: 'Decodes Base64 into text (read as UTF-8 unless a charset is given); text that is not Base64 is an error.',
    docs: page('base64decode'),
    impl: (args) => {
      const fn = 'zoho.encryption.base64Decode';
      return decodeBytes(base64Bytes(textForm(args[0]!), fn), charsetOf(args[1], fn));
    },
  }),
  task('base64DecodeToFile', {
    params: [
      { name: 'text', type: 'ANY' },
      { name: 'fileName', type: 'TEXT', optional: true },
    ],
    returns: 'FILE',
    summary: 'Decodes Base64 into a file with the given name.',
    docs: 'https://www.zoho.com/deluge/help/encryption-tasks/base-64-decode-to-file.html',
    impl: (args) => {
      const bytes = base64Bytes(textForm(args[0]!), 'zoho.encryption.base64DecodeToFile');
      const name = args[1] === undefined || args[1] === null ? 'file' : textForm(args[1]);
      return new FileValue(name, 'application/octet-stream', new Uint8Array(bytes));
    },
  }),
  task('base32Encode', {
    params: [{ name: 'text', type: 'ANY' }],
    summary: "Base32 (RFC 4648, padded with `=`) of a text's UTF-8 bytes or of a file's content.",
    docs: TASKS_PAGE,
    impl: (args) => base32Encode(bytesOf(args[0]!)),
  }),
  task('base32Decode', {
    params: [{ name: 'text', type: 'ANY' }],
    summary: 'Decodes Base32 (RFC 4648) into UTF-8 text; text that is not Base32 is an error.',
    docs: TASKS_PAGE,
    impl: (args) => utf8Text(base32Decode(textForm(args[0]!), 'zoho.encryption.base32Decode')),
  }),
  task('aesEncode', {
    aliases: ['aesEncode'],
    params: [
      { name: 'key', type: 'ANY' },
      { name: 'value', type: 'ANY' },
      { name: 'iv', type: 'TEXT', optional: true },
    ],
    summary:
      'AES-256-CBC with PKCS#5 padding, Base64 output; the key is its UTF-8 bytes zero-padded to 32. With a 16-character IV the output is the ciphertext; without one a random IV is put before it.',
    docs: page('aesencode'),
    impl: (args) => (args[1] === null ? null : aesEncode(args[0]!, args[1]!, args[2])),
  }),
  task('aesDecode', {
    aliases: ['aesDecode'],
    params: [
      { name: 'key', type: 'ANY' },
      { name: 'encryptedValue', type: 'ANY' },
      { name: 'iv', type: 'TEXT', optional: true },
    ],
    summary: 'Decrypts what aesEncode made with the same key (and IV, if one was used); a wrong key or text is an error.',
    docs: page('aesdecode'),
    impl: (args) => (args[1] === null ? null : aesDecode(args[0]!, args[1]!, args[2])),
  }),
  hmacTask('hmacsha1', 'sha1'),
  hmacTask('hmacsha256', 'sha256'),
  hmacTask('hmacsha512', 'sha512'),
  hashTask('md5', 'md5'),
  hashTask('sha1', 'sha1'),
  hashTask('sha256', 'sha256'),
  hashTask('sha512', 'sha512'),
];
