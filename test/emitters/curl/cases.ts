import { readdirSync, readFileSync } from 'node:fs';
import type { Stub } from '../../../src/runner/stubs.js';
import { parseJson } from '../../../src/runtime/json.js';
import type { Value } from '../../../src/runtime/values.js';

/**
 * The scripts the curl emitter is proven on: every converter input (test/emitters/input/*.dg, whatever is there)
 * and every example, each with what a run needs — the arguments Zoho would pass, the clock, and canned answers for
 * what is not Zoho's (as test/examples-run.test.ts runs the examples).
 */
export interface EmitCase {
  /** `input/add-notes-loop` or `examples/crm-schedule-cleanup`: unique, and the golden's name. */
  readonly id: string;
  /** The golden file's base name. */
  readonly name: string;
  readonly path: URL;
  readonly text: string;
  readonly args: Record<string, Value>;
  readonly now: number;
  readonly timeZone: string;
  /** Answers for requests to hosts that are not Zoho's, and for tasks a run cannot perform (never a Zoho host). */
  readonly stubs: Stub[];
  /** Creator-only examples: for check and lint, not for run; emit must warn, not crash. */
  readonly creatorOnly: boolean;
}

const inputDir = new URL('../input/', import.meta.url);
const examplesDir = new URL('../../../examples/', import.meta.url);

/** As test/emitters/inputs.test.ts runs the inputs. */
const INPUT_NOW = Date.parse('2024-05-01T10:00:00Z');
/** As test/examples-run.test.ts runs the examples. */
const EXAMPLE_NOW = Date.parse('2020-12-09T17:25:24-08:00');

/** The arguments Zoho would pass each example (from test/examples-run.test.ts). */
const EXAMPLE_ARGS: Record<string, Record<string, Value>> = {
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

/**
 * What is not Zoho's: the exchange-rate API of the legacy example (a run would otherwise go to the network) and
 * the `zoho.books.updateRecord` task, which a run cannot perform. Requests to Zoho hosts are never stubbed: they
 * reach the sandbox, so they are compared.
 */
const STUBS: Stub[] = [
  { method: 'GET', url: 'https://api.exchangerate.example.com/v1/latest*', response: { base: 'USD', rates: { EUR: 0.92, INR: 83.1 } } },
  { method: 'GET', url: 'https://api.exchangerate.example.com/v1/history*', response: { base: 'USD', rates: { '2024-01-31': { EUR: 0.92 } } } },
  { method: 'POST', url: 'https://api.exchangerate.example.com/v1/convert', response: { query: { amount: 250 }, result: 20775 } },
  { method: 'POST', url: 'https://api.exchangerate.example.com/v1/alerts', status: 201, response: { id: 'al_1', status: 'created' } },
  { task: 'zoho.books.updateRecord', response: { code: 0, message: 'Invoice information has been updated.' } },
  { task: 'zoho.books.getRecords', response: { code: 0, message: 'success', invoices: [] } },
];

/** Examples README's "Creator: check and lint only" scripts. */
const CREATOR_ONLY = /^creator-/;

export function inputCases(): EmitCase[] {
  return readdirSync(inputDir)
    .filter((n) => n.endsWith('.dg'))
    .sort()
    .map((n) => ({
      id: `input/${n.replace(/\.dg$/, '')}`,
      name: n.replace(/\.dg$/, ''),
      path: new URL(n, inputDir),
      text: readFileSync(new URL(n, inputDir), 'utf8'),
      args: {},
      now: INPUT_NOW,
      timeZone: 'UTC',
      stubs: STUBS,
      creatorOnly: false,
    }));
}

export function exampleCases(): EmitCase[] {
  return readdirSync(examplesDir)
    .filter((n) => n.endsWith('.dg'))
    .sort()
    .map((n) => ({
      id: `examples/${n.replace(/\.dg$/, '')}`,
      name: n.replace(/\.dg$/, ''),
      path: new URL(n, examplesDir),
      text: readFileSync(new URL(n, examplesDir), 'utf8'),
      args: EXAMPLE_ARGS[n] ?? {},
      now: EXAMPLE_NOW,
      timeZone: 'America/Los_Angeles',
      stubs: STUBS,
      creatorOnly: CREATOR_ONLY.test(n),
    }));
}

/** Every input and every runnable example (the Creator-only examples are checked apart). */
export function emitCases(): EmitCase[] {
  return [...inputCases(), ...exampleCases().filter((c) => !c.creatorOnly)];
}
