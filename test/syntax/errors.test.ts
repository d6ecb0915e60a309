import { describe, expect, it } from 'vitest';
import { CODES, parse } from '../../src/index.js';
import { describeDiagnostic, dgFixtures, expectations, located } from '../helpers/fixtures.js';
import { insertionRounds } from '../../src/syntax/parse.js';

/**
 * Error fixtures: each test/syntax/fixtures/errors/<name>.dg says what it must produce in comment lines
 * `// expect: DLG2001 3:6` (code and 1-based line:column where the diagnostic starts). Every diagnostic
 * must be expected and every expectation met: no missing reports, no noise.
 */
const dir = new URL('./fixtures/errors/', import.meta.url);
const fixtures = dgFixtures(dir).map((f) => ({ ...f, expected: expectations(f.text) }));

describe('error fixtures', () => {
  for (const { file, text, expected } of fixtures) {
    it(file, () => {
      expect(expected.length, 'a fixture needs at least one `// expect: CODE line:col`').toBeGreaterThan(0);
      const result = parse(text);
      const actual = result.diagnostics.map((d) => located(d, text));
      const byPlace = (a: string, b: string) => {
        const [, la, ca] = /(\d+):(\d+)/.exec(a)!.map(Number);
        const [, lb, cb] = /(\d+):(\d+)/.exec(b)!.map(Number);
        return la! - lb! || ca! - cb! || a.localeCompare(b);
      };
      // On failure the messages show what the parser said at each place.
      expect(
        [...actual].sort(byPlace),
        `diagnostics:\n${result.diagnostics.map((d) => `  ${describeDiagnostic(d, text)}`).join('\n')}`,
      ).toEqual([...expected].sort(byPlace));
    });
  }
});

describe('error fixtures cover the registry', () => {
  const syntaxCodes = Object.keys(CODES).filter((c) => /^DLG[12]\d{3}$/.test(c));
  const covered = new Set(fixtures.flatMap((f) => f.expected.map((e) => e.split(' ')[0]!)));

  it('lists the lexing and parsing codes', () => {
    expect(syntaxCodes.length).toBeGreaterThanOrEqual(17);
  });

  // Codes whose fixture would be megabytes: tested where the text is made.
  const testedElsewhere: Record<string, string> = { DLG2019: 'parser-validation.test.ts: a text of 2,000,001 characters' };

  it.each(syntaxCodes.filter((code) => !(code in testedElsewhere)))('%s has at least one error fixture', (code) => {
    expect(covered.has(code), `add a test/syntax/fixtures/errors/*.dg with '// expect: ${code} line:col'`).toBe(true);
  });

  it('expects no code that is not in the registry', () => {
    expect([...covered].filter((c) => !(c in CODES))).toEqual([]);
  });
});

describe('diagnostics of the error fixtures', () => {
  for (const { file, text } of fixtures) {
    it(`${file}: spans lie in the text, messages and severities are filled in`, () => {
      for (const d of parse(text).diagnostics) {
        expect(d.span.start).toBeGreaterThanOrEqual(0);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
        expect(d.span.start).toBeLessThanOrEqual(d.span.end);
        expect(d.message.length).toBeGreaterThan(0);
        expect(d.severity).toBe(CODES[d.code].severity);
        expect(d.ruleId).toBe('syntax');
        if (d.fix) {
          expect(d.fix.span.start).toBeGreaterThanOrEqual(0);
          expect(d.fix.span.end).toBeLessThanOrEqual(text.length);
        }
      }
    });
  }
});

