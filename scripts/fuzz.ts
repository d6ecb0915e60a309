/**
 * Fuzzes the parser: `npm run fuzz -- --count 1000000 [--seed N] [--start I] [--jobs N] [--keep-going] [--ast-spans]`.
 *
 * Input i of a run is a pure function of (seed, i), so any input can be regenerated alone
 * (`--seed S --start I --count 1`). The stream mixes random Unicode strings, soup of Deluge token fragments,
 * and mutations (delete / insert / duplicate / swap slices, …) of the files in examples/ and of a built-in
 * corpus of snippets. Properties checked for every input:
 *   - `parse` never throws (default auto docs detection; every 8th input also with `docs: true`);
 *   - every diagnostic span (and related / fix span) lies in [0, text.length] with start ≤ end;
 *   - with `--ast-spans`, also every AST node span lies in [0, text.length] with start ≤ end;
 *   - the CLI's renderers (stylish with code frames, JSON) do not throw on the result.
 * On a failure it prints the seed, the index, the error, and a minimised failing input, and exits 1.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DelugeGenerator, prng } from '../bench/generate.js';
import { renderStylish, toJsonResult } from '../src/diagnostics/render.js';
import { SourceFile } from '../src/source/source-file.js';
import type { Span } from '../src/source/span.js';
import { parse, type ParseOptions } from '../src/syntax/parse.js';

// ── Corpus ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Hand-written snippets covering the grammar and the lexer's special cases (valid and broken). */
export const SNIPPETS: readonly string[] = [
  'x = 1;\ninfo x;\n',
  'string standalone.syncLead(String leadId, Map input)\n{\n\tlead = zoho.crm.getRecordById("Leads", leadId);\n\tif (lead.get("Email") == null) {\n\t\treturn "no email";\n\t}\n\treturn "ok";\n}\n',
  'void automation.notify(Int recordId) {\n  info recordId;\n}\n',
  'if (total > 100 && status == "Open") {\n    tier = "gold";\n} else if (total > 50) {\n    tier = "silver";\n} else {\n    tier = "none";\n}\n',
  'for each item in myList { info item; }\nfor each index i in myList { info myList.get(i); }\n',
  'try {\n    resp = zoho.crm.getRecordById("Leads", leadId);\n} catch (e) {\n    info e;\n}\n',
  'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"\n\ttype: DELETE\n\tconnection:"crm_oauth_connection"\n];\ninfo response;\n',
  'resp = invokeurl\n[\n  url: "https://api.example.com/v1/items"\n  type: POST\n  parameters: body.toString()\n  headers: {"Content-Type": "application/json", "X-Api-Key": key}\n  content-type: "application/json"\n  response-format: "json"\n];\n',
  'sendmail\n[\n  from: zoho.adminuserid\n  to: "a@b.com", "c@d.com"\n  subject: "Report " + today\n  message: "<b>Done</b>"\n];\n',
  'm = Map();\nm.put("name", "Ann");\nm2 = {"name": "Ann", "age": 30, "tags": {"a", "b", {"nested"}}};\nl = List();\nsl = List:String();\nnl = List:Int({1, 2, 3});\nc = collection("k" : 1);\n',
  'label = if(score >= 50, "pass", "fail");\nemail = ifnull(rec.get("Email"), "");\nok = x in {1, 2} && y not in list;\n',
  'recs = Orders[Status == "Open" && Amount > 10] sort by Added_Time desc range from 1 to 10;\nfor each r in Orders[ID != 0] { r.Status = "Done"; }\n',
  'input.Country:ui.add("India");\nhide Phone;\nshow Email;\ndisable Amount;\nalert "Check the amount";\ncancel submit;\n',
  'id = insert into Employees\n[\n  Added_User = zoho.loginuser\n  Name = "Ann"\n];\ndelete from Employees[ID == id];\n',
  '<%{\n  items = {1, 2, 3};\n%>\n<ul>\n<%for each i in items {%>\n<li><%=i%></li>\n<%}%>\n</ul>\n<%}%>',
  '/* a block\n comment */ x = "a \\"quoted\\" word"; // trailing\ny = \'15-Aug-1947 19:00:00\';\nz = .5 + 3.25 - -1 * (2 % 7) / 4;\n',
  'a += 10; b -= 1; c *= 2; d /= 3; e %= 4;\nf = !g;\nthrow "bad input";\n',
  'Copiedresponse = invokeurl\n[\\\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040"\\\n\ttype: DELETE\\\n\tconnection:"crm_oauth_connection"\\\n];\ninfo response;\n',
  'Copied  info \u201chello\u201d;\u00a0x = \u2018a\u2019;\n',
  'x = \u201csmart quotes\u201d;\ny = \u2018single\u2019;\n',
  '\ufeffx = 1;\r\ny = 2;\r\ninfo x + y;\r\n',
  'x = 1\rinfo x;\r',
  'x = 1\ny = 2;\n',
  'if x > 1 { info x; }\n',
  'while (x < 10) { x = x + 1; }\n',
  'for (i = 0; i < 10; i++) { info i; }\n',
  'i++;\nj--;\nk = a ? b : c;\n',
  'if (x = 1) { info x; }\n',
  'resp = invokeurl [ url: "u", type: GET, connection: "c" ];\n',
  'x = (1 + 2;\ny = {1, 2;\nz = [1, 2;\n}\n)\n]\n',
  'x = "never closed\ninfo x;\n',
  "x = 'never closed\ninfo x;\n",
  'x = 1; /* never closed\ninfo x;\n',
  'x = 1 & 2 | 3; # comment\n',
  '5 = x;\nf() = 2;\n',
  'm = {"a": 1, 2};\n',
  'info "\ud83d\ude00 emoji \u0301 combining";\n\tx\t=\t"tab\tbed";\n',
  'list = {1,2,3};\nfor each x in list\n  info x;\nif (true) info "one";\nelse info "two";\n',
  'int a;\nString s = "x";\nMap m = Map();\nList:String names = List:String();\n',
  'return;\nbreak;\ncontinue;\n;\n;;\n',
  'x = zoho.currenttime.addBusinessHour(5).toString("yyyy-MM-dd\'T\'HH:mm:ss");\n',
];

