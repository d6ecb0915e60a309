import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generatePrelude } from '../../scripts/gen-ts-prelude.js';
import { secretValue } from '../../src/emitters/curl/command.js';
import { recordRequests } from '../../src/emitters/record.js';
import { findEmitter } from '../../src/emitters/registry.js';
import { credentialVariables, emitTypeScriptSync } from '../../src/emitters/typescript/index.js';
import { BUILTIN_HELPERS } from '../../src/emitters/typescript/prelude.js';
import { PRELUDE } from '../../src/emitters/typescript/prelude.generated.js';
import { BUILTINS } from '../../src/runtime/builtins/index.js';
import { refusesArgumentTypes } from '../../src/runtime/builtins/registry.js';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { isSecretHeader, redactText } from '../../src/http/redact.js';
import { SourceFile } from '../../src/source/source-file.js';
import { parse } from '../../src/syntax/parse.js';
import { walk } from '../../src/syntax/walk.js';
import { runDeluge } from '../helpers/cli.js';
import { exampleCases, inputCases, type EmitCase } from './curl/cases.js';
import { COLLECTION_SCRIPT, SEMANTICS_NOW, SEMANTICS_SCRIPT, SEMANTICS_ZONE } from './typescript/harness/expressions.js';

/**
 * `deluge emit --to typescript`: a golden program per converter input and per example (the Creator-only examples
 * included: they must emit, with NOTE comments and warnings), the warnings of all of them in warnings.txt, and
 * every emitted program type-checked in ONE TypeScript program under --strict (and the project's stricter flags).
 * `UPDATE_GOLDENS=1 npx vitest run test/emitters/typescript.test.ts` rewrites the goldens (review the diff).
 * That the programs do what `deluge run` does is typescript-execute.test.ts's job.
 */
const goldens = new URL('./typescript/', import.meta.url);
const update = Boolean(process.env['UPDATE_GOLDENS']);
const cases: EmitCase[] = [...inputCases(), ...exampleCases()];

/** The file name a golden's header shows: where the script lives in this repository. */
function sourcePath(c: EmitCase): string {
  return c.id.startsWith('input/') ? `test/emitters/${c.id}.dg` : `${c.id}.dg`;
}

function emit(c: EmitCase, baseUrl?: string): ReturnType<typeof emitTypeScriptSync> {
  return emitTypeScriptSync(c.text, { fileName: sourcePath(c), args: c.args, now: c.now, timeZone: c.timeZone, ...(baseUrl && { baseUrl }) });
}

function golden(name: string, actual: string): void {
  const file = new URL(name, goldens);
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('deluge emit --to typescript: goldens', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = emit(c);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    golden(`${c.name}.ts`, result.value);
  });

  it('lists every warning (warnings.txt)', () => {
    const lines = cases.flatMap((c) => {
      const file = new SourceFile(sourcePath(c), c.text);
      return emit(c).diagnostics.map((d) => {
        const at = file.position(d.span.start);
        return `${c.id}:${at.line}:${at.column} ${d.code} ${d.message}`;
      });
    });
    golden('warnings.txt', `${lines.join('\n')}\n`);
  });

  it('marks what a Creator-only example cannot do with NOTE comments, DLG6050 warnings and throwing calls', () => {
    for (const c of exampleCases().filter((e) => e.creatorOnly)) {
      const result = emit(c);
      expect(result.diagnostics.map((d) => d.code), c.id).toContain('DLG6050');
      expect(result.value, c.id).toMatch(/^\s*\/\/ NOTE: not converted: /m);
      expect(result.value, c.id).toContain('notConverted(');
      expect(result.diagnostics.every((d) => d.severity === 'warning'), c.id).toBe(true);
    }
  });
});

/**
 * The credential literals of a script, found apart from the emitter: (1) what the script's literals put into a
 * secret header's credential when it is recorded (src/emitters/record.ts: the requests as `deluge run` builds
 * them), as it is, base64- or URL-encoded; (2) the words `redactText` masks in a literal.
 */
