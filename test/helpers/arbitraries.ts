import fc from 'fast-check';

/** Pieces of Deluge, valid and broken, that a token soup is made of. */
const FRAGMENTS = [
  'if (', 'if', 'else', 'else if (', 'for each', 'for each index', ' in ', 'not in', 'while (', 'for (i = 0; i < 3; i++)',
  'try', 'catch (e)', 'throw', 'return', 'break;', 'continue;', 'info', 'void', 'string', 'int', 'standalone.f(',
  '{', '}', '(', ')', '[', ']', ';', ',', ':', '.', '=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '++', '--',
  '+', '-', '*', '/', '%', '<', '<=', '>', '>=', '&&', '||', '!', '?', '&', '|', '#', '@', '`', '\\',
  '"x"', '"', "'", "'15-Aug-1947'", '“', '”', '‘', '’', '"a\\"b"', '/*', '*/', '// c\n', '/* c */',
  '<%', '<%{', '%>', '<%=', '}%>', '<p>', '</p>',
  'invokeurl [', 'invokeUrl', 'sendmail [', 'invokeapi', 'url:', 'type: GET', 'content-type:', 'response-format', ']',
  'insert into Form [', 'delete from', 'Form[', 'sort by', 'desc', 'range from 1 to 10', 'hide', 'show', 'alert', 'cancel submit;',
  'input.F:ui.add(', 'openUrl(', 'List:String()', 'Map()', 'collection("k" : 1)', 'ifnull(', 'if(',
  'zoho.crm.getRecordById(', 'zoho.currenttime', 'today', 'thisapp.', 'input.', 'true', 'False', 'NULL', 'null',
  '0', '42', '3.14', '.5', '1e5', 'Copied', '\\\n', '\u00a0', '\ufeff', '\r\n', '\r', '\n', '\t', ' ',
];

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const number = fc.oneof(fc.nat({ max: 10_000 }).map(String), fc.double({ min: 0, max: 1e4, noNaN: true }).map((n) => n.toFixed(2)));
const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  ');

/** A sequence of Deluge fragments, identifiers and numbers, joined by random whitespace (or none). */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, identifier, number), space), { maxLength: 40 })
  .map((parts) => parts.map(([piece, ws]) => piece + ws).join(''));

/** Any string: every code point (astral ones too), plus lone surrogates, BOMs and line breaks mixed in. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('\ud800', '\udfff', '\ufeff', '\r', '\n', '"', "'", '/*', '<%', '%>', '“', '{', '}', '[', ']', ';'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 60,
  }),
);

// ── Valid Deluge ────────────────────────────────────────────────────────────────────────────────────────────

/** Names that are never keywords (every generated name has a `v` prefix and a digit-free lower-case tail). */
const name = fc.stringMatching(/^[a-z]{1,5}$/).map((s) => `v${s}`);
const text = fc.stringMatching(/^[A-Za-z0-9 ,.:!?-]{0,12}$/).map((s) => `"${s}"`);

const { expr } = fc.letrec<{ expr: string; primary: string }>((tie) => ({
  primary: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    fc.nat({ max: 999 }).map(String),
    fc.constantFrom('0.5', '12.75', 'true', 'false', 'null', 'NULL', 'True', "'15-Aug-1947'", '{}', 'Map()', 'List()', 'zoho.currenttime', 'today'),
    text,
    fc.tuple(name, name).map(([a, b]) => `${a}.${b}`),
    fc.tuple(name, name, fc.array(tie('expr'), { maxLength: 2 })).map(([o, m, args]) => `${o}.${m}(${args.join(', ')})`),
    fc.tuple(name, fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.array(tie('expr'), { minLength: 1, maxLength: 3 }).map((els) => `{${els.join(', ')}}`),
    fc.array(fc.tuple(text, tie('expr')), { minLength: 1, maxLength: 2 }).map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    tie('expr').map((e) => `(${e})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('primary'),
    fc.tuple(fc.constantFrom('!', '-', '+'), tie('primary')).map(([op, e]) => `${op}${e}`),
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', 'in', 'not in'), tie('expr'))
      .map(([a, op, b]) => `${a} ${op} ${b}`),
  ),
}));

const { block } = fc.letrec<{ stmt: string; block: string }>((tie) => ({
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(name, fc.constantFrom('=', '+=', '-=', '*=', '/=', '%='), expr).map(([n, op, e]) => `${n} ${op} ${e};`),
    fc.tuple(name, name, expr).map(([o, f, e]) => `${o}.${f} = ${e};`),
    fc.tuple(name, name, fc.array(expr, { maxLength: 2 })).map(([o, m, args]) => `${o}.${m}(${args.join(', ')});`),
    expr.map((e) => `info ${e};`),
    fc.option(expr).map((e) => (e === null ? 'return;' : `return ${e};`)),
    // (Inside a loop: outside every loop they are a syntax error, DLG2018.)
    fc.tuple(name, expr, expr, fc.constantFrom('break;', 'continue;')).map(([v, e, c, k]) => `for each ${v} in ${e}\n{\n\tif (${c}) { ${k} }\n}`),
    fc.tuple(expr, tie('block'), fc.option(tie('block'))).map(([c, t, e]) => `if (${c})\n${t}${e === null ? '' : `\nelse\n${e}`}`),
    fc.tuple(expr, tie('block'), expr, tie('block')).map(([c, t, c2, t2]) => `if (${c}) ${t} else if (${c2}) ${t2}`),
    fc.tuple(fc.boolean(), name, expr, tie('block')).map(([idx, v, e, b]) => `for each ${idx ? 'index ' : ''}${v} in ${e}\n${b}`),
    fc.tuple(tie('block'), name, tie('block')).map(([b, e, h]) => `try ${b} catch (${e}) ${h}`),
    fc.tuple(name, expr, expr).map(([v, u, p]) => `${v} = invokeurl\n[\n\turl: ${u}\n\ttype: POST\n\tparameters: ${p}\n\tcontent-type: "application/json"\n];`),
  ),
  block: fc.array(tie('stmt'), { maxLength: 3 }).map((stmts) => `{\n${stmts.map((s) => `\t${s.replace(/\n/g, '\n\t')}`).join('\n')}\n}`),
}));

const statement = block.map((b) => b.slice(2, -2)); // a block's statements, at top level

/** A syntactically valid Deluge script: top-level statements, or a function declaration around them. */
export const validScript: fc.Arbitrary<string> = fc.oneof(
  statement,
  fc.tuple(fc.constantFrom('void', 'string', 'map', 'List:String'), name, name, statement).map(
    ([type, category, fn, body]) => `${type} ${category}.${fn}(String ${fn}Id, int count)\n{\n${body}\n}\n`,
  ),
);

/**
 * A text of `corpus` with a few random edits (a range deleted, a fragment inserted, a character replaced):
 * nearly valid Deluge, which drives the parser's error recovery through realistic paths.
 */
export function mutationOf(corpus: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.oneof(fc.constant(''), fc.constantFrom(...FRAGMENTS)));
  return fc.tuple(fc.constantFrom(...corpus), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([text, edits]) => {
    let out = text;
    for (const [at, length, insert] of edits) {
      const start = at % (out.length + 1);
      out = out.slice(0, start) + insert + out.slice(Math.min(out.length, start + length));
    }
    return out;
  });
}
