/**
 * Docs pages and the samples `extractSamples` must find in them: each page in fixtures/extract/ (Markdown or HTML,
 * read as its extension says) beside `<page>.json`, the samples expected, in order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSamples, type Sample } from '../../src/index.js';

const DIR = new URL('./fixtures/extract/', import.meta.url);
const pages = readdirSync(DIR).filter((name) => !name.endsWith('.json'));

describe('the samples of the docs pages in fixtures/extract', () => {
  it.each(pages)('%s', (name) => {
    const page = readFileSync(new URL(name, DIR), 'utf8');
    const expected = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Sample[];
    expect(extractSamples(page)).toEqual(expected);
  });
});
