import { describe, expect, it } from 'vitest';
import { firstBytes } from '../../src/runner/session.js';

/** The audit log's response bodies are "truncated to 64 KiB" (docs/cli): bytes of UTF-8, cut between characters. */
describe('firstBytes', () => {
  it('keeps a text that fits, and cuts a longer one to the limit in bytes, not in characters', () => {
    expect(firstBytes('record deleted', 64)).toBe('record deleted');
    const accented = 'é'.repeat(70_000);
    const cut = firstBytes(accented, 64 * 1024);
    expect(Buffer.byteLength(cut)).toBe(64 * 1024);
    expect(cut).toBe('é'.repeat(32 * 1024));
  });

  it('never cuts inside a character: a 3-byte or 4-byte one at the limit is left out whole', () => {
    expect(firstBytes(`ab${'€'.repeat(10)}`, 6)).toBe('ab€');
    expect(firstBytes(`a${'😀'.repeat(10)}`, 8)).toBe('a😀');
    expect(firstBytes('😀😀', 3)).toBe('');
  });
});
