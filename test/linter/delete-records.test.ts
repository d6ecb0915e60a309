import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
import { lint } from '../../src/linter/lint.js';
import { DELETE_RECORDS_RULES } from '../../src/linter/rules/_delete-records.js';
import { crmUrl, HOLE, recordsDelete } from '../../src/linter/rules/_url.js';
import { SourceFile } from '../../src/source/source-file.js';
import type { Expr, Node, Program, StringLiteral, TaskExpr } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/parse.js';
import { walk } from '../../src/syntax/walk.js';
import { describeDiagnostic, expectations, located } from '../helpers/fixtures.js';

/**
 * The delete-records group: every rule's documented examples (invalid ones report, valid ones do not), its fixture
 * file (`// expect: DLG5xxx line:col` for every diagnostic, in order), and the real scripts of examples/, where
 * no rule of the group may report an error.
 */

const fixtures = new URL('./fixtures/', import.meta.url);
const examples = new URL('../../examples/', import.meta.url);

describe.each(DELETE_RECORDS_RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  const run = (text: string) => lint(`${id}.dg`, text, { only: [rule], rules: { [id]: rule.meta.severity === 'off' ? 'warning' : rule.meta.severity } });

  it('has its code registered under its id, severity and summary', () => {
    const info = CODES[rule.meta.code];
    expect(info.name).toBe(id);
    expect(info.summary).toBe(rule.meta.summary);
    expect(info.severity).toBe(rule.meta.severity === 'off' ? 'warning' : rule.meta.severity);
    expect(Number(rule.meta.code.slice(3))).toBeGreaterThanOrEqual(5400);
    expect(Number(rule.meta.code.slice(3))).toBeLessThanOrEqual(5419);
  });

  it('documents at least two invalid and two valid examples', () => {
    expect(rule.meta.docs.invalid.length).toBeGreaterThanOrEqual(2);
    expect(rule.meta.docs.valid.length).toBeGreaterThanOrEqual(2);
  });

  it.each(rule.meta.docs.invalid.map((text, i) => [i, text] as const))('reports invalid example %i', (_, text) => {
    const result = run(text);
    expect(result.program, 'the example parses').toBeDefined();
    expect(result.diagnostics.filter((d) => d.code === rule.meta.code).length).toBeGreaterThanOrEqual(1);
  });

  it.each(rule.meta.docs.valid.map((text, i) => [i, text] as const))('accepts valid example %i', (_, text) => {
    const result = run(text);
    expect(result.program, 'the example parses').toBeDefined();
    expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([]);
  });

  it('reports exactly the expectations of its fixture', () => {
    const file = new URL(`${id}.dg`, fixtures);
    expect(existsSync(file), `test/linter/fixtures/${id}.dg`).toBe(true);
    const text = readFileSync(file, 'utf8');
    const result = run(text);
    expect(result.program, 'the fixture parses').toBeDefined();
    const want = expectations(text);
    expect(want.length).toBeGreaterThan(0);
    expect(result.diagnostics.map((d) => located(d, text))).toEqual(want);
  });

  it('gives fixes only when it declares them, and fixes that parse', () => {
    const file = new URL(`${id}.dg`, fixtures);
    const text = readFileSync(file, 'utf8');
    for (const d of run(text).diagnostics) {
      if (!d.fix) continue;
      expect(rule.meta.fixable, describeDiagnostic(d, text)).toBeDefined();
      const fixed = text.slice(0, d.fix.span.start) + d.fix.text + text.slice(d.fix.span.end);
      expect(lint(`${id}.dg`, fixed, { only: [] }).program).toBeDefined();
    }
  });
});

describe('the delete-records rules on examples/', () => {
  const files = readdirSync(examples).filter((f) => f.endsWith('.dg')).sort();
  it.each(files)('%s has no error from the group', (file) => {
    const text = readFileSync(new URL(file, examples), 'utf8');
    const result = lint(file, text, { only: DELETE_RECORDS_RULES });
    expect(result.program).toBeDefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => describeDiagnostic(d, text))).toEqual([]);
  });

  // The Delete Records scripts are the idiom the rules are about: not even a warning there.
  it.each([
    'delete-records-docs-sample.dg',
    'delete-records-docs-pasted.dg',
    'crm-bulk-delete-in-batches.dg',
    'crm-delete-single-record-detailed.dg',
    'crm-invoke-connector-delete.dg',
    'crm-button-delete-duplicate-leads.dg',
    'crm-schedule-cleanup.dg',
  ])('%s is clean', (file) => {
    const text = readFileSync(new URL(file, examples), 'utf8');
    const result = lint(file, text, { only: DELETE_RECORDS_RULES });
    expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([]);
  });
});

/** Every node of a kind, in source order. */
function nodes<K extends Node['kind']>(program: Program, kind: K): Extract<Node, { kind: K }>[] {
  const out: Extract<Node, { kind: K }>[] = [];
  walk(program, { enter: (n) => void (n.kind === kind && out.push(n as Extract<Node, { kind: K }>)) });
  return out;
}

