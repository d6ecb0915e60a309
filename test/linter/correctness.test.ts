import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/analysis/resolver.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { lint } from '../../src/linter/lint.js';
import { SourceFile } from '../../src/source/source-file.js';
import type { Rule } from '../../src/linter/rule.js';
import { CORRECTNESS_RULES } from '../../src/linter/rules/_correctness.js';
import { runScript } from '../../src/runtime/run.js';
import { parse } from '../../src/syntax/parse.js';
import type { Identifier } from '../../src/syntax/ast.js';
import { describeDiagnostic, expectations, located } from '../helpers/fixtures.js';

/**
 * The correctness rules: each rule's documented examples (invalid ones report, valid ones do not), a fixture per
 * rule with the exact positions (`// expect: DLG50xx line:col`), the fixes, and the real scripts of examples/.
 */

/** Lints with only this rule, turned on even when it is off by default. */
function lintWith(rule: Rule, text: string, path = 'example.dg') {
  const severity = rule.meta.severity === 'off' ? 'warning' : rule.meta.severity;
  return lint(path, text, { only: [rule], rules: { [rule.meta.id]: severity } });
}

function ofRule(rule: Rule, text: string) {
  const result = lintWith(rule, text);
  expect(result.program, `the example must parse:\n${result.diagnostics.map((d) => describeDiagnostic(d, text)).join('\n')}`).toBeDefined();
  return result.diagnostics.filter((d) => d.code === rule.meta.code);
}

describe('correctness rules: metadata', () => {
  it('has at least 11 rules, with distinct ids and codes in DLG5001–DLG5019 (or the parser\'s DLG2xxx it reports)', () => {
    expect(CORRECTNESS_RULES.length).toBeGreaterThanOrEqual(11);
    expect(new Set(CORRECTNESS_RULES.map((r) => r.meta.id)).size).toBe(CORRECTNESS_RULES.length);
    expect(new Set(CORRECTNESS_RULES.map((r) => r.meta.code)).size).toBe(CORRECTNESS_RULES.length);
    for (const { meta } of CORRECTNESS_RULES) expect(meta.code).toMatch(/^DLG(50(0[1-9]|1\d)|2\d{3})$/);
  });

  for (const { meta } of CORRECTNESS_RULES) {
    it(`${meta.id}: file name, code entry, examples`, () => {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(existsSync(new URL(`../../src/linter/rules/${meta.id}.ts`, import.meta.url))).toBe(true);
      const info = CODES[meta.code];
      expect(info.name).toBe(meta.id);
      expect(info.severity).toBe(meta.severity === 'off' ? 'warning' : meta.severity);
      expect(info.summary).toBe(meta.summary);
      expect(meta.docs.invalid.length).toBeGreaterThanOrEqual(2);
      expect(meta.docs.valid.length).toBeGreaterThanOrEqual(2);
      expect(meta.docs.what.length).toBeGreaterThan(0);
      expect(meta.docs.why.length).toBeGreaterThan(0);
    });
  }
});

describe('correctness rules: documented examples', () => {
  for (const rule of CORRECTNESS_RULES) {
    describe(rule.meta.id, () => {
      rule.meta.docs.invalid.forEach((text, i) => {
        it(`invalid example ${i + 1} is reported`, () => {
          expect(ofRule(rule, text).length).toBeGreaterThanOrEqual(1);
        });
      });
      rule.meta.docs.valid.forEach((text, i) => {
        it(`valid example ${i + 1} is not reported`, () => {
          const found = ofRule(rule, text);
          expect(found.map((d) => describeDiagnostic(d, text))).toEqual([]);
        });
      });
    });
  }
});