describe('mistakes carried over from other languages, or keywords run together, are named once', () => {
  const cases: [string, string, string][] = [
    ['a = 1;\nm = {"a": 1, "b": 2,};', '2:20', "a ',' before '}' with no item after it: remove the trailing comma"],
    ['x = f(1,);', '1:8', "a ',' before ')' with no item after it"],
    ['if (x > 1 and x < 10) { info 1; }', '1:11', "Deluge writes 'and' as '&&'"],
    ['if (a or b) { info 1; }', '1:7', "Deluge writes 'or' as '||'"],
    ['if (not done) { info 1; }', '1:5', "Deluge writes 'not' as '!'"],
    ['if (a && not b) { info 1; }', '1:10', "Deluge writes 'not' as '!'"],
    ['x = a => b;', '1:7', "Deluge has no '=>' operator: write '>='"],
    ['if (x) { info 1; }\nelseif (y) { info 2; }\nelse { info 3; }', '2:1', "Deluge writes 'elseif' as 'else if'"],
    ['if (x <> 3) { info 1; }', '1:7', "Deluge has no '<>' operator: write '!='"],
    ['if (x => 1) { info 1; }', '1:7', "Deluge has no '=>' operator: write '>='"],
    ['if (x === 5) { info 1; }', '1:7', "Deluge has no '===' operator: write '=='"],
    ['if (x !== 5) { info 1; }', '1:7', "Deluge has no '!==' operator: write '!='"],
    ['if (x > 1) then { info 1; }', '1:12', "Deluge has no 'then'"],
    ['print "hello";', '1:1', "Deluge shows a value with 'info'"],
    ['x = 1;\nprint x;', '2:1', "Deluge shows a value with 'info'"],
    ['var x = 1;', '1:1', "Deluge has no 'var': a variable is made by assigning to it"],
    ['info;', '1:1', "'info' needs a value to show"],
    ['info "He said "hi" to me";', '1:6', `a '"' inside a text ends it: write \\" for each quote inside`],
    ['info "He said "hi there" to me";', '1:6', `a '"' inside a text ends it`],
    ['body = "<a href="https://x.com">link</a>";', '1:8', `a '"' inside a text ends it`],
    ['for each x on l\n{\n\tinfo x;\n}', '1:12', "'for each' takes 'in', not 'on'"],
    ['r = invokeurl\n[\n\turl "https://x.example/"\n\ttype: GET\n];', '3:5', "missing ':' after the key 'url'"],
    ['r = invokeurl\n[\n\turl: "https://x.example/"\n\ttype POST\n];', '4:6', "missing ':' after the key 'type'"],
    ['x = f(g(1) 2);', '1:11', "missing ',' between ')' and '2'"],
    ['x = {a and b};', '1:8', "Deluge writes 'and' as '&&'"],
    ['r = invokeurl\n[\n\t"url": "https://x.example/"\n\ttype: GET\n];', '3:2', "a task block's keys are written without quotes: url: …"],
    ['m = {"a": 1 "b": 2};', '1:12', "missing ',' between '1' and '\"b\"'"],
    ['x = f(a b);', '1:8', "missing ',' between 'a' and 'b'"],
    ['r = zoho.crm.getRecordById("Leads", 23033XXXXXXXXXXXXXX);', '1:37', "'23033XXXXXXXXXXXXXX' is an ID the docs page masked with X's: put the real ID in its place"],
    ['r = zoho.books.getRecordsByID("invoices", 58XXXX49, id);', '1:43', "'58XXXX49' is an ID the docs page masked with X's"],
    ['leadId = 23033XXXXXXXXXXXXXX;\ninfo leadId;', '1:10', "'23033XXXXXXXXXXXXXX' is an ID the docs page masked with X's"],
    ['r = invokeurl\n[\n\turl: "https://x.example/"\n\tconnection: <connection_name>\n];', '4:14', "'<connection_name>' is a placeholder from the docs' syntax description, not code"],
    ['r = invokeurl\n[\n\turl: "https://x.example/"\n\ttype: [<type_value>]\n];', '4:9', "'<type_value>' is a placeholder from the docs' syntax description, not code"],
    ['string standalone.getName(leadId)\n{\n\treturn leadId;\n}', '1:27', "the parameter 'leadId' needs a type before its name"],
    ['string standalone.f(map)\n{\n\treturn "";\n}', '1:21', "the parameter of type 'map' needs a name after its type"],
    ['l = {1};\nforeach x in l { info x; }', '2:1', "'for each' is two words"],
    ['h = `Bearer ${token}`;', '1:5', "Deluge has no template literals: join text and values with '+' (\"Bearer \" + token)"],
    ['h = `a ${b + 1} c`;', '1:5', "Deluge has no template literals: join text and values with '+' (\"a \" + (b + 1) + \" c\")"],
    ['function f() { return 1; }', '1:1', "Deluge has no 'function' keyword: a function starts with the type it returns, e.g. void f() { … } or string f(int x) { … }"],
    ['void run()\n{\n\tfunction g() { return 1; }\n}', '3:2', "Deluge has no 'function' keyword: a function starts with the type it returns, e.g. void g() { … }"],
    ['m = {"amount": amount; "name": "x"};\ninfo m;', '1:22', "a map's entries are separated by ',', not ';': write ','"],
    ['m = {\n\tamount: 1;\n\tname: "x"\n};', '2:11', "a map's entries are separated by ',', not ';'"],
    ['r = invokeurl\n[\n\turl= "https://x.example/"\n\ttype: GET\n];', '3:5', "invokeurl parameters are written 'key: value', not 'key = value': write 'url: …'"],
    ['for each item = list\n{\n\tinfo item;\n}', '1:15', "'for each' takes 'in', not '=': write for each item in list"],
    ['for each item = l.get(0) {\n\tinfo item;\n}', '1:15', "'for each' takes 'in', not '=': write for each item in …"],
    ['h = `plain`;', '1:5', "Deluge has no template literals: write text in double quotes (\"plain\")"],
    ['l = {1};\nfor each (x in l)\n{\n\tinfo x;\n}', '2:10', "'for each' takes no parentheses"],
    ['if (x > 1) { info 1; }\nelseif (x > 0) { info 2; }', '2:1', "Deluge writes 'elseif' as 'else if'"],
    ['string standalone.f()\n{\n\tx = "a";\n\tretrun x;\n}', '4:2', "'retrun' is not a Deluge statement: did you mean 'return'?"],
    ['retrun "a";', '1:1', "'retrun' is not a Deluge statement: did you mean 'return'?"],
    ['x = 1;\ninfoo x;', '2:1', "'infoo' is not a Deluge statement: did you mean 'info'?"],
    ['inof "a" + 1;', '1:1', "'inof' is not a Deluge statement: did you mean 'info'?"],
    ['if (x == 1)\n{\n\tinfo "a";\n}\nesle\n{\n\tinfo "b";\n}', '5:1', "'esle' is not a Deluge statement: did you mean 'else'?"],
    ['if (x == 1)\n{\n\tinfo "a";\n}\nesle if (x == 2)\n{\n\tinfo "b";\n}', '5:1', "'esle' is not a Deluge statement: did you mean 'else'?"],
    ['void f()\n{\n\tif (x == 1) { info "a"; }\n\tesle if (x == 2) { info "b"; }\n}', '4:2', "'esle' is not a Deluge statement: did you mean 'else'?"],
    ['l = {1};\nfro each r in l\n{\n\tinfo r;\n}', '2:1', "'fro' is not a Deluge statement: did you mean 'for'?"],
    ['to\u200btal = 5;\ninfo total;', '1:3', "an invisible character, a zero-width space (U+200B), stands between 'to' and 'tal', read as a blank: delete it"],
    ['x = 1;\ni\u200bf (x == 1)\n{\n\tinfo x;\n}', '2:2', "an invisible character, a zero-width space (U+200B), stands between 'i' and 'f'"],
    ['my\u00a0var = 1;', '1:3', "an invisible character, a no-break space (U+00A0), stands between 'my' and 'var'"],
    ['l = {1,2};\nfor each r in\n{\n    info r;\n}\ninfo "after";', '3:1', "'for each r in' has no list before its block: for each r in list { … }"],
    ['r = invokeurl\n{\n\turl: "https://x.example/"\n\ttype: GET\n};\ninfo r;', '2:1', "'invokeurl' takes its parameters in '[ … ]', not '{ … }': write '[' here and ']' at its end"],
    ['standalone.f(string a)\n{\n\treturn a;\n}', '1:1', "a function's header starts with the type it returns: write string standalone.f(…) { … } (or void, int, map, list, …)"],
    ['f()\n{\n\treturn 1;\n}', '1:1', "a function's header starts with the type it returns: write string f(…) { … }"],
    ['x = 1,5;\ninfo x;', '1:5', "a decimal is written with '.', not ',': 1.5"],
    ['m = {"a" = 1};', '1:10', 'a map\'s entries are written \'key: value\', not \'key = value\': write "a": …'],
  ];
  it("names an HTML entity of a page's source (&quot; &amp;&amp; &#34;) with the character it stands for, and never the parser's name for the end", () => {
    const text = 'x = 1;\nif (x &lt;= 3 &amp;&amp; x &gt;= 0)\n{\n\tinfo x;\n}\nm = {&#34;a&#34;: 1};';
    const diagnostics = parse(text).diagnostics;
    const entities = diagnostics.filter((d) => d.code === 'DLG1001');
    expect(entities.map((d) => [text.slice(d.span.start, d.span.end), d.fix?.text])).toEqual([
      ['&lt;', '<'], ['&amp;', '&'], ['&amp;', '&'], ['&gt;', '>'], ['&#34;', '"'], ['&#34;', '"'],
    ]);
    expect(entities[0]!.message).toBe("'&lt;' is an HTML entity (the text was copied from a page's HTML source): write '<'");
    expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('EOF');
  });

  it('takes an invisible blank before a text or between two words of a valid statement for the blank it is', () => {
    expect(parse('info\u00a0"ok";\nx = 1;').diagnostics).toEqual([]);
    // Blamed on the mistake, not on the blank before the text.
    expect(parse('info\u00a0"a" "b";').diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^missing '\+' between/)]);
  });

  it('reads no block as a collection: no "missing \',\'" among a block\'s statements after an earlier mistake', () => {
    for (const text of ['f(leadId)\n{\n\tinfo leadId;\n}', 'x = 5;\nif (x > 1) { info "a"; }\nelse (x > 0) { info "b"; }', 'info foo(1, 2;\nx = 1\ny = 2;']) {
      expect(parse(text).diagnostics.map((d) => d.message).join('\n')).not.toContain("missing ','");
    }
  });

  it("names what the text has where a closer the repair put in stands, never that closer ('info (;')", () => {
    const messages = parse('info (;\n').diagnostics.map((d) => d.message);
    expect(messages).toContain("unexpected ';': expected an expression");
    expect(messages.filter((m) => m.startsWith("unexpected ')'"))).toEqual([]);
  });

  it("says the text ended, in a sentence, when it ends inside a statement ('y = 1 +')", () => {
    expect(parse('y = 1 +\n').diagnostics.map((d) => d.message)).toEqual(['unexpected end of the text: expected an expression']);
  });

  it('blames a later mistake on the statement, not on a first word that is a variable (echo, print, var)', () => {
    expect(parse('echo = m.get("a") b;').diagnostics.map((d) => d.message)).toEqual(["missing ';' at the end of the statement (found 'b' next)"]);
    expect(parse('print = "p";\ninfo print;\nvar = 1;\ninfo var;').diagnostics).toEqual([]);
  });

  it("says what other languages' '=>', '??', '?.' and 'new' are in Deluge, with no '>=' fix for an arrow function", () => {
    const said = (text: string) => parse(text).diagnostics.map((d) => ({ message: d.message, fix: d.fix?.text }));
    const arrow = "Deluge has no arrow functions ('=>'): go through a list with for each x in list { … }, or write a function of its own";
    expect(said('f = (a) => a * 2;')).toEqual([{ message: arrow, fix: undefined }]);
    expect(said('big = leads.filter(x => x > 1);')).toEqual([{ message: arrow, fix: undefined }]);
    expect(said('if (x => 1) { info x; }')).toEqual([{ message: "Deluge has no '=>' operator: write '>='", fix: '>=' }]);
    expect(said('shown = name ?? "anonymous";')).toEqual([{ message: "Deluge has no '??' operator: write ifnull(value, valueIfNull)", fix: undefined }]);
    expect(said('k = m?.get("k");').map((d) => d.message)).toEqual([expect.stringMatching(/^Deluge has no '\?\.' operator/)]);
    expect(said('headers = new Map();')).toEqual([{ message: "Deluge has no 'new': call Map() as it is", fix: '' }]);
  });

  it("a '}' closing a block whose head has no '{' (the block indented under it) asks for the '{', not to remove the '}'", () => {
    const text = 'x = 1;\nif (x == 1)\n    info "a";\n    info "b";\n}\n';
    const [d] = parse(text).diagnostics;
    expect(d).toMatchObject({ code: 'DLG2004', span: { start: text.indexOf('}') }, fix: { span: { start: text.indexOf(')\n') + 1 }, text: ' {' } });
    expect(d!.message).toContain("the 'if' on line 2 has no '{' after it");
    // One line under the head: the braceless if holds it either way, and the '}' too many is removed.
    expect(parse('x = 1;\nif (x == 1)\n    info "a";\n}\n').diagnostics.map((e) => [e.message, e.fix?.text])).toEqual([["'}' has no matching opening bracket: remove it", '']]);
  });

  it("a ';' after an if's, else's or for each's head with a block after it: the ';' is the mistake, its removal the fix", () => {
    const said = (text: string) => parse(text).diagnostics.map((d) => [d.message, d.fix?.text]);
    expect(said('x = 2;\nif (x == 1);\n{\n\tinfo 1;\n}\nelse\n{\n\tinfo 2;\n}\n')).toEqual([
      ["this ';' ends the if (its body is empty): the block after it is on its own; remove the ';' so that the block is the if's body", ''],
    ]);
    expect(said('for each y in {1};\n{\n\tinfo y;\n}\n')).toEqual([
      ["this ';' ends the for each (its body is empty): the block after it is on its own; remove the ';' so that the block is the for each's body", ''],
    ]);
  });

  it("an apostrophe in a text in single quotes: one diagnostic, its fix the text in double quotes", () => {
    const [d, ...rest] = parse("x = 'O'Brien';\ninfo x;\n").diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'DLG1002', span: { start: 4, end: 13 }, fix: { span: { start: 4, end: 13 }, text: '"O\'Brien"' } });
  });

  it("a '*/' after a comment that held a '/*' says block comments do not nest, and where the comment ended", () => {
    const [d, ...rest] = parse('/*\ninfo "debug";\n/* old */\ninfo "more";\n*/\n').diagnostics;
    expect(rest).toEqual([]);
    expect(d!.message).toMatch(/^this '\*\/' closes no comment: block comments do not nest, so the comment opened on line 1 ended at the '\*\/' on line 3/);
  });

  it("two values side by side on a line that ends the statement: the missing '+' or '.', with no ';' fix", () => {
    const said = (text: string) => parse(text).diagnostics.map((d) => [d.message, d.fix]);
    expect(said('msg = "Hello " name;')).toEqual([["missing '+' between '\"Hello \"' and 'name': texts and values are joined with +", undefined]]);
    expect(said('m put("a", 1);')).toEqual([["missing '.' between 'm' and 'put': a method is called as m.put(…)", undefined]]);
    // A statement of its own after it, or the value at the line's end: the ';' is what is missing.
    expect(said('s = "a" t = 1;').map(([m]) => m)).toEqual(["missing ';' at the end of the statement (found 't' next)"]);
    expect(said('x = "a"\ny = 1;').map(([m]) => m)).toEqual(["missing ';' at the end of the statement (found 'y' next)"]);
  });

  it('a block after an if with a body of its own, a GNU-style braced if, a // in a text: none is a missing or ended head', () => {
    const messages = (text: string) => parse(text).diagnostics.map((d) => d.message);
    expect(messages('x = 1;\nif (x == 1) info "a";\n{\n    info "b";\n}\n')).toEqual([expect.stringMatching(/^a '\{ … \}' block on its own/)]);
    expect(messages('x = 1;\nif (x == 1)\n  {\n    info "a";\n    info "b";\n  }\n}\n')).toEqual(["'}' has no matching opening bracket: remove it"]);
    expect(messages('url = "https://x";\nif (url.startsWith("https://")) {\n    info "a";\n    info "b";\n    }\n}\n')).toEqual(["'}' has no matching opening bracket: remove it"]);
  });

  it("'=>' in a call's arguments is '>=' written the wrong way round, unless the call is a JavaScript list method's", () => {
    const fixes = (text: string) => parse(text).diagnostics.map((d) => d.fix?.text);
    for (const text of ['ok = isLarge(amount => 1000);', 'm.put("isLarge", amount => 1000);', 'x = ifnull(a, b => 2);', 'if ((a) => 1) { info a; }']) {
      expect(fixes(text), text).toContain('>=');
      expect(parse(text).diagnostics.map((d) => d.message).join('\n'), text).not.toContain('arrow');
    }
    expect(fixes('big = leads.filter(x => x > 1);')).toEqual([undefined]);
  });

  it('fixes a template literal by joining its parts with +', () => {
    const text = 'h = `Bearer ${token}`;';
    const [d] = parse(text).diagnostics;
    expect(d?.span).toEqual({ start: 4, end: 21 });
    expect(d?.fix).toEqual({ span: { start: 4, end: 21 }, text: '"Bearer " + token' });
  });

  it("fixes a task parameter's '=' to ':'", () => {
    const [d] = parse('r = invokeurl\n[\n\turl= "u"\n];').diagnostics;
    expect(d?.fix).toEqual({ span: { start: 20, end: 21 }, text: ':' });
  });

  it("fixes an invokeurl's method written alone by putting 'type:' before it", () => {
    const text = 'r = invokeurl\n[\n\turl: "u"\n\tPOST\n\tconnection: "crm"\n];';
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => d.message)).toEqual(["missing 'type:' before 'POST': invokeurl takes its method as type: POST"]);
    expect(diagnostics[0]?.fix).toEqual({ span: { start: 27, end: 27 }, text: 'type: ' });
  });

  it("fixes a '#' comment to '//'", () => {
    const [d, ...rest] = parse('# the "owner\'s" id\nx = 1;').diagnostics;
    expect(rest).toEqual([]);
    expect(d?.fix).toEqual({ span: { start: 0, end: 1 }, text: '//' });
  });

  it("fixes a ')' too many by removing it, or the one that ends the brackets early", () => {
    const [extra, ...rest] = parse('x = f(a)) + 1;').diagnostics;
    expect(rest).toEqual([]);
    expect(extra?.fix).toEqual({ span: { start: 8, end: 9 }, text: '' });
    const [early] = parse('if (a.b()) > c)\n{\n\tinfo 1;\n}').diagnostics;
    expect(early?.fix).toEqual({ span: { start: 9, end: 10 }, text: '' });
  });

  it("fixes a map's ';' between entries to ','", () => {
    const [d] = parse('m = {"a": 1; "b": 2};').diagnostics;
    expect(d?.fix).toEqual({ span: { start: 11, end: 12 }, text: ',' });
  });

  it.each(cases)('%s', (text, at, message) => {
    const errors = parse(text).diagnostics;
    expect(errors.map((d) => `${located(d, text).split(' ')[1]} ${d.message}`)).toEqual([expect.stringContaining(`${at} ${message}`)]);
  });
});

