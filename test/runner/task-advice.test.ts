/**
 * A `zoho.crm.*` call the runner does not perform stops the run with DLG4014; when the name is a likely typo of a task
 * it does perform, or the `deleteRecord` that Zoho does not have, the message says what to write instead.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sandboxRun, type SandboxRun } from './helpers.js';

let sandbox: SandboxRun;
beforeEach(async () => {
  sandbox = await sandboxRun();
});
afterEach(() => sandbox.close());

async function stopMessage(script: string): Promise<{ code: string; message: string }> {
  const result = await sandbox.run(script);
  expect(result.diagnostics).toHaveLength(1);
  const { code, message } = result.diagnostics[0]!.diagnostic;
  return { code, message };
}

it('a misspelt task name is answered with the task it most likely means', async () => {
  expect(await stopMessage('lead = zoho.crm.getRecord("Leads", 410405000002264040);')).toEqual({
    code: 'DLG4014',
    message: "'zoho.crm.getRecord' is not a CRM task deluge run knows: did you mean 'zoho.crm.getRecords'? (If it is one, give it a canned answer with --stub.)",
  });
});

it('zoho.crm.deleteRecord is answered with the two ways Zoho deletes records', async () => {
  const { code, message } = await stopMessage('zoho.crm.deleteRecord("Leads", 410405000002264040);');
  expect(code).toBe('DLG4014');
  expect(message).toMatch(/^Zoho has no 'zoho\.crm\.deleteRecord' task: delete with invokeurl \(type: DELETE.*zoho\.crm\.invokeConnector\("crm\.delete"/);
});

it('a task Zoho documents that the runner does not perform still asks for a stub, and nothing was sent', async () => {
  expect(await stopMessage('v = zoho.crm.getOrgVariable("tax_rate");')).toEqual({
    code: 'DLG4014',
    message: "'zoho.crm.getOrgVariable' is an integration task with no local implementation: give it a canned answer with --stub",
  });
  expect(sandbox.session.requests).toHaveLength(0);
});
