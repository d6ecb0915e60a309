/**
 * Recording a script's requests: the script runs on the real interpreter with a task host that builds each request
 * with the runner's own IR builders (`invokeurl`, `invokeapi`, `getUrl`/`postUrl`, `zoho.crm.*`) — so URLs built
 * with `+`, maps filled with `put` and loops over IDs all resolve — and sends nothing. Each response is a placeholder
 * (placeholders.ts), never invented data. What cannot be recorded is said with a DLG60xx warning.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { formEncode, getUrlRequest, postUrlRequest, taskBlockRequest } from '../http/invokeurl.js';
import { unsendableHeaders } from '../http/managed-headers.js';
import type { Header, HttpBody, HttpRequest, MultipartPart } from '../http/request.js';
import { crmTask, crmTaskAdvice } from '../http/zoho-crm.js';
import { isZohoApiHost } from '../http/zoho-hosts.js';
import { DelugeError } from '../runtime/errors.js';
import type { TaskHost } from '../runtime/interpreter.js';
import type { BuiltinSpec } from '../runtime/builtins/registry.js';
import { missingArgumentsText, runScriptAsync, type BuiltinCall, type RunDiagnostic, type RunResult } from '../runtime/run.js';
import { textForm } from '../runtime/text-form.js';
import { ListValue, MapValue, type Value } from '../runtime/values.js';
import { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Node, Program } from '../syntax/ast.js';
import { parse } from '../syntax/parse.js';
import { walk } from '../syntax/walk.js';
import type { EmitOptions } from './emitter.js';
import { pathKey, pathText, Placeholders, type Placeholder, type PlaceholderKind, type PlaceholderSource } from './placeholders.js';

export interface RecordedRequest extends HttpRequest {
  /** 1-based, in the order the script made them. */
  readonly index: number;
  /** The task or call that made it (its first line), when it is in the main script. */
  readonly span?: Span;
  readonly line?: number;
  /** The placeholders its URL, headers or body carry: the request depends on live responses. */
  readonly placeholders: readonly Placeholder[];
}

export interface Recording {
  readonly requests: RecordedRequest[];
  /** The script's `info` lines while it was recorded (placeholders shown as their tokens). */
  readonly info: string[];
  /** Every placeholder handed to the script (`all()`), and how to find them in a text (`find`). */
  readonly placeholders: Placeholders;
  /** The connections the requests use, in order of first use. */
  readonly connections: string[];
  /** True when the script ran to its end (no warning stopped the recording). */
  readonly completed: boolean;
  /** Where the recording stopped, when it did before the end: the line of the main file (absent when not known). */
  readonly stoppedAtLine?: number;
}

/** Runs of the script after the first, each correcting one placeholder's kind. */
const MAX_CORRECTIONS = 12;

/**
 * Errors of a placeholder used as the other kind: `'get' cannot be applied to TEXT`, a map where text is needed
 * (`map + 1`, a map as a record ID), and text that is not JSON (`responseText.toMap()`: a map converts).
 */
const KIND_ERRORS = new Set(['DLG4001', 'DLG4006', 'DLG4007', 'DLG4016']);

/**
 * Errors a placeholder can cause (a wrong type, text that is not a number, JSON or an ID, a loop over a value only a
 * live response has); others — a division by zero, a `throw` — are the script's own.
 */
const PLACEHOLDER_ERRORS = new Set(['DLG4001', 'DLG4004', 'DLG4006', 'DLG4007', 'DLG4016', 'DLG4022']);

/**
 * Whether an error names a placeholder (`{{response1}}`). An unusable task parameter (DLG4018: `url: "not a url"`)
 * shows the value it refused, so it counts as the placeholders' only when it names one: otherwise it is the script's
 * own mistake, whatever responses came before.
 */
