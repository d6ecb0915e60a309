import { describe, expect, it } from 'vitest';
import { notEmulated } from '../../src/sandbox/not-emulated.js';

describe('notEmulated: the APIs a failed request asked for that the sandbox lacks', () => {
  it('names a record\'s attachments and photo (documented, not emulated), not only COQL and the like', () => {
    // The webdevzoho copy-files script: zoho.crm.getRelatedRecords("Attachments","Accounts",id) is Zoho's
    // GET /{module_api_name}/{record_id}/Attachments (https://www.zoho.com/crm/developer/docs/api/v8/get-attachments.html);
    // the sandbox answers it as an unknown related list, which is its gap, not the script's mistake.
    expect(notEmulated('/crm/v2/Accounts/410405000002265001/Attachments')).toBe('does not emulate attachments and photos');
    expect(notEmulated('/crm/v8/Leads/410405000002264040/attachments/410405000002299001')).toBe('does not emulate attachments and photos');
    expect(notEmulated('/crm/v2/Contacts/410405000002266001/photo')).toBe('does not emulate attachments and photos');
    expect(notEmulated('/crm/v7/coql')).toBe('does not emulate COQL');
    // A related list the sandbox knows, and an unknown one, are no gap of the sandbox.
    expect(notEmulated('/crm/v2/Leads/410405000002264040/Notes')).toBeUndefined();
    expect(notEmulated('/crm/v2/Deals/410405000002267001/Twilio_Messages')).toBeUndefined();
  });
});
