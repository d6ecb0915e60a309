import { NodeMemo } from '../../analysis/memo.js';
import { positionsOf, treeIndexOf } from '../../analysis/tree-index.js';
import { editDistance } from '../../edit-distance.js';
import type { SourceFile } from '../../source/source-file.js';
import { cover, type Span } from '../../source/span.js';
import type { CallExpr, Expr, ForEachStmt, Node, Program, StringLiteral, TaskExpr } from '../../syntax/ast.js';
import { walk } from '../../syntax/walk.js';
import type { RuleContext } from '../rule.js';
import { Bindings, mapEntries } from './_http-helpers.js';

/**
 * What the delete-records rules know about a request statically. A URL is usually a string literal or a `+`
 * concatenation of literals and variables; `concatPieces` flattens it into literal text and unknown parts
 * (following variables assigned exactly once, and lists of literals joined into the text), `crmUrl` reads the
 * CRM path and query out of the known text, and `recordsDelete` recognises Delete Records calls:
 * `DELETE /crm/{version}/{module}?ids=…` and `DELETE /crm/{version}/{module}/{record_id}` (`recordsGet` the GETs of
 * the same two routes, read the same way).
 * Everything here errs on the side of "unknown": a rule reports only what the literal text proves.
 */

export interface Scope {
  readonly program: Program;
  readonly file: SourceFile;
}

// ── Variables assigned once ───────────────────────────────────────────────────────────────────────────────

/** Methods that change their value in place. */
const MUTATORS = new Set(['add', 'addall', 'insert', 'insertall', 'remove', 'removeall', 'removeelement', 'clear', 'put', 'putall', 'set', 'sort', 'distinct']);

/**
 * The value of a variable assigned exactly once and never changed in place (`list.add(x)`, `m.put(k, v)`,
 * `x.f = …`); undefined otherwise. Read from the table the http rules share (`Bindings`): one reading per file.
 */
export function constantValue(program: Program, name: string): Expr | undefined {
  const table = Bindings.of(program);
  if (table.isAssignedInside(name) || table.callsOn(name).some((c) => MUTATORS.has(c.method))) return undefined;
  return table.single(name);
}

// ── Literal lists ─────────────────────────────────────────────────────────────────────────────────────────

/** The element texts of a list of literals (`{"1", "2"}`, or a variable holding one); undefined when unknown. */
export function literalList(expr: Expr, scope: Scope, depth = 0): { texts: string[]; span: Span } | undefined {
  if (depth > 8) return undefined;
  if (expr.kind === 'ParenExpr') return literalList(expr.expr, scope, depth + 1);
  if (expr.kind === 'Identifier') {
    const value = constantValue(scope.program, expr.name);
    return value ? literalList(value, scope, depth + 1) : undefined;
  }
  if (expr.kind !== 'ListLiteral' || expr.brackets === 'none') return undefined;
  const texts: string[] = [];
  for (const element of expr.elements) {
    if (element.kind === 'StringLiteral') texts.push(element.value);
    else if (element.kind === 'NumberLiteral' && !element.decimal) texts.push(element.raw);
    else return undefined;
  }
  return { texts, span: expr.span };
}

// ── Concatenations ────────────────────────────────────────────────────────────────────────────────────────

export type Piece =
  /** Known text. `at` is the source offset of its first character when the source spells it out exactly. */
  | { readonly kind: 'text'; readonly text: string; readonly origin: Span; readonly at?: number }
  | { readonly kind: 'dynamic'; readonly expr: Expr };