/** Deluge fragments for token soup and insertions: keywords, punctuation, literals, lexer edge cases. */
export const FRAGMENTS: readonly string[] = [
  'if', 'else', 'for', 'each', 'index', 'in', 'not', 'while', 'try', 'catch', 'throw', 'return', 'break', 'continue',
  'info', 'true', 'false', 'null', 'insert', 'into', 'delete', 'from', 'to', 'sort', 'by', 'range', 'asc', 'desc',
  'alert', 'cancel', 'submit', 'hide', 'show', 'enable', 'disable', 'clear', 'invokeurl', 'invokeapi', 'sendmail',
  'sendsms', 'pushnotify', 'IF', 'For Each', 'NULL', 'invokeUrl', 'string', 'String', 'void', 'int', 'Map', 'List',
  'List:String', 'list', 'ui', 'x', 'y', 'resp', 'zoho', 'crm', 'standalone', 'getRecordById', 'ifnull', 'input',
  'url', 'type', 'GET', 'POST', 'DELETE', 'connection', 'headers', 'parameters', 'content-type', 'response-format',
  '(', ')', '{', '}', '[', ']', ';', ',', ':', '.', '=', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '!', '+', '-',
  '*', '/', '%', '+=', '-=', '*=', '/=', '%=', '++', '--', '?', '&', '|', '#', '@', '$', '~', '^', '`', '\\',
  '0', '1', '42', '3.14', '.5', '007', '9223372036854775808', '"text"', '"a \\" b"', '""', "'15-Aug-1947'", "''",
  '"unclosed', "'unclosed", '"multi\nline"', '\u201csmart\u201d', '\u2018s\u2019', '\u201c', '\u2019',
  '//', '// comment\n', '/*', '*/', '/* c */', '<%', '<%=', '%>', '<%{', '}%>', '<b>html</b>', 'for(i=0;i<3;i++)',
  'Copied', '[\\\n', '\\\n', '\\\r\n', '\u00a0', '\u200b', '\ufeff', '\u2007', '\t', '\n', '\r\n', '\r', ' ',
  '\ud83d\ude00', '\ud800', '\udc00', '\u0000', '\u2028', '\u0301', 'é', '中文',
];

