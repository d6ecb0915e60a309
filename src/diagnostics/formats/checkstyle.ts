import { shownMessage, type FileDiagnostics } from '../render.js';
import { ruleName } from './github.js';
import { escapeXmlAttribute } from './junit.js';
import { repoRelativePath } from './sarif.js';

/**
 * Checkstyle XML (`deluge lint --format checkstyle`), what Jenkins' warnings-ng, reviewdog (`-f=checkstyle`) and
 * many CI tools read: one `<file>` per linted file, clean ones too (as ESLint's checkstyle formatter writes them,
 * so that a tool sees the file was checked), one `<error>` per diagnostic, warnings with `severity="warning"`.
 * Checkstyle has no end position: only where each problem begins. `source` is `deluge.<rule-id>`.
 */

export function renderCheckstyle(results: readonly FileDiagnostics[], options: { readonly cwd: string }): string {
  const a = escapeXmlAttribute;
  const files = results.map(({ file, diagnostics }) => {
    const name = a(repoRelativePath(file.path, options.cwd));
    if (diagnostics.length === 0) return `  <file name="${name}"/>`;
    const errors = diagnostics.map((d) => {
      const at = file.position(d.span.start);
      return `    <error line="${at.line}" column="${at.column}" severity="${d.severity}" message="${a(shownMessage(d.message))}" source="${a(`deluge.${ruleName(d)}`)}"/>`;
    });
    return `  <file name="${name}">\n${errors.join('\n')}\n  </file>`;
  });
  return '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n' + (files.length ? `${files.join('\n')}\n` : '') + '</checkstyle>\n';
}
