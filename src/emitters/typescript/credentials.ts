/**
 * Credentials written in the script never go into the emitted program (the project's rule: secrets are never
 * printed). Each one becomes a read of an environment variable, `credential("DELUGE_SECRET_X_API_KEY")`, listed in
 * the program's header with what it stands for — as `--to curl` reads them from `$X_API_KEY` (DLG6010). The
 * emitter translates code, not values, so the literals are found statically, per function:
 *
 * - what flows into a secret header's value (src/http/redact.ts's `isSecretHeader`: Authorization, X-Api-Key,
 *   apikey, X-Auth-Token, Cookie, …) of an `invokeurl` `headers:` map or a getUrl/postUrl header map. The map is a
 *   literal, or a variable of the same function holding one or filled with `put`/`putAll`; the value is followed
 *   through `+`, parentheses, variables of the same function and the text transforms of {@link TRANSFORMS}. Every
 *   text literal met there is the credential (trimmed), except an Authorization scheme (`"Bearer "`) and text with
 *   no letter or digit other than a masked placeholder (`****`); in a Cookie, the value of each `name=value`.
 * - a map entry or `put` whose key is a credential field (`password`, `client_secret`, `access_token`, `api_key`,
 *   `auth_token`, `private_key`, …: src/http/redact.ts's `isCredentialField`), whatever the map is used for; a bare
 *   `token`, `key`, `secret` only in a request's body map (`parameters:`/`body:` of an `invokeurl`, or `postUrl`'s),
 *   where they are one (elsewhere `{"key": …}` is as often data), and a bare `code` only in a grant request's (to
 *   `/oauth/v2/token`, or with `grant_type` `authorization_code`).
 * - anywhere: what `redactText` masks in a literal (a scheme and its token, a Zoho token, `apikey=…`,
 *   `"refresh_token":"…"`), and a credential field's value in a URL or a form or JSON text (`?token=…`, `key=…`,
 *   `"secret": "…"`, `code=…` in a literal naming `/oauth/v2/token`: src/http/redact.ts's `credentialFieldsIn`);
 *   when the pieces found here leave something `redactText` masks, the whole literal is the credential.
 *
 * Not found (docs/emit-typescript.md): header maps that reach the request through a function's parameter or return
 * value, a list or `toMap()` of a JSON text; header names computed at run time; values through other functions.
 */
import { isRequestTaskName } from '../../http/invokeurl.js';
import { credentialFieldsIn, holdsServiceKey, isCredentialField, isCredentialValue, isGrantRequest, isSecretHeader, looksLikeCredential, MASK, redactText, SCHEME_VALUE, SECRET_FIELD, ZOHO_TOKEN } from '../../http/redact.js';
import type { SourceFile } from '../../source/source-file.js';
import type { BinaryExpr, CallExpr, Expr, Node, Program, StringLiteral } from '../../syntax/ast.js';
import { walk } from '../../syntax/walk.js';
import { resolutionOf, type Resolution, type Variable } from '../../analysis/resolver.js';
import { upperSnake } from '../curl/command.js';

/** The prefix of every credential variable: clearly the emitted program's, never a connection token's. */
export const CREDENTIAL_PREFIX = 'DELUGE_SECRET_';

/** One piece of a literal read from a variable: `value.slice(start, end)` is the credential. */
export interface CredentialPart {
  readonly start: number;
  readonly end: number;
  readonly variable: string;
}

export interface CredentialVariable {
  readonly name: string;
  /** The text written in the script (for tests that run the program; never printed). */
  readonly value: string;
  /** What it stands for, for the header: `the X-Api-Key header's credential`. */
  readonly what: string;
  /** Where the script writes it: `line 12`, `lib.dg line 3`. */
  readonly places: readonly string[];
}

/**
 * What holds a credential: a text literal, or a `+` of text literals only (`"pk_" + "a1b2…"`), which is read as one
 * text so that one variable holds the credential.
 */
export type CredentialNode = StringLiteral | BinaryExpr;

