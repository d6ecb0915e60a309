import { describe, expect, it } from 'vitest';
import { EMITTERS, findEmitter } from '../../src/emitters/registry.js';
import { recordRequests, rewriteZohoHost } from '../../src/emitters/record.js';
import { SourceFile } from '../../src/source/source-file.js';

/**
 * The shared emit infrastructure: the registry of targets and the recording run every converter builds on —
 * requests built with the runner's own IR builders, responses as placeholders (never invented data), and a
 * DLG60xx warning for everything that cannot be recorded.
 */
describe('emitter registry', () => {
  it('finds emitters by id and alias, in any case, and nothing else', () => {
    expect(findEmitter('curl')?.id).toBe('curl');
    expect(findEmitter(' CURL ')?.id).toBe('curl');
    expect(findEmitter('cobol')).toBeUndefined();
    for (const e of EMITTERS) for (const alias of e.aliases) expect(findEmitter(alias)).toBe(e);
    expect(new Set(EMITTERS.flatMap((e) => [e.id, ...e.aliases])).size).toBe(EMITTERS.flatMap((e) => [e.id, ...e.aliases]).length);
  });
});

const lineOf = (text: string, offset: number): number => new SourceFile('x', text).position(offset).line;

describe('recordRequests', () => {
  it('resolves URLs built with +, maps filled with put and loops over ids, and sends nothing', async () => {
    const text = [
      'base = "https://www.zohoapis.com/crm/v7/";',
      'm = Map();',
      'm.put("fields", "Last_Name,Email");',
      'for each id in {410405000002264040, 410405000002264025}',
      '{',
      '  r = invokeurl [ url: base + "Leads/" + id type: GET parameters: m connection: "crm" ];',
      '}',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(diagnostics).toEqual([]);
    expect(value.requests.map((r) => [r.index, r.method, r.url, r.line, r.connection])).toEqual([
      [1, 'GET', 'https://www.zohoapis.com/crm/v7/Leads/410405000002264040?fields=Last_Name%2CEmail', 6, 'crm'],
      [2, 'GET', 'https://www.zohoapis.com/crm/v7/Leads/410405000002264025?fields=Last_Name%2CEmail', 6, 'crm'],
    ]);
    expect(value.connections).toEqual(['crm']);
    expect(value.completed).toBe(true);
  });

  it('answers with placeholders, never invented data: maps whose keys read as named placeholders', async () => {
    const text = [
      'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads" type: GET ];',
      'first = r.get("data").get(0);',
      'info first.get("id");',
      'info "owner: " + first.get("Owner").get("name");',
      'info r.get("data").get(0).get("Email").toLowerCase();',
      'info r.containKey("data");',
    ].join('\n');
    const { value } = await recordRequests(text);
    // (`toLowerCase` ran on a placeholder: its result is a derived value, not the Email placeholder in lower case.)
    expect(value.info).toEqual(['{{response1.data.0.id}}', 'owner: {{response1.data.0.Owner.name}}', '{{derived1}}', 'true']);
    expect(value.placeholders.lookup('{{derived1}}')).toMatchObject({ variable: 'RESPONSE_1_DATA_0_EMAIL_TO_LOWER_CASE' });
    // `Owner` was first read as text; `.get("name")` on it made the recorder correct it to a map and run again.
    expect(value.completed).toBe(true);
  });

  it('a text function on a placeholder gives a derived value, never the function applied to the token', async () => {
    // On the tokens themselves, getSuffix("@") was null, left(1) "{", replaceAll "1", toUpperCase the token in capitals
    // (found again as the Email placeholder): each went into the requests unseen.
    const text = [
      'contact = zoho.crm.getRecordById("Contacts", 1);',
      'domain = contact.get("Email").getSuffix("@");',
      'phone = contact.get("Phone").replaceAll("[^0-9]", "");',
      'accounts = zoho.crm.searchRecords("Accounts", "(Website:equals:" + domain + ")");',
      'body = {"Phone": phone, "Initials": contact.get("First_Name").left(1), "Upper": contact.get("Email").toUpperCase(),',
      '  "Name": contact.get("Last_Name").toString(), "Query": encodeUrl(contact.get("Last_Name")), "Again": contact.get("Email").getSuffix("@")};',
      'update = zoho.crm.updateRecord("Contacts", 1, body);',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(value.completed).toBe(true);
    const [, search, update] = value.requests;
    expect(search!.url).toContain('criteria=(Website%3Aequals%3A%7B%7Bderived1%7D%7D)');
    const body = update!.body;
    expect(JSON.parse(body?.kind === 'raw' ? body.text : '')).toEqual({
      data: [
        {
          Phone: '{{derived2}}',
          Initials: '{{derived3}}',
          Upper: '{{derived4}}',
          // toString keeps the placeholder; encodeUrl keeps it too, encoded (the emitter says to URL-encode it).
          Name: '{{response1.Last_Name}}',
          Query: '%7B%7Bresponse1.Last_Name%7D%7D',
          // The same expression is the same value.
          Again: '{{derived1}}',
        },
      ],
      trigger: ['approval', 'blueprint'],
    });
    expect(update!.placeholders.map((p) => [p.variable, p.description])).toEqual([
      ['RESPONSE_1_PHONE_REPLACE_ALL', '$RESPONSE_1_PHONE.replaceAll("[^0-9]", ""), where $RESPONSE_1_PHONE is Phone of the response to request 1 (zoho.crm.getRecordById at line 1)'],
      ['RESPONSE_1_FIRST_NAME_LEFT', '$RESPONSE_1_FIRST_NAME.left(1), where $RESPONSE_1_FIRST_NAME is First_Name of the response to request 1 (zoho.crm.getRecordById at line 1)'],
      ['RESPONSE_1_EMAIL_TO_UPPER_CASE', '$RESPONSE_1_EMAIL.toUpperCase(), where $RESPONSE_1_EMAIL is Email of the response to request 1 (zoho.crm.getRecordById at line 1)'],
      ['RESPONSE_1_LAST_NAME', 'Last_Name of the response to request 1 (zoho.crm.getRecordById at line 1)'],
      ['RESPONSE_1_EMAIL_GET_SUFFIX', '$RESPONSE_1_EMAIL.getSuffix("@"), where $RESPONSE_1_EMAIL is Email of the response to request 1 (zoho.crm.getRecordById at line 1)'],
    ]);
    expect(diagnostics.filter((d) => d.code === 'DLG6001').map((d) => d.message)).toEqual([
      expect.stringContaining('request 2 (zoho.crm.searchRecords) uses what only a live run has: $RESPONSE_1_EMAIL_GET_SUFFIX, $RESPONSE_1_EMAIL.getSuffix("@")'),
      expect.stringContaining('request 3 (zoho.crm.updateRecord) uses what only a live run has: $RESPONSE_1_PHONE_REPLACE_ALL'),
    ]);
  });

  it("stops where a response's map the script changed is sent: no command can send it (it went as invalid JSON)", async () => {
    const text = [
      'resp = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/1" type: GET connection: "crm" ];',
      'rec = resp.get("data").get(0);',
      'rec.put("Lead_Status", "Contacted");',
      'update = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/1" type: PUT parameters: {"data": [rec]}.toString() connection: "crm" ];',
      'kept = resp.get("data").get(0);',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(value.requests).toHaveLength(1);
    expect(value.completed).toBe(false);
    expect(value.stoppedAtLine).toBe(4);
    expect(diagnostics.find((d) => d.code === 'DLG6002')?.message).toContain(
      'invokeurl: it sends {{response1.data.0}}, data[0] of the response to request 1 (invokeurl at line 1), which the script changed (put, remove)',
    );
    // A response's map changed but not sent stops nothing.
    const unsent = await recordRequests(text.replace(/update = .*\n/, 'info rec;\n'));
    expect(unsent.value.completed).toBe(true);
  });

  it('a function of a derived value is described from the response: $X.trim().toLowerCase()', async () => {
    const text = ['r = zoho.crm.getRecordById("Contacts", 1);', 'zoho.crm.searchRecords("Contacts", "(Email:equals:" + r.get("Email").trim().toLowerCase() + ")");'].join('\n');
    const { value } = await recordRequests(text);
    expect(value.requests[1]!.placeholders.map((p) => [p.variable, p.description])).toEqual([
      ['RESPONSE_1_EMAIL_TRIM_TO_LOWER_CASE', '$RESPONSE_1_EMAIL.trim().toLowerCase(), where $RESPONSE_1_EMAIL is Email of the response to request 1 (zoho.crm.getRecordById at line 1)'],
    ]);
  });

  it('containKey and notContains on a response read no key: a later guess is not blamed on them', async () => {
    // `owner` is guessed as text, and `.get("id")` on it makes the recorder correct the key read last: `Owner`, not
    // the `Email` that containKey asked about (which once dropped the DELETE after it).
    const text = [
      'resp = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/1" type: GET ];',
      'owner = resp.get("Owner");',
      'x = resp.containKey("Email");',
      'y = resp.notContains("Phone");',
      'r2 = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + owner.get("id") type: DELETE ];',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(value.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://www.zohoapis.com/crm/v7/Leads/1', 'DELETE https://www.zohoapis.com/crm/v7/Leads?ids={{response1.Owner.id}}']);
    expect(value.completed).toBe(true);
    expect(diagnostics.find((d) => d.code === 'DLG6011')?.message).toContain('reads Owner, Owner.id of this response');
  });

  it('stops where the script cannot go on without a live value, names the line, and keeps what it recorded', async () => {
    const text = [
      'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads" type: GET ];',
      'n = r.get("info").get("count").toLong() + 1;',
      'r2 = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?page=" + n type: GET ];',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(value.requests).toHaveLength(1);
    const stop = diagnostics.find((d) => d.code === 'DLG6002');
    expect(stop?.severity).toBe('warning');
    expect(lineOf(text, stop!.span.start)).toBe(2);
    expect(stop?.message).toContain('{{response1.info.count}}, info.count of the response to request 1 (invokeurl at line 1)');
  });

  it('a loop over a live response stops the recording there, saying the loop depends on it', async () => {
    const text = [
      'leads = zoho.crm.getRecords("Leads", 1, 200);',
      'for each lead in leads',
      '{',
      '\tr = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/" + lead.get("id") type: DELETE ];',
      '}',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(value.requests).toHaveLength(1);
    const stop = diagnostics.find((d) => d.code === 'DLG6002');
    expect(lineOf(text, stop!.span.start)).toBe(2);
    expect(stop?.message).toBe(
      'this loop goes over {{response1}}, the response to request 1 (zoho.crm.getRecords at line 1): how many times it runs ' +
        'depends on a live response, so the requests after line 2 are not converted',
    );
  });

  it('a DELETE after a decision on a response is not converted: a command for it would delete on a guess', async () => {
    const del = (id: string) => `invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=${id}" type: DELETE connection: "crm" ];`;
    const text = [
      `r1 = ${del('410405000002264040')}`,
      'status = r1.get("data").get(0).get("status");',
      'if(status != "success")',
      '{',
      `\tr2 = ${del('410405000002264025')}`,
      '}',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(value.requests.map((r) => r.url)).toEqual(['https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040']);
    expect(value.stoppedAtLine).toBe(5);
    const stop = diagnostics.find((d) => d.code === 'DLG6002');
    expect(lineOf(text, stop!.span.start)).toBe(5);
    expect(stop?.message).toMatch(/^this DELETE comes after the script decided at line 3 on \{\{response1\.data\.0\.status\}\}, data\[0\]\.status of the response/);
    // Read in the condition itself, the same; a decision on the script's own values, or a GET after a guess, stops nothing.
    const inCondition = await recordRequests(text.replace('if(status', 'if(r1.get("data").get(0).get("status")'));
    expect(inCondition.value.requests).toHaveLength(1);
    const own = await recordRequests(text.replace('if(status != "success")', 'if(1 < 2)'));
    expect(own.value.requests).toHaveLength(2);
    const get = await recordRequests(text.replace(/r2 = .*/, 'r2 = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/1" type: GET ];'));
    expect(get.value.requests).toHaveLength(2);
  });

  it('a DELETE shaped by what a builtin decided by a response\'s value (a size, a position, a lookup, an order, a choice by null) is not converted', async () => {
    const get = 'rec = zoho.crm.getRecordById("Leads", 410405000002264040);';
    const search = 'recs = zoho.crm.searchRecords("Leads", "(Company:equals:Zylker)");';
    const del = (url: string) => `r = invokeurl [ url: ${url} type: DELETE connection: "crm" ];`;
    const base = '"https://www.zohoapis.com/crm/v7/Leads?ids=" + ';
    const ids = 'ids = {"410405000002264040", "410405000002264025", "410405000002264077"};';
    const cases: [string, string][] = [
      // The helpers' cases of a live run deleting other records than the command would.
      [[search, ids, del(`${base}ids.subList(recs.size())`)].join('\n'), 'size'],
      [[search, 'n = recs.size();', ids, del(`${base}ids.subList(0, n)`)].join('\n'), 'size'],
      [[get, 'byCountry = {"Germany": "410405000002264025"};', `target = ifnull(byCountry.get(rec.get("Country")), "410405000002264052");`, del(`${base}target`)].join('\n'), 'get'],
      [[get, 'target = ifnull(rec.get("No_Such_Field"), "410405000002264025");', del(`${base}target`)].join('\n'), 'ifnull'],
      [[get, ids, 'pos = {"Contacted", "New"}.indexOf(rec.get("Lead_Status"));', del(`${base}ids.get(pos + 1)`)].join('\n'), 'indexOf'],
      [[get, 'emails = List();', 'emails.add(rec.get("Email"));', 'emails.add(rec.get("Secondary_Email"));', ids, del(`${base}ids.subList(0, emails.distinct().size())`)].join('\n'), 'distinct'],
      [[get, 'clean = List();', 'clean.add(rec.get("Phone"));', 'clean.removeElement(null);', ids, del(`${base}ids.subList(0, clean.size() + 1)`)].join('\n'), 'removeElement'],
      [[get, 'm = ifnull({"Contacted": "GET"}.get(rec.get("Lead_Status")), "DELETE");', 'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/410405000002264052" type: m connection: "crm" ];'].join('\n'), 'get'],
    ];
    for (const [text, how] of cases) {
      const { value, diagnostics } = await recordRequests(text);
      expect(value.requests.map((r) => r.method), text).toEqual(['GET']);
      expect(diagnostics.find((d) => d.code === 'DLG6002')?.message, text).toMatch(new RegExp(`^this DELETE comes after the script decided on .* \\(with ${how}\\(…\\)\\)`));
    }
    // What is only shown, or only read, stored and joined, decides nothing: the DELETE is converted.
    for (const text of [
      [search, 'info "found: " + recs.isEmpty() + " " + recs.size();', del(`${base}"410405000002264040"`)].join('\n'),
      [get, 'body = Map();', 'body.put("Email", rec.get("Email"));', 'info body.toString();', del(`${base}rec.get("id")`)].join('\n'),
    ]) {
      const { value, diagnostics } = await recordRequests(text);
      expect(value.requests.map((r) => r.method), text).toEqual(['GET', 'DELETE']);
      expect(diagnostics.filter((d) => d.code === 'DLG6002'), text).toEqual([]);
    }
  });

  it('a zoho.crm task Zoho has none of stops the recording there, as it stops deluge run: no command for what follows', async () => {
    const after = 'r2 = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=1" type: DELETE connection: "crm" ];';
    for (const [call, said] of [
      ['zoho.crm.creatRecord("Leads", {"Last_Name": "x"})', "did you mean 'zoho.crm.createRecord'?"],
      ['zoho.crm.deleteRecord("Leads", 999)', "Zoho has no 'zoho.crm.deleteRecord' task"],
    ]) {
      const { value, diagnostics } = await recordRequests(`r = ${call};\n${after}\n`);
      expect(value.requests).toEqual([]);
      expect(value.stoppedAtLine).toBe(1);
      expect(diagnostics.find((d) => d.code === 'DLG6005')?.message).toContain(said);
    }
  });

  it("says, as deluge run does, that a parameter given no argument was null in the requests converted (DLG6013)", async () => {
    const text = 'void f(string id)\n{\n\tr = invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads/" + id type: GET connection: "crm" ];\n}\n';
    const without = await recordRequests(text);
    expect(without.value.requests.map((r) => r.url)).toEqual(['https://www.zohoapis.com/crm/v7/Leads/']);
    expect(without.diagnostics.find((d) => d.code === 'DLG6013')?.message).toBe(
      'no argument was given for the parameter id: it was null (give it with --arg id=…): the requests were converted with that null (an empty text where it is joined into one)',
    );
    const given = await recordRequests(text, { args: { id: '410405000002264040' } });
    expect(given.diagnostics.map((d) => d.code)).not.toContain('DLG6013');
  });

  it('warns about tasks with no request form and about Creator statements, and keeps going where it can', async () => {
    const text = [
      'x = zoho.books.getRecords("Invoices", "1");',
      'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/org" type: GET ];',
      'alert "Creator only";',
      'r2 = invokeurl [ url: "https://www.zohoapis.com/crm/v7/users" type: GET ];',
    ].join('\n');
    const { value, diagnostics } = await recordRequests(text);
    expect(value.requests.map((r) => r.url)).toEqual(['https://www.zohoapis.com/crm/v7/org']);
    expect(diagnostics.map((d) => [d.code, lineOf(text, d.span.start)])).toEqual([
      ['DLG6003', 1],
      ['DLG6004', 3],
    ]);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('reports a script error that has nothing to do with a response as one', async () => {
    const { diagnostics } = await recordRequests('r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/org" type: GET ];\nx = 1 / 0;\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['DLG6005']);
  });

  it('a bad literal URL after a response is the script\'s own error (DLG6005), one made of the response is DLG6002', async () => {
    const first = 'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/org" type: GET ];\n';
    const literal = await recordRequests(`${first}b = invokeurl [ url: "not a url" type: GET ];\n`);
    expect(literal.diagnostics.map((d) => d.code)).toEqual(['DLG6005']);
    const fromResponse = await recordRequests(`${first}b = invokeurl [ url: r.get("next") type: GET ];\n`);
    expect(fromResponse.diagnostics.map((d) => d.code)).toContain('DLG6002');
  });

  it('where a function without its arguments stops, the warning names the parameters it got null for', async () => {
    const fn = 'void automation.touch(Int leadId)\n{\n\tlead = zoho.crm.getRecordById("Leads", leadId);\n\tinfo lead;\n}\n';
    const { diagnostics } = await recordRequests(fn);
    expect(diagnostics.map((d) => d.code)).toEqual(['DLG6009', 'DLG6005']);
    expect(diagnostics[1]!.message).toMatch(/; no argument was given for the parameter leadId: it was null \(give it with --arg leadId=…\)$/);
    // Given, the function records its request and nothing is said.
    const given = await recordRequests(fn, { args: { leadId: '410405000002264040' } });
    expect(given.diagnostics).toEqual([]);
  });

  it('gives syntax errors as errors and records nothing', async () => {
    const { value, diagnostics } = await recordRequests('info "x"\ninfo "y";\n');
    expect(value.requests).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['DLG2001', 'error']]);
  });

  it('runs a function with its arguments, from --functions files too', async () => {
    const text = 'void automation.go(Int leadId)\n{\n  r = invokeurl [ url: standalone.leadUrl(leadId) type: DELETE connection: "crm" ];\n}\n';
    const lib = { path: 'lib/url.dg', text: 'string standalone.leadUrl(Int id)\n{\n  return "https://www.zohoapis.com/crm/v7/Leads/" + id;\n}\n' };
    const { value, diagnostics } = await recordRequests(text, { args: { leadId: '410405000002264040' }, functions: [lib] });
    expect(diagnostics).toEqual([]);
    expect(value.requests.map((r) => [r.method, r.url, r.line])).toEqual([['DELETE', 'https://www.zohoapis.com/crm/v7/Leads/410405000002264040', 3]]);
  });

  it('rewrites the Zoho API hosts of every data centre to a base URL, and no other host', () => {
    expect(rewriteZohoHost('https://www.zohoapis.eu/crm/v7/Leads?x=1', 'http://127.0.0.1:9')).toBe('http://127.0.0.1:9/crm/v7/Leads?x=1');
    expect(rewriteZohoHost('https://content.zohoapis.com.cn/a', 'http://h/base/')).toBe('http://h/base/a');
    expect(rewriteZohoHost('https://accounts.zoho.com/oauth/v2/token', 'http://h')).toBe('https://accounts.zoho.com/oauth/v2/token');
    expect(rewriteZohoHost('https://zohoapis.com.evil.example/x', 'http://h')).toBe('https://zohoapis.com.evil.example/x');
  });

  it('refuses a base URL that is not one', async () => {
    const { diagnostics } = await recordRequests('info 1;', { baseUrl: 'not a url' });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['DLG0002', 'error']]);
  });
});