/** `"…/Leads?ids=" + id + "&wf_trigger=true"` as pieces of known text and unknown expressions. */
export function concatPieces(expr: Expr, scope: Scope, depth = 0, seen: ReadonlySet<string> = new Set()): Piece[] {
  const dynamic: Piece[] = [{ kind: 'dynamic', expr }];
  if (depth > 12) return dynamic;
  switch (expr.kind) {
    case 'BinaryExpr':
      return expr.op === '+' ? [...concatPieces(expr.left, scope, depth + 1, seen), ...concatPieces(expr.right, scope, depth + 1, seen)] : dynamic;
    case 'StringLiteral': {
      const exact = scope.file.text.slice(expr.span.start, expr.span.end) === expr.raw && expr.raw.slice(1, -1) === expr.value;
      return [{ kind: 'text', text: expr.value, origin: expr.span, ...(exact ? { at: expr.span.start + 1 } : {}) }];
    }
    case 'NumberLiteral':
      if (expr.decimal || !/^(0|[1-9]\d*)$/.test(expr.raw)) return dynamic;
      return [{ kind: 'text', text: expr.raw, origin: expr.span, at: expr.span.start }];
    case 'BooleanLiteral':
      return [{ kind: 'text', text: expr.value ? 'true' : 'false', origin: expr.span }];
    case 'Identifier': {
      if (seen.has(expr.name)) return dynamic;
      const value = constantValue(scope.program, expr.name);
      if (!value) return dynamic;
      // A list held in a variable joins as text (`"ids=" + idList`).
      const list = literalList(value, scope);
      if (list) return [{ kind: 'text', text: list.texts.join(','), origin: list.span }];
      return concatPieces(value, scope, depth + 1, new Set([...seen, expr.name]));
    }
    case 'ListLiteral': {
      const list = literalList(expr, scope);
      return list ? [{ kind: 'text', text: list.texts.join(','), origin: list.span }] : dynamic;
    }
    case 'CallExpr': {
      // `list.toString()`: a list's text is its elements joined with commas.
      if (expr.args.length === 0 && expr.callee.kind === 'MemberExpr' && expr.callee.property.name.toLowerCase() === 'tostring') {
        const list = literalList(expr.callee.object, scope);
        if (list) return [{ kind: 'text', text: list.texts.join(','), origin: list.span }];
      }
      return dynamic;
    }
    default:
      return dynamic;
  }
}

/** The text of a fully known expression (a literal, a constant, a concatenation of those); undefined otherwise. */
export function knownText(expr: Expr, scope: Scope): string | undefined {
  let text = '';
  for (const piece of concatPieces(expr, scope)) {
    if (piece.kind === 'dynamic') return undefined;
    text += piece.text;
  }
  return text;
}

/** A character of an unknown piece in a template's text. */
export const HOLE = '\u0000';

/** Pieces laid out as one text (an unknown piece is one HOLE character), with where each character came from. */
export class Template {
  readonly text: string;
  private readonly piece: number[] = [];
  private readonly source: (number | undefined)[] = [];

  constructor(readonly pieces: readonly Piece[]) {
    let text = '';
    pieces.forEach((p, index) => {
      if (p.kind === 'dynamic') {
        text += HOLE;
        this.piece.push(index);
        this.source.push(undefined);
        return;
      }
      text += p.text;
      for (let i = 0; i < p.text.length; i++) {
        this.piece.push(index);
        this.source.push(p.at === undefined ? undefined : p.at + i);
      }
    });
    this.text = text;
  }

  private pieceSpan(index: number): Span {
    const p = this.pieces[index]!;
    return p.kind === 'dynamic' ? p.expr.span : p.origin;
  }

  /** The source span of the characters [from, to): exact where the source spells them out, else their pieces'. */
  span(from: number, to: number): Span {
    if (to <= from) {
      const before = from > 0 ? this.source[from - 1] : undefined;
      if (before !== undefined) return { start: before + 1, end: before + 1 };
      const after = this.source[from];
      if (after !== undefined) return { start: after, end: after };
      const index = this.piece[Math.min(from, this.piece.length - 1)];
      return index === undefined ? { start: 0, end: 0 } : this.pieceSpan(index);
    }
    let exact = true;
    for (let i = from; i < to && exact; i++) {
      const s = this.source[i];
      if (s === undefined || (i > from && s !== this.source[i - 1]! + 1)) exact = false;
    }
    if (exact) return { start: this.source[from]!, end: this.source[to - 1]! + 1 };
    let result = this.pieceSpan(this.piece[from]!);
    for (let i = from + 1; i < to; i++) result = cover(result, this.pieceSpan(this.piece[i]!));
    return result;
  }

  /** The unknown expressions among the characters [from, to). */
  holes(from: number, to: number): Expr[] {
    const out: Expr[] = [];
    for (let i = from; i < to; i++) {
      const p = this.pieces[this.piece[i]!]!;
      if (p.kind === 'dynamic') out.push(p.expr);
    }
    return out;
  }