/** A credential node's text and its pieces read from variables, in order. */
export interface CredentialText {
  readonly value: string;
  readonly parts: readonly CredentialPart[];
}

export interface CredentialFile {
  readonly file: SourceFile;
  readonly program: Program;
}

/** Functions whose result carries their text on: a credential through them is still the script's literal. */
const TRANSFORMS = new Set(['base64encode', 'zoho.encryption.base64encode', 'urlencode', 'zoho.encryption.urlencode', 'encodeurl', 'tostring', 'totext', 'trim', 'concat']);

/**
 * Map keys whose value is a credential wherever the map goes: the credential fields of src/http/redact.ts, except
 * the bare words, which are one only in a request's body ({@link BARE_FIELD}).
 */
const isCredentialKey = (name: string): boolean => isCredentialField(name) && !BARE_FIELD.test(name);

/** Credential fields only in a request's body (`{"key": "Lead_Status"}` is data elsewhere). */
const BARE_FIELD = /^(?:token|key|secret|code)$/i;

/** Methods of a map that give its JSON text: a body written `{…}.toString()` is still the map's fields. */
const AS_TEXT = new Set(['tostring', 'totext']);

/** Authorization schemes written as a literal of their own (`"Bearer" + " " + token`). */
const AUTH_SCHEMES = /^(bearer|basic|digest|zoho-oauthtoken|token|oauth|negotiate|ntlm|apikey)$/i;

interface Mark {
  readonly node: CredentialNode;
  /** The node's text (a literal's value, or the literals of a `+` joined). */
  readonly value: string;
  readonly file: number;
  readonly start: number;
  readonly end: number;
  /** The variable's name without the prefix, before upper snake case: the header, field or variable name. */
  readonly base: string;
  readonly what: string;
}

/** Where the credentials of the script (and of its `--functions` files) are, and the variables that replace them. */
export class Credentials {
  private readonly texts = new Map<CredentialNode, { value: string; parts: CredentialPart[] }>();
  /** The nodes holding a credential, per file (by its SourceFile). */
  private readonly nodes = new Map<SourceFile, CredentialNode[]>();
  readonly variables: CredentialVariable[] = [];

  constructor(marks: readonly Mark[], files: readonly CredentialFile[]) {
    const byValue = new Map<string, { name: string; what: string; value: string; places: string[] }>();
    const taken = new Set<string>();
    const ordered = [...marks].sort((a, b) => a.file - b.file || a.node.span.start - b.node.span.start || a.start - b.start);
    for (const mark of ordered) {
      const value = mark.value.slice(mark.start, mark.end);
      const base = `${CREDENTIAL_PREFIX}${upperSnake(mark.base)}`;
      // One variable per value (the user sets each once), named where it is first written; a masked placeholder
      // stands for a different secret in each header or field, as in --to curl.
      const key = value === MASK ? `${mark.base.toLowerCase()}\n${value}` : value;
      let entry = byValue.get(key);
      if (!entry) {
        let name = base;
        for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
        taken.add(name);
        entry = { name, what: mark.what, value, places: [] };
        byValue.set(key, entry);
        this.variables.push(entry);
      }
      const f = files[mark.file]!;
      const line = f.file.position(mark.node.span.start).line;
      const place = mark.file === 0 ? `line ${line}` : `${f.file.path.replace(/^.*[\\/]/, '')} line ${line}`;
      if (!entry.places.includes(place)) entry.places.push(place);
      let text = this.texts.get(mark.node);
      if (!text) {
        text = { value: mark.value, parts: [] };
        this.texts.set(mark.node, text);
        (this.nodes.get(f.file) ?? this.nodes.set(f.file, []).get(f.file)!).push(mark.node);
      }
      text.parts.push({ start: mark.start, end: mark.end, variable: entry.name });
    }
  }

  /** The text of a literal (or a `+` of literals) holding a credential, with its pieces; undefined for others. */
  textOf(node: Expr): CredentialText | undefined {
    return node.kind === 'StringLiteral' || node.kind === 'BinaryExpr' ? this.texts.get(node) : undefined;
  }

