/**
 * The http rules (HTTP and security): every rule's documented examples (each invalid one reported, no valid one),
 * its fixture with exact positions, its code in the registry, its fixes, the runner's key list, and the scripts in
 * examples/ (no error, and only the warnings listed here).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { invokeUrlRequest } from '../../src/http/invokeurl.js';
import { lint } from '../../src/linter/lint.js';
import type { Rule } from '../../src/linter/rule.js';
import { INVOKEURL_KEYS } from '../../src/linter/rules/_http-helpers.js';
import { HTTP_RULES } from '../../src/linter/rules/_http.js';
import { MapValue } from '../../src/runtime/values.js';
import { describeDiagnostic, expectations, located } from '../helpers/fixtures.js';

const byId = new Map(HTTP_RULES.map((rule) => [rule.meta.id, rule]));

function rule(id: string): Rule {
  const found = byId.get(id);
  if (!found) throw new Error(`no http rule '${id}'`);
  return found;
}

/** The rule's own diagnostics on a text, after checking that the text parsed (rules only see whole trees). */
function run(r: Rule, text: string): Diagnostic[] {
  const result = lint('example.dg', text, { only: [r] });
  expect(result.program, `does not parse:\n${text}\n${result.diagnostics.map((d) => describeDiagnostic(d, text)).join('\n')}`).toBeDefined();
  return result.diagnostics.filter((d) => d.code === r.meta.code);
}

function applyFix(text: string, d: Diagnostic): string {
  if (!d.fix) throw new Error(`no fix: ${d.message}`);
  return text.slice(0, d.fix.span.start) + d.fix.text + text.slice(d.fix.span.end);
}

describe('http rules: metadata', () => {
  it('has at least nine rules, each once', () => {
    expect(HTTP_RULES.length).toBeGreaterThanOrEqual(9);
    expect(byId.size).toBe(HTTP_RULES.length);
  });

  it.each(HTTP_RULES.map((r) => [r.meta.id, r] as const))('%s: file, code, docs', (id, r) => {
    expect(existsSync(new URL(`../../src/linter/rules/${id}.ts`, import.meta.url))).toBe(true);
    const number = Number(r.meta.code.slice(3));
    expect(number).toBeGreaterThanOrEqual(5200);
    expect(number).toBeLessThanOrEqual(5219);
    expect(CODES[r.meta.code]).toEqual({ name: id, severity: r.meta.severity, summary: r.meta.summary });
    expect(r.meta.docs.invalid.length).toBeGreaterThanOrEqual(2);
    expect(r.meta.docs.valid.length).toBeGreaterThanOrEqual(2);
    expect(r.meta.docs.what.length).toBeGreaterThan(0);
    expect(r.meta.docs.why.length).toBeGreaterThan(0);
  });
});

describe.each(HTTP_RULES.map((r) => [r.meta.id, r] as const))('%s', (_id, r) => {
  it.each(r.meta.docs.invalid.map((text, i) => [i, text] as const))('reports invalid example %i', (_i, text) => {
    expect(run(r, text).length).toBeGreaterThanOrEqual(1);
  });

  it.each(r.meta.docs.valid.map((text, i) => [i, text] as const))('accepts valid example %i', (_i, text) => {
    expect(run(r, text).map((d) => describeDiagnostic(d, text))).toEqual([]);
  });

  it('reports exactly what its fixture expects', () => {
    const text = readFileSync(new URL(`fixtures/${r.meta.id}.dg`, import.meta.url), 'utf8');
    const want = expectations(text);
    expect(want.length).toBeGreaterThanOrEqual(2);
    expect(run(r, text).map((d) => located(d, text))).toEqual(want);
  });

  it('has a fix on a diagnostic only when it says it is fixable', () => {
    const text = readFileSync(new URL(`fixtures/${r.meta.id}.dg`, import.meta.url), 'utf8');
    const fixes = run(r, text).filter((d) => d.fix);
    if (!r.meta.fixable) expect(fixes).toEqual([]);
    else expect(fixes.length).toBeGreaterThan(0);
  });
});