  slice(from: number, to: number): UrlText {
    const text = this.text.slice(from, to);
    return { text, span: this.span(from, to), holes: this.holes(from, to), known: !text.includes(HOLE), from, to };
  }

  /**
   * The comma-separated items of a part (`ids=a,b,c`), each trimmed as the server trims it; empty ones skipped. The
   * server decodes the query first, so `%2C` separates too, and `+` and `%20` are spaces.
   */
  items(part: UrlText): UrlText[] {
    const out: UrlText[] = [];
    const text = this.text;
    const encoded = (at: number, code: string) => text[at] === '%' && text.slice(at + 1, at + 3).toUpperCase() === code;
    let start = part.from;
    for (let i = part.from; ; ) {
      const atEnd = i >= part.to;
      const comma = atEnd ? 0 : text[i] === ',' ? 1 : i + 3 <= part.to && encoded(i, '2C') ? 3 : 0;
      if (!atEnd && comma === 0) {
        i++;
        continue;
      }
      let a = start;
      let b = i;
      for (;;) {
        if (a < b && trimmedAt(text, a)) a++;
        else if (a + 3 <= b && encodedTrimmedAt(text, a)) a += 3;
        else break;
      }
      for (;;) {
        if (b > a && trimmedAt(text, b - 1)) b--;
        else if (b - 3 >= a && encodedTrimmedAt(text, b - 3)) b -= 3;
        else break;
      }
      if (b > a) out.push(this.slice(a, b));
      if (atEnd) return out;
      start = i = i + comma;
    }
  }
}

// An id's characters the server trims (src/http/crm-delete-ids.ts, `trimmedId`): spaces and control characters,
// written or encoded (`+`, `%20`, `%09`); not a no-break space, nor an unknown part (HOLE).
function trimmedAt(text: string, at: number): boolean {
  const c = text[at]!;
  return (c <= ' ' && c !== HOLE) || c === '+';
}

function encodedTrimmedAt(text: string, at: number): boolean {
  return text[at] === '%' && /^(?:[01][0-9A-F]|20)/i.test(text.slice(at + 1, at + 3));
}

/** A part of a URL: its text (HOLE for unknown parts), where it is, and whether all of it is known. */
export interface UrlText {
  readonly text: string;
  /** A query parameter's name as the script writes it, where `text` is it decoded (`wf%5Ftrigger`): for messages. */
  readonly written?: string;
  readonly span: Span;
  readonly holes: readonly Expr[];
  readonly known: boolean;
  /** Its character range in the template's text. */
  readonly from: number;
  readonly to: number;
}

export interface QueryParam {
  readonly key: UrlText;
  /** Undefined for a parameter written without `=`. */
  readonly value: UrlText | undefined;
}

/**
 * A query parameter's name as the server reads it: decoded (`wf%5Ftrigger` is `wf_trigger`, `%69ds` is `ids`), where
 * it is known and decodes; its span stays the written text's.
 */
function decodedName(key: UrlText): UrlText {
  if (!key.known || !key.text.includes('%')) return key;
  try {
    const text = decodeURIComponent(key.text.replace(/\+/g, ' '));
    return text === key.text ? key : { ...key, text, written: key.text };
  } catch {
    return key;
  }
}

/** A CRM REST URL: `…/crm/{version}/{segments…}?{query}`. */
export interface CrmUrl {
  readonly template: Template;
  /** Where `/crm/` begins in the template's text. */
  readonly crmAt: number;
  /**
   * Where the path begins (its first `/`, after the host) when that is known and only slashes come before `/crm/`:
   * `crmAt` unless the path starts with two or more (`https://www.zohoapis.com//crm/v7/…`).
   */
  readonly pathAt: number | undefined;
  readonly version: string;
  /** Where the version begins: after `/crm/`, or after more slashes (`/crm//v7/`). */
  readonly versionAt: number;
  readonly segments: readonly UrlText[];
  /** The URL has no `?` and ends in an unknown part: more path or a query may be in it. */
  readonly openPath: boolean;
  readonly hasQuery: boolean;
  readonly query: readonly QueryParam[];
  /** An unknown part stands where parameter names are: it may add parameters. */
  readonly openQuery: boolean;
}

