/**
 * End-to-end tests of the `deluge` command line through the real bundled binary (bin/deluge.js → dist/cli.js,
 * built by test/global-setup.ts), against the contract in the CLI design (exit codes, output shapes).
 * Each spawn costs ~0.3 s, so every spawn checks as much as it can.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runDeluge } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

let dir: string;

const deluge = (args: string[], stdin?: string) => runDeluge(dir, args, stdin);

// Two errors: a missing `;` at the end of line 1 and a missing value on line 2.
const BROKEN = 'x = 1\ny = ;\ninfo y;\n';
const CLEAN = 'string standalone.greet(String name)\n{\n\tif (name == "") {\n\t\treturn "nobody";\n\t}\n\treturn "Hello " + name;\n}\n';
/** The Deluge sample of Zoho's Delete Records page, as copied from the site (`Copied`, `[\`, `\` at line ends). */
const DOCS_SAMPLE = readFileSync(join(FIXTURES, 'delete-records.dg'), 'utf8');
/** The same sample with the closing quote of the connection name missing (line 5 of the text as pasted). */
const DOCS_BROKEN = DOCS_SAMPLE.replace('"crm_oauth_connection"', '"crm_oauth_connection');

const JSON_KEYS = ['filePath', 'messages', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount'];
const MESSAGE_KEYS = ['ruleId', 'code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deluge-cli-'));
  writeFileSync(join(dir, 'clean.dg'), CLEAN);
  writeFileSync(join(dir, 'broken.dg'), BROKEN);
  writeFileSync(join(dir, 'docs.dg'), DOCS_SAMPLE);
  writeFileSync(join(dir, 'docs-broken.dg'), DOCS_BROKEN);
  writeFileSync(join(dir, 'page.md'), readFileSync(join(FIXTURES, 'delete-records.md'), 'utf8'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('deluge check', () => {
  it('exits 0 and prints nothing for a clean file', async () => {
    const r = await deluge(['check', 'clean.dg']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 with file:line:col, the code and a code frame for each error, across several files', async () => {
    const r = await deluge(['check', 'clean.dg', 'broken.dg']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('clean.dg');
    const lines = r.stdout.split('\n');
    // The missing `;`: reported right after `1`, with the line and a caret under column 6.
    const head = lines.findIndex((l) => l.startsWith('broken.dg:1:6: error[DLG2001]'));
    expect(head, r.stdout).toBeGreaterThanOrEqual(0);
    expect(lines[head + 1]).toBe('1 | x = 1');
    expect(lines[head + 2]).toBe('  |      ^');
    // The missing value: `;` at line 2, column 5, shown with a line of context.
    const second = lines.findIndex((l) => l.startsWith('broken.dg:2:5: error[DLG2002]'));
    expect(second, r.stdout).toBeGreaterThan(head);
    expect(lines.slice(second + 1, second + 4)).toEqual(['1 | x = 1', '2 | y = ;', '  |     ^']);
    expect(r.stdout).toMatch(/^Found 2 errors and 0 warnings in 1 file\.$/m);
  });

  it('string-width is loaded at its first call: a clean check makes no Intl.Segmenter; a code frame still measures wide text', () => {
    // Imported eagerly, string-width made a segmenter and emoji patterns at every start-up (about 50 ms of 380): the
    // build gives it a stand-in (scripts/build.mjs). The spy says when a segmenter is made.
    writeFileSync(join(dir, 'segmenter-spy.mjs'), "const Made = Intl.Segmenter;\nIntl.Segmenter = class extends Made {\n  constructor(...args) {\n    process.stderr.write('[segmenter made]\\n');\n    super(...args);\n  }\n};\n");
    // (In a folder of their own: the glob test below lists the scripts at the top.)
    mkdirSync(join(dir, 'own'), { recursive: true });
    writeFileSync(join(dir, 'own', 'wide.dg'), 'x = "日本😀"; y = ;\n');
    const check = (file: string) => spawnSync(process.execPath, ['--import', './segmenter-spy.mjs', BIN, 'check', file], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const clean = check('clean.dg');
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([0, '', '']);
    const wide = check('own/wide.dg');
    expect(wide.status).toBe(1);
    expect(wide.stderr).toBe('[segmenter made]\n');
    // Two columns for each of 日, 本 and 😀: the caret under the `;`.
    expect(wide.stdout).toContain('1 | x = "日本😀"; y = ;\n  |                   ^\n');
  });

  it('the zoho.encryption builtins in the built CLI: their @noble packages, loaded at first use, give the standard digests', async () => {
    // (scripts/build.mjs gives the packages stand-ins that load them when first called or read from: `hmac(sha256, …)`
    // reads `sha256.create`.) Expected: the FIPS 180 "abc" digests, RFC 1321's MD5 of "abc", and the HMACs of
    // Wikipedia's example (key "key", "The quick brown fox jumps over the lazy dog").
    const fox = 'The quick brown fox jumps over the lazy dog';
    mkdirSync(join(dir, 'own'), { recursive: true });
    writeFileSync(
      join(dir, 'own', 'digests.dg'),
      [
        'info zoho.encryption.sha256("abc");',
        'info zoho.encryption.sha512("abc");',
        'info zoho.encryption.md5("abc");',
        'info zoho.encryption.sha1("abc");',
        `info zoho.encryption.hmacsha256("key", "${fox}", "hex");`,
        `info zoho.encryption.hmacsha1("key", "${fox}", "hex");`,
        'info zoho.encryption.aesDecode("0123456789abcdef", zoho.encryption.aesEncode("0123456789abcdef", "secret text"));',
        '',
      ].join('\n'),
    );
    const r = await deluge(['run', 'own/digests.dg']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
      '900150983cd24fb0d6963f7d28e17f72',
      'a9993e364706816aba3e25717850c26c9cd0d89d',
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
      'de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9',
      'secret text',
      '',
    ]);
  });

  it('takes options before the command name too (only the command a word names is loaded; `--config` named none)', async () => {
    writeFileSync(join(dir, 'empty-config.json'), '{}');
    const r = await deluge(['--config', 'empty-config.json', 'check', 'broken.dg']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^broken\.dg:1:6: error\[DLG2001\]/m);
  });

  it('exits 2 with DLG0001 for a missing file', async () => {
    const r = await deluge(['check', 'clean.dg', 'no-such-file.dg']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[DLG0001\].*no-such-file\.dg/);
  });

  it('exits 2 with DLG0002 for an unknown flag', async () => {
    const r = await deluge(['check', 'clean.dg', '--bogus-flag']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[DLG0002\].*bogus-flag/);
    // An unknown option before the file takes the file as its value: yargs then only asks for a file.
    const before = await deluge(['check', '--bogus-flag', 'clean.dg']);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain("'clean.dg' was read as the value of --bogus-flag");
    // No file named at all: what to name, as lint and fmt say it.
    const none = await deluge(['check']);
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, "deluge: error[DLG0002] name the files to check ('-' for standard input)"]);
  });

  it('exits 2 with DLG0002 for an option of one value given twice (emit crashed on `--to curl --to ts`)', async () => {
    const r = await deluge(['emit', 'clean.dg', '--to', 'curl', '--to', 'ts']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[DLG0002] --to is given 2 times (curl, ts); give it once');
  });

  it('reads the files named after `--`, one starting with - too (they were never read: `lint ok.dg -- bad.dg` passed)', async () => {
    writeFileSync(join(dir, '-dash.dg'), 'x = ;\n');
    const r = await deluge(['check', 'clean.dg', '--', '-dash.dg']).finally(() => rmSync(join(dir, '-dash.dg')));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("./-dash.dg:1:5: error[DLG2002] unexpected ';'");
  });

  it('standard input named twice is the same text twice (check read it empty the second time); a folder as standard input is an error, not an empty pass', async () => {
    const twice = await deluge(['check', '-', '-', '--format', 'json'], 'x = ;\n');
    expect((JSON.parse(twice.stdout) as { errorCount: number }[]).map((r) => r.errorCount)).toEqual([1, 1]);
    const folder = openSync(dir, 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'lint', '-'], { cwd: dir, stdio: [folder, 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect([r.status, r.stderr]).toEqual([2, "deluge: error[DLG0001] cannot read '<stdin>': is a directory\n"]);
    } finally {
      closeSync(folder);
    }
  });

  it("refuses '-' as an option's value (it named a file called <stdin>: `lint -o -` created one, `--config -` looked for one)", async () => {
    const out = await deluge(['lint', 'clean.dg', '-o', '-', '--format', 'json']);
    expect([out.code, out.stdout]).toEqual([2, '']);
    expect(out.stderr).toContain("error[DLG0002] --output-file is given '-', which names standard input or output only for the files a command reads: give it a file name (without it, the output goes to standard output)");
    const config = await deluge(['check', 'clean.dg', '--config', '-'], '{}');
    expect(config.code).toBe(2);
    expect(config.stderr).toContain("--config is given '-'");
    expect(existsSync(join(dir, '<stdin>'))).toBe(false);
    // Where '-' is standard input, it still is: a command's files, and import's --file.
    const stdin = await deluge(['check', '-'], 'x = 1;\n');
    expect(stdin.code).toBe(0);
    const imported = await deluge(['import', '--file', '-'], 'curl https://api.example.com/x\n');
    expect([imported.code, imported.stdout]).toEqual([0, expect.stringContaining('url : "https://api.example.com/x"')]);
  });

  it('exits 2 with DLG0002 for a number option given twice, in any spelling (yargs kept the last: `sandbox --port 0 --port 1` listened on 1)', async () => {
    const port = await deluge(['sandbox', '--port', '0', '--port=1']);
    expect(port.code).toBe(2);
    expect(port.stdout).toBe('');
    expect(port.stderr).toContain('error[DLG0002] --port is given 2 times (0, 1); give it once');
    const warnings = await deluge(['lint', 'clean.dg', '--max-warnings', '0', '--maxWarnings', '5']);
    expect(warnings.code).toBe(2);
    expect(warnings.stderr).toContain('error[DLG0002] --max-warnings is given 2 times (0, 5); give it once');
    const once = await deluge(['lint', 'clean.dg', '--max-warnings', '0']);
    expect(once.code).toBe(0);
  });

  it('exits 2 with DLG0002 for an option given no value (it was ignored: no limit, exit 0)', async () => {
    const r = await deluge(['lint', 'clean.dg', '--max-warnings', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[DLG0002] --max-warnings needs a value');
  });

  it("--version gives package.json's version from any folder (yargs looked only from the working one)", async () => {
    const r = await deluge(['--version']);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    expect(r.code).toBe(0);
  });

  it('exits 2 with DLG0002 for an unknown command', async () => {
    const r = await deluge(['frobnicate', 'clean.dg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[DLG0002]');
  });

  it('reads standard input for -', async () => {
    const r = await deluge(['check', '-'], BROKEN);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:1:6: error\[DLG2001\]/m);
    expect(r.stdout).toMatch(/^<stdin>:2:5: error\[DLG2002\]/m);
  });

  it('a quoted glob pattern: the files it matches, in order', async () => {
    const r = await deluge(['check', '--format', 'json', '*.dg']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath)).toEqual(['broken.dg', 'clean.dg', 'docs-broken.dg', 'docs.dg']);
  });

  it('--format json prints exactly the ESLint-like shape, one entry per file, and nothing else', async () => {
    const r = await deluge(['check', '--format', 'json', 'clean.dg', 'broken.dg', '-'], CLEAN);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(results.map((x) => x['filePath'])).toEqual(['clean.dg', 'broken.dg', '<stdin>']);
    for (const result of results) expect(Object.keys(result).sort()).toEqual([...JSON_KEYS].sort());
    expect(results[0]).toEqual({ filePath: 'clean.dg', messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 });
    expect(results[2]).toEqual({ ...results[0], filePath: '<stdin>' });
    const broken = results[1] as { messages: Record<string, unknown>[]; errorCount: number; warningCount: number; fixableErrorCount: number };
    expect(broken.errorCount).toBe(2);
    expect(broken.warningCount).toBe(0);
    expect(broken.fixableErrorCount).toBe(broken.messages.filter((m) => m['fix']).length);
    for (const m of broken.messages) {
      // `fix` (what `lint --fix` would apply) and ESLint's `suggestions` (a syntax error's fix: offered, never applied)
      // are optional; nothing else beyond the contract's keys.
      expect(Object.keys(m).filter((k) => k !== 'fix' && k !== 'suggestions').sort()).toEqual([...MESSAGE_KEYS].sort());
      expect(m).toMatchObject({ ruleId: 'syntax', severity: 2 });
      expect(m['code']).toMatch(/^DLG\d{4}$/);
      expect(typeof m['message']).toBe('string');
    }
    expect(broken.messages.map(({ code, line, column, endLine, endColumn }) => ({ code, line, column, endLine, endColumn }))).toEqual([
      { code: 'DLG2001', line: 1, column: 6, endLine: 1, endColumn: 6 },
      { code: 'DLG2002', line: 2, column: 5, endLine: 2, endColumn: 6 },
    ]);
  });

  it("names a parser warning a lint rule stands for by the rule's id, and offers its unsafe fix as a suggestion: lint's messages", async () => {
    const text = 'total = 1;\ntotal == 0;\nif (total = 1) { info total; }\n';
    const [checked] = JSON.parse((await deluge(['check', '--format', 'json', '-'], text)).stdout) as { messages: unknown[] }[];
    const [linted] = JSON.parse((await deluge(['lint', '--format', 'json', '-'], text)).stdout) as { messages: unknown[] }[];
    expect(checked!.messages).toEqual(linted!.messages);
    expect(checked!.messages).toEqual([
      expect.objectContaining({ ruleId: 'unused-comparison', code: 'DLG2015', suggestions: [expect.objectContaining({ fix: { range: [17, 19], text: '=' } })] }),
      expect.objectContaining({ ruleId: 'single-equals-comparison', code: 'DLG2007', fix: { range: [33, 34], text: '==' } }),
    ]);
    expect(checked!.messages[0]).not.toHaveProperty('fix');
    // In a file with a syntax error --fix fixes nothing: each fix is a suggestion, in check's report as in lint's.
    const broken = `${text}info (;\n`;
    const [checkedBroken] = JSON.parse((await deluge(['check', '--format', 'json', '-'], broken)).stdout) as { messages: object[]; fixableWarningCount: number }[];
    const [lintedBroken] = JSON.parse((await deluge(['lint', '--format', 'json', '-'], broken)).stdout) as { messages: object[]; fixableWarningCount: number }[];
    expect(checkedBroken!.messages).toEqual(lintedBroken!.messages);
    expect(checkedBroken!.messages[1]).toMatchObject({ code: 'DLG2007', suggestions: [expect.objectContaining({ fix: { range: [33, 34], text: '==' } })] });
    expect(checkedBroken!.messages[1]).not.toHaveProperty('fix');
    expect(checkedBroken!.fixableWarningCount).toBe(0);
  });

  it('--json is --format json, and run takes --format json for --json (cli.md: "--json / --format json")', async () => {
    const asFormat = await deluge(['check', '--format', 'json', 'broken.dg']);
    const asJson = await deluge(['check', '--json', 'broken.dg']);
    expect(asJson).toEqual(asFormat);
    const run = await deluge(['run', '--format', 'json', 'clean.dg']);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1, requests: [] });
  });
});

describe('--config FILE overrides the deluge.config.json found upwards, in every command that reads one', () => {
  it('check, fmt and emit: a broken config found is DLG0004 (exit 2); --config names a good one instead', async () => {
    const folder = join(dir, 'broken-config');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'deluge.config.json'), '{ not json');
    writeFileSync(join(folder, 'good.json'), '{ "timeZone": "UTC" }');
    writeFileSync(join(folder, 'a.dg'), 'info "a";\n');
    for (const args of [['check', 'a.dg'], ['fmt', '--check', 'a.dg'], ['emit', 'a.dg', '--to', 'curl']]) {
      const found = await runDeluge(folder, args);
      expect(found.stderr, args.join(' ')).toMatch(/error\[DLG0004\]/);
      expect(found.code).toBe(2);
      const named = await runDeluge(folder, [...args, '--config', 'good.json']);
      expect(named.stderr, `${args.join(' ')} --config good.json`).not.toMatch(/DLG000/);
      expect(named.code).toBe(0);
    }
  });

  it('parse, extract, import, connections and sandbox take --config too: checked when given, never looked for', async () => {
    const folder = join(dir, 'broken-config');
    writeFileSync(join(folder, 'page.md'), '```deluge\ninfo 1;\n```\n');
    const commands = [['parse', 'a.dg'], ['extract', 'page.md'], ['import', "curl 'https://x.example/a'"], ['connections', 'list']];
    for (const args of commands) {
      // The broken deluge.config.json beside them is not read: no setting applies to these commands.
      const named = await runDeluge(folder, [...args, '--config', 'good.json']);
      expect(named.stderr, `${args.join(' ')} --config good.json`).not.toMatch(/DLG000/);
      expect(named.code).toBe(0);
    }
    for (const args of [...commands, ['sandbox', '--port', '0']]) {
      const missing = await runDeluge(folder, [...args, '--config', 'missing.json']);
      expect(missing.stderr, `${args.join(' ')} --config missing.json`).toMatch(/error\[DLG0001\] cannot read 'missing.json': no such file/);
      expect(missing.code).toBe(2);
    }
  });
});

describe('docs samples', () => {
  it('auto-detects a pasted docs sample, and positions point into the text as pasted', async () => {
    const r = await deluge(['check', '--format', 'json', 'docs.dg', 'docs-broken.dg']);
    expect(r.code).toBe(1);
    const [docs, broken] = JSON.parse(r.stdout) as { filePath: string; messages: Record<string, unknown>[] }[];
    expect(docs).toMatchObject({ filePath: 'docs.dg', messages: [], errorCount: 0 });
    // The opening quote as pasted: line 5 (after `Copied…` and three lines ending in `\`), column 13 (after a tab
    // and `connection:`); in the normalised text it is elsewhere.
    expect(broken!.messages).toContainEqual(expect.objectContaining({ code: 'DLG1002', line: 5, column: 13, endLine: 5, endColumn: 14 }));
  });

  it('--docs accepts the sample', async () => {
    expect(await deluge(['check', '--docs', 'docs.dg'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--no-docs parses the text as given, so the artefacts are errors', async () => {
    const r = await deluge(['check', '--no-docs', 'docs.dg']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^docs\.dg:2:2: error\[DLG1001\] unexpected character '\\'/m);
  });
});

describe('deluge parse', () => {
  it('prints the AST as JSON', async () => {
    const r = await deluge(['parse', 'clean.dg']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const ast = JSON.parse(r.stdout) as { kind: string; span: { start: number; end: number }; body: { kind: string }[] };
    expect(ast.kind).toBe('Program');
    expect(ast.span).toEqual({ start: 0, end: CLEAN.length });
    expect(ast.body.map((n) => n.kind)).toEqual(['FunctionDecl']);
    // `--json`, which every other command takes, is accepted and changes nothing.
    expect((await deluge(['parse', 'clean.dg', '--json'])).stdout).toBe(r.stdout);
  });

  it('--tokens prints the token stream with offsets, lines and columns', async () => {
    const r = await deluge(['parse', '--tokens', '-'], 'x = "a";\n  info x;');
    expect(r.code).toBe(0);
    const tokens = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(tokens)).toBe(true);
    for (const t of tokens) expect(Object.keys(t).sort()).toEqual(['column', 'end', 'image', 'line', 'start', 'type']);
    expect(tokens.map((t) => t['image'])).toEqual(['x', '=', '"a"', ';', 'info', 'x', ';']);
    expect(tokens[2]).toMatchObject({ image: '"a"', start: 4, end: 7, line: 1, column: 5 });
    expect(tokens[4]).toMatchObject({ image: 'info', start: 11, end: 15, line: 2, column: 3 });
  });

  it('exits 1 and reports diagnostics on stderr for broken input (stdout stays JSON)', async () => {
    const r = await deluge(['parse', 'broken.dg']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { kind: string }).kind).toBe('Program');
    expect(r.stderr).toMatch(/^broken\.dg:1:6: error\[DLG2001\]/m);
    expect(r.stderr).toContain('1 | x = 1');
  });
});

describe('deluge extract', () => {
  // The page prints the options on lines of their own without a `\`: the sample gets them, so that it runs as it is.
  const CURL = 'curl "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true" \\\n-X DELETE \\\n-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"\n';
  const DELUGE = 'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"\n\ttype: DELETE\n\tconnection:"crm_oauth_connection"\n];\ninfo response;\n';

  it('prints each sample after a header line (the JSON sample is skipped)', async () => {
    const r = await deluge(['extract', 'page.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`--- curl #1 (line 8)\n${CURL}--- deluge #2 (line 14)\n${DELUGE}`);
  });

  it('--json prints [{kind, n, line, text}]', async () => {
    const r = await deluge(['extract', '--json', '-'], readFileSync(join(FIXTURES, 'delete-records.md'), 'utf8'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { kind: 'curl', n: 1, line: 8, text: CURL },
      { kind: 'deluge', n: 2, line: 14, text: DELUGE },
    ]);
  });

  it('--to-dir writes 01.curl and 02.dg', async () => {
    const r = await deluge(['extract', 'page.md', '--to-dir', 'samples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const out = join(dir, 'samples');
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['01.curl', '02.dg']);
    expect(readFileSync(join(out, '01.curl'), 'utf8')).toBe(CURL);
    expect(readFileSync(join(out, '02.dg'), 'utf8')).toBe(DELUGE);
    // With --json too, the samples are printed, each with the file it went to.
    const json = await deluge(['extract', 'page.md', '--to-dir', 'samples-json', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      { kind: 'curl', n: 1, line: expect.any(Number), text: CURL, file: join('samples-json', '01.curl') },
      { kind: 'deluge', n: 2, line: 14, text: DELUGE, file: join('samples-json', '02.dg') },
    ]);
  });

  it('reads the page as its extension says: HTML whose <pre> shows a fence, Markdown with inline <code> and ~~~', async () => {
    const html = '<p>Fences, shown:</p>\n<pre>\n```\nnot deluge\n```\n</pre>\n<pre>info "real";</pre>\n';
    writeFileSync(join(dir, 'fence.html'), html);
    writeFileSync(join(dir, 'fence.txt'), html);
    writeFileSync(join(dir, 'tilde.md'), 'Use the <code>ids</code> parameter.\n\n~~~\ninfo "tilde";\n~~~\n');
    for (const file of ['fence.html', 'fence.txt']) {
      const r = await deluge(['extract', file]);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, '--- deluge #1 (line 7)\ninfo "real";\n', '']);
    }
    const md = await deluge(['extract', 'tilde.md']);
    expect([md.code, md.stdout, md.stderr]).toEqual([0, '--- deluge #1 (line 4)\ninfo "tilde";\n', '']);
  });

  it('says on stderr when a page has no sample, and how it was read (exit 0)', async () => {
    writeFileSync(join(dir, 'prose.md'), '# Title\n\nJust prose with <code>ids</code>.\n');
    const md = await deluge(['extract', 'prose.md']);
    expect([md.code, md.stdout, md.stderr]).toEqual([0, '', 'note: no Deluge or curl samples found in prose.md (read as Markdown)\n']);
    const html = await deluge(['extract', '--json', '-'], '<!DOCTYPE html>\n<p>Just <code>inline</code> prose.</p>\n');
    expect([html.code, html.stdout, html.stderr]).toEqual([0, '[]\n', 'note: no Deluge or curl samples found in <stdin> (read as HTML)\n']);
  });

  it('decodes an out-of-range character reference as U+FFFD, as HTML does, instead of failing', async () => {
    const r = await deluge(['extract', '-'], '<!DOCTYPE html>\n<pre>info "&#x110000;";</pre>\n');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '--- deluge #1 (line 2)\ninfo "\uFFFD";\n', '']);
  });

  it('exits 2 with DLG0003 when the folder cannot be made (a file is in the way)', async () => {
    const r = await deluge(['extract', 'page.md', '--to-dir', 'clean.dg/samples']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[DLG0003\] cannot write 'clean\.dg\/samples\/01\.curl'/);
    expect(readFileSync(join(dir, 'clean.dg'), 'utf8')).toBe(CLEAN);
  });
});