/** Every `.dg` / `.deluge` file under examples/ (none if the folder does not exist). */
export function loadExamples(root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples')): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(dg|deluge)$/i.test(name)) out.push(readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** The seed corpus: snippets, a few generated functions, and the examples. */
export function buildCorpus(examples: readonly string[] = loadExamples()): string[] {
  const g = new DelugeGenerator(2024);
  const generated = Array.from({ length: 12 }, (_, i) => (i % 2 ? g.script(6) : g.func(6)));
  return [...SNIPPETS, ...generated, ...examples];
}

// ── Generator ──────────────────────────────────────────────────────────────────────────────────────────────

export interface FuzzInput {
  readonly text: string;
  readonly docs: ParseOptions['docs'];
  readonly kind: 'unicode' | 'soup' | 'mutation';
}

/** Mixes the run seed and the input index into one 32-bit seed (splitmix-like). */
function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Longest text taken from one corpus entry before mutating. Inputs are kept short so a million of them run in
 * minutes: the parser's error recovery costs about a millisecond per error, whatever the input's length.
 */
const MAX_WINDOW = 240;

export class FuzzGenerator {
  constructor(
    readonly seed: number,
    private readonly corpus: readonly string[] = buildCorpus(),
  ) {}

  /** Input number `index` of this seed's stream (a pure function of seed and index). */
  input(index: number): FuzzInput {
    const r = prng(mix(this.seed, index));
    const int = (n: number) => Math.floor(r() * n);
    const docs: ParseOptions['docs'] = index % 8 === 7 ? true : 'auto';
    const roll = r();
    if (roll < 0.2) return { text: randomUnicode(r, int(24)), docs, kind: 'unicode' };
    if (roll < 0.45) return { text: tokenSoup(r, 1 + int(12)), docs, kind: 'soup' };
    return { text: this.mutation(r), docs, kind: 'mutation' };
  }

  private mutation(r: () => number): string {
    const int = (n: number) => Math.floor(r() * n);
    let text = this.corpus[int(this.corpus.length)]!;
    if (text.length > MAX_WINDOW) {
      // A window of whole lines, starting at a random line.
      let start = int(text.length - 80);
      start = text.lastIndexOf('\n', start) + 1;
      const end = text.indexOf('\n', start + 40 + int(MAX_WINDOW - 40));
      text = text.slice(start, end < 0 ? undefined : end + 1).slice(0, MAX_WINDOW);
    }
    const rounds = 1 + int(2);
    for (let k = 0; k < rounds; k++) text = mutate(r, text);
    return text;
  }
}

const PUNCTUATION = '(){}[];:,.="\'\\/*<>%!&|+-?#';

function randomChar(r: () => number): string {
  const int = (n: number) => Math.floor(r() * n);
  const roll = r();
  if (roll < 0.45) return String.fromCharCode(32 + int(95)); // printable ASCII
  if (roll < 0.55) return ' \t\n\r'[int(4)]!;
  if (roll < 0.7) return PUNCTUATION[int(PUNCTUATION.length)]!;
  if (roll < 0.8) return ['\u201c', '\u201d', '\u201e', '\u2018', '\u2019', '\u00a0', '\u200b', '\ufeff', '\u2028', '\u0000'][int(10)]!;
  if (roll < 0.9) return String.fromCharCode(0x80 + int(0xd800 - 0x80)); // BMP below the surrogates
  if (roll < 0.95) return String.fromCodePoint(0x10000 + int(0x10ffff - 0x10000)); // astral: a surrogate pair
  return String.fromCharCode(0xd800 + int(0x800)); // a lone surrogate
}

function randomUnicode(r: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += randomChar(r);
  return s;
}

const SEPARATORS = [' ', ' ', ' ', '', '\n', '\t', '\r\n', '  '];

function tokenSoup(r: () => number, count: number): string {
  const int = (n: number) => Math.floor(r() * n);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(FRAGMENTS[int(FRAGMENTS.length)]!);
    out.push(SEPARATORS[int(SEPARATORS.length)]!);
  }
  return out.join('');
}

function mutate(r: () => number, text: string): string {
  const int = (n: number) => Math.floor(r() * n);
  const at = () => int(text.length + 1);
  const slice = (): [number, number] => {
    const a = at();
    return [a, Math.min(text.length, a + 1 + int(24))];
  };
  switch (int(9)) {
    case 0: {
      const [a, b] = slice();
      return text.slice(0, a) + text.slice(b);
    }
    case 1: {
      const a = at();
      return text.slice(0, a) + FRAGMENTS[int(FRAGMENTS.length)]! + text.slice(a);
    }
    case 2: {
      const a = at();
      return text.slice(0, a) + randomUnicode(r, 1 + int(4)) + text.slice(a);
    }
    case 3: {
      const [a, b] = slice();
      const c = at();
      return text.slice(0, c) + text.slice(a, b) + text.slice(c);
    }
    case 4: {
      let [a, b] = slice();
      let [c, d] = slice();
      if (c < a) [a, b, c, d] = [c, d, a, b];
      if (c < b) return text;
      return text.slice(0, a) + text.slice(c, d) + text.slice(b, c) + text.slice(a, b) + text.slice(d);
    }
    case 5: {
      const a = int(text.length);
      return text.slice(0, a) + randomChar(r) + text.slice(a + 1);
    }
    case 6:
      return text.slice(0, at());
    case 7: {
      const [a, b] = slice();
      const part = text.slice(a, b);
      return text.slice(0, a) + (r() < 0.5 ? part.toUpperCase() : part.toLowerCase()) + text.slice(b);
    }
    default: {
      // Line-end games: CRLF, lone CR, docs-style escaped line ends.
      const ends = ['\r\n', '\r', '\\\n', '\n\n'];
      const end = ends[int(ends.length)]!;
      return r() < 0.5 ? text.replace(/\n/g, end) : text.replace('\n', end);
    }
  }
}