  has(node: Expr): boolean {
    return this.textOf(node) !== undefined;
  }

  /** Every credential value, to mask in copied comments. */
  values(): string[] {
    return this.variables.map((v) => v.value);
  }

  /** A text copied from the script (a comment) with every credential masked. */
  mask(text: string): string {
    return redactText(text, this.values());
  }

  /** Source text of a file (a NOTE line quoting the script): its credential literals as `"****"`, the rest masked. */
  maskSource(file: SourceFile, start: number, end: number): string {
    let out = '';
    let at = start;
    const inside = (this.nodes.get(file) ?? []).filter((n) => n.span.start >= start && n.span.end <= end).sort((a, b) => a.span.start - b.span.start);
    for (const node of inside) {
      if (node.span.start < at) continue;
      out += file.text.slice(at, node.span.start) + `"${MASK}"`;
      at = node.span.end;
    }
    return this.mask(out + file.text.slice(at, end));
  }

  variable(name: string): CredentialVariable | undefined {
    return this.variables.find((v) => v.name === name);
  }
}

/** The credentials of the script (first) and of its `--functions` files. */
export function findCredentials(files: readonly CredentialFile[]): Credentials {
  const marks: Mark[] = [];
  files.forEach((f, index) => new Finder(f.program, index, marks).find());
  return new Credentials(marks, files);
}

/** Finds the marks of one file. */
class Finder {
  private readonly resolution: Resolution;
  /** `v.put(…)`, `v.putAll(…)` calls by the variable `v` they fill. */
  private readonly methodCalls = new Map<Variable, CallExpr[]>();
  /** Literals holding a credential, alone or in a `+` of literals. */
  private readonly marked = new Set<StringLiteral>();
  private readonly markedNodes = new Set<CredentialNode>();
  /** Every literal, and every largest `+` of literals only, with what it is the value of. */
  private readonly texts: { node: CredentialNode; leaves: StringLiteral[]; context: string | undefined }[] = [];

  constructor(
    private readonly program: Program,
    private readonly file: number,
    private readonly marks: Mark[],
  ) {
    this.resolution = resolutionOf(program);
  }

