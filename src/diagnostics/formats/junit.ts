import { shownMessage, type FileDiagnostics } from '../render.js';
import { titleOf } from './github.js';
import { repoRelativePath } from './sarif.js';

/**
 * JUnit XML (`deluge lint --format junit`), the shape Ruff and Biome write and GitLab, Jenkins and Azure read:
 * one `<testsuite>` per file, one `<testcase>` with a `<failure>` per diagnostic (warnings too, with
 * `type="warning"`), and one passing `<testcase>` for a file without problems so that it is counted.
 */

// Characters XML 1.0 cannot hold at all (control characters, lone surrogates): replaced by U+FFFD.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(text: string): string {
  // A raw CR would be read back as LF (XML's end-of-line handling): written as a reference it survives. An LF, as a
  // reference too: printed to a CI log, a raw one let a script's text begin a line of its own (`::error …`, a workflow
  // command the runner acts on).
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
}

export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export function renderJunit(results: readonly FileDiagnostics[], options: { readonly cwd: string }): string {
  const a = escapeXmlAttribute;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const { file, diagnostics } of results) {
    const path = repoRelativePath(file.path, options.cwd);
    const classname = path.replace(/\.[^./]*$/, '');
    const cases: string[] = [];
    for (const d of diagnostics) {
      const at = file.position(d.span.start);
      const kind = d.severity === 'error' ? 'Error' : 'Warning';
      cases.push(
        // Named by the rule alone, as Ruff names them: a name with the position changed whenever a line was added above,
        // and CI servers (GitLab, Jenkins) that track tests by name saw one fixed and one new.
        `    <testcase name="${a(titleOf(d))}" classname="${a(classname)}" file="${a(path)}" line="${at.line}" column="${at.column}">\n` +
          `      <failure message="${a(shownMessage(d.message))}" type="${d.severity}">${escapeXmlText(`line ${at.line}, col ${at.column}, ${kind} - ${shownMessage(d.message)} (${d.code} ${d.ruleId})`)}</failure>\n` +
          '    </testcase>',
      );
    }
    if (cases.length === 0) cases.push(`    <testcase name="no problems" classname="${a(classname)}" file="${a(path)}"/>`);
    tests += cases.length;
    failures += diagnostics.length;
    suites.push(`  <testsuite name="${a(path)}" tests="${cases.length}" failures="${diagnostics.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="deluge-lint" tests="${tests}" failures="${failures}" errors="0">\n` +
    (suites.length ? `${suites.join('\n')}\n` : '') +
    '</testsuites>\n'
  );
}
