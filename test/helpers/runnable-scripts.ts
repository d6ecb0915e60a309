import fc from 'fast-check';

/**
 * Well-formed, self-contained Deluge scripts that run to an end (or a runtime error) without requests: a differential
 * test runs each with `deluge run` and as the program `deluge emit --to typescript` makes of it, and compares.
 *
 * Every script starts by giving each of its variables a value of its type (`n` a NUMBER, `d` a DECIMAL, `t` a text,
 * `b` a boolean, `z` null, `l` a list, `m` a map, `w` a date-time); expressions are generated for a type, so most statements run, and
 * a few mix types on purpose (text + number, a method on null, an index past the end), mostly inside try/catch.
 * Literals lean to the values where conversions are delicate: NUMBERs near 2^53 and 2^63, DECIMALs that print with
 * few or many digits, text that reads as a number, a date, JSON or a regex, text with escapes and characters past the
 * Basic Multilingual Plane, typed lists (`List:Int({"1"})`), date-times near a zone's clock change (the batch runs
 * both sides at one clock and zone). Now and then a script ends early: a top-level `return`, or break/continue
 * outside any loop.
 *
 * Left out, as they would make the comparison hang rather than differ: a list or map changed inside a `for each` over
 * it, or by the function a `for each` calls (it grows at each step: deluge run stops at its statement limit, the
 * program, which counts no statements, would loop on).
 */

type Kind = 'number' | 'decimal' | 'text' | 'boolean' | 'list' | 'map' | 'datetime';
const KINDS: readonly Kind[] = ['number', 'decimal', 'text', 'boolean', 'list', 'map', 'datetime'];
const VARIABLE: Readonly<Record<Kind, string>> = { number: 'n', decimal: 'd', text: 't', boolean: 'b', list: 'l', map: 'm', datetime: 'w' };

const NUMBERS = [
  '0', '1', '2', '3', '7', '10', '-1', '-7', '100', '255', '1000000',
  '3037000500', '4294967296', '9007199254740991', '9007199254740992', '9007199254740993',
  '4611686018427387904', '9223372036854775807', '-9223372036854775807',
];
const DECIMALS = ['0.0', '0.5', '1.5', '2.25', '0.1', '0.2', '3.0', '10.10', '-2.5', '1.005', '123456.789', '0.000001', '99999999999.99', '9007199254740993.0', '1.23456789012345678'];
const TEXTS = [
  '""', '"abc"', '" Hi There "', '"123"', '"12.50"', '"-7"', '"0"', '"true"', '"null"', '"a,b,c"', '"A-b-C"',
  '"{\\"k\\":1,\\"n\\":[1,2.50,\\"x\\"]}"', '"[1,2,3]"', '"ÄéÖ ß"', '"a.b*c"', '"$1"', '"9223372036854775808"', '"1e3"', '"  42  "',
  // escapes and text past the Basic Multilingual Plane (two UTF-16 units each, as in Java)
  '"tab\\there"', '"line\\nbreak"', '"say \\"hi\\" \\\\ back"', '"😀 x 😀"', '"naïve café"', '"İı ǅ"', '"\\u00e9t\\u00e9"',
  // JSON lists, and dates in the forms Deluge reads
  '"[{\\"a\\":1},2,\\"x\\",null,1.50]"', '"[\\"b\\",\\"a\\",\\"b\\"]"', '"2024-03-05"', '"05-Mar-2024 10:15:00"', '"31/12/2023"', '"2024-03-10 02:30:00"',
];
/** Date-time literals and expressions that make one (a leap day, month ends, a zone's clock change). */
const DATES = [
  "'01-Jan-2024'", "'29-Feb-2024'", "'31-Jan-2024 23:59:59'", "'15-Mar-2024 16:30:00'", "'10-Mar-2024 01:30:00'", "'03-Nov-2024 01:30:00'",
  'zoho.currentdate', 'zoho.currenttime', '"2024-03-05".toDate()', '"05/03/2024".toDate("dd/MM/yyyy")', '"2024-03-10 02:30:00".toDateTime("yyyy-MM-dd HH:mm:ss")',
  "'31-Dec-1999 23:00:00'",
];
const PATTERNS = ['"dd-MM-yyyy"', '"yyyy-MM-dd HH:mm:ss"', '"EEEE, MMM d"', '"hh:mm a"', '"dd/MM/yy"', '"MMMM"', '"D"', '"yyyy-MM-dd\'T\'HH:mm:ssZ"', '"zzz"', '"E dd-MMM-yyyy HH:mm"'];
const JSON_OBJECTS = ['"{\\"k\\":1,\\"n\\":[1,2.50,\\"x\\"]}"', '"{\\"a\\":{\\"b\\":null},\\"K\\":true}"', '"{\\"n\\":9007199254740993,\\"k\\":1.10}"', '"{}"'];
const SHORT_TEXTS = ['""', '"a"', '"b"', '"abc"', '" "', '","', '"-"', '"."', '"k"', '"1"', '"A"', '"x"', '"*"'];
const KEYS = ['"k"', '"n"', '"a"', '"K"', '1', '""'];
const SMALL = ['0', '1', '2', '3', '-1', '5', '10'];