describe("an unclosed '(' or '[' says where its closer goes: the statement's ';' or the block's '{', not a '}' lines later", () => {
  const cases: [string, string, string, string][] = [
    // text, where the DLG2003 is, its message, where its note says the closer goes
    ['void f()\n{\n\tif (x == "ok"\n\t{\n\t\tinfo 1;\n\t}\n\tinfo 2;\n}', '3:5', "'(' is never closed: add ')' before '{'", '3:15'],
    ['void f()\n{\n\th.put("a", "b" + t;\n\tinfo 2;\n}', '3:7', "'(' is never closed: add ')' before ';'", '3:20'],
    ['x = ifnull(m.get("a", 0);\ninfo x;', '1:11', "'(' is never closed: add ')' before ';'", '1:25'],
    // A call's '(' inside, where the parser stumbled expecting its ')', when the text then parses.
    ['if (n.length( == 2)\n{\n\tinfo n;\n}', '1:13', "'(' is never closed: add ')' before '=='", '1:14'],
    ['if (n.length( > 2 && x.contains("a")) {\n\tinfo 1;\n}', '1:13', "'(' is never closed: add ')' before '>'", '1:14'],
    ['void f()\n{\n\tr = invokeurl\n\t[\n\t\turl: "u"\n\t\ttype: GET\n\t;\n\tinfo r;\n}', '4:2', "'[' is never closed: add ']' before ';'", '6:12'],
    // A ';' between task parameters (DLG2008) is not where the ']' goes.
    ['r = invokeurl\n[\n\turl: "u";\n\ttype: GET;\ninfo r;', '2:1', "'[' is never closed: add ']' before ';'", '4:11'],
  ];
  it.each(cases)('%s', (text, at, message, note) => {
    const diagnostics = parse(text).diagnostics.filter((d) => d.code !== 'DLG2008');
    expect(diagnostics.map((d) => `${located(d, text).split(' ')[1]} ${d.message}`)).toEqual([`${at} ${message}`]);
    expect(diagnostics[0]!.related?.map((r) => `${located({ ...diagnostics[0]!, span: r.span }, text).split(' ')[1]} ${r.message}`)).toEqual([`${note} '${message[1] === '(' ? ')' : ']'}' goes here`]);
  });

  it("blames the outer '(' when putting the inner one's ')' where the parser stumbled parses no better", () => {
    // (`if (f(a) b) {` would not parse either: the if's ')' is missing, and a ',' between 'a' and 'b'.)
    const text = 'if (f(a b) {\n\tinfo 1;\n}';
    expect(parse(text).diagnostics.map((d) => located(d, text))).toEqual(['DLG2003 1:4', 'DLG2002 1:8']);
  });
});

