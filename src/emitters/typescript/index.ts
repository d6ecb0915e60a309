/**
 * `deluge emit --to typescript` (`ts`): the whole script as one standalone TypeScript module that behaves like
 * `deluge run` on it — the same requests, the same `info` lines — needing nothing but Node's built-ins and the
 * global `fetch`. Deluge's semantics are kept by helpers written out after the program, only those it uses
 * (generated from ./prelude/*.ts). Rules and examples: docs/emit-typescript.md.
 */
import { authVariables, ZOHO_OAUTH, type ConnectionAuth } from '../connection-auth.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { textForm, jsonText } from '../../runtime/text-form.js';
import { SEMANTICS } from '../../runtime/semantics.js';
import { BUILTINS } from '../../runtime/builtins/index.js';
import { refusesArgumentTypes, type ArgType, type BuiltinSpec } from '../../runtime/builtins/registry.js';
import { DateTimeValue, ListValue, MapValue, type Value } from '../../runtime/values.js';
import { SourceFile } from '../../source/source-file.js';
import { parse } from '../../syntax/parse.js';
import { tokenVariable } from '../curl/index.js';
import { HOSTLESS_NOTE } from '../record.js';
import type { EmitOptions, EmitResult } from '../emitter.js';
import { findCredentials, type CredentialVariable, type Credentials } from './credentials.js';
import { Generator, type Generated, type LoadedFile } from './generate.js';
import { RESERVED } from './names.js';
import { closure, helper, helperCode } from './prelude.js';

export { templateEscape } from './generate.js';

/** The connection `zoho.crm.*` tasks use when the script names none, as `deluge run` does. */
const DEFAULT_CRM_CONNECTION = 'zohocrm';

export async function emitTypeScript(text: string, options: EmitOptions = {}): Promise<EmitResult> {
  return emitTypeScriptSync(text, options);
}

/** The same, synchronously (the emitter does no I/O). */
export function emitTypeScriptSync(text: string, options: EmitOptions = {}): EmitResult {
  const loaded = load(text, options);
  if ('errors' in loaded) return { value: '', diagnostics: loaded.errors };
  const { main, libraries, warnings: parseWarnings } = loaded;
  const fileName = main.file.path;
  const credentials = findCredentials([main, ...libraries]);
  const generateOptions = {
    now: options.now ?? Date.now(),
    timeZone: options.timeZone ?? SEMANTICS.defaultTimeZone,
    ...(options.entry !== undefined && { entry: options.entry }),
    defaultCrmConnection: options.defaultCrmConnection ?? DEFAULT_CRM_CONNECTION,
    credentials,
  };
  // Twice: the first pass finds the helpers the program uses; the second names variables around them.
  const first = new Generator(main, libraries, generateOptions, RESERVED).generate();
  const helpers = closure(rootsOf(first, options));
  const generated = new Generator(main, libraries, generateOptions, new Set([...RESERVED, ...helpers])).generate();
  const program = assemble(generated, closure(rootsOf(generated, options)), options, fileName, credentials);
  const warnings = [...parseWarnings, ...generated.diagnostics];
  return { value: program, diagnostics: warnings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code)) };
}

/**
 * The environment variables an emitted program reads the script's credentials from, with the values the script
 * writes: for tests that run the program (the emitter never prints them). Empty for a script with syntax errors.
 */
export function credentialVariables(text: string, options: EmitOptions = {}): CredentialVariable[] {
  const loaded = load(text, options);
  return 'errors' in loaded ? [] : findCredentials([loaded.main, ...loaded.libraries]).variables;
}

