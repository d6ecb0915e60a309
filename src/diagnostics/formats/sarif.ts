import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleMeta } from '../../linter/rule.js';
import type { SourceFile } from '../../source/source-file.js';
import { codeInfo } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { shownMessage, type FileDiagnostics } from '../render.js';

/**
 * SARIF 2.1.0 (`deluge lint --format sarif`), with what GitHub code scanning requires: `$schema`, `version`,
 * `tool.driver.name` and `rules[]` (id, shortDescription, fullDescription, help), and results with
 * `message.text`, one physical location (a URI with forward slashes relative to `%SRCROOT%`, the repository's
 * root, or a file URI outside it; a region with start and end line and column) and
 * `partialFingerprints.primaryLocationLineHash`.
 *
 * Problems a suppression held back are results too, with SARIF's `suppressions` (`inSource` for a comment,
 * `external` for the suppressions file; the comment's reason as the justification), as ESLint's SARIF formatter
 * gives them: code scanning then shows them dismissed rather than fixed, and the account of what was silenced stays
 * in the report. Their fingerprints are worked out in file order with the others', so a problem keeps its fingerprint
 * when it becomes suppressed.
 *
 * Rule ids are the diagnostic codes (`DLG5012`), stable across renames; `name` is the kebab-case rule id.
 * Columns count Unicode code points (declared with `columnKind`), like every other output; `endColumn` is
 * exclusive.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What the SARIF rule table says about one rule (or one non-lint code, such as a syntax error). */
export interface SarifRuleInfo {
  /** The stable code, SARIF's `id`. */
  readonly code: string;
  /** The kebab-case rule id (or the code's name), SARIF's `name`. */
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly helpText?: string;
  readonly helpMarkdown?: string;
  readonly helpUri?: string;
  readonly severity: 'error' | 'warning' | 'off';
  readonly tags?: readonly string[];
}

/** A problem a suppression held back: by a comment in the file (`directive`) or by the suppressions file (`file`). */
export interface SarifSuppressed {
  readonly diagnostic: Diagnostic;
  readonly kind: 'directive' | 'file';
  /** The comment's reason (`-- …`), empty when it gives none. */
  readonly justification: string;
}

export interface SarifOptions {
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri?: string };
  /** The rule table, in the order it is shown; codes found in results but missing here are added from the registry. */
  readonly rules: readonly SarifRuleInfo[];
  /** The folder the files' paths are relative to (the current one). */
  readonly cwd: string;
  /** Paths are shown relative to this folder: the repository's root, where code scanning looks for them (default `cwd`). */
  readonly root?: string;
  /** By file, in the order of the results: the problems suppressions held back (default none). */
  readonly suppressed?: readonly (readonly SarifSuppressed[])[];
}

/**
 * The path of a file (given relative to `cwd`) relative to `root`, with forward slashes; the path as given when it
 * lies outside `root`.
 */
export function repoRelativePath(path: string, cwd: string, root: string = cwd): string {
  if (path === '<stdin>') return path;
  const full = resolve(cwd, path);
  let rel = relative(root, full);
  if (isOutside(rel, sep) || isAbsolute(rel)) {
    // A path through a symbolic link (`/link/repo/a.dg`, the repository found at its real place, as the current folder
    // always is): compared as real paths, it is inside.
    const [realFile, realRoot] = [realPathOf(full), realPathOf(root)];
    if (realFile !== undefined && realRoot !== undefined) rel = relative(realRoot, realFile);
  }
  if (isOutside(rel, sep) || isAbsolute(rel)) return path.split(sep).join('/');
  return rel.split(sep).join('/');
}