  find(): void {
    const headerMaps: Expr[] = [];
    const maps: { key: Expr; value: Expr }[] = [];
    /** The body maps of requests, with the request's URL (a grant's `code` is a credential). */
    const bodyMaps: { map: Expr; url: Expr | undefined }[] = [];
    /** Every largest `+` that joins something else than literals (`"…&key=" + apiKey`). */
    const joins: BinaryExpr[] = [];
    walk(this.program, {
      enter: (node, parents) => {
        switch (node.kind) {
          case 'StringLiteral':
            this.texts.push({ node, leaves: [node], context: contextName(node, parents) });
            break;
          case 'BinaryExpr': {
            const parent = parents[parents.length - 1];
            const inChain = parent?.kind === 'BinaryExpr' && literalLeaves(parent) !== undefined;
            const leaves = node.op === '+' && !inChain ? literalLeaves(node) : undefined;
            if (leaves) this.texts.push({ node, leaves, context: contextName(node, parents) });
            else if (node.op === '+' && !(parent?.kind === 'BinaryExpr' && parent.op === '+')) joins.push(node);
            break;
          }
          case 'MapEntry':
            maps.push({ key: node.key, value: node.value });
            break;
          case 'TaskExpr':
            if (isRequestTaskName(node.task)) {
              const url = node.params.find((p) => p.key.toLowerCase() === 'url')?.value;
              for (const p of node.params) {
                const key = p.key.toLowerCase();
                if (key === 'headers') headerMaps.push(p.value);
                if (key === 'parameters' || key === 'body') bodyMaps.push({ map: p.value, url });
              }
            }
            break;
          case 'CallExpr': {
            const target = this.resolution.calls.get(node);
            if (target?.kind === 'function') {
              const name = target.name.toLowerCase();
              const headers = name === 'geturl' ? node.args[1] : name === 'posturl' ? node.args[2] : undefined;
              if (headers && headers.kind !== 'KeyValueArg') headerMaps.push(headers);
              const [url, form] = node.args;
              if (name === 'posturl' && form && form.kind !== 'KeyValueArg' && url?.kind !== 'KeyValueArg') bodyMaps.push({ map: form, url });
            }
            if (target?.kind === 'method' && node.callee.kind === 'MemberExpr' && node.callee.object.kind === 'Identifier') {
              const variable = this.resolution.references.get(node.callee.object)?.variable;
              if (variable) (this.methodCalls.get(variable) ?? this.methodCalls.set(variable, []).get(variable)!).push(node);
              const [key, value] = node.args;
              if (target.name.toLowerCase() === 'put' && key && value && key.kind !== 'KeyValueArg' && value.kind !== 'KeyValueArg') maps.push({ key, value });
            }
            break;
          }
        }
      },
    });
    for (const map of headerMaps) {
      for (const { key, value } of this.entriesOf(map, new Set())) {
        const name = keyName(key);
        // A header of any name whose value is another service's key by its form (`X-Other: sk_live_…`) is one too.
        if (name !== undefined && (isSecretHeader(name) || this.literalTexts(value, new Set()).some(holdsServiceKey))) this.headerValue(value, name, new Set());
      }
    }
    for (const { key, value } of maps) {
      const name = keyName(key);
      if (name !== undefined && isCredentialKey(name)) this.flow(value, { base: name, what: `the ${name} field's value`, kind: 'whole' }, new Set());
    }
    for (const { map, url } of bodyMaps) {
      const entries = this.entriesOf(asMap(map), new Set());
      const grant =
        isGrantRequest(...(url ? this.literalTexts(url, new Set()) : [])) ||
        entries.some((e) => keyName(e.key)?.toLowerCase() === 'grant_type' && this.literalTexts(e.value, new Set()).includes('authorization_code'));
      for (const { key, value } of entries) {
        const name = keyName(key);
        if (name !== undefined && BARE_FIELD.test(name) && isCredentialField(name, grant)) this.flow(value, { base: name, what: `the ${name} field's value`, kind: 'whole' }, new Set());
      }
    }
    for (const join of joins) this.joinedFields(join);
    // Chains before their literals: `"Bearer " + "abc…"` looks like a credential only as a whole.
    const ordered = [...this.texts].sort((a, b) => b.leaves.length - a.leaves.length);
    for (const { node, leaves, context } of ordered) {
      if (this.markedNodes.has(node) || leaves.some((l) => this.marked.has(l))) continue;
      const value = leaves.map((l) => l.value).join('');
      if (this.redacted(node, value, context)) for (const leaf of leaves) this.marked.add(leaf);
    }
  }

  /** The `key: value` entries of a header map: a literal, or a variable holding one, `put` into or `putAll`-ed. */
  private entriesOf(e: Expr, seen: Set<Variable>): { key: Expr; value: Expr }[] {
    e = unparen(e);
    if (e.kind === 'MapLiteral') return e.entries.map((entry) => ({ key: entry.key, value: entry.value }));
    if (e.kind !== 'Identifier') return [];
    const variable = this.resolution.references.get(e)?.variable;
    if (!variable || seen.has(variable)) return [];
    seen.add(variable);
    const out: { key: Expr; value: Expr }[] = [];
    for (const value of definedValues(variable)) out.push(...this.entriesOf(value.expr, seen));
    for (const call of this.methodCalls.get(variable) ?? []) {
      const method = call.callee.kind === 'MemberExpr' ? call.callee.property.name.toLowerCase() : '';
      const [first, second] = call.args;
      if (method === 'put' && first && second && first.kind !== 'KeyValueArg' && second.kind !== 'KeyValueArg') out.push({ key: first, value: second });
      if (method === 'putall' && first && first.kind !== 'KeyValueArg') out.push(...this.entriesOf(first, seen));
    }
    return out;
  }

