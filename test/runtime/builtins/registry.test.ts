import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../../src/runtime/builtins/index.js';
import type { ArgType, BuiltinSpec } from '../../../src/runtime/builtins/registry.js';

/**
 * The builtin declarations as a whole: every one documented and cited, no two fighting over the same name and
 * receiver type, and every one exercised by at least two annotated cases (test/runtime/cases).
 */
const casesRoot = new URL('../cases/', import.meta.url);

function caseTexts(dir: URL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? caseTexts(new URL(`${e.name}/`, dir)) : e.name.endsWith('.dg') ? [readFileSync(new URL(e.name, dir), 'utf8')] : [],
  );
}

const corpus = caseTexts(casesRoot).join('\n');
const receiverTypes = (spec: BuiltinSpec): readonly ArgType[] =>
  spec.receiver === undefined ? [] : typeof spec.receiver === 'string' ? [spec.receiver] : spec.receiver;

describe('builtin declarations', () => {
  it('each has a summary and cites a Zoho page', () => {
    for (const spec of BUILTINS.all) {
      expect(spec.summary.length, spec.name).toBeGreaterThan(10);
      expect(spec.docs, spec.name).toMatch(/^https:\/\/(www\.)?(zoho\.com|deluge\.zoho\.com)\//);
    }
  });

  it('no two declarations of one name apply to the same receiver type', () => {
    const clashes: string[] = [];
    const seen = new Map<string, string>();
    for (const spec of BUILTINS.all) {
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        const types = receiverTypes(spec);
        for (const type of types.length ? types : ['(none)']) {
          const key = `${name.toLowerCase()} ${type}`;
          const other = seen.get(key);
          if (other && other !== `${spec.area}:${spec.name}`) clashes.push(`${key}: ${other} and ${spec.area}:${spec.name}`);
          seen.set(key, `${spec.area}:${spec.name}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('each is used by at least two annotated cases, under its name or an alias', () => {
    const missing: string[] = [];
    for (const spec of BUILTINS.all) {
      const names = [spec.name, ...(spec.aliases ?? [])].map((n) => n.replace(/[.]/g, '\\.'));
      const uses = corpus.match(new RegExp(`(?<![\\w])(${names.join('|')})\\s*\\(`, 'gi'))?.length ?? 0;
      if (uses < 2) missing.push(`${spec.area}:${spec.name} (${uses})`);
    }
    expect(missing).toEqual([]);
  });
});
