import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstBytes } from '../../src/runner/session.js';
import { CRM_CONNECTION, SAMPLE_IDS, sandboxRun, ZOHO_CRM } from './helpers.js';

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

describe('the audit log (--log-requests)', () => {
  it('ends a last line cut short before appending, so that every line stays JSON; a whole last line is appended to as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deluge-audit-'));
    try {
      const cut = join(dir, 'cut.ndjson');
      const whole = join(dir, 'whole.ndjson');
      writeFileSync(cut, '{"earlier":"line"}\n{"cut":"sho');
      writeFileSync(whole, '{"earlier":"line"}\n');
      for (const logRequests of [cut, whole]) {
        const t = await sandboxRun({ logRequests });
        try {
          const result = await t.run(`r = invokeurl [ url: "${ZOHO_CRM}/v7/Leads?ids=${SAMPLE_IDS[0]}" type: DELETE connection: "${CRM_CONNECTION}" ];`);
          expect(result.diagnostics).toEqual([]);
        } finally {
          await t.close();
        }
      }
      const lines = readFileSync(cut, 'utf8').split('\n');
      expect(lines.slice(0, 2)).toEqual(['{"earlier":"line"}', '{"cut":"sho']);
      expect(JSON.parse(lines[2]!)).toMatchObject({ method: 'DELETE', status: 200 });
      expect(lines.slice(3)).toEqual(['']);
      const wholeLines = readFileSync(whole, 'utf8').split('\n');
      expect(wholeLines).toHaveLength(3);
      expect(JSON.parse(wholeLines[1]!)).toMatchObject({ method: 'DELETE' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
