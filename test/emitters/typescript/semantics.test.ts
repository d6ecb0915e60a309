import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitTypeScriptSync } from '../../../src/emitters/typescript/index.js';
import { INVOKEAPI_SERVICES as PRELUDE_INVOKEAPI_SERVICES } from '../../../src/emitters/typescript/prelude/crm.js';
import { INVOKEAPI_SERVICES } from '../../../src/http/invokeurl.js';
import { runScript } from '../../../src/runtime/run.js';
import { argumentCalls } from './harness/arguments.js';
import { COLLECTION_CASES, COLLECTION_SCRIPT, DATE_PATTERN_EXPRESSIONS, DATE_PATTERN_NOW, DATE_PATTERN_ZONES, EXPRESSIONS, SEMANTICS_NOW, SEMANTICS_SCRIPT, SEMANTICS_ZONE } from './harness/expressions.js';

/**
 * The helpers that keep Deluge's semantics in emitted programs, against the interpreter: each expression below is
 * printed with `info` (or its error message, through `try/catch`) by `deluge run`'s interpreter and by the emitted
 * TypeScript program — run in this process (transpiled, with a console that collects the lines) — and the lines
 * must be the same. One script holds all the expressions (harness/expressions.ts), so one emit and one run cover them.
 */

const NOW = SEMANTICS_NOW;
const ZONE = SEMANTICS_ZONE;
const SCRIPT = SEMANTICS_SCRIPT;

/** The emitted program, run in this process: its info lines. */
async function runEmitted(text: string, lines: string[] = [], warnings: string[] = [], clock: { now: number; timeZone: string } = { now: NOW, timeZone: ZONE }): Promise<string[]> {
  const emitted = emitTypeScriptSync(text, { fileName: 'semantics.dg', ...clock });
  expect(emitted.diagnostics.map((d) => d.code)).toEqual(warnings);
  // A plain script: no exports, Node modules handed in, and `main` returned instead of run in the background.
  const source = emitted.value
    .replace(/^export /gm, '')
    .replace(/^import \{ ([\w, ]+) \} from "(node:[\w/]+)";$/gm, (_, names: string, module: string) => `const { ${names.replace(/ as /g, ': ')} } = modules[${JSON.stringify(module)}];`)
    .replace(/\nrun\(main\);\n$/, '\nreturn main();\n');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const console = { log: (line: string) => lines.push(...String(line).split('\n')) };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
  const modules = { 'node:crypto': await import('node:crypto'), 'node:diagnostics_channel': await import('node:diagnostics_channel'), 'node:timers/promises': await import('node:timers/promises') };
  await new AsyncFunction('console', 'modules', js)(console, modules);
  return lines;
}

/** Each expression printed, or its error's message: one `try` each. */
function printEach(expressions: readonly string[]): string {
  return expressions.map((e) => `try\n{\n\tinfo ${e};\n}\ncatch (err)\n{\n\tinfo "error: " + err.message;\n}`).join('\n');
}

/** The expressions the emitter converts: a builtin with no helper yet is a warning (DLG6051) and a call that stops the program. */
function converted(expressions: readonly string[]): string[] {
  const { diagnostics } = emitTypeScriptSync(printEach(expressions), { fileName: 'arguments.dg', now: NOW, timeZone: ZONE });
  const ends: number[] = [];
  let end = 0;
  for (const e of expressions) ends.push((end += printEach([e]).length + 1));
  return expressions.filter((_, i) => !diagnostics.some((d) => d.span.start < ends[i]! && d.span.start >= (ends[i - 1] ?? 0)));
}

/** Each expression with what deluge run and the emitted program print for it, where the two differ. */
async function differences(expressions: readonly string[]): Promise<string[]> {
  const script = printEach(expressions);
  const expected = runScript(script, { now: NOW, timeZone: ZONE, fileName: 'arguments.dg' });
  expect(expected.diagnostics).toEqual([]);
  const actual = await runEmitted(script);
  expect(actual).toHaveLength(expected.info.length);
  return expressions.flatMap((e, i) => (actual[i] === expected.info[i] ? [] : [`${e}\n  run: ${expected.info[i]}\n  ts:  ${actual[i]}`]));
}

