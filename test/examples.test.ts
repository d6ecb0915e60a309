import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, type Node, type TaskExpr } from '../src/index.js';

/**
 * The scripts in examples/ are realistic Deluge as people write it; every one must parse cleanly with the
 * default options (docs-sample auto-detection on). The Delete Records sample is there twice: typed cleanly,
 * and exactly as copied from Zoho's docs page; both must give the same program.
 */

const dir = new URL('../examples/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
const examples = readdirSync(dir)
  .filter((name) => name.endsWith('.dg'))
  .sort();

const PASTED = 'delete-records-docs-pasted.dg';
const CLEAN = 'delete-records-docs-sample.dg';

/** A deep copy without the position fields, so trees from differently laid-out texts can be compared. */
function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'span' && key !== 'keySpan')
      .map(([key, v]) => [key, withoutSpans(v)]),
  );
}

function findNode<K extends Node['kind']>(root: unknown, kind: K): Extract<Node, { kind: K }> | undefined {
  if (Array.isArray(root)) {
    for (const item of root) {
      const found = findNode(item, kind);
      if (found) return found;
    }
    return undefined;
  }
  if (root === null || typeof root !== 'object') return undefined;
  if ((root as { kind?: unknown }).kind === kind) return root as Extract<Node, { kind: K }>;
  for (const value of Object.values(root)) {
    const found = findNode(value, kind);
    if (found) return found;
  }
  return undefined;
}

describe('examples/', () => {
  it('holds both Delete Records samples and at least twelve more scripts', () => {
    expect(examples).toContain(PASTED);
    expect(examples).toContain(CLEAN);
    expect(examples.length).toBeGreaterThanOrEqual(14);
  });

  it.each(examples)('%s parses with no diagnostics', (name) => {
    const result = parse(read(name));
    expect(result.diagnostics).toEqual([]);
    expect(result.value.body.length).toBeGreaterThan(0);
  });

  it.each(examples.filter((name) => name !== PASTED))('%s opens with a header comment', (name) => {
    // A Creator page must start with `<%{`, so its header comment is the first line inside the code block.
    const firstLine = read(name).replace(/^<%\{\s*/, '').trimStart();
    expect(firstLine.startsWith('//')).toBe(true);
  });

  it('examples/README.md lists every example', () => {
    const readme = read('README.md');
    for (const name of examples) expect(readme, name).toContain(`\`${name}\``);
  });
});

describe('the Delete Records sample pasted from the docs page', () => {
  const pastedText = read(PASTED);
  const pasted = parse(pastedText);
  const clean = parse(read(CLEAN));

  it('is the paste itself: the copy button label, markdown escapes and tabs are all there', () => {
    expect(pastedText.startsWith('Copiedresponse = invokeurl\n[\\\n\turl: ')).toBe(true);
    expect(pastedText.match(/\\\n/g)).toHaveLength(4);
  });

  it('is detected as a docs sample, and the clean one is not', () => {
    expect(pasted.docsNormalised).toBe(true);
    expect(clean.docsNormalised).toBe(false);
  });

  it('parses with no diagnostics', () => {
    expect(pasted.diagnostics).toEqual([]);
  });

  it('gives the same program as the clean sample, positions aside', () => {
    // The clean sample's header comment is in Program.comments; the statements must match exactly.
    expect(withoutSpans(pasted.value.body)).toEqual(withoutSpans(clean.value.body));
    expect(pasted.value.comments).toEqual([]);
  });

  it('keeps its spans pointing into the text as pasted', () => {
    const task = findNode(pasted.value.body, 'TaskExpr') as TaskExpr;
    expect(task.params.map((p) => p.key)).toEqual(['url', 'type', 'connection']);
    for (const param of task.params) {
      expect(pastedText.slice(param.keySpan.start, param.keySpan.end)).toBe(param.key);
    }
    expect(pastedText.slice(task.span.start, task.span.start + 'invokeurl'.length)).toBe('invokeurl');
    const info = pasted.value.body[1]!;
    expect(pastedText.slice(info.span.start, info.span.end)).toBe('info response;');
  });
});
