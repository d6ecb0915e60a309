import { cbc } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { aesKeyBytes, base32Decoded, base32Text, base64Decoded, base64Text, type Charset, charsetNamed, encodeText, decodeBytes, utf8Bytes, utf8Text } from '../byte-codecs.js';
import { checkTextLength, fail } from '../errors.js';
import { formDecode, formEncode, formEncodedLength } from '../form-encoding.js';
import { textForm } from '../text-form.js';
import { FileValue, type Value } from '../values.js';
import type { BuiltinContext, BuiltinSpec } from './registry.js';

/**
 * URL encoding, Base64/Base32, hashes, HMACs and AES (https://www.zoho.com/deluge/help/encryption-tasks.html).
 * Text is turned into bytes as UTF-8 unless a charset is given. The `zoho.encryption.*` tasks are declared with
 * their full dotted names; the short names Zoho also accepts (`base64Encode(…)`, `urlEncode(…)`) are aliases.
 * No Node.js modules (the web playground bundles the interpreter): bytes are Uint8Arrays, hashes and AES come from
 * the audited pure-JS @noble libraries, charsets, Base64 and Base32 from ../byte-codecs.ts, which emitted programs
 * share.
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

// ---- charsets and bytes (../byte-codecs.ts, which programs share) ----------------------------------------

function charsetOf(value: Value | undefined, fn: string): Charset {
  if (value === undefined || value === null) return 'utf8';
  return charsetNamed(textForm(value)) ?? fail('DLG4018', `${fn}: the charset "${textForm(value)}" is not supported (use UTF-8, UTF-16LE, UTF-16BE or ISO-8859-1)`);
}

/** The bytes a function works on: a file's content, or a value's text in the charset. */
function bytesOf(value: Value, charset: Charset = 'utf8'): Uint8Array {
  if (value instanceof FileValue) return value.bytes;
  return encodeText(textForm(value), charset);
}

function base64Bytes(text: string, fn: string): Uint8Array {
  return base64Decoded(text) ?? fail('DLG4018', `${fn}: the text is not valid Base64`);
}

function base32Bytes(text: string, fn: string): Uint8Array {
  return base32Decoded(text) ?? fail('DLG4018', `${fn}: the text is not valid Base32`);
}

function hexText(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
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

const AES_BLOCK = 16;

function aesKey(key: Value): Uint8Array {
  return aesKeyBytes(textForm(key));
}

function aesIv(iv: Value | undefined, fn: string): Uint8Array | undefined {
  if (iv === undefined || iv === null) return undefined;
  const bytes = utf8Bytes(textForm(iv));
  if (bytes.length !== AES_BLOCK) fail('DLG4018', `${fn}: the initialization vector must be 16 characters, not ${bytes.length}`);
  return bytes;
}

function randomIv(ctx: BuiltinContext): Uint8Array {
  return ctx.random(new Uint8Array(AES_BLOCK));
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function aesEncode(ctx: BuiltinContext, key: Value, value: Value, ivArg: Value | undefined): string {
  const iv = aesIv(ivArg, 'aesEncode');
  const useIv = iv ?? randomIv(ctx);
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
    readonly impl: (args: readonly Value[], ctx: BuiltinContext) => Value;
  },
): BuiltinSpec {
  return {
    ...spec,
    name: `zoho.encryption.${shortName}`,
    area: 'encoding',
    returns: spec.returns ?? 'TEXT',
    impl: (ctx, _receiver, args) => (args[0] === null ? null : spec.impl(args, ctx)),
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
    impl: (_ctx, receiver) => limitedFormEncode(receiver as string, 'encodeUrl'),
  },
  task('urlEncode', {
    aliases: ['urlEncode'],
    params: [{ name: 'text', type: 'ANY' }],
    summary: 'URL-encodes text like encodeUrl but with space → `%20`; a value that is not text gives null.',
    docs: page('urlencode'),
    impl: (args) => (typeof args[0] === 'string' ? limitedFormEncode(args[0], 'zoho.encryption.urlEncode').replace(/\+/g, '%20') : null),
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
    impl: (args) => {
      const bytes = bytesOf(args[0]!, charsetOf(args[1], 'zoho.encryption.base64Encode'));
      checkTextLength(Math.ceil(bytes.length / 3) * 4, 'zoho.encryption.base64Encode: the encoded text');
      return base64Text(bytes);
    },
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
    impl: (args) => base32Text(bytesOf(args[0]!)),
  }),
  task('base32Decode', {
    params: [{ name: 'text', type: 'ANY' }],
    summary: 'Decodes Base32 (RFC 4648) into UTF-8 text; text that is not Base32 is an error.',
    docs: TASKS_PAGE,
    impl: (args) => utf8Text(base32Bytes(textForm(args[0]!), 'zoho.encryption.base32Decode')),
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
    impl: (args, ctx) => (args[1] === null ? null : aesEncode(ctx, args[0]!, args[1]!, args[2])),
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

/** {@link formEncode}, its length checked against the run's limit before the text is made (DLG4027). */
function limitedFormEncode(text: string, fn: string): string {
  checkTextLength(formEncodedLength(new TextEncoder().encode(text)), `${fn}: the encoded text`);
  return formEncode(text);
}