describe('emitted helpers keep the interpreter semantics', () => {
  it("reach the invokeapi services deluge run reaches (the program's own copy of the list)", () => {
    expect(PRELUDE_INVOKEAPI_SERVICES).toEqual(INVOKEAPI_SERVICES);
  });

  it('prints every expression (or its error) as deluge run does', async () => {
    const expected = runScript(SCRIPT, { now: NOW, timeZone: ZONE, fileName: 'semantics.dg' });
    expect(expected.diagnostics).toEqual([]);
    const lines = expected.info.flatMap((l) => l.split('\n'));
    const actual = await runEmitted(SCRIPT);
    const rows = EXPRESSIONS.map((e, i) => `${e}  →  ${actual[i]}`);
    const expectedRows = EXPRESSIONS.map((e, i) => `${e}  →  ${lines[i]}`);
    expect(rows).toEqual(expectedRows);
    expect(actual).toHaveLength(lines.length);
  });

  it.each(DATE_PATTERN_ZONES)('writes and reads date-time patterns as deluge run does, in %s', async (timeZone) => {
    const script = printEach(DATE_PATTERN_EXPRESSIONS);
    const clock = { now: DATE_PATTERN_NOW, timeZone };
    const expected = runScript(script, { ...clock, fileName: 'semantics.dg' });
    expect(expected.diagnostics).toEqual([]);
    const rows = (info: readonly string[]) => DATE_PATTERN_EXPRESSIONS.map((e, i) => `${e}  →  ${info[i]}`);
    expect(rows(await runEmitted(script, [], [], clock))).toEqual(rows(expected.info));
  });

  it('refuses an argument of a type the builtin does not take as deluge run does: every builtin, every such type', async () => {
    const calls = converted(argumentCalls('wrong types'));
    expect(calls.length).toBeGreaterThan(1000);
    expect(await differences(calls)).toEqual([]);
  });

  it('takes a null argument as deluge run does: every builtin, every parameter', async () => {
    // Without an IV (null is none), aesEncode puts a random one before the ciphertext: no two runs print the same.
    const calls = converted(argumentCalls('nulls')).filter((c) => c !== 'zoho.encryption.aesEncode("abc", "abc", null)');
    expect(calls.length).toBeGreaterThan(150);
    expect(await differences(calls)).toEqual([]);
  });

  it('runs the collection functions as deluge run runs them: of elements and of key-value pairs', async () => {
    const expected = runScript(COLLECTION_SCRIPT, { now: NOW, timeZone: ZONE });
    expect(expected.diagnostics).toEqual([]);
    expect(expected.info).toHaveLength(COLLECTION_CASES.length);
    const rows = (info: readonly string[]) => COLLECTION_CASES.map((lines, i) => `${lines.join(' ')}  →  ${info[i]}`);
    expect(rows(await runEmitted(COLLECTION_SCRIPT))).toEqual(rows(expected.info));
  });

  it('gives a caught error its Deluge line, as `info e` shows it', async () => {
    const script = ['values = {"12", "x"};', 'for each v in values', '{', '\ttry', '\t{', '\t\tn = v.toDecimal();', '\t\tinfo n;', '\t}', '\tcatch (e)', '\t{', '\t\tinfo "failed: " + e + " at " + e.lineNo;', '\t}', '}'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['12', 'failed: toDecimal: "x" is not a number (line 6) at 6']);
    expect(await runEmitted(script)).toEqual(expected.info);
  });

  it("gives an error inside a function the function's line, where a caller's `catch` shows it", async () => {
    const script = ['void check(string s)', '{', '\tinfo "checking " + s;', '\tn = s.toNumber();', '}', 'try', '{', '\tcheck("12");', '\tcheck("x");', '}', 'catch (e)', '{', '\tinfo "failed: " + e + " at " + e.lineNo;', '}'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['checking 12', 'checking x', 'failed: toNumber: "x" is not a number (line 4) at 4']);
    expect(await runEmitted(script)).toEqual(expected.info);
  });

  it('refuses epoch milliseconds past ±275,000 years for a date parameter as deluge run does', async () => {
    const script = ['void show(date d)', '{', '\tinfo d;', '}', 'try', '{', '\tshow(1000);', '\tshow(9000000000000000);', '}', 'catch (e)', '{', '\tinfo "failed: " + e.message;', '}'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['31-Dec-1969 16:00:01', 'failed: The date is out of the supported range']);
    expect(await runEmitted(script)).toEqual(expected.info);
  });

  it('runs recursive functions and stops unbounded recursion at 75 nested calls, as Deluge does', async () => {
    const script = ['int fact(int n)', '{', '\tif (n <= 1)', '\t{', '\t\treturn 1;', '\t}', '\treturn n * fact(n - 1);', '}', 'int down(int n)', '{', '\treturn down(n + 1);', '}', 'info fact(20);', 'info down(0);'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['2432902008176640000']);
    expect(expected.diagnostics[0]?.diagnostic.code).toBe('DLG4011');
    const lines: string[] = [];
    await expect(runEmitted(script, lines)).rejects.toThrow(/nested deeper than 75/);
    expect(lines).toEqual(expected.info);
  });

  it('keeps the value a variable had in an earlier iteration, as Deluge variables belong to the function', async () => {
    const script = ['for each i in {1, 2, 3}', '{', '\tif (i > 1)', '\t{', '\t\tinfo "previous " + previous;', '\t}', '\tprevious = i;', '}', 'info previous;'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['previous 1', 'previous 2', '3']);
    expect(await runEmitted(script)).toEqual(expected.info);
  });

  it('masks what looks like a credential in info lines of a program that sends requests, as deluge run prints them', async () => {
    // Made at run time, as an echoed token is: a token written in the script would not be copied into the program.
    const token = `1000.${'a1b2c'.repeat(4)}.${'a1b2c'.repeat(4)}`;
    const printed = `h = "a1b2c";\nhex = h + h + h + h;\ninfo "Authorization: Zoho-oauthtoken 1000." + hex + "." + hex;\ninfo "plain text";`;
    // The request is never sent: it only makes the program one that sends requests.
    const sending = `${printed}\nif (false)\n{\n\tr = invokeurl\n\t[\n\t\turl: "https://example.com/x"\n\t\ttype: GET\n\t];\n}`;
    expect(await runEmitted(sending)).toEqual(['Authorization: Zoho-oauthtoken ****', 'plain text']);
    // A program that sends nothing has no credential to show, and carries no redaction code.
    expect(await runEmitted(printed)).toEqual([`Authorization: Zoho-oauthtoken ${token}`, 'plain text']);
    expect(emitTypeScriptSync(printed, { fileName: 'p.dg', now: NOW, timeZone: ZONE }).value).not.toContain('redactText');
  });

  it("leaves in a loop's variable the last value of an inner loop of the same name, as one Deluge variable", async () => {
    const script = ['for each x in {"a", "b"}', '{', '\tfor each x in {1, null}', '\t{', '\t}', '\tinfo x;', '}'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['null', 'null']);
    // Not `a` and `b`: the inner loop, which does not read it, had a `const` of its own.
    expect(await runEmitted(script)).toEqual(expected.info);
  });

  it("leaves in a catch's variable the error of an inner catch of the same name, as one Deluge variable", async () => {
    const script = ['try', '{', '\tx = "a".toNumber();', '}', 'catch (e)', '{', '\ttry', '\t{', '\t\ty = "b".toNumber();', '\t}', '\tcatch (e)', '\t{', '\t}', '\tinfo e.message;', '}'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['toNumber: "b" is not a number']);
    expect(await runEmitted(script)).toEqual(expected.info);
  });

  it('stops at a call of a function defined nowhere before it reads the arguments, as deluge run does', async () => {
    const script = ['info "start";', 'r = standalone.f(crmid);', 'info r;'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.diagnostics[0]?.diagnostic.code).toBe('DLG4019');
    const lines: string[] = [];
    // Not DLG4008 for `crmid`, which deluge run never reads.
    await expect(runEmitted(script, lines, ['DLG6054'])).rejects.toMatchObject({ code: 'DLG6054' });
    expect(lines).toEqual(expected.info);
  });

  it('gives an error in an else-if condition the line of that condition, as deluge run does', async () => {
    const script = ['try', '{', '\tif (false)', '\t{', '\t\tinfo 1;', '\t}', '\telse if (\'01-Jan-2024\' >= 1)', '\t{', '\t\tinfo 2;', '\t}', '}', 'catch (e)', '{', '\tinfo e;', '}'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info[0]).toMatch(/\(line 7\)$/);
    expect(await runEmitted(script)).toEqual(expected.info);
  });

  it('refuses a break or continue outside any loop, as deluge run does: a syntax error (DLG2018), no program', () => {
    // Zoho's break and continue pages speak of loops only (https://www.zoho.com/deluge/help/misc-statements/break.html).
    const script = ['int fn.f(int a)', '{', '\tif (a > 1)', '\t{', '\t\tcontinue;', '\t}', '\treturn a;', '}', 'info fn.f(2);'].join('\n');
    expect(runScript(script, { now: NOW, timeZone: ZONE }).diagnostics.map((d) => d.diagnostic.code)).toEqual(['DLG2018']);
    const emitted = emitTypeScriptSync(script, { fileName: 'loop.dg' });
    expect(emitted.diagnostics.map((d) => d.code)).toEqual(['DLG2018']);
    expect(emitted.value).toBe('');
  });

  it('stops at a read of a variable whose assignments did not run (an if not taken, an empty loop), as deluge run does', async () => {
    const script = ['void f(bool c)', '{', '\tif (c)', '\t{', '\t\tx = 1;', '\t}', '\tfor each r in List()', '\t{', '\t\ty = r;', '\t}', '\tinfo "x: " + x;', '\tinfo "r: " + r;', '}', 'f(true);'].join('\n');
    const expected = runScript(script, { now: NOW, timeZone: ZONE });
    expect(expected.info).toEqual(['x: 1']);
    expect(expected.diagnostics[0]?.diagnostic.code).toBe('DLG4008');
    const lines: string[] = [];
    // Not `x: 1` and `r: ` with the variable null.
    await expect(runEmitted(script, lines)).rejects.toMatchObject({ code: 'DLG4008', message: expected.diagnostics[0]!.diagnostic.message });
    expect(lines).toEqual(expected.info);
  });

  it('reads `Form[criteria]` as a record query when the name has no value yet, as deluge run does (`OAuth = OAuth[ID != 0];`)', async () => {
    const script = ['void f()', '{', '\tOAuth = OAuth[ID != 0];', '\tinfo OAuth;', '}', 'f();'].join('\n');
    expect(runScript(script, { now: NOW, timeZone: ZONE }).diagnostics[0]?.diagnostic.code).toBe('DLG4013');
    // Not a ReferenceError: `const OAuth = elementAt(OAuth, …)` read the constant before it was made.
    await expect(runEmitted(script, [], ['DLG6050'])).rejects.toMatchObject({ code: 'DLG6050' });
  });
});