describe("an unclosed block's '{' says where its '}' goes, by indentation, when the code is indented", () => {
  const cases: [string, string, string, string][] = [
    // text, where the DLG2003 is, its message, where its note is
    ['if (a)\n{\n\tinfo 1;\nelse\n{\n\tinfo 2;\n}', '2:1', "'{' is never closed: add '}' before 'else' (line 4)", "4:1 '}' goes before this 'else'"],
    ['if (a) {\n\tinfo 1;\n} else if (b) {\n\tinfo 3;\nelse {\n\tinfo 2;\n}', '3:15', "'{' is never closed: add '}' before 'else' (line 5)", "5:1 '}' goes before this 'else'"],
    ['void f()\n{\n\tfor each i in l\n\t{\n\t\tinfo i;\n\tinfo "done";\n}', '4:2', "'{' is never closed: add '}' before 'info' (line 6)", "6:2 '}' goes before this 'info'"],
    ['m = {\n\t"a": 1,\n\t"b": 2;\ninfo m;', '1:5', "'{' is never closed: add '}' before ';'", "3:8 '}' goes here"],
    // Not indented: nothing says where the '}' goes.
    ['void f()\n{\nfor each i in l\n{\ninfo i;\ninfo "done";\n}', '2:1', "'{' is never closed: add '}'", ''],
  ];
  it.each(cases)('%s', (text, at, message, note) => {
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => `${located(d, text).split(' ')[1]} ${d.message}`)).toEqual([`${at} ${message}`]);
    const related = diagnostics[0]!.related ?? [];
    expect(related.map((r) => `${located({ ...diagnostics[0]!, span: r.span }, text).split(' ')[1]} ${r.message}`).join('')).toBe(note);
  });
});