  /** The text literals a value is built from (through `+`, parentheses, variables of the function, calls' arguments). */
  private literalTexts(e: Expr, seen: Set<Variable>): string[] {
    e = unparen(e);
    switch (e.kind) {
      case 'StringLiteral':
        return [e.value];
      case 'BinaryExpr': {
        const leaves = e.op === '+' ? literalLeaves(e) : undefined;
        return leaves ? [leaves.map((l) => l.value).join('')] : [...this.literalTexts(e.left, seen), ...this.literalTexts(e.right, seen)];
      }
      case 'Identifier': {
        const variable = this.resolution.references.get(e)?.variable;
        if (!variable || seen.has(variable)) return [];
        seen.add(variable);
        return definedValues(variable).flatMap((v) => this.literalTexts(v.expr, seen));
      }
      case 'CallExpr':
        return e.args.flatMap((a) => (a.kind === 'KeyValueArg' ? [] : this.literalTexts(a, seen)));
      default:
        return [];
    }
  }

  /**
   * The value joined on to a credential field's name in a URL or a text (`"…&key=" + apiKey`, `"{\"api_key\": \"" +
   * key`): followed as a header's value is; a placeholder or a value shorter than 4 characters stays, as in a literal.
   */
  private joinedFields(join: BinaryExpr): void {
    let text = '';
    for (const operand of plusOperands(join)) {
      if (operand.kind === 'StringLiteral') {
        text += operand.value;
        continue;
      }
      const name = /(?<![\w-])([\w-]+)(?:=|"\s*:\s*")$/.exec(text)?.[1];
      if (name !== undefined && isCredentialField(name, isGrantRequest(text))) {
        this.flow(operand, { base: name, what: `the ${name} field of a text`, kind: 'whole', placeholdersStay: true }, new Set());
      }
      text = '';
    }
  }

  private headerValue(e: Expr, header: string, seen: Set<Variable>): void {
    const lower = header.toLowerCase();
    const kind = lower === 'authorization' || lower === 'proxy-authorization' ? 'authorization' : lower === 'cookie' ? 'cookie' : 'whole';
    this.flow(e, { base: header, what: `the ${header} header's credential`, kind, atStart: true }, seen);
  }

  /**
   * The literals of a value, through `+`, parentheses, variables and transforms. `atStart`: the literal begins the
   * value (where an Authorization scheme is); `before`: the literal text just before (a cookie's `name=`).
   */
  private flow(e: Expr, ctx: FlowContext, seen: Set<Variable>): string {
    e = unparen(e);
    switch (e.kind) {
      case 'StringLiteral':
        if (this.mark(e, e.value, ctx)) this.marked.add(e);
        return e.value;
      case 'BinaryExpr': {
        if (e.op !== '+') return '';
        const leaves = literalLeaves(e);
        if (leaves) {
          const value = leaves.map((l) => l.value).join('');
          if (this.mark(e, value, ctx)) for (const leaf of leaves) this.marked.add(leaf);
          return value;
        }
        const left = this.flow(e.left, ctx, seen);
        const right = this.flow(e.right, { ...ctx, atStart: false, before: left !== '' ? left : ctx.before }, seen);
        return right !== '' ? right : left;
      }
      case 'Identifier': {
        const variable = this.resolution.references.get(e)?.variable;
        if (!variable || seen.has(variable)) return '';
        seen.add(variable);
        let last = '';
        for (const value of definedValues(variable)) last = this.flow(value.expr, value.appends ? { ...ctx, atStart: false } : ctx, seen) || last;
        seen.delete(variable);
        return last;
      }
      case 'CallExpr': {
        const target = this.resolution.calls.get(e);
        if (!target || !['function', 'builtin', 'method'].includes(target.kind)) return '';
        const name = (target as { name: string }).name.toLowerCase();
        if (!TRANSFORMS.has(name)) return '';
        const via = { ...ctx, atStart: false, before: undefined, transform: ctx.transform ?? (target as { name: string }).name };
        if (target.kind === 'method') this.flow(target.object, name === 'concat' ? { ...ctx, transform: ctx.transform } : via, seen);
        for (const arg of e.args) if (arg.kind !== 'KeyValueArg') this.flow(arg, name === 'concat' ? { ...ctx, atStart: false } : via, seen);
        return '';
      }
      default:
        return '';
    }
  }

