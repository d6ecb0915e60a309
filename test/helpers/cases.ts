/**
 * The annotated-case format of test/runtime/cases (see its README): `// case:` starts a case, `// expect: line`,
 * `// expect runtime error: CODE` and `// expect result: JSON` say what it must do.
 */
export interface AnnotatedCase {
  readonly name: string;
  /** The case's script: the whole file with every line outside the case blanked, so line numbers stay true. */
  readonly script: string;
  readonly expected: string[];
  readonly error?: string;
  readonly result?: string;
}

const CASE = /^\s*\/\/ *case: *(.*)$/;
const EXPECT = /\/\/ *expect: ?(.*)$/;
const EXPECT_ERROR = /\/\/ *expect runtime error: *(DLG\d{4})/;
const EXPECT_RESULT = /\/\/ *expect result: *(.*)$/;
const OPTIONS = /^\s*\/\/ *options: *(.*)$/;

export function parseCases(text: string): { options: Record<string, string>; cases: AnnotatedCase[] } {
  const lines = text.split(/\r?\n/);
  const options: Record<string, string> = {};
  const starts: { name: string; line: number }[] = [];
  lines.forEach((line, i) => {
    const option = OPTIONS.exec(line);
    if (option && starts.length === 0) {
      for (const pair of option[1]!.trim().split(/\s+/)) {
        const [k, ...v] = pair.split('=');
        options[k!] = v.join('=');
      }
    }
    const c = CASE.exec(line);
    if (c) starts.push({ name: c[1]!.trim(), line: i });
  });
  if (starts.length === 0) starts.push({ name: 'whole file', line: 0 });
  const cases = starts.map((start, n) => {
    const end = starts[n + 1]?.line ?? lines.length;
    const expected: string[] = [];
    let error: string | undefined;
    let result: string | undefined;
    for (let i = start.line; i < end; i++) {
      const line = lines[i]!;
      const e = EXPECT_ERROR.exec(line);
      const r = EXPECT_RESULT.exec(line);
      const x = EXPECT.exec(line);
      if (e) error = e[1];
      else if (r) result = r[1]!.trim();
      else if (x) expected.push(x[1]!);
    }
    const script = lines.map((line, i) => (i >= start.line && i < end ? line : '')).join('\n');
    return { name: `${start.name} (line ${start.line + 1})`, script, expected, error, result };
  });
  return { options, cases };
}
