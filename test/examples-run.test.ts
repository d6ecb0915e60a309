import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../src/runtime/json.js';
import { runScript } from '../src/runtime/run.js';
import type { Value } from '../src/runtime/values.js';

/**
 * Every script of examples/ run with `runScript` (what `deluge run` does), its output compared with a golden
 * file in test/examples-run/: the info lines, then how the run ended. Scripts without HTTP run to the end;
 * the others run up to their first request, where the runner (not part of this run) takes over, and Creator
 * scripts stop at their first Creator statement — each with the diagnostic that names it.
 * `UPDATE_GOLDENS=1 npx vitest run test/examples-run.test.ts` rewrites the goldens (review the diff).
 */
const examples = new URL('../examples/', import.meta.url);
const goldens = new URL('./examples-run/', import.meta.url);

/** The arguments Zoho would pass each script (Books passes maps, Cliq the command's text, CRM the function's parameters). */
const ARGS: Record<string, Record<string, Value>> = {
  'books-invoice-overdue-escalation.dg': {
    organization: parseJson('{"organization_id": "60000000001"}'),
    invoice: parseJson('{"invoice_id": "460000000012345", "invoice_number": "INV-00042", "balance": "1250.50", "due_date": "01-Oct-2020", "customer_name": "Acme Corp"}'),
  },
  'cliq-slash-command-leads.dg': { arguments: ' Acme ' },
  'creator-function-archive-orders.dg': { days: '90' },
  'creator-order-on-user-input.dg': { Delivery_Method: 'Pickup' },
  'crm-bulk-delete-in-batches.dg': { moduleName: 'Leads', recordIds: '410405000002264040, 410405000002264025,,410405000002264041' },
  'crm-button-delete-duplicate-leads.dg': { leadId: '410405000002264040' },
  'crm-delete-single-record-detailed.dg': { moduleName: 'Leads', recordId: '410405000002264040' },
  'crm-invoke-connector-delete.dg': { leadId: '410405000002264040' },
  'crm-standalone-sync-contact.dg': { dealId: '410405000002264040' },
  'crm-workflow-on-lead-create.dg': { leadId: '410405000002264040' },
};

function outcome(name: string): string {
  const text = readFileSync(new URL(name, examples), 'utf8');
  const run = runScript(text, {
    fileName: `examples/${name}`,
    args: ARGS[name] ?? {},
    now: Date.parse('2020-12-09T17:25:24-08:00'),
    clock: () => 0,
    timeZone: 'America/Los_Angeles',
  });
  const lines = [...run.info];
  for (const mail of run.mails) lines.push(`(sendmail to ${String(mail['to'])})`);
  if (run.diagnostics.length === 0) lines.push(`--- completed${run.result === undefined ? '' : ' with a result'}`);
  for (const { file, diagnostic } of run.diagnostics) {
    const at = file.position(diagnostic.span.start);
    lines.push(`--- stopped: ${diagnostic.code} ${at.line}:${at.column} ${diagnostic.message}`);
  }
  return `${lines.join('\n')}\n`;
}

const names = readdirSync(examples).filter((n) => n.endsWith('.dg')).sort();

describe('examples run', () => {
  it.each(names)('%s', (name) => {
    const actual = outcome(name);
    const golden = new URL(name.replace(/\.dg$/, '.txt'), goldens);
    if (process.env['UPDATE_GOLDENS'] || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('the scripts without HTTP or Creator statements run to the end', () => {
    expect(outcome('collections-text-dates.dg')).toMatch(/--- completed\n$/);
  });
});