describe("an unclosed block's fix puts its '}' on a line of its own, indented as its '{', where the indentation says", () => {
  it.each([
    // before the line back at the block's level
    ['if (a)\n{\n\tinfo 1;\nelse\n{\n\tinfo 2;\n}', 'if (a)\n{\n\tinfo 1;\n}\nelse\n{\n\tinfo 2;\n}'],
    ['try\r\n{\r\n\tif (a)\r\n\t{\r\n\t\tinfo 1;\r\n\telse\r\n\t{\r\n\t\tinfo 2;\r\n\t}\r\n}\r\ncatch (e)\r\n{\r\n\tinfo e;\r\n}', 'try\r\n{\r\n\tif (a)\r\n\t{\r\n\t\tinfo 1;\r\n\t}\r\n\telse\r\n\t{\r\n\t\tinfo 2;\r\n\t}\r\n}\r\ncatch (e)\r\n{\r\n\tinfo e;\r\n}'],
    // before an outer block's '}', one level out
    ['try\n{\n\tfor each i in l\n\t{\n\t\tinfo i;\n}\ncatch (e)\n{\n\tinfo e;\n}', 'try\n{\n\tfor each i in l\n\t{\n\t\tinfo i;\n\t}\n}\ncatch (e)\n{\n\tinfo e;\n}'],
  ])('%j', (text, fixed) => {
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['DLG2003']);
    const { span, text: insert } = diagnostics[0]!.fix!;
    expect(text.slice(0, span.start) + insert + text.slice(span.end)).toBe(fixed);
    expect(parse(fixed).diagnostics).toEqual([]);
  });
});

