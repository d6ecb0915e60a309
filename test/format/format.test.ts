import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { format } from '../../src/format/index.js';
import { parse } from '../../src/syntax/parse.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lint } from '../../src/linter/lint.js';
import { dgFixtures } from '../helpers/fixtures.js';
import { formatProblems } from './same-program.js';

/**
 * `format` on its own: golden files (test/format/fixtures/<name>.dg → <name>.formatted.dg, written by
 * `npx vitest run test/format -u`), then the style decisions one by one, then what happens to broken input.
 */

const fixtures = dgFixtures(new URL('./fixtures/', import.meta.url)).filter((f) => !f.name.endsWith('.formatted'));

describe('golden files', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const result = format(fixture.text);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expect(result.value).toMatchFileSnapshot(`./fixtures/${fixture.name}.formatted.dg`);
    expect(formatProblems(fixture.text)).toEqual([]);
  });
});

/** The formatted text of a snippet, with its lines in an array for readable expectations. */
const lines = (text: string): string[] => format(text).value.split('\n');

describe('the canonical style', () => {
  it('indents by four spaces and puts every brace on its own line (Allman, as Zoho’s editor does)', () => {
    expect(lines('if(a){for each x in l{info x;}}')).toEqual(['if(a)', '{', '    for each x in l', '    {', '        info x;', '    }', '}', '']);
  });

  it('writes if(…), else if(…) and catch (e) as Zoho’s editor does', () => {
    expect(lines('if (a) { x = 1; } else if (b) { x = 2; } else { x = 3; }\ntry { f(); } catch(e) { info e; }')).toEqual([
      'if(a)', '{', '    x = 1;', '}', 'else if(b)', '{', '    x = 2;', '}', 'else', '{', '    x = 3;', '}',
      'try', '{', '    f();', '}', 'catch (e)', '{', '    info e;', '}', '',
    ]);
  });

  it('adds the braces around a body written without them', () => {
    expect(lines('if (x == null) return "";')).toEqual(['if(x == null)', '{', '    return "";', '}', '']);
  });

  it('keeps the comments of a body written without braces beside its statement, inside the braces it adds', () => {
    // A comment at the end of the body's line stays on that line, not after the `}`; one on a line of its own above
    // the body stays right above it, inside the braces (where a `deluge-disable-next-line` is meant).
    expect(lines('if (x > 0) x = x; // why\ninfo x;')).toEqual(['if(x > 0)', '{', '    x = x; // why', '}', 'info x;', '']);
    expect(lines('if (a) x = 1; // c\nelse x = 2; /* d */ // e\nfor each i in l info i; // f')).toEqual([
      'if(a)', '{', '    x = 1; // c', '}', 'else', '{', '    x = 2; /* d */ // e', '}', 'for each i in l', '{', '    info i; // f', '}', '',
    ]);
    expect(lines('if (x > 0) // why\n// deluge-disable-next-line self-assignment\n\tx = x;')).toEqual([
      'if(x > 0) // why', '{', '    // deluge-disable-next-line self-assignment', '    x = x;', '}', '',
    ]);
  });

  it('keeps the comments after a `}` that ends its body\'s last line beside that body\'s last statement', () => {
    // (After the `}` on a line of its own, a comment about the statement would be about nothing.)
    expect(lines('if (x > 0) { x = x; } // why\ninfo x;')).toEqual(['if(x > 0)', '{', '    x = x; // why', '}', 'info x;', '']);
    expect(lines('if (a) { x = 1; } /* c */ // d\nelse {\n\tx = 2; } // e\ntry { f(); } catch (e) { info e; } // g')).toEqual([
      'if(a)', '{', '    x = 1; /* c */ // d', '}', 'else', '{', '    x = 2; // e', '}', 'try', '{', '    f();', '}', 'catch (e)', '{', '    info e; // g', '}', '',
    ]);
    // Several blocks closing on that line: beside the statement of the innermost.
    expect(lines('if (a) { b = 1; if (b) { x = x; } } // why')).toEqual([
      'if(a)', '{', '    b = 1;', '    if(b)', '    {', '        x = x; // why', '    }', '}', '',
    ]);
    // A `}` on a line of its own keeps its comments.
    expect(lines('if (a) {\n\tx = 1;\n} // c')).toEqual(['if(a)', '{', '    x = 1;', '} // c', '']);
  });

  it('turns a suppression over a line it splits into a range over what the line held, so that lint reports the same', () => {
    // `deluge-disable-next-line` and `deluge-disable-line` cover one line; split, the line's first or last statement
    // would be all they cover.
    expect(lines("// deluge-disable-next-line prefer-double-quotes -- legacy\nif (x == \"a\") info 'b';")).toEqual([
      '// deluge-disable prefer-double-quotes -- legacy', 'if(x == "a")', '{', "    info 'b'; // deluge-enable prefer-double-quotes", '}', '',
    ]);
    expect(lines("\ta = 'd'; b = 'e'; // deluge-disable-line prefer-double-quotes, unused-variable\ninfo 1;")).toEqual([
      '// deluge-disable prefer-double-quotes, unused-variable', "a = 'd';", "b = 'e'; // deluge-enable prefer-double-quotes, unused-variable", 'info 1;', '',
    ]);
    // A comment after the line's code keeps its place: the range ends before it.
    expect(lines('// deluge-disable-next-line\nif (x > 0) x = x; // note')).toEqual(['// deluge-disable', 'if(x > 0)', '{', '    x = x; /* deluge-enable */ // note', '}', '']);
    // A next-line directive after code covers the next line all the same (and formatting twice changes nothing).
    const trailing = 'x = 1; // deluge-disable-next-line self-assignment\nif (x > 0) x = x;';
    expect(lines(trailing)).toEqual(['x = 1; // deluge-disable self-assignment', 'if(x > 0)', '{', '    x = x; // deluge-enable self-assignment', '}', '']);
    expect(format(format(trailing).value).value).toBe(format(trailing).value);
    // A statement that begins on the covered line and ends on a later one, before more code: the range ends there,
    // and the code after it stays code.
    expect(lines('// deluge-disable-next-line self-assignment\nif (a) x = [1,\n2]; else if (b) x = x;')).toEqual([
      '// deluge-disable self-assignment', 'if(a)', '{', '    x = [1, 2]; /* deluge-enable self-assignment */', '}', 'else if(b)', '{', '    x = x;', '}', '',
    ]);
    // A next-line directive after code over a line that goes on with a statement begun before it: the printer joins
    // the lines (or moves the directive past them), so it becomes a range from before the statement.
    expect(lines('x = [1, // deluge-disable-next-line some-rule -- why\n 2]; info x;')).toEqual([
      '// deluge-disable some-rule -- why', 'x = [1, 2];', 'info x; // deluge-enable some-rule', '',
    ]);
    // A line that stays one line keeps its directive; so does a page template's HTML, printed as written.
    expect(lines('// deluge-disable-next-line self-assignment\nx = x;')).toEqual(['// deluge-disable-next-line self-assignment', 'x = x;', '']);
    const template = '<%{\n    x = 1;\n    // deluge-disable-next-line some-rule\n    %><%=x%>\n<%\n}%>\n';
    expect(format(template).value).toBe(template);

    const onlyRules = {
      'prefer-double-quotes': 'warning',
      'self-assignment': 'warning',
      'unused-variable': 'warning',
      'unused-suppression': 'warning',
      'insecure-http-with-credentials': 'warning',
      'hardcoded-credential': 'warning',
    } as const;
    /** What lint reports and what suppressions hide, by code and the text each points at (the lines move). */
    const reported = (text: string) => {
      const { diagnostics, suppressed = [] } = lint('a.dg', text, { rules: onlyRules });
      const shown = (d: Diagnostic) => `${d.code} ${text.slice(d.span.start, d.span.end)}`;
      return { reported: diagnostics.map(shown), suppressed: suppressed.map((s) => shown(s.diagnostic)) };
    };
    for (const text of [
      "x = \"a\";\n// deluge-disable-next-line prefer-double-quotes -- legacy\nif (x == \"a\") info 'b'; else info 'c';\ninfo 'd';",
      "a = 'd'; b = 'e'; // deluge-disable-line prefer-double-quotes\ninfo a + b;",
      "x = 1;\nif (x > 0) { x = x; } else if (x < 0) x = x; // deluge-disable-line self-assignment\nx = x;",
      "x = 1;\n// deluge-disable-next-line self-assignment, prefer-double-quotes -- both\nfor each i in {1} { x = x; info 'e'; } info 'f';",
      // A task block's parameters on one line: fmt gives each its own.
      'r = invokeurl\n[\n\turl :"http://api.example.com/x" type :POST headers: {"Authorization": "Bearer abc123456789xyz"} // deluge-disable-line insecure-http-with-credentials, hardcoded-credential\n];\ninfo r;',
      // A statement that goes on past the line: a next-line directive covers all of it.
      '// deluge-disable-next-line insecure-http-with-credentials, hardcoded-credential\nr = invokeurl [ url :"http://api.example.com/x" type :POST\n\theaders: {"Authorization": "Bearer abc123456789xyz"} ];\ninfo r;',
      // A next-line directive after code, over a line that goes on with the statement: fmt joins the two lines.
      'x = {"a", // deluge-disable-next-line prefer-double-quotes\n\t\'b\'};\ninfo x + \'c\';',
      'x = 1;\nif (x > 0) { x = 2; // deluge-disable-next-line self-assignment\n} else { x = x; }\nx = x;',
      // After the `[` of an insert or a task block, which the printer puts on a line of its own below the directive.
      "h = insert into Log [ // deluge-disable-next-line prefer-double-quotes\n\tNote = 'x'\n\tOther = 'y'\n];\ninfo h;",
      // Before a body without braces, where the printer adds a `{` line.
      'x = 1;\nif (x > 0) // deluge-disable-next-line self-assignment\n\tx = x;\nx = x;',
      // On a line of its own inside a statement, over a line that goes on with it: fmt joins them and moves the comment.
      'm = {"a": 1,\n\t// deluge-disable-next-line duplicate-map-key -- ok\n\t"b": 2, "a": 3};\ninfo m;',
      'r = invokeurl\n[\n\turl:\n\t// deluge-disable-next-line delete-wf-trigger-not-boolean -- ok\n\t"https://www.zohoapis.com/crm/v7/Leads?ids=1&wf_trigger=1"\n\ttype: DELETE\n\tconnection: "crm"\n];\ninfo r.get("data");',
      'a = 1;\nx = 1;\nif (a > 0) { x = 1; }\n// deluge-disable-next-line self-assignment -- ok\nelse { x = x; }\ninfo x;',
      // Block-comment directives: the range is written in block comments (code may follow on the line).
      '/* deluge-disable-next-line self-assignment -- ok */\na = 1; b = b;\ninfo a;',
      'a = 1; a = a; /* deluge-disable-line self-assignment -- ok */ b = 2; b = b;\ninfo a + b;',
      '/* deluge-disable-line self-assignment */ a = a; b = b;\ninfo a + b;',
      // Before a task block's parameter on its line: it stays there.
      'r = invokeurl\n[\n\turl: "https://api.example.com/a"\n\t/* deluge-disable-line hardcoded-credential */ headers: {"Authorization": "Bearer abc123456789xyz"}\n];\ninfo r;',
      // A function declared on one line: its body's statements go on lines of their own.
      '// deluge-disable-next-line self-assignment -- ok\nvoid f.g(int y) { y = y; }',
      // A disable-line inside an argument list that fmt spreads one argument a line: it covered the statement's first line.
      'result = zoho.crm.getRecords("Leads", 1, // deluge-disable-line unused-variable -- ok\n    200);',
      // … after the last argument, the `)` on the next line; and before a leading comma.
      'resp = zoho.crm.updateRecord("Leads", 1, {"a": 1} // deluge-disable-line unused-variable\n);',
      'r = {"a": 1 // deluge-disable-line unused-variable\n\t, "b": 2};',
      // A disable-line after a statement with a line comment inside it: fmt joins the lines and puts that comment at
      // their end, which pushed the directive onto a line of its own.
      'list = {{"a": 1}};\nx = list.get(0) // first\n    .get("a"); // deluge-disable-line unused-variable\ny = // why\n    5; // deluge-disable-line unused-variable',
    ]) {
      const before = reported(text);
      expect(before.suppressed.length).toBeGreaterThan(0);
      expect(reported(format(text).value)).toEqual(before);
      expect(formatProblems(text)).toEqual([]);
    }
  });

  it('never lets a directive inside a statement come to cover the statement after it', () => {
    // `x =`, the directive, `x;`: joined, the comment went below the statement, over `y = y;`, and hid its error.
    const text = 'x = 1;\nx =\n  // deluge-disable-next-line\n  x;\ny = y;\n';
    const formatted = format(text).value;
    expect(formatted).toBe('x = 1;\n// deluge-disable\nx = x; // deluge-enable\ny = y;\n');
    const last = formatted.indexOf('y = y');
    expect(lint('a.dg', formatted).diagnostics.filter((d) => d.span.start >= last).map((d) => d.code)).toEqual(['DLG5002', 'DLG5008', 'DLG5001']);
  });

  it('keeps a block comment that begins a statement\'s line before that statement, on that line', () => {
    // (On a line of its own above, a `deluge-disable-line` in it would cover nothing, a `deluge-disable-next-line` more.)
    expect(lines('x = 1;\n/* deluge-disable-line self-assignment */ x = x;\nif (x) {\n\t/* a */ /* b */ info x; /* c */ info 2;\n}')).toEqual([
      'x = 1;', '/* deluge-disable-line self-assignment */ x = x;', 'if(x)', '{', '    /* a */ /* b */ info x; /* c */', '    info 2;', '}', '',
    ]);
  });

  it('keeps the comments after a `[` that ends a task or insert statement\'s line on that line, as the bracket moves to its own', () => {
    // (A `deluge-disable-line` there covers the statement's first line, where `r` is: on the `[` line it would cover nothing.)
    const text = 'r = invokeurl [ // deluge-disable-line unused-variable -- why\n\turl :"https://x.com"\n\ttype :GET\n];\nh = insert into Log [ /* a */ // b\n\tNote = "x"\n];';
    expect(lines(text)).toEqual([
      'r = invokeurl // deluge-disable-line unused-variable -- why', '[', '    url : "https://x.com"', '    type : GET', '];',
      'h = insert into Log /* a */ // b', '[', '    Note = "x"', '];', '',
    ]);
    const suppressed = (t: string) => lint('a.dg', t).suppressed?.map((s) => s.diagnostic.code);
    expect(suppressed(format(text).value)).toEqual(suppressed(text));
  });

  it('keeps `else` and `if` on lines of their own when a line comment lies between them', () => {
    // Joined as `else if(…)`, the comment would move past the condition: a `deluge-disable-next-line` above the `if`
    // would no longer cover it, and a `deluge-disable-line` after `else` would start to.
    expect(lines('if (a) {\n} else\n// deluge-disable-next-line single-equals-comparison\nif (b = 1) {\n}')).toEqual([
      'if(a)', '{', '}', 'else', '// deluge-disable-next-line single-equals-comparison', 'if(b = 1)', '{', '}', '',
    ]);
    expect(lines('if (a) {\n} else // c\nif (b) {\n} else /* d */ if (c) {\n} else\nif (d) {\n}')).toEqual([
      'if(a)', '{', '}', 'else // c', 'if(b)', '{', '}', 'else /* d */ if(c)', '{', '}', 'else if(d)', '{', '}', '',
    ]);
  });

  it('keeps the comments after a `{` that ends its statement\'s line on that line, as the brace moves to its own', () => {
    // (A `deluge-disable-line` there covers the statement's first line: it must stay on it.)
    expect(lines('if (x = 1) { // deluge-disable-line single-equals-comparison -- legacy\n\tinfo x;\n}')).toEqual([
      'if(x = 1) // deluge-disable-line single-equals-comparison -- legacy', '{', '    info x;', '}', '',
    ]);
    expect(lines('for each r in rows { /* a */ // b\n\tinfo r;\n}\ntry { // c\n\tf();\n} catch (e) { /* d */ info e; }')).toEqual([
      'for each r in rows /* a */ // b', '{', '    info r;', '}', 'try // c', '{', '    f();', '}', 'catch (e) /* d */', '{', '    info e;', '}', '',
    ]);
    // After `else` and `catch (e)`, likewise: the comment stays on the keyword's line, not on the `}` above it.
    expect(lines('if (a) {\n} else { // c\n\tinfo 1;\n}\ntry {\n} catch (e) // d\n{\n\tinfo e;\n}')).toEqual([
      'if(a)', '{', '}', 'else // c', '{', '    info 1;', '}', 'try', '{', '}', 'catch (e) // d', '{', '    info e;', '}', '',
    ]);
    // A `{` on a line of its own keeps its comments.
    expect(lines('if (a)\n{ // why\n\tinfo a;\n}')).toEqual(['if(a)', '{ // why', '    info a;', '}', '']);
  });

  it('spaces binary operators, keeps the parentheses and literals as written', () => {
    expect(format('x=(a+b)*-c>=10&&d!=NULL||e in {1,2};s=\'15-Aug-1947\';n=.5;').value).toBe(
      "x = (a + b) * -c >= 10 && d != NULL || e in {1, 2};\ns = '15-Aug-1947';\nn = .5;\n",
    );
  });

  it('keeps a space between repeated signs, which would otherwise lex as -- or ++', () => {
    expect(format('n = - -x + + +y;').value).toBe('n = - -x + + +y;\n');
  });

  it('prints maps and lists with ", " and "key: value"', () => {
    expect(format('m = {"a" : 1 ,"b":{1 , 2}, "c":{}};').value).toBe('m = {"a": 1, "b": {1, 2}, "c": {}};\n');
  });

  it('prints task blocks one "key : value" a line, keys as written, no commas, with a ";"', () => {
    expect(lines('r = invokeUrl [ url: u Content-Type:"text/plain" type: GET ]')).toEqual([
      'r = invokeUrl', '[', '    url : u', '    Content-Type : "text/plain"', '    type : GET', '];', '',
    ]);
  });

  it('keeps one blank line where the source has one or more, and none after "{" or before "}"', () => {
    expect(format('\n\n\na = 1;\nb = 2;\n\n\nc = 3;\n').value).toBe('a = 1;\nb = 2;\n\nc = 3;\n');
    expect(format('if (a)\n{\n\n  x = 1;\n\n  y = 2;\n\n}\n').value).toBe('if(a)\n{\n    x = 1;\n\n    y = 2;\n}\n');
  });

  it('drops stray semicolons and ends the text with one line break', () => {
    expect(format(';;x = 1;;\n\n\n').value).toBe('x = 1;\n');
    expect(format('').value).toBe('');
  });

  it('reads CRLF and a BOM, and writes LF without the BOM', () => {
    const result = format('\uFEFF// c\r\nx = 1;\r\n\r\ny = 2;\r\n');
    expect(result.value).toBe('// c\nx = 1;\n\ny = 2;\n');
    expect(result.changed).toBe(true);
    // Inside a block comment too (and after old Macs' CR alone).
    expect(format('x = 1;\r\n/* a\r\n   b */\r\ny = 2; /* c\rd */\r\n').value).toBe('x = 1;\n/* a\n   b */\ny = 2; /* c\nd */\n');
  });

  it('prints text pasted from Zoho’s docs clean', () => {
    const pasted = 'Copiedresponse = invokeurl\n[\\\n\turl: "https://example.com"\\\n\ttype: DELETE\\\n];\ninfo response;\n';
    expect(format(pasted).value).toBe('response = invokeurl\n[\n    url : "https://example.com"\n    type : DELETE\n];\ninfo response;\n');
  });

  it('keeps a line comment beside its item or operand: a map one entry a line, a chain broken at the comment', () => {
    expect(lines('m = {"a": 1, // the a\n"b": 2};\ninfo m;')).toEqual(['m = {', '    "a": 1, // the a', '    "b": 2', '};', 'info m;', '']);
    expect(lines('t = a // net\n+ b // tax\n+ c;\ninfo t;')).toEqual(['t = a // net', '    + b // tax', '    + c;', 'info t;', '']);
    // Without a line comment among them, items stay on one line; a block comment moves to the end of the line.
    expect(lines('m = {"a": 1 /* one */, "b": 2};')).toEqual(['m = {"a": 1, "b": 2}; /* one */', '']);
  });

  it('keeps a line comment beside its item in if(…), a function header’s parameters and a task key’s several values', () => {
    expect(lines('s = if(a > 1, // choose\n"x", "y");')).toEqual(['s = if(', '    a > 1, // choose', '    "x",', '    "y"', ');', '']);
    expect(lines('string standalone.f(string a, // p\nint b)\n{\n\treturn a;\n}')).toEqual(['string standalone.f(', '    string a, // p', '    int b', ')', '{', '    return a;', '}', '']);
    expect(lines('sendmail\n[\n\tfrom: zoho.adminuserid\n\tto: "a@b.com", // first\n"c@d.com"\n\tsubject: "s"\n];')).toEqual([
      'sendmail', '[', '    from : zoho.adminuserid', '    to : "a@b.com", // first', '        "c@d.com"', '    subject : "s"', ']', '',
    ]);
  });

  it('breaks only where the comment is: one inside an item (a nested task block, an operand) is that item’s', () => {
    const nested = 'r = invokeurl\n[\n\turl: "u"\n\tparameters: {"x": invokeurl [ url: "v" // nested\n type: GET ]}\n];\n';
    expect(lines(nested)).toEqual(['r = invokeurl', '[', '    url : "u"', '    parameters : {"x": invokeurl [url : "v" type : GET]} // nested', '];', '']);
    expect(format(format(nested).value).value).toBe(format(nested).value);
    expect(lines('if (a)\n{\n\tl.add(x + y // c\n\t+ z);\n}\n')).toEqual(['if(a)', '{', '    l.add(x + y // c', '        + z);', '}', '']);
    expect(lines('z = {"k": 1, // c\n"j": 2} // m\n+ "b";\n')).toEqual(['z = {', '    "k": 1, // c', '    "j": 2', '} // m', '    + "b";', '']);
  });

  it('does not indent the next line when a comment after a nested block’s "]" cannot break the line there', () => {
    // After a nested block's `]` the line never breaks (afterBlockEnd): the comment goes to the end of the line, and
    // the line after it is not a continuation.
    const text = 'n = invokeurl\n[\n\turl: "u"\n\tparameters: {"f": invokeurl [ url: "v" ] // c\n+ "x"}\n];\n';
    expect(lines(text)).toEqual(['n = invokeurl', '[', '    url : "u"', '    parameters : {"f": invokeurl [url : "v"] + "x"} // c', '];', '']);
    expect(format(format(text).value).value).toBe(format(text).value);
  });

  it('does not break a map or call open for a comment after its last item’s "]", which cannot stay there', () => {
    const nested = 'n = invokeurl\n[\n\turl: "u"\n\tparameters: {"f": invokeurl [ url: "v" ] // c\n}\n];\n';
    expect(lines(nested)).toEqual(['n = invokeurl', '[', '    url : "u"', '    parameters : {"f": invokeurl [url : "v"]} // c', '];', '']);
    const call = 'x = f(a, insert into F [ A = 1 ] // c\n);\n';
    expect(lines(call)).toEqual(['x = f(a, insert into F', '[', '    A = 1', ']); // c', '']);
    for (const text of [nested, call]) expect(format(format(text).value).value).toBe(format(text).value);
  });

  it('keeps the HTML of a page template byte for byte', () => {
    const page = '<%{\n x = 1;\n%>\n  <p class="a">  <%= x %>  </p>\n<%\n}%>\n<footer>\t</footer>';
    expect(format(page).value).toBe('<%{\n    x = 1;\n    %>\n  <p class="a">  <%=x%>  </p>\n<%\n}%>\n<footer>\t</footer>');
  });
});

