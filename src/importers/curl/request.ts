/**
 * curl's arguments → the requests curl would send, read the way curl reads them (tool_getparam.c): options in any
 * order, clustered short options (`-sSL`, `-XPOST`), unambiguous prefixes of long ones, data pieces joined with `&`,
 * the method implied by the body. Each lossy step is a diagnostic with the span of the words it is about.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import type { Header, HttpMethod } from '../../http/request.js';
import { splitUserinfo } from '../../http/url-text.js';
import { parseJson } from '../../runtime/json.js';
import { jsonText } from '../../runtime/text-form.js';
import { ListValue, MapValue, type Value } from '../../runtime/values.js';
import { cover, span, type Span } from '../../source/span.js';
import {
  authorizationCredential,
  basicCredential,
  headerCredential,
  headerKind,
  headerPlaceholder,
  isCredentialField,
  maskFormFields,
  maskJsonFields,
  maskJsonTextFields,
  maskQueryFields,
  maskUrlFields,
  type CurlCredential,
  type SecretWord,
} from './credentials.js';
import { ambiguousLongOption, resolveLongOption, SHORT_OPTIONS, takesArgument } from './options.js';
import { isLiteral, wordText, type Command, type Word } from './shell.js';

export interface CurlParseOptions {
  /** Reads a file curl would read (`-d @file`, `-F f=@file`, `-T file`); without it their content is a placeholder. */
  readonly readFile?: (path: string) => Uint8Array | undefined;
}

export type CurlPart =
  | { readonly kind: 'field'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'file';
      readonly name: string;
      readonly filename: string;
      readonly contentType: string;
      readonly path: string;
      /** Undefined when the file was not read: the script gets a placeholder. */
      readonly bytes?: Uint8Array;
    };

export type CurlBody =
  /** An `application/x-www-form-urlencoded` body that reads as distinct fields: `parameters` as a map. */
  | { readonly kind: 'form'; readonly fields: readonly Header[] }
  /** JSON that a Deluge map or list literal writes back the same (up to white space). */
  | { readonly kind: 'json'; readonly text: string; readonly value: MapValue | ListValue; readonly contentType: string }
  /**
   * `files`: the files whose content curl would send, written `@path` in the text (they were not read). `contentType`
   * is empty when curl sends none (`-T`), as the request IR has it.
   */
  | { readonly kind: 'raw'; readonly text: string; readonly contentType: string; readonly files?: readonly string[] }
  | { readonly kind: 'multipart'; readonly parts: readonly CurlPart[] };