/** The script and its `--functions` files parsed, or the syntax errors that stop the emitter. */
function load(text: string, options: EmitOptions): { main: LoadedFile; libraries: LoadedFile[]; warnings: Diagnostic[] } | { errors: Diagnostic[] } {
  const fileName = options.fileName ?? '<script>';
  const parsed = parse(text, { docs: options.docs ?? 'auto' });
  const errors: Diagnostic[] = parsed.diagnostics.filter((d) => d.severity === 'error');
  const libraries: LoadedFile[] = [];
  for (const f of options.functions ?? []) {
    const result = parse(f.text);
    if (result.diagnostics.some((d) => d.severity === 'error')) {
      errors.push(diagnostic('DLG6058', { start: 0, end: 0 }, `the --functions file ${f.path} has syntax errors; run deluge check on it`, { ruleId: 'emit-typescript' }));
      continue;
    }
    libraries.push({ file: new SourceFile(f.path, f.text), program: result.value });
  }
  // The script's own diagnostics (warnings too), and DLG6058 for a --functions file with syntax errors.
  if (errors.length > 0) return { errors: [...parsed.diagnostics, ...errors.filter((d) => !parsed.diagnostics.includes(d))] };
  const main: LoadedFile = { file: new SourceFile(fileName, text), program: parsed.value };
  return { main, libraries, warnings: parsed.diagnostics.filter((d) => d.severity === 'warning') };
}

function rootsOf(generated: Generated, options: EmitOptions): string[] {
  const roots = [...generated.roots];
  if (options.baseUrl !== undefined && usesHttp(generated.roots)) roots.push('ZOHO_API_BASE');
  if (generated.usesInput) roots.push('scriptArguments', 'mapOf');
  return roots;
}

function usesHttp(roots: ReadonlySet<string>): boolean {
  return ['invokeUrl', 'invokeApi', 'getUrl', 'postUrl', 'zohoCrm', 'crmTask'].some((r) => roots.has(r));
}

function assemble(generated: Generated, helpers: string[], options: EmitOptions, fileName: string, credentials: Credentials): string {
  const included = new Set(helpers);
  const base = (options.outFile ?? fileName).replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'script';
  const out: string[] = [...header(generated, included, options, fileName, base, credentialLines(generated, credentials)), ''];
  const imports = new Map<string, Set<string>>();
  for (const name of helpers) for (const [module, names] of Object.entries(helper(name).imports ?? {})) for (const n of names) (imports.get(module) ?? imports.set(module, new Set()).get(module)!).add(n);
  for (const [module, names] of imports) out.push(`import { ${[...names].sort().join(', ')} } from ${JSON.stringify(module)};`);
  if (imports.size > 0) out.push('');
  const settings = settingLines(generated, included, options);
  if (settings.length > 0) out.push(...settings, '');
  // (One at a time: a spread of more than about 125,000 lines overflowed the stack.)
  for (const line of generated.lines) out.push(line);
  out.push('');
  out.push('// ── Deluge semantics: the helpers this program uses (from deluge-kit; see the header) ──────────────', '');
  for (const name of helpers) {
    if (helper(name).provided) continue;
    out.push(helperCode(name, included), '');
  }
  out.push('// ── Run ──────────────────────────────────────────────────────────────────────────────────────', '');
  if (generated.usesInput) {
    out.push('/** The arguments: the defaults given to deluge emit, then `name=value` (text) and `name:=JSON` from the command line. */');
    out.push(`const input: DelugeMap = scriptArguments(${defaultsCode(options.args ?? {})});`);
  }
  out.push('run(main);', '');
  return out.join('\n');
}

