/**
 * What the playground computes, with the library's own functions (the code `deluge lint`, `deluge emit` and
 * `deluge import` run): diagnostics of the editor's text and the converted output. No DOM here: it runs in the
 * analysis worker (./analysis-worker.ts), or on the page when the worker cannot.
 */
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { findEmitter } from '../../src/emitters/registry.js';
import { format } from '../../src/format/index.js';
import { importCurl } from '../../src/importers/curl.js';
import { lint } from '../../src/linter/lint.js';
import { SourceFile } from '../../src/source/source-file.js';
import { parse } from '../../src/syntax/parse.js';
import type { PlaygroundState, ShellName, Tab } from './share.js';

/** A diagnostic as the page lists it: its position as line:col (1-based, code points) and its offsets. */
export interface Finding {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** `syntax`, a lint rule id, `emit`, `import`, … */
  readonly source: string;
  readonly line: number;
  readonly column: number;
  /** UTF-16 offsets into the editor's text (what a textarea's selection takes). */
  readonly start: number;
  readonly end: number;
}

export interface Conversion {
  /** The converted text; '' when there is none (then `note` says why). */
  readonly text: string;
  readonly note?: string;
  /** What the converter could not carry over exactly (DLG60xx for `emit`). */
  readonly warnings: readonly Finding[];
}

/** What the page shows for a state: the editor's problems (none when computing them failed) and the output. */
export interface Analysis {
  readonly problems?: readonly Finding[];
  readonly conversion: Conversion;
}

const FILE_NAME = 'playground.dg';

/** The problems and the output of a state. A bug of the library, not of the input, is said in the output. */
export async function analyse(state: PlaygroundState): Promise<Analysis> {
  let problems: Finding[] | undefined;
  try {
    if (state.mode === 'curl') return convertCurl(state.text, state.connection);
    problems = checkDeluge(state.text);
    return { problems, conversion: await convertDeluge(state.text, state.tab, state.shell) };
  } catch (error) {
    return { problems, conversion: { text: '', note: `Internal error: ${error instanceof Error ? error.message : String(error)}`, warnings: [] } };
  }
}

export function findingsOf(text: string, diagnostics: readonly Diagnostic[]): Finding[] {
  const file = new SourceFile(FILE_NAME, text);
  return diagnostics.map((d) => {
    const { line, column } = file.position(d.span.start);
    return { code: d.code, severity: d.severity === 'error' ? 'error' : 'warning', message: d.message, source: d.ruleId, line, column, start: d.span.start, end: d.span.end };
  });
}

/** `deluge lint` on the text: its syntax errors, or every rule's findings when it parses. */
export function checkDeluge(text: string): Finding[] {
  return findingsOf(text, lint(FILE_NAME, text).diagnostics);
}

/** The text as the tab shows it: `deluge emit --to curl|typescript`, or `deluge fmt`. */
export async function convertDeluge(text: string, tab: Tab, shell: ShellName): Promise<Conversion> {
  if (tab === 'format') {
    const formatted = format(text);
    if (formatted.diagnostics.some((d) => d.code === 'DLG2016')) return { text: '', note: CURL_PASTED_NOTE, warnings: [] };
    if (formatted.diagnostics.some((d) => d.severity === 'error')) return { text: '', note: syntaxNote('formatted'), warnings: [] };
    return { text: formatted.value, warnings: [] };
  }
  const emitter = findEmitter(tab)!;
  const result = await emitter.emit(text, { shell, docs: 'auto' });
  // The curl sample of a Zoho page pasted here (DLG2016): the other mode converts it.
  if (result.diagnostics.some((d) => d.code === 'DLG2016')) return { text: '', note: CURL_PASTED_NOTE, warnings: [] };
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    return { text: '', note: syntaxNote(tab === 'curl' ? 'converted to curl' : 'converted to TypeScript'), warnings: [] };
  }
  // Parser warnings (DLG2007) are already among the editor's problems: list only what the conversion adds.
  const own = result.diagnostics.filter((d) => d.ruleId !== 'syntax');
  return { text: result.value, warnings: findingsOf(text, own) };
}

/** `deluge import`: the curl command(s) as Deluge, and the importer's diagnostics (positions in the command). */
export function convertCurl(text: string, connection: string): { conversion: Conversion; problems: Finding[] } {
  const result = importCurl(text, { connection: connection.trim() || undefined });
  const noCurl = result.diagnostics.find((d) => d.code === 'DLG6102');
  // The Deluge sample of a Zoho page pasted here (every word of it "not a curl command"): the other mode converts it.
  if (noCurl && isDelugeScript(text)) {
    return { conversion: { text: '', note: DELUGE_PASTED_NOTE, warnings: [] }, problems: findingsOf(text, [noCurl]) };
  }
  const problems = findingsOf(text, result.diagnostics);
  const failed = result.value === '';
  return {
    conversion: { text: result.value, ...(failed && { note: 'Nothing to convert yet: paste a curl command (see the problems listed under it).' }), warnings: [] },
    problems,
  };
}

/** Statements that parse as Deluge (a docs sample's artefacts allowed); comments alone are not a script. */
function isDelugeScript(text: string): boolean {
  const parsed = parse(text);
  return parsed.value.body.length > 0 && !parsed.diagnostics.some((d) => d.severity === 'error');
}

const DELUGE_PASTED_NOTE = 'This is a Deluge script, not a curl command: choose “Deluge → curl, TypeScript” above to convert it into curl commands.';

const CURL_PASTED_NOTE = 'This is a curl command, not Deluge: choose “curl → Deluge” above to convert it into an invokeurl block.';

function syntaxNote(what: string): string {
  return `The script has syntax errors: fix the problems listed under it and it will be ${what} here.`;
}