  /** Marks the credential pieces of a literal (or a `+` of literals) met in a flow; whether it holds one. */
  private mark(node: CredentialNode, value: string, ctx: FlowContext): boolean {
    if (this.markedNodes.has(node)) return true;
    const described = (what: string): string => (ctx.transform ? `text that ${ctx.transform} turns into ${what}` : what);
    const pieces: { start: number; end: number; base: string; what: string }[] = [];
    // A cookie's value per `name=value`, named after the cookie (a name may end the literal before).
    const cookie = (start: number, end: number, name: string | undefined) =>
      pieces.push({ ...trimmed(value, start, end), base: name ? `${ctx.base}_${name}` : ctx.base, what: described(name ? `the ${name} value of the ${ctx.base} header` : ctx.what) });
    if (ctx.kind === 'cookie') {
      let any = false;
      for (const m of value.matchAll(/([^=;\s]+)=([^;]*)/g)) {
        any = true;
        const start = m.index + m[1]!.length + 1;
        cookie(start, start + m[2]!.length, m[1]);
      }
      if (!any) cookie(0, value.length, /([^=;\s]+)=\s*$/.exec(ctx.before ?? '')?.[1]);
    } else {
      let start = 0;
      if (ctx.kind === 'authorization' && ctx.atStart) {
        if (AUTH_SCHEMES.test(value.trim())) return false;
        start = /^\s*[A-Za-z][\w.+-]*\s+/.exec(value)?.[0].length ?? 0;
      }
      pieces.push({ ...trimmed(value, start, value.length), base: ctx.base, what: described(ctx.what) });
    }
    // A masked placeholder (`****`: a shared playground link has it where the script had a secret) is one too.
    const real = pieces.filter((p) => {
      const piece = value.slice(p.start, p.end);
      return ctx.placeholdersStay ? isCredentialValue(piece) : /[A-Za-z0-9]/.test(piece) || piece === MASK;
    });
    if (real.length === 0) return false;
    this.markedNodes.add(node);
    for (const p of real) this.marks.push({ node, value, file: this.file, start: p.start, end: p.end, base: p.base, what: p.what });
    return true;
  }

  /** A literal (or a `+` of literals) `redactText` masks: the pieces it masks, each read from a variable (or all of it). */
  private redacted(node: CredentialNode, value: string, context: string | undefined): boolean {
    const masked = redactText(value);
    const fields = credentialFieldsIn(value);
    if (masked === value && fields.length === 0) return false;
    const found: { start: number; end: number; base: string; what: string }[] = [];
    const tokenBase = context ?? 'token';
    const tokenWhat = context ? `the token of ${context}` : 'a token';
    for (const m of value.matchAll(SCHEME_VALUE)) {
      if (!looksLikeCredential(m[3]!)) continue;
      const start = m.index + m[1]!.length + m[2]!.length;
      found.push({ start, end: start + m[3]!.length, base: tokenBase, what: tokenWhat });
    }
    for (const m of value.matchAll(ZOHO_TOKEN)) found.push({ start: m.index, end: m.index + m[0].length, base: tokenBase, what: tokenWhat });
    for (const m of value.matchAll(SECRET_FIELD)) {
      const start = m.index + m[1]!.length + m[2]!.length;
      const field = /[\w-]*$/.exec(value.slice(0, m.index))![0] + m[1]!;
      found.push({ start, end: start + m[3]!.length, base: field, what: `the ${field} field of a text` });
    }
    for (const f of fields) found.push({ start: f.start, end: f.end, base: f.name, what: `the ${f.name} field of a text` });
    const pieces = disjoint(found);
    // Exact when nothing `redactText` masks is left outside the pieces.
    const left = applyMask(value, pieces);
    const exact = pieces.length > 0 && (left === masked || redactText(left) === left);
    const chosen = exact ? pieces : [{ start: 0, end: value.length, base: tokenBase, what: tokenWhat }];
    this.markedNodes.add(node);
    for (const p of chosen) this.marks.push({ node, value, file: this.file, start: p.start, end: p.end, base: p.base, what: p.what });
    return true;
  }
}