describe('a closing bracket of another kind than the one it closes is one diagnostic, with the fix', () => {
  const cases: [string, string, string, string][] = [
    // text, where the DLG2004 is, its message, the fix's text
    ['r = invokeurl\n[\n\turl: "u"\n\ttype: GET\n);\ninfo r;', '5:1', "')' does not match the '[' it closes (line 2): write ']'", ']'],
    ['x = f(a, b];', '1:11', "']' does not match the '(' it closes (line 1): write ')'", ')'],
    ['m = {"a": 1);\ninfo m;', '1:12', "')' does not match the '{' it closes (line 1): write '}'", '}'],
    ['r = invokeurl\n(\n\turl: "u"\n\ttype: GET\n];', '2:1', "'invokeurl' takes its parameters in '[ … ]': write '[' here (its ']' is on line 5)", '['],
  ];
  it.each(cases)('%s', (text, at, message, fix) => {
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => `${located(d, text).split(' ')[1]} ${d.message}`)).toEqual([`${at} ${message}`]);
    expect(diagnostics[0]!.fix?.text).toBe(fix);
  });
});

describe('a text not closed on its line, with texts after it, is reported where it opens and nothing after it', () => {
  it.each([
    ['if (a)\n{\n\tinfo "big;\n}\nelse\n{\n\tinfo "small";\n}\nx = f("a", 1);', '3:7', 'big', 'on line 7', 19],
    ['m = Map();\nm.put("a, 1);\nm.put("b", 2);\ninfo m;', '2:7', 'a', 'on line 3', 19],
  ])('%s', (text, at, content, where, fixAt) => {
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => `${located(d, text)} ${d.message}`)).toEqual([
      `DLG1002 ${at} this text's closing quote is missing: it ends after '${content}' (as written, it runs on to the '"' ${where}, and what follows is read as code)`,
    ]);
    // The fix puts the quote where the text ends: then the script parses.
    expect(diagnostics[0]!.fix).toEqual({ span: { start: fixAt, end: fixAt }, text: '"' });
    expect(parse(`${text.slice(0, fixAt)}"${text.slice(fixAt)}`).diagnostics).toEqual([]);
  });

  it("says a text's opening quote is missing, where the word before its only quote is the text (x = abc\";)", () => {
    for (const [text, word, at] of [['x = abc";\ninfo x;', 'abc', 4], ['m = Map();\nm.put("a", b");\ninfo m;', 'b', 22]] as const) {
      const diagnostics = parse(text).diagnostics;
      expect(diagnostics.map((d) => d.message)).toEqual([`this text's opening quote is missing: write "${word}"`]);
      expect(diagnostics[0]!.fix).toEqual({ span: { start: at, end: at }, text: '"' });
      expect(parse(`${text.slice(0, at)}"${text.slice(at)}`).diagnostics).toEqual([]);
    }
  });

  it('quotes a long text by its end only, where its quote belongs', () => {
    const long = `${'a'.repeat(2990)}ending here`;
    const text = `m = Map();\nm.put("${long}, 1);\nm.put("b", 2);\ninfo m;`;
    const [missing] = parse(text).diagnostics;
    expect(missing?.message).toBe(`this text's closing quote is missing: it ends after '…${long.slice(-40)}' (as written, it runs on to the '"' on line 3, and what follows is read as code)`);
  });

  it("says where the quotes stop pairing up, once, and still reports the script's other mistakes", () => {
    const text = 'm = Map();\nm.put("a, "b");\nm.put("c", "d");\ninfo m;\nx = 1 2;';
    expect(parse(text).diagnostics.map((d) => `${located(d, text)} ${d.message}`)).toEqual([
      `DLG1002 2:7 the quotes on this line do not pair up: a closing quote is missing in or after this text (as written, it ends at the '"' at column 11, and what follows is read as code)`,
      "DLG2001 5:6 missing ';' at the end of the statement (found '2' next)",
    ]);
  });

  it('closes no text that spans lines on purpose, when the mistakes are elsewhere', () => {
    const text = 'x = "a\nb";\ny = 2 3;\nz = 4 5;';
    expect(parse(text).diagnostics.map((d) => located(d, text))).toEqual(['DLG2001 3:6', 'DLG2001 4:6']);
  });

  it('blames no text that spans lines on purpose', () => {
    expect(parse('x = "a;\nb" + 1;\ny = 2 3;').diagnostics.map((d) => located(d, 'x = "a;\nb" + 1;\ny = 2 3;'))).toEqual(['DLG2001 3:6']);
  });
});

