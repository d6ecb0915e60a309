import { closest } from '../edit-distance.js';
import { RULES } from './registry.js';
import type { Rule, RuleSeverity } from './rule.js';
import { SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION } from './suppressions.js';

/**
 * Which rules run at which severity: `deluge.config.json` → `{ "lint": { "rules": { "<id>": "off"|"warn"|"error" } } }`,
 * then `--rule id=off|warn|error` flags over it. A rule may be named by its id or its code. "warn" is the
 * spelling of the config and the flag (ESLint's); it means severity `warning`.
 */

/** Every rule `--list-rules`, the docs and the SARIF rule table show: the registry plus the suppression rules. */
export function allRules(rules: readonly Rule[] = RULES): readonly Rule[] {
  return [...rules, UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON];
}

/** A wrong setting: `DLG0004` in the config file, `DLG0002` on the command line (both end with exit code 2). */
export class LintConfigError extends Error {
  constructor(
    readonly code: 'DLG0002' | 'DLG0004',
    message: string,
    /** For the config file: the setting at fault (its key, or its value), the message then without the file's name. */
    readonly setting?: { readonly path: readonly string[]; readonly part: 'key' | 'value'; readonly message: string },
  ) {
    super(message);
  }
}

const SETTINGS: Readonly<Record<string, RuleSeverity>> = { off: 'off', warn: 'warning', error: 'error' };
const SETTINGS_TEXT = '"off", "warn" or "error"';

export type RuleSeverities = Readonly<Record<string, RuleSeverity>>;

/** The rule an id or a code names, or undefined. */
export function findRule(name: string, rules: readonly Rule[] = allRules()): Rule | undefined {
  return rules.find((rule) => rule.meta.id === name) ?? rules.find((rule) => rule.meta.code === name.toUpperCase());
}

function unknownRule(name: string, rules: readonly Rule[]): string {
  const near = closest(name, rules.map((rule) => rule.meta.id));
  return `unknown rule '${name}'${near ? ` (did you mean '${near}'?)` : ''}; 'deluge lint --list-rules' lists them`;
}

/** The `lint` section of `deluge.config.json` (as parsed JSON), checked: severities by rule id. */
export function severitiesFromConfig(section: unknown, source: string, rules: readonly Rule[] = allRules()): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  if (section === undefined) return out;
  const fail = (message: string, path: readonly string[], part: 'key' | 'value'): never => {
    throw new LintConfigError('DLG0004', `${source}: ${message}`, { path, part, message });
  };
  if (!isObject(section)) return fail('"lint" must be an object: { "rules": { "<rule-id>": "off" | "warn" | "error" } }', ['lint'], 'value');
  for (const key of Object.keys(section)) if (key !== 'rules') fail(`"lint": unknown setting "${key}" (the only one is "rules")`, ['lint', key], 'key');
  const settings = section['rules'];
  if (settings === undefined) return out;
  if (!isObject(settings)) return fail('"lint.rules" must be an object: { "<rule-id>": "off" | "warn" | "error" }', ['lint', 'rules'], 'value');
  for (const [name, value] of Object.entries(settings)) {
    const rule = findRule(name, rules);
    if (!rule) fail(`"lint.rules": ${unknownRule(name, rules)}`, ['lint', 'rules', name], 'key');
    // (Own keys only: `valueOf`, `constructor` are no severity.)
    const severity = typeof value === 'string' && Object.hasOwn(SETTINGS, value) ? SETTINGS[value] : undefined;
    if (!severity) fail(`"lint.rules"."${name}": ${JSON.stringify(value)} is not a severity (use ${SETTINGS_TEXT})`, ['lint', 'rules', name], 'value');
    out[rule!.meta.id] = severity!;
  }
  return out;
}

/** `--rule id=off|warn|error` flags, checked, in order (a later flag for the same rule wins). */
export function severitiesFromFlags(flags: readonly string[], rules: readonly Rule[] = allRules()): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 0) throw new LintConfigError('DLG0002', `--rule '${flag}': write id=off, id=warn or id=error`);
    const name = flag.slice(0, eq).trim();
    const value = flag.slice(eq + 1).trim();
    const rule = findRule(name, rules);
    if (!rule) throw new LintConfigError('DLG0002', `--rule '${flag}': ${unknownRule(name, rules)}`);
    const severity = Object.hasOwn(SETTINGS, value) ? SETTINGS[value] : undefined;
    if (!severity) throw new LintConfigError('DLG0002', `--rule '${flag}': '${value}' is not a severity (use off, warn or error)`);
    out[rule.meta.id] = severity;
  }
  return out;
}

/** The severities `lint` runs with: the config file's, then the flags over them. Throws `LintConfigError`. */
export function resolveSeverities(
  config: { readonly lint?: unknown; readonly path?: string },
  flags: readonly string[] = [],
  rules: readonly Rule[] = allRules(),
): RuleSeverities {
  return { ...severitiesFromConfig(config.lint, config.path ?? 'deluge.config.json', rules), ...severitiesFromFlags(flags, rules) };
}

/** The severity a rule runs at under `severities`. */
export function effectiveSeverity(rule: Rule, severities: RuleSeverities): RuleSeverity {
  return severities[rule.meta.id] ?? rule.meta.severity;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