const small = fc.constantFrom(...SMALL);
const shortText = fc.constantFrom(...SHORT_TEXTS);
const key = fc.constantFrom(...KEYS);
const pattern = fc.constantFrom(...PATTERNS);
/** Indexes around a short text's ends. */
const edge = fc.constantFrom('0', '1', '2', '3', '-1', '5', '10', '4');
/** A literal of a kind (lists and maps of literals); null now and then. */
const scalar: Readonly<Record<'number' | 'decimal' | 'text' | 'boolean' | 'datetime', fc.Arbitrary<string>>> = {
  number: fc.constantFrom(...NUMBERS),
  decimal: fc.constantFrom(...DECIMALS),
  text: fc.constantFrom(...TEXTS),
  boolean: fc.constantFrom('true', 'false'),
  datetime: fc.constantFrom(...DATES),
};
const anyScalar = fc.oneof(
  ...[scalar.number, scalar.decimal, scalar.text, scalar.boolean, fc.constant('null')].map((arbitrary) => ({ arbitrary, weight: 3 })),
  { arbitrary: scalar.datetime, weight: 1 },
);

/** `e.name(args)`: a method of a kind, with the arbitraries of its arguments, and the kind it gives. */
type Method = readonly [name: string, args: readonly fc.Arbitrary<string>[], gives: Kind];
const METHODS: Readonly<Record<Kind, readonly Method[]>> = {
  text: [
    ['length', [], 'number'], ['toUpperCase', [], 'text'], ['toLowerCase', [], 'text'], ['trim', [], 'text'], ['subString', [small], 'text'],
    ['subString', [small, small], 'text'], ['indexOf', [shortText], 'number'], ['lastIndexOf', [shortText], 'number'], ['contains', [shortText], 'boolean'],
    ['startsWith', [shortText], 'boolean'], ['endsWith', [shortText], 'boolean'], ['replaceAll', [shortText, shortText], 'text'],
    ['replaceFirst', [shortText, shortText], 'text'], ['toNumber', [], 'number'], ['toDecimal', [], 'decimal'], ['toString', [], 'text'],
    ['toList', [], 'list'], ['toList', [shortText], 'list'], ['getPrefix', [shortText], 'text'], ['getSuffix', [shortText], 'text'], ['left', [small], 'text'],
    ['right', [small], 'text'], ['isEmpty', [], 'boolean'], ['isNumber', [], 'boolean'], ['remove', [shortText], 'text'], ['equalsIgnoreCase', [shortText], 'boolean'],
    ['proper', [], 'text'], ['getJSON', [key], 'text'], ['leftpad', [small], 'text'], ['rightpad', [small], 'text'], ['reverse', [], 'text'],
    ['matches', [shortText], 'boolean'], ['ltrim', [], 'text'], ['rtrim', [], 'text'], ['length', [], 'number'],
    ['getOccurenceCount', [shortText], 'number'], ['substring', [edge, edge], 'text'], ['subString', [edge], 'text'], ['lastIndexOf', [shortText], 'number'],
    ['toJSONList', [], 'list'], ['toMap', [], 'map'], ['toDate', [], 'datetime'], ['toDateTime', [], 'datetime'], ['toDate', [pattern], 'datetime'],
    ['toDateTime', [pattern], 'datetime'], ['getDay', [], 'number'], ['addDay', [small], 'datetime'],
  ],
  number: [
    ['abs', [], 'number'], ['round', [small], 'decimal'], ['ceil', [], 'number'], ['floor', [], 'number'], ['toDecimal', [], 'decimal'], ['toNumber', [], 'number'],
    ['power', [small], 'decimal'], ['sqrt', [], 'decimal'], ['toString', [], 'text'], ['isEven', [], 'boolean'], ['isOdd', [], 'boolean'], ['toLong', [], 'number'],
    ['toText', [], 'text'], ['signum', [], 'number'],
  ],
  decimal: [
    ['abs', [], 'decimal'], ['round', [small], 'decimal'], ['ceil', [], 'number'], ['floor', [], 'number'], ['toDecimal', [], 'decimal'], ['toNumber', [], 'number'],
    ['power', [small], 'decimal'], ['toString', [], 'text'], ['toLong', [], 'number'], ['truncate', [small], 'decimal'], ['frac', [], 'decimal'],
  ],
  boolean: [['toString', [], 'text']],
  list: [
    ['size', [], 'number'], ['get', [small], 'text'], ['contains', [anyScalar], 'boolean'], ['indexOf', [anyScalar], 'number'], ['sort', [], 'list'],
    ['sort', [fc.constantFrom('true', 'false')], 'list'], ['distinct', [], 'list'], ['isEmpty', [], 'boolean'], ['subList', [small, small], 'list'],
    ['toString', [], 'text'], ['largest', [], 'number'], ['smallest', [], 'number'], ['lastIndexOf', [anyScalar], 'number'], ['isEmpty', [], 'boolean'],
    ['toJSONList', [], 'list'],
  ],
  map: [
    ['size', [], 'number'], ['get', [key], 'text'], ['keys', [], 'list'], ['values', [], 'list'], ['containKey', [key], 'boolean'], ['containsKey', [key], 'boolean'],
    ['containValue', [anyScalar], 'boolean'], ['toString', [], 'text'], ['getJSON', [key], 'text'], ['isEmpty', [], 'boolean'], ['toMap', [], 'map'],
  ],
  datetime: [
    ['addDay', [small], 'datetime'], ['addMonth', [edge], 'datetime'], ['subDay', [small], 'datetime'], ['addYear', [small], 'datetime'], ['addHour', [edge], 'datetime'],
    ['getDay', [], 'number'], ['getMonth', [], 'number'], ['getYear', [], 'number'], ['getDayOfWeek', [], 'number'], ['getHour', [], 'number'],
    ['toString', [pattern], 'text'], ['toString', [], 'text'], ['toText', [pattern], 'text'], ['toDate', [], 'datetime'], ['toLong', [], 'number'],
    ['addMinutes', [edge], 'datetime'], ['toStartOfMonth', [], 'datetime'], ['getDayOfYear', [], 'number'],
  ],
};