describe("a reserved word used as a variable's name is said so, once", () => {
  it.each([
    ['return = Map();\ninfo 1;', '1:1', 'return'],
    ['for = 1;', '1:1', 'for'],
    ['void f()\n{\n\tcatch = 1;\n\tinfo 2;\n}', '3:2', 'catch'],
    ['in = 3;', '1:1', 'in'],
    // The parser reads on as a try block, to the end of the text or of the enclosing block: nothing said there.
    ['try = 2;', '1:1', 'try'],
    ['try = 2;\ninfo 1;', '1:1', 'try'],
    ['void f()\n{\n\ttry = 2;\n\tif (x) { info 1; }\n}', '3:2', 'try'],
  ])('%s', (text, at, word) => {
    expect(parse(text).diagnostics.map((d) => `${located(d, text)} ${d.message}`)).toEqual([
      `DLG2002 ${at} '${word}' is a reserved word in Deluge and cannot name a variable: choose another name`,
    ]);
  });
});

describe('a run of tokens that starts no statement is underlined on its first line only', () => {
  it("'else' with no 'if' is said so, at the 'else'", () => {
    const text = 'x = 1;\nelse\n{\n\tinfo 1;\n\tinfo 2;\n}';
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => `${located(d, text)} ${d.message}`)).toEqual([
      "DLG2002 2:1 'else' with no 'if' just before it: an 'else' must follow the '}' of an 'if' (or 'else if') block",
    ]);
    expect(diagnostics[0]!.span).toEqual({ start: 7, end: 11 });
  });

  it('ends the span of "unexpected … expected a statement" with its first line', () => {
    const text = 'x = 1;\n: a\nb c\nd;';
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => `${located(d, text)} ${d.message}`)).toEqual(["DLG2002 2:1 unexpected ': …': expected a statement"]);
    expect(diagnostics[0]!.span).toEqual({ start: 7, end: 10 });
  });
});