describe('correctness rules: fixtures', () => {
  for (const rule of CORRECTNESS_RULES) {
    const url = new URL(`./fixtures/${rule.meta.id}.dg`, import.meta.url);
    it(`${rule.meta.id}.dg: exactly the expected positions`, () => {
      expect(existsSync(url), `add test/linter/fixtures/${rule.meta.id}.dg`).toBe(true);
      const text = readFileSync(url, 'utf8');
      const expected = expectations(text);
      expect(expected.length).toBeGreaterThan(0);
      const found = ofRule(rule, text);
      expect(
        found.map((d) => located(d, text)).sort(),
        `diagnostics:\n${found.map((d) => `  ${describeDiagnostic(d, text)}`).join('\n')}`,
      ).toEqual([...expected].sort());
    });
  }
});

describe('correctness rules: fixes', () => {
  const apply = (text: string, fix: { span: { start: number; end: number }; text: string }) =>
    text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end);

  for (const rule of CORRECTNESS_RULES.filter((r) => r.meta.fixable)) {
    it(`${rule.meta.id}: every fix parses and removes the report`, () => {
      for (const text of rule.meta.docs.invalid) {
        const found = ofRule(rule, text);
        for (const d of found) {
          expect(d.fix, 'a fixable rule gives a fix').toBeDefined();
          const fixed = apply(text, d.fix!);
          expect(parse(fixed).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
          expect(ofRule(rule, fixed).filter((x) => x.span.start === d.span.start)).toEqual([]);
        }
      }
    });
  }

  it('self-assignment removes the whole line', () => {
    const rule = CORRECTNESS_RULES.find((r) => r.meta.id === 'self-assignment')!;
    const text = 'total = 10;\n\ttotal = total;\ninfo total;\n';
    const [d] = ofRule(rule, text);
    expect(apply(text, d!.fix!)).toBe('total = 10;\ninfo total;\n');
  });

  it('for-each-over-map iterates the keys', () => {
    const rule = CORRECTNESS_RULES.find((r) => r.meta.id === 'for-each-over-map')!;
    const text = 'm = {"a": 1};\nfor each k in m\n{\n\tinfo k;\n}\n';
    const [d] = ofRule(rule, text);
    expect(apply(text, d!.fix!)).toBe('m = {"a": 1};\nfor each k in m.keys()\n{\n\tinfo k;\n}\n');
  });
});