interface FlowContext {
  readonly base: string;
  readonly what: string;
  readonly kind: 'authorization' | 'cookie' | 'whole';
  readonly atStart?: boolean;
  readonly before?: string | undefined;
  readonly transform?: string | undefined;
  /** A field's value in a text: placeholders (`xxxx`, `<key>`) and values shorter than 4 characters stay. */
  readonly placeholdersStay?: boolean;
}

/** The values a variable is given in its function: `x = …` and `x += …` (which appends), declarations. */
function definedValues(variable: Variable): { expr: Expr; appends: boolean }[] {
  const out: { expr: Expr; appends: boolean }[] = [];
  for (const d of variable.definitions) {
    if (d.node.kind === 'AssignStmt' && d.node.target === d.id && (d.node.op === '=' || d.node.op === '+=')) out.push({ expr: d.node.value, appends: d.node.op === '+=' });
    if (d.node.kind === 'VarDeclStmt' && d.node.init) out.push({ expr: d.node.init, appends: false });
  }
  return out;
}

/** A map key as text: a text literal or a bare word (`{Authorization: …}`). */
function keyName(key: Expr): string | undefined {
  const k = unparen(key);
  if (k.kind === 'StringLiteral') return k.value.trim();
  if (k.kind === 'Identifier') return k.name;
  return undefined;
}

/** What a literal is the value of, to name its variable: the variable assigned, or the map key. */
function contextName(literal: CredentialNode, parents: readonly Node[]): string | undefined {
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i]!;
    if (p.kind === 'AssignStmt' && p.target.kind === 'Identifier') return p.target.name;
    if (p.kind === 'VarDeclStmt') return p.name.name;
    if (p.kind === 'MapEntry' && p.key !== literal) return keyName(p.key);
    if (p.kind !== 'BinaryExpr' && p.kind !== 'ParenExpr') return undefined;
  }
  return undefined;
}

/** The literals of a `+` of text literals only (parentheses allowed), in order; undefined when anything else is in it. */
function literalLeaves(e: BinaryExpr): StringLiteral[] | undefined {
  const out: StringLiteral[] = [];
  const visit = (x: Expr): boolean => {
    x = unparen(x);
    if (x.kind === 'StringLiteral' && x.quote === '"') return out.push(x) > 0;
    return x.kind === 'BinaryExpr' && x.op === '+' && visit(x.left) && visit(x.right);
  };
  return visit(e) ? out : undefined;
}

/** The operands of a `+` chain, in order (parentheses removed). */
function plusOperands(e: Expr): Expr[] {
  e = unparen(e);
  return e.kind === 'BinaryExpr' && e.op === '+' ? [...plusOperands(e.left), ...plusOperands(e.right)] : [e];
}

/** A request's body as a map: `{…}.toString()` is the map's fields as JSON text. */
function asMap(e: Expr): Expr {
  e = unparen(e);
  if (e.kind === 'CallExpr' && e.callee.kind === 'MemberExpr' && e.args.length === 0 && AS_TEXT.has(e.callee.property.name.toLowerCase())) return e.callee.object;
  return e;
}

function unparen(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

function trimmed(value: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(value[start]!)) start++;
  while (end > start && /\s/.test(value[end - 1]!)) end--;
  return { start, end };
}

/** Pieces in order, overlapping ones merged (the first's name kept). */
function disjoint<T extends { start: number; end: number }>(pieces: T[]): T[] {
  const out: T[] = [];
  for (const p of [...pieces].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && p.start < last.end) out[out.length - 1] = { ...last, end: Math.max(last.end, p.end) };
    else out.push(p);
  }
  return out;
}

function applyMask(value: string, pieces: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const p of pieces) {
    out += value.slice(at, p.start) + MASK;
    at = p.end;
  }
  return out + value.slice(at);
}