describe("a statement copied from a docs page's syntax block says its '<…>' parts are placeholders", () => {
  it.each([
    ['<variable> = zoho.crm.getRecords(<module_name>, <page>);', '1:1', '<variable>', 10],
    ['x = 1;\n<response_map>.put(<key>, <value>);', '2:1', '<response_map>', 21],
    // Words joined by dashes, and `>=` (one token) before the assignment's value.
    ['x = <string-variable>.toUpperCase();', '1:5', '<string-variable>', 21],
    ['<response>= zoho.crm.getRecords("Leads");', '1:1', '<response>', 10],
  ])('%j', (text, at, placeholder, end) => {
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => `${located(d, text)} ${d.message}`)).toEqual([
      `DLG2002 ${at} '${placeholder}' is a placeholder from the docs' syntax description, not code: write a name or value in place of each '<…>'`,
    ]);
    expect(diagnostics[0]!.span.end).toBe(end);
  });

  it("a '<' that starts no placeholder is only unexpected", () => {
    expect(parse('< x > = 1;').diagnostics.map((d) => d.message)).toEqual(["unexpected '< …': expected a statement"]);
    expect(parse('x = <a->;').diagnostics.map((d) => d.message)).toEqual(["unexpected '<': expected an expression"]);
    expect(parse('x = <-a>;').diagnostics.map((d) => d.message)).toEqual(["unexpected '<': expected an expression"]);
  });
});

describe('a comparison written as a statement is a warning (DLG2015)', () => {
  it.each([
    ['x = null;\namount = 1;\namount == ifnull(x, 0);\ninfo amount;', "DLG2015 3:8 this comparison's result is not used: to assign, write '=' (not '==')"],
    ['count = 1;\ncount < 10;', "DLG2015 2:7 this comparison's result is not used: assign it to a variable, or remove the statement"],
    ['m = Map();\nm.get("a") == 1;', "DLG2015 2:12 this comparison's result is not used: assign it to a variable, or remove the statement"],
  ])('%s', (text, expected) => {
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics.map((d) => `${located(d, text)} ${d.message}`)).toEqual([expected]);
    expect(diagnostics[0]!.severity).toBe('warning');
  });

  it("fixes '==' to '=' when a variable is on the left", () => {
    const [d] = parse('amount = 1;\namount == 2;').diagnostics;
    expect(d?.span).toEqual({ start: 19, end: 21 });
    expect(d?.fix).toEqual({ span: { start: 19, end: 21 }, text: '=' });
  });

  it('says nothing of a comparison that is assigned, tested or returned', () => {
    expect(parse('a = 1;\nb = a == 1;\nif (a == 1) { info b; }\ninfo a != 2;').diagnostics).toEqual([]);
  });
});

describe("a page's text before its first island", () => {
  it('is said once to be the mistake, with what HTML there must begin with, not as a docs placeholder or a missing ;', () => {
    for (const text of ['// my page\n<h1>Hi</h1>\n<%{\n\tx = 1;\n}%>\n', 'Dear customer,\n<%{\n\tx = 1;\n}%>\n<p><%=x%></p>\n']) {
      const { diagnostics } = parse(text);
      expect(diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([
        `DLG2002 1:1 '${text.split('\n')[0]}' is text before the page's first '<%{', read as Deluge: HTML before a page's first island must begin with a tag ('<p>…</p>')`,
      ]);
    }
  });
});

describe('insertionRounds: how many left-out tokens are put in, one parse each', () => {
  it('as many as re-parsing about 400 KB allows, fewer for a file of many errors (each costs its recovery), 5 to 50', () => {
    expect(insertionRounds('x'.repeat(2_000), 3)).toBe(50);
    expect(insertionRounds('x'.repeat(40_000), 0)).toBe(10);
    // 500 lines each with a `(` left open took 11 s in 50 rounds; now 5.
    expect(insertionRounds('x'.repeat(8_000), 500)).toBe(5);
    expect(insertionRounds('x'.repeat(1_000_000), 0)).toBe(5);
  });
});