// ── Properties ─────────────────────────────────────────────────────────────────────────────────────────────

export interface CheckOptions {
  /** Also require every AST node's span to lie in [0, length] (`--ast-spans`; off by default). */
  readonly astSpans?: boolean;
}

/** Checks the properties for one input; returns a description of what is wrong, or undefined. */
export function checkInput(text: string, docs: ParseOptions['docs'] = 'auto', options: CheckOptions = {}): string | undefined {
  let result;
  try {
    result = parse(text, { docs });
  } catch (error) {
    return `parse threw: ${describeError(error)}`;
  }
  const length = text.length;
  const bad = (s: Span | undefined) =>
    !s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || s.end > length;
  for (const d of result.diagnostics) {
    if (bad(d.span)) return `diagnostic ${d.code} span ${JSON.stringify(d.span)} outside [0, ${length}]`;
    for (const rel of d.related ?? []) if (bad(rel.span)) return `diagnostic ${d.code} related span ${JSON.stringify(rel.span)} outside [0, ${length}]`;
    if (d.fix && bad(d.fix.span)) return `diagnostic ${d.code} fix span ${JSON.stringify(d.fix.span)} outside [0, ${length}]`;
  }
  const astProblem = options.astSpans ? checkAstSpans(result.value, length) : undefined;
  if (astProblem) return astProblem;
  try {
    const file = new SourceFile('fuzz.dg', text);
    renderStylish([{ file, diagnostics: result.diagnostics }]);
    JSON.stringify(toJsonResult({ file, diagnostics: result.diagnostics }));
  } catch (error) {
    return `rendering threw: ${describeError(error)}`;
  }
  return undefined;
}

function checkAstSpans(root: unknown, length: number): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) stack.push(child);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === 'span' || key === 'keySpan') {
        const s = value as Span | undefined;
        if (!s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || s.end > length) {
          return `AST ${String(record['kind'] ?? '?')}.${key} ${JSON.stringify(s)} outside [0, ${length}]`;
        }
      } else if (value !== null && typeof value === 'object') {
        stack.push(value);
      }
    }
  }
  return undefined;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frame = error.stack?.split('\n').find((l) => /^\s+at /.test(l))?.trim() ?? '';
    return `${error.name}: ${error.message}${frame ? ` (${frame})` : ''}`;
  }
  return String(error);
}

/** Kind of a failure, so that shrinking keeps the same failure (not any failure). */
function failureKind(problem: string): string {
  return problem.replace(/\d+/g, 'N').replace(/\(at .*\)$/, '');
}

/** Shrinks `text` while `fails` holds for the same kind of problem. */
export function minimise(text: string, docs: ParseOptions['docs'], problem: string, budgetMs = 20_000, options: CheckOptions = {}): string {
  const kind = failureKind(problem);
  return shrink(
    text,
    (t) => {
      const p = checkInput(t, docs, options);
      return p !== undefined && failureKind(p) === kind;
    },
    budgetMs,
  );
}

/** Greedy delta debugging: removes chunks (halves, quarters, … single code units) while `fails` still holds. */
export function shrink(text: string, fails: (candidate: string) => boolean, budgetMs = 20_000): string {
  const deadline = Date.now() + budgetMs;
  let best = text;
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && Date.now() < deadline; chunk = chunk === 1 ? 0 : Math.max(1, chunk >> 1)) {
    let progress = true;
    while (progress && Date.now() < deadline) {
      progress = false;
      for (let i = 0; i < best.length && Date.now() < deadline; ) {
        const candidate = best.slice(0, i) + best.slice(i + chunk);
        if (candidate !== best && fails(candidate)) {
          best = candidate;
          progress = true;
        } else {
          i += chunk;
        }
      }
    }
  }
  return best;
}