/** The path with every symbolic link followed, or undefined when it does not exist (a report of a file since moved). */
function realPathOf(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/** Whether a relative path leads out of its folder: `..` or `../…`, not a name that begins with dots (`..notes.dg`). */
function isOutside(rel: string, separator: string): boolean {
  return rel === '..' || rel.startsWith(`..${separator}`);
}

/** The base a relative `uri` is resolved against (SARIF §3.4.4), declared in `originalUriBaseIds` as the root. */
const SOURCE_ROOT = '%SRCROOT%';

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

/** A file's location: relative to the root (with its base id), else a file URI (which must have none). */
function artifactLocation(path: string, cwd: string, root: string = cwd): ArtifactLocation {
  const rel = repoRelativePath(path, cwd, root);
  if (rel === '<stdin>') return { uri: 'stdin' };
  if (isOutside(rel, '/') || isAbsolute(rel)) return { uri: pathToFileURL(resolve(cwd, path)).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/** The root as a folder URI: it ends with `/`, so that relative references resolve inside it. */
function folderUri(path: string): string {
  const href = pathToFileURL(path).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The rule-table entry of a lint rule, with its docs page. */
export function sarifRuleFromMeta(meta: RuleMeta, helpUri?: string): SarifRuleInfo {
  const examples = [
    ...meta.docs.invalid.slice(0, 1).map((e) => `Invalid:\n\n\`\`\`deluge\n${e.trimEnd()}\n\`\`\``),
    ...meta.docs.valid.slice(0, 1).map((e) => `Valid:\n\n\`\`\`deluge\n${e.trimEnd()}\n\`\`\``),
  ];
  return {
    code: meta.code,
    name: meta.id,
    summary: meta.summary,
    description: meta.docs.what,
    helpText: `${meta.docs.what}\n\n${meta.docs.why}`,
    helpMarkdown: [meta.docs.what, meta.docs.why, ...examples].join('\n\n'),
    ...(helpUri ? { helpUri } : {}),
    severity: meta.severity,
    tags: [meta.category],
  };
}

/** The rule-table entry of a non-lint code (syntax errors and the parser's warnings), from the registry. */
function sarifRuleFromCode(code: string): SarifRuleInfo {
  const info = codeInfo(code);
  return { code, name: info?.name ?? code, summary: info?.summary ?? code, severity: info?.severity ?? 'error', tags: ['syntax'] };
}

const clip = (text: string) => (text.length > 1024 ? `${text.slice(0, 1023)}…` : text);
const level = (s: 'error' | 'warning' | 'off') => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

export function toSarif(results: readonly FileDiagnostics[], options: SarifOptions): object {
  const table: SarifRuleInfo[] = [...options.rules];
  const index = new Map(table.map((r, i) => [r.code, i]));
  const suppressedOf = (i: number): readonly SarifSuppressed[] => options.suppressed?.[i] ?? [];
  const codes = results.flatMap((r, i) => [...r.diagnostics, ...suppressedOf(i).map((s) => s.diagnostic)].map((d) => d.code));
  const extra = [...new Set(codes)].filter((c) => !index.has(c)).sort();
  for (const code of extra) {
    index.set(code, table.length);
    table.push(sarifRuleFromCode(code));
  }
  const sarifResults = results.flatMap(({ file, diagnostics }, i) => {
    const location = artifactLocation(file.path, options.cwd, options.root);
    const fingerprints = newFingerprints();
    const problems: { diagnostic: Diagnostic; held?: SarifSuppressed }[] = [
      ...diagnostics.map((diagnostic) => ({ diagnostic })),
      ...suppressedOf(i).map((held) => ({ diagnostic: held.diagnostic, held })),
    ];
    // In file order (a stable sort keeps the reported ones' own order), so that the `:n` of a fingerprint does not
    // change when a problem on the same line is suppressed.
    problems.sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start);
    return problems.map(({ diagnostic, held }) => sarifResult(file, diagnostic, location, index.get(diagnostic.code)!, fingerprints, held));
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            ...(options.tool.informationUri ? { informationUri: options.tool.informationUri } : {}),
            rules: table.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: clip(r.summary) },
              fullDescription: { text: clip(r.description ?? r.summary) },
              help: { text: clip(r.helpText ?? r.description ?? r.summary), markdown: r.helpMarkdown ?? r.description ?? r.summary },
              ...(r.helpUri ? { helpUri: r.helpUri } : {}),
              defaultConfiguration: { enabled: r.severity !== 'off', level: level(r.severity) },
              properties: { tags: [...(r.tags ?? [])], precision: 'high', 'problem.severity': r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'recommendation' },
            })),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: folderUri(resolve(options.root ?? options.cwd)) } },
        columnKind: 'unicodeCodePoints',
        results: sarifResults,
      },
    ],
  };
}

/** A file's fingerprints so far: how often each hash was given, and the hash of each rule and line (`lineHash`). */
export interface Fingerprints {
  readonly seen: Map<string, number>;
  readonly byLine: Map<string, string>;
}

/** The fingerprints of one file: a new one for each file, passed to `lineHash` for each of its problems in order. */
export function newFingerprints(): Fingerprints {
  return { seen: new Map(), byLine: new Map() };
}

function sarifResult(file: SourceFile, d: Diagnostic, location: ArtifactLocation, ruleIndex: number, fingerprints: Fingerprints, held?: SarifSuppressed): object {
  const start = file.position(d.span.start);
  const end = file.position(d.span.end);
  return {
    ruleId: d.code,
    ruleIndex,
    level: d.severity,
    message: { text: shownMessage(d.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location,
          region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: lineHash(d.code, location.uri, file, start.line, fingerprints) },
    ...(held ? { suppressions: [{ kind: held.kind === 'directive' ? 'inSource' : 'external', ...(held.justification ? { justification: held.justification } : {}) }] } : {}),
  };
}

/**
 * A fingerprint that survives edits elsewhere in the file: the rule, the file (`path`, as the report names it) and
 * the text of the line (its whitespace normalised), plus which occurrence of that same triple it is — GitHub's
 * `hash:n` form. The GitLab format hashes it once more.
 */
export function lineHash(code: string, path: string, file: SourceFile, line: number, { seen, byLine }: Fingerprints): string {
  // Worked out once per rule and line: many findings on one long line would each hash the whole line.
  const key = `${code}\0${line}`;
  let hash = byLine.get(key);
  if (hash === undefined) {
    hash = createHash('sha256').update(`${code}\0${path}\0${file.lineText(line).trim().replace(/\s+/g, ' ')}`).digest('hex').slice(0, 16);
    byLine.set(key, hash);
  }
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return `${hash}:${n}`;
}

export function renderSarif(results: readonly FileDiagnostics[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(results, options), null, 2)}\n`;
}