/** Binary operators that give a kind from operands of the given kinds. */
const OPERATIONS: Readonly<Record<Kind, readonly (readonly [Kind, string, Kind])[]>> = {
  number: [['number', '+', 'number'], ['number', '-', 'number'], ['number', '*', 'number'], ['number', '/', 'number'], ['number', '%', 'number']],
  decimal: [['decimal', '+', 'number'], ['number', '-', 'decimal'], ['decimal', '*', 'decimal'], ['decimal', '/', 'number'], ['number', '/', 'decimal'], ['decimal', '%', 'decimal'], ['decimal', '+', 'decimal']],
  text: [['text', '+', 'datetime'], ['datetime', '+', 'text'], ['text', '+', 'text'], ['text', '+', 'number'], ['number', '+', 'text'], ['text', '+', 'decimal'], ['text', '+', 'boolean'], ['text', '+', 'list'], ['text', '+', 'map'], ['decimal', '+', 'text']],
  boolean: [
    ['number', '==', 'number'], ['number', '<', 'decimal'], ['decimal', '>=', 'number'], ['text', '==', 'text'], ['text', '<', 'text'], ['text', '!=', 'number'],
    ['boolean', '&&', 'boolean'], ['boolean', '||', 'boolean'], ['list', '==', 'list'], ['map', '==', 'map'], ['number', '>', 'number'], ['decimal', '<=', 'decimal'],
    ['text', '==', 'number'], ['boolean', '==', 'text'], ['decimal', '==', 'number'], ['list', '!=', 'text'], ['text', '>', 'number'], ['boolean', '==', 'boolean'],
    ['datetime', '<', 'datetime'], ['datetime', '==', 'datetime'], ['datetime', '>=', 'text'],
  ],
  list: [],
  map: [],
  datetime: [],
};

