/** `deluge lint` through the real binary: exit codes, a code frame, SARIF on stdout. In-process tests: test/linter. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeluge } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-lint-'));
  writeFileSync(join(dir, 'bad.dg'), 'resp = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Lead?ids=1,2"\n\ttype: DELETE\n\tconnection: "crm"\n];\ninfo resp.get("data");\n');
  writeFileSync(join(dir, 'good.dg'), 'total = 0;\nfor each n in {1, 2}\n{\n\ttotal = total + n;\n}\ninfo total;\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deluge lint', () => {
  it('reports a Delete Records mistake with its code and a code frame; exit 1; a clean file exits 0', async () => {
    const bad = await runDeluge(dir, ['lint', 'bad.dg']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('bad.dg:3:40: error[DLG5402]');
    expect(bad.stdout).toMatch(/^3 \| \s*url: "https:\/\/www\.zohoapis\.com\/crm\/v7\/Lead\?ids=1,2"$/m);
    const good = await runDeluge(dir, ['lint', 'good.dg']);
    expect(good.code).toBe(0);
  });

  it('--format sarif prints one SARIF 2.1.0 document with the rule and the region', async () => {
    const r = await runDeluge(dir, ['lint', 'bad.dg', 'good.dg', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'DLG5402');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('bad.dg');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 40 });
    expect(run.tool.driver.rules.some((rule: { id: string; name: string }) => rule.id === 'DLG5402' && rule.name === 'delete-unsupported-module')).toBe(true);
  });
});
