/**
 * `tsx scripts/gen-ts-prelude.ts` (npm run ts-prelude) turns the helper library of emitted TypeScript programs
 * (src/emitters/typescript/prelude/*.ts and the files it shares with the runtime, SHARED_FILES: real TypeScript
 * type-checked with the project) into src/emitters/typescript/prelude.generated.ts: one entry per top-level
 * declaration with its code (comments kept, `export` dropped), the helpers it uses (found by the type checker, so
 * a local name is never mistaken for a helper), the lines kept only when another helper is present
 * (`// when: Name`), and for builtins the Deluge names it implements (`@builtin`) and how many arguments it takes. The emitter reads only the generated file: it
 * never reads files at run time. test/emitters/typescript/prelude.test.ts fails when the file is stale.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const PRELUDE_DIR = fileURLToPath(new URL('../src/emitters/typescript/prelude/', import.meta.url));
export const GENERATED_FILE = fileURLToPath(new URL('../src/emitters/typescript/prelude.generated.ts', import.meta.url));

/** Files outside the prelude folder whose declarations programs share with `deluge run` (they import nothing but each other). */
const SHARED_FILES: Readonly<Record<string, string>> = {
  'java-regex.ts': fileURLToPath(new URL('../src/runtime/java-regex.ts', import.meta.url)),
  'text-fold.ts': fileURLToPath(new URL('../src/runtime/text-fold.ts', import.meta.url)),
  'decimal-digits.ts': fileURLToPath(new URL('../src/runtime/decimal-digits.ts', import.meta.url)),
  'number-format.ts': fileURLToPath(new URL('../src/runtime/number-format.ts', import.meta.url)),
  'index-range.ts': fileURLToPath(new URL('../src/runtime/index-range.ts', import.meta.url)),
  'byte-codecs.ts': fileURLToPath(new URL('../src/runtime/byte-codecs.ts', import.meta.url)),
  'calendar.ts': fileURLToPath(new URL('../src/runtime/calendar.ts', import.meta.url)),
  'date-patterns.ts': fileURLToPath(new URL('../src/runtime/date-patterns.ts', import.meta.url)),
  'time-of-day.ts': fileURLToPath(new URL('../src/runtime/time-of-day.ts', import.meta.url)),
  'form-encoding.ts': fileURLToPath(new URL('../src/runtime/form-encoding.ts', import.meta.url)),
  'content-type.ts': fileURLToPath(new URL('../src/http/content-type.ts', import.meta.url)),
  'charsets.ts': fileURLToPath(new URL('../src/http/charsets.ts', import.meta.url)),
  'multipart.ts': fileURLToPath(new URL('../src/http/multipart.ts', import.meta.url)),
  'managed-headers.ts': fileURLToPath(new URL('../src/http/managed-headers.ts', import.meta.url)),
  'redact.ts': fileURLToPath(new URL('../src/http/redact.ts', import.meta.url)),
  'crm-delete-ids.ts': fileURLToPath(new URL('../src/http/crm-delete-ids.ts', import.meta.url)),
  'send-failures.ts': fileURLToPath(new URL('../src/http/send-failures.ts', import.meta.url)),
  'retry-rule.ts': fileURLToPath(new URL('../src/http/retry-rule.ts', import.meta.url)),
  'redirect-rule.ts': fileURLToPath(new URL('../src/http/redirect-rule.ts', import.meta.url)),
  'url-text.ts': fileURLToPath(new URL('../src/http/url-text.ts', import.meta.url)),
  'stop-wording.ts': fileURLToPath(new URL('../src/runner/stop-wording.ts', import.meta.url)),
  'mail-keys.ts': fileURLToPath(new URL('../src/runtime/mail-keys.ts', import.meta.url)),
  'file-types.ts': fileURLToPath(new URL('../src/runtime/file-types.ts', import.meta.url)),
  'html-entities.ts': fileURLToPath(new URL('../src/runtime/html-entities.ts', import.meta.url)),
  'spellout.ts': fileURLToPath(new URL('../src/runtime/spellout.ts', import.meta.url)),
  'ranks.ts': fileURLToPath(new URL('../src/runtime/ranks.ts', import.meta.url)),
  'angles.ts': fileURLToPath(new URL('../src/runtime/angles.ts', import.meta.url)),
};

