/**
 * maskCredentialsKeepingColumns: what code frames of Deluge source mask — credentials, however the script holds
 * them — and what they must leave readable (dates, record ids, ordinary hyphenated text).
 */
import { describe, expect, it } from 'vitest';
import { maskCredentialsKeepingColumns } from '../../src/http/redact.js';

const stars = (text: string) => '*'.repeat(text.length);

describe('maskCredentialsKeepingColumns', () => {
  it('masks cookies and the keys of other services wherever they are, column for column', () => {
    const cookie = 'sid=COOKIESECRET666';
    expect(maskCredentialsKeepingColumns(`headers: {"Cookie": "${cookie}"}`)).toBe(`headers: {"Cookie": "${stars(cookie)}"}`);
    for (const key of ['sk_live_51HxYzAbCdEfGhIjKlMnOp', 'ghp_0123456789abcdefghijABCDEFGHIJ012345', 'xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'AKIAIOSFODNN7EXAMPLE']) {
      expect(maskCredentialsKeepingColumns(`key = "${key}";`), key).toBe(`key = "${stars(key)}";`);
    }
  });

  it('leaves ordinary values alone: session dates and ids, hyphenated words', () => {
    for (const line of [
      '{"Session_Date": "2024-03-10", "Session_Name": "Spring-Webinar-2024"}',
      '{"session_id": "410405000002264040"}',
      'signature = "Love, xoxo-the-whole-zylker-team";',
    ]) {
      expect(maskCredentialsKeepingColumns(line)).toBe(line);
    }
  });
});
