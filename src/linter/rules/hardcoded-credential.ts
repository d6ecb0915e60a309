import type { Span } from '../../source/span.js';
import type { Expr, StringLiteral } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { argument, literalText, spanInLiteral, unwrap } from './_http-helpers.js';

/** A literal that is an Authorization value: a scheme and one word after it (so prose such as "Basic plan-level …" is not one). */
const SCHEME_VALUE = /^\s*(?:Authorization:\s*)?(Zoho-oauthtoken|Zoho-enczapikey|Zoho-zapikey|Bearer|Basic)\s+([^\s",;]+)\s*$/i;
/** Zoho's token shape: `1000.<hex>.<hex>` (access and refresh tokens). */
const ZOHO_TOKEN = /\b1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}\b/i;
/** A credential field with a value in a URL or form text. */
const QUERY_SECRET = /[?&](authtoken|access_token|refresh_token|client_secret|zapikey|api[_-]?key|apikey|password)=([^&#\s]+)/i;
const STARTS_LIKE_SCHEME = /^\s*[abz]/i;
/** A URL's user name and password (`https://bob:Pa55word@host/`): the password. */
const USERINFO_PASSWORD = /^\s*[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/i;

/**
 * What a text needs for one of the three shapes below to match — `=`, `1000.`, or a scheme's first letter
 * (`Authorization`, `Zoho-oauthtoken`, `Bearer`, `Basic`) first — tested first, so that most texts are passed over
 * at once.
 */
function mayHoldCredential(text: string): boolean {
  if (text.includes('=') || text.includes('1000.')) return true;
  const first = text.charCodeAt(0) | 0x20;
  // A letter other than a, b and z first: no scheme. (Spaces and other characters first: the regular expression decides.)
  if (first >= 0x61 && first <= 0x7a) return first === 0x61 || first === 0x62 || first === 0x7a;
  return STARTS_LIKE_SCHEME.test(text);
}
/** Map keys and header names whose values are credentials. */
const SECRET_KEY = /authorization|api[-_ ]?key|apikey|secret|passw|token|credential|^x-auth/i;
/**
 * Variables whose name ends in a secret's word (`apiKey`, `client_secret`, `accessToken`, `password`): a name that
 * only begins with one (`tokenEndpoint`, `passwordResetTemplate`, `secretaryPhone`) holds something else.
 */
const SECRET_VARIABLE = /(api[-_]?key|apikey|secret|passw(or)?d|pwd|token)$/i;
/** Keys that contain such a word but hold no secret (pagination cursors, a token's type or lifetime). */
const NOT_SECRET_KEY = /page[-_ ]?token|next[-_ ]?token|sync[-_ ]?token|token[-_ ]?type|expires|csrf/i;
/** A field's API name (`Client_Secret__c`, `Password_2`): capitalised words or numbers joined by underscores. */
const FIELD_API_NAME = /^[A-Z][a-z0-9]*(_+([A-Z][A-Za-z0-9]*|[0-9]+|c))+$/;
/** Values that are addresses, not secrets (a `token_url`, a `password_reset` link, an e-mail address). */
const URL_OR_ADDRESS = /^[a-z][a-z0-9+.-]*:\/\/|^[^@\s]+@[^@\s]+\.[a-z]+$/i;
/** An ISO date or date-time (`2024-12-31T10:00:00Z`): a token's expiry, not a token. */
const DATE_TIME = /^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;
/** What documentation writes instead of a real value: `<your_token>`, `{{token}}`, `${KEY}`, `$KEY`, `1000.xxxx…` (a `$` inside a password is none). */
const PLACEHOLDER = /x{4,}|[<>{}*]|^\$|\$\{|\byour|here\b|example|dummy|sample|placeholder|changeme|redacted/i;

/**
 * Credentials written into the script. Three shapes are recognised in text literals anywhere: an Authorization
 * value, a scheme and a credential-looking word (`Zoho-oauthtoken 1000.…`, `Bearer eyJ…`), a Zoho token on its own,
 * and a credential field with a value in a URL (`?authtoken=…`, `&zapikey=…`). Besides, a literal value of a
 * secret-named map entry or header (`"X-Api-Key": "…"`, `.put("client_secret", "…")`) when it looks like a key.
 * Placeholders as Zoho's pages write them (`<access_token>`, `1000.xxxx`) are not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'hardcoded-credential',
    code: 'DLG5204',
    category: 'security',
    severity: 'error',
    summary: 'A token, API key or password written into the script.',
    docs: {
      what: 'Reports a text literal holding a credential: `"Zoho-oauthtoken 1000.…"`, `"Bearer …"`, `"Basic …"` or the API keys of ZeptoMail and Campaigns (`"Zoho-enczapikey …"`, `"Zoho-zapikey …"`) with a real-looking value, a Zoho OAuth token, an `authtoken=`, `access_token=`, `zapikey=` or `api_key=` value in a URL, or a literal value given to a secret-named header, map key or variable (`X-Api-Key`, `client_secret`, `password`, `apiKey = "…"`) that looks like a key or password: 8 characters or more, with a digit or a symbol besides letters (`password = "Welcome@123"`), and not a field\'s API name (`secretField = "Client_Secret__c"`); and the password of a Basic credential encoded in the script (`zoho.encryption.base64Encode("apiuser:Pa55w0rd!")`, 6 characters or more); and the password of a URL\'s user name and password (`https://bob:Pa55word@host/`, 4 characters or more).',
      why: 'A script is read by everyone who can edit it, copied into forums and exported with the app; a credential in it can be used by any of them. An OAuth token in a script also stops working within the hour. Zoho\'s connections keep the credential out of the script and refresh it. https://www.zoho.com/deluge/help/connections.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://svc_orders:Tr0ub4dor3x@api.example.com/v1/orders"\n\ttype: GET\n];',
        'headers = Map();\nheaders.put("Authorization", "Zoho-oauthtoken 1000.8cb99d1e2f3a4b5c6d7e8f9a0b1c2d3e.9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e");\nresponse = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\theaders: headers\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/v1/orders"\n\ttype: GET\n\theaders: {"X-Api-Key": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}\n];',
        'response = getUrl("https://www.zohoapis.com/crm/v7/functions/sync/actions/execute?auth_type=apikey&zapikey=1003.5c2e9f0a7b1d4e6f8a3c5b7d9e1f2a4c.6b8d0f2a4c6e8a1b3d5f7a9c1e3b5d7f");',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm_oauth_connection"\n];',
        'headers = Map();\nheaders.put("Authorization", "Bearer " + token);\nheaders.put("X-Api-Key", apiKey);',
        'headers = {"Authorization": "Zoho-oauthtoken <access_token>"};\ninfo "Basic information about the order";',
      ],
    },
  },
  create(context) {
    const reported = new Set<StringLiteral>();
    const report = (literal: StringLiteral, span: Span, message: string): void => {
      if (reported.has(literal)) return;
      reported.add(literal);
      context.report({ span, message });
    };
    const keyedValue = (key: Expr | undefined, value: Expr | undefined): void => {
      const name = literalText(key);
      const literal = value && unwrap(value);
      if (name === undefined || literal?.kind !== 'StringLiteral' || !isCredentialEntry(name, literal.value)) return;
      report(literal, literal.span, `The value of '${name}' is a credential written into the script, readable by anyone who can read the script; keep it in a connection instead.`);
    };
    return {
      AssignStmt(assign) {
        // `apiKey = "sk_live_…";`, `password = "Welcome@123";`: a secret-named variable given a key-like literal (8
        // characters or more, with a digit or a symbol besides letters), not a field's API name (`secretField =
        // "Client_Secret__c"`, `pwd = "Password_2"`).
        if (assign.target.kind !== 'Identifier' || assign.value.kind !== 'StringLiteral') return;
        const name = assign.target.name;
        const value = assign.value.value.trim();
        if (!SECRET_VARIABLE.test(name) || NOT_SECRET_KEY.test(name) || value.length < 8 || !/[a-z]/i.test(value) || !/[^A-Za-z_\s]/.test(value)) return;
        if (FIELD_API_NAME.test(value)) return;
        if (looksLikeSecret(value)) report(assign.value, assign.value.span, `'${name}' is given a credential written into the script, readable by anyone who can read the script; keep it in a connection instead.`);
      },
      MapEntry(entry) {
        keyedValue(entry.key, entry.value);
      },
      KeyValueArg(arg) {
        keyedValue(arg.key, arg.value);
      },
      calls: {
        // Only `….put(…)` and `base64Encode(…)` calls are handed to `visit`.
        names: ['put', 'base64Encode'],
        visit(call) {
          const callee = call.callee;
          const name = callee.kind === 'Identifier' ? callee.name : callee.property.name;
          // `x.put(key, value)` (the length first: most calls are not of a three-letter method).
          if (name.length === 3) {
            if (callee.kind === 'MemberExpr') keyedValue(argument(call, 0), argument(call, 1));
            return;
          }
          // `"Basic " + zoho.encryption.base64Encode("admin:Pa55w0rd!")`: a Basic credential's password, written in.
          const pair = argument(call, 0);
          const literal = pair && unwrap(pair);
          if (literal?.kind !== 'StringLiteral') return;
          const colon = literal.value.indexOf(':');
          const password = colon > 0 ? literal.value.slice(colon + 1) : '';
          if (password.length < 6 || /\s/.test(password) || PLACEHOLDER.test(password)) return;
          report(
            literal,
            spanInLiteral(literal, password, literal.raw.indexOf(':') + 1),
            `A Basic credential's password is written into the script (base64Encode of "user:password"), readable by anyone who can read the script; keep it in a connection instead.`,
          );
        },
      },
      StringLiteral(literal) {
        const text = literal.value;
        if (text.includes('@')) {
          const password = USERINFO_PASSWORD.exec(text)?.[1];
          if (password !== undefined && password.length >= 4 && !PLACEHOLDER.test(password)) {
            report(
              literal,
              spanInLiteral(literal, password, literal.raw.indexOf('://') + 3),
              "A password is written into the URL (user:password@host), readable by anyone who can read the script, and deluge run sends no Authorization for it; keep it in a connection (type basic) instead.",
            );
            return;
          }
        }
        if (!mayHoldCredential(text)) return;
        const scheme = SCHEME_VALUE.exec(text);
        if (scheme && schemeCredential(scheme[1]!, scheme[2]!)) {
          const zoho = scheme[1]!.toLowerCase() === 'zoho-oauthtoken';
          report(
            literal,
            spanInLiteral(literal, scheme[2]!),
            zoho
              ? 'A Zoho OAuth token is written into the script: anyone who can read the script can use it, and it expires within the hour; use a connection (connection: "<link name>") instead.'
              : `A '${scheme[1]}' credential is written into the script, readable by anyone who can read the script; keep it in a connection instead.`,
          );
          return;
        }
        const token = ZOHO_TOKEN.exec(text);
        if (token) {
          report(literal, spanInLiteral(literal, token[0]), 'A Zoho OAuth token is written into the script: anyone who can read the script can use it; use a connection (connection: "<link name>") instead.');
          return;
        }
        const field = QUERY_SECRET.exec(text);
        if (field && field[2]!.length >= 8 && !PLACEHOLDER.test(field[2]!)) {
          report(literal, spanInLiteral(literal, field[2]!), `The URL carries a literal '${field[1]}', readable by anyone who can read the script; keep it in a connection instead.`);
        }
      },
    };
  },
};

/**
 * Whether the word after a scheme is a credential rather than prose ("Basic information", "Basic on-boarding"): a
 * Basic credential is Base64 of `user:password`, so it is one when it decodes to that; the others must look like a
 * token (`looksLikeCredential`).
 */
function schemeCredential(scheme: string, word: string): boolean {
  if (PLACEHOLDER.test(word)) return false;
  if (scheme.toLowerCase() !== 'basic') return looksLikeToken(word);
  // `Basic admin:Secret123` written without the Base64 step (a password of 4 or more characters with a digit).
  if (/^[^:\s]+:(?=[^:\s]*\d)[^:\s]{4,}$/.test(word)) return true;
  if (!/^[A-Za-z0-9+/]{4,}={0,2}$/.test(word) || word.length % 4 === 1) return false;
  // (atob rather than Buffer: the linter runs in the web playground too.)
  const unpadded = word.replace(/=+$/, '');
  const decoded = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  // (The bytes of a UTF-8 password are any from 0x80 up: only control characters rule a text out.)
  return decoded.includes(':') && !/[\x00-\x1f\x7f]/.test(decoded);
}

/**
 * Whether the word after `Bearer` or a Zoho scheme is a token: not short, with digits, symbols or mixed case (the
 * test `redact.ts` uses for printed text). Prose after these schemes is rare ("Bearer of …" has a short word).
 */
function looksLikeToken(word: string): boolean {
  if (word.length < 8) return false;
  const rest = word.slice(1);
  return /[0-9._~+/=-]/.test(word) || (/[a-z]/.test(rest) && /[A-Z]/.test(rest));
}

/**
 * Whether the value of a secret-named key or variable is a credential: a token (`looksLikeToken`) that is not prose —
 * words of letters joined by hyphens ("follow-up"), numbers, dates and ranges ("2024-2025").
 */
function looksLikeCredential(word: string): boolean {
  if (/^[A-Za-z][a-z]*(-[A-Za-z][a-z]*)+$/.test(word) || /^[0-9./:-]+$/.test(word) || DATE_TIME.test(word)) return false;
  return looksLikeToken(word);
}

/**
 * Whether a map entry, header or field of this name holding this text is a credential written into the script, as
 * this rule reports one (`deluge import` keeps such values out of what it writes).
 */
export function isCredentialEntry(name: string, value: string): boolean {
  return SECRET_KEY.test(name) && !NOT_SECRET_KEY.test(name) && looksLikeSecret(value);
}

/**
 * A literal that can be a key or password: one word of 8 characters or more, not a placeholder. Values with an
 * authorization scheme or a Zoho token are left to the literal checks, which say more precisely what they found.
 */
function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  if (/\s/.test(v) || SCHEME_VALUE.test(v) || ZOHO_TOKEN.test(v) || URL_OR_ADDRESS.test(v)) return false;
  return looksLikeCredential(v) && !PLACEHOLDER.test(v);
}