/** The order helpers appear in an emitted program: by file in this order, then as written. */
const FILE_ORDER = ['values.ts', 'text-form.ts', 'operators.ts', 'mail-keys.ts', 'statements.ts', 'conversions.ts', 'java-regex.ts', 'text-fold.ts', 'decimal-digits.ts', 'number-format.ts', 'index-range.ts', 'byte-codecs.ts', 'form-encoding.ts', 'file-types.ts', 'html-entities.ts', 'spellout.ts', 'ranks.ts', 'angles.ts', 'functions.ts', 'json.ts', 'calendar.ts', 'date-patterns.ts', 'datetime.ts', 'time-of-day.ts', 'datetime-functions.ts', 'content-type.ts', 'charsets.ts', 'multipart.ts', 'managed-headers.ts', 'redact.ts', 'crm-delete-ids.ts', 'send-failures.ts', 'retry-rule.ts', 'redirect-rule.ts', 'url-text.ts', 'stop-wording.ts', 'http.ts', 'crm.ts', 'encryption.ts', 'config.ts'];

export interface GeneratedHelper {
  readonly code: string;
  readonly deps: string[];
  /** `line` is 0-based within `code`; the line is kept only when `when` is part of the program. */
  readonly conditional?: { readonly line: number; readonly when: string; readonly deps: string[] }[];
  /** Declared by the emitter (`@provided`): no code here. */
  readonly provided?: true;
  /** The Deluge functions it implements (lower case). */
  readonly builtins?: string[];
  /** Arguments a builtin takes: [required, max] (max -1: any number). */
  readonly arity?: [number, number];
  /** Imports from Node's modules the code needs: module → names. */
  readonly imports?: Record<string, string[]>;
}

const WHEN = /\s*\/\/ when: (\w+)\s*$/;

export function generatePrelude(): string {
  const files = [...readdirSync(PRELUDE_DIR).filter((f) => f.endsWith('.ts')), ...Object.keys(SHARED_FILES)];
  const unknown = files.filter((f) => !FILE_ORDER.includes(f));
  if (unknown.length > 0) throw new Error(`add ${unknown.join(', ')} to FILE_ORDER in scripts/gen-ts-prelude.ts`);
  const paths = FILE_ORDER.filter((f) => files.includes(f)).map((f) => SHARED_FILES[f] ?? `${PRELUDE_DIR}${f}`);
  const program = ts.createProgram(paths, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], strict: true, noEmit: true });
  const checker = program.getTypeChecker();

  // Every top-level declaration of the prelude, by its declaration node.
  const owner = new Map<ts.Node, string>();
  const declarations: { name: string; statement: ts.Statement; source: ts.SourceFile }[] = [];
  for (const path of paths) {
    const source = program.getSourceFile(path)!;
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement)) continue;
      const name = declarationName(statement);
      if (!name) throw new Error(`${path}: a top-level statement that is not a named declaration: ${statement.getText(source).slice(0, 60)}`);
      const known = declarations.find((d) => d.name === name);
      if (known && !ts.isFunctionDeclaration(statement)) throw new Error(`${path}: '${name}' is declared twice in the prelude`);
      declarations.push({ name, statement, source });
      owner.set(statement, name);
      if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) owner.set(d, name);
    }
  }

  const helpers = new Map<string, GeneratedHelper & { code: string }>();
  for (const { name, statement, source } of declarations) {
    const text = codeOf(statement, source);
    const provided = /@provided\b/.test(leadingDoc(statement, source));
    const lineStarts = lineOffsets(statement, source);
    const lines = text.split('\n');
    const deps = new Set<string>();
    const conditional: { line: number; when: string; deps: Set<string> }[] = lines.flatMap((line, i) => {
      const m = WHEN.exec(line);
      return m ? [{ line: i, when: m[1]!, deps: new Set<string>() }] : [];
    });
    const imports: Record<string, Set<string>> = {};
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const used = helperOf(node, checker, owner);
        const external = importOf(node, checker);
        const line = lineOf(node.getStart(source), lineStarts);
        const cond = conditional.find((c) => c.line === line);
        if (used && used !== name) (cond ? cond.deps : deps).add(used);
        if (external) (imports[external.module] ??= new Set()).add(external.name);
      }
      ts.forEachChild(node, visit);
    };
    visit(statement);
    const existing = helpers.get(name);
    if (existing) {
      // Function overloads: one helper.
      helpers.set(name, { ...existing, code: `${existing.code}\n${text}`, deps: [...new Set([...existing.deps, ...deps])].sort() });
      continue;
    }
    const builtins = /@builtin ([^—\n*]+)/.exec(leadingDoc(statement, source))?.[1]?.trim().split(/\s+/).map((n) => n.toLowerCase());
    helpers.set(name, {
      code: provided ? '' : text,
      deps: provided ? [] : [...deps].sort(),
      ...(!provided && conditional.length > 0 && { conditional: conditional.map((c) => ({ line: c.line, when: c.when, deps: [...c.deps].sort() })) }),
      ...(provided && { provided: true as const }),
      ...(builtins && { builtins, arity: arityOf(statement) }),
      ...(Object.keys(imports).length > 0 && { imports: Object.fromEntries(Object.entries(imports).map(([m, names]) => [m, [...names].sort()])) }),
    });
  }
  for (const [name, helper] of helpers) {
    for (const c of helper.conditional ?? []) if (!helpers.has(c.when)) throw new Error(`${name}: '// when: ${c.when}' names no helper`);
  }
  const entries = [...helpers].map(([name, helper]) => `  ${JSON.stringify(name)}: ${JSON.stringify(helper)},`);
  return [
    '// Generated from src/emitters/typescript/prelude/*.ts by scripts/gen-ts-prelude.ts (`npm run ts-prelude`): do not edit by hand.',
    "import type { PreludeHelper } from './prelude.js';",
    '',
    '/** The helpers emitted TypeScript programs may contain, in the order they are written out. */',
    'export const PRELUDE: Readonly<Record<string, PreludeHelper>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

function declarationName(statement: ts.Statement): string | undefined {
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    return statement.name?.text;
  }
  if (ts.isVariableStatement(statement)) {
    const [first, ...rest] = statement.declarationList.declarations;
    if (rest.length > 0 || !first || !ts.isIdentifier(first.name)) return undefined;
    return first.name.text;
  }
  return undefined;
}

