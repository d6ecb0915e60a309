/**
 * `deluge import` end to end through the built binary (ten spawns): a command given as one argument, as arguments or piped in, a Windows
 * cmd paste on stdin written to `--out`, a command with other credentials (-u, an API key, cookies), and a command
 * that cannot be read. No credential of the commands appears on stdout, on stderr or in the written file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDeluge } from '../helpers/cli.js';

const TOKEN = '1000.c0ffee5ecret7oken0000aaaa.bbbb1111cccc2222dddd';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-import-cli-'));
});

describe('deluge import', () => {
  it('turns a command given as one argument into formatted Deluge, warnings with code frames on stderr', async () => {
    const command = `curl -k 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040&wf_trigger=true' -X DELETE -H 'Authorization: Zoho-oauthtoken ${TOKEN}'`;
    const run = await runDeluge(dir, ['import', command]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'response = invokeurl',
        '[',
        '    url : "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040&wf_trigger=true"',
        '    type : DELETE',
        '    connection : "zoho_oauth_connection"',
        '];',
        'info response;',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toContain('<command>:1:7: warning[DLG6106] -k/--insecure');
    expect(run.stderr).toMatch(/^1 \| curl -k /m);
    expect(run.stderr).toMatch(/^\s+\| {7}\^$/m);
    expect(run.stderr).toContain('Zoho-oauthtoken ******');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('takes the command as separate arguments after --, each as typed (a number-like body stays as written)', async () => {
    const run = await runDeluge(dir, ['import', '--', 'curl', 'https://api.example.com/rate?x=1', '-d', '1e3', '--data-raw', '0.50', '-H', "X-Note: it's", '-k']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('    parameters : "1e3&0.50"\n');
    expect(run.stdout).toContain('    headers : {"X-Note": "it\'s"}\n');
    // The code frame shows the words as typed, quoted only where bash needs it.
    expect(run.stderr).toContain(`1 | curl 'https://api.example.com/rate?x=1' -d 1e3 --data-raw 0.50 -H 'X-Note: it'\\''s' -k\n`);
  });

  it("reads a cmd paste from stdin ('-') and writes it with --out under the --connection name", async () => {
    const paste = [
      'curl ^"https://www.zohoapis.com/crm/v7/Leads^" ^',
      `  -H ^"Authorization: Zoho-oauthtoken ${TOKEN}^" ^`,
      '  -H ^"content-type: application/json^" ^',
      '  --data-raw ^"^{^\\^"data^\\^":^[^{^\\^"Last_Name^\\^":^\\^"Daly ^& Co^\\^"^}^]^}^"',
      '',
    ].join('\r\n');
    const run = await runDeluge(dir, ['import', '-', '--connection', 'crm_oauth_connection', '--out', 'lead.dg'], paste);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'lead.dg'), 'utf8')).toBe(
      [
        'body = {"data": [{"Last_Name": "Daly & Co"}]};',
        'response = invokeurl',
        '[',
        '    url : "https://www.zohoapis.com/crm/v7/Leads"',
        '    type : POST',
        '    headers : {"content-type": "application/json"}',
        '    parameters : body.toString()',
        '    connection : "crm_oauth_connection"',
        '];',
        'info response;',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('wrote lead.dg\n');
    expect(readFileSync(join(dir, 'lead.dg'), 'utf8') + run.stderr).not.toContain(TOKEN);
  });

  it('reads a command piped in with no argument, as with -; nothing piped is a usage error', async () => {
    const piped = await runDeluge(dir, ['import'], "curl -X DELETE 'https://www.zohoapis.com/crm/v7/Leads?ids=1,2'\n");
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('url : "https://www.zohoapis.com/crm/v7/Leads?ids=1,2"');
    const nothing = await runDeluge(dir, ['import'], '');
    expect([nothing.code, nothing.stdout]).toEqual([2, '']);
    expect(nothing.stderr).toContain('error[DLG0002] no curl command: give one as an argument, pipe one in, or use --file FILE');
  });

  it("--out '' (an unset variable) is a usage error, not the Deluge quietly written to stdout", async () => {
    const run = await runDeluge(dir, ['import', '--out', '', 'curl https://www.zohoapis.com/crm/v7/Leads']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', "deluge: error[DLG0002] --out '': name the file to write the Deluge to\nRun 'deluge --help' for usage.\n"]);
  });

  it("a file's name given as the command is a usage error that says to pass it with --file", async () => {
    writeFileSync(join(dir, 'request.sh'), "curl 'https://www.zohoapis.com/crm/v7/Leads?ids=1' -X DELETE\n");
    const run = await runDeluge(dir, ['import', 'request.sh']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', "deluge: error[DLG0002] 'request.sh' is a file, not a curl command: read the command from it with --file request.sh\nRun 'deluge --help' for usage.\n"]);
  });

  it('turns -u and an API key into connections and cookies into a placeholder, printing none of them', async () => {
    const secrets = ['Pa55-w0rd!', 'bot:Pa55-w0rd!', 'sk_live_51HxQ2eLkd9', 'c2Vzc2lvbi1zZWNyZXQ'];
    const command = `curl -u 'bot:Pa55-w0rd!' https://billing.example.com/v2/invoices -b 'sid=c2Vzc2lvbi1zZWNyZXQ' && curl -H 'X-Api-Key: sk_live_51HxQ2eLkd9' https://mail.example.com/v1/send -d to=ops`;
    const run = await runDeluge(dir, ['import', '--connection', 'billing', command]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('    connection : "billing"\n');
    expect(run.stdout).toContain('    headers : {"Cookie": "<cookie>"}\n');
    expect(run.stdout).toContain('    connection : "billing_2"\n');
    // Which connection to define, how, and with what type: never with the values.
    expect(run.stderr).toContain('<command>:1:9: warning[DLG6112] the Basic credentials of -u became connection "billing"');
    expect(run.stderr).toContain('"billing": { "type": "basic", "username": "${BILLING_USERNAME}", "password": "${BILLING_PASSWORD}" }');
    expect(run.stderr).toContain('"billing_2": { "type": "header", "header": "X-Api-Key", "value": "${BILLING_2_VALUE}" }');
    expect(run.stderr).toContain('placeholder "<cookie>"');
    // The code frames show the command with its credentials masked.
    const stars = (s: string): string => '*'.repeat(s.length);
    // (The whole of -u: APIs such as Freshdesk's and Stripe's take the key as the user name.)
    expect(run.stderr).toContain(`1 | curl -u '${stars('bot:Pa55-w0rd!')}' https://billing.example.com/v2/invoices -b '${stars('sid=c2Vzc2lvbi1zZWNyZXQ')}' && curl -H 'X-Api-Key: ${stars('sk_live_51HxQ2eLkd9')}' https`);
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('exits 1 with a code frame for a command it cannot read, and prints no Deluge', async () => {
    const run = await runDeluge(dir, ['import', `curl 'https://www.zohoapis.com/crm/v7/Leads -H "Authorization: Zoho-oauthtoken ${TOKEN}"`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('<command>:1:6: error[DLG6103] this single quote is never closed');
    expect(run.stderr).toMatch(/^\s+\|\s+\^$/m);
    expect(run.stderr).not.toContain(TOKEN.slice(5));
  });

  it('does not read a device named as a body file (reading /dev/zero never ended): a placeholder instead', async () => {
    const run = await runDeluge(dir, ['import', 'curl https://api.example.com/items -d @/dev/zero']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('parameters : "@/dev/zero"');
    expect(run.stderr).toContain("warning[DLG6115] curl reads the body from the file '/dev/zero', which was not read");
  });
});