// Case-insensitive: `/crm/V7/` is a Delete Records request too, one Zoho does not route (delete-invalid-url); so is
// `/crm//v7/`.
const CRM_PATH = /\/crm\/+(v\d+(?:\.\d+)?)\//i;

/** A URL's scheme and host (a host may have unknown parts: `"https://www.zohoapis." + dc`). */
const SCHEME_AND_HOST = /^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * Where the path of a URL whose `/crm/` is at `crmAt` begins, when what comes before `/crm/` is known to be only its
 * scheme and host and then slashes: the start of the text for a path (`invokeapi`'s), else the end of the host.
 */
function startOfPath(text: string, crmAt: number, path: boolean): number | undefined {
  const start = path ? text.length - text.trimStart().length : SCHEME_AND_HOST.exec(text)?.[0].length;
  if (start === undefined || start > crmAt) return undefined;
  for (let i = start; i < crmAt; i++) if (text[i] !== '/') return undefined;
  return start;
}

export function crmUrl(expr: Expr, scope: Scope, path = false): CrmUrl | undefined {
  const pieces = concatPieces(expr, scope);
  // A path (`invokeapi`'s `path: "crm/v7/Leads"`) may leave out its first '/': read it as if it were there.
  const first = pieces[0];
  if (path && first?.kind === 'text' && !first.text.startsWith('/')) pieces.unshift({ kind: 'text', text: '/', origin: { start: first.origin.start, end: first.origin.start } });
  const template = new Template(pieces);
  const text = template.text;
  const m = CRM_PATH.exec(text);
  if (!m) return undefined;
  const pathStart = m.index + m[0].length;
  const q = text.indexOf('?', pathStart);
  const hash = text.indexOf('#', pathStart);
  // The URL is sent trimmed (as `deluge run` sends it): spaces at its end are not the last parameter's.
  const end = hash >= 0 ? hash : text.trimEnd().length;
  const pathEnd = q >= 0 && q < end ? q : end;
  const segments: UrlText[] = [];
  let from = pathStart;
  for (let i = pathStart; i <= pathEnd; i++) {
    if (i === pathEnd || text[i] === '/') {
      segments.push(template.slice(from, i));
      from = i + 1;
    }
  }
  const hasQuery = q >= 0 && q < end;
  const openPath = !hasQuery && pathEnd > pathStart && text[pathEnd - 1] === HOLE;
  const query: QueryParam[] = [];
  let openQuery = false;
  if (hasQuery) {
    let start = q + 1;
    for (let i = q + 1; i <= end; i++) {
      if (i !== end && text[i] !== '&') continue;
      if (i > start) {
        const eq = text.indexOf('=', start);
        if (eq >= 0 && eq < i) {
          const key = decodedName(template.slice(start, eq));
          if (!key.known) openQuery = true;
          query.push({ key, value: template.slice(eq + 1, i) });
        } else {
          const key = decodedName(template.slice(start, i));
          if (!key.known) openQuery = true;
          query.push({ key, value: undefined });
        }
      }
      start = i + 1;
    }
  }
  const version = m[1]!;
  const versionAt = pathStart - 1 - version.length;
  return { template, crmAt: m.index, pathAt: startOfPath(text, m.index, path), version, versionAt, segments, openPath, hasQuery, query, openQuery };
}

// ── Delete Records ────────────────────────────────────────────────────────────────────────────────────────

/** The page's 22 supported modules (API names), then Notes (deleted through the same route by Delete Notes). */
export const DELETE_MODULES: readonly string[] = [
  'Leads', 'Accounts', 'Contacts', 'Deals', 'Campaigns', 'Tasks', 'Cases', 'Events', 'Calls', 'Solutions', 'Products',
  'Vendors', 'Price_Books', 'Quotes', 'Sales_Orders', 'Purchase_Orders', 'Invoices', 'Appointments__s',
  'Appointments_Rescheduled_History__s', 'Services__s', 'Activities', 'Notes',
];

/** Modules that exist in CRM but not in its API (the page: "The given module is not supported in API"). */
export const API_UNSUPPORTED_MODULES: readonly string[] = ['Documents', 'Projects'];

const KNOWN_MODULES_LOWER = new Set(DELETE_MODULES.map((m) => m.toLowerCase()));

/** A module name without case, underscores or spaces (`Price Books`, `Price%20Books`, `price_books` alike). */
const squash = (name: string): string => name.toLowerCase().replace(/%20|[_\s+]/g, '');

/** `leads` → `lead`, `activities` → `activity`, `pricebooks` → `pricebook`. */
function singular(squashed: string): string {
  if (squashed.endsWith('ies')) return `${squashed.slice(0, -3)}y`;
  return squashed.endsWith('s') ? squashed.slice(0, -1) : squashed;
}

/**
 * Misspellings of the supported modules that no custom module can be: singulars (`Lead`), the scope-name form
 * (`salesorders`), underscores dropped or added (`SalesOrders`, `Price_Book`), `__s` left off
 * `Appointments_Rescheduled_History__s`. `Appointments`, `Services` and their singulars are left alone: an org may
 * have a custom module of that name from before Zoho added `Appointments__s` and `Services__s`.
 */
const MISSPELLINGS: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  for (const module of DELETE_MODULES) {
    if (module === 'Appointments__s' || module === 'Services__s') continue;
    const base = squash(module.replace(/__s$/, ''));
    table.set(base, module);
    table.set(singular(base), module);
  }
  return table;
})();

