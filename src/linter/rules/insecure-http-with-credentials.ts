import { isLoopback } from '../../http/loopback.js';
import { isSecretHeader } from '../../http/redact.js';
import type { TextEdit } from '../../diagnostics/diagnostic.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { argument, Bindings, dottedName, isInvokeUrl, knownPrefix, mapEntries, taskParam, unwrap, urlParts, type KnownPrefix } from './_http-helpers.js';

/** Fields that carry a credential (Zoho's old `authtoken`, OAuth tokens, CRM functions' `zapikey`, API keys). */
const SECRET_FIELDS = 'authtoken|access_token|refresh_token|client_secret|zapikey|api[_-]?key|apikey|password';
/** Such a field in a URL's query. */
const SECRET_QUERY = new RegExp(`[?&](${SECRET_FIELDS})=`, 'i');
/** Such a field as a parameter's name. */
const SECRET_FIELD = new RegExp(`^(${SECRET_FIELDS})$`, 'i');

/**
 * A request over plain `http://` that carries a credential: a `connection` (whose token goes in the Authorization
 * header), a secret-looking header (Authorization, X-Api-Key, …; the names `redact.ts` masks), or a credential
 * field in the URL's query. Loopback hosts (the local sandbox) are exempt. `getUrl`/`postUrl` are checked too.
 */
export const rule: Rule = {
  meta: {
    id: 'insecure-http-with-credentials',
    code: 'DLG5203',
    category: 'security',
    severity: 'error',
    fixable: 'unsafe',
    summary: "A request that sends a connection's token, an Authorization header or a key over plain `http://`.",
    docs: {
      what: 'Reports an `invokeurl` (or `getUrl`/`postUrl`) whose URL starts with `http://`, to a host other than localhost/127.0.0.1/[::1], and that sends a credential: a `connection`, an Authorization or other secret-looking header, or a field such as `authtoken=` or `access_token=` in the URL, among its `parameters` or in a JSON body made from a map (`parameters: login.toString()` with a `password`). The suggested fix changes the scheme to `https://`.',
      why: 'Plain HTTP sends the token in clear text: anyone on the path can read it and use it until it expires (or, for an API key, until it is revoked). Zoho\'s APIs and almost every other service answer on https://.',
      invalid: [
        'response = invokeurl\n[\n\turl: "http://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
        'headers = Map();\nheaders.put("Authorization", "Bearer " + token);\nresponse = invokeurl\n[\n\turl: "http://api.example.com/orders"\n\ttype: GET\n\theaders: headers\n];',
        'data = getUrl("http://api.example.com/rates?api_key=" + key);',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: "http://127.0.0.1:4010/crm/v7/Leads"\n\ttype: GET\n\tconnection: "sandbox"\n];',
        'response = invokeurl\n[\n\turl: "http://example.com/status"\n\ttype: GET\n\theaders: {"Accept": "text/plain"}\n];',
      ],
    },
  },
  create(context) {
    const check = (url: Expr, origin: string, credential: () => string | undefined): void => {
      const bindings = Bindings.of(context.program);
      const prefix = knownPrefix(url, bindings);
      const { scheme, host } = urlParts(prefix);
      if (scheme !== 'http' || (host !== undefined && isLoopback(host))) return;
      const field = SECRET_QUERY.exec(prefix.text)?.[1];
      const what = field !== undefined ? `the '${field}' in its URL` : credential();
      if (what === undefined) return;
      const fix = httpsFix(prefix);
      context.report({
        span: url.span,
        message: `This ${origin} sends ${what} over plain http://, where anyone on the way can read it; use https://.`,
        ...(fix && { fix }),
      });
    };
    const headerCredential = (headers: Expr | undefined): string | undefined => {
      if (!headers) return undefined;
      const secret = mapEntries(headers, Bindings.of(context.program)).entries.find((e) => isSecretHeader(e.key));
      return secret && `the '${secret.key}' header`;
    };
    /**
     * A credential field among the parameters (sent in the query or the form body: clear text either way), or in a
     * JSON body made from a map (`parameters: payload.toString()`, `body: {…}.toString()`).
     */
    const parameterCredential = (parameters: Expr | undefined): string | undefined => {
      if (!parameters) return undefined;
      const json = textOf(parameters);
      const secret = mapEntries(json ?? parameters, Bindings.of(context.program)).entries.find((e) => SECRET_FIELD.test(e.key));
      return secret && (json ? `the '${secret.key}' field of its body` : `the '${secret.key}' parameter`);
    };
    return {
      TaskExpr(task) {
        if (!isInvokeUrl(task)) return;
        const url = taskParam(task, 'url');
        if (!url) return;
        check(url.value, task.rawName, () => {
          const connection = taskParam(task, 'connection');
          if (connection) return "the connection's token";
          return (
            headerCredential(taskParam(task, 'headers')?.value) ??
            parameterCredential(taskParam(task, 'parameters')?.value) ??
            parameterCredential(taskParam(task, 'body')?.value)
          );
        });
      },
      calls: {
        names: ['getUrl', 'postUrl'],
        visit(call) {
          // getUrl and postUrl are plain names: a dotted callee is never one.
          if (call.callee.kind !== 'Identifier') return;
          const name = dottedName(call.callee)?.toLowerCase();
          if (name !== 'geturl' && name !== 'posturl') return;
          const url = argument(call, 0);
          if (!url) return;
          const headerArg = argument(call, name === 'geturl' ? 1 : 2);
          const headers = headerArg && unwrap(headerArg).kind !== 'BooleanLiteral' ? headerArg : undefined;
          check(url, dottedName(call.callee)!, () => headerCredential(headers));
        },
      },
    };
  },
};

/** The map a value is the text of: `payload` in `payload.toString()`. */
function textOf(expr: Expr): Expr | undefined {
  const e = unwrap(expr);
  if (e.kind !== 'CallExpr' || e.callee.kind !== 'MemberExpr' || e.args.length !== 0) return undefined;
  return e.callee.property.name.toLowerCase() === 'tostring' ? e.callee.object : undefined;
}

/** `"http://…"` → `"https://…"` when the scheme is written in the URL's own literal. */
function httpsFix(prefix: KnownPrefix): TextEdit | undefined {
  const literal = prefix.literal;
  if (!literal || literal.raw.slice(1, 8).toLowerCase() !== 'http://') return undefined;
  return { span: { start: literal.span.start + 1, end: literal.span.start + 5 }, text: 'https' };
}
