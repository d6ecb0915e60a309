/**
 * Keeps secrets out of everything the toolkit prints or writes: `--dry-run` output, `--log-requests` lines, error
 * messages. Authorization values keep their scheme so a reader still sees how a request was authorized
 * (`Zoho-oauthtoken ****`); other secret-looking headers become `****`. Emitted TypeScript programs mask what they
 * print with the same code (the prelude generator copies this file's declarations into programs: it imports nothing).
 */

export const MASK = '****';

/**
 * Header names whose values are credentials, beyond `Authorization` (matched anywhere in the lower-cased name); not
 * `authority` (Chrome's HTTP/2 pseudo-header, in older "Copy as cURL") nor `author`. A password goes by `pwd`, or
 * by `pass` as a word of the name (`X-Custom-Pass`, `X-Passphrase`), not inside one (`X-Bypass-Cache`, `X-Passthrough`).
 * A key goes by `access-key` or a name ending in `key` as a word (`Ocp-Apim-Subscription-Key`, `X-Functions-Key`,
 * `DD-Application-Key`, `Key`), not Stripe's `Idempotency-Key`, a request's own id.
 */
const SECRET_NAME = /(auth(?!or(?:ity)?(?![a-z]))|token|secret|passw|pwd|(?<![a-z])pass(?:phrase|code)?(?![a-z])|api-?key|apikey|cookie|session|signature|credential|access-?key|(?<!idempotency)(?:^|-)key$)/;

/**
 * The names of fields whose values are credentials (the `source` of a RegExp: an alternation, for other matchers),
 * `-` and `_` alike (`refresh-token`, `api-key`); a password by its short names too (`passwd`, `pwd`, `passphrase`).
 */
export const SECRET_FIELD_NAMES = /(?:access|refresh|id)[-_]token|client[-_]secret|passw(?:or)?d|pwd|passphrase|api[-_]?key|authtoken/.source;

/**
 * Whether a form or multipart field's name says its value is a credential (`client_secret`, `password`, `zapikey`,
 * or one of the {@link REQUEST_SECRET_NAMES}: `token`, `code`, `key`, `secret`, `auth_token`, `private_key`, …).
 */
export function isSecretField(name: string): boolean {
  const decoded = decodedFieldName(name);
  return SECRET_FIELD_NAME.test(decoded) || REQUEST_SECRET_NAME.test(decoded);
}

/**
 * A field's name as a server reads it, its percent-escapes decoded (`access%5Ftoken` is `access_token`), twice at
 * most: a map's key `client%5Fsecret`, sent form-encoded, is `client%255Fsecret`. A credential field whose name is
 * written so is one all the same, and is masked as its decoded name would be.
 */
