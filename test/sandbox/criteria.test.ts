/** Search criteria, parsed and matched in-process (the HTTP side is in records.test.ts). */
import { describe, expect, it } from 'vitest';
import { CriteriaError, matches, parseCriteria } from '../../src/sandbox/criteria.js';

const record = {
  Last_Name: 'Burns, B',
  First_Name: 'Mary',
  Amount: 1500,
  Closing_Date: '2025-03-31',
  Account_Name: { name: 'Zylker Inc', id: '410405000002265001' },
  Tag: [{ name: 'VIP' }, { name: 'Renewal' }],
  Description: null,
};
const test = (criteria: string) => matches(parseCriteria(criteria), record);

describe('search criteria', () => {
  it('compares text case-insensitively and numbers and dates in order', () => {
    expect(test('(first_name:EQUALS:mary)')).toBe(true);
    expect(test('(Amount:between:1000,2000)')).toBe(true);
    expect(test('(Amount:less_than:999)')).toBe(false);
    expect(test('(Closing_Date:greater_equal:2025-03-31)')).toBe(true);
    expect(test('(First_Name:not_equal:Mary)')).toBe(false);
  });

  it('reads escaped brackets, commas and colons in values', () => {
    expect(test('(Last_Name:equals:Burns\\, B)')).toBe(true);
    expect(test('(Last_Name:in:Smith,Burns\\, B)')).toBe(true);
    expect(matches(parseCriteria('(Subject:equals:a\\:b \\(c\\))'), { Subject: 'a:b (c)' })).toBe(true);
  });

  it('matches lookups by name or id, lists by any element, and never an empty field', () => {
    expect(test('(Account_Name:equals:zylker inc)')).toBe(true);
    expect(test('(Account_Name.id:equals:410405000002265001)')).toBe(true);
    expect(test('(Account_Name.id:equals:410405000002265002)')).toBe(false);
    expect(test('(Tag:equals:renewal)')).toBe(true);
    expect(test('(Description:not_equal:x)')).toBe(false);
    expect(test('(Missing:in:x)')).toBe(false);
  });

  it('groups with and/or, and binding tighter than or', () => {
    expect(test('((First_Name:equals:Mary)and(Amount:equals:1))')).toBe(false);
    expect(test('((First_Name:equals:Joe)or(Amount:equals:1500))')).toBe(true);
    expect(test('((First_Name:equals:Joe)and(Amount:equals:1)or(Tag:equals:VIP))')).toBe(true);
    expect(test('(((First_Name:equals:Mary)or(First_Name:equals:Joe))and(Amount:greater_than:1000))')).toBe(true);
    // Spaces just inside a group's parentheses, as around and / or.
    expect(test('( (First_Name:equals:Joe) or (Amount:equals:1500) )')).toBe(true);
  });

  it('refuses a condition with no value, which every record matched ("(Email:equals:" + email + ")" with no email)', () => {
    for (const bad of ['(Last_Name:equals:)', '(Last_Name:starts_with: )', '(First_Name:in:Mary,,Joe)', 'Last_Name:equals:']) {
      expect(() => parseCriteria(bad), bad).toThrow(new CriteriaError(`the condition on ${bad.includes('First') ? 'First_Name' : 'Last_Name'} has no value`));
    }
  });

  it('takes at most 10 conditions (Zoho: "You can search for a maximum of 10 criteria")', () => {
    const conditions = (n: number) => `(${Array.from({ length: n }, (_, i) => `(Amount:equals:${i})`).join('or')})`;
    expect(test(conditions(10))).toBe(false);
    expect(() => parseCriteria(conditions(11))).toThrow(new CriteriaError('more than 10 criteria (Zoho searches with at most 10)'));
    expect(() => parseCriteria(`(${conditions(6)}and${conditions(5)})`)).toThrow(CriteriaError);
  });

  it('in takes at most 100 values (Zoho: "The "in" operator supports upto 100 values")', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`).join(',');
    expect(test(`(First_Name:in:${values(99)},Mary)`)).toBe(true);
    expect(() => parseCriteria(`(First_Name:in:${values(100)},Mary)`)).toThrow(new CriteriaError('in takes at most 100 values'));
  });

  it('takes one condition without its parentheses, as the Search Records page\'s samples send it', () => {
    // https://www.zoho.com/crm/developer/docs/api/v7/search-records.html: "…/Campaigns/search?criteria=Campaign_Name:
    // equals:CRM&fields=…" and "criteria=Created_Time%3Abetween%3A2024-02-01T18%3A52%3A56%2B00%3A00%2C…".
    expect(test('First_Name:equals:Mary')).toBe(true);
    expect(test('Amount:between:1000,2000')).toBe(true);
    expect(matches(parseCriteria('Created_Time:between:2024-02-01T18:52:56+00:00,2024-02-20T18:52:56+00:00'), { Created_Time: '2024-02-19T18:30:23+00:00' })).toBe(true);
  });

  it('refuses malformed criteria', () => {
    // not_in is not among the Search Records page's operators ("equals, starts_with, in, not_equal, greater_equal,
    // greater_than, less_equal, less_than and between": https://www.zoho.com/crm/developer/docs/api/v7/search-records.html).
    for (const bad of ['First_Name:equals:Mary)', 'First_Name:equals:Mary and (Amount:equals:1)', '(First_Name:equals)', '(First_Name:like:M)', '(A:equals:1)(B:equals:2)', '(A:between:1)', '(A:equals:(x))', '(A:not_in:1,2)']) {
      expect(() => parseCriteria(bad), bad).toThrow(CriteriaError);
    }
  });
});
