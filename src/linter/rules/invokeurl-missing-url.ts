import type { Rule } from '../rule.js';
import { Bindings, isInvokeUrl, knownPrefix, taskNameSpan, taskParam, unwrap, urlParts } from './_http-helpers.js';

/**
 * `invokeurl` without a URL it can send to: no `url` key, an empty or null one, or a text that is not an absolute
 * http(s) URL (a path such as `/crm/v7/Leads`, which is how `invokeapi` is written, or a host without a scheme).
 * Only what the text is known to start with is judged; a URL built from variables is left alone.
 */
export const rule: Rule = {
  meta: {
    id: 'invokeurl-missing-url',
    code: 'DLG5200',
    category: 'http',
    severity: 'error',
    summary: 'An `invokeurl` block with no `url`, an empty one, or one that is not an absolute http(s) URL.',
    docs: {
      what: 'Reports an `invokeurl` block that has no `url` parameter, whose `url` is `""` or `null`, or whose `url` text starts with something other than `http://` or `https://`.',
      why: 'The URL is the one mandatory parameter of the task (Zoho\'s invokeUrl page); without it, or with a relative path, the request fails when it runs. A path alone is how `invokeapi` is written, not `invokeurl`. https://www.zoho.com/deluge/help/deluge-invoke-url.html',
      invalid: [
        'response = invokeurl\n[\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: ""\n\ttype: GET\n];',
        'response = invokeurl\n[\n\turl: "/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: "www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
        'base = "https://www.zohoapis.com/crm/v7/";\nresponse = invokeurl\n[\n\turl: base + moduleName\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: endpoint\n\ttype: GET\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (!isInvokeUrl(task)) return;
        const param = taskParam(task, 'url');
        if (!param) {
          context.report({ span: taskNameSpan(task), message: `This ${task.rawName} has no 'url'; add 'url: "https://…"', the address to send the request to.` });
          return;
        }
        const value = unwrap(param.value);
        if (value.kind === 'NullLiteral' || (value.kind === 'StringLiteral' && value.value.trim() === '')) {
          context.report({ span: param.value.span, message: `The 'url' of this ${task.rawName} is empty; give the address to send the request to.` });
          return;
        }
        const prefix = knownPrefix(param.value, Bindings.of(context.program));
        const start = prefix.text.trimStart();
        if (start === '') return;
        const scheme = urlParts(prefix).scheme;
        if (scheme !== undefined) {
          if (scheme === 'http' || scheme === 'https') return;
          context.report({ span: param.value.span, message: `The 'url' of this ${task.rawName} uses '${scheme}:'; invokeurl sends only http:// and https:// requests.` });
          return;
        }
        // A start such as "https:/" + … may still become a scheme; anything else cannot.
        if (!prefix.complete && /^[a-z][a-z0-9+.-]*(:\/?)?$/i.test(start)) return;
        context.report({
          span: param.value.span,
          message: start.startsWith('/')
            ? `The 'url' of this ${task.rawName} is a path; give the whole URL, starting with 'https://' (invokeapi is the task that takes a path).`
            : `The 'url' of this ${task.rawName} has no scheme; start it with 'https://'.`,
        });
      },
    };
  },
};