describe('http rules: suggested fixes', () => {
  it('invokeurl-invalid-type offers the closest method, and the fixed text passes', () => {
    const r = rule('invokeurl-invalid-type');
    const text = 'r = invokeurl\n[\n\turl: "https://api.example.com/a"\n\ttype: DELTE\n];\ns = invokeurl\n[\n\turl: "https://api.example.com/b"\n\ttype: "Pots"\n];';
    const found = run(r, text);
    expect(found.map((d) => d.fix?.text)).toEqual(['DELETE', '"POST"']);
    const fixed = found.reduceRight((t, d) => applyFix(t, d), text);
    expect(fixed).toContain('type: DELETE');
    expect(fixed).toContain('type: "POST"');
    expect(run(r, fixed)).toEqual([]);
  });

  it('invokeurl-invalid-type has no suggestion for a word far from every method', () => {
    const found = run(rule('invokeurl-invalid-type'), 'r = invokeurl\n[\n\turl: "https://api.example.com/a"\n\ttype: OPTIONS\n];');
    expect(found).toHaveLength(1);
    expect(found[0]!.fix).toBeUndefined();
  });

  it.each([
    ['header', 'headers'],
    ['contentType', 'content-type'],
    ['content_type', 'content-type'],
    ['Paramters', 'parameters'],
    ['method', 'type'],
    ['responseFormat', 'response-format'],
  ])('invokeurl-unknown-key: %s → %s', (written, meant) => {
    const text = `r = invokeurl\n[\n\turl: "https://api.example.com/a"\n\t${written}: x\n];`;
    const [d] = run(rule('invokeurl-unknown-key'), text);
    expect(d?.message).toContain(`did you mean '${meant}'`);
    expect(applyFix(text, d!)).toContain(`\t${meant}: x`);
  });

  it('insecure-http-with-credentials switches the literal to https', () => {
    const r = rule('insecure-http-with-credentials');
    const text = 'r = invokeurl\n[\n\turl: "HTTP://api.example.com/a"\n\tconnection: "c"\n];';
    const [d] = run(r, text);
    const fixed = applyFix(text, d!);
    expect(fixed).toContain('url: "https://api.example.com/a"');
    expect(run(r, fixed)).toEqual([]);
  });
});