function header(generated: Generated, included: ReadonlySet<string>, options: EmitOptions, fileName: string, base: string, credentials: readonly string[]): string[] {
  const lines = [
    `// ${base}.ts: ${fileName} as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).`,
    '// It does what `deluge run` does with the script: the same requests, the same info lines on stdout.',
    '//',
    `// Run it with Node.js 20 or later:  npx tsx ${base}.ts${generated.parameters.length > 0 ? ' name=value …' : ''}`,
    `//   with Node.js 22.6 or later:    node --experimental-strip-types ${base}.ts (no flag from Node.js 23.6)`,
    `//   or compile it with tsc first:  npm i -D typescript @types/node && npx tsc --strict --target es2022 --module nodenext ${base}.ts && node ${base}.js`,
    '// It needs no package at run time: requests go through the global fetch.',
  ];
  if (generated.usesInput) {
    const names = generated.parameters.length > 0 ? ` (${generated.parameters.join(', ')})` : '';
    const defaults = Object.keys(options.args ?? {});
    lines.push(
      `// Arguments${names}: name=value on the command line (text), name:=JSON for a map or list;`,
      generated.entry
        ? `//   they are the parameters of ${generated.entry.name.map((n) => n.name).join('.')} and are readable as input.name.`
        : '//   the script reads them as variables (as Zoho passes them) and as input.name.',
    );
    if (defaults.length > 0) lines.push(`//   Defaults given to deluge emit: ${defaults.join(', ')} (at the end of this file).`);
  }
  const { zoho: all, others } = connectionKinds(generated, options);
  if (all.length > 0 || generated.dynamicConnection) {
    lines.push('// Connections: each request of a connection sends Authorization: Zoho-oauthtoken <token>, the token read from');
    lines.push(`//   ${all.map((c) => `$${tokenVariable(c, all)} ("${c}")`).join(', ') || '$ZOHO_OAUTH_TOKEN_<NAME>'}${generated.dynamicConnection ? `; ${options.connectionNames?.length ? 'any other' : 'a'} connection named at run time: $ZOHO_OAUTH_TOKEN_<NAME>` : ''}.`);
  }
  for (const [connection, auth] of others) {
    lines.push(`// Connection "${connection}" (${auth.kind}, from deluge.connections.json): its credential is read from ${authVariables(auth).map((v) => `$${v}`).join(' and ')}.`);
  }
  lines.push(...credentials);
  if (included.has('ZOHO_API_BASE')) lines.push(`// --base-url: every Zoho API host (all data centres) is sent to ${options.baseUrl} (ZOHO_API_BASE).`);
  else if ((included.has('crmTask') || included.has('invokeApi')) && !(all.length > 0 && all.every((c) => options.apiDomainOf?.(c) !== undefined))) {
    lines.push(...commentLines(`${HOSTLESS_NOTE('this program uses')}.`));
  }
  if (included.has('NOW_MS')) lines.push('// The clock: zoho.currenttime, now and today show NOW_MS; date-times are shown in TIME_ZONE.');
  lines.push(
    "// Deluge's semantics are kept by the helpers after the program: NUMBER is a 64-bit bigint (record IDs keep every",
    '//   digit), DECIMAL a number, maps are Maps in insertion order, `+` joins text (null as ""), info prints as Zoho does.',
  );
  if (generated.notes.length > 0) {
    lines.push('//', '// NOTE: not converted (a warning each; the program stops with an error if it gets there):');
    for (const note of generated.notes) lines.push(`//   ${note}`);
  }
  return lines;
}

/** The header's list of the credential variables the program reads (only those its code reaches). */
function credentialLines(generated: Generated, credentials: Credentials): string[] {
  const used = new Set([...generated.lines.join('\n').matchAll(/\bcredential\("([A-Z0-9_]+)"\)/g)].map((m) => m[1]!));
  const variables = credentials.variables.filter((v) => used.has(v.name));
  if (variables.length === 0) return [];
  return [
    '// Credentials the script writes itself are not copied here: set each variable to the value written at the line',
    '//   named (a missing one stops the program where it is read):',
    ...variables.map((v) => `//   ${v.name}: ${v.what} (${places(v.places)})`),
  ];
}

/** `line 3`, `lines 3, 9`, `line 3, lib.dg line 5`. */
function places(list: readonly string[]): string {
  const lines = list.map((p) => /^line (\d+)$/.exec(p)?.[1]);
  return lines.length > 1 && lines.every((l) => l !== undefined) ? `lines ${lines.join(', ')}` : list.join(', ');
}

