/** The sandbox's time stamps: Zoho's form, whole seconds in UTC, whatever time was formatted before. */
import { describe, expect, it } from 'vitest';
import { zohoTime } from '../../src/sandbox/json.js';

describe('zohoTime', () => {
  it("gives Zoho's form, the milliseconds dropped", () => {
    expect(zohoTime(Date.UTC(2025, 0, 15, 10, 20, 30, 999))).toBe('2025-01-15T10:20:30+00:00');
    expect(zohoTime(Date.UTC(2025, 0, 15, 10, 20, 30, 0))).toBe('2025-01-15T10:20:30+00:00');
  });

  it('moves on with the second, in both directions', () => {
    expect(zohoTime(Date.UTC(2025, 0, 15, 10, 20, 31, 1))).toBe('2025-01-15T10:20:31+00:00');
    expect(zohoTime(Date.UTC(2024, 11, 31, 23, 59, 59, 500))).toBe('2024-12-31T23:59:59+00:00');
    expect(zohoTime(-1)).toBe('1969-12-31T23:59:59+00:00');
  });
});