function mentionsPlaceholder(message: string): boolean {
  return /\{\{(response|task|derived)\d/.test(message);
}

/**
 * Text functions whose result holds their texts as they are (`toString`, `concat`), or URL-encoded as the emitter
 * finds them again (`encodeUrl`): a placeholder goes through them and stays itself. Any other text function on a
 * placeholder gives a derived one (see `Placeholders.derived`). Lower case.
 */
const KEEPS_PLACEHOLDERS: ReadonlySet<string> = new Set(['tostring', 'concat', 'encodeurl', 'zoho.encryption.urlencode']);

/** `value` as Deluge code in a derived value's description, each placeholder as its variable (`$RESPONSE_1_EMAIL`) or its derivation. */
function codeOf(value: Value, placeholders: Placeholders): string {
  if (typeof value !== 'string') return value === null || typeof value !== 'object' ? textForm(value) : '…';
  const matches = placeholders.find(value);
  const only = matches.length === 1 ? matches[0]! : undefined;
  // A derived value is shown as the code that gives it: `$RESPONSE_1_EMAIL.trim().toLowerCase()`.
  if (only && only.start === 0 && only.end === value.length && !only.encoded) return only.placeholder.derivation?.expression ?? `$${only.placeholder.variable}`;
  let text = '';
  let at = 0;
  for (const m of matches) {
    text += `${value.slice(at, m.start)}$${m.placeholder.variable}`;
    at = m.end;
  }
  return JSON.stringify(text + value.slice(at));
}

/**
 * What the script gets from a builtin while it is recorded: a text function's result on texts that carry placeholders
 * becomes a placeholder of its own (`email.getSuffix("@")` ran on `{{response1.Email}}`, not on an address), unless the
 * function keeps them as they are (KEEPS_PLACEHOLDERS). Other results (a length, a test) are the script's decisions on
 * placeholders, which DLG6011 says may differ from a live run's.
 */
function placeholderResult(call: BuiltinCall, placeholders: Placeholders): Value {
  const { spec, receiver, args, result } = call;
  if (!(typeof result === 'string' || result === null) || !returnsText(spec)) return result;
  const name = spec.name.toLowerCase();
  if (KEEPS_PLACEHOLDERS.has(name) || (name === 'text' && args.length === 0)) return result;
  const from = new Set<Placeholder>();
  for (const value of [receiver, ...args]) if (typeof value === 'string') for (const m of placeholders.find(value)) from.add(m.placeholder);
  if (from.size === 0) return result;
  const shownArgs = args.map((a) => codeOf(a, placeholders)).join(', ');
  const expression = receiver === null ? `${call.calledAs}(${shownArgs})` : `${codeOf(receiver, placeholders)}.${call.calledAs}(${shownArgs})`;
  return placeholders.derived(expression, [...from], spec.name);
}

/**
 * Builtins that pass a response's values on without deciding anything by them: reading a key or an index the script
 * wrote (`get` by a response's value decides, below), storing (`put` of a response's value under the script's key),
 * adding, joining, converting to text. Any other builtin given a response's value gives a result that depends on what
 * the value is live — a size, a position, a test, an order, a choice by null (`ifnull`) — and is a decision on it.
 */
const PASSES_ON: ReadonlySet<string> = new Set([
  'get', 'getjson', 'put', 'putall', 'add', 'addall', 'insert', 'insertall', 'tolist', 'tomap', 'keys', 'values',
  'tostring', 'totext', 'text', 'tojson', 'concat', 'encodeurl', 'urlencode', 'zoho.encryption.urlencode', 'info',
]);

/**
 * Whether a builtin's call decided something by a response's value (see PASSES_ON): a key or an index that is one
 * (`byCountry.get(rec.get("Country"))`, `m.put(rec.get("Name"), …)`), or a function of one whose result is no text
 * carrying it on (`recs.size()`, `statuses.indexOf(…)`, `emails.distinct()`, `ifnull(rec.get("X"), "…")`).
 */
function decidesOnPlaceholder(call: BuiltinCall, shown: Value, carries: (value: Value) => boolean): boolean {
  const name = call.spec.name.toLowerCase();
  if (name === 'get' || name === 'getjson' || name === 'put') return call.args.length > 0 && carries(call.args[0]!);
  if (PASSES_ON.has(name) || (name === 'text' && call.args.length === 0)) return false;
  if (!carries(call.receiver) && !call.args.some(carries)) return false;
  // A text function's result on a response's text is a value of its own, derived from it (`email.getSuffix("@")`),
  // which the command computes from the variable: not a decision. A choice between values by null is one.
  return !(returnsText(call.spec) && shown !== call.result && !NULL_CHOICES.has(name));
}

/** Builtins that change the collection they are called on. */
const MUTATORS: ReadonlySet<string> = new Set(['put', 'remove', 'removeelement', 'removeall', 'removekey', 'retainall', 'clear']);

/** The decisions a recording keeps track of (the latest: a script's values are seldom kept longer). */
const MAX_DECISIONS = 64;

/** Builtins that return one of their arguments, chosen by whether another is null or empty. */
const NULL_CHOICES: ReadonlySet<string> = new Set(['ifnull', 'nvl', 'coalesce', 'if']);

function returnsText(spec: BuiltinSpec): boolean {
  return spec.returns === 'TEXT' || (typeof spec.returns !== 'string' && spec.returns.includes('TEXT'));
}

/** The connection `zoho.crm.*` tasks use when the script names none: `deluge run`'s default. */
export const DEFAULT_CRM_CONNECTION = 'zohocrm';

/** Where `zoho.crm.*` tasks and `invokeapi` go before `baseUrl` applies: Zoho's US API domain, as `run --sandbox` reports them. */
const ZOHO_API = 'https://www.zohoapis.com';

/**
 * What an emitted command or program says of the host of `zoho.crm.*` tasks and `invokeapi`: the script names none
 * (a real run takes the connection's data centre), so the output uses ZOHO_API, and `--base-url` moves it.
 */
export const HOSTLESS_NOTE = (subject: string): string =>
  `zoho.crm tasks and invokeapi go to the connection's data centre, which the script does not name: ${subject} the US one (www.zohoapis.com); for another, emit with --base-url https://www.zohoapis.eu (or .in, .com.au, ...)`;

export async function recordRequests(text: string, options: EmitOptions = {}): Promise<{ value: Recording; diagnostics: Diagnostic[] }> {
  const empty: Recording = { requests: [], info: [], placeholders: new Placeholders(), connections: [], completed: false };
  const parsed = parse(text, { docs: options.docs ?? 'auto' });
  const syntaxErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (syntaxErrors.length > 0) return { value: empty, diagnostics: syntaxErrors };
  if (options.baseUrl !== undefined && !URL.canParse(options.baseUrl)) {
    return { value: empty, diagnostics: [diagnostic('DLG0002', { start: 0, end: 0 }, `--base-url: '${options.baseUrl}' is not an absolute URL`, { ruleId: 'emit' })] };
  }

  const file = new SourceFile(options.fileName ?? '<script>', text);
  const mainNodes = nodeKeys(parsed.value);
  // A placeholder the script used as the other kind (text functions on a map, `get` on a text) is corrected and the
  // script recorded again from the start; each path is corrected at most once.
  const kinds = new Map<string, PlaceholderKind>();
  let pass = await recordPass(text, options, file, mainNodes, kinds);
  for (let retry = 0; retry < MAX_CORRECTIONS; retry++) {
    const culprit = pass.placeholders.lastRead;
    const error = pass.run.diagnostics[0]?.diagnostic;
    if (!culprit || !error || !KIND_ERRORS.has(error.code) || pass.placeholders.lastReadKind === undefined) break;
    const key = pathKey(culprit.source, culprit.path);
    if (kinds.has(key)) break;
    kinds.set(key, pass.placeholders.lastReadKind === 'map' ? 'text' : 'map');
    const corrected = await recordPass(text, options, file, mainNodes, kinds);
    // The error may not have been that placeholder's: a correction that records less is taken back.
    if (corrected.requests.length < pass.requests.length) {
      kinds.delete(key);
      break;
    }
    pass = corrected;
  }
  const { run, placeholders, requests, warnings } = pass;

  const errors: Diagnostic[] = [];
  for (const d of run.diagnostics) {
    if (isSyntaxError(d)) errors.push(inMainFile(d, file, 'error'));
  }
  if (errors.length > 0) return { value: empty, diagnostics: errors };

  // The placeholder the script touched last before the error: it may have stopped because that is not the live value.
  const readBefore = placeholders.lastTouched;
  for (const d of run.diagnostics) {
    const stopped = inMainFile(d, file, 'warning');
    const where = stopped.span.end > 0 ? `line ${file.position(stopped.span.start).line}` : 'this point';
    if (d.diagnostic.code === 'DLG6002') {
      warnings.add('DLG6002', stopped.span, `${d.diagnostic.message}, so the requests from ${where} on are not converted (emit --to typescript keeps the decisions)`);
    } else if (d.diagnostic.code === 'DLG4013') {
      warnings.add('DLG6004', stopped.span, `${d.diagnostic.message}: the requests after ${where} are not converted`);
    } else if (readBefore && d.diagnostic.code === 'DLG4022') {
      // `for each lead in leads` over a placeholder (not-iterable is only raised by for each): what the loop does
      // depends on how many items a live answer has.
      warnings.add(
        'DLG6002',
        stopped.span,
        `this loop goes over ${readBefore.token}, ${readBefore.description}: how many times it runs depends on a live response, ` +
          `so the requests after ${where} are not converted`,
      );
    } else if (readBefore && (mentionsPlaceholder(d.diagnostic.message) || PLACEHOLDER_ERRORS.has(d.diagnostic.code))) {
      warnings.add(
        'DLG6002',
        stopped.span,
        `the script stopped here (${d.diagnostic.code}: ${d.diagnostic.message}) working with placeholders, the last ${readBefore.token}, ${readBefore.description}: ` +
          `what follows depends on a live response, so the requests after ${where} are not converted`,
      );
    } else {
      const missing = missingArgumentsText(run.missingArguments);
      warnings.add('DLG6005', stopped.span, `the script stopped here (${d.diagnostic.code}: ${d.diagnostic.message}): the requests after ${where} are not converted${missing ? `; ${missing}` : ''}`);
    }
  }
  // A parameter given no argument was null all through, where a live call has a value: say so, as deluge run does
  // (said already where the script stopped with DLG6005).
  if (run.missingArguments.length > 0 && !warnings.list().some((w) => w.code === 'DLG6005')) {
    warnings.add('DLG6013', { start: 0, end: 0 }, `${missingArgumentsText(run.missingArguments)}: the requests were converted with that null (an empty text where it is joined into one)`);
  }
  // Where the script read values of a response, the path it took may not be a live run's: say so at the request.
  // (The reads grouped by response first: filtering every read for every request grew with their product.)
  const readsOf = new Map<number, Set<string>>();
  for (const p of placeholders.readPaths) {
    if (p.source.kind !== 'response' || p.path.length === 0) continue;
    let paths = readsOf.get(p.source.index);
    if (!paths) readsOf.set(p.source.index, (paths = new Set()));
    paths.add(pathText(p.path));
  }
  for (const request of requests) {
    const read = [...(readsOf.get(request.index) ?? [])];
    if (read.length === 0 || !request.span) continue;
    const shown = read.length > 4 ? `${read.slice(0, 4).join(', ')} and ${read.length - 4} more` : read.join(', ');
    warnings.add(
      'DLG6011',
      request.span,
      `the script reads ${shown} of this response (request ${request.index}), which only a live run has: decisions on these values follow placeholders, so later requests may differ from a live run's`,
    );
  }
  walk(parsed.value, {
    enter(node) {
      if (node.kind === 'TaskExpr' && node.task === 'sendmail') {
        warnings.add('DLG6003', firstLine(text, node.span), 'sendmail sends a mail, not an HTTP request: not converted');
      }
    },
  });
  if (requests.length === 0) warnings.add('DLG6009', { start: 0, end: 0 }, 'the script made no request while it was recorded: nothing to convert');

  const connections = [...new Set(requests.flatMap((r) => (r.connection !== undefined ? [r.connection] : [])))];
  const stop = run.diagnostics[0] && inMainFile(run.diagnostics[0], file, 'warning');
  const stoppedAtLine = stop && stop.span.end > 0 ? file.position(stop.span.start).line : undefined;
  return {
    value: {
      requests,
      info: run.info.map((line) => placeholders.canonical(line)),
      placeholders,
      connections,
      completed: run.diagnostics.length === 0,
      ...(stoppedAtLine !== undefined && { stoppedAtLine }),
    },
    diagnostics: warnings.list(),
  };
}

/** One recording run of the script, with the placeholder kinds corrected so far. */
async function recordPass(
  text: string,
  options: EmitOptions,
  file: SourceFile,
  mainNodes: ReadonlySet<string>,
  kinds: ReadonlyMap<string, PlaceholderKind>,
): Promise<{ run: RunResult; placeholders: Placeholders; requests: RecordedRequest[]; warnings: Warnings }> {
  const placeholders = new Placeholders(kinds);
  const requests: RecordedRequest[] = [];
  const warnings = new Warnings();
  let tasksNotConverted = 0;

  /** The node's first line and line number, when the node is in the main script (not a `--functions` file). */
  const locate = (node: Node): { span?: Span; line?: number } => {
    if (!mainNodes.has(nodeKey(node))) return {};
    const span = firstLine(text, node.span);
    return { span, line: file.position(span.start).line };
  };

  // The decision the script took first on a response's placeholders: a guess at what a live run decides.
  let guessed: { readonly line: number | undefined; readonly placeholder: Placeholder | undefined; readonly how?: string } | undefined;
  /** Placeholders the conditions used, given by a variable (read from a response, `placeholders.reads` counts them). */
  let placeholderUses = 0;
  /** How many conditions are being evaluated (nested: `a && b`): only their variables are looked into. */
  let inConditions = 0;
  /**
   * What builtins decided by a response's value (a size, a position, a choice by null; see decidesOnPlaceholder), not
   * yet a guess: a result only shown (`info "found: " + found.isEmpty()`) shapes no request. One becomes the guess when
   * the script goes on with it: reads it from a variable, gives it to a builtin, or sends it as a request's method.
   * (Values compare as values: an unrelated equal one counts too, which only ever converts less.)
   */
  const decisions: { readonly result: Value; readonly guess: NonNullable<typeof guessed> }[] = [];
  const decidedValue = (value: Value): boolean => decisions.some((d) => d.result === value);
  const carriesPlaceholder = (value: Value): boolean => {
    if (typeof value === 'string') return value.includes('{{') && placeholders.find(value).length > 0;
    return (value instanceof MapValue || value instanceof ListValue) && placeholders.find(placeholders.canonical(textForm(value))).length > 0;
  };

  const record = (request: HttpRequest, node: Node, answer: (source: PlaceholderSource) => Value): Value => {
    // A method a builtin chose by a response's value (`ifnull(methods.get(rec.get("Status")), "DELETE")`).
    if (!guessed && decidedValue(request.method)) guessed = decisions.find((d) => d.result === request.method)!.guess;
    // A DELETE after a decision taken on placeholders may be one a live run does not send, or sends for other ids:
    // no command is made of it (the recording stops there), as none is of the requests of a loop over a response.
    if (guessed && request.method === 'DELETE') {
      const on = guessed.placeholder ? ` on ${guessed.placeholder.token}, ${guessed.placeholder.description}` : ' on a response';
      const how = guessed.how ? ` (with ${guessed.how})` : '';
      throw new DelugeError(
        'DLG6002',
        `this DELETE comes after the script decided${guessed.line !== undefined ? ` at line ${guessed.line}` : ''}${on}${how}, which only a live run has: ` +
          'a command for it would delete on a guess (maybe what the script would not)',
        undefined,
        false,
      );
    }
    // A request the HTTP client would refuse (a header it manages, a Content-Length that is not the body's) is never
    // sent by `deluge run`, which stops there (DLG4018): the recording stops there too, with no command for it.
    const unsendable = unsendableHeaders(request.headers, request.body?.kind === 'multipart', () => bodyByteLength(request.body));
    if (unsendable) throw new DelugeError('DLG4018', `${request.origin}: ${unsendable}; nothing was sent`, undefined, false);
    const at = locate(node);
    const canonical = withCanonicalTexts(request, placeholders);
    const url = options.baseUrl !== undefined ? rewriteZohoHost(canonical.url, options.baseUrl) : canonical.url;
    const recorded: RecordedRequest = {
      ...canonical,
      url,
      index: requests.length + 1,
      ...at,
      placeholders: [],
    };
    const used = placeholdersIn(recorded, placeholders);
    // A response's map the script changed goes as the JSON of its changes only (`{"{{response1.data.0}}":null,
    // "Status":"Done"}`, a removed key not at all): no command can send it, so the recording stops here.
    const changed = used.find((p) => placeholders.changed.has(p));
    if (changed) {
      throw new DelugeError(
        'DLG4018',
        `${request.origin}: it sends ${changed.token}, ${changed.description}, which the script changed (put, remove): a command can only send a response's values as they are; nothing was sent`,
        undefined,
        false,
      );
    }
    requests.push({ ...recorded, placeholders: used });
    if (used.length > 0 && at.span) {
      warnings.add(
        'DLG6001',
        at.span,
        `request ${recorded.index} (${request.origin}) uses what only a live run has: ${used.map((p) => `$${p.variable}, ${p.description}`).join('; ')}`,
      );
    }
    return answer({ kind: 'response', index: recorded.index, origin: request.origin, ...(at.line !== undefined && { line: at.line }) });
  };

  const notConverted = (name: string, node: Node): Value => {
    const at = locate(node);
    const source: PlaceholderSource = { kind: 'task', index: ++tasksNotConverted, origin: name, ...(at.line !== undefined && { line: at.line }) };
    if (at.span) warnings.add('DLG6003', at.span, `'${name}' has no request form here: not converted; the script goes on with a placeholder for what it returns`);
    return placeholders.map(source);
  };

  const defaultConnection = options.defaultCrmConnection ?? DEFAULT_CRM_CONNECTION;
  /** Where a connection's `zoho.crm.*` tasks and `invokeapi` go: its data centre, when the connections file names it. */
  const apiDomainFor = (connection: string): string => options.apiDomainOf?.(connection) ?? ZOHO_API;
  const host: TaskHost = {
    task(name, params, node) {
      // invokeapi's domain is the connection's data centre's: the US one here, as for `zoho.crm.*` (`--base-url` moves it).
      const request = taskBlockRequest(name, params, { apiDomain: apiDomainFor, defaultConnection });
      if (!request) return notConverted(node.rawName, node);
      return record(request, node, (source) =>
        request.response.format === 'FILE' && !request.response.detailed ? placeholders.file(source) : placeholders.map(source),
      );
    },
    call(name, args, node) {
      const lower = name.toLowerCase();
      if (lower === 'geturl' || lower === 'posturl') {
        const { request, simple } = lower === 'geturl' ? getUrlRequest(args) : postUrlRequest(args);
        // A simple answer is the body as text; `false` as the last argument gives the map of responseCode, responseText, ….
        return record(request, node, (source) => placeholders.value(source, [], simple ? 'text' : 'map'));
      }
      if (lower.startsWith('zoho.crm.')) {
        const connection = connectionArgument(args) ?? defaultConnection;
        const task = crmTask(name, args, { apiDomain: apiDomainFor(connection), defaultConnection: connection });
        if (task) return record(task.request, node, (source) => placeholders.map(source));
        // A name Zoho has no task of (`zoho.crm.deleteRecord`, a misspelt one) stops deluge run there: the recording too,
        // with no command for the requests after it, which a run never reaches.
        const advice = crmTaskAdvice(name);
        if (advice) throw new DelugeError('DLG4014', advice, undefined, false);
      }
      return notConverted(name, node);
    },
  };

  const run = await runScriptAsync(text, {
    fileName: file.path,
    docs: options.docs ?? 'auto',
    args: options.args ?? {},
    ...(options.entry !== undefined && { entry: options.entry }),
    ...(options.now !== undefined && { now: options.now }),
    ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
    ...(options.functions && { functions: options.functions }),
    tasks: host,
    // An error the placeholders caused (a DLG6002 stop, had the script not caught it) stops the recording: a catch of
    // it would convert the script's error path, which a live run does not take.
    uncatchable: (error) => placeholders.lastTouched !== undefined && (mentionsPlaceholder(error.message) || PLACEHOLDER_ERRORS.has(error.code)),
    builtinResult: (call) => {
      const shown = placeholderResult(call, placeholders);
      if (!guessed) {
        // A value decided earlier that this call goes on with (`ids.subList(0, n)`, `choice.trim()`): the decision
        // now shapes what the script does.
        const used = [call.receiver, ...call.args].find(decidedValue);
        if (used !== undefined) guessed = decisions.find((d) => d.result === used)!.guess;
        else if (decidesOnPlaceholder(call, shown, carriesPlaceholder)) {
          const guess = { line: undefined, placeholder: placeholders.lastTouched, how: `${call.calledAs}(…)` };
          decisions.push({ result: shown, guess });
          // A collection a decision changed (`clean.removeElement(null)`, `m.put(rec.get("Name"), …)`) holds it.
          if (MUTATORS.has(call.spec.name.toLowerCase()) && (call.receiver instanceof ListValue || call.receiver instanceof MapValue)) decisions.push({ result: call.receiver, guess });
          if (decisions.length > MAX_DECISIONS) decisions.splice(0, decisions.length - MAX_DECISIONS);
        }
      }
      return shown;
    },
    variableRead: (value) => {
      if (guessed) return;
      if (inConditions > 0 && carriesPlaceholder(value)) placeholderUses++;
      // A decided value kept in a variable and read again (`n = recs.size(); … subList(0, n)`).
      if (decidedValue(value)) guessed = decisions.find((d) => d.result === value)!.guess;
    },
    onCondition: (condition) => {
      const before = placeholderUses + placeholders.reads;
      inConditions++;
      return () => {
        inConditions--;
        if (guessed || placeholderUses + placeholders.reads === before) return;
        const line = mainNodes.has(nodeKey(condition)) ? file.position(condition.span.start).line : undefined;
        guessed = { line, placeholder: placeholders.lastTouched };
      };
    },
  });

  return { run, placeholders, requests, warnings };
}

/**
 * `https://www.zohoapis.eu/crm/v7/Leads?x=1` with base `http://127.0.0.1:8080` → `http://127.0.0.1:8080/crm/v7/Leads?x=1`:
 * every Zoho API host of every data centre; other hosts as they are. A path in the base is kept before the URL's.
 */
export function rewriteZohoHost(url: string, baseUrl: string): string {
  const target = new URL(url);
  if (!isZohoApiHost(target.hostname)) return url;
  const base = new URL(baseUrl);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${target.pathname}${target.search}`;
}

/** The request with every placeholder map written as text turned back into its token (see Placeholders.canonical). */
function withCanonicalTexts(request: HttpRequest, placeholders: Placeholders): HttpRequest {
  const c = (t: string): string => placeholders.canonical(t);
  const body = request.body;
  let canonicalBody: HttpBody | undefined = body;
  if (body?.kind === 'raw') canonicalBody = { ...body, text: c(body.text) };
  if (body?.kind === 'form') canonicalBody = { ...body, fields: body.fields.map(([k, v]): Header => [c(k), c(v)]) };
  if (body?.kind === 'multipart') {
    canonicalBody = {
      ...body,
      parts: body.parts.map((p): MultipartPart => (p.kind === 'field' ? { ...p, name: c(p.name), value: c(p.value) } : { ...p, name: c(p.name) })),
    };
  }
  return {
    ...request,
    url: c(request.url),
    headers: request.headers.map(([k, v]): Header => [k, c(v)]),
    ...(canonicalBody && { body: canonicalBody }),
  };
}

/** The placeholders in a request's URL, headers and body (each once, in order of appearance). */
function placeholdersIn(request: HttpRequest, placeholders: Placeholders): Placeholder[] {
  const texts = [request.url, ...request.headers.flat(), ...bodyTexts(request.body)];
  const found = new Set<Placeholder>();
  for (const t of texts) for (const match of placeholders.find(t)) found.add(match.placeholder);
  return [...found];
}

function bodyTexts(body: HttpBody | undefined): string[] {
  if (!body) return [];
  switch (body.kind) {
    case 'raw':
      return [body.text];
    case 'form':
      return body.fields.flat();
    case 'multipart':
      return body.parts.flatMap((p) => (p.kind === 'field' ? [p.name, p.value] : [p.name, p.file.name]));
  }
}

/** A CRM task's connection: its last argument when that is a text naming one (as the runner reads it). */
function connectionArgument(args: readonly Value[]): string | undefined {
  const last = args[args.length - 1];
  return typeof last === 'string' && /^[A-Za-z][\w]*$/.test(last) && args.length > 1 ? last : undefined;
}

function isSyntaxError(d: RunDiagnostic): boolean {
  return /^DLG[12]/.test(d.diagnostic.code);
}

/** A run diagnostic on the main script; one in a `--functions` file points at the start, naming where it is. */
function inMainFile({ file, diagnostic: d }: RunDiagnostic, main: SourceFile, severity: 'error' | 'warning'): Diagnostic {
  if (file.path === main.path && file.text === main.text) return { ...d, severity, span: firstLine(main.text, d.span) };
  const at = file.position(d.span.start);
  return { ...d, severity, span: { start: 0, end: 0 }, message: `${file.path}:${at.line}:${at.column}: ${d.message}` };
}

function nodeKey(node: Node): string {
  return `${node.kind}:${node.span.start}:${node.span.end}`;
}

/** The nodes of the main script (tasks, calls, conditions …), to tell them from those of `--functions` files (other texts). */
function nodeKeys(program: Program): Set<string> {
  const keys = new Set<string>();
  walk(program, {
    enter(node) {
      keys.add(nodeKey(node));
    },
  });
  return keys;
}

/** The part of a span on its first line: a warning about a whole task block points at its head. */
function firstLine(text: string, span: Span): Span {
  let end = span.start;
  while (end < span.end && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  while (end > span.start + 1 && /\s|\\/.test(text[end - 1]!)) end--;
  return { start: span.start, end: Math.max(end, span.start) };
}

/** Warnings, one per code and place: a request made 100 times in a loop is reported once, with the count. */
class Warnings {
  private readonly byPlace = new Map<string, { d: Diagnostic; count: number }>();

  add(code: DiagnosticCode, span: Span, message: string): void {
    const key = `${code}:${span.start}`;
    const seen = this.byPlace.get(key);
    if (seen) seen.count++;
    else this.byPlace.set(key, { d: diagnostic(code, span, message, { ruleId: 'emit' }), count: 1 });
  }

  list(): Diagnostic[] {
    return [...this.byPlace.values()]
      .map(({ d, count }) => (count > 1 ? { ...d, message: `${d.message} (${count} times)` } : d))
      .sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  }
}

/**
 * The length of the body as sent, for a `Content-Length` the script gives: a raw body's UTF-8 bytes, a form's encoded
 * text; a multipart body's depends on the boundary the client draws, so no length the script gives can be its own.
 */
function bodyByteLength(body: HttpBody | undefined): number {
  if (!body) return 0;
  if (body.kind === 'raw') return new TextEncoder().encode(body.text).length;
  if (body.kind === 'form') return new TextEncoder().encode(formEncode(body.fields)).length;
  return -1;
}
