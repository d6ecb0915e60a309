import { controlPictures } from '../../source/code-frame.js';
import { codeInfo } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { shownMessage, type FileDiagnostics } from '../render.js';
import { repoRelativePath } from './sarif.js';

/**
 * GitHub Actions workflow commands (`deluge lint --format github`): one annotation per diagnostic,
 *
 *   ::error file=scripts/a.dg,line=3,col=5,endLine=3,endColumn=14,title=delete-too-many-ids (DLG5012)::message
 *
 * Errors come first (GitHub keeps only the first 10 annotations of each kind per step, 50 per job).
 * Columns only for one-line spans (GitHub ignores them otherwise). Escaping as in @actions/core: in the
 * message `%`, CR and LF; in property values also `:` and `,`.
 */

export function escapeData(text: string): string {
  // Other control characters as pictures: a raw ESC in a message would colour or move the CI log's text.
  return controlPictures(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The rule id (`delete-too-many-ids`); for a syntax diagnostic, which has none of its own, the code's name. */
export function ruleName(d: Diagnostic): string {
  return d.ruleId === 'syntax' ? (codeInfo(d.code)?.name ?? d.ruleId) : d.ruleId;
}

/** `rule-id (DLG5012)`; for a syntax diagnostic, the code's name. */
export function titleOf(d: Diagnostic): string {
  return `${ruleName(d)} (${d.code})`;
}

/** `root`: the repository's root, which GitHub resolves the annotations' `file=` against (default `cwd`). */
export function renderGithub(results: readonly FileDiagnostics[], options: { readonly cwd: string; readonly root?: string }): string {
  const lines: string[] = [];
  for (const severity of ['error', 'warning'] as const) {
    for (const { file, diagnostics } of results) {
      const path = repoRelativePath(file.path, options.cwd, options.root);
      for (const d of diagnostics) {
        if (d.severity !== severity) continue;
        const start = file.position(d.span.start);
        const end = file.position(d.span.end);
        const props: [string, string | number][] = [['file', path], ['line', start.line]];
        if (start.line === end.line) props.push(['col', start.column]);
        props.push(['endLine', end.line]);
        if (start.line === end.line) props.push(['endColumn', end.column]);
        props.push(['title', titleOf(d)]);
        lines.push(`::${severity} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(shownMessage(d.message))}`);
      }
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