/** One request of a curl command, as the importer models it before writing Deluge or the request IR. */
export interface CurlRequest {
  /** What curl sends; HEAD and OPTIONS included (the Deluge has GET for them, with a warning). */
  readonly method: HttpMethod | string;
  readonly url: string;
  /** Headers in the order given, without the credential the connection replaces (session values are placeholders). */
  readonly headers: readonly Header[];
  readonly body?: CurlBody;
  /** The credential (`Authorization`, `-u`, an API-key header, …) that the script's connection replaces. */
  readonly credential?: CurlCredential;
  readonly span: Span;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * The content type the script names for `-T`'s file, which curl sends with none: invokeurl sends a text body as
 * text/plain unless told otherwise ("Default value: text/plain, if the body is TEXT",
 * https://www.zoho.com/deluge/help/webhook/invokeurl-api-task.html), while a server may take a body without one for
 * application/octet-stream (RFC 9110 §8.3). DLG6133 says so.
 */
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

/** Options that change nothing a script could say: output, progress, protocol details handled by Zoho. */
const NO_EFFECT = new Set(
  (
    'location silent show-error verbose include fail fail-with-body fail-early no-buffer progress-bar ' +
    'no-progress-meter compressed http1.1 http2 http2-prior-knowledge http3 http3-only ipv4 ipv6 tcp-nodelay ' +
    'tcp-fastopen styled-output trace-time no-keepalive keepalive-time disable no-sessionid create-dirs ' +
    'basic suppress-connect-headers no-alpn no-npn remote-time raw ' +
    'show-headers no-clobber remove-on-error skip-existing parallel parallel-immediate parallel-max trace-ids follow'
  ).split(' '),
);

/** Options whose only effect is on curl's own output. */
const OUTPUT = new Set('output remote-name remote-name-all output-dir dump-header write-out cookie-jar remote-header-name libcurl trace trace-ascii stderr etag-save out-null'.split(' '));

/** Options that change what is sent, or where, in a way invokeurl (and `deluge run`) does not: each said, and ignored. */
const NOT_AS_INVOKEURL: ReadonlyMap<string, string> = new Map([
  ['location-trusted', 'sends the credentials on to the hosts a redirect leads to; invokeurl follows redirects with them to the same origin only'],
  ['max-redirs', 'sets how many redirects are followed; invokeurl follows up to 5'],
  ['post301', 'keeps a POST a POST after a 301; invokeurl follows it with a GET, as browsers do'],
  ['post302', 'keeps a POST a POST after a 302; invokeurl follows it with a GET, as browsers do'],
  ['post303', 'keeps a POST a POST after a 303; invokeurl follows it with a GET, as browsers do'],
  ['tr-encoding', 'asks for a compressed transfer (TE: gzip); invokeurl does not'],
  ['http1.0', 'sends HTTP/1.0; invokeurl sends HTTP/1.1'],
]);

const TIMEOUTS = new Set('max-time connect-timeout expect100-timeout speed-limit speed-time happy-eyeballs-timeout-ms'.split(' '));

const RETRIES = new Set('retry retry-delay retry-max-time retry-all-errors retry-connrefused'.split(' '));

const AUTH_SCHEMES = new Set('digest ntlm ntlm-wb negotiate anyauth aws-sigv4 delegation sasl-authzid'.split(' '));

/** Ignored options whose value is a secret, masked in code frames: whole, or after `user:` / `certificate:`. */
const SECRET_VALUES: ReadonlyMap<string, SecretWord['mask']> = new Map([
  ['pass', 'all'], ['proxy-pass', 'all'], ['tlspassword', 'all'], ['proxy-tlspassword', 'all'], ['proxy-user', 'after-colon'],
  ['cert', 'after-colon'], ['proxy-cert', 'after-colon'],
]);

/**
 * Headers of the connection and of the body's framing, which the HTTP client sends on its own: curl computes them,
 * and undici (`deluge run`) refuses most of them (Keep-Alive, Upgrade, Expect, Transfer-Encoding fail the request;
 * a Content-Length that does not match the body does too). A copied one is left out, with why.
 */
const CLIENT_HEADERS: ReadonlyMap<string, string> = new Map([
  ['content-length', 'the HTTP client sets it itself, from the body (a copied one is wrong once the body changes)'],
  ['transfer-encoding', 'the HTTP client sets it itself, from the body, and refuses one given'],
  ['connection', 'the HTTP client sets it itself'],
  ['keep-alive', 'the HTTP client keeps connections open itself and refuses this header'],
  ['upgrade', 'the HTTP client does not support switching protocols and refuses this header'],
  ['expect', 'the HTTP client does not support Expect (100-continue) and refuses this header'],
]);

/** A host name (then a port, path, query or the end), as the word after a split `https://` starts. */
const HOST_START = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?=[:/?#]|$)/;

/**
 * Whether a word may be the URL curl is given: with a scheme, a host name with a dot or `localhost` (a port, a path
 * after it), or a variable's or Postman's `{{name}}` value in front (`"$API_URL/upload"`, `{{baseUrl}}/…`).
 */
function looksLikeUrl(word: Word): boolean {
  const text = wordText(word);
  return startsWithVariable(word) || WITH_SCHEME.test(text) || HOST_START.test(text) || /^localhost(?=[:/?#]|$)/i.test(text);
}

/** A word whose value starts with a shell variable's or Postman's `{{name}}` (`"$BASE_URL/…"`, `{{baseUrl}}/…`). */
function startsWithVariable(word: Word): boolean {
  return word.parts[0]?.kind !== 'text' || /^\{\{[^{}]+\}\}/.test(wordText(word));
}

/** A URL's scheme and `//` at the start (`https://`). */
const WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A header's name and its ':', and nothing after: what `-H Name: value` without quotes gives -H. */
const NAME_ONLY_HEADER = /^[A-Za-z][A-Za-z0-9-]*:\s*$/;
/** The schemes of an Authorization header, whose token is the next word. */
const AUTH_SCHEME_WORD = /^(?:Bearer|Basic|Zoho-oauthtoken|Token|Digest|Negotiate|OAuth|ApiKey|Api-Key|Key)$/i;

/** `Name: value` (a header's name, then ':' and a space), which no URL is. */
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]+\S/;

/** The subset of `Word` the option handlers need: its text, variables flagged, and where it is. */
interface Arg {
  readonly text: string;
  readonly span: Span;
  readonly word: Word;
}

interface DataPiece {
  readonly text: string;
  readonly json: boolean;
  readonly span: Span;
  /** The file (`@path` in the text) whose content curl would send: it was not read. */
  readonly placeholder: string | undefined;
}

interface HeaderEntry {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
  /** The option that made it (`-A`, `-e`, `-b`, `-r`); undefined for a `-H`, which replaces it in curl. */
  readonly option?: string;
}

/** The options of one command (or of one `--next` group). */
interface Group {
  method?: Arg;
  head: boolean;
  get: boolean;
  /** Where -I and -G were given, for what curl refuses with them. */
  headSpan?: Span;
  getSpan?: Span;
  globoff: boolean;
  headers: HeaderEntry[];
  data: DataPiece[];
  query: string[];
  parts: CurlPart[];
  partsSpan?: Span;
  urls: Arg[];
  /** `-u`, `--oauth2-bearer`, `--digest` …: how curl authenticates. */
  authScheme?: string;
  user?: Arg;
  bearer?: Arg;
  /** Each `-T` file, in order: curl uploads the first to the first URL, the second to the second, and so on. */
  uploads: { readonly file: string; readonly span: Span }[];
  /** URLs of `--expand-url`, whose `{{name}}` curl fills in before it globs. */
  expandedUrls: Set<Arg>;
}

/** What `-T` sends to one URL: the file's text, and its name (curl adds it to a URL that ends with `/`). */
interface Upload {
  readonly piece: DataPiece;
  readonly file: string;
}

function newGroup(): Group {
  return { head: false, get: false, globoff: false, headers: [], data: [], query: [], parts: [], urls: [], uploads: [], expandedUrls: new Set() };
}

/**
 * The requests of one curl command (its first word already known to be curl). `source`: the text the command was read
 * from (its words' spans are in it), which shows how a word was quoted.
 */
export function commandRequests(command: Command, words: readonly Word[], options: CurlParseOptions, diagnostics: Diagnostic[], secrets: SecretWord[] = [], source = ''): CurlRequest[] {
  // Each URL is a request built from the same options: what one of them says of an option is said once.
  const reported = new Set<string>();
  const report = (code: DiagnosticCode, where: Span, message: string): void => {
    const key = `${code} ${where.start} ${where.end} ${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push(diagnostic(code, where, message, { ruleId: 'import' }));
  };
  // Variables are reported at the end, except in a credential the connection (or a placeholder) replaces.
  const withVariables = new Set<Word>();
  const replaced = new Set<Word>();
  const secret = (value: Arg, mask: SecretWord['mask']): void => {
    replaced.add(value.word);
    secrets.push({ span: value.span, mask });
  };
  const arg = (word: Word, text = wordText(word), where = word.span): Arg => {
    if (!isLiteral(word)) withVariables.add(word);
    return { text, span: where, word };
  };
  /**
   * A file curl reads; one that cannot be read stays `@path` in the text, a placeholder the script shows. An uploaded
   * file (`binary`) is Base64 in the script instead: one not read is an empty text there, which a TODO points at.
   */
  const readFile = (path: string, where: Span, what: string, binary = false): { text: string; placeholder: string | undefined; bytes?: Uint8Array } => {
    const inScript = (placeholder: string): string => (binary ? 'an empty Base64 text ("") for its content, with a TODO' : `the placeholder "${placeholder}" for its content`);
    if (path === '-') {
      if (command.stdin !== undefined) {
        if (command.stdinWord) arg(command.stdinWord);
        return { text: command.stdin, placeholder: undefined };
      }
      // `curl … -d @- < body.json`, `cat body.json | curl …`: standard input is that file.
      if (command.stdinFile !== undefined) return readFile(command.stdinFile, where, what, binary);
      report('DLG6115', where, `curl reads ${what} from standard input, which the import does not have: the script has ${inScript('@-')}`);
      return { text: '@-', placeholder: '-' };
    }
    const bytes = options.readFile?.(path);
    if (!bytes) {
      report('DLG6115', where, `curl reads ${what} from the file '${path}', which was not read: the script has ${inScript(`@${path}`)}`);
      return { text: `@${path}`, placeholder: path };
    }
    if (binary) return { text: '', placeholder: undefined, bytes };
    try {
      // A byte order mark is kept (`ignoreBOM`): curl sends the file's bytes as they are, a Windows editor's mark too.
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), placeholder: undefined, bytes };
    } catch {
      report('DLG6129', where, `the file '${path}' holds bytes that are not text, which a Deluge text cannot hold: the script has the placeholder "@${path}"`);
      return { text: `@${path}`, placeholder: path, bytes };
    }
  };

  const groups: Group[] = [newGroup()];
  let group = groups[0]!;
  const rest = words.slice(1);

  const apply = (name: string, negated: boolean, value: Arg | undefined, optionSpan: Span): void => {
    const v = value?.text ?? '';
    switch (name) {
      case 'request':
        group.method = value;
        return;
      case 'header':
        return header(value!);
      case 'data':
      case 'data-ascii':
      case 'data-binary':
      case 'json': {
        const fromFile = v.startsWith('@');
        let text = v;
        let placeholder: string | undefined;
        if (fromFile) {
          const read = readFile(v.slice(1), value!.span, 'the body');
          text = name === 'data' || name === 'data-ascii' ? read.text.replace(/[\r\n]/g, '') : read.text;
          placeholder = read.placeholder;
        }
        group.data.push({ text, json: name === 'json', span: value!.span, placeholder });
        return;
      }
      case 'data-raw':
        group.data.push({ text: v, json: false, span: value!.span, placeholder: undefined });
        return;
      case 'data-urlencode':
      case 'url-query': {
        const piece = urlencodePiece(v, value!.span, name === 'url-query');
        if (name === 'url-query') group.query.push(piece.text);
        else group.data.push(piece);
        return;
      }
      case 'form':
      case 'form-string':
        addPart(formPart(value!, name === 'form-string'), value!);
        group.partsSpan = group.partsSpan ? cover(group.partsSpan, value!.span) : value!.span;
        return;
      case 'get':
        group.get = !negated;
        group.getSpan = optionSpan;
        return;
      case 'head':
        group.head = !negated;
        group.headSpan = optionSpan;
        return;
      case 'globoff':
        group.globoff = !negated;
        return;
      case 'user':
        secret(value!, 'after-colon');
        group.user = value;
        return;
      case 'oauth2-bearer':
        secret(value!, 'all');
        group.bearer = value;
        return;
      case 'url':
        group.urls.push(value!);
        return;
      case 'user-agent':
        // `-A ''` leaves the header out, as `-H 'User-Agent:'` does (curl sends none), which the script cannot.
        if (v === '') report('DLG6117', cover(optionSpan, value!.span), "-A '' makes curl leave out its User-Agent header; the script cannot: ignored");
        else group.headers.push({ name: 'User-Agent', value: v, span: value!.span, option: '-A' });
        return;
      case 'referer': {
        const referer = v.replace(/;auto$/, '');
        if (referer !== '') group.headers.push({ name: 'Referer', value: referer, span: value!.span, option: '-e' });
        return;
      }
      case 'cookie':
        if (v.includes('=')) {
          secret(value!, 'all');
          group.headers.push({ name: 'Cookie', value: v, span: value!.span, option: '-b' });
        }
        else report('DLG6106', cover(optionSpan, value!.span), `'-b ${v}' reads cookies from a file, which the script cannot: ignored (give the cookies as '-b "name=value"')`);
        return;
      case 'range':
        // curl adds the dash a range without one lacks ("Appending one for you!"): `-r 600` asks for bytes=600-.
        group.headers.push({ name: 'Range', value: `bytes=${/^\d+$/.test(v) ? `${v}-` : v}`, span: value!.span, option: '-r' });
        return;
      case 'upload-file':
        // Read when its URL's request is built: a -T that curl would not send is not read.
        group.uploads.push({ file: v, span: value!.span });
        return;
      case 'next':
        group = newGroup();
        groups.push(group);
        return;
      default:
        break;
    }
    if (name.startsWith('expand-') && value) {
      // curl 8.3's --expand-url, --expand-header, …: the option with each {{name}} replaced by a --variable, which
      // the import does not set; read as the option, the {{…}} kept as written.
      const option = name.slice('expand-'.length);
      if (v.includes('{{')) report('DLG6109', cover(optionSpan, value.span), `--${name}: a {{name}} is a --variable with no value here (the import does not set them): read as --${option}, the {{…}} kept as text; replace it`);
      if (option === 'url') group.expandedUrls.add(value);
      apply(option, false, value, optionSpan);
      return;
    }
    if (NO_EFFECT.has(name)) return;
    const mask = SECRET_VALUES.get(name);
    if (mask && value) secret(value, mask);
    const where = value ? cover(optionSpan, value.span) : optionSpan;
    const unlike = NOT_AS_INVOKEURL.get(name);
    if (unlike !== undefined) report('DLG6106', where, `--${name} ${unlike}: ignored`);
    else if (OUTPUT.has(name)) report('DLG6106', where, `--${name} only changes what curl writes out; the script has the response in its variable: ignored`);
    else if (name === 'insecure') report('DLG6106', where, '-k/--insecure turns off certificate checks, which invokeurl always makes: ignored');
    else if (TIMEOUTS.has(name)) report('DLG6106', where, `--${name}: invokeurl has Zoho's fixed timeout (40 s): ignored`);
    else if (RETRIES.has(name)) report('DLG6106', where, `--${name}: invokeurl does not retry; write a loop with a check of the response if you need one: ignored`);
    else if (AUTH_SCHEMES.has(name)) {
      group.authScheme = name;
      report('DLG6106', where, `--${name}: no connection type (Zoho's or deluge.connections.json's) authenticates this way; -u, if given, becomes a basic connection: ignored`);
    }
    else report('DLG6106', where, `--${name} has no invokeurl equivalent: ignored`);
  };

  const header = (value: Arg): void => {
    const text = value.text;
    if (text.startsWith('@')) {
      report('DLG6117', value.span, `-H ${text} reads headers from a file, which the import does not do: add them to the script's headers`);
      return;
    }
    const colon = text.indexOf(':');
    const semicolon = text.indexOf(';');
    if (colon < 0 && semicolon > 0 && text.slice(semicolon + 1).trim() === '') {
      const name = text.slice(0, semicolon).trim();
      if (clientHeader(name, value.span)) return;
      blankAroundName(text.slice(0, semicolon), value.span);
      group.headers.push({ name, value: '', span: value.span });
      return;
    }
    if (colon <= 0) {
      // Not echoed, and masked in frames when it names a credential: it may be one written without its ':'.
      if (headerKind(text.trim().split(/\s/)[0] ?? '') !== undefined) secret(value, 'all');
      report('DLG6117', value.span, "this -H has no ':', so it is not a header ('Name: value'); curl sends nothing for it: ignored");
      return;
    }
    const name = text.slice(0, colon).trim();
    const headerValue = text.slice(colon + 1).replace(/^[ \t]+/, '').replace(/[\r\n]+$/, '');
    if (headerValue === '') {
      report('DLG6117', value.span, `'${name}:' with no value makes curl leave out a header of its own; the script cannot: ignored`);
      return;
    }
    if (clientHeader(name, value.span)) return;
    if (headerKind(name) !== undefined) secret(value, 'header-value');
    blankAroundName(text.slice(0, colon), value.span);
    if (/[^\x00-\x7f]/.test(headerValue)) {
      const beyond = /[^\x00-\xff]/.test(headerValue);
      report(
        'DLG6136',
        value.span,
        `the ${name} header's value has characters beyond ASCII: curl sends their UTF-8 bytes, the script's request ${beyond ? 'refuses a character beyond Latin-1 (DLG4018)' : 'sends one byte each (Latin-1)'}: a server may read them differently`,
      );
    }
    group.headers.push({ name, value: headerValue, span: value.span });
  };

  /**
   * Reports blanks around a header's name (`-H 'X-Thing : v'`): curl sends the line as written (lib/http.c adds a
   * custom header as given; checked with curl 7.88), which HTTP forbids, while the script's header map sends the name.
   */
  const blankAroundName = (written: string, where: Span): void => {
    const name = written.trim();
    if (name === written) return;
    const how = !/\s$/.test(written)
      ? 'starting with a blank, which HTTP reads as more of the header before it (RFC 9112 §5.2: a server rejects it or joins it to that one)'
      : `with ${/^\s/.test(written) ? 'blanks around its name' : "a blank before ':'"}, which HTTP forbids (RFC 9112 §5.1: a server answers 400 Bad Request)`;
    report('DLG6134', where, `curl sends this header line as written, ${how}: the script sends the header '${name}'`);
  };

  /** Reports a header of the HTTP client's own (CLIENT_HEADERS), which the script leaves out. */
  const clientHeader = (name: string, where: Span): boolean => {
    const why = CLIENT_HEADERS.get(name.toLowerCase());
    if (why !== undefined) report('DLG6117', where, `the ${name} header is left out: ${why}`);
    return why !== undefined;
  };

  const urlencodePiece = (v: string, where: Span, query: boolean): DataPiece => {
    if (query && v.startsWith('+')) return { text: v.slice(1), json: false, span: where, placeholder: undefined };
    // A '=' anywhere makes `name=content`, an '@' before it included (`a@b=c` is the field a@b): curl looks for '@'
    // only when there is no '=' (tool_getparam.c, data_urlencode).
    const eq = v.indexOf('=');
    const at = v.indexOf('@');
    let name: string | undefined;
    let content: string;
    let placeholder: string | undefined;
    if (eq >= 0) {
      name = eq > 0 ? v.slice(0, eq) : undefined;
      content = v.slice(eq + 1);
    } else if (at >= 0) {
      name = at > 0 ? v.slice(0, at) : undefined;
      // The file's bytes are encoded one by one, as curl encodes them: any file, text or not, becomes ASCII text.
      const read = readFile(v.slice(at + 1), where, 'a value', true);
      placeholder = read.placeholder;
      if (read.bytes !== undefined) {
        const encoded = bytesEscaped(read.bytes);
        return { text: name === undefined ? encoded : `${name}=${encoded}`, json: false, span: where, placeholder: undefined };
      }
      content = read.text;
    } else content = v;
    const encoded = placeholder === undefined ? curlEscape(content) : content;
    return { text: name === undefined ? encoded : `${name}=${encoded}`, json: false, span: where, placeholder };
  };

  /**
   * A part of the form. A script's `parameters` map holds one value per name, so a name given again is left out,
   * except files named `file`: invokeurl's `files` list sends each as a part of that name (as Zoho's ZFS upload
   * sends several).
   */
  const addPart = (part: CurlPart, value: Arg): void => {
    const several = (p: CurlPart) => p.kind === 'file' && p.name === 'file';
    const earlier = group.parts.find((p) => p.name === part.name);
    if (earlier && !(several(earlier) && several(part))) {
      report('DLG6122', value.span, `the form has a part named '${part.name}' already; the script's parameters map holds one value per name, so this one is left out (curl sends both)`);
      return;
    }
    group.parts.push(part);
  };
  const formPart = (value: Arg, literal: boolean): CurlPart => {
    const text = value.text;
    const eq = text.indexOf('=');
    if (eq < 0) {
      report('DLG6122', value.span, `-F '${text}' has no '=': curl refuses it; sent as an empty field`);
      return { kind: 'field', name: text, value: '' };
    }
    const name = text.slice(0, eq);
    const content = text.slice(eq + 1);
    if (literal) return { kind: 'field', name, value: content };
    if (content.startsWith('@')) {
      const { main, params } = formParams(content.slice(1));
      const read = readFile(main, value.span, 'an uploaded file', true);
      const filename = params.get('filename') ?? main.split(/[\\/]/).pop() ?? main;
      const contentType = params.get('type') ?? guessContentType(filename);
      if (contentType !== 'application/octet-stream') {
        report('DLG6122', value.span, `curl sends '${filename}' as ${contentType}; a Deluge file made from Base64 is sent as application/octet-stream`);
      }
      return { kind: 'file', name, filename, contentType, path: main, ...(read.bytes && { bytes: read.bytes }) };
    }
    if (content.startsWith('<')) {
      const { main } = formParams(content.slice(1));
      return { kind: 'field', name, value: readFile(main, value.span, 'a field').text };
    }
    const { main, params, skipped } = formParams(content);
    if (skipped.length > 0) {
      // A credential's text is not quoted, neither what is sent nor what is skipped (the rest of a password with a ';').
      const what = isCredentialField(name, main) ? 'what follows it: the script sends the text before it' : `${skipped.map((p) => `'${p}'`).join(', ')}: the script sends '${main}'`;
      report(
        'DLG6122',
        value.span,
        `curl ends the field '${name}' at its first ';' and skips ${what}, as curl does; to send the whole text, quote it (-F '${name}="…"') or use --form-string`,
      );
    }
    if (params.has('type') || params.has('filename') || params.has('headers')) {
      report('DLG6122', value.span, `the ;type=, ;filename= or ;headers= of the field '${name}' cannot be given to a Deluge field: only its text is sent`);
    }
    return { kind: 'field', name, value: main };
  };

  // Read the arguments: options with their values, everything else a URL; after `--`, every argument is a URL.
  let endOfOptions = false;
  for (let k = 0; k < rest.length; k++) {
    const word = rest[k]!;
    const text = wordText(word);
    if (endOfOptions) {
      group.urls.push(arg(word));
      continue;
    }
    if (text === '--' && isLiteral(word)) {
      endOfOptions = true;
      continue;
    }
    const next = (): Arg | undefined => {
      const following = rest[k + 1];
      if (!following) return undefined;
      k++;
      return arg(following);
    };
    /**
     * `-H Authorization: Zoho-oauthtoken 1000.…` with the quotes left out: curl would send an empty header and request
     * the value's words as URLs, a token among them. The words that are the value are read as it (the scheme's one
     * more after Bearer, Basic, Zoho-oauthtoken, …); the message names the header only, as its value may be secret.
     */
    const withUnquotedValue = (value: Arg): Arg => {
      // (`-H "Expect:"`, quoted, is curl's way to send no such header: only a name written bare is joined.)
      if (!NAME_ONLY_HEADER.test(value.text) || !isLiteral(value.word) || /["'`^\u2018\u201c]/.test(source[value.span.start] ?? '')) return value;
      const taken: Word[] = [];
      for (let j = k + 1; j < rest.length && taken.length < 2; j++) {
        const following = rest[j]!;
        const text = wordText(following);
        // A token after its scheme may look like a host name (`1000.8cb99d….9b8…`); a first word must not.
        if (text.startsWith('-') || WITH_SCHEME.test(text) || (taken.length === 0 && looksLikeUrl(following))) break;
        taken.push(following);
        if (!AUTH_SCHEME_WORD.test(text)) break;
      }
      if (taken.length === 0) return value;
      k += taken.length;
      const last = taken[taken.length - 1]!;
      const name = value.text.slice(0, value.text.indexOf(':'));
      report('DLG6138', span(value.span.start, last.span.end), `'${name}:' and the ${taken.length === 1 ? 'word' : 'words'} after it read as one header, its value unquoted (curl would send an empty ${name} header and request ${taken.length === 1 ? 'that word as a URL' : 'those words as URLs'}; quote the header: -H '${name}: …')`);
      for (const word of taken) if (!isLiteral(word)) withVariables.add(word);
      return { text: `${value.text.trimEnd()} ${taken.map(wordText).join(' ')}`, span: span(value.span.start, last.span.end), word: value.word };
    };
    if (text.startsWith('--') && text.length > 2 && isLiteral(word)) {
      let resolved = resolveLongOption(text.slice(2));
      let inline: Arg | undefined;
      if (!resolved && text.includes('=')) {
        const eq = text.indexOf('=');
        const candidate = resolveLongOption(text.slice(2, eq));
        if (candidate && takesArgument(candidate.name)) {
          report('DLG6126', word.span, `curl has no '${text.slice(0, eq + 1)}' form (it would stop with "option ${text.slice(0, eq)}: is unknown"): read as '${text.slice(0, eq)} …'`);
          resolved = candidate;
          inline = arg(word, text.slice(eq + 1), span(word.span.start + eq + 1, word.span.end));
        }
      }
      if (!resolved) {
        const candidates = ambiguousLongOption(text.slice(2).replace(/=[\s\S]*$/, ''));
        if (candidates.length > 0) {
          // curl stops: "option --dat: is ambiguous". Its value would otherwise be read as a URL.
          const shown = candidates.length > 4 ? `${candidates.slice(0, 4).map((c) => `--${c}`).join(', ')}, …` : candidates.map((c) => `--${c}`).join(', ');
          diagnostics.push(diagnostic('DLG6135', word.span, `'${text.replace(/=[\s\S]*$/, '')}' is the start of several curl options (${shown}): curl stops with "is ambiguous"; write the option whole`, { ruleId: 'import' }));
          // Its value, when each of them takes one, is no URL.
          if (!text.includes('=') && candidates.every(takesArgument)) k++;
          continue;
        }
        // The option's name only: a value after '=' may be a secret. So may the word after it (`--auth bob:s3cret`,
        // `--bearer TOKEN`), which would otherwise be requested as a URL: one that looks like no URL is taken for its
        // value and skipped with it.
        const following = text.includes('=') ? undefined : rest[k + 1];
        const followingText = following ? wordText(following) : '';
        const itsValue = following !== undefined && !followingText.startsWith('-') && !looksLikeUrl(following);
        if (itsValue) k++;
        report('DLG6105', itsValue ? span(word.span.start, following.span.end) : word.span, `curl has no option '${text.replace(/=[\s\S]*$/, '=…')}': ignored${itsValue ? ', and the word after it with it, as its value (curl stops with "is unknown")' : ''}`);
        continue;
      }
      const value = takesArgument(resolved.name) ? (inline ?? next()) : undefined;
      if (takesArgument(resolved.name) && !value) {
        diagnostics.push(diagnostic('DLG6107', word.span, `'${text}' needs an argument, and the command ends here`, { ruleId: 'import' }));
        continue;
      }
      apply(resolved.name, resolved.negated, resolved.name === 'header' && value ? withUnquotedValue(value) : value, word.span);
      continue;
    }
    if (text.startsWith('-') && text.length > 1 && !text.startsWith('--')) {
      for (let j = 1; j < text.length; j++) {
        const letter = text[j]!;
        const long = SHORT_OPTIONS.get(letter);
        const letterSpan = span(word.span.start + j, word.span.start + j + 1);
        if (!long) {
          report('DLG6105', letterSpan, `curl has no option '-${letter}': ignored`);
          continue;
        }
        if (takesArgument(long)) {
          const attached = text.slice(j + 1);
          const value = attached !== '' ? arg(word, attached, span(word.span.start + j + 1, word.span.end)) : next();
          if (!value) {
            diagnostics.push(diagnostic('DLG6107', word.span, `'-${letter}' needs an argument, and the command ends here`, { ruleId: 'import' }));
          } else apply(long, false, long === 'header' ? withUnquotedValue(value) : value, span(word.span.start, word.span.start + j + 1));
          break;
        }
        apply(long, false, undefined, letterSpan);
      }
      continue;
    }
    if (HEADER_LINE.test(text)) {
      // curl would request `http://Authorization: Zoho-oauthtoken …`, token and all; the header it was is meant.
      const value = arg(word);
      report('DLG6130', word.span, `'${text.slice(0, text.indexOf(':'))}: …' is a header, not a URL: read as -H (curl would request it as a URL; give it with -H)`);
      header(value);
      continue;
    }
    const following = rest[k + 1];
    if (/^https?:\/\/$/i.test(text) && following && isLiteral(following) && HOST_START.test(wordText(following))) {
      // `https:// desk.zoho.eu/api/…`: a space after '://' on the page. curl stops at the empty URL; the one meant is
      // read whole.
      const host = wordText(following);
      k++;
      report('DLG6131', span(word.span.start, following.span.end), `'${text}' and '${shortUrl(maskUrlFields(host).text)}' read as one URL: a space after '://' (curl would stop with "URL using bad/illegal format")`);
      group.urls.push({ text: text + host, span: span(word.span.start, following.span.end), word: following });
      continue;
    }
    group.urls.push(arg(word));
  }

  for (const word of withVariables) {
    if (replaced.has(word)) continue;
    const variables = word.parts.flatMap((p) => (p.kind === 'env' ? [p] : []));
    if (variables.length === 0) continue;
    const one = variables.length === 1;
    report(
      'DLG6109',
      word.span,
      `${variables.map((v) => v.raw).join(', ')} ${one ? 'is a shell variable' : 'are shell variables'} with no value here: the script has ${variables.map((v) => `\${${v.name}}`).join(', ')} in ${one ? 'its' : 'their'} place; replace ${one ? 'it' : 'them'}`,
    );
  }

  const requests: CurlRequest[] = [];
  // What curl would refuse in a URL is no news when the URL is not what curl gets: a quote never closed took the rest
  // of the text into one word, or a command substitution is kept as its text.
  const within = (d: Diagnostic, where: Span): boolean => d.span.start >= where.start && d.span.start < where.end;
  const notCurls = (where: Span): boolean =>
    diagnostics.some((d) => (d.code === 'DLG6103' && within(d, command.span)) || (d.code === 'DLG6110' && within(d, where)));
  for (const g of groups) {
    if (g.urls.length === 0) {
      if (g === groups[0] || g.headers.length + g.data.length > 0) {
        diagnostics.push(diagnostic('DLG6104', command.span, 'this curl command has no URL', { ruleId: 'import' }));
      }
      continue;
    }
    // curl refuses -T beside -d, --json or -F ("You can only select one HTTP request method"): the data is kept.
    const refused = g.uploads.length > 0 && (g.data.length > 0 || g.parts.length > 0);
    if (refused) {
      const other = g.parts.length > 0 ? '-F form' : '-d data';
      report('DLG6128', g.uploads[0]!.span, `curl refuses -T together with -d/--json or -F ("You can only select one HTTP request method"): the ${other} was kept, and the file is not uploaded`);
    }
    if (g.head && (g.data.length > 0 || g.parts.length > 0 || g.uploads.length > 0)) {
      const body = g.parts.length > 0 ? '-F' : g.data.length > 0 ? '-d/--json' : '-T';
      report('DLG6128', g.headSpan!, `curl refuses -I together with ${body} ("You can only select one HTTP request method"): the script sends the body with GET`);
    }
    if (g.get && g.parts.length > 0) {
      report('DLG6128', cover(g.getSpan!, g.partsSpan!), 'curl refuses -G together with -F ("option -F: is badly used here"): the -F form was kept, sent with POST');
    }
    g.urls.forEach((url, i) => {
      // The n-th -T goes to the n-th URL, as curl pairs them; a URL without one gets none.
      const file = refused ? undefined : g.uploads[i];
      let upload: Upload | undefined;
      if (file) {
        const read = readFile(file.file, file.span, 'the body');
        upload = { piece: { text: read.text, json: false, span: file.span, placeholder: read.placeholder }, file: file.file };
      }
      const request = buildRequest(g, url, upload, command, report, secret, notCurls(url.span));
      if (request) requests.push(request);
    });
  }
  return requests;
}

type Report = (code: DiagnosticCode, where: Span, message: string) => void;

function buildRequest(
  g: Group,
  urlArg: Arg,
  upload: Upload | undefined,
  command: Command,
  report: Report,
  secret: (value: Arg, mask: SecretWord['mask']) => void,
  urlNotCurls = false,
): CurlRequest | undefined {
  let url = urlArg.text.trim();
  if (url === '') {
    report('DLG6104', urlArg.span, 'the URL is empty: curl stops with "URL using bad/illegal format or missing URL"');
    return undefined;
  }
  // `"$BASE_URL/crm/v7/Leads"`, Postman's `{{baseUrl}}/…`: the variable's value brings the scheme and host, so none is
  // added (`http://https://…` once its placeholder is filled in) and none is looked for.
  const fromVariable = startsWithVariable(urlArg.word);
  if (!fromVariable && !WITH_SCHEME.test(url)) {
    // `user:password@host`: the password is masked here and in code frames (where the first ':' is its own).
    const password = /^[^/?#@:]*:[^/?#@]*@/.test(url);
    if (password) secret(urlArg, 'after-colon');
    const shown = password ? url.replace(/^([^/?#@:]*:)[^/?#@]*@/, '$1****@') : url;
    report('DLG6120', urlArg.span, `'${shortUrl(maskUrlFields(shown).text)}' has no scheme: http:// was added, as curl does (use https:// for APIs)`);
    url = `http://${url}`;
  }
  const scheme = fromVariable ? 'https' : url.slice(0, url.indexOf(':')).toLowerCase();
  if (!fromVariable && (scheme === 'http' || scheme === 'https') && !hasHost(url)) {
    // Not echoed with the password of its user info (`https://user:secret@:80/`).
    const shown = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i, '$1****@');
    report('DLG6104', urlArg.span, `'${shortUrl(maskUrlFields(shown).text)}' has no host: curl stops with "URL using bad/illegal format or missing URL"`);
    return undefined;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    report('DLG6121', urlArg.span, `invokeurl requests http and https URLs only, not ${scheme}://`);
    return undefined;
  }
  // Only the URL's own text can glob: a variable written ${NAME} in its place cannot.
  const written = urlArg.word.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
  const literal = g.expandedUrls.has(urlArg) ? written.replace(/\{\{[^{}]*\}\}/g, '') : written;
  if (!g.globoff && /[{}]|\[(?![0-9a-f:.]*\]\/?)/i.test(literal.replace(/^[a-z]+:\/\/\[[^\]]*\]/i, ''))) {
    report('DLG6119', urlArg.span, 'curl expands {…} and […] in a URL into several requests (unless -g is given); the script requests this URL as it is written');
  }
  if (g.query.length > 0) url = appendQuery(url, g.query.join('&'));

  // User info in the URL is curl's Basic authentication, as -u is.
  const userInfo = splitUserinfo(url);
  if (userInfo) url = userInfo.url;

  // Credentials: the first becomes the connection (an Authorization header, else -u, --oauth2-bearer, the URL's user
  // info, else the first API-key header); a further credential and a browser session's values become placeholders.
  const authorization = g.headers.find((h) => headerKind(h.name) === 'authorization');
  let credential: CurlCredential | undefined;
  let connectionHeader: HeaderEntry | undefined;
  if (authorization) {
    credential = authorizationCredential(authorization.value, authorization.span);
    connectionHeader = authorization;
  } else if (g.user) {
    credential = basicCredential(g.user.text, '-u', g.user.span, g.authScheme);
  } else if (g.bearer) {
    credential = { connection: { type: 'bearer', token: g.bearer.text }, source: 'the token of --oauth2-bearer', span: g.bearer.span };
  } else if (userInfo) {
    credential = basicCredential(decodeUserInfo(userInfo.userinfo), 'the URL', urlArg.span, g.authScheme);
  } else {
    connectionHeader = g.headers.find((h) => headerKind(h.name) === 'credential');
    if (connectionHeader) credential = headerCredential(connectionHeader.name, connectionHeader.value, connectionHeader.span);
  }
  const headers: HeaderEntry[] = [];
  for (const h of g.headers) {
    const kind = headerKind(h.name);
    if (h === connectionHeader) continue;
    if (kind === undefined) {
      headers.push(h);
      continue;
    }
    if (kind === 'authorization') {
      // A request sends one Authorization, and the connection's replaces any the script would set.
      report('DLG6112', h.span, `a second Authorization header: the connection carries ${credential!.source}, so this one is left out`);
      continue;
    }
    const placeholder = headerPlaceholder(h.name);
    if (kind === 'session') {
      const cookies = h.name.toLowerCase() === 'cookie' ? h.value.split(';').map((c) => c.split('=')[0]!.trim()).filter((c) => c !== '') : [];
      report(
        'DLG6112',
        h.span,
        `the ${h.name} header holds a browser session${cookies.length > 0 ? ` (cookies ${cookies.join(', ')})` : ''}, which a script cannot keep and Zoho's connections do not send: the script sends the placeholder "${placeholder}" in its place (a script authenticates with a connection: a token or an API key)`,
      );
    } else {
      report(
        'DLG6112',
        h.span,
        `the ${h.name} header is a second credential of this request, and a request has one connection (it carries ${credential!.source}); deluge.connections.json has no connection type that sends two: the script sends the placeholder "${placeholder}" in its place`,
      );
    }
    headers.push({ ...h, value: placeholder });
  }

  // The body, or the query when -G moves the data there.
  let body: CurlBody | undefined;
  const data = g.data;
  if (g.parts.length > 0 && data.length > 0) {
    report('DLG6128', cover(data[0]!.span, g.partsSpan!), 'curl refuses -F together with -d/--json ("You can only select one HTTP request method"): the -F form was kept');
  }
  const hasJson = data.some((d) => d.json);
  if (hasJson) {
    if (!headers.some((h) => h.name.toLowerCase() === 'content-type')) headers.push({ name: 'Content-Type', value: 'application/json', span: command.span });
    if (!headers.some((h) => h.name.toLowerCase() === 'accept')) headers.push({ name: 'Accept', value: 'application/json', span: command.span });
  }
  const joined = joinData(data);
  if (g.get && data.length > 0 && g.parts.length === 0) {
    url = appendQuery(url, joined);
  } else if (g.parts.length > 0) {
    body = { kind: 'multipart', parts: g.parts };
  } else if (data.length > 0) {
    body = textBody(joined, headers, data.flatMap((d) => (d.placeholder === undefined ? [] : [d.placeholder])));
  } else if (upload) {
    // No content type unless a header gives one: curl sends -T's file with none.
    body = textBody(upload.piece.text, headers, upload.piece.placeholder === undefined ? [] : [upload.piece.placeholder], '');
    url = withUploadName(url, upload.file);
    if (body.kind === 'raw' && body.contentType === '') {
      report(
        'DLG6133',
        upload.piece.span,
        `curl sends the file with no Content-Type; invokeurl sends a text body with one (text/plain unless named), so the script names ${UPLOAD_CONTENT_TYPE}, what a server may take a body without one for: add -H 'Content-Type: …' to the command if the server expects another`,
      );
    }
  }
  const refused = urlNotCurls ? undefined : refusedUrl(urlArg.text, url);
  if (refused) report('DLG6132', urlArg.span, refused);

  // Chrome copies a multipart form as its raw text: read the fields back out of it.
  if (body?.kind === 'raw') {
    const parsed = multipartFromText(body.text, body.contentType);
    if (parsed) {
      body = { kind: 'multipart', parts: parsed.parts };
      const index = headers.findIndex((h) => h.name.toLowerCase() === 'content-type');
      if (index >= 0) headers.splice(index, 1);
      if (parsed.files.length > 0) {
        report('DLG6115', data[0]?.span ?? command.span, `the copied form leaves out the content of ${parsed.files.map((f) => `'${f}'`).join(', ')}: the script has a placeholder for it`);
      }
    }
  }

  // A multipart type over a body that is no multipart form (no boundary, or no part of it): invokeurl makes a multipart
  // request only from a map of fields, so the script would not send this text (deluge run refuses a text under that
  // type, and sends a map as form fields).
  if ((body?.kind === 'raw' || body?.kind === 'json') && /^\s*multipart\//i.test(body.contentType)) {
    const index = headers.findIndex((h) => h.name.toLowerCase() === 'content-type');
    const at = index >= 0 ? headers[index]!.span : (data[0]?.span ?? command.span);
    if (index >= 0) headers[index] = { ...headers[index]!, value: 'text/plain' };
    report(
      'DLG6139',
      at,
      `a ${body.contentType.split(';')[0]!.trim()} Content-Type with a body that is no multipart form: invokeurl sends a multipart request only from a map of fields, so the script sends the text as it is under text/plain; to send a form, write its fields as a map 'parameters' with content-type: "multipart/form-data"`,
    );
    body = { ...body, contentType: 'text/plain' };
  }

  // The method: -X wins; otherwise what the body implies.
  let method: string = g.head ? 'HEAD' : body?.kind === 'multipart' || (data.length > 0 && !g.get) ? 'POST' : upload ? 'PUT' : 'GET';
  if (g.method) {
    method = g.method.text;
    if (method !== method.toUpperCase()) {
      report('DLG6114', g.method.span, `curl sends the method '${method}' as written; the script sends ${method.toUpperCase()}`);
      method = method.toUpperCase();
    }
  }
  const sendsGet = !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method);
  if (sendsGet) {
    const withBody = body ? ', with the body (many servers ignore the body of a GET)' : '';
    report('DLG6113', g.method?.span ?? g.headSpan ?? command.span, `invokeurl cannot send ${method} (it sends GET, POST, PUT, PATCH or DELETE): the script sends GET${withBody}`);
  }
  if (method === 'GET' && body) {
    report('DLG6118', g.method?.span ?? command.span, 'a body with GET: the script sends it as curl does, but many servers ignore the body of a GET');
  }
  // A form sent with GET goes as text: invokeurl would move a GET's parameters map into the URL's query.
  if ((method === 'GET' || sendsGet) && body?.kind === 'form') body = { kind: 'raw', text: joined, contentType: FORM };

  // Credential fields of the URL and the body: no connection type sends them, so they are placeholders.
  const fromUrl = maskUrlFields(url);
  url = fromUrl.text;
  let fromBody: string[] = [];
  if (body?.kind === 'form') {
    const masked = maskFormFields(body.fields);
    body = { kind: 'form', fields: masked.fields };
    fromBody = masked.masked;
  } else if (body?.kind === 'json') {
    fromBody = maskJsonFields(body.value);
    if (fromBody.length > 0) body = { ...body, text: jsonText(body.value) };
  } else if (body?.kind === 'raw' && /^\s*[[{]/.test(body.text)) {
    // JSON kept as written (its exact text matters): its credential values are replaced in the text itself.
    const masked = maskJsonTextFields(body.text);
    body = { ...body, text: masked.text };
    fromBody = masked.masked;
  } else if (body?.kind === 'raw' && body.contentType.trim().toLowerCase().startsWith(FORM)) {
    const masked = maskQueryFields(body.text);
    body = { ...body, text: masked.text };
    fromBody = masked.masked;
  } else if (body?.kind === 'multipart') {
    const fields = maskFormFields(body.parts.flatMap((p) => (p.kind === 'field' ? [[p.name, p.value] as const] : [])));
    let i = 0;
    body = { kind: 'multipart', parts: body.parts.map((p) => (p.kind === 'field' ? { ...p, value: fields.fields[i++]![1] } : p)) };
    fromBody = fields.masked;
  }
  if (fromUrl.masked.length + fromBody.length > 0) {
    const where = fromUrl.masked.length > 0 ? urlArg.span : (data[0]?.span ?? g.partsSpan ?? command.span);
    report('DLG6112', where, fieldsMessage(fromUrl.masked, fromBody, url));
  }

  return { method, url, headers: combineHeaders(headers, report), ...(body && { body }), ...(credential && { credential }), span: command.span };
}

/** What a DLG6112 says of credentials in the URL or the body, and of a request that gets an OAuth token itself. */
function fieldsMessage(inUrl: readonly string[], inBody: readonly string[], url: string): string {
  const fields = [...inUrl, ...inBody];
  const one = fields.length === 1;
  const place = inUrl.length > 0 && inBody.length > 0 ? 'URL and the body' : inUrl.length > 0 ? 'URL' : 'body';
  let message =
    `${fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}` : fields[0]} ${one ? 'is a credential' : 'are credentials'} in the ${place}, which no connection type sends (connections send a header): ` +
    `the script has ${fields.map((f) => `"<${f}>"`).join(', ')} in ${one ? 'its' : 'their'} place`;
  if (/\/oauth2?\/(?:v\d+\/)?token\b/i.test(url) || fields.some((f) => /^(?:client_secret|refresh_token)$/i.test(f))) {
    message += /^https?:\/\/accounts\.zoho(?:cloud)?\./i.test(url)
      ? '; this request gets a Zoho OAuth token, which a connection gets by itself: name a connection in the requests that use the token instead (to run them, deluge.connections.json: { "clientId": …, "clientSecret": …, "refreshToken": …, "type": "zoho-oauth" })'
      : '; this request gets an OAuth token, which Zoho\'s connections get by themselves; deluge.connections.json has no OAuth type for other services than Zoho (a bearer connection takes a token you got)';
  }
  return message;
}

/** User info of a URL as curl reads it: percent-decoded. */
function decodeUserInfo(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The pieces as curl joins them: `&` before each `-d` piece (not the first), none before a `--json` piece, whatever
 * came before it (`-d a=1 --json '{}'` sends `a=1{}`; curl's tool_getparam.c: "skip separator append for --json").
 */
function joinData(data: readonly DataPiece[]): string {
  let text = '';
  data.forEach((piece, i) => {
    text += i === 0 || piece.json ? piece.text : `&${piece.text}`;
  });
  return text;
}

/**
 * The URL with `query` added to its query string, as curl adds `-G` data and `--url-query`: after `?` when it has
 * none, after `&` otherwise — but not after a `?` or `&` the URL already ends with (`/a?` gets `/a?a=1`).
 */
function appendQuery(url: string, query: string): string {
  if (query === '') return url;
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const separator = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&';
  return `${base}${separator}${query}`;
}

/** Header map keys are unique: a repeated name gets its values joined, which HTTP reads the same (RFC 9110 §5.3). */
function combineHeaders(headers: readonly HeaderEntry[], report: Report): Header[] {
  const result: [string, string][] = [];
  // By lower-case name (a search of the list for each header grew with the square of their count).
  const byName = new Map<string, [string, string]>();
  // A -H header replaces the one an option makes (`-A`, `-e`, `-b`, `-r`), whichever comes first, as in curl.
  const given = new Set(headers.filter((h) => h.option === undefined).map((h) => h.name.toLowerCase()));
  for (const h of headers) {
    if (h.option !== undefined && given.has(h.name.toLowerCase())) {
      report('DLG6116', h.span, `the ${h.name} of ${h.option} is replaced by the -H '${h.name}' header, as curl replaces it: the script sends that one`);
      continue;
    }
    const same = byName.get(h.name.toLowerCase());
    if (same) {
      report('DLG6116', h.span, `the header '${h.name}' is given twice; the script's header map holds one value per name, so the values are joined with ", "`);
      same[1] = `${same[1]}, ${h.value}`;
    } else {
      const entry: [string, string] = [h.name, h.value];
      result.push(entry);
      byName.set(h.name.toLowerCase(), entry);
    }
  }
  return result;
}

function textBody(text: string, headers: readonly HeaderEntry[], files: readonly string[], defaultType = FORM): CurlBody {
  const explicit = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const contentType = explicit ?? defaultType;
  if (files.length > 0) return { kind: 'raw', text, contentType, files };
  // `-T`'s file with no Content-Type header goes as it is, with none.
  if (contentType === '') return { kind: 'raw', text, contentType };
  // JSON sent as curl's default form (Zoho's docs' `-d @input.json`) is still JSON: a `=` inside one of its strings
  // (a COQL query's `where Last_Name = 'Boyle'`) does not make it a form field.
  if (contentType.trim().toLowerCase().startsWith(FORM) && !isJsonText(text)) {
    const fields = formFields(text);
    if (fields) return { kind: 'form', fields };
  }
  // Under a JSON content type the server reads the JSON, so white space may change; under any other the bytes
  // must stay as they are, and a map prints them back only when they were compact.
  const value = jsonValue(text);
  if (value && (/json/i.test(contentType) || jsonText(value) === text)) return { kind: 'json', text, value, contentType };
  return { kind: 'raw', text, contentType };
}

/**
 * curl's `-T file` to a URL with no file part (`https://host/up/`, `https://host`) uploads to that URL plus the file's
 * name (`/up/note.txt`), as curl does; standard input (`-`) has no name to add.
 */
function withUploadName(url: string, file: string | undefined): string {
  if (file === undefined || file === '-' || file === '.') return url;
  const name = file.split(/[\\/]/).pop() ?? '';
  if (name === '') return url;
  const cut = url.search(/[?#]/);
  const base = cut < 0 ? url : url.slice(0, cut);
  const rest = cut < 0 ? '' : url.slice(cut);
  if (base.endsWith('/')) return `${base}${encodeURIComponent(name)}${rest}`;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]+$/i.test(base)) return `${base}/${encodeURIComponent(name)}${rest}`;
  return url;
}

/** Whether `text` is a JSON object or array. */
function isJsonText(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  try {
    parseJson(trimmed);
    return true;
  } catch {
    return false;
  }
}

/** `a=1&b=two%20words` as distinct fields, or undefined when a map could not send the same form. */
export function formFields(text: string): Header[] | undefined {
  if (text === '') return undefined;
  const fields: Header[] = [];
  const names = new Set<string>();
  for (const piece of text.split('&')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) return undefined;
    const name = formDecode(piece.slice(0, eq));
    const value = formDecode(piece.slice(eq + 1));
    if (name === undefined || value === undefined || names.has(name)) return undefined;
    names.add(name);
    fields.push([name, value]);
  }
  return fields;
}

function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** JSON whose Deluge map or list prints back the same text, white space aside (so the script sends the same JSON). */
export function jsonValue(text: string): MapValue | ListValue | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  let value: Value;
  try {
    value = parseJson(trimmed);
  } catch {
    return undefined;
  }
  if (!(value instanceof MapValue) && !(value instanceof ListValue)) return undefined;
  return jsonText(value) === minifyJson(trimmed) ? value : undefined;
}

/** JSON text without the white space between tokens. */
function minifyJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/** What curl's URL parser refuses: a control character or a space, anywhere (lib/urlapi.c junkscan, no CURLU_ALLOW_SPACE). */
const CURL_REFUSES = /[\x00-\x20\x7f]/;

/**
 * Why curl refuses the URL it would request (curl 7.88 stops with "URL using bad/illegal format or missing URL", exit
 * 3), and what the script requests instead; undefined when curl takes it. `written` is the URL as given, `url` the
 * script's: trimmed, with its -G data and --url-query added. The URL is not repaired: the message says how.
 */
function refusedUrl(written: string, url: string): string | undefined {
  const inside = CURL_REFUSES.exec(url)?.[0];
  const character = inside ?? /^[\x00-\x20\x7f]|[\x00-\x20\x7f]$/.exec(written)?.[0];
  if (character === undefined) return undefined;
  const code = character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
  const named = character === ' ' ? 'a space' : character === '\t' ? 'a tab' : character === '\n' || character === '\r' ? 'a line break' : `the control character U+00${code}`;
  const where = inside === undefined ? ' at its start or end' : CURL_REFUSES.test(written.trim()) ? '' : ' once its query is added (-G, --url-query)';
  const script =
    inside === undefined
      ? 'the script requests it without the blanks at its ends'
      : `the script requests it as written; Zoho's docs do not say whether invokeurl encodes it (deluge run ${character === ' ' ? 'sends %20' : 'reads the URL as a browser does'}): write %${code} in its place to send the same everywhere`;
  return `curl refuses a URL with ${named}${where}, stopping with "URL using bad/illegal format or missing URL": ${script}`;
}

/** Whether an http(s) URL names a host (`curl ""`, `https://` and `https://:80/a` do not). */
function hasHost(url: string): boolean {
  try {
    return new URL(url).hostname !== '';
  } catch {
    // A URL that does not parse (a variable in it, a space) has a host when something other than a port follows
    // `://` and its user info: `https://:80/a` and `https://user@:80/` have none.
    const hostAndPort = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/?#]*@/, '');
    return /^[^/?#:\s]/.test(hostAndPort);
  }
}

/**
 * `--data-urlencode` escaping: curl_easy_escape (everything but letters, digits and `-._~` as %XX of UTF-8), then each
 * `%20` as `+` (tool_getparam.c's replace_url_encoded_space_by_plus; curl 7.88 sends `q=a+b`, with -G too).
 */
/** Bytes escaped as curl's `--data-urlencode` escapes them (curlEscape of their text, for any bytes). */
function bytesEscaped(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) && b < 0x80 ? String.fromCharCode(b) : b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

export function curlEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * `value;type=x;filename=y` of `-F name=value` or `-F name=@path;…`, read as curl reads it (tool_formparse.c): an
 * unquoted value ends at the first ';', without its surrounding blanks; a piece after it that is not `type=`,
 * `filename=`, `headers=` or `encoder=` is skipped (curl warns "skip unknown form field"), or after `type=` taken as
 * more of the content type (`type=text/plain; charset=utf-8`).
 */
function formParams(text: string): { main: string; params: Map<string, string>; skipped: string[] } {
  let main: string | undefined;
  let rest = '';
  if (text.startsWith('"')) {
    // Quoted (get_param_word): `\` escapes only `\` and `"`, any other backslash is kept (`"C:\new"`); with no closing
    // quote the value is read as unquoted, its `"` included.
    let quoted = '';
    for (let i = 1; i < text.length; i++) {
      if (text[i] === '\\' && (text[i + 1] === '\\' || text[i + 1] === '"')) {
        quoted += text[++i];
        continue;
      }
      if (text[i] === '"') {
        main = quoted;
        rest = text.slice(i + 1);
        break;
      }
      quoted += text[i];
    }
  }
  if (main === undefined) {
    const semicolon = text.indexOf(';');
    main = (semicolon < 0 ? text : text.slice(0, semicolon)).trim();
    rest = semicolon < 0 ? '' : text.slice(semicolon);
  }
  const params = new Map<string, string>();
  const skipped: string[] = [];
  for (const m of rest.matchAll(/;\s*(?:(type|filename|headers|encoder)=("(?:[^"\\]|\\.)*"|[^;]*)|([^;]*))/gi)) {
    if (m[1] !== undefined) params.set(m[1].toLowerCase(), m[2]!.replace(/^"(.*)"$/, '$1'));
    else if (params.has('type')) params.set('type', `${params.get('type')};${m[3]}`);
    else if (m[3]!.trim() !== '') skipped.push(m[3]!.trim());
  }
  return { main, params, skipped };
}

/** curl's own guess of a file's content type from its extension (lib/mime.c). */
function guessContentType(filename: string): string {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    gif: 'image/gif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', svg: 'image/svg+xml', txt: 'text/plain',
    htm: 'text/html', html: 'text/html', pdf: 'application/pdf', xml: 'application/xml',
  };
  return types[ext] ?? 'application/octet-stream';
}

/** A multipart body copied as text (`content-type: multipart/form-data; boundary=…` and `--data-raw $'------…'`). */
function multipartFromText(text: string, contentType: string): { parts: CurlPart[]; files: string[] } | undefined {
  const m = /^\s*multipart\/form-data\s*;.*\bboundary=("?)([^";]+)\1/i.exec(contentType);
  if (!m) return undefined;
  const delimiter = `--${m[2]}`;
  const chunks = text.split(delimiter);
  if (chunks.length < 3 || !chunks.at(-1)!.startsWith('--')) return undefined;
  const parts: CurlPart[] = [];
  const files: string[] = [];
  for (const chunk of chunks.slice(1, -1)) {
    const body = chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const split = /\r?\n\r?\n/.exec(body);
    if (!split) return undefined;
    const head = body.slice(0, split.index);
    const content = body.slice(split.index + split[0].length);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) return undefined;
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (filename !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? guessContentType(filename);
      files.push(filename);
      parts.push({ kind: 'file', name, filename, contentType: type, path: filename, ...(content !== '' && { bytes: new TextEncoder().encode(content) }) });
    } else parts.push({ kind: 'field', name, value: content });
  }
  return { parts, files };
}

function shortUrl(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}...` : url;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, here rather than through Buffer (no Node modules in the importer). */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]! + (b === undefined ? '=' : BASE64[(n >> 6) & 63]!) + (c === undefined ? '=' : BASE64[n & 63]!);
  }
  return out;
}
