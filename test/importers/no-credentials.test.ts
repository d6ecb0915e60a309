import { describe, expect, it } from 'vitest';
import { importCurl, maskSecrets, parseCurl } from '../../src/importers/curl.js';
import { credentialsIn, curlInputs, readInputFile } from './curl-cases.js';

/**
 * Secrets are never printed: for every input of `curl/*.sh`, no credential written in the command — the token
 * after `Zoho-oauthtoken`/`Bearer`/another scheme, the Base64 of `Basic` and the password in it, `-u`'s
 * `user:password` and password, a password in the URL, `--oauth2-bearer`'s token, API-key header values, cookie
 * values, credential fields (`client_secret=`, `api_key=`, `"password": …`) — appears in the Deluge, in the request IR
 * (`parseCurl`), in a diagnostic's message, or in the command as a code frame shows it (`maskSecrets`).
 * The credentials are found with patterns of their own (./curl-cases.ts), not by the importer.
 */

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

  it('masks in the frame every field the Deluge turns into a placeholder, and the whole of -u (a key may be the user name)', () => {
    const fields = "curl 'https://x.example.com/a?session_token_v2=tok9f8e7d6c5' -d 'webhookSecret=whsec7a6b5c4d&signing_secret=sig3e2d1c0b9a'";
    const imported = importCurl(fields);
    for (const name of ['session_token_v2', 'webhookSecret', 'signing_secret']) expect(imported.value).toContain(`<${name}>`);
    const frame = maskSecrets(fields);
    for (const secret of ['tok9f8e7d6c5', 'whsec7a6b5c4d', 'sig3e2d1c0b9a']) expect(frame).not.toContain(secret);
    expect(frame).toHaveLength(fields.length);
    for (const command of ["curl -u abcdefghij1234567890:X 'https://domain.freshdesk.com/api/v2/tickets'", "curl -u 7f3c9a2b8d1e4f6a: https://api.example.com/v1/x", 'curl https://7f3c9a2b8d1e4f6a:@api.example.com/v1/x']) {
      expect(maskSecrets(command)).not.toMatch(/abcdefghij|7f3c9a2b/);
    }
  });

  it("quotes no shell variable's default in DLG6109: the default may be the credential itself", () => {
    const command = 'curl -H "Authorization: Bearer ${TOKEN:-s3cretDefault99}" "https://api.example.com/x?api_key=${KEY:=defaultKey777}" -d "password=${PW-hunter2hunter}"';
    const imported = importCurl(command);
    expect(imported.diagnostics.filter((d) => d.code === 'DLG6109')).toHaveLength(3);
    for (const secret of ['s3cretDefault99', 'defaultKey777', 'hunter2hunter']) {
      expect(imported.value).not.toContain(secret);
      for (const d of imported.diagnostics) expect(d.message, `${d.code} holds ${secret}`).not.toContain(secret);
    }
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