describe('input it does not format', () => {
  it('returns text with syntax errors untouched, with its diagnostics', () => {
    const broken = 'x = 1\ny = ;\n';
    const result = format(broken);
    expect(result.value).toBe(broken);
    expect(result.changed).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['DLG2001', 'DLG2002']);
  });

  it('formats text with warnings only, and returns the warnings', () => {
    const result = format('if (a = 1) { x = 2; }');
    expect(result.value).toBe('if(a = 1)\n{\n    x = 2;\n}\n');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['DLG2007']);
  });

  it('reports no change for formatted text', () => {
    const result = format('x = 1;\n');
    expect(result).toEqual({ value: 'x = 1;\n', diagnostics: [], changed: false });
  });
});

describe('README', () => {
  it('shows a before/after pair that is what format does', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Formatting'));
    const [before, after] = [...section.matchAll(/```deluge\n\/\/ (?:before|after)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(before).toBeDefined();
    expect(format(before!).value).toBe(after);
  });
});

describe('nesting the braces would put past what Deluge parses', () => {
  // Brace-less ifs parse 200 deep, braced blocks 160 (src/syntax/parser.ts, MAX_RULE_DEPTH): at each depth the formatter
  // gives a text that parses, or the text as it was with DLG2014.
  it('never gives a text that does not parse: it leaves the text as it is with DLG2014 (240 brace-less ifs became a file check refused)', () => {
    let refused = 0;
    let changed = 0;
    for (let n = 100; n <= 220; n += 10) {
      const text = `${'if (true) '.repeat(n)}info 1;\n`;
      if (parse(text).diagnostics.some((d) => d.severity === 'error')) break;
      const result = format(text);
      if (result.changed) {
        expect(parse(result.value).diagnostics.filter((d) => d.severity === 'error'), `${n} levels`).toEqual([]);
        changed++;
        continue;
      }
      refused++;
      expect(result.value).toBe(text);
      const said = result.diagnostics.find((d) => d.code === 'DLG2014')!;
      expect(said.message).toMatch(/^formatted, this script would nest blocks deeper than Deluge parses/);
      expect(text.slice(said.span.start, said.span.end)).toMatch(/^(info 1|1|true)/);
    }
    expect(refused).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(0);
  });
});