function settingLines(generated: Generated, included: ReadonlySet<string>, options: EmitOptions): string[] {
  const lines: string[] = [];
  if (included.has('TIME_ZONE')) {
    lines.push('/** The zone date-times are shown in (deluge emit --tz; Zoho\'s docs use US Pacific). */');
    lines.push(`const TIME_ZONE = ${JSON.stringify(options.timeZone ?? SEMANTICS.defaultTimeZone)};`);
  }
  if (included.has('NOW_MS')) {
    lines.push('/** The instant zoho.currenttime, now and today show. */');
    lines.push(options.now !== undefined ? `const NOW_MS = Date.parse(${JSON.stringify(new Date(options.now).toISOString())}); // deluge emit --now` : 'const NOW_MS = Date.now();');
  }
  if (included.has('ZOHO_API_BASE')) {
    lines.push('/** --base-url: every Zoho API host of every data centre (www.zohoapis.com, .eu, .in, .com.au, …) is sent here. */');
    lines.push(`const ZOHO_API_BASE = ${JSON.stringify(options.baseUrl)};`);
  }
  if (included.has('APPLIES_TO')) {
    lines.push('/** What each builtin the program uses applies to, named in the error of a function applied to another type. */');
    lines.push(`const APPLIES_TO: Readonly<Record<string, string>> = { ${appliesTo(included).join(', ')} };`);
  }
  if (included.has('PARAMETERS')) {
    lines.push("/** The parameters of the builtins this program uses, as deluge run declares them: an argument of another type stops it. */");
    lines.push('const PARAMETERS: Readonly<Record<string, BuiltinParameters>> = {', ...parameters(included).map((entry) => `  ${entry},`), '};');
  }
  const { zoho: all, others } = connectionKinds(generated, options);
  if (included.has('CONNECTION_AUTH')) {
    const entries = others.map(([c, auth]) => {
      const header = auth.kind === 'header' ? auth.header : 'Authorization';
      return `${/^[A-Za-z_$][\w$]*$/.test(c) ? c : JSON.stringify(c)}: { kind: ${JSON.stringify(auth.kind)}, header: ${JSON.stringify(header)}, variables: ${JSON.stringify(authVariables(auth))} }`;
    });
    lines.push('/** Connections that are not Zoho OAuth (deluge.connections.json): the header each sends, and where its credential is read from. */');
    lines.push(`const CONNECTION_AUTH: Readonly<Record<string, { kind: 'bearer' | 'basic' | 'header'; header: string; variables: readonly string[] }>> = ${entries.length > 0 ? `{ ${entries.join(', ')} }` : '{}'};`);
  }
  if (included.has('API_DOMAINS')) {
    const domains = [...all, ...(options.defaultCrmConnection ? [options.defaultCrmConnection] : []), DEFAULT_CRM_CONNECTION]
      .flatMap((c) => {
        const domain = options.apiDomainOf?.(c);
        return domain === undefined ? [] : [`${/^[A-Za-z_$][\w$]*$/.test(c) ? c : JSON.stringify(c)}: ${JSON.stringify(domain)}`];
      });
    lines.push("/** The API domain of each connection whose data centre deluge.connections.json names: where its zoho.crm tasks and invokeapi go. */");
    const entries = [...new Set(domains)];
    lines.push(`const API_DOMAINS: Readonly<Record<string, string>> = ${entries.length > 0 ? `{ ${entries.join(', ')} }` : '{}'};`);
  }
  if (included.has('TOKEN_VARIABLES')) {
    const entries = all.map((c) => `${/^[A-Za-z_$][\w$]*$/.test(c) ? c : JSON.stringify(c)}: ${JSON.stringify(tokenVariable(c, all))}`);
    lines.push('/** Where each connection\'s OAuth access token is read from (the environment; never this file). */');
    lines.push(`const TOKEN_VARIABLES: Readonly<Record<string, string>> = { ${entries.join(', ')} };`);
  }
  return lines;
}

/**
 * The types each builtin of the included helpers applies to when called as a method, as deluge run lists them when a
 * function is applied to a value of another type (`'get' cannot be applied to … (it applies to LIST, KEY-VALUE, …)`).
 */