/** The declaration's JSDoc (the block comment right before it), or ''. */
function leadingDoc(statement: ts.Statement, source: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(source.text, statement.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last || !source.text.startsWith('/**', last.pos)) return '';
  // Only a comment that touches the declaration belongs to it (a file's header comment does not).
  const between = source.text.slice(last.end, statement.getStart(source));
  return /\n\s*\n/.test(between) ? '' : source.text.slice(last.pos, last.end);
}

/** The declaration's text with its JSDoc, `export ` dropped. */
function codeOf(statement: ts.Statement, source: ts.SourceFile): string {
  const doc = leadingDoc(statement, source);
  const body = statement.getText(source).replace(/^export /, '');
  return doc ? `${doc}\n${body}` : body;
}

/** Offsets where each line of `codeOf` starts in the source (the JSDoc lines first). */
function lineOffsets(statement: ts.Statement, source: ts.SourceFile): number[] {
  const doc = leadingDoc(statement, source);
  const start = doc ? source.text.lastIndexOf(doc, statement.getStart(source)) : statement.getStart(source);
  const offsets = [start];
  for (let i = start; i < statement.getEnd(); i++) if (source.text[i] === '\n') offsets.push(i + 1);
  return offsets;
}

function lineOf(offset: number, starts: number[]): number {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return line;
}

/** The prelude helper an identifier refers to, through imports. */
function helperOf(id: ts.Identifier, checker: ts.TypeChecker, owner: Map<ts.Node, string>): string | undefined {
  let symbol = checker.getSymbolAtLocation(id);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const d of symbol?.declarations ?? []) {
    const name = owner.get(d) ?? owner.get(d.parent?.parent ?? d);
    if (name) return name;
  }
  return undefined;
}

/** An import from a module outside the prelude (`node:crypto`); a renamed one as written (`setTimeout as delay`). */
function importOf(id: ts.Identifier, checker: ts.TypeChecker): { module: string; name: string } | undefined {
  const symbol = checker.getSymbolAtLocation(id);
  const d = symbol?.declarations?.[0];
  if (!d || !(ts.isImportSpecifier(d) || ts.isImportClause(d))) return undefined;
  const declaration = ts.isImportSpecifier(d) ? d.parent.parent.parent : d.parent;
  const module = (declaration.moduleSpecifier as ts.StringLiteral).text;
  const name = ts.isImportSpecifier(d) && d.propertyName ? `${d.propertyName.text} as ${d.name.text}` : id.text;
  return module.startsWith('.') ? undefined : { module, name };
}

function arityOf(statement: ts.Statement): [number, number] | undefined {
  if (!ts.isFunctionDeclaration(statement)) return undefined;
  const params = statement.parameters;
  const required = params.filter((p) => !p.initializer && !p.questionToken && !p.dotDotDotToken).length;
  return [required, params.some((p) => p.dotDotDotToken) ? -1 : params.length];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(GENERATED_FILE, generatePrelude());
  console.log(`wrote ${GENERATED_FILE}`);
}
