import { isJavaOnlyCharset, isKnownCharset } from '../../http/charsets.js';
import { INVOKEAPI_SERVICES } from '../../http/invokeurl.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { editDistance } from '../../edit-distance.js';
import { Bindings, isRequestTask, mapEntries, unwrap, valueKind, type ValueKind } from './_http-helpers.js';

/** RFC 9110 token characters: what a header name may contain (the runner's test). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What each key takes, in words, and the kinds of value that surely do not fit it. */
const EXPECTED: Readonly<Record<string, { takes: string; wrong: readonly ValueKind[] }>> = {
  url: { takes: 'a text', wrong: ['number', 'boolean', 'map', 'list'] },
  // invokeapi's two keys in place of the URL.
  service: { takes: 'the name of a Zoho service, such as zohocrm', wrong: ['number', 'boolean', 'map', 'list'] },
  path: { takes: 'a text such as "/crm/v7/Leads"', wrong: ['number', 'boolean', 'map', 'list'] },
  headers: { takes: 'a map (KEY-VALUE)', wrong: ['text', 'number', 'boolean', 'list'] },
  'content-type': { takes: 'a text such as "application/json"', wrong: ['number', 'boolean', 'map', 'list'] },
  parameters: { takes: 'a map (KEY-VALUE), a text or a file', wrong: ['number', 'boolean'] },
  body: { takes: 'a map (KEY-VALUE) or a text', wrong: ['number', 'boolean'] },
  files: { takes: 'a file or a list of files', wrong: ['text', 'number', 'boolean', 'map'] },
  connection: { takes: "the connection's link name, a text", wrong: ['number', 'boolean', 'map', 'list'] },
  detailed: { takes: 'true or false', wrong: ['text', 'number', 'map', 'list'] },
  'response-decoding': { takes: 'a charset name such as "UTF-8"', wrong: ['number', 'boolean', 'map', 'list'] },
};

const KIND_WORDS: Readonly<Record<ValueKind, string>> = {
  map: 'a map',
  list: 'a list',
  text: 'a text',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
  unknown: 'this value',
};

/**
 * Values the runner refuses when the request is built (DLG4001/DLG4018), found without running: a value of a type
 * the key does not take (`detailed: "true"`, `headers: "Accept: text/plain"`, `files: "report.pdf"`), an empty
 * `connection`, a header name that is not an HTTP token (`"Content Type"`), a header value with a line break, and
 * a `response-decoding` no decoder knows. Values whose type the linter cannot see are left alone.
 */
export const rule: Rule = {
  meta: {
    id: 'invokeurl-invalid-value',
    code: 'DLG5212',
    category: 'http',
    severity: 'error',
    summary: 'An `invokeurl` parameter whose value has the wrong type or form (`detailed: "true"`, a header name with a space, an unknown charset).',
    docs: {
      what: 'Reports an `invokeurl` parameter whose value cannot work: a value of the wrong type (`detailed: "true"`, `headers: "…"`, `files: "report.pdf"`, `body: 42`), an empty `connection`, a header name with a space or other character HTTP does not allow, a header value with a line break, or an unknown `response-decoding` charset; and in an `invokeapi` block, a `service` one letter or two away from a service it reaches (`zohocrn` for `zohocrm`).',
      why: 'The task refuses such a block when it runs (the header name and line-break checks protect against a malformed request; an unknown charset cannot be decoded). `detailed: "true"` is a text, not the boolean the key takes. Zoho\'s invokeUrl page gives each parameter\'s data type. https://www.zoho.com/deluge/help/deluge-invoke-url.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: GET\n\tdetailed: "true"\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: POST\n\theaders: {"Content Type": "application/json"}\n\tbody: item\n];',
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: ""\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/export"\n\ttype: GET\n\tresponse-decoding: "UTF-88"\n];',
        'response = invokeapi\n[\n\tservice: zohocrn\n\tpath: "/crm/v7/Leads"\n\ttype: GET\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: GET\n\tdetailed: true\n\tresponse-decoding: "ISO-8859-1"\n];',
        'headers = Map();\nheaders.put("Content-Type", "application/json");\nresponse = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: POST\n\theaders: headers\n\tbody: item\n\tconnection: "api_connection"\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (!isRequestTask(task)) return;
        const bindings = Bindings.of(context.program);
        for (const param of task.params) {
          const key = param.key.toLowerCase();
          // (Own keys only: a key such as `constructor` is not one of them.)
          const expected = Object.hasOwn(EXPECTED, key) ? EXPECTED[key] : undefined;
          if (!expected) continue;
          const value = unwrap(param.value);
          const kind = valueKind(value, bindings);
          const bareWord = key === 'detailed' && value.kind === 'Identifier' && !bindings.isVariable(value.name);
          if (expected.wrong.includes(kind) || bareWord) {
            const what = bareWord && value.kind === 'Identifier' ? `the word '${value.name}'` : KIND_WORDS[kind];
            context.report({ span: param.value.span, message: `'${param.key}' takes ${expected.takes}, not ${what}.` });
            continue;
          }
          const text = value.kind === 'StringLiteral' ? value.value.trim() : undefined;
          if (key === 'connection' && text === '') {
            context.report({ span: param.value.span, message: "'connection' is empty; give the link name of the connection to use." });
          } else if (key === 'service' && task.task === 'invokeapi') {
            checkService(value);
          } else if (key === 'response-decoding' && text !== undefined && !isKnownCharset(text) && !isJavaOnlyCharset(text)) {
            context.report({ span: param.value.span, message: `'${text}' is not a charset name; use one such as UTF-8 or ISO-8859-1.` });
          } else if (key === 'headers') {
            checkHeaders(param.value);
          }
        }
      },
    };

    /** A service name a letter or two from one invokeapi reaches is a typo; a name far from all is left alone (Zoho has more). */
    function checkService(value: Expr): void {
      const name = value.kind === 'StringLiteral' ? value.value.trim() : value.kind === 'Identifier' && !Bindings.of(context.program).isVariable(value.name) ? value.name : undefined;
      if (name === undefined || INVOKEAPI_SERVICES.includes(name.toLowerCase())) return;
      // One edit (two in a long name): Zoho's other services are further from every listed one (`zohofsm` is two
      // from `zohocrm`, `zohobigin` three from `zohobilling`).
      const most = name.length <= 8 ? 1 : 2;
      const guess = INVOKEAPI_SERVICES.find((service) => editDistance(name.toLowerCase(), service) <= most);
      if (guess) context.report({ span: value.span, message: `'${name}' is not a service invokeapi reaches; did you mean '${guess}'?` });
    }

    function checkHeaders(headers: Expr): void {
      for (const entry of mapEntries(headers, Bindings.of(context.program)).entries) {
        if (!HEADER_NAME.test(entry.key)) {
          context.report({ span: entry.keyNode.span, message: `'${entry.key}' is not a valid header name (spaces and characters such as ':' are not allowed)${entry.key.includes(' ') ? `; did you mean '${entry.key.trim().replace(/\s+/g, '-')}'?` : '.'}` });
          continue;
        }
        const value = unwrap(entry.value);
        if (value.kind === 'StringLiteral' && /[\r\n\0]/.test(value.value)) {
          context.report({ span: value.span, message: `The value of header '${entry.key}' contains a line break, which would end the header early; remove it.` });
        }
      }
    }
  },
};