// ── Runner ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface Failure {
  readonly seed: number;
  readonly index: number;
  readonly kind: FuzzInput['kind'];
  readonly docs: ParseOptions['docs'];
  readonly problem: string;
  readonly input: string;
  readonly minimal: string;
}

export interface RunStats {
  count: number;
  ms: number;
  failures: Failure[];
  slowest: { index: number; ms: number; length: number };
  byKind: Record<FuzzInput['kind'], number>;
}

/** Runs inputs [start, start + count) of `seed`; stops at the first failure unless `keepGoing`. */
export function runRange(
  seed: number,
  start: number,
  count: number,
  options: { keepGoing?: boolean; onProgress?: (done: number) => void; corpus?: readonly string[]; minimiseMs?: number } & CheckOptions = {},
): RunStats {
  const generator = new FuzzGenerator(seed, options.corpus ?? buildCorpus());
  const stats: RunStats = { count: 0, ms: 0, failures: [], slowest: { index: -1, ms: 0, length: 0 }, byKind: { unicode: 0, soup: 0, mutation: 0 } };
  const seen = new Set<string>();
  const t0 = performance.now();
  for (let index = start; index < start + count; index++) {
    const input = generator.input(index);
    const t = performance.now();
    const problem = checkInput(input.text, input.docs, options);
    const took = performance.now() - t;
    if (took > stats.slowest.ms) stats.slowest = { index, ms: took, length: input.text.length };
    stats.count++;
    stats.byKind[input.kind]++;
    if (problem !== undefined) {
      const kind = failureKind(problem);
      if (!seen.has(kind)) {
        seen.add(kind);
        const minimal = minimise(input.text, input.docs, problem, options.minimiseMs, options);
        stats.failures.push({ seed, index, kind: input.kind, docs: input.docs, problem, input: input.text, minimal });
      }
      if (!options.keepGoing) break;
    }
    if (options.onProgress && stats.count % 10_000 === 0) options.onProgress(stats.count);
  }
  stats.ms = performance.now() - t0;
  return stats;
}