async function credentialLiterals(c: EmitCase): Promise<string[]> {
  const literals: string[] = [];
  walk(parse(c.text).value, { enter: (node) => void (node.kind === 'StringLiteral' && literals.push(node.value)) });
  const recorded = await recordRequests(c.text, { fileName: `${c.name}.dg`, args: c.args, now: c.now, timeZone: c.timeZone });
  const credentials = recorded.value.requests.flatMap((r) => r.headers.filter(([name]) => isSecretHeader(name)).map(([name, value]) => secretValue(name, value)));
  const found = new Set<string>();
  for (const literal of literals) {
    const text = literal.trim();
    for (const credential of credentials) {
      const forms = [text, Buffer.from(text).toString('base64').replace(/=+$/, ''), encodeURIComponent(text)];
      if (text.length >= 4 && forms.some((f) => credential.includes(f))) found.add(text);
      else if (credential.length >= 4 && text.includes(credential)) found.add(credential);
    }
    const masked = redactText(literal);
    if (masked !== literal) for (const word of literal.split(/[\s"&=,;:?]+/)) if (word.length >= 4 && !masked.includes(word)) found.add(word);
  }
  return [...found];
}

describe('deluge emit --to typescript: credentials written in the script are never in the program', () => {
  it('copies no credential literal into any golden program, its warnings or its header', async () => {
    let checked = 0;
    for (const c of cases) {
      const result = emit(c);
      const shown = [result.value, ...result.diagnostics.map((d) => d.message)].join('\n');
      for (const secret of await credentialLiterals(c)) {
        // Asserted as booleans: a failure must not print the credential either.
        const copied = shown.includes(secret) || shown.includes(JSON.stringify(secret).slice(1, -1));
        expect(copied, `${c.id}: a credential of ${secret.length} characters is in the program`).toBe(false);
        checked++;
      }
    }
    // The corpus has credentials: the three inputs and the example that write some, and the dedicated input's.
    console.log(`credentials: ${checked} credential literals checked absent from ${cases.length} programs`);
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('reads each credential of ts-literal-credentials.dg from a DELUGE_SECRET_* variable named in the header', () => {
    const c = cases.find((k) => k.id === 'input/ts-literal-credentials')!;
    const { value, diagnostics } = emit(c);
    // Written by hand: what the script writes, including what only a transform or a `+` makes a credential.
    const secrets = ['sk_live_51Hd8fK2eZvKYlo2C0aBcDeF', 'k_test_7Qm2Zx9Lp4Rt8Vn3', 'a1b2c3d4e5f6a7b8', '9f8e7d6c5b4a3928', 's%3Aj9K2mQ7xR4vT8wZ1', '8c5f2a9e0b1d4c7f', 'deluge-bot:s3cr3t-Pa55', 's3cr3t'];
    expect(secrets.filter((secret) => value.includes(secret))).toEqual([]);
    const variables = credentialVariables(c.text, { fileName: 'ts-literal-credentials.dg' });
    expect(variables.map((v) => v.name)).toEqual([
      'DELUGE_SECRET_AUTHORIZATION',
      'DELUGE_SECRET_X_API_KEY',
      'DELUGE_SECRET_APIKEY',
      'DELUGE_SECRET_X_AUTH_TOKEN',
      'DELUGE_SECRET_COOKIE_SESSION',
      'DELUGE_SECRET_COOKIE_ZCSRF',
      'DELUGE_SECRET_COOKIE_THEME',
      'DELUGE_SECRET_AUTHORIZATION_2',
      'DELUGE_SECRET_AUTHORIZATION_3',
    ]);
    // The scheme stays in the program; a `+` of literals is one credential; the same key twice is one variable.
    expect(variables.find((v) => v.name === 'DELUGE_SECRET_AUTHORIZATION')?.value).toBe('sk_live_51Hd8fK2eZvKYlo2C0aBcDeF');
    expect(variables.find((v) => v.name === 'DELUGE_SECRET_APIKEY')?.value).toBe('pk_a1b2c3d4e5f6a7b8');
    expect(value).toContain('["Authorization", `Bearer ${credential("DELUGE_SECRET_AUTHORIZATION")}`]');
    expect(value).toContain('put(apiHeaders, "apikey", credential("DELUGE_SECRET_APIKEY"));');
    expect(value).toContain('const authToken: Value = credential("DELUGE_SECRET_X_AUTH_TOKEN");');
    expect(value).toContain('`zcsrf=${credential("DELUGE_SECRET_COOKIE_ZCSRF")}; session=${asText(sessionId)}; theme=${credential("DELUGE_SECRET_COOKIE_THEME")}`');
    expect(value).toContain('`Basic ${asText(base64Encode(credential("DELUGE_SECRET_AUTHORIZATION_3")))}`');
    expect(value).toContain('put(apiHeaders, "X-CRM-ORG", "20071234");');
    expect(value).toMatch(/^\/\/ {3}DELUGE_SECRET_X_API_KEY: the X-Api-Key header's credential \(lines 15, 47\)$/m);
    for (const v of variables) expect(value, v.name).toMatch(new RegExp(`^// {3}${v.name}: `, 'm'));
    expect(diagnostics.map((d) => d.code)).toEqual(Array(10).fill('DLG6059'));
    expect(diagnostics[1]!.message).toBe("the X-Api-Key header's credential is written in the script: the program reads it from DELUGE_SECRET_X_API_KEY (listed in its header) instead of copying it");
  });

  it("reads a service key sent in a header of any name from a variable (X-Other: sk_live_…)", () => {
    const key = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQr';
    const { value } = emitText(`r = invokeurl [ url: "https://api.example.com/x" type: GET headers: {"X-Other": "${key}", "X-Trace": "abc_def-123"} ];\n`);
    expect(value).not.toContain(key.slice(8));
    expect(value).toContain('["X-Other", credential("DELUGE_SECRET_X_OTHER")]');
    expect(value).toContain('["X-Trace", "abc_def-123"]');
  });

  it('reads token, key and secret fields of requests from variables, but leaves data: a key of a map, a code, token_count', () => {
    const { value } = emitText(
      [
        'm = {"key": "Lead_Status", "code": "US", "token_count": "12345678", "sort_key": "Created_Time"};',
        'info m;',
        'r = invokeurl [ url: "https://api.example.com/c?code=US&key=AIzaSyD-abcdefghijklmnop&token_count=12345678" type: GET ];',
        'form = Map();',
        'form.put("key", "Kk-9876543210");',
        'form.put("code", "US");',
        'r2 = invokeurl [ url: "https://api.example.com/f" type: POST parameters: form ];',
        'grant = {"grant_type": "authorization_code", "code": "1000.GRANT.def", "private_key": "PK-0011223344"};',
        't = postUrl("https://auth.example.com/token", grant);',
      ].join('\n'),
    );
    expect(['AIzaSyD-abcdefghijklmnop', 'Kk-9876543210', '1000.GRANT.def', 'PK-0011223344'].filter((secret) => value.includes(secret))).toEqual([]);
    expect(value).toContain('mapOf(["key", "Lead_Status"], ["code", "US"], ["token_count", "12345678"], ["sort_key", "Created_Time"])');
    expect(value).toContain('https://api.example.com/c?code=US&key=${credential("DELUGE_SECRET_KEY")}&token_count=12345678');
    expect(value).toContain('put(form, "key", credential("DELUGE_SECRET_KEY_2"));');
    expect(value).toContain('put(form, "code", "US");');
    expect(value).toContain('["code", credential("DELUGE_SECRET_CODE")]');
    expect(value).toContain('["private_key", credential("DELUGE_SECRET_PRIVATE_KEY")]');
  });

  it('reads a credential field of a URL from a variable when its value is joined on: "…&key=" + apiKey', () => {
    // As real scripts build a Google Maps URL; --to curl reads it from $KEY (DLG6010).
    const { value, diagnostics } = emitText(
      [
        'apiKey = "7f3c9a1b2d4e6f8012ab";',
        'placeholder = "xxxx";',
        'field = "Last_Name";',
        'r = getUrl("https://maps.example.com/api/json?origins=a&key=" + apiKey + "&mode=driving");',
        'r2 = invokeurl [ url: "https://api.example.com/v1?sort_by=" + field + "&api_key=" + zoho.encryption.urlEncode(apiKey) type: GET ];',
        'r3 = getUrl("https://maps.example.com/api/json?key=" + placeholder);',
      ].join('\n'),
    );
    expect(value.includes('7f3c9a1b2d4e6f8012ab')).toBe(false);
    expect(value).toContain('const apiKey: Value = credential("DELUGE_SECRET_KEY");');
    // A placeholder stays, as in a URL literal; so does a field that is not a credential's.
    expect(value).toContain('const placeholder: Value = "xxxx";');
    expect(value).toContain('const field: Value = "Last_Name";');
    expect(diagnostics.map((d) => d.code)).toEqual(['DLG6059']);
  });

  it('says which CRM task a misspelt zoho.crm name most likely means, as deluge run does (DLG6052)', () => {
    const { diagnostics } = emitText('r = zoho.crm.getRecord("Leads", 410405000002264040);');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['DLG6052', "not converted to TypeScript: 'zoho.crm.getRecord' is not a CRM task deluge run knows: did you mean 'zoho.crm.getRecords'? (If it is one, give it a canned answer with --stub.)"],
    ]);
  });

  it("reads a URL's userinfo password from DELUGE_SECRET_PASSWORD and keeps the rest of the URL", () => {
    const { value, diagnostics } = emitText('r = invokeurl [ url: "https://bob:S3cretPassw0rd@api.example.com/items" type: GET ];');
    expect(value).not.toContain('S3cretPassw0rd');
    expect(value).toContain('url: `https://bob:${credential("DELUGE_SECRET_PASSWORD")}@api.example.com/items`');
    expect(diagnostics.map((d) => d.code)).toEqual(['DLG6059']);
  });

  it('follows a credential through +, +=, variables and transforms; masks it in comments and NOTE lines', () => {
    const { value, diagnostics } = emitText(
      [
        'h = Map();',
        'key = "sk_" + "live_4242abcd";',
        'prefix = "Bearer ";',
        'secret = "tok";',
        'secret += "en_99xy";',
        'h.put("Authorization", prefix + secret);',
        'h.put("X-Api-Key", key.trim());',
        'h.put("Accept", "text/plain");',
        '// the old key was sk_live_4242abcd',
        'r = invokeurl [ url: "https://www.zohoapis.com/crm/v7/org" type: GET headers: h ];',
        'body = {"client_secret": "cs_0000ffff", "note": "plain"};',
        'info "Zoho-oauthtoken 1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210";',
        'unused = "Bearer Zz9_unused_token_1";',
        'note = "Bearer " + "QQrr55ssTT66";',
        'info note;',
        'alert "X-Auth: " + "Bearer AAbb11ccDD22";',
        'info body;',
      ].join('\n'),
    );
    expect(['live_4242abcd', 'en_99xy', 'cs_0000ffff', '0123456789abcdef', 'Zz9_unused_token_1', 'AAbb11ccDD22', 'QQrr55ssTT66'].filter((secret) => value.includes(secret))).toEqual([]);
    expect(value).toContain('const key: Value = credential("DELUGE_SECRET_X_API_KEY");');
    expect(value).toContain('const prefix: Value = "Bearer ";');
    expect(value).toContain('let secret: Value = credential("DELUGE_SECRET_AUTHORIZATION");');
    expect(value).toContain('secret = plus(secret, credential("DELUGE_SECRET_AUTHORIZATION_2"));');
    expect(value).toContain('put(h, "Accept", "text/plain");');
    expect(value).toContain('// the old key was ****');
    expect(value).toContain('mapOf(["client_secret", credential("DELUGE_SECRET_CLIENT_SECRET")], ["note", "plain"])');
    expect(value).toContain('info(`Zoho-oauthtoken ${credential("DELUGE_SECRET_TOKEN")}`);');
    // A `+` of literals that looks like a credential only as a whole.
    expect(value).toContain('const note: Value = `Bearer ${credential("DELUGE_SECRET_NOTE")}`;');
    // Never read: not evaluated, so its variable need not be set.
    expect(value).toContain('// unused = a credential of the script, not copied (never read)');
    expect(value).not.toMatch(/^\/\/ {3}DELUGE_SECRET_UNUSED:/m);
    expect(value).toContain('// NOTE: not converted: alert "****"; —');
    // One warning per literal converted (the alert's is not: it is not converted at all).
    expect(diagnostics.filter((d) => d.code === 'DLG6059')).toHaveLength(7);
    // Printed as `deluge emit` prints them, the warnings' code frames show none of the credentials either,
    // whatever the variable holding them is called and however the text is escaped.
    const escaped = 'r2 = invokeurl [ url: "https://api.example.com/login" type: POST parameters: "{\\"user\\": \\"bot\\", \\"password\\": \\"Hunter2-prod\\"}" ];';
    const source = ['h = Map();', 'key = "sk_" + "live_4242abcd";', 'h.put("X-Api-Key", key);', 'r = invokeurl [ url: "https://x.example.com" type: GET headers: h ];', escaped].join('\n');
    const emitted = emitText(source);
    const file = new SourceFile('script.dg', source);
    const printed = emitted.diagnostics.map((d) => renderDiagnostic(file, d)).join('\n');
    expect(emitted.diagnostics.filter((d) => d.code === 'DLG6059')).toHaveLength(2);
    expect(['live_4242abcd', 'Hunter2-prod'].filter((secret) => printed.includes(secret))).toEqual([]);
  });
});

describe('deluge emit --to typescript: a masked placeholder where the script had a secret', () => {
  it("reads `****` (a shared playground link's masked secret) from a variable, one per header or field, as --to curl does", async () => {
    const text = [
      'resp = invokeurl',
      '[',
      '\turl: "https://api.example.com/v1/items"',
      '\ttype: GET',
      '\theaders: {"Authorization": "Bearer ****", "X-Api-Key": "****", "X-Other": "plain"}',
      '];',
      'h = Map();',
      'h.put("Authorization", "Bearer ****");',
      'h.put("Cookie", "session=****");',
      'r2 = getUrl("https://api.example.com/v2", h);',
      't = postUrl("https://auth.example.com/token", {"client_secret": "****", "note": "****"});',
      '',
    ].join('\n');
    const { value } = emitText(text);
    expect(value).toContain('headers: mapOf(["Authorization", `Bearer ${credential("DELUGE_SECRET_AUTHORIZATION")}`], ["X-Api-Key", credential("DELUGE_SECRET_X_API_KEY")], ["X-Other", "plain"])');
    expect(value).toContain('put(h, "Authorization", `Bearer ${credential("DELUGE_SECRET_AUTHORIZATION")}`);');
    expect(value).toContain('put(h, "Cookie", `session=${credential("DELUGE_SECRET_COOKIE_SESSION")}`);');
    expect(value).toContain('mapOf(["client_secret", credential("DELUGE_SECRET_CLIENT_SECRET")], ["note", "****"])');
    // The same headers and field go to variables in the curl commands (a `note` is no credential there either).
    const curl = await findEmitter('curl')!.emit(text, { fileName: 'script.dg' });
    expect(curl.value).toContain('-H "Authorization: Bearer $AUTHORIZATION"');
    expect(curl.value).toContain('-H "X-Api-Key: $X_API_KEY"');
    expect(curl.value).toContain('-H "Cookie: $COOKIE"');
    expect(curl.value).toContain('client_secret=$CLIENT_SECRET');
    expect(curl.value).toContain('note=****');
  });
});

describe('deluge emit --to typescript: the programs type-check', () => {
  it('compiles every emitted program in one TypeScript program under --strict, with no error', () => {
    // With a base URL, so the routing helpers are checked too (the goldens, without one, are part of the project's
    // own type check). In memory, in this repository's test folder: ES modules, as the goldens are.
    const folder = new URL('./typescript/', import.meta.url).pathname;
    const files = new Map<string, string>();
    for (const c of cases) files.set(`${folder}${c.name}.base-url.ts`, emit(c, 'http://127.0.0.1:8080').value);
    // And the programs of the semantics test, which use most helpers (dates, collections, digests with node:crypto).
    files.set(`${folder}semantics.base-url.ts`, emitTypeScriptSync(SEMANTICS_SCRIPT, { fileName: 'semantics.dg', now: SEMANTICS_NOW, timeZone: SEMANTICS_ZONE }).value);
    files.set(`${folder}collections.base-url.ts`, emitTypeScriptSync(COLLECTION_SCRIPT, { fileName: 'collections.dg', now: SEMANTICS_NOW, timeZone: SEMANTICS_ZONE }).value);
    // A flag compared with the other boolean: `x = false` narrows x to `false` for TypeScript, where `x === true` is TS2367.
    const flags = 'notify = false;\nif (notify == true) { info "notify"; }\nif (notify == false) { info "quiet"; }\ndone = true;\nif (done != false) { info "done"; }\n';
    files.set(`${folder}boolean-flags.base-url.ts`, emitTypeScriptSync(flags, { fileName: 'flags.dg' }).value);
    // Two different literals compared (a feature flag, a test): two types with no overlap for `===` (TS2367).
    const literals = 'info "ab" == "AB";\ninfo true == false;\nif ("x" != "y") { info "differ"; }\ninfo "a" == "a";\n';
    files.set(`${folder}literal-comparisons.base-url.ts`, emitTypeScriptSync(literals, { fileName: 'literals.dg' }).value);
    const options: ts.CompilerOptions = {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      typeRoots: [new URL('../../node_modules/@types/', import.meta.url).pathname],
      noEmit: true,
      skipLibCheck: true,
      // The project's own stricter settings: the goldens live in its test folder.
      noUncheckedIndexedAccess: true,
      noUnusedLocals: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      // Only syntax type stripping erases (no parameter properties, enums, namespaces): the program also runs under
      // `node --experimental-strip-types`, with no compiler.
      erasableSyntaxOnly: true,
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => files.get(name) ?? readFile(name);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, onError) => {
      const text = files.get(name);
      return text === undefined ? getSourceFile(name, language, onError) : ts.createSourceFile(name, text, language);
    };
    const started = performance.now();
    const program = ts.createProgram([...files.keys()], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    console.log(`tsc --strict: ${files.size} emitted programs in one program, ${((performance.now() - started) / 1000).toFixed(1)} s, ${diagnostics.length} errors`);
    expect(diagnostics).toEqual([]);
  }, 120_000);
});

describe('the helper library', () => {
  it('docs/emit-typescript.md names exactly the builtins that have no helper, and counts them right', () => {
    const byName = new Map(BUILTINS.all.map((spec) => [spec.name.toLowerCase(), spec]));
    const hasHelper = (name: string) => [name, ...(byName.get(name)!.aliases ?? [])].some((n) => BUILTIN_HELPERS.has(n.toLowerCase()));
    const missing = [...byName.keys()].filter((name) => !hasHelper(name)).sort();
    const docs = readFileSync(new URL('../../docs/emit-typescript.md', import.meta.url), 'utf8');
    const paragraph = /Builtins without a helper yet:[\s\S]*?\n\n/.exec(docs)![0];
    const listed = [...paragraph.matchAll(/`([\w.]+)`/g)].map((m) => m[1]!.toLowerCase()).sort();
    expect(listed).toEqual(missing);
    expect(paragraph).toContain(`(${byName.size - missing.length} of the ${byName.size} builtin names`);
  });

  it("has each builtin's helper first check all its arguments against the builtin's PARAMETERS, where deluge run can refuse one", () => {
    const unchecked: string[] = [];
    for (const [name, helper] of Object.entries(PRELUDE)) {
      const refusing = (helper.builtins ?? []).flatMap((b) => BUILTINS.named(b)).find(refusesArgumentTypes);
      if (!refusing) continue;
      const key = refusing.name.toLowerCase();
      const entry = /^[a-z_$][\w$]*$/.test(key) ? `PARAMETERS.${key}` : `PARAMETERS['${key}']`;
      const lines = helper.code.split('\n');
      const signature = lines.findIndex((line) => line.startsWith(`function ${name}(`));
      const params = /\((.*)\)/.exec(lines[signature]!)![1]!.split(', ').map((p) => /^(?:\.\.\.)?(\w+)/.exec(p)![1]);
      if (lines[signature + 1] !== `  checkArguments(${entry}, ${params.join(', ')});`) unchecked.push(`${name}: ${lines[signature + 1]}`);
    }
    expect(unchecked).toEqual([]);
  });

  it('prelude.generated.ts is up to date with src/emitters/typescript/prelude/*.ts (fix: npm run ts-prelude)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generatePrelude());
  });
});

/** A small script emitted with fixed options. */
function emitText(text: string, options: Parameters<typeof emitTypeScriptSync>[1] = {}): ReturnType<typeof emitTypeScriptSync> {
  return emitTypeScriptSync(text, { fileName: 'script.dg', now: Date.parse('2024-05-01T10:00:00Z'), timeZone: 'UTC', ...options });
}

describe('deluge emit --to typescript: the header', () => {
  it('names the file the program is written to (--out), in its first line and in how to run it', () => {
    const { value } = emitText('info "hi";', { outFile: 'out/bulk-delete.ts' });
    expect(value.split('\n')[0]).toBe('// bulk-delete.ts: script.dg as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).');
    expect(value).toContain('npx tsx bulk-delete.ts');
    expect(emitText('info "hi";').value).toContain('npx tsx script.ts');
  });
});

describe('deluge emit --to typescript: how Deluge becomes TypeScript', () => {
  it('declares a variable where every use follows its first assignment, else once at the top, outside loops', () => {
    const { value } = emitText(
      ['total = 0;', 'for each id in {1, 2}', '{', '\tclean = id + 1;', '\ttotal = total + clean;', '\tif (id == 1) { last = id; }', '}', 'info total + last;'].join('\n'),
    );
    expect(value).toContain('let total: Value = 0n;');
    expect(value).toContain('for (const id of eachOf([1n, 2n])) {');
    expect(value).toContain('const clean: Value = plus(id, 1n);');
    // `last` is assigned in one iteration and read after the loop: declared before the loop, without a value until
    // assigned, and read as Deluge reads it (not defined if the `if` never ran).
    expect(value).toMatch(/let last: Value \| undefined;\n {2}let total: Value = 0n;/);
    expect(value).toContain('info(plus(total, assigned(last, "last", input, 6)));');
  });

  it('writes text concatenation as a template literal and equality with a literal as ===', () => {
    const { value } = emitText('x = "a";\nn = 2;\ny = "id: " + x + n + "!";\nif (x == "a" && n != null) { info y; }');
    expect(value).toContain('const y: Value = `id: ${asText(x)}${asText(n)}!`;');
    expect(value).toContain('if (x === "a" && n !== null) {');
  });

  it('keeps arithmetic, comparisons and conditions in helpers (64-bit NUMBERs, Deluge equality)', () => {
    const { value } = emitText('a = 9223372036854775807;\nb = a - 1;\nif (a > b) { info a == b * 1.0; }');
    expect(value).toContain('const a: Value = 9223372036854775807n;');
    expect(value).toContain('const b: Value = minus(a, 1n);');
    expect(value).toContain("if (compare(a, '>', b)) {");
    expect(value).toContain('info(isEqual(a, times(b, 1.0)));');
  });

  it('builds requests with the prelude: invokeurl as an object of its parameters, connections from the environment', () => {
    const { value, diagnostics } = emitText(
      ['r = invokeurl', '[', '\turl: "https://www.zohoapis.eu/crm/v7/Leads"', '\ttype: GET', '\tconnection: "crm_eu"', '];', 'x = zoho.crm.getRecordById("Leads", 1, Map(), "crm_us");'].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(value).toContain('await invokeUrl({ url: "https://www.zohoapis.eu/crm/v7/Leads", type: "GET", connection: "crm_eu" })');
    expect(value).toContain('await zohoCrm.getRecordById("Leads", 1n, mapOf(), "crm_us")');
    expect(value).toContain('const TOKEN_VARIABLES: Readonly<Record<string, string>> = { crm_eu: "ZOHO_OAUTH_TOKEN_CRM_EU", crm_us: "ZOHO_OAUTH_TOKEN_CRM_US" };');
    expect(value).not.toContain('ZOHO_API_BASE');
    expect(emitText('r = getUrl("https://www.zohoapis.com/x");', { baseUrl: 'http://127.0.0.1:4321' }).value).toContain('const ZOHO_API_BASE = "http://127.0.0.1:4321";');
  });

  it('writes system values as deluge run shows them, the two-level zoho.device.type too', () => {
    const { value, diagnostics } = emitText('info zoho.adminuserid;\nif (zoho.device.type == "web") { info "web"; }');
    expect(diagnostics).toEqual([]);
    expect(value).toContain('info("admin@example.com" /* zoho.adminuserid, as deluge run shows it */);');
    expect(value).toContain('if ("web" /* zoho.device.type, as deluge run shows it */ === "web") {');
  });

  it('emits only the helpers a program uses: no date-time code in a script without dates', () => {
    const plain = emitText('info 1 + 2;').value;
    expect(plain).toContain('function plus(');
    expect(plain).not.toMatch(/DateTime|Collection|invokeUrl|parseJson/);
    const dated = emitText("info '01-Jan-2024'.addDay(1);").value;
    expect(dated).toContain('class DateTime');
    expect(dated).toContain('localDate(2024, 1, 1)');
    expect(dated).toContain('const TIME_ZONE = "UTC";');
  });

  it('marks what it cannot convert with a NOTE comment, a warning with a code and a call that throws', () => {
    const { value, diagnostics } = emitText(
      ['x = zoho.books.getRecords("Invoices", "1");', 'y = "<a/>".executeXPath("/a");', 'z = standalone.other(1);', 'alert "hi";', 'sendmail [ from: "a@b.c" to: "d@e.f" subject: "s" message: "m" ];'].join('\n'),
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['DLG6052', 'DLG6051', 'DLG6054', 'DLG6050', 'DLG6053']);
    expect(value).toContain('// NOTE: not converted: the integration task `zoho.books.getRecords` has no local implementation');
    expect(value).toContain('notConverted("DLG6052", "the integration task `zoho.books.getRecords` has no local implementation (deluge run needs a --stub for it too) (line 1)", "Invoices", "1");');
    expect(value).toContain('// NOTE: not converted: alert "hi"; — `alert` is a Zoho Creator statement');
    expect(value).toContain('sendMail({ "from": "a@b.c", "to": "d@e.f", "subject": "s", "message": "m" });');
    expect(value).toMatch(/^\/\/ NOTE: not converted \(a warning each; the program stops with an error if it gets there\):$/m);
  });

  it('reads the arguments of a file of functions by parameter name, converted to the declared types', () => {
    const { value } = emitText('string standalone.f(Int n, String s)\n{\n\treturn s + (n + 1);\n}', { args: { n: '41', s: 'x' } });
    expect(value).toContain('export function f(n: Value, s: Value): Value {');
    expect(value).toContain('n = typed(n, "NUMBER", "standalone.f");');
    expect(value).toContain('return f(parameter(input, "n"), parameter(input, "s"));');
    expect(value).toContain('const input: DelugeMap = scriptArguments(mapOf(["n", "41"], ["s", "x"]));');
  });

  it('renames a variable that a helper or TypeScript reserves', () => {
    const { value } = emitText('keys = {"a": 1}.keys();\nnew = keys + 1;\ninfo new;');
    expect(value).toContain('const keys_: Value = keys(mapOf(["a", 1n]));');
    expect(value).toContain('const new_: Value = plus(keys_, 1n);');
  });

  it('renames a function named as a global the helpers use (AbortController: a program that sends requests makes one)', () => {
    const functions = [{ path: 'f.dg', text: 'void AbortController()\n{\n\tinfo "mine";\n}\n' }];
    const { value } = emitText('r = getUrl("https://example.com/");\nAbortController();', { functions });
    expect(value).toContain('export function AbortController_(): Value {');
    expect(value).toContain('waits: new AbortController(),');
  });

  it("converts Creator's thisapp.Namespace.f(…) into a call of the --functions file's Namespace.f, as deluge run calls it", () => {
    const functions = [{ path: 'util.dg', text: 'string util.greet(string who)\n{\n\treturn "hi " + who;\n}\n' }];
    const { value, diagnostics } = emitText('info thisapp.util.greet("a");\ninfo thisapp.util.missing("b");', { functions });
    expect(value).toContain('info(greet("a"));');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['DLG6054', "not converted to TypeScript: 'thisapp.util.missing' is defined neither in this file nor in the --functions files"]]);
  });

  it('gives syntax errors back with no output', () => {
    const result = emitText('x = ;');
    expect(result.value).toBe('');
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const library = emitText('info 1;', { functions: [{ path: 'lib.dg', text: 'void f( {' }] });
    expect(library.value).toBe('');
    expect(library.diagnostics.map((d) => d.code)).toEqual(['DLG6058']);
  });

  it('is registered as typescript, alias ts', () => {
    expect(findEmitter('ts')?.id).toBe('typescript');
    expect(findEmitter('TypeScript')?.extension).toBe('ts');
  });
});

describe('deluge emit --to ts (CLI)', () => {
  it('prints the program on stdout and the warnings on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deluge-emit-ts-'));
    writeFileSync(join(dir, 'script.dg'), 'info "hi";\nalert "x";\n');
    const run = await runDeluge(dir, ['emit', 'script.dg', '--to', 'ts', '--tz', 'UTC']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('info("hi");');
    expect(run.stderr).toContain('DLG6050');
  });
});

describe('large scripts', () => {
  it('a chain of 800 functions, each calling the next: converted (the recursion check overflowed the stack: internal error)', () => {
    const n = 800;
    const functions = Array.from({ length: n }, (_, i) => `int f${i}(int n)\n{\n\treturn f${i + 1}(n) + 1;\n}\n`).join('');
    const script = `${functions}int f${n}(int n)\n{\n\treturn 1;\n}\ninfo f0(1);\n`;
    const result = emitTypeScriptSync(script, { fileName: 'chain.dg' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.value).toContain(`function f${n}(`);
    // None of them calls itself, through others or not: no function is wrapped as recursive.
    expect(result.value).not.toContain('nested("f');
  });

  it("numbers each catch's error variable (error, error_2, error_3, …): appending '_' named the 500th with 499 of them", () => {
    const script = `${Array.from({ length: 500 }, (_, i) => `try\n{\n\tx${i} = ${i};\n}\ncatch (e)\n{\n\tinfo e;\n}\n`).join('')}error_3 = 1;\ninfo error_3;\n`;
    const result = emitTypeScriptSync(script, { fileName: 'catches.dg' });
    const start = result.value.indexOf('export async function main(');
    const main = result.value.slice(start, result.value.indexOf('\n}\n', start));
    const names = [...main.matchAll(/catch \((\w+)\)/g)].map((m) => m[1]);
    expect(names).toHaveLength(500);
    // (The script's own error_3 keeps its name: the catch after error_2 takes error_4.)
    expect(names.slice(0, 4)).toEqual(['error', 'error_2', 'error_4', 'error_5']);
    expect(names.at(-1)).toBe('error_501');
    expect(new Set(names).size).toBe(500);
  });
});
