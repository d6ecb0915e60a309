import { describe, expect, it } from 'vitest';
import { quoteWord, text, variable } from '../../src/emitters/curl/quote.js';

describe('PowerShell words', () => {
  it('braces a variable that text would go on from: letters and digits of any script, `_`, `:` and `?` continue its name', () => {
    const url = (after: string) => quoteWord([text('https://www.zohoapis.com/crm/v7/Leads/'), variable('ID'), text(after)], 'powershell');
    // `$env:ID?fields=Last_Name` is the variable `ID?fields`: the request went to …/Leads/=Last_Name.
    expect(url('?fields=Last_Name')).toBe('"https://www.zohoapis.com/crm/v7/Leads/${env:ID}?fields=Last_Name"');
    expect(url('é')).toBe('"https://www.zohoapis.com/crm/v7/Leads/${env:ID}é"');
    expect(url('/notes')).toBe('"https://www.zohoapis.com/crm/v7/Leads/$env:ID/notes"');
  });

  it('quotes a word that begins with a dash: PowerShell splits a bare `-v.1=x` at the dot', () => {
    expect(quoteWord([text('-v.1=x')], 'powershell')).toBe("'-v.1=x'");
    expect(quoteWord([text('v.1=x')], 'powershell')).toBe('v.1=x');
  });
});