interface Args {
  count: number;
  seed: number;
  start: number;
  jobs: number;
  keepGoing: boolean;
  astSpans: boolean;
  child: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { count: 100_000, seed: Date.now() % 0x7fffffff, start: 0, jobs: 1, keepGoing: false, astSpans: false, child: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${flag} needs a number`);
      return Math.floor(v);
    };
    if (flag === '--count') args.count = value();
    else if (flag === '--seed') args.seed = value();
    else if (flag === '--start') args.start = value();
    else if (flag === '--jobs') args.jobs = Math.max(1, value());
    else if (flag === '--keep-going') args.keepGoing = true;
    else if (flag === '--ast-spans') args.astSpans = true;
    else if (flag === '--child') args.child = true;
    else throw new Error(`unknown flag ${flag} (flags: --count N --seed N --start N --jobs N --keep-going --ast-spans)`);
  }
  return args;
}

function printFailure(f: Failure, args: Args): void {
  console.error(`\nFAILURE (${f.kind} input, docs: ${String(f.docs)}): ${f.problem}`);
  console.error(`  seed ${f.seed}, index ${f.index} — reproduce: npm run fuzz -- --seed ${f.seed} --start ${f.index} --count 1${args.astSpans ? ' --ast-spans' : ''}`);
  if (!f.input) return;
  console.error(`  input   (${f.input.length} chars): ${JSON.stringify(f.input.length > 2000 ? `${f.input.slice(0, 2000)}…` : f.input)}`);
  console.error(`  minimal (${f.minimal.length} chars): ${JSON.stringify(f.minimal)}`);
}

function rate(count: number, ms: number): string {
  return `${Math.round(count / (ms / 1000)).toLocaleString('en-US')} inputs/s`;
}

/** Splits the range over `jobs` child processes (same script, `--child`), aggregating their reports. */
async function runParallel(args: Args): Promise<RunStats> {
  const script = fileURLToPath(import.meta.url);
  const per = Math.ceil(args.count / args.jobs);
  const done = new Array<number>(args.jobs).fill(0);
  const total: RunStats = { count: 0, ms: 0, failures: [], slowest: { index: -1, ms: 0, length: 0 }, byKind: { unicode: 0, soup: 0, mutation: 0 } };
  const t0 = performance.now();
  let lastPrint = 0;
  let stopping = false;
  const children = Array.from({ length: args.jobs }, (_, j) => {
    const start = args.start + j * per;
    const count = Math.max(0, Math.min(per, args.start + args.count - start));
    const childArgs = ['--child', '--seed', String(args.seed), '--start', String(start), '--count', String(count), ...(args.keepGoing ? ['--keep-going'] : []), ...(args.astSpans ? ['--ast-spans'] : [])];
    const child = spawn(process.execPath, [...process.execArgv, script, ...childArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    return { child, j };
  });
  await Promise.all(
    children.map(
      ({ child, j }) =>
        new Promise<void>((resolvePromise) => {
          let buffer = '';
          let reported = false;
          child.stdout!.setEncoding('utf8');
          child.stdout!.on('data', (chunk: string) => {
            buffer += chunk;
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              const message = JSON.parse(line) as { progress?: number; stats?: RunStats };
              if (message.progress !== undefined) {
                done[j] = message.progress;
                const sum = done.reduce((a, b) => a + b, 0);
                if (process.stderr.isTTY || performance.now() - lastPrint > 30_000) {
                  lastPrint = performance.now();
                  process.stderr.write(`  ${sum.toLocaleString('en-US')} inputs, ${rate(sum, performance.now() - t0)}\n`);
                }
              }
              if (message.stats) {
                reported = true;
                const s = message.stats;
                total.count += s.count;
                total.failures.push(...s.failures);
                if (s.slowest.ms > total.slowest.ms) total.slowest = s.slowest;
                for (const k of Object.keys(s.byKind) as FuzzInput['kind'][]) total.byKind[k] += s.byKind[k];
                // One failure is enough unless asked to keep going: stop the other children.
                if (s.failures.length && !args.keepGoing) {
                  stopping = true;
                  for (const other of children) if (other.child !== child) other.child.kill();
                }
              }
            }
          });
          child.on('close', (code, signal) => {
            // A child that dies without its report (it crashed, hung and was killed, ran out of memory) is a failure too.
            if (!reported && !stopping) {
              total.failures.push({
                seed: args.seed, index: args.start + j * per + done[j]!, kind: 'mutation', docs: 'auto',
                problem: `worker ${j} exited (${signal ?? `code ${code}`}) without a report, after ${done[j]} of its inputs`,
                input: '', minimal: '',
              });
            }
            resolvePromise();
          });
        }),
    ),
  );
  total.ms = performance.now() - t0;
  return total;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${(error as Error).message}`);
    process.exit(2);
  }
  if (args.child) {
    const stats = runRange(args.seed, args.start, args.count, {
      keepGoing: args.keepGoing,
      astSpans: args.astSpans,
      onProgress: (n) => process.stdout.write(`${JSON.stringify({ progress: n })}\n`),
    });
    process.stdout.write(`${JSON.stringify({ stats })}\n`);
    return;
  }
  const examples = loadExamples();
  console.error(
    `fuzz: seed ${args.seed}, inputs ${args.start}…${args.start + args.count - 1}, ${args.jobs} job${args.jobs === 1 ? '' : 's'}, ` +
      `corpus ${SNIPPETS.length} snippets + ${examples.length} example file${examples.length === 1 ? '' : 's'}`,
  );
  let stats: RunStats;
  if (args.jobs > 1) {
    stats = await runParallel(args);
  } else {
    const t0 = performance.now();
    let lastPrint = 0;
    stats = runRange(args.seed, args.start, args.count, {
      keepGoing: args.keepGoing,
      astSpans: args.astSpans,
      corpus: buildCorpus(examples),
      onProgress: (n) => {
        if (process.stderr.isTTY || performance.now() - lastPrint > 30_000) {
          lastPrint = performance.now();
          process.stderr.write(`  ${n.toLocaleString('en-US')} inputs, ${rate(n, performance.now() - t0)}\n`);
        }
      },
    });
  }
  for (const f of stats.failures) printFailure(f, args);
  const k = stats.byKind;
  console.log(
    `fuzz: ${stats.count.toLocaleString('en-US')} inputs (${k.unicode} unicode, ${k.soup} token soup, ${k.mutation} mutations) in ` +
      `${(stats.ms / 1000).toFixed(1)} s, ${rate(stats.count, stats.ms)}; slowest input #${stats.slowest.index} ` +
      `(${stats.slowest.length} chars) took ${stats.slowest.ms.toFixed(1)} ms; ` +
      (stats.failures.length ? `${stats.failures.length} distinct failure${stats.failures.length === 1 ? '' : 's'}` : 'no failures'),
  );
  process.exitCode = stats.failures.length ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) await main();
