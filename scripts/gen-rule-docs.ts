/**
 * `tsx scripts/gen-rule-docs.ts` writes docs/rules/<rule-id>.md (one page per rule) and docs/rules/README.md (the
 * index) from the rules' metadata (src/linter/registry.ts, plus unused-suppression), and removes pages of rules
 * that are gone. test/linter/rule-docs.test.ts fails when the files on disk differ from what this generates.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allRules } from '../src/linter/config.js';
import type { Rule, RuleMeta } from '../src/linter/rule.js';

/** The rules about suppression comments, reported after the comments are applied. */
const ABOUT_SUPPRESSIONS: ReadonlySet<string> = new Set(['unused-suppression', 'suppression-without-reason']);

export const RULE_DOCS_DIR = fileURLToPath(new URL('../docs/rules/', import.meta.url));

const GENERATED = '<!-- Generated from the rule metadata by scripts/gen-rule-docs.ts (`npm run rule-docs`): do not edit by hand. -->';

const CATEGORY_TITLES: Record<RuleMeta['category'], string> = {
  correctness: 'Correctness',
  suspicious: 'Suspicious code',
  http: 'HTTP (`invokeurl`, URL tasks)',
  security: 'Security',
  'delete-records': 'Delete Records',
  deprecated: 'Deprecated',
  style: 'Style',
};

function severityText(meta: RuleMeta): string {
  return meta.severity === 'off' ? `off (turn it on with \`--rule ${meta.id}=warn\`)` : meta.severity;
}

function fixableText(meta: RuleMeta, short = false): string {
  if (meta.fixable === 'safe') return short ? 'yes' : 'yes: `deluge lint --fix` applies the fix';
  if (meta.fixable === 'unsafe') return short ? 'suggestion' : 'a suggested fix, which `--fix` does not apply (it may change what the script does)';
  return 'no';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function examples(title: string, scripts: readonly string[]): string[] {
  if (scripts.length === 0) return [];
  return [title, '', ...scripts.flatMap((s) => ['```deluge', s.replace(/\s+$/, ''), '```', ''])];
}

/** The page of one rule. */
export function rulePage(meta: RuleMeta, coveredBy: readonly string[] = []): string {
  return [
    GENERATED,
    '',
    `# \`${meta.id}\``,
    '',
    meta.summary,
    '',
    '| Code | Category | Default severity | Fixable |',
    '| :--- | :--- | :--- | :--- |',
    `| \`${meta.code}\` | ${meta.category} | ${severityText(meta)} | ${fixableText(meta)} |`,
    '',
    '## What it reports',
    '',
    meta.docs.what,
    '',
    ...(meta.covers?.length
      ? [`Where it reports the very expression ${meta.covers.map((id) => `[\`${id}\`](${id}.md)`).join(' or ')} would, that report is left out: the same fix answers both.`, '']
      : []),
    ...(coveredBy.length
      ? [`Where ${coveredBy.map((id) => `[\`${id}\`](${id}.md)`).join(' or ')} reports the very expression it would, only that report is given: the same fix answers both.`, '']
      : []),
    '## Why it matters',
    '',
    meta.docs.why,
    '',
    '## Examples',
    '',
    ...examples('Reported:', meta.docs.invalid),
    ...examples('Not reported:', meta.docs.valid),
    '## Turning it off',
    '',
    ...(ABOUT_SUPPRESSIONS.has(meta.id)
      ? // Reported once the suppression comments are applied: no comment can hold it back.
        ['It reports suppression comments themselves, after they are applied: no comment turns it off.', '']
      : ['On one line, with the reason:', '', '```deluge', `// deluge-disable-next-line ${meta.id} -- why it is fine here`, '```', '']),
    `In every file: \`{ "lint": { "rules": { "${meta.id}": "off" } } }\` in \`deluge.config.json\` (or \`"warn"\`, \`"error"\`); ` +
      `for one run: \`deluge lint --rule ${meta.id}=off\`.`,
    '',
    '[All rules](README.md)',
    '',
  ].join('\n');
}

/** docs/rules/README.md: every rule, by category, in the order `--list-rules` shows them. */
export function ruleIndex(rules: readonly Rule[]): string {
  const lines = [
    GENERATED,
    '',
    '# Lint rules',
    '',
    `\`deluge lint\` runs ${rules.length} rules. Each has a stable id (kebab-case) and code; \`deluge lint --list-rules\` prints this table.`,
    'Change a severity in `deluge.config.json` (`{ "lint": { "rules": { "<rule-id>": "off" | "warn" | "error" } } }`) or with',
    '`--rule <rule-id>=off|warn|error`; silence one place with `// deluge-disable-next-line <rule-id> -- reason`.',
    '',
  ];
  const order = Object.keys(CATEGORY_TITLES);
  const categories = [...new Set(rules.map((rule) => rule.meta.category))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  for (const category of categories) {
    lines.push(`## ${CATEGORY_TITLES[category]}`, '', '| Rule | Code | Severity | Fixable | Summary |', '| :--- | :--- | :--- | :--- | :--- |');
    for (const { meta } of rules.filter((rule) => rule.meta.category === category)) {
      lines.push(`| [\`${meta.id}\`](${meta.id}.md) | ${meta.code} | ${meta.severity} | ${fixableText(meta, true)} | ${cell(meta.summary)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Every generated file: name in docs/rules/ → text. */
export function ruleDocs(rules: readonly Rule[] = allRules()): Map<string, string> {
  const files = new Map<string, string>([['README.md', ruleIndex(rules)]]);
  for (const { meta } of rules) {
    const coveredBy = rules.filter((other) => other.meta.covers?.includes(meta.id)).map((other) => other.meta.id);
    files.set(`${meta.id}.md`, rulePage(meta, coveredBy));
  }
  return files;
}

function main(): void {
  const files = ruleDocs();
  mkdirSync(RULE_DOCS_DIR, { recursive: true });
  for (const name of readdirSync(RULE_DOCS_DIR)) {
    if (name.endsWith('.md') && !files.has(name)) {
      rmSync(new URL(name, pathToFileURL(RULE_DOCS_DIR)));
      console.log(`removed docs/rules/${name}`);
    }
  }
  for (const [name, text] of files) writeFileSync(new URL(name, pathToFileURL(RULE_DOCS_DIR)), text);
  console.log(`wrote docs/rules/README.md and ${files.size - 1} rule pages`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
