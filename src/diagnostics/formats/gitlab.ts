import { createHash } from 'node:crypto';
import type { RuleCategory, RuleMeta } from '../../linter/rule.js';
import type { Diagnostic } from '../diagnostic.js';
import { shownMessage, type FileDiagnostics } from '../render.js';
import { ruleName } from './github.js';
import { lineHash, newFingerprints, repoRelativePath } from './sarif.js';

/**
 * GitLab Code Quality (`deluge lint --format gitlab`), the JSON array GitLab reads from `artifacts: reports:
 * codequality:`. GitLab requires `description`, `check_name`, `fingerprint`, `severity`, `location.path` and
 * `location.lines.begin` or `location.positions.begin.line`, and a file without a byte order mark ("Implement a
 * custom tool", https://docs.gitlab.com/ci/testing/code_quality/). We add what the Code Climate spec it is a subset
 * of requires too (`type`, `categories`), and the whole span as `positions`: 1-based, columns in code points, the
 * end exclusive, as in every other format.
 *
 * GitLab shows problems with one fingerprint as one, and calls a problem new when its fingerprint is: the
 * fingerprint is SARIF's line hash (the rule's code, the path from the repository's root, the line's text and
 * which occurrence of those it is), not the line number, so moving code keeps it.
 */

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';
export type GitlabCategory = 'Bug Risk' | 'Clarity' | 'Compatibility' | 'Complexity' | 'Duplication' | 'Performance' | 'Security' | 'Style';

export interface GitlabPosition {
  readonly line: number;
  readonly column: number;
}

export interface GitlabIssue {
  readonly type: 'issue';
  readonly description: string;
  /** The rule id (a syntax error's code name): what GitLab shows and groups by. */
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: GitlabSeverity;
  readonly location: { readonly path: string; readonly positions: { readonly begin: GitlabPosition; readonly end: GitlabPosition } };
  readonly categories: readonly GitlabCategory[];
}

export interface GitlabOptions {
  /** The folder the files' paths are relative to (the current one). */
  readonly cwd: string;
  /** Paths are shown relative to this folder: the repository's root, which GitLab resolves them against (default `cwd`). */
  readonly root?: string;
  /** The rules, for their categories; a diagnostic of no rule here (a syntax error) is a Bug Risk. */
  readonly rules: readonly Pick<RuleMeta, 'id' | 'category'>[];
}

/** Our categories as Code Climate's: every kind of likely failure is a Bug Risk. */
const CATEGORIES: Readonly<Record<RuleCategory, GitlabCategory>> = {
  correctness: 'Bug Risk',
  suspicious: 'Bug Risk',
  http: 'Bug Risk',
  'delete-records': 'Bug Risk',
  security: 'Security',
  deprecated: 'Compatibility',
  style: 'Style',
};

/**
 * An error is `major`, a warning `minor`; a security rule's one step higher (`critical`, `major`), so that a
 * credential in a script tops the merge request's list. `info` and `blocker` are not used.
 */
function severityOf(d: Diagnostic, category: RuleCategory | undefined): GitlabSeverity {
  if (category === 'security') return d.severity === 'error' ? 'critical' : 'major';
  return d.severity === 'error' ? 'major' : 'minor';
}

export function toGitlab(results: readonly FileDiagnostics[], options: GitlabOptions): GitlabIssue[] {
  const categories = new Map(options.rules.map((rule) => [rule.id, rule.category]));
  return results.flatMap(({ file, diagnostics }) => {
    const path = repoRelativePath(file.path, options.cwd, options.root);
    const fingerprints = newFingerprints();
    return diagnostics.map((d): GitlabIssue => {
      const begin = file.position(d.span.start);
      const end = file.position(d.span.end);
      const category = categories.get(d.ruleId);
      // GitLab's example is an MD5 hash: one opaque hex string, not SARIF's `hash:n`.
      const fingerprint = createHash('sha256').update(lineHash(d.code, path, file, begin.line, fingerprints)).digest('hex');
      return {
        type: 'issue',
        description: shownMessage(d.message),
        check_name: ruleName(d),
        fingerprint,
        severity: severityOf(d, category),
        location: { path, positions: { begin: { line: begin.line, column: begin.column }, end: { line: end.line, column: end.column } } },
        categories: [category ? CATEGORIES[category] : 'Bug Risk'],
      };
    });
  });
}

/** One line, as `--format json` (GitLab reads the file, nobody else does); `[]` when there is nothing. */
export function renderGitlab(results: readonly FileDiagnostics[], options: GitlabOptions): string {
  return `${JSON.stringify(toGitlab(results, options))}\n`;
}