describe('correctness rules: messages', () => {
  const rule = (id: string) => CORRECTNESS_RULES.find((r) => r.meta.id === id)!;

  it('null-unchecked reports a value used unchecked several times on one line once, and each other line', () => {
    const text =
      'resp = zoho.crm.getRecordById("Deals", 1);\ninfo resp.get("data").get(0).get("Stage") + resp.get("data").get(0).get("Amount");\n' +
      '// deluge-disable-next-line null-unchecked -- checked by the caller\ninfo resp.get("data").get(0).get("Deal_Name");\n' +
      'info resp.get("data").get(0).get("Closing_Date");\n';
    const lines = lint('a.dg', text, { only: [rule('null-unchecked')] }).diagnostics.map((d) => `${d.ruleId} ${new SourceFile('a.dg', text).position(d.span.start).line}`);
    expect(lines).toEqual(['null-unchecked 2', 'null-unchecked 5']);
  });

  it('unused-variable says when a variable is only read to update itself', () => {
    const text = 'count = 0;\ncount = count + 1;\nids = List();\nids.add("1");\nx = 5;\n';
    expect(ofRule(rule('unused-variable'), text).map((d) => d.message)).toEqual([
      "'count' is only read to update itself (count = count + …), never for its value: use it, or remove it",
      "'ids' is only read to update itself (ids.add(…), ids.put(…)), never for its value: use it, or remove it",
      "'x' is assigned but never read: use it, or remove it",
    ]);
  });

  it('undefined-variable names the variable meant, and a first value of the kind an assignment builds', () => {
    const text = [
      'void f(Int leadId)',
      '{',
      '\tlead = zoho.crm.getRecordById("Leads", leadId);',
      '\tinfo leed.get("Email");',
      '\treason = reason + "text";',
      '\tids = ids + {1};',
      '\tn += 1;',
      '\tinfo reason + ids + n;',
      '}',
      'leadName = "Acme";',
      'info leadname;',
      '',
    ].join('\n');
    expect(ofRule(rule('undefined-variable'), text).map((d) => d.message)).toEqual([
      "'leed' is not defined in this function (did you mean 'lead'?): assign it before this line, declare it as a parameter, or fix the name",
      `'reason' is read by its own first assignment, before it has any value: give it a first value before this line (reason = "";)`,
      "'ids' is read by its own first assignment, before it has any value: give it a first value before this line (ids = List();)",
      "'n' is read by its own first assignment, before it has any value: give it a first value before this line (n = 0;)",
      "'leadname' is not defined: did you mean 'leadName'? (names are case-sensitive)",
    ]);
  });

  it("unreachable-code names each way the branches leave: 'continue' or 'break'", () => {
    const text = 'for each x in {1, 2}\n{\n\tif (x == 1)\n\t{\n\t\tcontinue;\n\t}\n\telse\n\t{\n\t\tbreak;\n\t}\n\tinfo x;\n}\n';
    expect(ofRule(rule('unreachable-code'), text).map((d) => d.message)).toEqual([
      "This code never runs: it comes after the 'if' above, every branch of which ends with 'continue' or 'break'; move it before, or remove it",
    ]);
  });

  it('deluge lint reports a sendmail without to by default, as an error naming the key, where deluge run stops (DLG4018)', () => {
    const text = 'sendmail\n[\n\tFrom : zoho.adminuserid\n\tSubject : "x"\n];\n';
    const found = lint('a.dg', text).diagnostics.map((d) => [d.code, d.severity, d.message]);
    expect(found).toEqual([['DLG5017', 'error', "This sendmail has no 'to' (the address the mail goes to); Zoho does not save a sendmail without 'from' and 'to'."]]);
    const run = runScript(text, { now: 0, clock: () => 0 });
    expect(run.diagnostics.map((d) => d.diagnostic.code)).toEqual(['DLG4018']);
  });
});

describe('correctness rules on examples/', () => {
  const dir = new URL('../../examples/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.dg')).sort();
  /** The warnings the real scripts deserve, each checked by hand. */
  const deserved = ['creator-order-on-success.dg 6:1 unused-variable'];

  it('finds the examples', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('reports no error, and only the known warnings', () => {
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const result = lint(file, text, { only: CORRECTNESS_RULES, rules: { 'empty-block': 'warning' } });
      expect(result.program, `${file} parses`).toBeDefined();
      for (const d of result.diagnostics) {
        expect(d.severity, `${file}: ${describeDiagnostic(d, text)}`).not.toBe('error');
        const at = result.file.position(d.span.start);
        found.push(`${file} ${at.line}:${at.column} ${d.ruleId}`);
      }
    }
    expect(found).toEqual(deserved);
  });
});

describe('correctness rules on Creator pages (test/syntax/fixtures/constructs/page-template*.dg)', () => {
  const dir = new URL('../syntax/fixtures/constructs/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.startsWith('page-template') && f.endsWith('.dg')).sort();

  /** The reports the pages deserve, each checked by hand. */
  const deserved: Record<string, string[]> = { 'page-template-two-islands.dg': ["DLG5002 2:3 'x' is assigned but never read: use it, or remove it"] };

  it.each(files)('%s: parses, with only the reports it deserves (HTML and values around the islands are the page)', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const result = lint(file, text, { only: CORRECTNESS_RULES, rules: { 'empty-block': 'warning' } });
    expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual(deserved[file] ?? []);
  });
});

