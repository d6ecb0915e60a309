import type { TaskExpr } from '../../syntax/ast.js';
import type { Rule, RuleContext } from '../rule.js';
import { Bindings, isInvokeUrl, knownPrefix, taskNameSpan, taskParam, unwrap, urlParts } from './_http-helpers.js';

/**
 * `invokeurl` without a URL it can send to: no `url` key, an empty or null one, or a text that is not an absolute
 * http(s) URL (a path such as `/crm/v7/Leads`, which is how `invokeapi` is written, or a host without a scheme).
 * Only what the text is known to start with is judged; a URL built from variables is left alone. `invokeapi`, which
 * takes a service and a path instead, is reported without either, or with a whole URL as its path.
 */
export const rule: Rule = {
  meta: {
    id: 'invokeurl-missing-url',
    code: 'DLG5200',
    category: 'http',
    severity: 'error',
    summary: 'An `invokeurl` block with no `url`, an empty one, or one that is not an absolute http(s) URL (an `invokeapi` block without its `service` or `path`).',
    docs: {
      what: 'Reports an `invokeurl` block that has no `url` parameter, whose `url` is `""` or `null`, or whose `url` text starts with something other than `http://` or `https://`; and an `invokeapi` block without `service` or `path`, or whose `path` is a whole URL.',
      why: 'The URL is the one mandatory parameter of the task (Zoho\'s invokeUrl page); without it, or with a relative path, the request fails when it runs. A path alone is how `invokeapi` is written, not `invokeurl`. https://www.zoho.com/deluge/help/deluge-invoke-url.html',
      invalid: [
        'response = invokeurl\n[\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: ""\n\ttype: GET\n];',
        'response = invokeurl\n[\n\turl: "/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: "www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeapi\n[\n\tservice: zohocrm\n\ttype: GET\n];',
        'response = invokeapi\n[\n\tservice: zohocrm\n\tpath: "https://www.zohoapis.com/crm/v7/Leads"\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
        'base = "https://www.zohoapis.com/crm/v7/";\nresponse = invokeurl\n[\n\turl: base + moduleName\n\ttype: GET\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: endpoint\n\ttype: GET\n];',
        'response = invokeapi\n[\n\tservice: zohocrm\n\tpath: "/crm/v7/Leads"\n\ttype: GET\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (task.task === 'invokeapi') return checkInvokeApi(task, context);
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

/** invokeapi: a service and a path, the path without a scheme (the data centre's domain goes before it). */
function checkInvokeApi(task: TaskExpr, context: RuleContext): void {
  const missing = ['service', 'path'].filter((key) => !taskParam(task, key));
  if (missing.length > 0) {
    const what = missing.map((key) => (key === 'service' ? "'service' (the Zoho service, such as zohocrm)" : "'path' (such as \"/crm/v7/Leads\")")).join(' and ');
    context.report({ span: taskNameSpan(task), message: `This ${task.rawName} has no ${what}; it sends its request to that service's API at that path.` });
    return;
  }
  const path = taskParam(task, 'path')!;
  const value = unwrap(path.value);
  if (value.kind === 'NullLiteral' || (value.kind === 'StringLiteral' && value.value.trim() === '')) {
    context.report({ span: path.value.span, message: `The 'path' of this ${task.rawName} is empty; give the API's path, such as "/crm/v7/Leads".` });
    return;
  }
  const scheme = urlParts(knownPrefix(path.value, Bindings.of(context.program))).scheme;
  if (scheme !== undefined) {
    context.report({ span: path.value.span, message: `The 'path' of this ${task.rawName} is a whole URL; give only its path ("/crm/v7/…"): the data centre's domain is put before it. For a whole URL, use invokeurl.` });
  }
}
