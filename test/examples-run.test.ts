import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../src/runtime/json.js';
import { runScriptAsync } from '../src/runtime/run.js';
import { openRunSession } from '../src/runner/session.js';
import type { Stub } from '../src/runner/stubs.js';
import type { Value } from '../src/runtime/values.js';

/**
 * Every script of examples/ run as `deluge run --sandbox` runs it (in-process, against the embedded CRM
 * sandbox), its output compared with a golden file in test/examples-run/: the info lines, each request with its
 * status and records, then how the run ended. Creator scripts stop at their first Creator statement with the
 * diagnostic that names it; requests to hosts that are not Zoho's are answered by stubs.
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
  'crm-standalone-sync-contact.dg': { dealId: '410405000002267001' },
  'crm-workflow-on-lead-create.dg': { leadId: '410405000002264040' },
};

/** Answers for the services that are not Zoho CRM (the exchange-rate API of the legacy example, Zoho Books). */
const STUBS: Stub[] = [
  { method: 'GET', url: 'https://api.exchangerate.example.com/v1/latest*', response: { base: 'USD', rates: { EUR: 0.92, INR: 83.1 } } },
  { method: 'GET', url: 'https://api.exchangerate.example.com/v1/history*', response: { base: 'USD', rates: { '2024-01-31': { EUR: 0.92 } } } },
  { method: 'POST', url: 'https://api.exchangerate.example.com/v1/convert', response: { query: { amount: 250 }, result: 20775 } },
  { method: 'POST', url: 'https://api.exchangerate.example.com/v1/alerts', status: 201, response: { id: 'al_1', status: 'created' } },
  { task: 'zoho.books.updateRecord', response: { code: 0, message: 'Invoice information has been updated.' } },
  { method: 'POST', url: 'https://www.zohoapis.com/books/*', response: { code: 0, message: 'Comments added.' } },
];

async function outcome(name: string): Promise<string> {
  const text = readFileSync(new URL(name, examples), 'utf8');
  const session = await openRunSession({ sandbox: {}, stubs: STUBS, env: {}, now: () => Date.parse('2020-12-09T17:25:24-08:00') });
  const run = await runScriptAsync(text, {
    fileName: `examples/${name}`,
    args: ARGS[name] ?? {},
    now: Date.parse('2020-12-09T17:25:24-08:00'),
    clock: () => 0,
    timeZone: 'America/Los_Angeles',
    tasks: session.host,
  });
  await session.close();
  const lines = [...run.info];
  for (const r of session.requests) {
    const records = r.records ? ` records: ${r.records.map((rec) => `${rec.id} ${rec.code}`).join(', ')}` : '';
    lines.push(`> ${r.method} ${r.url} → ${r.status ?? r.error}${records}`);
  }
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
  it.each(names)('%s', async (name) => {
    const actual = await outcome(name);
    const golden = new URL(name.replace(/\.dg$/, '.txt'), goldens);
    if (process.env['UPDATE_GOLDENS'] || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('the scripts without HTTP or Creator statements run to the end', async () => {
    expect(await outcome('collections-text-dates.dg')).toMatch(/--- completed\n$/);
  });
});