describe('resolver', () => {
  const names = (ids: readonly Identifier[]) => ids.map((id) => id.name);

  it('scopes are function-level: a variable assigned in a branch is visible after it', () => {
    const program = parse('void f(int a)\n{\n\tif (a > 1)\n\t{\n\t\tx = 1;\n\t}\n\tinfo x + a + y;\n}').value;
    const { scopes } = resolve(program);
    const fn = scopes[1]!;
    expect(fn.kind).toBe('function');
    expect(names(fn.undefinedReads)).toEqual(['y']);
    expect(fn.variables.get('x')!.definitions.map((d) => d.kind)).toEqual(['assignment']);
    expect(fn.variables.get('a')!.definitions.map((d) => d.kind)).toEqual(['parameter']);
    expect(names(fn.variables.get('a')!.reads)).toEqual(['a', 'a']);
  });

  it('defines for-each and catch variables; system values, functions, fields and keys are not variables', () => {
    const text = [
      'for each index i in {1}',
      '{',
      '\ttry',
      '\t{',
      '\t\tm = {k: i, "d": today, "n": now};',
      '\t\tr = invokeurl',
      '\t\t[',
      '\t\t\turl: "https://x.example"',
      '\t\t\ttype: GET',
      '\t\t];',
      '\t\tinfo zoho.currentdate.addDay(1) + input.Name + standalone.f(1) + ifnull(m, r);',
      '\t\tinfo Orders[Status == "Open" && Total > i].count();',
      '\t}',
      '\tcatch (e)',
      '\t{',
      '\t\tinfo e.message;',
      '\t}',
      '}',
    ].join('\n');
    const resolution = resolve(parse(text).value);
    const script = resolution.script;
    expect(script.undefinedReads).toEqual([]);
    expect(script.implicitReads).toEqual([]);
    expect([...script.variables.keys()].sort()).toEqual(['e', 'i', 'm', 'r']);
    expect(script.variables.get('i')!.definitions[0]!.kind).toBe('for-each');
    expect(script.variables.get('e')!.definitions[0]!.kind).toBe('catch');
    const kinds = [...resolution.calls.values()].map((t) => `${t.kind}:${t.name}`);
    expect(kinds).toEqual(['method:addDay', 'external:standalone.f', 'function:ifnull', 'method:count']);
  });

  it('a script reading a name it never assigns takes it as passed in; a read before the assignment is undefined', () => {
    const { script } = resolve(parse('info invoice.get("id");\ninfo total;\ntotal = 1;').value);
    expect(names(script.implicitReads)).toEqual(['invoice']);
    expect(names(script.undefinedReads)).toEqual(['total']);
  });

  it('the right side of an assignment sees the value before it', () => {
    const { scopes } = resolve(parse('void f()\n{\n\tn = n + 1;\n}').value);
    expect(names(scopes[1]!.undefinedReads)).toEqual(['n']);
  });

  it('a name not yet assigned before `[` is a form; in a task, only keys such as type take bare words', () => {
    const text = [
      'OAuth = OAuth[ID != 0];',
      'info OAuth.Access_Token;',
      'r = invokeurl',
      '[',
      '\turl: "https://x.example"',
      '\ttype: POST',
      '\theaders: hdrs',
      '\tresponse-format: FILE',
      '];',
      'info r;',
    ].join('\n');
    const { script } = resolve(parse(text).value);
    expect(script.undefinedReads).toEqual([]);
    expect(names(script.implicitReads)).toEqual(['hdrs']);
  });

  it("thisapp.Namespace.f(…) is the function declared Namespace.f when the file has it (Creator's call of its own function)", () => {
    const resolution = resolve(parse('void Logs.note(String s)\n{\n\tinfo s;\n}\nthisapp.Logs.note("x");\nthisapp.Logs.other(1);').value);
    expect([...resolution.calls.values()].map((t) => (t.kind === 'user' ? `user ${t.decl.name.map((id) => id.name).join('.')}` : t.kind))).toEqual(['user Logs.note', 'external']);
  });

  it('a method on an undefined name is a read; an unknown dotted name is a function of another file', () => {
    const resolution = resolve(parse('void f()\n{\n\titems.add(1);\n\tOrders.archive(90);\n}').value);
    expect(names(resolution.scopes[1]!.undefinedReads)).toEqual(['items']);
    expect([...resolution.calls.values()].map((t) => t.kind)).toEqual(['method', 'external']);
  });
});
