import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BUILTINS } from '../../../src/runtime/builtins/index.js';
import { ENCODING_BUILTINS } from '../../../src/runtime/builtins/encoding.js';
import { checkArguments } from '../../../src/runtime/builtins/registry.js';
import { FileValue, type Value } from '../../../src/runtime/values.js';
import { failure, TEST_CONTEXT as ctx } from '../../helpers/builtins.js';

/** `name(args)`: a namespaced task, an alias, or a function whose first argument is its receiver. */
function call(name: string, ...args: Value[]): Value {
  const spec = BUILTINS.function(name, args);
  if (!spec) throw new Error(`no function ${name}`);
  if (spec.receiver === undefined) {
    checkArguments(spec, name, args);
    return spec.impl(ctx, null, args);
  }
  checkArguments(spec, name, args.slice(1));
  return spec.impl(ctx, args[0]!, args.slice(1));
}

/** Well-formed Unicode text: UTF-8 cannot carry lone surrogates, so round trips are only defined for these. */
const text = fc.string({ unit: 'grapheme', maxLength: 40 });

describe('declarations', () => {
  test('every encoding builtin is in the encoding area; zoho.encryption tasks have no receiver', () => {
    for (const spec of ENCODING_BUILTINS) {
      expect(spec.area).toBe('encoding');
      if (spec.name.startsWith('zoho.encryption.')) expect(spec.receiver).toBeUndefined();
    }
  });
});

describe('round trips', () => {
  test('base64Decode(base64Encode(s)) == s', () => {
    fc.assert(fc.property(text, (s) => call('zoho.encryption.base64Decode', call('zoho.encryption.base64Encode', s)) === s));
  });
  test('base64Encode agrees with Buffer for any text, in every supported charset', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(call('base64Encode', s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
        expect(call('zoho.encryption.base64Decode', call('zoho.encryption.base64Encode', s, 'UTF-16BE'), 'UTF-16BE')).toBe(s);
        expect(call('zoho.encryption.base64Decode', call('zoho.encryption.base64Encode', s, 'UTF-16LE'), 'UTF-16LE')).toBe(s);
      }),
    );
  });
  test('base32Decode(base32Encode(s)) == s', () => {
    fc.assert(fc.property(text, (s) => call('zoho.encryption.base32Decode', call('zoho.encryption.base32Encode', s)) === s));
  });
  test('urlDecode undoes encodeUrl and zoho.encryption.urlEncode', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(call('zoho.encryption.urlDecode', call('encodeUrl', s))).toBe(s);
        expect(call('zoho.encryption.urlDecode', call('zoho.encryption.urlEncode', s))).toBe(s);
      }),
    );
  });
  test('encodeUrl leaves only URL-safe characters', () => {
    fc.assert(fc.property(text, (s) => /^[A-Za-z0-9.\-*_+%]*$/.test(call('encodeUrl', s) as string)));
  });
  test('aesDecode(aesEncode(s)) == s, with and without an IV', () => {
    fc.assert(
      fc.property(text, fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (s, key) => {
        expect(call('zoho.encryption.aesDecode', key, call('zoho.encryption.aesEncode', key, s))).toBe(s);
        const iv = 'abcdefghijklmnop';
        expect(call('aesDecode', key, call('aesEncode', key, s, iv), iv)).toBe(s);
      }),
      { numRuns: 50 },
    );
  });
});

describe('behaviour', () => {
  test('encodeUrl is Java URLEncoder: space → +, ~ → %7E; urlEncode gives %20', () => {
    expect(call('encodeUrl', 'a b~c')).toBe('a+b%7Ec');
    expect(call('zoho.encryption.urlEncode', 'a b')).toBe('a%20b');
    expect(call('zoho.encryption.urlEncode', 5n)).toBe(null);
  });
  test('the AES key is zero-padded to 32 bytes: Zoho’s published ciphertext decrypts', () => {
    expect(call('zoho.encryption.aesDecode', 'passkey', 'yf/u6N0HjKWXFFHIEKzG23+CM+BoL4RBPNb4mc0G3hw5q6xPe9KSpUd62Z5sjjSE')).toBe('This is a secret');
  });
  test('HMAC output: Base64 by default, hex on request', () => {
    expect(call('zoho.encryption.hmacsha256', 'key', 'The quick brown fox jumps over the lazy dog', 'hex')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    expect(failure(() => call('zoho.encryption.hmacsha1', 'k', 'x', 'octal'))).toBe('DLG4018');
  });
  test('base64 of a file encodes its bytes; base64DecodeToFile makes a file', () => {
    const file = new FileValue('a.bin', 'application/octet-stream', new Uint8Array([0, 255, 1]));
    expect(call('zoho.encryption.base64Encode', file)).toBe('AP8B');
    const back = call('zoho.encryption.base64DecodeToFile', 'AP8B', 'b.bin');
    expect(back).toBeInstanceOf(FileValue);
    expect([...(back as FileValue).bytes]).toEqual([0, 255, 1]);
  });
  test('invalid Base64 and broken %-escapes are invalid arguments', () => {
    expect(failure(() => call('zoho.encryption.base64Decode', 'abc$'))).toBe('DLG4018');
    expect(failure(() => call('zoho.encryption.base64Decode', 'a'))).toBe('DLG4018');
    expect(failure(() => call('zoho.encryption.urlDecode', '%G0'))).toBe('DLG4018');
  });
});

describe('encodings past the run\'s text limit', () => {
  test('DLG4027 is said before the text is made (encodeUrl and base64Encode of 40 million characters ran Node out of memory)', async () => {
    const { runScript } = await import('../../../src/runtime/run.js');
    const euros = '€'.repeat(6_000_000);
    const encode = runScript('info s.encodeUrl();', { args: { s: euros } });
    expect(encode.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.message])).toEqual([
      ['DLG4027', 'encodeUrl: the encoded text would be 54,000,000 characters long, more than the 50,000,000 a run may hold'],
    ]);
    const base64 = runScript('info zoho.encryption.base64Encode(s);', { args: { s: '€'.repeat(13_000_000) } });
    expect(base64.diagnostics.map((d) => d.diagnostic.code)).toEqual(['DLG4027']);
    expect(base64.diagnostics[0]!.diagnostic.message).toMatch(/^zoho\.encryption\.base64Encode: the encoded text would be 52,000,000 characters long/);
  });
});
