/**
 * `detectShell` (`--shell auto`): the shell a pasted command was written for, from the shell's own syntax only.
 * The fixtures of curl-inputs.test.ts cover whole pastes; these cases pin where a word counts as a command.
 */
import { describe, expect, it } from 'vitest';
import { importCurl } from '../../src/importers/curl.js';
import { detectShell } from '../../src/importers/curl/shell.js';

describe('detectShell', () => {
  it.each([
    ['curl.exe as the command', 'curl.exe https://example.com/a', 'powershell'],
    ['curl.exe after a PowerShell prompt', 'PS C:\\> curl.exe https://example.com/a', 'powershell'],
    ['curl.exe after a $ prompt', '  $ curl.exe https://example.com/a', 'powershell'],
    ['curl.exe after ;', 'cd x; curl.exe https://example.com/a', 'powershell'],
    ['curl.exe as an argument', 'curl https://example.com/a -A curl.exe', 'posix'],
    ['curl.exe after a word and $', 'echo $ curl.exe https://example.com/a', 'posix'],
    ['cmd comments before a cmd paste', `${'REM it\'s a comment\r\n'.repeat(3)}curl ^"https://example.com/a^" ^\r\n  -X DELETE`, 'cmd'],
    ['REM inside a word', 'curl https://example.com/a -H "X: 1" -A myREM', 'posix'],
    ['a backtick substitution ending the text', 'curl https://example.com/a --data @- < `echo body.json`', 'posix'],
    ['a backtick substitution ending a line', 'curl https://example.com/a -H "X-Id: "`cat id.txt`\n', 'posix'],
    ['a backtick continuation after a closed substitution', 'curl.exe https://example.com/a `\n  -A `x` `\n  -X DELETE', 'powershell'],
  ])('%s', (_, text, shell) => {
    expect(detectShell(text)).toBe(shell);
  });

  it('reads a long paste of comments and commands (each word looked at from its own line)', () => {
    const comments = 'REM one of many\n'.repeat(5000);
    expect(detectShell(`${comments}curl ^"https://example.com/a^" ^\n  -X DELETE`)).toBe('cmd');
    expect(detectShell(`${comments}curl.exe https://example.com/a`)).toBe('powershell');
  });
});

describe('a line that goes on without its line end escaped (DLG6111)', () => {
  const said = (command: string) => importCurl(command).diagnostics.filter((d) => d.code === 'DLG6111').map((d) => d.message);

  it("says the line above has no '\\' (as Zoho's docs print commands)", () => {
    expect(said("curl https://api.example.com/ts\n  -H 'X-A: 1'")).toEqual([expect.stringMatching(/^this line continues the curl command above without a '\\' at the end of that line/)]);
  });

  it("says the '\\' of the line above is followed by a space, which a shell reads as an escaped space", () => {
    expect(said("curl https://api.example.com/ts \\ \n  -H 'X-A: 1'")).toEqual([expect.stringMatching(/^the line above ends with '\\' and then a space, which a shell reads as an escaped space/)]);
  });
});