/** An expression of a kind, at most `depth` levels deep, over the script's variables (and `extra`, of any kind). */
function expression(kind: Kind, depth: number, extra: readonly string[]): fc.Arbitrary<string> {
  const literal = kind === 'list'
    ? fc.oneof(
        { arbitrary: fc.array(anyScalar, { maxLength: 4 }).map((es) => (es.length === 0 ? 'List()' : `{${es.join(', ')}}`)), weight: 4 },
        // A typed list converts what it is given (or refuses it).
        { arbitrary: fc.tuple(fc.constantFrom('String', 'Int', 'Decimal', 'Bool', 'Date', 'DateTime'), fc.array(anyScalar, { maxLength: 3 })).map(([type, es]) => `List:${type}(${es.length === 0 ? '' : `{${es.join(', ')}}`})`), weight: 1 },
      )
    : kind === 'map'
      ? fc.oneof(
          fc.array(fc.tuple(key, anyScalar), { maxLength: 3 }).map((es) => (es.length === 0 ? 'Map()' : `{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`)),
          fc.constantFrom(...JSON_OBJECTS).map((j) => `${j}.toMap()`),
        )
      : scalar[kind];
  const atoms: fc.WeightedArbitrary<string>[] = [{ arbitrary: fc.constant(VARIABLE[kind]), weight: 3 }, { arbitrary: literal, weight: 2 }];
  if (extra.length > 0) atoms.push({ arbitrary: fc.constantFrom(...extra), weight: 1 });
  const atom = fc.oneof(...atoms);
  if (depth <= 0) return atom;
  const of = (k: Kind) => expression(k, depth - 1, extra);
  const options: fc.WeightedArbitrary<string>[] = [{ arbitrary: atom, weight: 3 }];
  const operations = OPERATIONS[kind];
  if (operations.length > 0) {
    options.push({ arbitrary: fc.constantFrom(...operations).chain(([a, op, b]) => fc.tuple(of(a), of(b), fc.boolean()).map(([x, y, p]) => (p ? `(${x} ${op} ${y})` : `${x} ${op} ${y}`))), weight: 4 });
  }
  const calls = KINDS.flatMap((receiver) => METHODS[receiver].filter(([, , gives]) => gives === kind).map((m) => [receiver, m] as const));
  if (calls.length > 0) {
    options.push({
      arbitrary: fc.constantFrom(...calls).chain(([receiver, [name, args]]) =>
        fc.tuple(of(receiver), ...args).map(([on, ...values]) => `${/^[\w"]+$|^\{.*\}$/.test(on) ? on : `(${on})`}.${name}(${values.join(', ')})`),
      ),
      weight: 4,
    });
  }
  if (kind === 'number') options.push({ arbitrary: fc.tuple(of('datetime'), of('datetime')).map(([a, b]) => `daysBetween(${a}, ${b})`), weight: 1 });
  if (kind === 'number' || kind === 'decimal') options.push({ arbitrary: of(kind).map((e) => (/^[\w.]+$/.test(e) ? `-${e}` : `-(${e})`)), weight: 1 });
  if (kind === 'boolean') options.push({ arbitrary: of('boolean').map((e) => `!(${e})`), weight: 1 }, { arbitrary: anyExpression(depth - 1, extra).map((e) => `isNull(${e})`), weight: 1 });
  options.push({ arbitrary: fc.tuple(of('boolean'), of(kind), of(kind)).map(([c, a, b]) => `if(${c}, ${a}, ${b})`), weight: 1 });
  options.push({ arbitrary: fc.tuple(fc.constantFrom('z', 'null'), of(kind)).map(([a, b]) => `ifnull(${a}, ${b})`), weight: 1 });
  return fc.oneof(...options);
}