describe('reading Delete Records URLs', () => {
  const read = (text: string) => {
    const program = parse(text).value;
    const scope = { program, file: new SourceFile('t.dg', text) };
    const task = nodes(program, 'TaskExpr')[0]!;
    return { text, scope, task, request: recordsDelete(task, scope) };
  };

  it('reads the module, the record id and the query of a concatenation, following constants', () => {
    const { text, request } = read(
      'base = "https://www.zohoapis.com/crm/v7/";\nflag = false;\nr = invokeurl [ url: base + "Leads/" + leadId + "?wf_trigger=" + flag type: DELETE ];',
    );
    expect(request).toBeDefined();
    expect(request!.module.text).toBe('Leads');
    expect(text.slice(request!.module.span.start, request!.module.span.end)).toBe('Leads');
    expect(request!.recordId?.text).toBe(HOLE);
    expect(request!.wfTrigger?.value?.text).toBe('false');
    expect(request!.url.version).toBe('v7');
  });

  it('joins lists of literals into the text, as Deluge does', () => {
    const { request } = read('ids = {"1", "2"};\nr = invokeurl [ url: "https://x/crm/v2.1/Deals?ids=" + ids.toString() type: DELETE ];');
    expect(request!.ids?.value?.text).toBe('1,2');
    expect(request!.url.version).toBe('v2.1');
  });

  it('does not follow variables assigned twice or lists changed in place', () => {
    const twice = read('u = "https://x/crm/v7/Leads";\nu = u + "?ids=1";\nr = invokeurl [ url: u type: DELETE ];');
    expect(twice.request).toBeUndefined();
    const grown = read('ids = {"1"};\nids.add(x);\nr = invokeurl [ url: "https://x/crm/v7/Leads?ids=" + ids type: DELETE ];');
    expect(grown.request!.ids?.value?.text).toBe(HOLE);
  });

  it('knows an open end (more path or a query may follow) from a closed one', () => {
    expect(read('r = invokeurl [ url: "https://x/crm/v7/" + rest type: DELETE ];').request!.url.openPath).toBe(true);
    expect(read('r = invokeurl [ url: "https://x/crm/v7/Leads" type: DELETE ];').request!.url.openPath).toBe(false);
    expect(read('r = invokeurl [ url: "https://x/crm/v7/Leads?ids=1&" + more type: DELETE ];').request!.url.openQuery).toBe(true);
  });

  it('leaves alone what is not Delete Records', () => {
    expect(read('r = invokeurl [ url: "https://x/crm/v7/Leads?ids=1" type: GET ];').request).toBeUndefined();
    expect(read('r = invokeurl [ url: "https://x/crm/v7/users/" + id type: DELETE ];').request).toBeUndefined();
    expect(read('r = invokeurl [ url: "https://x/crm/v7/Leads/" + id + "/Notes/" + n type: DELETE ];').request).toBeUndefined();
    expect(read('r = invokeurl [ url: "https://x/crm/bulk/v7/read/1" type: DELETE ];').request).toBeUndefined();
  });

  it('points into the text as given for a sample pasted from the docs', () => {
    const text = readFileSync(new URL('delete-records-docs-pasted.dg', examples), 'utf8');
    const program = parse(text).value;
    const scope = { program, file: new SourceFile('p.dg', text) };
    const task: TaskExpr = nodes(program, 'TaskExpr')[0]!;
    const url = crmUrl(task.params.find((p) => p.key === 'url')!.value as Expr, scope)!;
    expect(url.segments.map((s) => text.slice(s.span.start, s.span.end))).toEqual(['Leads']);
    expect(url.query.map((q) => q.key.text)).toEqual(['ids', 'wf_trigger']);
  });
});

describe('prefer-double-quotes fixes', () => {
  it('keep every text the same', () => {
    const rule = DELETE_RECORDS_RULES.find((r) => r.meta.id === 'prefer-double-quotes')!;
    const text = readFileSync(new URL('prefer-double-quotes.dg', fixtures), 'utf8');
    const fixes = lint('q.dg', text, { only: [rule], rules: { [rule.meta.id]: 'warning' } })
      .diagnostics.map((d) => d.fix!)
      .sort((a, b) => b.span.start - a.span.start);
    expect(fixes.length).toBeGreaterThan(0);
    let fixed = text;
    for (const f of fixes) fixed = fixed.slice(0, f.span.start) + f.text + fixed.slice(f.span.end);
    const values = (t: string) => nodes(parse(t).value, 'StringLiteral').map((s: StringLiteral) => s.value);
    expect(values(fixed)).toEqual(values(text));
    expect(lint('q.dg', fixed, { only: [rule], rules: { [rule.meta.id]: 'warning' } }).diagnostics).toEqual([]);
  });
});

describe('delete-invalid-url fixes', () => {
  const rule = DELETE_RECORDS_RULES.find((r) => r.meta.id === 'delete-invalid-url')!;
  const fixesOf = (text: string) => lint('u.dg', text, { only: [rule] }).diagnostics.map((d) => ({ code: d.code, fix: d.fix }));

  it('fix only what the request itself writes: a text a variable gives it may be other requests\' too', () => {
    const shared = [
      'base = "https://www.zohoapis.com/crm/V7/Leads/";',
      'lead = invokeurl [ url: base + "410405000002264040" type: GET connection: "crm" ];',
      'resp = invokeurl [ url: base + "?ids=410405000002264040" type: DELETE connection: "crm" ];',
      'info lead + resp;',
    ].join('\n');
    // Both problems are reported (the version in capitals, the `/` before `?ids=`), neither with a fix: `base` is the GET's too.
    expect(fixesOf(shared)).toEqual([
      { code: 'DLG5411', fix: undefined },
      { code: 'DLG5411', fix: undefined },
    ]);
    const own = 'resp = invokeurl [ url: "https://www.zohoapis.com/crm/V7/Leads/?ids=410405000002264040" type: DELETE connection: "crm" ];\ninfo resp;';
    expect(fixesOf(own).map((f) => f.fix?.text)).toEqual(['crm/v7', '']);
  });
});