describe('http rules: behaviour details', () => {
  it('a bare word that names a variable is not judged as a type or detailed value', () => {
    const text = 'type = "POST";\nyes = true;\nr = invokeurl\n[\n\turl: "https://api.example.com/a"\n\ttype: type\n\tdetailed: yes\n];';
    expect(run(rule('invokeurl-invalid-type'), text)).toEqual([]);
    expect(run(rule('invokeurl-invalid-value'), text)).toEqual([]);
  });

  it('follows a URL through a variable assigned once, but not one assigned twice', () => {
    const r = rule('zoho-api-without-connection');
    const once = 'base = "https://www.zohoapis.com/crm/v7";\nr = invokeurl\n[\n\turl: base + "/Leads"\n\ttype: GET\n];';
    const twice = 'base = "https://www.zohoapis.com/crm/v7";\nif (eu)\n{\n\tbase = "https://api.example.eu";\n}\nr = invokeurl\n[\n\turl: base + "/Leads"\n\ttype: GET\n];';
    expect(run(r, once)).toHaveLength(1);
    expect(run(r, twice)).toEqual([]);
  });

  it('response-unchecked looks at each function on its own', () => {
    const text = [
      'string standalone.a(String id)',
      '{',
      '\tr = zoho.crm.getRecordById("Leads", id.toLong());',
      '\tif (r.get("id") == null)',
      '\t{',
      '\t\treturn "";',
      '\t}',
      '\treturn r.get("Email");',
      '}',
      'string standalone.b(String id)',
      '{',
      '\tr = zoho.crm.getRecordById("Leads", id.toLong());',
      '\treturn r.get("Email");',
      '}',
    ].join('\n');
    expect(run(rule('response-unchecked'), text).map((d) => located(d, text))).toEqual(['DLG5207 13:9']);
  });

  it('response-unchecked counts a check of each entry of a for each over the answer', () => {
    const text =
      'resp = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: POST\n\tparameters: body.toString()\n\tconnection: "crm"\n];\n' +
      'for each rec in resp.get("data")\n{\n\tif (rec.get("code") == "SUCCESS")\n\t{\n\t\tinfo rec.get("details").get("id");\n\t}\n}';
    expect(run(rule('response-unchecked'), text)).toEqual([]);
  });

  it('response-unchecked advises isEmpty() for the tasks that answer a list (get("status") on a list is an error)', () => {
    const listed = run(rule('response-unchecked'), 'leads = zoho.crm.searchRecords("Leads", "(Email:equals:a@b.com)");\ninfo leads.get(0).get("id");');
    expect(listed.map((d) => d.message)).toEqual([
      `'leads' (the list zoho.crm.searchRecords answered on line 1) is read without checking that it holds anything; it is empty when nothing matched, so test leads.isEmpty() (or size()) first.`,
    ]);
    const single = run(rule('response-unchecked'), 'lead = zoho.crm.getRecordById("Leads", 1);\ninfo lead.get("Email");');
    expect(single.map((d) => d.message)).toEqual([expect.stringContaining('so test lead.get("status") or "code" first')]);
  });

  it("response-unchecked does not advise get(\"status\") for another API than Zoho's: its error answers are its own", () => {
    const request = (url: string) => `sheet = invokeurl\n[\n\turl: "${url}"\n\ttype: GET\n\tconnection: "google"\n];\ninfo sheet.get("sheets");`;
    const google = run(rule('response-unchecked'), request('https://sheets.googleapis.com/v4/spreadsheets/abc'));
    expect(google.map((d) => d.message)).toEqual([
      `'sheet' (the answer of invokeurl on line 1) is read without any check for an error; invokeurl hands back the body of an error answer (4xx, 5xx) instead of throwing, so test what this API puts in one first, or add 'detailed: true' and test sheet.get("responseCode").`,
    ]);
    for (const zoho of ['https://www.zohoapis.eu/crm/v7/Leads', 'https://desk.zoho.com/api/v1/tickets', 'https://www.zohoapis.com/billing/v1/plans']) {
      expect(run(rule('response-unchecked'), request(zoho)).map((d) => d.message)).toEqual([expect.stringContaining('so test sheet.get("status") or "code" first')]);
    }
  });

  it('never prints the credential it found', () => {
    const text = readFileSync(new URL('fixtures/hardcoded-credential.dg', import.meta.url), 'utf8');
    for (const d of run(rule('hardcoded-credential'), text)) {
      expect(d.message).not.toMatch(/1000\.8cb|eyJhbGci|sk_live|9f8e7d6c|1003\.5c2e|a1b2c3d4/);
    }
  });

  it("the key list is the runner's", () => {
    let message = '';
    try {
      invokeUrlRequest(new MapValue(new Map([['not-a-key', 'x']])));
    } catch (error) {
      message = (error as Error).message;
    }
    const taken = /it takes (.*)$/.exec(message)?.[1]?.split(', ');
    expect(taken).toEqual([...INVOKEURL_KEYS]);
  });
});

describe('http rules on examples/', () => {
  const dir = new URL('../../examples/', import.meta.url);
  const examples = readdirSync(dir)
    .filter((name) => name.endsWith('.dg'))
    .sort();

  /** The warnings the examples deserve: the legacy example is about the deprecated functions. */
  const EXPECTED_WARNINGS = [
    'legacy-geturl-posturl.dg 10:10 deprecated-geturl-posturl',
    'legacy-geturl-posturl.dg 14:12 deprecated-geturl-posturl',
    'legacy-geturl-posturl.dg 24:13 deprecated-geturl-posturl',
    'legacy-geturl-posturl.dg 30:11 deprecated-geturl-posturl',
  ];

  it('give no errors and only the expected warnings', () => {
    const found: string[] = [];
    for (const name of examples) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      const result = lint(name, text, { only: HTTP_RULES });
      expect(result.program, name).toBeDefined();
      for (const d of result.diagnostics) {
        expect(d.severity, `${name}: ${describeDiagnostic(d, text)}`).toBe('warning');
        found.push(`${name} ${located(d, text).split(' ')[1]} ${d.ruleId}`);
      }
    }
    expect(found).toEqual(EXPECTED_WARNINGS);
  });
});