/** An expression of any kind; a few mix kinds as no script should (`{1} - "a"`, `null.length()`), to compare the errors. */
function anyExpression(depth: number, extra: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...KINDS).chain((k) => expression(k, depth, extra)), weight: 12 },
    { arbitrary: fc.tuple(fc.constantFrom(...KINDS), fc.constantFrom('+', '-', '*', '/', '%', '<', '==', '&&'), fc.constantFrom(...KINDS)).chain(([a, op, b]) => fc.tuple(expression(a, 0, extra), expression(b, 0, extra)).map(([x, y]) => `${x} ${op} ${y}`)), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS)).chain(([on, other]) => fc.constantFrom(...METHODS[other]).chain(([name, args]) => fc.tuple(expression(on, 0, extra), ...args).map(([r, ...a]) => `${r}.${name}(${a.join(', ')})`))), weight: 1 },
    { arbitrary: fc.constantFrom('z.length()', 'l.get(99)', 'n / 0', '"x".toNumber()', 'm.get("k").toNumber()', 'd % 0.0', '9223372036854775807 + 1', 't.subString(5, 1)', 'z == null', 'z + 1', '"a" + z', 'l.get(-1)', 'm.get(1)', '-9223372036854775807 - 2', '4611686018427387904 * 2', '0.1 + 0.2', '1 / 3.0', '10 / 4', '-7 % 3', '-7 / 2', '2.0 * 3'), weight: 1 },
  );
}

const MUTATIONS: Readonly<Record<'list' | 'map', readonly (readonly [string, readonly fc.Arbitrary<string>[]])[]>> = {
  list: [['add', [anyScalar]], ['addAll', [fc.constantFrom('{1, 2}', '{"x", null}', 'l', '{}')]], ['remove', [small]], ['removeElement', [anyScalar]], ['clear', []]],
  map: [['put', [key, anyScalar]], ['putAll', [fc.constantFrom('{"k": 2}', 'm', '{"z": null}')]], ['remove', [key]], ['clear', []]],
};

interface Context {
  /** Loop variables in scope (of any kind). */
  readonly extra: readonly string[];
  /** Inside a `for each`: break and continue may stand here. */
  readonly inLoop: boolean;
  /** No list or map may change here: inside a `for each`, or in the function (which a `for each` may call). */
  readonly frozen: boolean;
  readonly depth: number;
  /** The return type of the script's function `fn.calc`, when it has one. */
  readonly fn?: Kind | 'void';
}

/** One statement (with its own `info` lines), as lines of text. */
function statement(context: Context): fc.Arbitrary<string> {
  const { extra, inLoop, frozen, depth, fn } = context;
  const condition = expression('boolean', 1, extra);
  const simple: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constantFrom(...KINDS).chain((k) => expression(k, 2, extra).map((e) => `${VARIABLE[k]} = ${e};\ninfo ${VARIABLE[k]};`)), weight: 5 },
    { arbitrary: anyExpression(2, extra).map((e) => `info ${e};`), weight: 5 },
    { arbitrary: fc.tuple(fc.constantFrom('n', 'd', 'n', 'd', 't'), fc.constantFrom('+=', '-=', '*=', '/=', '%='), fc.constantFrom<Kind>('number', 'decimal')).map(([v, op, k]) => [v, v === 't' ? '+=' : op, k] as const).chain(([v, op, k]) => expression(k, 1, extra).map((e) => `${v} ${op} ${e};\ninfo ${v};`)), weight: 1 },
  ];
  if (!frozen) {
    simple.push({
      arbitrary: fc.constantFrom<'list' | 'map'>('list', 'map').chain((k) => fc.constantFrom(...MUTATIONS[k]).chain(([name, args]) =>
        fc.tuple(...args).map((values) => `${VARIABLE[k]}.${name}(${values.join(', ')});\ninfo ${VARIABLE[k]};`))),
      weight: 3,
    });
  }
  if (fn !== undefined) {
    // Arguments of the parameters' types, now and then of another (which Deluge converts or refuses).
    const argument = (k: Kind) => fc.oneof({ arbitrary: expression(k, 1, extra), weight: 6 }, { arbitrary: anyExpression(0, extra), weight: 1 });
    simple.push({
      arbitrary: fc.tuple(...KINDS.map(argument)).map((args) => (fn === 'void' ? `fn.calc(${args.join(', ')});` : `info fn.calc(${args.join(', ')});`)),
      weight: 3,
    });
  }
  if (inLoop) simple.push({ arbitrary: fc.tuple(condition, fc.constantFrom('break', 'continue')).map(([c, j]) => `if (${c})\n{\n\t${j};\n}`), weight: 2 });
  if (depth <= 0) return fc.oneof(...simple);
  const inner = (more: readonly string[] = [], loop = inLoop) => block({ extra: [...extra, ...more], inLoop: loop, frozen: frozen || loop, depth: depth - 1, ...(fn && { fn }) });
  return fc.oneof(
    ...simple,
    { arbitrary: fc.tuple(condition, inner(), fc.option(fc.tuple(condition, inner())), fc.option(inner())).map(
      ([c, then, elseIf, otherwise]) => `if (${c})\n${then}${elseIf ? `\nelse if (${elseIf[0]})\n${elseIf[1]}` : ''}${otherwise ? `\nelse\n${otherwise}` : ''}`,
    ), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom('l', 'l', '{1, "two", 3.0, null}', 't.toList(",")', 'm.keys()', 'List()', 'l.sort()'), inner(['x'], true)).map(([list, body]) => `for each x in ${list}\n${body}`), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom('l', '{5, 6}', 'm.keys()'), inner(['i'], true)).map(([list, body]) => `for each index i in ${list}\n${body}`), weight: 1 },
    { arbitrary: fc.tuple(inner(), inner(), fc.constantFrom('"caught"', 'e.message', '"caught " + e')).map(([body, handler, shown]) => `try\n${body}\ncatch (e)\n${handler.replace(/^\{\n/, `{\n\tinfo ${shown};\n`)}`), weight: 2 },
  );
}

