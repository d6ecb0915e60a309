import type { Span } from '../../source/span.js';
import type { Rule } from '../rule.js';
import { API_UNSUPPORTED_MODULES, connectorEntries, isConnectorDelete, isPagePlaceholder, meantModule, recordsDelete, reportOnce } from './_url.js';

export const rule: Rule = {
  meta: {
    id: 'delete-unsupported-module',
    code: 'DLG5402',
    category: 'delete-records',
    severity: 'error',
    fixable: 'unsafe',
    summary: 'A Delete Records call to a module the API does not support or that is misspelt (`Lead` for `Leads`).',
    docs: {
      what:
        'Reports the module of a Delete Records call (an `invokeurl` DELETE to `/crm/{version}/{module}`, or the `"module"` of ' +
        '`invokeConnector("crm.delete", …)`) when it is `Documents` or `Projects`, or a misspelling of one of the supported ' +
        'modules (`Lead`, `SalesOrders`, `pricebooks`, `Laeds`, the display name `Price Books`), and suggests the API name; ' +
        'and any name with a space (a display name: API names have none). Other names are taken for custom modules.',
      why:
        'The page lists the supported modules (Leads, Accounts, Contacts, Deals, …, Sales Orders as `Sales_Orders`, Price Books as ' +
        '`Price_Books`, and custom modules). Documents and Projects answer `INVALID_MODULE` "The given module is not supported in API"; ' +
        'a misspelt name answers `INVALID_MODULE` "The module name given seems to be invalid". Either way nothing is deleted.',
      invalid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Lead?ids=410405000002264040"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/SalesOrders/" + orderId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Documents?ids=" + documentId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `result = zoho.crm.invokeConnector("crm.delete", {"module": "Contact", "id": contactId});
info result;`,
      ],
      valid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Sales_Orders?ids=" + orderId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `// A custom module: any API name Zoho generated for it.
response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Shipments_X?ids=" + shipmentId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Appointments__s/" + appointmentId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
      ],
    },
  },
  create(context) {
    const report = reportOnce(context);
    const check = (name: string, span: Span, exact: boolean): void => {
      if (isPagePlaceholder(name)) {
        report({ span, message: `\`${name}\` is the page's placeholder, so Zoho answers INVALID_MODULE: put the module's API name there (\`Leads\`, \`Contacts\`, …).` });
        return;
      }
      const unsupported = API_UNSUPPORTED_MODULES.find((m) => m.toLowerCase() === name.toLowerCase());
      if (unsupported) {
        report({
          span,
          message: `Zoho answers INVALID_MODULE "The given module is not supported in API" for \`${name}\`: ${unsupported} cannot be deleted through the CRM API.`,
        });
        return;
      }
      const meant = meantModule(name);
      if (!meant) {
        // A display name (`My Orders`): API names have no spaces.
        if (/\s|%20/.test(name)) {
          report({ span, message: `\`${name}\` is a module's display name, not its API name (API names have no spaces), so Zoho answers INVALID_MODULE: write its API name (with underscores: \`My_Orders\`).` });
        }
        return;
      }
      report({
        span,
        message: `\`${name}\` is not a module's API name, so Zoho answers INVALID_MODULE "The module name given seems to be invalid": write \`${meant}\`.`,
        ...(exact ? { fix: { span, text: meant } } : {}),
      });
    };
    return {
      TaskExpr(task) {
        const request = recordsDelete(task, context);
        if (!request || !request.module.known) return;
        const { module } = request;
        check(module.text, module.span, context.file.text.slice(module.span.start, module.span.end) === module.text);
      },
      calls: {
        // Only `….invokeConnector(…)` calls are handed to `visit`.
        names: ['invokeConnector'],
        visit(call) {
          if (!isConnectorDelete(call)) return;
          const module = connectorEntries(call, context)?.entries.get('module');
          if (module?.kind !== 'StringLiteral') return;
          const inner = { start: module.span.start + 1, end: module.span.end - 1 };
          const exact = module.raw.slice(1, -1) === module.value && context.file.text.slice(inner.start, inner.end) === module.value;
          check(module.value.trim(), exact ? inner : module.span, exact && module.value.trim() === module.value);
        },
      },
    };
  },
};
