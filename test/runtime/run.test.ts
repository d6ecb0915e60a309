import { describe, expect, it } from 'vitest';
import { invokeUrlRequest } from '../../src/http/invokeurl.js';
import type { TaskHost } from '../../src/runtime/interpreter.js';
import { runScript, runScriptAsync, type RunOptions } from '../../src/runtime/run.js';
import { ListValue } from '../../src/runtime/values.js';
import { parseJson } from '../../src/runtime/json.js';

/** The run API around the interpreter: limits, the injected clock, entry functions, libraries, diagnostics. */
const base: RunOptions = { now: Date.parse('2020-12-09T17:25:24-08:00'), clock: () => 0, timeZone: 'America/Los_Angeles' };
const codes = (r: ReturnType<typeof runScript>) => r.diagnostics.map((d) => d.diagnostic.code);

describe('runScript', () => {
  it('a time zone given as a function is asked once, when a date-time first needs it (deluge run: the machine\'s costs ICU start-up)', async () => {
    let asked = 0;
    const timeZone = () => {
      asked++;
      return 'Asia/Kolkata';
    };
    expect(runScript('x = 1 + 1;\ninfo x;\n', { ...base, timeZone }).info).toEqual(['2']);
    expect(asked).toBe(0);
    // A date literal, zoho.currenttime and a builtin that reads the zone (the context's): one look-up for all three.
    const r = await runScriptAsync("d = '10-Dec-2020 07:00:00';\ninfo d.toString(\"HH:mm\");\ninfo zoho.currenttime.toString(\"HH:mm\");\ninfo '2020-12-10'.toDate();\n", { ...base, timeZone });
    expect(r.diagnostics).toEqual([]);
    // 17:25:24 in Los Angeles (the injected now) is 06:55 the next day in India.
    expect(r.info).toEqual(['07:00', '06:55', '10-Dec-2020']);
    expect(asked).toBe(1);
  });

  it('stops a loop at the wall-time limit, read from the injected clock (no real waiting)', () => {
    let t = 0;
    const r = runScript('l = {1};\nfor each x in l { l.add(x); }\n', { ...base, clock: () => (t += 100), timeoutMs: 1000, maxStatements: 10_000_000 });
    expect(codes(r)).toEqual(['DLG4012']);
    expect(r.diagnostics[0]!.diagnostic.message).toContain('longer than 1 s');
    // The clock is read every 1,024 statements: ten reads of 100 ms pass the limit.
    expect(r.statements).toBeLessThan(12 * 1024);
  });

  it('checks the limit after a call on a large value, not only every 1,024 statements (a loop of contains over 5 million items overran a 3 s limit to 88 s)', async () => {
    const script = 'for each x in {1, 2, 3, 4}\n{\n\tif (l.contains(-1))\n\t{\n\t\tinfo "found";\n\t}\n}\ninfo "done";\n';
    const l = new ListValue(Array.from({ length: 10_000 }, () => 1n));
    for (const run of [runScript, runScriptAsync]) {
      let t = 0;
      // Each look at the clock is 2 s later: the second contains ends past the 3 s limit.
      const r = await run(script, { ...base, args: { l }, clock: () => (t += 2000) - 2000, timeoutMs: 3000 });
      expect(codes(r)).toEqual(['DLG4012']);
      expect(r.diagnostics[0]!.diagnostic.message).toBe('The script ran longer than 3 s; stopped after a call on a large value');
      expect(r.info).toEqual([]);
    }
  });

  // A backtracking regular expression runs for hours (Java's too) on a text a little longer than these (each `a` more
  // doubles the time): the run's limit must stop it, as Zoho's 1-minute limit does, though the interpreter only checks
  // the limit between statements.
  it.each([
    ['matches', 24, 's.matches("(a+)+$")'],
    ['replaceAll', 23, 's.replaceAll("(a+)+b", "")'],
  ])('stops a regular expression that backtracks (%s) at the time limit, and try/catch does not catch it', async (fn, length, call) => {
    const script = `s = "${'a'.repeat(length)}!";\ntry {\n\tinfo ${call};\n} catch (e) {\n\tinfo "caught";\n}\ninfo "after";\n`;
    for (const r of [runScript(script, { ...base, timeoutMs: 30 }), await runScriptAsync(script, { ...base, timeoutMs: 30 })]) {
      expect(codes(r)).toEqual(['DLG4012']);
      expect(r.diagnostics[0]!.diagnostic.message).toBe(`The script ran longer than 0.03 s; stopped in '${fn}', whose regular expression was still searching the text`);
      expect(r.info).toEqual([]);
    }
  });

  it('counts the waits for answers in the time limit: a few slow requests stop at the first answer after it', async () => {
    let t = 0;
    const sent: string[] = [];
    const tasks: TaskHost = {
      task: async (_name, params) => {
        sent.push(String(params.entries.get('url')));
        t += 2500; // each answer takes 2.5 s of the injected clock
        return 'ok';
      },
    };
    const script = 'a = invokeurl [ url: "https://x.example/1" type: GET ];\nb = invokeurl [ url: "https://x.example/2" type: GET ];\ninfo "done";\n';
    const r = await runScriptAsync(script, { ...base, clock: () => t, timeoutMs: 4000, tasks });
    expect(codes(r)).toEqual(['DLG4012']);
    expect(r.diagnostics[0]!.diagnostic.message).toContain('waiting for answers included');
    // The second request was in flight when the limit passed: it finished, and the run stopped after it.
    expect(sent).toEqual(['https://x.example/1', 'https://x.example/2']);
    expect(r.info).toEqual([]);
  });

  it('stops an infinite loop at the default limit of 200,000 statements, pointing at the statement', () => {
    const r = runScript('l = {1};\nfor each x in l\n{\n\tl.add(x);\n}\n', base);
    expect(codes(r)).toEqual(['DLG4010']);
    expect(r.statements).toBe(200_001);
    const at = r.diagnostics[0]!;
    expect(at.file.position(at.diagnostic.span.start)).toEqual({ line: 4, column: 2 });
  });

  it('names the statement limit as Zoho CRM\'s only when it is that limit', () => {
    const loop = 'l = {1};\nfor each x in l { l.add(x); }\n';
    const message = (r: ReturnType<typeof runScript>) => r.diagnostics[0]!.diagnostic.message;
    expect(message(runScript(loop, base))).toBe('The script executed more than 200,000 statements (the limit of a Zoho CRM function); stopped here');
    // `--max-statements 1000`: the limit is the run's own, not a Zoho one.
    expect(message(runScript(loop, { ...base, maxStatements: 1000 }))).toBe('The script executed more than 1,000 statements (the limit this run was given); stopped here');
  });

  it('stops unbounded recursion at call depth 75', () => {
    const r = runScript('int standalone.down(int n) { return standalone.down(n + 1); }\ninfo standalone.down(0);\n', base);
    expect(codes(r)).toEqual(['DLG4011']);
    const deep = runScript('int standalone.down(int n) { if (n == 0) { return 0; } return standalone.down(n - 1); }\ninfo standalone.down(74);\n', base);
    expect(deep.info).toEqual(['0']);
  });

  it('does not run a script with syntax errors: it returns them', () => {
    const r = runScript('info "a";\nx = ;\n', base);
    expect(codes(r)).toEqual(['DLG2002']);
    expect(r.info).toEqual([]);
    expect(r.completed).toBe(false);
  });

  it('says which form a builtin takes when it is called in the other (not "cannot be applied to TEXT: it applies to TEXT")', () => {
    const messages = (script: string) => runScript(script, base).diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`);
    expect(messages('name = "Acme";\ninfo name.ifnull("none");\n')).toEqual(["DLG4006 'ifnull' is a function, not a method: call it as ifnull(value, …)"]);
    expect(messages('ids = List();\nadd(ids, "1");\n')).toEqual(["DLG4006 'add' is a method, not a function: call it on its value, as value.add(…)"]);
    // A form it has, on a value of another type: the types it applies to.
    expect(messages('n = 5;\ninfo n.trim();\n')).toEqual(["DLG4006 'trim' cannot be applied to a value of type NUMBER (it applies to TEXT)"]);
  });

  it('names a builtin as the script called it: toLong, not toNumber', async () => {
    const messages = (script: string) => runScript(script, base).diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`);
    // tsolomon89's scripts: `if (!isNull(dealIdStr) && dealIdStr != "") { dealId = dealIdStr.toLong(); }`
    expect(messages('info "D-17".toLong();\n')).toEqual(['DLG4004 toLong: "D-17" is not a number']);
    expect(messages('info "D-17".toNumber();\n')).toEqual(['DLG4004 toNumber: "D-17" is not a number']);
    // The same through the asynchronous interpreter, and for another alias (subText for subString).
    expect((await runScriptAsync('x = "D-17";\ninfo x.toLong();\n', base)).diagnostics[0]!.diagnostic.message).toBe('toLong: "D-17" is not a number');
    expect(messages('info "abc".subText(2, 1);\n')).toEqual(messages('info "abc".subString(2, 1);\n').map((m) => m.replace('subString', 'subText')));
  });

  it('says a variable whose only assignment did not run was assigned in a branch not taken, not to pass it with --arg', () => {
    const message = (script: string, options: RunOptions = base) => runScript(script, options).diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`);
    // TheWorkflowAcademy's lead-conversion script: the search found no Account, so accountId was never given a value.
    expect(message('accounts = List();\nif (!accounts.isEmpty())\n{\n\taccountId = accounts.get(0);\n}\ninfo accountId;\n')).toEqual([
      "DLG4008 Variable 'accountId' is not defined: its assignment on line 4 did not run (it is in a branch or loop that was not taken)",
    ]);
    const fn = 'void automation.sync(String acId)\n{\n\tif (acId == "")\n\t{\n\t\tresp = {"id": 1};\n\t}\n\tinfo resp.get("id");\n}\n';
    expect(message(fn, { ...base, args: { acId: 'x' } })).toEqual([
      "DLG4008 Variable 'resp' is not defined: its assignment on line 5 did not run (it is in a branch or loop that was not taken)",
    ]);
    // Never assigned at all: a value Zoho may pass in.
    expect(message('info leadEmail;\n')).toEqual(["DLG4008 Variable 'leadEmail' is not defined (if Zoho passes it to the script, give it with --arg leadEmail=…)"]);
    // Assigned only later in the text: the same (the linter reports the order).
    expect(message('info total;\ntotal = 1;\n')).toEqual(["DLG4008 Variable 'total' is not defined (if Zoho passes it to the script, give it with --arg total=…)"]);
    // A name a typo away from a variable, or from true, false, null: said as such.
    expect(message('total = 5;\ninfo totl + 1;\n')).toEqual(["DLG4008 Variable 'totl' is not defined: did you mean 'total'? (if Zoho passes it to the script, give it with --arg totl=…)"]);
    expect(message('x = ture;\n')).toEqual(["DLG4008 Variable 'ture' is not defined: did you mean 'true'? (if Zoho passes it to the script, give it with --arg ture=…)"]);
    expect(message('console.log("a");\n')).toEqual(["DLG4008 Deluge has no 'console': show a value with info <value>;"]);
  });

  it("notes where the script's functions an error came up through were called, innermost first, sync and async", async () => {
    const text = 'int standalone.f(int x)\n{\n\treturn 10 / x;\n}\nint standalone.g(int y)\n{\n\treturn standalone.f(y - 1);\n}\ninfo standalone.g(1);\n';
    for (const r of [runScript(text, base), await runScriptAsync(text, { ...base, tasks: { call: async () => undefined } })]) {
      const { file, diagnostic } = r.diagnostics[0]!;
      expect(diagnostic.message).toBe('Division by zero');
      expect(diagnostic.related?.map((n) => `${file.position(n.span.start).line}: ${n.message} ${file.text.slice(n.span.start, n.span.end)}`)).toEqual([
        "7: in 'standalone.f', called here standalone.f(y - 1)",
        "9: in 'standalone.g', called here standalone.g(1)",
      ]);
    }
    // An error at the top level has none.
    expect(runScript('info 1 / 0;\n', base).diagnostics[0]!.diagnostic.related).toBeUndefined();
  });

  it('names the builtin a misspelt one is a typo of, as lint does', () => {
    const message = (script: string) => runScript(script, base).diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`);
    expect(message('s = "abc";\ninfo s.lenght();\n')).toEqual(["DLG4006 There is no function 'lenght' in Deluge (did you mean 'length'?)"]);
    expect(message('info lenght("abc");\n')).toEqual(["DLG4006 There is no function 'lenght' in Deluge or in this script (did you mean 'length'?)"]);
    expect(message('info "abc".frobnicate();\n')).toEqual(["DLG4006 There is no function 'frobnicate' in Deluge"]);
  });

  it('says a for each over a task\'s error answer is an error answer, not to iterate the map\'s keys', async () => {
    // zoho.crm.searchRecords on a module the CRM does not know answers Zoho's error object, not a list of records.
    const error = '{"code":"INVALID_MODULE","details":{},"message":"the module name given seems to be invalid","status":"error"}';
    const script = 'records = zoho.crm.searchRecords("Operations", "(Name:equals:x)");\nfor each r in records\n{\n\tinfo r;\n}\n';
    const tasks: TaskHost = { call: async () => parseJson(error) };
    const r = await runScriptAsync(script, { ...base, tasks });
    expect(r.diagnostics.map((d) => `${d.diagnostic.code} ${d.diagnostic.message}`)).toEqual([
      'DLG4022 for each cannot iterate a value of type KEY-VALUE: it is an error answer (INVALID_MODULE: the module name given seems to be invalid), not a list: check its "status" before the loop',
    ]);
    // Another map still gets the hint to walk its keys.
    expect(runScript('for each k in {"a": 1} { info k; }\n', base).diagnostics[0]!.diagnostic.message).toBe(
      'for each cannot iterate a value of type KEY-VALUE: iterate its keys with `for each k in m.keys()`',
    );
  });

  it('streams info lines through onInfo as they happen', () => {
    const seen: string[] = [];
    const r = runScript('info 1;\ninfo 2;\nx = 1 / 0;\n', { ...base, onInfo: (l) => seen.push(l) });
    expect(seen).toEqual(['1', '2']);
    expect(codes(r)).toEqual(['DLG4002']);
  });

  it('draws every random value from the injected source: a fixed one gives the same output each run (sync and async)', async () => {
    const script = [
      'info randomNumber(1, 1000000);',
      'info randomNumber(1.5, 2.5);',
      'info randomNumber(-5, 123456789012345);',
      'info zoho.encryption.aesEncode("key", "secret");',
      '',
    ].join('\n');
    /** The same bytes each run: 0, 1, 2, … from the first byte drawn. */
    const fixed = (): RunOptions['random'] => {
      let next = 0;
      return (bytes) => bytes.map(() => next++ % 256);
    };
    const runs = [runScript(script, { ...base, random: fixed() }), runScript(script, { ...base, random: fixed() }), await runScriptAsync(script, { ...base, random: fixed() })];
    expect(runs.map((r) => r.diagnostics)).toEqual([[], [], []]);
    expect(runs[1]!.info).toEqual(runs[0]!.info);
    expect(runs[2]!.info).toEqual(runs[0]!.info);
    // The IV is the 16 bytes drawn after the three numbers' (8 each): 24, 25, … 39, put before the ciphertext.
    const iv = Buffer.from(runs[0]!.info[3]!, 'base64').subarray(0, 16);
    expect([...iv]).toEqual(Array.from({ length: 16 }, (_, i) => 24 + i));
    // Without a source the randomness is the real one: two runs differ.
    expect(runScript(script, base).info[3]).not.toBe(runScript(script, base).info[3]);
  });

  it('calls onComputing every 1,024 statements, where it checks the time limit', () => {
    let calls = 0;
    const sixty = `{${Array.from({ length: 60 }, (_, i) => i).join(',')}}`;
    const result = runScript(`n = 0;\nfor each a in ${sixty}\n{\n\tfor each b in ${sixty}\n\t{\n\t\tn = n + 1;\n\t}\n}\ninfo n;`, { onComputing: () => calls++ });
    expect(result.info).toEqual(['3600']);
    expect(calls).toBe(Math.floor(result.statements / 1024));
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('runs the entry function of a file of functions, binding arguments by name', () => {
    const text = 'string standalone.a(String who) { return "a:" + who; }\nstring standalone.b(String who) { return "b:" + who; }\n';
    expect(runScript(text, { ...base, args: { who: 'x' } }).result).toBe('a:x');
    expect(runScript(text, { ...base, args: { WHO: 'y' }, entry: 'b' }).result).toBe('b:y');
    // A usage error, as `deluge run --entry c` (exit 2), naming the functions there are.
    expect(codes(runScript(text, { ...base, entry: 'c' }))).toEqual(['DLG0002']);
    expect(runScript(text, { ...base, entry: 'c' }).diagnostics[0]!.diagnostic.message).toMatch(/^entry 'c': there is no function of that name in this file \(it declares /);
  });

  it('reads a function\'s own arguments as input.<name>, converted to their declared types', async () => {
    // A Creator function: `void validate(int contact_id) { if(input.contact_id != null && input.contact_id > 0) … }`,
    // run with --arg contact_id=…: input.contact_id is the int argument, not the text given on the command line.
    const fn = 'string f(int contact_id)\n{\n\tif(input.contact_id > 0)\n\t{\n\t\treturn input.contact_id + 1 + " " + input.extra;\n\t}\n\treturn "no";\n}\n';
    const options = { ...base, args: { CONTACT_ID: '41', extra: 'x' } };
    for (const r of [runScript(fn, options), await runScriptAsync(fn, options)]) {
      expect(r.diagnostics).toEqual([]);
      expect(r.result).toBe('42 x');
    }
    // A function called from the script reads its own argument, not the run's argument of that name.
    const called = 'info standalone.twice(3);\n';
    const functions = [{ path: 'lib/twice.dg', text: 'int standalone.twice(int n)\n{\n\treturn input.n * 2;\n}\n' }];
    expect(runScript(called, { ...base, args: { n: '10' }, functions }).info).toEqual(['6']);
  });

  it('lists the parameters of the function run that no argument was given for (they run as null)', () => {
    const fn = 'string standalone.greet(String name, Int times, Map extra)\n{\n\treturn name + " " + times + " " + extra;\n}\n';
    const r = runScript(fn, { ...base, args: { NAME: 'Ann' } });
    expect(r.result).toBe('Ann  ');
    expect(r.missingArguments).toEqual(['times', 'extra']);
    expect(runScript(fn, { ...base, args: { name: 'Ann', times: '2', extra: null } }).missingArguments).toEqual([]);
    // A script (not a file of functions) has no parameters to miss.
    expect(runScript('info input;\n', base).missingArguments).toEqual([]);
  });

  it('lists the input.<name> a script read that no argument was given for (null, as in Zoho), once each', async () => {
    // ChatGPT-era CRM scripts: `lead_identifier = input.lead_id.toString();` fails with "Value is empty…" and
    // nothing said which argument to give.
    const script = 'a = input.lead_id;\nif(input.lead_id == null && input.given != null && input.none == null)\n{\n\tinfo input.LEAD_ID;\n}\ninput = {"x": 1};\ninfo input.y;\n';
    const options = { ...base, args: { given: '1', none: null } };
    for (const r of [runScript(script, options), await runScriptAsync(script, options)]) {
      expect(r.diagnostics).toEqual([]);
      expect(r.info).toEqual(['null', 'null']);
      // `none` was given (as null); `y` is read from a map of the script's own, not from the arguments.
      expect(r.missingArguments).toEqual(['lead_id', 'LEAD_ID']);
    }
    expect(runScript('x = input.recId.toString();\n', base).missingArguments).toEqual(['recId']);
  });

  it('reports an error inside a library function in the library file', () => {
    const r = runScript('info standalone.half(1);\n', {
      ...base,
      functions: [{ path: 'lib/half.dg', text: 'int standalone.half(int n)\n{\n\treturn n / 0;\n}\n' }],
    });
    expect(codes(r)).toEqual(['DLG4002']);
    expect(r.diagnostics[0]!.file.path).toBe('lib/half.dg');
    expect(r.diagnostics[0]!.file.position(r.diagnostics[0]!.diagnostic.span.start).line).toBe(3);
  });

  it('takes zoho.loginuserid and friends from the options', () => {
    const r = runScript('info zoho.loginuserid;\ninfo zoho.appname;\n', { ...base, system: { loginuserid: 'ann@acme.test' } });
    expect(r.info).toEqual(['ann@acme.test', 'deluge-kit']);
  });

  it('takes system values as the configuration spells them, in any case, dotted ones too', () => {
    const r = runScript('info zoho.loginUserId;\ninfo zoho.device.type;\n', { ...base, system: { LoginUserId: 'ann@acme.test', 'Device.Type': 'phone' } });
    expect(r.info).toEqual(['ann@acme.test', 'phone']);
  });

  it('records sendmail without sending it', () => {
    const r = runScript('sendmail [ from: zoho.adminuserid to: "a@example.com" subject: "Hi" message: "Body" ];\n', base);
    expect(r.mails).toEqual([{ from: 'admin@example.com', to: 'a@example.com', subject: 'Hi', message: 'Body' }]);
  });

  it('stops at a sendmail without to, recording no mail to nobody, at the block (sync and async)', async () => {
    const text = 'sendmail [ from: zoho.adminuserid to: "a@example.com" subject: "First" ];\ninfo "between";\nsendmail\n[\n\tFrom : zoho.adminuserid\n\tSubject : "x"\n];\ninfo "after";\n';
    const tasks: TaskHost = { call: () => Promise.resolve(null) };
    for (const r of [runScript(text, base), await runScriptAsync(text, { ...base, tasks })]) {
      expect(r.info).toEqual(['between']);
      expect(r.mails.map((m) => m['subject'])).toEqual(['First']);
      expect(r.diagnostics).toHaveLength(1);
      const { file, diagnostic } = r.diagnostics[0]!;
      expect(diagnostic.code).toBe('DLG4018');
      expect(diagnostic.message).toBe("sendmail: no 'to' (the address the mail goes to); Zoho does not save a sendmail without 'from' and 'to'");
      expect(file.position(diagnostic.span.start)).toMatchObject({ line: 3, column: 1 });
    }
  });

  it.each([
    ['type: DELET', "invokeurl: unknown type 'DELET'"],
    ['url: "ftp://files.example"', 'invokeurl: only http and https URLs can be requested, not ftp'],
    ['typo: GET', "invokeurl: unknown parameter 'typo' (did you mean 'type'?); it takes url, type,"],
    ['header: {"Accept": "*/*"}', "invokeurl: unknown parameter 'header' (did you mean 'headers'?)"],
    ['headers: "Accept: */*"', 'invokeurl: headers must be a map'],
  ])('points an invokeurl error about one parameter at that parameter (%s), sync and async', async (param, message) => {
    const text = `r = invokeurl\n[\n  url: "https://www.zohoapis.com/crm/v8/Leads"\n  ${param}\n];\n`;
    const tasks: TaskHost = { task: (_name, params) => (invokeUrlRequest(params), null) };
    for (const r of [runScript(text, { ...base, tasks }), await runScriptAsync(text, { ...base, tasks })]) {
      const { file, diagnostic } = r.diagnostics[0]!;
      expect(diagnostic.message).toContain(message);
      expect(file.text.slice(diagnostic.span.start, diagnostic.span.end)).toBe(param);
    }
  });

  it('a function found nowhere: the message says where it was looked for (this file, and the --functions files)', () => {
    const text = 'info standalone.nope(1);\n';
    expect(runScript(text, base).diagnostics[0]!.diagnostic.message).toBe(
      "There is no function 'standalone.nope' in this file; put the file that defines it in a folder given with --functions",
    );
    const functions = [{ path: 'fns/a.dg', text: 'int standalone.other(int x) { return x; }\n' }];
    expect(runScript(text, { ...base, functions }).diagnostics[0]!.diagnostic.message).toBe(
      "There is no function 'standalone.nope' in this file or the file of --functions; put the file that defines it among them",
    );
  });

  it('points an invokeurl error about no one parameter at the block', () => {
    const tasks: TaskHost = { task: (_name, params) => (invokeUrlRequest(params), null) };
    const { file, diagnostic } = runScript('r = invokeurl\n[\n  type: GET\n];\n', { ...base, tasks }).diagnostics[0]!;
    expect(diagnostic.message).toBe('invokeurl: the URL is missing');
    expect(file.position(diagnostic.span.start)).toMatchObject({ line: 1, column: 5 });
  });

  it("records Creator's template and report attachments as their names, the record's ID evaluated (sync and async)", async () => {
    const text =
      'recId = 4104;\nsendmail [ from: zoho.adminuserid to: "a@example.com" subject: "Hi" message: "Body"\n' +
      'Attachments: template: Invoice:Orders recId as PDF, view: All_Orders as CSV, template: Summary, template: "Quoted":Orders as Inline ];\n';
    const attachments = ['template:Invoice:Orders 4104 as PDF', 'view:All_Orders as CSV', 'template:Summary', 'template:Quoted:Orders as Inline'];
    const r = runScript(text, base);
    expect(r.diagnostics).toEqual([]);
    expect(r.mails[0]!['attachments']).toEqual(new ListValue(attachments));
    // The record's ID from a task the host answers asynchronously: the async interpreter evaluates the attachment.
    const tasks: TaskHost = { call: () => Promise.resolve(4104n) };
    const rAsync = await runScriptAsync(text.replace('recId as', 'zoho.crm.getRecordById("Orders", 1) as'), { ...base, tasks });
    expect(rAsync.diagnostics).toEqual([]);
    expect(rAsync.mails[0]!['attachments']).toEqual(new ListValue(attachments));
  });

  it('hands tasks to the task host and uses its answer', () => {
    const r = runScript('r = invokeurl [ url: "https://x.test/a" type: GET ];\ninfo r;\ninfo zoho.crm.getRecordById("Leads", 1);\n', {
      ...base,
      tasks: {
        task: (name, params) => `${name} ${String(params.entries.get('type'))} ${String(params.entries.get('url'))}`,
        call: (name, args) => `${name}(${args.length})`,
      },
    });
    expect(r.info).toEqual(['invokeurl GET https://x.test/a', 'zoho.crm.getRecordById(2)']);
  });
});
