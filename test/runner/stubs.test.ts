/** A stub file (`--stub FILE`) is checked as the config's `stubs` are: each error at the key or value at fault. */
import { describe, expect, it } from 'vitest';
import { parseStubs, StubError } from '../../src/runner/stubs.js';

function stubError(text: string): { message: string; at?: { line: number; column: number }; text?: string } {
  try {
    parseStubs(text, 'stubs.json');
  } catch (error) {
    if (!(error instanceof StubError)) throw error;
    const location = error.location;
    return { message: error.message, ...(location && { at: location.file.position(location.span.start), text: location.file.text.slice(location.span.start, location.span.end) }) };
  }
  throw new Error('no error');
}

describe('parseStubs', () => {
  it('keeps good stubs, a task stub without a response answering null', () => {
    const text = JSON.stringify([{ task: 'zoho.books.getRecords' }, { method: 'GET', url: 'https://api.x.com/*', status: 404, response: 'gone', headers: { 'retry-after': '2' } }]);
    expect(parseStubs(text, 'stubs.json')).toEqual([
      { task: 'zoho.books.getRecords', response: null },
      { method: 'GET', url: 'https://api.x.com/*', status: 404, response: 'gone', headers: { 'retry-after': '2' } },
    ]);
  });

  it('refuses a key a stub does not take, with the nearest one, at that key', () => {
    expect(stubError('[\n  { "url": "https://api.x.com/*", "staus": 500 }\n]')).toEqual({
      message: 'stub 1: unknown key "staus" (did you mean "status"?); a request stub takes "method", "url", "status", "response", "headers"',
      at: { line: 2, column: 35 },
      text: '"staus"',
    });
    // A stub naming a task and a URL is neither.
    expect(stubError('[{ "task": "zoho.books.getRecords", "url": "https://x/*" }]')).toMatchObject({ message: expect.stringMatching(/^stub 1: unknown key "url"/), text: '"url"' });
  });

  it('names the file when there is nothing to point at', () => {
    expect(stubError('{}')).toEqual({ message: 'stubs.json: the stubs must be a JSON array' });
    expect(stubError('[1]')).toEqual({ message: 'stubs.json: stub 1 is not an object' });
  });
});