function appliesTo(included: ReadonlySet<string>): string[] {
  const entries = new Map<string, string>();
  for (const name of included) {
    for (const builtin of helper(name).builtins ?? []) {
      const types = BUILTINS.named(builtin)
        .filter((s) => s.form !== 'function')
        .flatMap((s) => (s.receiver === undefined ? [] : typeof s.receiver === 'string' ? [s.receiver] : s.receiver));
      // A builtin that applies to anything is never refused a value.
      if (types.length > 0 && !types.includes('ANY')) entries.set(builtin, [...new Set(types)].join(', '));
    }
  }
  return [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([b, t]) => `${/^[A-Za-z_$][\w$]*$/.test(b) ? b : JSON.stringify(b)}: ${JSON.stringify(t)}`);
}

/**
 * The parameters of each builtin of the included helpers that can refuse an argument (one of a type other than ANY),
 * by lower-case name: its declarations in deluge run's order, each with the types of value it applies to and its
 * parameters, [name, ...types] each (none when all take anything).
 */
function parameters(included: ReadonlySet<string>): string[] {
  const byName = new Map<string, BuiltinSpec[]>();
  for (const name of included) {
    for (const builtin of helper(name).builtins ?? []) {
      for (const spec of BUILTINS.named(builtin)) {
        const specs = byName.get(spec.name) ?? byName.set(spec.name, []).get(spec.name)!;
        if (!specs.includes(spec)) specs.push(spec);
      }
    }
  }
  const list = (items: readonly string[]): string => `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
  const typesOf = (t: ArgType | readonly ArgType[]): readonly string[] => (typeof t === 'string' ? [t] : t);
  return [...byName]
    .filter(([, specs]) => specs.some(refusesArgumentTypes))
    .map(([name, specs]): [string, string] => {
      const overloads = specs.map((spec) => {
        const on = spec.receiver === undefined ? '' : `on: ${list(typesOf(spec.receiver))}, `;
        const params = refusesArgumentTypes(spec) ? spec.params.map((p) => list([p.name, ...typesOf(p.type)])) : [];
        return `{ ${on}params: [${params.join(', ')}] }`;
      });
      const key = name.toLowerCase();
      return [key, `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: { name: ${JSON.stringify(name)}, overloads: [${overloads.join(', ')}] }`];
    })
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, entry]) => entry);
}

/** The script's connections: the Zoho OAuth ones (a token variable each), and those the connections file types otherwise. */
function connectionKinds(generated: Generated, options: EmitOptions): { zoho: string[]; others: (readonly [string, ConnectionAuth])[] } {
  const auth = options.connectionAuth ?? (() => ZOHO_OAUTH);
  // A connection named at run time may be any the connections file defines: each goes the way the file says.
  const names = generated.dynamicConnection ? [...new Set([...generated.connections, ...(options.connectionNames ?? [])])] : generated.connections;
  const others = names.map((c) => [c, auth(c)] as const).filter(([, a]) => a.kind !== 'zoho-oauthtoken');
  return { zoho: names.filter((c) => auth(c).kind === 'zoho-oauthtoken'), others };
}

/** The default arguments as code: text, numbers, booleans, lists and maps as literals. */
function defaultsCode(args: Readonly<Record<string, Value>>): string {
  const entries = Object.entries(args).map(([name, value]) => `[${JSON.stringify(name)}, ${valueCode(value)}]`);
  return `mapOf(${entries.join(', ')})`;
}

function valueCode(value: Value): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Number.isFinite(value) ? String(value) : 'NaN';
    case 'boolean':
      return String(value);
  }
  if (value instanceof ListValue) return `[${value.items.map(valueCode).join(', ')}]`;
  if (value instanceof MapValue) return `new Map<MapKey, Value>([${[...value.entries].map(([k, v]) => `[${valueCode(k)}, ${valueCode(v)}]`).join(', ')}])`;
  if (value instanceof DateTimeValue) return JSON.stringify(textForm(value));
  return JSON.stringify(jsonText(value));
}

/** A sentence as `//` lines of at most 120 characters, the later ones indented as the header's are. */
function commentLines(text: string): string[] {
  const lines: string[] = [];
  let line = '//';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > 120 && line.trim() !== '//') {
      lines.push(line);
      line = '//  ';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}