export function decodedFieldName(name: string): string {
  let out = name;
  for (let round = 0; round < 2 && out.includes('%'); round++) out = out.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

/** A percent-escape in a field's name (`api%5Fkey`): the names without one are the other patterns' (matched as written). */
const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;

/**
 * The text with the value of every field whose percent-encoded name, decoded, is a credential's (`isSecret` of the
 * decoded name; `json`: written `"name": "value"`) replaced by `mask` of it. The fields are those `fieldsIn` finds.
 */
function maskEncodedNameFields(text: string, isSecret: (decoded: string, json: boolean) => boolean, mask: (secret: string) => string): string {
  if (!text.includes('%')) return text;
  let out = '';
  let at = 0;
  for (const { name, start, value, json } of fieldsIn(text)) {
    if (start < at || !PERCENT_ESCAPE.test(name) || !isSecret(decodedFieldName(name), json) || ENV_REFERENCE.test(value) || /^\*+$/.test(value)) continue;
    out += text.slice(at, start) + mask(value);
    at = start + value.length;
  }
  return at === 0 ? text : out + text.slice(at);
}

const SECRET_FIELD_NAME = new RegExp(SECRET_FIELD_NAMES, 'i');

/**
 * Whole names (`-` and `_` alike) of fields that carry a key, a token or a secret: `token`, `key`, `secret`, and
 * their prefixed forms (`auth_token`, `api-key`, `private_key`, `client_secret`, `secret_key`, …). Too common as
 * words to mask in every text: only whole names are matched (`token_count`, `keyword`, `sort_key` are not these).
 */
const CREDENTIAL_WORD_NAMES = '(?:(?:access|refresh|id|auth|bearer|session|api|app|client|consumer|private|secret)[-_]?)?(?:token|key|secret)';

/**
 * Whole names of the JSON fields that carry a credential in any text, answers included (a login's `"token": "…"`, a
 * `"session_token"`, an `"api_key"`, a `"private_key"`): `token`, `secret` and the prefixed forms of the
 * {@link CREDENTIAL_WORD_NAMES}, also as headers name them (`x-auth-token`); and the credential headers of an answer
 * that `invokeurl` with `detailed: true` gives as a map (`"set-cookie"`, `"authorization"`, a vendor's
 * `"x-amz-security-token"` or `"x-goog-api-key"`). Not a bare `key`
 * (`"key": "Lead_Status"` is data as often), not `code` (every Zoho record outcome's `"code":"SUCCESS"`), not
 * `token_count` or `sort_key`.
 */
const ANSWER_SECRET_NAMES =
  'x-[a-z0-9-]*-(?:token|secret|api-?key)|(?:x-)?(?:(?:access|refresh|id|auth|bearer|session|api|app|client|consumer|private|secret)[-_]?(?:token|key|secret)|token|secret)|(?:proxy-)?authorization|(?:set-)?cookie';

/** Whether a map's key is one of the {@link ANSWER_SECRET_NAMES}: its text value is a credential. */
export function isAnswerSecretName(name: string): boolean {
  return ANSWER_SECRET_NAME.test(decodedFieldName(name));
}

const ANSWER_SECRET_NAME = new RegExp(`^(?:${ANSWER_SECRET_NAMES})$`, 'i');

/** Such a JSON field with its text value (escaped quotes and all). */
const ANSWER_SECRET_FIELD = new RegExp(`("(?:${ANSWER_SECRET_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(?=")`, 'gi');

/**
 * Any prefixed token or secret (`oauth_token`, `github_token`, `x-api-token`, `webhook_secret`), a passcode, and the
 * keys named as credentials (`license_key`, `signing_key`): a `sort_key` or a `cache_key` is data.
 */
const PREFIXED_SECRET_NAMES = '[\\w-]*[-_](?:token|secret|passcode)|passcode|(?:[\\w-]*[-_])?(?:licen[cs]e|signing|encryption|master|access|secret)[-_]?key';

/** Names a grant code goes by wherever it is sent (`grant_code`, `auth_code`, `authorization_code`). */
const GRANT_CODE_NAMES = '(?:auth(?:orization)?|grant)[-_]?code';

/**
 * Whole names under which a request carries credentials: the {@link CREDENTIAL_WORD_NAMES}, the grant codes, and
 * any `code` — Zoho's revoke endpoint takes the refresh token as `token=`, the token endpoint the grant `code=`;
 * other services take a `key=`, a `secret=`, an `auth_token`, a `private_key`. Masked where the script writes them
 * — a request's URL and body as listed ({@link redactRequestText}) — not in answers, where `"code":"SUCCESS"` is a
 * record's status. A `code` that is no credential (`?code=US`) is masked too: the safe side, which costs nothing in
 * what is only listed. The emitters, which would make a user set a variable for it, take a bare `code` only where
 * it is one ({@link isCredentialField}).
 */
const REQUEST_SECRET_NAMES = `${CREDENTIAL_WORD_NAMES}|${GRANT_CODE_NAMES}|code|${PREFIXED_SECRET_NAMES}`;

/** Pagination cursors (`page_token`, `next_page_token`, `sync_token`): named tokens, but data. */
const CURSOR_NAMES = '(?:[\\w-]*[-_])?(?:page|next|sync|continuation|pagination)[-_]?token';

const REQUEST_SECRET_NAME = new RegExp(`^(?!${CURSOR_NAMES}$)(?:${REQUEST_SECRET_NAMES})$`, 'i');

/** Such a field in a URL's query (or fragment) or a form body (`token=…`), or a JSON body's (`"code": "…"`). */
const REQUEST_SECRET_FIELD = new RegExp(
  `(?<![^?&#;\\s])(?!${CURSOR_NAMES}=)((?:${REQUEST_SECRET_NAMES})=)([^&#\\s]+)|(?!"${CURSOR_NAMES}")("(?:${REQUEST_SECRET_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(?=")`,
  'gi',
);

/**
 * A request's URL or body as listed (`--dry-run`, `--json`, the audit log): what {@link redactText} masks, and the
 * value of every field named as a credential of a request ({@link REQUEST_SECRET_NAMES}). The request sent, and the
 * answer the script gets, are not changed: this is only what is printed.
 */
export function redactRequestText(text: string): string {
  const masked = redactText(text).replace(REQUEST_SECRET_FIELD, (_all, field: string | undefined, _value, key: string | undefined) => `${field ?? key}${MASK}`);
  return maskEncodedNameFields(masked, (decoded) => REQUEST_SECRET_NAME.test(decoded), () => MASK);
}

/**
 * Names of the URL and body fields whose values the emitters (`--to curl`, `--to typescript`) read from variables
 * instead of copying them: the {@link SECRET_FIELD_NAMES} (prefixed forms too: `x-api-key`, `user_password`), a Zoho function's
 * `zapikey`, the {@link CREDENTIAL_WORD_NAMES} (a bare `key` too: `?key=AIza…` is an API key) and the grant codes.
 * A bare `code` only in a grant request ({@link isGrantRequest}): `?code=US` is data, and a user should not have to
 * set a variable to `US` to run what was emitted.
 */
const EMITTED_OLD_NAME = new RegExp(`(?:^|[-_])(?:${SECRET_FIELD_NAMES}|zapikey)$`, 'i');
const EMITTED_WORD_NAME = new RegExp(`^(?:${CREDENTIAL_WORD_NAMES}|${GRANT_CODE_NAMES})$`, 'i');

/** Whether the emitters read a URL or body field of this name from a variable; `grant`: the request is a grant's. */
export function isCredentialField(name: string, grant = false): boolean {
  const decoded = decodedFieldName(name);
  return (
    EMITTED_OLD_NAME.test(decoded) ||
    EMITTED_WORD_NAME.test(decoded) ||
    (EMITTED_SUFFIX_NAME.test(decoded) && !CURSOR_NAME.test(decoded)) ||
    (grant && /^code$/i.test(decoded))
  );
}

/**
 * Any other prefixed token or secret (`oauth_token`, `github_token`, `x-api-token`, `webhook_secret`,
 * `signing_secret`), a passcode, and the keys that are credentials by name (`license_key`, `signing_key`): read
 * from a variable too. A `sort_key` or a `cache_key` is data, so a bare `_key` is not enough.
 */
const EMITTED_SUFFIX_NAME = new RegExp(`^(?:${PREFIXED_SECRET_NAMES})$`, 'i');
/** Pagination cursors, which are named tokens but are data: `page_token`, `next_page_token`, `sync_token`. */
const CURSOR_NAME = new RegExp(`^${CURSOR_NAMES}$`, 'i');

/**
 * Whether a request exchanges a grant code (its bare `code` field is then a credential): one to an OAuth token
 * endpoint — a path ending in `/oauth/v2/token`, Zoho's on every accounts host (and a sandbox's) — or one whose URL or
 * body says `grant_type=authorization_code`.
 */
export function isGrantRequest(...texts: readonly string[]): boolean {
  // (A case-insensitive pattern is searched for slowly: each is run only over a text with characters it must have. A
  // DELETE's URL of ids has neither.)
  return texts.some((t) => ((t.includes('/v2/') || t.includes('/V2/')) && /\/oauth\/v2\/token(?:[?#"\s]|$)/i.test(t)) || (t.includes('_') && /grant_type(?:=|"\s*:\s*")authorization_code\b/i.test(t)));
}

/**
 * A field with its value is found by its separator: `=` in a URL's query or a form's text (`name=value`), this at a
 * quote in a JSON text (`"name": "value"`). The next is looked for from the value's start, so that a field inside
 * another's value (`"next": "/x?token=…"`) is found too.
 */
const JSON_SEPARATOR = /"\s*:\s*"/y;
/** A field's value after its separator (read from there: `lastIndex`), in a form or URL, and in JSON. */
const FORM_VALUE = /[^"&#\s]+/y;
const JSON_VALUE = /(?:[^"\\]|\\.)+(?=")/y;
/** A character of a field's name: `[\w%-]`. */
const isNameCharacter = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 37 || code === 45;

/**
 * Each field of a text (`name=value`, `"name": "value"`) whose name `wanted` takes (default: every one): its name,
 * where its value starts, the value, and whether it is JSON. Found from its separator, the name read backwards from
 * there: a regex looking for names at every position took 30 µs on a request's 2 KB list of ids, each request. A value
 * is read only for a name wanted (reading the 2 KB `ids=` value of every DELETE was most of the search's cost).
 */
function* fieldsIn(text: string, wanted?: (name: string) => boolean): Generator<{ name: string; start: number; value: string; json: boolean }> {
  // The separators are found with `indexOf`, one search per character, which scans a DELETE's 2 KB URL of ids
  // several times faster than a regex of the two alternatives did (2.8 µs a request).
  let equals = text.indexOf('=');
  let quote = text.indexOf('"');
  while (equals >= 0 || quote >= 0) {
    let at: number;
    let end: number;
    if (quote >= 0 && (equals < 0 || quote < equals)) {
      JSON_SEPARATOR.lastIndex = quote;
      const m = JSON_SEPARATOR.exec(text);
      if (m === null) {
        quote = text.indexOf('"', quote + 1);
        continue;
      }
      at = quote;
      end = quote + m[0].length;
    } else {
      at = equals;
      end = equals + 1;
    }
    // The next separator starts after this one, as a global regex's next match would.
    if (equals >= 0 && equals < end) equals = text.indexOf('=', end);
    if (quote >= 0 && quote < end) quote = text.indexOf('"', end);
    let from = at;
    while (from > 0 && isNameCharacter(text.charCodeAt(from - 1))) from--;
    if (from === at) continue;
    const name = text.slice(from, at);
    if (wanted !== undefined && !wanted(name)) continue;
    const json = end - at > 1;
    const pattern = json ? JSON_VALUE : FORM_VALUE;
    pattern.lastIndex = end;
    const value = pattern.exec(text)?.[0];
    if (value !== undefined) yield { name, start: end, value, json };
  }
}

/**
 * Each match of a global pattern, as `matchAll` gives them, without the copy of the pattern `matchAll` makes at each
 * call (which cost as much as the search on a DELETE's 2 KB URL). Its position is set before each search, so that
 * two searches with one pattern can go on side by side. The patterns it is used with match at least one character.
 */
function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  for (let from = 0; ; ) {
    pattern.lastIndex = from;
    const m = pattern.exec(text);
    if (m === null) return;
    from = m.index + m[0].length;
    yield m;
  }
}

/** One credential field's value found in a text: `text.slice(start, end)` is the value. */
export interface CredentialFieldSpan {
  /** The field's name, percent-escapes decoded ({@link decodedFieldName}). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Written `"name": "value"` (JSON) rather than `name=value`. */
  readonly json: boolean;
  /** Known by its form rather than its field's name (`?t=1000.…`): a Zoho OAuth token or another service's key. */
  readonly recognised?: 'Zoho OAuth token' | 'service key' | 'webhook key';
}

/**
 * The values of the credential fields ({@link isCredentialField}) in a URL or a body's text (form-encoded or JSON),
 * those worth hiding ({@link isCredentialValue}); `grant`: the request is a grant's (default: whether the text says
 * so). A Zoho token or another service's key is one under any name (`?t=1000.…`, `note=sk_live_…`), as `token` or
 * `key`.
 */
export function credentialFieldsIn(text: string, grant = isGrantRequest(text)): CredentialFieldSpan[] {
  const out: CredentialFieldSpan[] = [];
  for (const { name, start, value, json } of fieldsIn(text, (name) => isCredentialField(name, grant))) {
    if (!isCredentialValue(value)) continue;
    out.push({ name: decodedFieldName(name), start, end: start + value.length, json });
  }
  // A URL's userinfo password (`https://bob:…@host`) is one too, under the name curl's `-u user:password` gives it.
  // (The patterns below are only run over a text that has what they must match: a DELETE's URL of 100 ids is 2 KB,
  // scanned at every request.)
  if (text.includes('@')) for (const m of matchesOf(URL_PASSWORD, text)) {
    const start = m.index + m[1]!.length;
    if (isCredentialValue(m[2]!)) out.push({ name: 'password', start, end: start + m[2]!.length, json: false });
  }
  const fields = [...out];
  for (const [pattern, name, recognised, mayHold] of [
    [ZOHO_TOKEN, 'token', 'Zoho OAuth token', mayHoldZohoToken],
    [KNOWN_SECRET_KEY, 'key', 'service key', mayHoldServiceKey],
    [WEBHOOK_SECRET, 'webhook_key', 'webhook key', mayHoldWebhookSecret],
  ] as const) {
    if (!mayHold(text)) continue;
    for (const m of matchesOf(pattern, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!fields.some((f) => f.start <= start && end <= f.end)) out.push({ name, start, end, json: false, recognised });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A field value worth hiding: not a short one, not a placeholder as Zoho's pages write them (`<client_secret>`,
 * `{…}`, `xxxx`), and not already a shell variable (`$SECRET`, `%SECRET%`).
 */
export function isCredentialValue(value: string): boolean {
  return value.length >= 4 && !/^[<{$%]/.test(value) && !/^x+$/i.test(value);
}

/**
 * Fields of token responses and query strings that carry credentials (`"access_token":"…"`, `client_secret=…`, a
 * Zoho function's `zapikey=…` — matched by its `apikey` — or the old API's `authtoken=…`).
 */
export const SECRET_FIELD = new RegExp(`(${SECRET_FIELD_NAMES})("\\s*:\\s*"|=)([^"&\\s]+)`, 'gi');

/** An authorization scheme followed by a word, wherever it appears in a text; see {@link looksLikeCredential}. */
export const SCHEME_VALUE = /\b(Zoho-oauthtoken|Zoho-enczapikey|Zoho-zapikey|Bearer|Basic)(\s+)([^\s",;]+)/gi;

/**
 * A URL's userinfo password (`https://user:password@host`): the user name is kept, the password masked. What follows
 * the scheme up to the `@` holds no `/`, `?` or `#`, so an `@` in a path or a query (`?to=ana@zylker.com`) is none.
 */
export const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"']*:)([^\s/?#@"']+)(?=@)/gi;

/** Zoho's token shape (`1000.<hex>.<hex>`), which also appears without a scheme (refresh tokens in bodies). */
export const ZOHO_TOKEN = /\b1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}\b/gi;

/**
 * Whether a text may hold a {@link ZOHO_TOKEN}: every one starts `1000.`. Looked for from its dots, which are few in a
 * URL (searching for `1000.` itself stops at every `1` of a URL of ids).
 */
function mayHoldZohoToken(text: string): boolean {
  for (let dot = text.indexOf('.', 4); dot >= 0; dot = text.indexOf('.', dot + 1)) if (text.startsWith('1000', dot - 4)) return true;
  return false;
}

/**
 * Other services' secret keys, known by their prefix wherever they appear (as secret scanners know them): Stripe
 * secret and restricted keys, GitHub tokens, Slack tokens, AWS access key ids, Google API keys. A script that keeps
 * one in a variable named `key` shows it in no frame.
 */
export const KNOWN_SECRET_KEY = /\b(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}|gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{30,}|xox[abposr]-\d+-[0-9A-Za-z-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35})\b/g;

/**
 * The secret part of the webhook URLs that are credentials in their own right (whoever has one can post to the
 * channel): Slack's `hooks.slack.com/services/T…/B…/<secret>`, Discord's `discord.com/api/webhooks/<id>/<token>`,
 * Telegram's `api.telegram.org/bot<token>/…`, Microsoft Teams' `….webhook.office.com/webhookb2/…/IncomingWebhook/<key>/…`
 * and Zapier's `hooks.zapier.com/hooks/catch/<id>/<key>/`. The rest of the URL stays readable.
 */
export const WEBHOOK_SECRET =
  /(?<=hooks\.slack\.com\/(?:services|workflows|triggers)\/[^\s/"'?#]+\/[^\s/"'?#]+\/)[A-Za-z0-9]{16,}|(?<=discord(?:app)?\.com\/api\/webhooks\/\d+\/)[A-Za-z0-9_-]{20,}|(?<=api\.telegram\.org\/(?:file\/)?bot)\d+:[A-Za-z0-9_-]{30,}|(?<=\.webhook\.office\.com\/webhookb2\/[^\s/"'?#]+\/IncomingWebhook\/)[0-9a-f]{32}|(?<=hooks\.zapier\.com\/hooks\/catch\/\d+\/)[A-Za-z0-9]{5,}/g;

/** Whether a text may hold a {@link WEBHOOK_SECRET}: the hosts' names, looked for before the pattern runs. */
const mayHoldWebhookSecret = (text: string) => text.includes('hooks.') || text.includes('telegram.org') || text.includes('webhook') || text.includes('discord');

/**
 * Whether a text may hold a {@link KNOWN_SECRET_KEY}: every one has `_` or `-`, or starts `AKIA` or `AIza`. (Four
 * `indexOf` cost a tenth of the pattern's search of a 2 KB URL of ids, which has none of them.)
 */
const mayHoldServiceKey = (text: string) => text.includes('_') || text.includes('-') || text.includes('AKIA') || text.includes('AIza');

/** Whether a text holds another service's key by its form ({@link KNOWN_SECRET_KEY}), under whatever name it is sent. */
export function holdsServiceKey(text: string): boolean {
  return mayHoldServiceKey(text) && new RegExp(KNOWN_SECRET_KEY.source).test(text);
}

/** Secrets shorter than this are not searched for in texts: masking every `a` of a text would destroy it. */
const MIN_SECRET_LENGTH = 4;

export function isSecretHeader(name: string, extraNames: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  // `_` as `-`: `api_key`, `X_API_KEY` (servers behind proxies that pass underscores take such names) are `api-key`.
  return lower === 'authorization' || lower === 'proxy-authorization' || SECRET_NAME.test(lower.replaceAll('_', '-')) || extraNames.some((n) => n.toLowerCase() === lower);
}

/** A header value's credential: the part after an authorization scheme (`Bearer sk_…`), else the whole value. */
export function headerCredential(value: string): string {
  return /^\s*[A-Za-z][\w.+-]*\s+(\S+)\s*$/.exec(value)?.[1] ?? value;
}

/** `Zoho-oauthtoken 1000.abc…` → `Zoho-oauthtoken ****`; a value without a scheme → `****`. */
export function redactAuthorization(value: string): string {
  const scheme = /^\s*([A-Za-z][\w.+-]*)\s+\S/.exec(value)?.[1];
  return scheme ? `${scheme} ${MASK}` : MASK;
}

/** The headers (src/http/request.ts's `Header`s) with every credential masked; names, order and other values unchanged. */
export function redactHeaders(headers: readonly (readonly [name: string, value: string])[], extraSecretNames: readonly string[] = []): (readonly [name: string, value: string])[] {
  return headers.map(([name, value]): readonly [name: string, value: string] => {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') return [name, redactAuthorization(value)];
    return isSecretHeader(name, extraSecretNames) ? [name, MASK] : [name, value];
  });
}

/**
 * A text (an error message, a response body for the audit log) with every known secret masked, and with what looks
 * like a credential masked even when it was not known: an authorization scheme's value, a Zoho token, a
 * `"access_token": "…"` or `client_secret=…` field, a JSON `"token"`, `"secret"`, `"session_token"`, `"api_key"`, …
 * ({@link ANSWER_SECRET_NAMES}).
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  if (secrets.length > 0 || text.length > REDACTED_MEMO_MAX_LENGTH) return redactedNow(text, secrets);
  // A run prints the same short texts again and again (a bulk answer's "record deleted", once per answer): each is
  // masked once, until a secret is learned (the seven patterns cost about 1 µs even on 14 characters).
  const known = redactedMemo.get(text);
  if (known !== undefined) return known;
  if (redactedMemo.size >= REDACTED_MEMO_LIMIT) redactedMemo.clear();
  const out = redactedNow(text, secrets);
  // Kept as a copy of its own: the text read may be a view into a whole response, which the memo would keep alive.
  const own = [...text].join('');
  redactedMemo.set(own, out === text ? own : out);
  return out;
}

/** Short texts already masked with the secrets known now (emptied when one is learned). */
const redactedMemo = new Map<string, string>();
const REDACTED_MEMO_LIMIT = 256;
const REDACTED_MEMO_MAX_LENGTH = 200;

function redactedNow(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so that a secret containing another is masked whole.
  const known = secrets.length === 0 ? rememberedLongestFirst() : [...new Set([...secrets.flatMap(writtenForms), ...REMEMBERED])].sort((a, b) => b.length - a.length);
  for (const secret of known) if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(MASK);
  return maskLikelyCredentials(out, () => MASK);
}

/** A URL with a query or fragment, written in a text (`info url`, an answer's `next_link`). */
const URL_WITH_QUERY = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>?#]*[?#][^\s"'<>]*/gi;
/** A request's credential field in such a URL (`?key=…`, `&token=…`, `&code=…`: {@link REQUEST_SECRET_NAMES}). */
const URL_CREDENTIAL_FIELD = new RegExp(`(?<=[?&#;])((?:${REQUEST_SECRET_NAMES})=)([^&#\\s"'<>]+)`, 'gi');

/**
 * A text of the script's own as a run prints it (an `info` line, a text of its result or of a mail): what
 * {@link redactText} masks, and the credential fields of the URLs in it as a request's URL is listed
 * ({@link redactRequestText}). An `info` of the URL a script is about to send then shows what the request's listing
 * shows, before the request has made its values known secrets, and its `code=` after. (Not in {@link redactText}:
 * the emitters ask it what in a literal is a credential, and `?code=US` is data there.)
 */
export function redactShownText(text: string): string {
  return maskUrlCredentialFields(redactText(text));
}

/** The credential fields of the URLs in a text masked ({@link redactShownText}). */
function maskUrlCredentialFields(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_WITH_QUERY, (url) => url.replace(URL_CREDENTIAL_FIELD, (_all, field: string) => `${field}${MASK}`));
}

/**
 * Every secret value this process has resolved or received (a connection's token, header value, password, client
 * secret or refresh token; an access token a token request returned), in each form a text may carry it: the way
 * GitHub Actions masks what `add-mask` registered. A server that echoes the credential it was sent (`"Invalid API key
 * provided: sk_live_…"`) has it masked in every message, report and log line that goes through {@link redactText}.
 */
const REMEMBERED = new Set<string>();

/** REMEMBERED sorted longest first, kept until a secret is added (every printed line of a run is masked with it). */
let rememberedSorted: readonly string[] | undefined;

function rememberedLongestFirst(): readonly string[] {
  return (rememberedSorted ??= [...REMEMBERED].sort((a, b) => b.length - a.length));
}

/**
 * Whether a field of an answer holds a credential by its name: one of {@link SECRET_FIELD_NAMES} (`access_token`,
 * `client_secret`, `password`, `api_key`, …) or of {@link ANSWER_SECRET_NAMES} (`token`, `session_token`, `api_secret`, …).
 */
export function isCredentialFieldName(name: string): boolean {
  const decoded = decodedFieldName(name);
  return SECRET_FIELD_NAME.test(decoded) || ANSWER_SECRET_NAME.test(decoded);
}

/** Registers a secret (and its encoded forms) to be masked wherever the toolkit prints text. */
export function rememberSecret(secret: string | undefined): void {
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH || REMEMBERED.has(secret)) return;
  for (const form of writtenForms(secret)) REMEMBERED.add(form);
  rememberedSorted = undefined;
  redactedMemo.clear();
  // A Basic credential (`Basic YWRtaW46…`) is written in the script as its `user:password` before it is encoded.
  const pair = basicPair(secret);
  if (pair !== undefined) {
    rememberSecret(pair);
    const password = pair.slice(pair.indexOf(':') + 1);
    if (password.length >= MIN_REMEMBERED_FIELD) rememberSecret(password);
  }
}

/** The `user:password` a Basic credential encodes (base64 of printable text with a colon); undefined for anything else. */
function basicPair(secret: string): string | undefined {
  if (secret.length < 8 || secret.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return undefined;
  let decoded: string;
  try {
    decoded = atob(secret);
  } catch {
    return undefined;
  }
  return /^[\x20-\x7e]+$/.test(decoded) && decoded.includes(':') ? decoded : undefined;
}

/** Field values shorter than this are not remembered: a demo password (`demo1`) would be masked in every line. */
const MIN_REMEMBERED_FIELD = 8;

/**
 * A request's body as deluge run and emitted programs hold it (src/http/request.ts's `HttpBody`): a form's fields, a
 * text sent as is, multipart parts (a file part has no `value`).
 */
export type SentBody =
  | { readonly kind: 'form'; readonly fields: readonly (readonly [name: string, value: string])[] }
  | { readonly kind: 'raw'; readonly text: string }
  | { readonly kind: 'multipart'; readonly parts: readonly { readonly name: string; readonly value?: unknown }[] };

/**
 * Registers the credentials a request sends ({@link rememberSecret}): a secret header's, and the value of a credential
 * field of its URL or body (`api_key=…`, `"client_secret": "…"`, a form's `password`). A server that echoes one back
 * (`"Invalid API key: …"`, the body it got as a text inside its JSON answer, `\"client_secret\":\"…\"`, which no field
 * pattern reads) has it masked wherever the toolkit prints it.
 */
export function rememberRequestSecrets(request: { readonly url: string; readonly headers: readonly (readonly [name: string, value: string])[]; readonly body?: SentBody }): void {
  for (const [name, value] of request.headers) if (isSecretHeader(name)) rememberSecret(headerCredential(value));
  const field = (value: string) => {
    if (value.length < MIN_REMEMBERED_FIELD) return;
    rememberSecret(value);
    // As written in a URL or a form (`a%2Bb`, `a+b`): the server echoes it decoded.
    try {
      rememberSecret(decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      // Not percent-encoded text: remembered as written only.
    }
  };
  const body = request.body;
  const texts = [request.url, ...(body?.kind === 'raw' ? [body.text] : [])];
  for (const text of texts) for (const f of credentialFieldsIn(text)) field(text.slice(f.start, f.end));
  const named = body?.kind === 'form' ? body.fields : body?.kind === 'multipart' ? body.parts.flatMap((p) => (typeof p.value === 'string' ? [[p.name, p.value] as const] : [])) : [];
  for (const [name, value] of named) if (isSecretField(name)) field(value);
}

/** A secret as texts may carry it: as is, URL- and form-encoded (a token request's echoed body), JSON-escaped. */
function writtenForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
}

/**
 * The text with what looks like a credential (an authorization scheme's value, a Zoho token, a credential field's
 * value) replaced by `*` character for character, so that a code frame's carets and columns stay right: a script
 * that writes a token shows it in no diagnostic's frame (a CI log is read by more people than the script).
 */
export function maskCredentialsKeepingColumns(text: string): string {
  return maskJoinedLiterals(maskWrittenCredentials(text));
}

/** Text literals of Deluge source joined with `+` (`"sk_live_" + "…"`), none with an escape. */
const JOINED_LITERALS = /"[^"\\\n]*"(?:[ \t]*\+[ \t]*"[^"\\\n]*")+/g;

/**
 * The text with a credential split across text literals joined with `+` (`"sk_live_" + "…"`, `"1000.abc" + "…"`,
 * `"…?api_" + "key=…"`) masked in each literal where their joined text is masked: split, it is a credential all the
 * same, and each piece shown gives part of it away.
 */
function maskJoinedLiterals(text: string): string {
  return text.replace(JOINED_LITERALS, (chain) => {
    const literals = [...chain.matchAll(/"([^"]*)"/g)];
    const joined = literals.map((l) => l[1]!).join('');
    const masked = maskWrittenCredentials(joined);
    if (masked === joined) return chain;
    const out = chain.split('');
    let at = 0;
    for (const l of literals) for (let i = 0; i < l[1]!.length; i++, at++) if (masked[at] !== joined[at]) out[l.index + 1 + i] = masked[at]!;
    return out.join('');
  });
}

/** {@link maskCredentialsKeepingColumns} of each credential written whole. */
function maskWrittenCredentials(text: string): string {
  const stars = (secret: string) => '*'.repeat(secret.length);
  // Deluge source writes credentials as text values too: `headers.put("X-Api-Key", "…")`, `{"X-Zoho-Token": "…"}`,
  // `apiKey = "…"`. Those values are masked when they look like one: no spaces (not `"Zoho-oauthtoken "`), no URL;
  // a password or secret however plain.
  const credential = (name: string, value: string) =>
    !/\s|:\/\//.test(value) && !ENV_REFERENCE.test(value) && (looksLikeCredential(value) || (/passw|secret/i.test(name) && value.length >= MIN_SECRET_LENGTH));
  // Secrets known to be ones (a connection's, or a credential an emitter found written in the script) first.
  for (const secret of rememberedLongestFirst()) if (text.includes(secret)) text = text.split(secret).join(stars(secret));
  const masked = maskLikelyCredentials(text, stars)
    .replace(SCHEME_JOINED, (all, scheme: string, join: string, word: string) => (looksLikeCredential(word) ? `${scheme}${join}${stars(word)}` : all))
    .replace(CREDENTIAL_KEY_TEXT, (all, key: string, value: string) => (credential(key, value) ? `${key}${stars(value)}"` : all))
    .replace(ESCAPED_KEY_TEXT, (all, key: string, value: string) => (credential(key, value) ? `${key}${stars(value)}\\"` : all))
    .replace(ENCODED_KEY_TEXT, (all, key: string, name: string, value: string) => (CREDENTIAL_KEY_NAME.test(decodedFieldName(name)) && credential(decodedFieldName(name), value) ? `${key}${stars(value)}"` : all))
    .replace(CREDENTIAL_VARIABLE_TEXT, (all, name: string, value: string) => (credential(name, value) ? `${name}${stars(value)}"` : all))
    .replace(BASIC_PAIR_TEXT, (all, head: string, password: string) => (password.length >= MIN_SECRET_LENGTH && !ENV_REFERENCE.test(password) ? `${head}${stars(password)}"` : all));
  // A URL's or a form's credential field (`?token=…`, `key=…`, a grant's `code=…`), as the emitters find them; a
  // map's `"key": "Lead_Status"` is left to the rules above (a bare `key` of a map is as often data).
  let out = '';
  let at = 0;
  for (const f of credentialFieldsIn(masked)) {
    if (f.json || f.start < at) continue;
    out += masked.slice(at, f.start) + stars(masked.slice(f.start, f.end));
    at = f.end;
  }
  return out + masked.slice(at);
}

/** A credential joined onto its scheme in Deluge source: `"Basic " + "dXNlcjpwYXNz"`, `"Bearer "+"sk-…"`. */
const SCHEME_JOINED = /\b(Zoho-oauthtoken|Zoho-enczapikey|Zoho-zapikey|Bearer|Basic)(\s*"\s*\+\s*")([^\s"]+)(?=")/gi;

/** The words that make a map key or `put` key a credential's name (as part of it: `X-Api-Token`, `client_secret`). */
const CREDENTIAL_KEY_WORDS = 'auth|token|secret|passw|api-?key|apikey|credential|signature|cookie';

/** A text keyed by a credential's name in Deluge source: `"client_secret", "…"` (put) or `"X-Api-Token": "…"` (map). */
const CREDENTIAL_KEY_TEXT = new RegExp(`("[\\w-]*(?:${CREDENTIAL_KEY_WORDS})[\\w-]*"\\s*[,:]\\s*")([^"]+)"`, 'gi');

/**
 * The same in JSON written inside a text literal, its quotes escaped: `"{\"client_secret\": \"…\"}"` (a body built
 * as text). The value is taken up to its first backslash or quote.
 */
const ESCAPED_KEY_TEXT = new RegExp(`(\\\\"[\\w-]*(?:${CREDENTIAL_KEY_WORDS})[\\w-]*\\\\"\\s*:\\s*\\\\")([^"\\\\]+)\\\\"`, 'gi');

/** The names {@link CREDENTIAL_KEY_TEXT} takes for a credential's. */
const CREDENTIAL_KEY_NAME = new RegExp(CREDENTIAL_KEY_WORDS, 'i');

/** A text keyed by a percent-encoded name in Deluge source (`"client%5Fsecret", "…"`), masked as its decoded name. */
const ENCODED_KEY_TEXT = /("((?:[\w-]|%[0-9a-f]{2})*%[0-9a-f]{2}(?:[\w-]|%[0-9a-f]{2})*)"\s*[,:]\s*")([^"]+)"/gi;

/**
 * The `user:password` text a script encodes for a Basic header (`zoho.encryption.base64Encode("admin:…")`): the
 * password part is masked in frames.
 */
const BASIC_PAIR_TEXT = /(\bbase64Encode\s*\(\s*"[^"\\\n:]*:)([^"\\\n]+)"/gi;

/** A credential-named variable given a text in Deluge source: `apiKey = "…"`, `client_secret = "…"`. */
const CREDENTIAL_VARIABLE_TEXT = /(\b\w*(?:token|secret|passw|api_?key|apikey|credential)\w*\s*=\s*")([^"]+)"/gi;

/**
 * A `${NAME}` reference is where a credential comes from, not one: a connections file's, or the advice of a message
 * that says to write one (`"password": "${BILLING_PASSWORD}"`).
 */
const ENV_REFERENCE = /^\$\{\w+\}$/;

/** What looks like a credential in a text, each replaced by `mask` of it: the patterns both maskings share. */
function maskLikelyCredentials(text: string, mask: (secret: string) => string): string {
  // (The webhook pattern starts with look-behinds, tried at every position: only run where one of its hosts is named.)
  const masked = (mayHoldWebhookSecret(text) ? text.replace(WEBHOOK_SECRET, mask) : text)
    .replace(SCHEME_VALUE, (all, scheme: string, space: string, word: string) => (looksLikeCredential(word) ? `${scheme}${space}${mask(word)}` : all))
    .replace(URL_PASSWORD, (_all, head: string, password: string) => `${head}${mask(password)}`)
    .replace(ZOHO_TOKEN, mask)
    .replace(KNOWN_SECRET_KEY, mask)
    .replace(SECRET_FIELD, (all, field: string, separator: string, value: string) => (ENV_REFERENCE.test(value) ? all : `${field}${separator}${mask(value)}`))
    .replace(ANSWER_SECRET_FIELD, (_all, field: string, value: string) => {
      // An authorization value keeps its scheme (`"authorization": "Bearer ****"`), as a header's does.
      // A scheme alone (`"Authorization": "Zoho-oauthtoken " + token`) is no credential: the token is joined on after.
      const [, scheme = '', credential = value] = /^((?:Zoho-oauthtoken|Zoho-enczapikey|Zoho-zapikey|Bearer|Basic)(?:\s+|$))(.*)$/i.exec(value) ?? [];
      return `${field}${scheme}${credential === '' || credential === MASK || /^\*+$/.test(credential) || ENV_REFERENCE.test(credential) ? credential : mask(credential)}`;
    });
  return maskEncodedNameFields(masked, (decoded, json) => SECRET_FIELD_NAME.test(decoded) || (json && ANSWER_SECRET_NAME.test(decoded)), mask);
}

/**
 * Whether the word after `Bearer`/`Basic` is a credential rather than prose ("Basic information"): tokens and
 * Base64 have digits, symbols or mixed case and are not short.
 */
export function looksLikeCredential(word: string): boolean {
  if (word === MASK || word.length < 8) return false;
  const rest = word.slice(1);
  return /[0-9._~+/=-]/.test(word) || (/[a-z]/.test(rest) && /[A-Z]/.test(rest));
}

/** `1000.****EX0Q`: enough to tell clients apart, not enough to use one. */
export function maskClientId(clientId: string): string {
  if (clientId.length <= 8) return MASK;
  const dot = clientId.indexOf('.');
  const prefix = dot > 0 && dot <= 5 ? clientId.slice(0, dot + 1) : '';
  return `${prefix}${MASK}${clientId.slice(-4)}`;
}
