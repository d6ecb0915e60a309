import { mailKeysNamed, SENDMAIL_REQUIRED_KEYS } from '../../runtime/mail-keys.js';
import type { Rule } from '../rule.js';
import { taskNameSpan, taskParam, unwrap } from './_http-helpers.js';

/**
 * `sendmail` without a sender or a recipient: no `from` or no `to` key (in any case: `To :`), or one written as `""`
 * or `null`. A value computed at run time is left alone. `deluge run` stops at the same missing keys (DLG4018).
 */
export const rule: Rule = {
  meta: {
    id: 'sendmail-missing-address',
    code: 'DLG5017',
    category: 'correctness',
    severity: 'error',
    summary: 'A `sendmail` block with no `from` or no `to`, or with one written as `""` or `null`.',
    docs: {
      what: 'Reports a `sendmail` block that has no `from` or no `to` parameter (keys in any case), or whose `from` or `to` is the literal `""` or `null`.',
      why:
        'The sender and the recipient are the mandatory parameters of the task ("subject and message are optional parameters"; Creator\'s page marks only cc, bcc and reply to as optional): Zoho\'s editor does not save a sendmail without them, and `deluge run` stops there (DLG4018). ' +
        'https://www.zoho.com/developer/help/scripting/send-mail-statement.html, https://www.zoho.com/creator/help/script/fetch-and-email.html',
      invalid: [
        'sendmail\n[\n\tfrom: zoho.adminuserid\n\tsubject: "Order received"\n\tmessage: "Thank you"\n];',
        'sendmail\n[\n\tTo : "sales@example.com"\n\tSubject : "New lead"\n];',
        'sendmail\n[\n\tfrom: zoho.adminuserid\n\tto: ""\n\tsubject: "Report"\n];',
      ],
      valid: [
        'sendmail\n[\n\tfrom: zoho.adminuserid\n\tto: "sales@example.com"\n\tsubject: "New lead"\n];',
        'sendmail\n[\n\tFrom : zoho.adminuserid\n\tTo : "sales@example.com", zoho.adminuserid\n];',
        'email = "ann@example.com";\nsendmail\n[\n\tfrom: zoho.loginuserid\n\tto: email\n\tsubject: "Welcome"\n\tmessage: "Hello"\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (task.task !== 'sendmail') return;
        const keys = Object.keys(SENDMAIL_REQUIRED_KEYS);
        const missing = keys.filter((key) => !taskParam(task, key));
        if (missing.length > 0) {
          context.report({ span: taskNameSpan(task), message: `This ${task.rawName} has no ${mailKeysNamed(missing)}; Zoho does not save a sendmail without 'from' and 'to'.` });
        }
        for (const key of keys) {
          const param = taskParam(task, key);
          if (!param) continue;
          const value = unwrap(param.value);
          if (value.kind === 'NullLiteral' || (value.kind === 'StringLiteral' && value.value.trim() === '')) {
            context.report({ span: param.value.span, message: `The '${key}' of this ${task.rawName} is empty; give ${SENDMAIL_REQUIRED_KEYS[key]}.` });
          }
        }
      },
    };
  },
};
