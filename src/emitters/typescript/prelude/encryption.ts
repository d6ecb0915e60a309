/**
 * The digests and AES of `zoho.encryption` (src/runtime/builtins/encoding.ts), with Node's crypto module: an emitted
 * program that uses one imports `node:crypto`. (This file is data for the generator: nothing in the library
 * imports it at run time, so the emitter itself stays free of Node modules.)
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { aesKeyBytes, base64Text, utf8Bytes, utf8Text } from '../../../runtime/byte-codecs.js';
import { PARAMETERS } from './config.js';
import { base64Bytes, bytesOf, checkArguments } from './functions.js';
import { textForm } from './text-form.js';
import { fail, type Value } from './values.js';

/** A digest as lower-case hex, Base64, or its bits (`binary`, 8 digits a byte). */
export function digestText(digest: Uint8Array, format: Value, fn: string, fallback: 'hex' | 'base64'): string {
  const name = format === null ? fallback : textForm(format).toLowerCase();
  if (name === 'hex' || name === 'base64') return Buffer.from(digest).toString(name);
  if (name === 'binary') return [...digest].map((byte) => byte.toString(2).padStart(8, '0')).join('');
  return fail('DLG4018', `${fn}: the output format "${textForm(format)}" is not supported (use "hex", "base64" or "binary")`);
}

/** The digest of a text (null for null, as deluge run gives it). */
export function hashOf(algorithm: string, value: Value, format: Value): Value {
  if (value === null) return null;
  return digestText(createHash(algorithm).update(bytesOf(value)).digest(), format, `zoho.encryption.${algorithm}`, 'hex');
}

/** The HMAC of a text with a key (null when either is null, as deluge run gives it). */
export function hmacOf(algorithm: string, key: Value, value: Value, format: Value): Value {
  if (key === null || value === null) return null;
  return digestText(createHmac(algorithm, bytesOf(key)).update(bytesOf(value)).digest(), format, `zoho.encryption.hmac${algorithm}`, 'base64');
}

/** @builtin zoho.encryption.md5 — the MD5 digest of the text's UTF-8 bytes, in hex (or "base64"). */
export function md5(value: Value, format: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.md5'], value, format);
  return hashOf('md5', value, format);
}

/** @builtin zoho.encryption.sha1 — the SHA-1 digest, in hex (or "base64"). */
export function sha1(value: Value, format: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.sha1'], value, format);
  return hashOf('sha1', value, format);
}

/** @builtin zoho.encryption.sha256 — the SHA-256 digest, in hex (or "base64"). */
export function sha256(value: Value, format: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.sha256'], value, format);
  return hashOf('sha256', value, format);
}

/** @builtin zoho.encryption.sha512 — the SHA-512 digest, in hex (or "base64"). */
export function sha512(value: Value, format: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.sha512'], value, format);
  return hashOf('sha512', value, format);
}

/** @builtin zoho.encryption.hmacsha1 — the HMAC-SHA1 of the text with the key, in Base64 (or "hex"). */
export function hmacsha1(key: Value, value: Value, format: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.hmacsha1'], key, value, format);
  return hmacOf('sha1', key, value, format);
}

/** @builtin zoho.encryption.hmacsha256 — the HMAC-SHA256 of the text with the key, in Base64 (or "hex"). */
export function hmacsha256(key: Value, value: Value, format: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.hmacsha256'], key, value, format);
  return hmacOf('sha256', key, value, format);
}

/** @builtin zoho.encryption.hmacsha512 — the HMAC-SHA512 of the text with the key, in Base64 (or "hex"). */
export function hmacsha512(key: Value, value: Value, format: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.hmacsha512'], key, value, format);
  return hmacOf('sha512', key, value, format);
}

/** An AES initialization vector: 16 characters (UTF-8 bytes); undefined when none is given. */
export function aesIv(iv: Value, fn: string): Uint8Array | undefined {
  if (iv === null) return undefined;
  const bytes = utf8Bytes(textForm(iv));
  if (bytes.length !== 16) fail('DLG4018', `${fn}: the initialization vector must be 16 characters, not ${bytes.length}`);
  return bytes;
}

/**
 * @builtin zoho.encryption.aesEncode aesEncode — AES-256-CBC (PKCS#5 padding) of a text in Base64, the key its UTF-8
 * bytes zero-padded to 32; without a 16-character IV a random one goes before the ciphertext (null for a null key or text).
 */
export function aesEncode(key: Value, value: Value, iv: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.aesencode'], key, value, iv);
  if (key === null || value === null) return null;
  const given = aesIv(iv, 'aesEncode');
  const useIv = given ?? new Uint8Array(randomBytes(16));
  const cipher = createCipheriv('aes-256-cbc', aesKeyBytes(textForm(key)), useIv);
  const encrypted = Buffer.concat([cipher.update(utf8Bytes(textForm(value))), cipher.final()]);
  return base64Text(new Uint8Array(given ? encrypted : Buffer.concat([useIv, encrypted])));
}

/** @builtin zoho.encryption.aesDecode aesDecode — decrypts what aesEncode made with the same key (and IV, if one was used). */
export function aesDecode(key: Value, encryptedValue: Value, iv: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.aesdecode'], key, encryptedValue, iv);
  if (key === null || encryptedValue === null) return null;
  let useIv = aesIv(iv, 'aesDecode');
  let data = base64Bytes(textForm(encryptedValue), 'aesDecode');
  if (!useIv) {
    if (data.length < 32) fail('DLG4018', 'aesDecode: the text is too short to be an AES-encrypted value');
    useIv = data.subarray(0, 16);
    data = data.subarray(16);
  }
  try {
    // Throws on a length that is not whole blocks and on bad padding (a wrong key, almost always).
    const decipher = createDecipheriv('aes-256-cbc', aesKeyBytes(textForm(key)), useIv);
    return utf8Text(new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()])));
  } catch {
    return fail('DLG4018', 'aesDecode: the text could not be decrypted with this key and initialization vector');
  }
}
