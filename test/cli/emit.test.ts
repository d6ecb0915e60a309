/**
 * `deluge emit --to curl` end to end through the real binary (five spawns): the output on stdout or in `--out`,
 * warnings with codes and code frames on stderr, exit codes 0 (output produced, warnings or not), 1 (syntax
 * errors) and 2 (usage). What the commands send is proven in test/emitters/curl-execute.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeluge } from '../helpers/cli.js';

let dir: string;
const deluge = (args: string[], stdin?: string) => runDeluge(dir, args, stdin);
const pasted = readFileSync(new URL('../../examples/delete-records-docs-pasted.dg', import.meta.url), 'utf8');
/** A credential written in a script: it must never be copied into an output. */
const TOKEN = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-emit-'));
  writeFileSync(
    join(dir, 'sync.dg'),
    [
      `token = "${TOKEN}";`,
      '',
      '',
      'lead = zoho.crm.getRecordById("Leads", 410405000002264040, {}, "crm");',
      'r = invokeurl',
      '[',
      '\turl: "https://www.zohoapis.eu/crm/v7/Leads/search?email=" + encodeUrl(lead.get("Email"))',
      '\ttype: GET',
      '\theaders: {"Authorization": "Zoho-oauthtoken " + token}',
      '];',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'broken.dg'), 'r = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/org",\n\ttype: GET\n];\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deluge emit --to curl', () => {
  it('converts a docs sample pasted with its artefacts, from stdin, without --docs', async () => {
    const r = await deluge(['emit', '-', '--to', 'curl'], pasted);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        "curl 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true' \\",
        '  -X DELETE \\',
        '  -H "Authorization: Zoho-oauthtoken $ZOHO_OAUTH_TOKEN"',
      ].join('\n'),
    );
  });

  it('--out writes the file; warnings go to stderr with codes and code frames; no credential is copied', async () => {
    const r = await deluge(['emit', 'sync.dg', '--to', 'curl', '--shell', 'powershell', '--base-url', 'http://127.0.0.1:8080', '--out', 'out/sync.ps1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = readFileSync(join(dir, 'out', 'sync.ps1'), 'utf8');
    expect(written).toContain('curl.exe "http://127.0.0.1:8080/crm/v7/Leads/search?email=$env:RESPONSE_1_EMAIL" `');
    expect(written).toContain('-H "Authorization: Zoho-oauthtoken $env:AUTHORIZATION"');
    expect(r.stderr).toMatch(/^sync\.dg:5:5: warning\[DLG6001\] request 2 \(invokeurl\) uses what only a live run has: \$RESPONSE_1_EMAIL/m);
    expect(r.stderr).toContain('5 | r = invokeurl\n  |     ^^^^^^^^^');
    expect(r.stderr).toMatch(/warning\[DLG6010\]/);
    for (const text of [written, r.stderr]) expect(text).not.toContain(TOKEN.slice(5));
  });

  it('exits 1 with the syntax errors and a code frame, and prints nothing', async () => {
    const r = await deluge(['emit', 'broken.dg', '--to', 'curl']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.dg:3:\d+: error\[DLG2008\] /m);
    expect(r.stderr).toMatch(/^3 \| \s*url: "https:\/\/www\.zohoapis\.com\/crm\/v7\/org",\n  \| +\^$/m);
  });

  it('exits 2 on an unknown target, naming the ones there are', async () => {
    const r = await deluge(['emit', 'sync.dg', '--to', 'cobol']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[DLG0002\] --to: unknown target 'cobol'; use one of: curl/);
  });

  it('--to ts takes one script at a time: two standalone programs joined in one file would neither type-check nor run', async () => {
    const r = await deluge(['emit', 'sync.dg', 'sync.dg', '--to', 'ts', '--out', 'both.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[DLG0002] --to ts: one script at a time');
    expect(existsSync(join(dir, 'both.ts'))).toBe(false);
  });
});