function block(context: Context): fc.Arbitrary<string> {
  return fc.array(statement(context), { minLength: 1, maxLength: 3 }).map((stmts) => `{\n${stmts.map((s) => `\t${s.replace(/\n/g, '\n\t')}`).join('\n')}\n}`);
}

const prologue = fc
  .tuple(...KINDS.map((k) => expression(k, 0, []).filter((e) => e !== VARIABLE[k])))
  .map((values) => [...KINDS.map((k, i) => `${VARIABLE[k]} = ${values[i]};`), 'z = null;'].join('\n'));

const TYPE: Readonly<Record<Kind, string>> = { number: 'int', decimal: 'decimal', text: 'string', boolean: 'bool', list: 'list', map: 'map', datetime: 'date' };

/**
 * `fn.calc`, a function of the script: a parameter for each variable (so its statements are the script's), a few
 * statements, and a return of its declared type or (now and then) of another, which Deluge converts or refuses.
 */
function userFunction(returns: Kind | 'void'): fc.Arbitrary<string> {
  const value = returns === 'void' ? fc.constant('') : fc.oneof({ arbitrary: expression(returns, 1, []), weight: 4 }, { arbitrary: anyExpression(0, []), weight: 1 });
  return fc.tuple(fc.array(statement({ extra: [], inLoop: false, frozen: true, depth: 1 }), { maxLength: 3 }), value).map(([stmts, returned]) => {
    const body = ['z = null;', ...stmts, ...(returns === 'void' ? [] : [`return ${returned};`])];
    const parameters = KINDS.map((k) => `${TYPE[k]} ${VARIABLE[k]}`).join(', ');
    return `${returns === 'void' ? 'void' : TYPE[returns]} fn.calc(${parameters})\n{\n${body.map((st) => `\t${st.replace(/\n/g, '\n\t')}`).join('\n')}\n}`;
  });
}

/**
 * A script: the variables' first values, then up to eight statements (their blocks nested two deep at most); half of
 * them with a function, `fn.calc`, that the statements call.
 */
export const runnableScript: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(prologue, topLevel({ extra: [], inLoop: false, frozen: false, depth: 2 })).map(([start, stmts]) => `${start}\n${stmts.join('\n')}\n`),
  fc.constantFrom<Kind | 'void'>(...KINDS, 'void').chain((fn) =>
    fc.tuple(userFunction(fn), prologue, topLevel({ extra: [], inLoop: false, frozen: false, depth: 2, fn })).map(
      ([declaration, start, stmts]) => `${declaration}\n${start}\n${stmts.join('\n')}\n`,
    ),
  ),
);

/** The script's statements; now and then one that ends it early: a `return`, with a value or not. (A break or continue outside any loop is a syntax error, DLG2018.) */
function topLevel(context: Context): fc.Arbitrary<string[]> {
  const end = fc.oneof(fc.constant('return;'), anyExpression(1, []).map((e) => `return ${e};`));
  return fc.tuple(fc.array(statement(context), { minLength: 1, maxLength: 8 }), fc.option(fc.tuple(fc.nat(), end), { freq: 6 })).map(([stmts, ending]) =>
    ending ? [...stmts.slice(0, ending[0] % (stmts.length + 1)), ending[1], ...stmts.slice(ending[0] % (stmts.length + 1))] : stmts,
  );
}
