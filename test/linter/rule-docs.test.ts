/**
 * docs/rules/ is generated from the rules' metadata by scripts/gen-rule-docs.ts: this test compares (it never
 * writes) and fails when a page is stale, missing or left over. Fix: `npx tsx scripts/gen-rule-docs.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type CodeInfo } from '../../src/diagnostics/codes.js';
import { allRules } from '../../src/linter/config.js';
import { lint } from '../../src/linter/lint.js';
import { RULE_DOCS_DIR, ruleDocs, rulePage } from '../../scripts/gen-rule-docs.js';

const FIX = 'docs/rules/ is out of date: run `npx tsx scripts/gen-rule-docs.ts` (npm run rule-docs)';

describe('docs/rules', () => {
  const expected = ruleDocs();

  it.each([...expected.keys()])('%s is up to date', (name) => {
    const path = join(RULE_DOCS_DIR, name);
    expect(existsSync(path), `${FIX}: ${name} is missing`).toBe(true);
    expect(readFileSync(path, 'utf8'), `${FIX}: ${name} differs`).toBe(expected.get(name));
  });

  it('holds no page of a rule that does not exist', () => {
    const pages = existsSync(RULE_DOCS_DIR) ? readdirSync(RULE_DOCS_DIR).filter((f) => f.endsWith('.md')) : [];
    expect(pages.filter((f) => !expected.has(f)), FIX).toEqual([]);
  });

  it('indexes every rule code of the registry (README.md lists only DLG5000 and the other ranges)', () => {
    const index = expected.get('README.md')!;
    for (const code of Object.keys(CODES).filter((c) => c.startsWith('DLG5'))) expect(index, `${code} is not in docs/rules/README.md`).toContain(`| ${code} |`);
  });
});

describe('rule metadata the docs are made from', () => {
  const rules = allRules();

  it('ids are kebab-case and unique, codes unique', () => {
    const ids = rules.map((r) => r.meta.id);
    const codes = rules.map((r) => r.meta.code);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("every lint code belongs to one rule, whose id is the code's name", () => {
    const byCode = new Map(rules.map((r) => [r.meta.code as string, r]));
    for (const [code, info] of Object.entries(CODES as Record<string, CodeInfo>)) {
      if (!code.startsWith('DLG5')) continue;
      const rule = byCode.get(code);
      expect(rule, `${code} (${info.name}) has no rule in the registry`).toBeDefined();
      expect(rule!.meta.id).toBe(info.name);
      if (rule!.meta.severity !== 'off') expect(rule!.meta.severity, `${code}: the code's severity is the rule's default`).toBe(info.severity);
    }
  });

  it('every rule has what, why and at least one example each way', () => {
    for (const { meta } of rules) {
      expect(meta.summary.trim(), meta.id).not.toBe('');
      expect(meta.docs.what.trim(), meta.id).not.toBe('');
      expect(meta.docs.why.trim(), meta.id).not.toBe('');
      expect(meta.docs.invalid.length, `${meta.id}: no invalid example`).toBeGreaterThan(0);
      expect(meta.docs.valid.length, `${meta.id}: no valid example`).toBeGreaterThan(0);
    }
  });

  it("no rule's valid example is an error of another rule (the pages must not contradict each other)", () => {
    const contradictions = rules.flatMap(({ meta }) =>
      meta.docs.valid.flatMap((text, i) =>
        lint('example.dg', text)
          .diagnostics.filter((d) => d.severity === 'error')
          .map((d) => `${meta.id} valid example ${i + 1}: ${d.ruleId} ${d.message}`),
      ),
    );
    expect(contradictions).toEqual([]);
  });

  it('a page tells how to turn its rule off in a way that works', () => {
    const docs = ruleDocs(rules);
    // The rules about suppression comments are reported after the comments are applied: a comment cannot hold them back.
    for (const id of ['unused-suppression', 'suppression-without-reason']) {
      expect(docs.get(`${id}.md`), id).not.toContain(`deluge-disable-next-line ${id}`);
      expect(docs.get(`${id}.md`), id).toContain(`--rule ${id}=off`);
    }
    expect(docs.get('null-unchecked.md')).toContain('Where [`response-unchecked`](response-unchecked.md) reports the very expression it would, only that report is given');
  });

  it('a page has the sections the rule docs promise', () => {
    const page = rulePage(rules.find((rule) => rule.meta.id === 'unused-suppression')!.meta);
    for (const heading of ['# `unused-suppression`', '| `DLG5000` | suspicious | warning | no |', '## What it reports', '## Why it matters', '## Examples', 'Reported:', 'Not reported:', '## Turning it off']) {
      expect(page).toContain(heading);
    }
  });
});
