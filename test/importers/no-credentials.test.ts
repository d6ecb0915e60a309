import { describe, expect, it } from 'vitest';
import { importCurl, maskSecrets, parseCurl } from '../../src/importers/curl.js';
import { curlInputs, readInputFile } from './curl-cases.js';

/**
 * Secrets are never printed: for every input of `curl/*.sh`, no credential written in the command — the token
 * after `Zoho-oauthtoken`/`Bearer`/another scheme, the Base64 of `Basic` and the password in it, `-u`'s
 * `user:password` and password, a password in the URL, `--oauth2-bearer`'s token, API-key header values, cookie
 * values, credential fields (`client_secret=`, `api_key=`, `"password": …`) — appears in the Deluge, in the request IR
 * (`parseCurl`), in a diagnostic's message, or in the command as a code frame shows it (`maskSecrets`).
 * The credentials are found here with patterns of their own, not by the importer.
 */

/** Values shorter than this are not looked for (a cookie `theme=dark` would match words of the script). */
const MIN_LENGTH = 6;

const SECRET_HEADER = /(?:^|[\s'"^`])([\w-]*(?:api-?key|apikey|token|secret|auth|cookie)[\w-]*)\s*:\s*([^'"^`\r\n]+)/gi;
const SCHEME = /\b(?:Zoho-oauthtoken|Bearer|Basic|Token)\s+([^\s'"^`\\]+)/gi;
const FIELD = /\b(?:client_secret|refresh_token|access_token|api_?key|apikey|zapikey|authtoken|password|code)=([^&\s'"^]+)/gi;
const JSON_FIELD = /"(?:password|client_secret|api_?key|token)"\s*:\s*"([^"]+)"/gi;

export function credentialsIn(command: string): string[] {
  const found: string[] = [];
  const add = (value: string | undefined): void => {
    const v = value?.trim();
    if (v && v.length >= MIN_LENGTH && !v.includes('$') && !found.includes(v)) found.push(v);
  };
  for (const m of command.matchAll(SCHEME)) {
    add(m[1]);
    if (/^Basic/i.test(m[0])) {
      const pair = Buffer.from(m[1]!, 'base64').toString('utf8');
      add(pair);
      add(pair.slice(pair.indexOf(':') + 1));
    }
  }
  for (const m of command.matchAll(SECRET_HEADER)) {
    const value = m[2]!.trim();
    if (/^cookie$/i.test(m[1]!)) for (const cookie of value.split(';')) add(cookie.split('=')[1]);
    else add(value.replace(/^(?:Zoho-oauthtoken|Bearer|Basic|Token)\s+/i, ''));
  }
  for (const m of command.matchAll(/(?:^|\s)(?:-u\s*|--user[\s=]+)(['"]?)([^\s'"]+)\1/g)) {
    add(m[2]);
    add(m[2]!.slice(m[2]!.indexOf(':') + 1));
  }
  for (const m of command.matchAll(/(?:^|\s)(?:-b|--cookie)\s+(['"]?)([^'"]+)\1/g)) for (const cookie of m[2]!.split(';')) add(cookie.split('=')[1]);
  for (const m of command.matchAll(/--oauth2-bearer[\s=]+(['"]?)([^\s'"]+)\1/g)) add(m[2]);
  // In a URL, with its scheme or (curl adds http://) without.
  for (const m of command.matchAll(/(?:\/\/|(?<=^|[\s'"]))([^/?#@\s'":]+):([^/?#@\s'"]+)@/g)) {
    add(`${m[1]}:${m[2]}`);
    add(m[2]);
  }
  for (const m of command.matchAll(FIELD)) add(m[1]);
  for (const m of command.matchAll(JSON_FIELD)) add(m[1]);
  return found;
}

const cases = curlInputs().map((input) => ({ input, secrets: credentialsIn(input.command) }));

describe('no credential of a curl command is printed', () => {
  it('finds the credentials the patterns are for', () => {
    const command = `curl -u 'bot:pa55-word' -H 'X-Api-Key: k3y-v4lue' -b 'sid=s3ss10n' 'https://u:pw-in-url@h.example/?api_key=abcdef123' -H 'Authorization: Basic ${Buffer.from('me:basic-pw').toString('base64')}'`;
    expect(credentialsIn(command).sort()).toEqual(
      ['bot:pa55-word', 'pa55-word', 'k3y-v4lue', 's3ss10n', 'u:pw-in-url', 'pw-in-url', 'abcdef123', Buffer.from('me:basic-pw').toString('base64'), 'me:basic-pw', 'basic-pw'].sort(),
    );
  });

  it('has inputs with credentials of every kind', () => {
    // Zoho tokens, Bearer, Basic, -u, --oauth2-bearer, API keys, cookies, fields: most inputs hold one.
    expect(cases.filter((c) => c.secrets.length > 0).length).toBeGreaterThanOrEqual(35);
  });

  it.each(cases.filter((c) => c.secrets.length > 0).map((c) => [c.input.name, c] as const))('%s', (_name, { input, secrets }) => {
    const imported = importCurl(input.command, { readFile: readInputFile });
    const ir = JSON.stringify(parseCurl(input.command, { readFile: readInputFile }).value, (_key, value: unknown) =>
      value instanceof Uint8Array ? new TextDecoder().decode(value) : value,
    );
    const frame = maskSecrets(input.command);
    for (const secret of secrets) {
      expect(imported.value, `the Deluge holds ${secret}`).not.toContain(secret);
      expect(ir, `the request IR holds ${secret}`).not.toContain(secret);
      for (const d of imported.diagnostics) expect(d.message, `${d.code} holds ${secret}`).not.toContain(secret);
      expect(frame, `the code frame holds ${secret}`).not.toContain(secret);
    }
  });
});