/** The supported module a module name was meant to be, when it is a plain misspelling of one. */
export function meantModule(name: string): string | undefined {
  if (DELETE_MODULES.some((m) => m.toLowerCase() === name.toLowerCase())) return undefined;
  if (/__s$/i.test(name)) {
    // `Appointment__s`, `Service__s`.
    const stem = singular(squash(name.slice(0, -3)));
    return DELETE_MODULES.find((m) => m.endsWith('__s') && singular(squash(m.slice(0, -3))) === stem);
  }
  const direct = MISSPELLINGS.get(squash(name));
  if (direct) return direct;
  // Two neighbouring letters swapped (`Laeds`, `Contatcs`), in names long enough not to be a custom module's.
  if (name.length >= 5) {
    for (let i = 0; i + 1 < name.length; i++) {
      const swapped = name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
      const hit = DELETE_MODULES.find((m) => m === swapped);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Whether a fully known first path segment can name a module (`Leads`, a custom `Projects_X`, `projects`, the page's
 * `{module_api_name}`), not `users` or `settings`.
 */
function moduleLike(text: string): boolean {
  const lower = text.toLowerCase();
  return /^[A-Z]/.test(text) || KNOWN_MODULES_LOWER.has(lower) || API_UNSUPPORTED_LOWER.has(lower) || isPagePlaceholder(text) || meantModule(text) !== undefined;
}

const API_UNSUPPORTED_LOWER = new Set(API_UNSUPPORTED_MODULES.map((m) => m.toLowerCase()));

/** A placeholder of Zoho's pages left in a URL: `{module_api_name}`, `{record_id}`. */
export function isPagePlaceholder(text: string): boolean {
  return /^\{[^}]*\}$/.test(text);
}

/** The parameters of Delete Records. */
export const DELETE_PARAMETERS: readonly string[] = ['ids', 'wf_trigger'];

/** Names scripts use for one of the two parameters. */
const ALIASES: ReadonlyMap<string, string> = new Map(Object.entries({
  id: 'ids',
  record_id: 'ids',
  record_ids: 'ids',
  recordid: 'ids',
  recordids: 'ids',
  trigger: 'wf_trigger',
  workflow: 'wf_trigger',
  workflow_trigger: 'wf_trigger',
  trigger_workflow: 'wf_trigger',
  wftrigger: 'wf_trigger',
  wf: 'wf_trigger',
}));


/** The parameter a key was meant to be: the same in another case, an alias, or a near miss of `wf_trigger`. */
export function meantParameter(key: string): string | undefined {
  const lower = key.toLowerCase();
  const exact = DELETE_PARAMETERS.find((p) => p === lower);
  if (exact) return exact;
  const alias = ALIASES.get(lower.replace(/-/g, '_'));
  if (alias) return alias;
  return editDistance(lower, 'wf_trigger') <= 2 ? 'wf_trigger' : undefined;
}

/**
 * A request to the records of one CRM module, as its URL reads: `/crm/{version}/{module}` or
 * `/crm/{version}/{module}/{record_id}`, with its query. What the request does depends on its method (Get Records,
 * Delete Records, …): `recordsDelete` and `recordsGet` pick theirs.
 */
export interface CrmRecordsRequest {
  readonly task: TaskExpr;
  readonly urlExpr: Expr;
  readonly url: CrmUrl;
  readonly module: UrlText;
  /** The record id of `/{module}/{record_id}`; undefined for the module's route. */
  readonly recordId: UrlText | undefined;
  /**
   * Each `/` of the path beyond the ones between its segments: one at its end (`/Leads/{id}/`, `/Leads/?ids=`) or
   * one of two in a row (`/crm/v7//Leads`). The module and record id are read as if they were not there.
   */
  readonly straySlashes: readonly UrlText[];
  /** Parameters of the query with a known name, by name as written. */
  readonly params: readonly QueryParam[];
  /** The `parameters:` of the task, when given. */
  readonly parametersArg: Expr | undefined;
}

export interface RecordsDelete extends CrmRecordsRequest {
  /** The `ids` parameter, when the query has one. */
  readonly ids: QueryParam | undefined;
  readonly wfTrigger: QueryParam | undefined;
}

/** The value of a task parameter, by key, case-insensitively. */
export function taskParam(task: TaskExpr, key: string): Expr | undefined {
  return task.params.find((p) => p.key.toLowerCase() === key)?.value;
}

/** The HTTP method of an `invokeurl` block (upper case; GET when `type` is left out); undefined when unknown. */
export function taskMethod(task: TaskExpr, scope: Scope): string | undefined {
  const type = taskParam(task, 'type');
  if (!type) return 'GET';
  if (type.kind === 'Identifier' && /^[A-Za-z]+$/.test(type.name) && constantValue(scope.program, type.name) === undefined) return type.name.toUpperCase();
  const text = knownText(type, scope);
  return text?.trim().toUpperCase();
}

const recordsDeleteMemo = new NodeMemo<TaskExpr, RecordsDelete | undefined>();

/** An `invokeurl` of Delete Records (either form); undefined for anything else or a URL that cannot be read. */
export function recordsDelete(task: TaskExpr, scope: Scope): RecordsDelete | undefined {
  return recordsDeleteMemo.get(task, () => {
    if (taskMethod(task, scope) !== 'DELETE') return undefined;
    const request = readCrmRecordsRequest(task, scope);
    if (!request) return undefined;
    const { params } = request;
    return { ...request, ids: params.find((p) => p.key.text === 'ids'), wfTrigger: params.find((p) => p.key.text === 'wf_trigger') };
  });
}

const recordsGetMemo = new NodeMemo<TaskExpr, CrmRecordsRequest | undefined>();

/**
 * A GET of a module's records, read as Delete Records requests are: Get Records (`/{module}`, with `ids` or
 * without) or one record by its id (`/{module}/{record_id}`); undefined for anything else or a URL that cannot be read.
 */
export function recordsGet(task: TaskExpr, scope: Scope): CrmRecordsRequest | undefined {
  return recordsGetMemo.get(task, () => (taskMethod(task, scope) === 'GET' ? readCrmRecordsRequest(task, scope) : undefined));
}

/** `invokeapi`'s `service: zohocrm` (a bare word or a text): the CRM API, reached by a path. */
function callsCrmService(task: TaskExpr, scope: Scope): boolean {
  const service = taskParam(task, 'service');
  if (!service) return false;
  const name = service.kind === 'Identifier' && constantValue(scope.program, service.name) === undefined ? service.name : knownText(service, scope);
  return name !== undefined && /^zoho_?crm$/i.test(name.trim());
}

function readCrmRecordsRequest(task: TaskExpr, scope: Scope): CrmRecordsRequest | undefined {
  // `invokeurl [ url: "https://www.zohoapis.com/crm/v7/Leads?ids=…" ]`, or the same API through invokeapi, whose
  // path the data centre's domain completes: `invokeapi [ service: zohocrm path: "/crm/v7/Leads?ids=…" ]`.
  const viaPath = task.task === 'invokeapi';
  if (task.task !== 'invokeurl' && !viaPath) return undefined;
  if (viaPath && !callsCrmService(task, scope)) return undefined;
  const urlExpr = taskParam(task, viaPath ? 'path' : 'url');
  if (!urlExpr) return undefined;
  const url = crmUrl(urlExpr, scope, viaPath);
  if (!url) return undefined;
  // An empty segment is a stray slash (`/Leads/{id}/`, `/crm/v7//Leads`, `/Leads//`): the request is read without it,
  // and delete-invalid-url reports it. The slash is the one after the segment, or before it at the end of the path;
  // each empty segment has its own (`/Leads//` has two, not one counted twice). Before `crm` and before the version
  // (`//crm/v7/`, `/crm//v7/`), each slash after the first.
  const straySlashes: UrlText[] = [];
  const slashes = (from: number, to: number) => {
    for (let at = from; at < to; at++) straySlashes.push(url.template.slice(at, at + 1));
  };
  if (url.pathAt !== undefined) slashes(url.pathAt + 1, url.crmAt + 1);
  slashes(url.crmAt + 5, url.versionAt);
  // (From the end: the last segment's slash is the one before it, so an empty segment before that takes the one before
  // it too.)
  const taken = new Set<number>();
  for (let i = url.segments.length - 1; i >= 0; i--) {
    const segment = url.segments[i]!;
    if (segment.text !== '') continue;
    const after = i < url.segments.length - 1 ? segment.to : undefined;
    const at = after !== undefined && !taken.has(after) ? after : segment.from - 1;
    taken.add(at);
    straySlashes.push(url.template.slice(at, at + 1));
  }
  straySlashes.sort((a, b) => a.from - b.from);
  const segments = url.segments.filter((segment) => segment.text !== '');
  if (segments.length < 1 || segments.length > 2) return undefined;
  const module = segments[0]!;
  if (module.text === '' || (module.known && !moduleLike(module.text))) return undefined;
  const recordId = segments[1];
  // `/Leads/actions`, `/Leads/deleted`, `/Leads/search`: other APIs, not a record.
  if (recordId?.known && /^[a-z_]+$/.test(recordId.text)) return undefined;
  return {
    task,
    urlExpr,
    url,
    module,
    recordId,
    straySlashes,
    params: url.query.filter((p) => p.key.known),
    parametersArg: taskParam(task, 'parameters'),
  };
}

/**
 * Whether a request may name its records by an external field's values, so that its ids need not be digits: its
 * `headers:` name `X-EXTERNAL` (in any case; "Delete Records Using External ID",
 * https://www.zoho.com/crm/developer/docs/api/v8/delete-records-ext.html), or are a map not known whole.
 */
export function mayNameExternalIds(task: TaskExpr, scope: Scope): boolean {
  const headers = taskParam(task, 'headers');
  if (!headers) return false;
  const { entries, complete } = mapEntries(headers, Bindings.of(scope.program));
  return !complete || entries.some((entry) => entry.key.trim().toLowerCase() === 'x-external');
}

/** `zoho.crm.invokeConnector("crm.delete", map)`: the extension's way to delete a record. */
export function isConnectorDelete(call: CallExpr): boolean {
  const callee = call.callee;
  // (The length first: most calls are of other methods, and lower-casing each name costs more.)
  if (callee.kind !== 'MemberExpr' || callee.property.name.length !== 15 || callee.property.name.toLowerCase() !== 'invokeconnector') return false;
  const first = call.args[0];
  return first?.kind === 'StringLiteral' && first.value.trim().toLowerCase() === 'crm.delete';
}

/**
 * The entries of the map given to `invokeConnector("crm.delete", …)`: a map literal, or a variable filled only
 * by `put("key", …)` calls, with the key texts where they are written. `complete` is false when other entries may be
 * there.
 */
export function connectorEntries(
  call: CallExpr,
  scope: Scope,
): { entries: Map<string, Expr>; keys: Map<string, StringLiteral>; complete: boolean } | undefined {
  const arg = call.args[1];
  if (!arg || arg.kind === 'KeyValueArg') return undefined;
  const entries = new Map<string, Expr>();
  const keys = new Map<string, StringLiteral>();
  if (arg.kind === 'MapLiteral') {
    for (const e of arg.entries) {
      if (e.key.kind !== 'StringLiteral') return { entries, keys, complete: false };
      entries.set(e.key.value, e.value);
      keys.set(e.key.value, e.key);
    }
    return { entries, keys, complete: true };
  }
  if (arg.kind !== 'Identifier') return undefined;
  const table = Bindings.of(scope.program);
  if (table.definitionCount(arg.name) !== 1) return undefined;
  const init = table.single(arg.name);
  const startsEmpty = init?.kind === 'CallExpr' && init.callee.kind === 'Identifier' && init.callee.name.toLowerCase() === 'map' && init.args.length === 0;
  let complete = startsEmpty || (init?.kind === 'MapLiteral' && init.entries.length === 0);
  const index = treeIndexOf(scope.program);
  for (const at of positionsOf(index, 'CallExpr')) {
    const node = index.nodes[at] as CallExpr;
    if (node.callee.kind !== 'MemberExpr') continue;
    const target = node.callee.object;
    if (target.kind !== 'Identifier' || target.name !== arg.name) continue;
    const method = node.callee.property.name.toLowerCase();
    const key = node.args[0];
    const value = node.args[1];
    if (method === 'put' && key?.kind === 'StringLiteral' && value && value.kind !== 'KeyValueArg') {
      entries.set(key.value, value);
      keys.set(key.value, key);
    } else if (MUTATORS.has(method)) complete = false;
  }
  return { entries, keys, complete };
}

// ── Record ids ────────────────────────────────────────────────────────────────────────────────────────────

const MENTIONS_ID = /id/i;

/** `id`, `recordId`, `lead_id`, `leadID`: a variable named for one record id (not `ids`, `paid`, `valid`). */
export function idLikeName(name: string): boolean {
  // Each form has `id` in it (in some case): the one test most names fail.
  if (!MENTIONS_ID.test(name)) return false;
  return /^id$/i.test(name) || /[a-z0-9]Id$/.test(name) || /_id$/i.test(name) || /[a-z0-9]ID$/.test(name);
}

/** A key naming one record id in a map (`"id"`, `"Lead_Id"`, `"recordId"`). */
function idLikeKey(key: string): boolean {
  return idLikeName(key);
}

const ID_PRESERVING = new Set(['tolong', 'tonumber', 'tostring', 'totext', 'trim']);

/**
 * An expression holding one record id: an id-named variable, `x.get("id")` (or `getJSON`), possibly through
 * `toLong()`, `toNumber()`, `toString()`, `trim()` or parentheses.
 */
export function isIdLike(expr: Expr): boolean {
  switch (expr.kind) {
    case 'Identifier':
      return idLikeName(expr.name);
    case 'ParenExpr':
      return isIdLike(expr.expr);
    case 'CallExpr': {
      if (expr.callee.kind !== 'MemberExpr') return false;
      const method = expr.callee.property.name.toLowerCase();
      if (ID_PRESERVING.has(method) && expr.args.length === 0) return isIdLike(expr.callee.object);
      const key = expr.args[0];
      return (method === 'get' || method === 'getjson') && expr.args.length === 1 && key?.kind === 'StringLiteral' && idLikeKey(key.value);
    }
    default:
      return false;
  }
}

// ── Loops ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The `for each` loops whose body holds the node, innermost first (the parents chain of a visit). */
export function enclosingLoops(parents: readonly Node[]): ForEachStmt[] {
  const loops: ForEachStmt[] = [];
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i]!;
    if (p.kind === 'FunctionDecl') break;
    if (p.kind === 'ForEachStmt' && parents[i + 1] === p.body) loops.push(p);
  }
  return loops;
}

/** Whether an identifier of that name occurs in the expression. */
export function mentions(expr: Node, names: ReadonlySet<string>): boolean {
  let found = false;
  walk(expr, {
    enter(node) {
      if (node.kind === 'Identifier' && names.has(node.name)) found = true;
    },
  });
  return found;
}

// ── Reporting ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The context's `report`, once per place and message: a URL held in a variable is read by every request that
 * uses it, and its problem is reported once, where the text is.
 */
export function reportOnce(context: RuleContext): RuleContext['report'] {
  const seen = new Set<string>();
  return (r) => {
    const key = `${r.span.start}:${r.span.end}:${r.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    context.report(r);
  };
}

/** `Leads`, in backquotes, for messages (unknown parts shown as `…`). */
export function shown(text: string): string {
  return '`' + text.split(HOLE).join('…') + '`';
}
