import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'deluge-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The settings file read in-process: a bad one is DLG0004 naming what is wrong (exit 2 in the CLI). */
function configError(settings: unknown): UsageError | undefined {
  const path = join(dir, 'deluge.config.json');
  writeFileSync(path, JSON.stringify(settings));
  try {
    loadConfig(path);
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
}

describe('deluge.config.json', () => {
  it('stubs are checked as a stub file is: not a list, or an entry naming neither task nor url, is DLG0004', () => {
    for (const [stubs, message] of [
      ['./stubs.json', /"stubs": the stubs must be a JSON array/],
      [{ task: 'zoho.books.getRecords' }, /"stubs": the stubs must be a JSON array/],
      [[{ response: { x: 1 } }], /^stub 1 needs a "task" name or a "url" pattern/],
      [[{ url: 'https://x.example/*', status: '200' }], /^stub 1: "status" must be an HTTP status/],
      [[{}], /"stubs": stub 1 needs a "task" name or a "url" pattern/],
    ] as const) {
      const error = configError({ stubs });
      expect(error?.code, JSON.stringify(stubs)).toBe('DLG0004');
      expect(error?.message).toMatch(message);
    }
  });

  it('a byte-order mark (Windows editors write one) is read past, for the config as for scripts', () => {
    const path = join(dir, 'deluge.config.json');
    writeFileSync(path, `\uFEFF${JSON.stringify({ timeZone: 'UTC' })}`);
    expect(loadConfig(path).timeZone).toBe('UTC');
  });

  it('good stubs are kept', () => {
    const path = join(dir, 'deluge.config.json');
    writeFileSync(path, JSON.stringify({ stubs: [{ task: 'zoho.books.getRecords', response: { code: 0 } }] }));
    expect(loadConfig(path).stubs).toMatchObject([{ task: 'zoho.books.getRecords', response: { code: 0 } }]);
  });
});

describe('deluge.config.json errors point at the setting (cli.md: file:line:col and a code frame)', () => {
  const located = (text: string) => {
    const path = join(dir, 'deluge.config.json');
    writeFileSync(path, text);
    try {
      loadConfig(path);
    } catch (error) {
      if (!(error instanceof UsageError) || !error.location) throw error;
      const { file, span } = error.location;
      return { code: error.code, message: error.message, at: file.position(span.start), text: file.text.slice(span.start, span.end) };
    }
    throw new Error('no error');
  };

  it('run settings: a bad value or an unknown key is an error at it (a negative maxStatements was blamed on the flag)', () => {
    expect(located('{\n  "run": { "maxStatements": -1 }\n}\n')).toMatchObject({ code: 'DLG0004', message: '"run.maxStatements" must be a whole number above 0', at: { line: 2, column: 29 } });
    expect(located('{ "run": { "maxStatement": 5 } }')).toMatchObject({ message: expect.stringMatching(/^unknown setting "run.maxStatement" \(did you mean "maxStatements"\?\)/), text: '"maxStatement"' });
    expect(located('{ "run": { "system": "x" } }')).toMatchObject({ message: expect.stringMatching(/^"run.system" must be an object of texts/), text: '"x"' });
    expect(located('{ "run": { "crmConnection": "my crm" } }')).toMatchObject({ message: expect.stringMatching(/^"run.crmConnection" must be a connection link name/) });
  });

  it('invalid JSON: where the parser stopped', () => {
    expect(located('{\n  "timeZone": "UTC",\n}\n')).toMatchObject({ code: 'DLG0004', at: { line: 3, column: 1 }, text: '}' });
    // After a byte-order mark too: the place is where it is in the file.
    expect(located('\uFEFF{\n  "timeZone": "UTC",\n}\n')).toMatchObject({ code: 'DLG0004', at: { line: 3, column: 1 }, text: '}' });
    // JSON.parse gives no position for these, and quotes the text around the token (which is not repeated).
    expect(located('')).toMatchObject({ code: 'DLG0004', message: 'not valid JSON (Unexpected end of JSON input)', at: { line: 1, column: 1 } });
    expect(located('{\n  "timeZone": UTC\n}\n')).toMatchObject({ message: 'not valid JSON (Unexpected text: a text value is written in double quotes)', at: { line: 2, column: 15 }, text: 'U' });
    // JSON, but not an object: at the value.
    expect(located('\n  []\n')).toMatchObject({ code: 'DLG0004', message: 'the settings must be a JSON object', at: { line: 2, column: 3 }, text: '[' });
  });

  it('a misspelt setting is an error, not ignored (a rule meant to be off would stay on), with the nearest name', () => {
    expect(located('{\n  "lint": {},\n  "timezone": "UTC"\n}\n')).toMatchObject({
      code: 'DLG0004',
      message: expect.stringMatching(/^unknown setting "timezone" \(did you mean "timeZone"\?\)/),
      at: { line: 3, column: 3 },
      text: '"timezone"',
    });
    writeFileSync(join(dir, 'ok.json'), '{ "$schema": "./deluge.schema.json", "lint": {} }');
    expect(loadConfig(join(dir, 'ok.json'))).toMatchObject({ lint: {} });
  });

  it('stubs: an unknown key (a "respons" answered null, unseen) or a bad value is an error at it', () => {
    const text = '{\n  "stubs": [\n    { "task": "zoho.books.getRecords", "response": {} },\n    { "task": "zoho.books.createRecord", "respons": {} }\n  ]\n}\n';
    expect(located(text)).toMatchObject({
      code: 'DLG0004',
      message: 'stub 2: unknown key "respons" (did you mean "response"?); a task stub takes "task", "response"',
      at: { line: 4, column: 42 },
      text: '"respons"',
    });
    expect(located('{ "stubs": [{ "url": "https://x/*", "headers": { "retry-after": 2 } }] }')).toMatchObject({ message: expect.stringMatching(/^stub 1: "headers" must be an object of texts/), text: '{' });
    expect(located('{ "stubs": [{ "url": "https://x/*", "method": "GET /" }] }')).toMatchObject({ message: expect.stringMatching(/^stub 1: "method" must be a method name/), text: '"GET /"' });
    expect(located('{ "stubs": [{ "task": 5 }] }')).toMatchObject({ message: 'stub 1: "task" must be a text', text: '5' });
    // An element's commas inside texts are no element's end.
    expect(located('{ "stubs": [{ "task": "a,b", "response": "x,y" }, { "url": "https://x/*", "status": 99 }] }')).toMatchObject({ message: expect.stringMatching(/^stub 2: "status"/), text: '99' });
  });

  it('a wrong value: the value', () => {
    expect(located('{ "$schema": "./schema.json", "timeZone": "Mars/Olympus" }')).toMatchObject({ at: { line: 1, column: 43 }, text: '"Mars/Olympus"' });
  });
});
