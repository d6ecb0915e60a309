import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shownMessage } from '../../src/diagnostics/render.js';
import { format } from '../../src/format/index.js';
import { importCurl, parseCurl } from '../../src/importers/curl.js';
import { lint } from '../../src/linter/lint.js';
import { parse } from '../../src/syntax/parse.js';
import { curlInputs, readInputFile } from './curl-cases.js';

/**
 * The importer's inputs as data: each `curl/<name>.sh` (a browser's "Copy as cURL" for bash, cmd or PowerShell, a
 * Zoho docs sample, a Postman export, each option, tricky quoting) starts with `# expect:` — the codes of the
 * diagnostics it must give, in order of position (`none` for none) — and has its Deluge in `curl/<name>.dg`
 * (UPDATE_GOLDENS=1 rewrites them). Every golden parses with no diagnostic and is already formatted.
 */
const update = process.env['UPDATE_GOLDENS'] === '1';
const cases = curlInputs();

describe('deluge import: curl inputs → golden Deluge', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, input) => {
    const result = importCurl(input.command, { readFile: readInputFile });
    expect(result.diagnostics.map((d) => d.code), 'the diagnostics # expect: names').toEqual(input.expect);
    for (const d of result.diagnostics) {
      expect(d.span.start, `${d.code} points into the command`).toBeGreaterThanOrEqual(0);
      expect(d.span.end).toBeLessThanOrEqual(input.command.length);
    }
    const goldenUrl = new URL(`./curl/${input.name}.dg`, import.meta.url);
    if (update || !existsSync(goldenUrl)) writeFileSync(goldenUrl, result.value);
    expect(result.value).toBe(readFileSync(goldenUrl, 'utf8'));
    // What `deluge check` and `deluge fmt --check` would say of the golden: nothing; `deluge lint`: no credential of
    // the command written into the script (hardcoded-credential).
    expect(parse(result.value).diagnostics).toEqual([]);
    expect(format(result.value).value).toBe(result.value);
    expect(lint(`${input.name}.dg`, result.value).diagnostics.filter((d) => d.code === 'DLG5204')).toEqual([]);
    // A placeholder a message names is one the script holds (a Deluge text of it), not another.
    for (const d of result.diagnostics) {
      for (const named of d.message.matchAll(/placeholder "([^"]*)"/g)) expect(result.value, `${d.code}: ${d.message}`).toContain(JSON.stringify(named[1]));
    }
    // A Zoho token in the command never reaches the Deluge or a message.
    for (const token of input.command.matchAll(/Zoho-oauthtoken\s+(1000\.[\w.]+)/g)) {
      expect(result.value).not.toContain(token[1]);
      for (const d of result.diagnostics) expect(d.message).not.toContain(token[1]);
    }
  });

  // Last, so that UPDATE_GOLDENS=1 has written the goldens of new inputs first.
  it('has at least 30 inputs, each with a golden', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const goldens = readdirSync(new URL('./curl/', import.meta.url)).filter((n) => n.endsWith('.dg'));
    expect(goldens.sort()).toEqual(cases.map((c) => `${c.name}.dg`).sort());
  });
});

describe('a user name without a password', () => {
  it('-u makes curl ask for the password; the URL\'s user info sends an empty one', () => {
    const note = (command: string) => importCurl(command).diagnostics.find((d) => d.code === 'DLG6112')?.message;
    expect(note('curl -u bob https://api.example.com/a')).toContain('no password was given: curl would ask for one');
    expect(note('curl https://bob@api.example.com/a')).toContain('no password was given: curl sends an empty one');
  });
});

describe('the connection a token request stands for', () => {
  it("names the settings to write, none of them masked as the message is shown (a setting's name is no secret)", () => {
    const command = 'curl "https://accounts.zoho.com/oauth/v2/token" -X POST -d "grant_type=authorization_code&client_id=1000.ABCDEFGHIJ&client_secret=abcdef0123456789&code=1000.aaaa.bbbb"';
    const message = importCurl(command).diagnostics.find((d) => d.code === 'DLG6112')!.message;
    expect(shownMessage(message)).toContain('{ "clientId": …, "clientSecret": …, "refreshToken": …, "type": "zoho-oauth" }');
  });
});

describe('parseCurl: the requests curl sends', () => {
  it('gives the body of -T no content type, as curl sends none (the Deluge names one, with DLG6133)', () => {
    const [request] = parseCurl('curl -T word.txt https://storage.example.com/bucket/', { readFile: readInputFile }).value;
    expect(request?.body).toEqual({ kind: 'raw', text: 'hello wörld & more\n', contentType: '' });
  });
});
