/**
 * The playground page: the editor on the left with its problems, the conversion on the right. Everything runs here,
 * in the browser, on the library's own code (./convert.ts, in a worker: ./analyser.ts); the state lives in the URL
 * fragment (./share.ts).
 */
import { Analyser, type AnalysisAnswer } from './analyser.js';
import type { Conversion, Finding } from './convert.js';
import { CodeEditor, type Mark } from './editor.js';
import { analysisDelay } from './pacing.js';
import { MASK } from '../../src/http/redact.js';
import { CURL_SAMPLE, DELUGE_SAMPLE } from './samples.js';
import { decodeState, DEFAULT_CONNECTION, encodeState, MAX_LINK_LENGTH, type Mode, type PlaygroundState, type ShellName, type Tab, TABS } from './share.js';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const ui = {
  modes: [...document.querySelectorAll<HTMLInputElement>('input[name="mode"]')],
  editorLabel: element('editor-label'),
  editorHint: element('editor-hint'),
  connectionRow: element('connection-row'),
  connection: element<HTMLInputElement>('connection'),
  problems: element<HTMLUListElement>('problems'),
  problemsSummary: element('problems-summary'),
  tabs: TABS.map((tab) => element<HTMLButtonElement>(`tab-${tab}`)),
  delugeTab: element('tab-deluge'),
  shellRow: element('shell-row'),
  shell: element<HTMLSelectElement>('shell'),
  panel: element('output-panel'),
  output: element<HTMLPreElement>('output'),
  outputCode: element('output-code'),
  copyOutput: element<HTMLButtonElement>('copy-output'),
  warningsBox: element('warnings-box'),
  warnings: element<HTMLUListElement>('warnings'),
  warningsSummary: element('warnings-summary'),
  share: element<HTMLButtonElement>('share'),
  shareStatus: element('share-status'),
  linkNote: element('link-note'),
  offlineStatus: element('offline-status'),
};

const editor = new CodeEditor(element('editor'), element('gutter-lines'), element('marks'));

/** The text of each mode, so that switching modes and back loses nothing. */
const texts: Record<Mode, string> = { deluge: DELUGE_SAMPLE, curl: CURL_SAMPLE };
let state: PlaygroundState = { mode: 'deluge', text: DELUGE_SAMPLE, tab: 'curl', shell: 'posix', connection: DEFAULT_CONNECTION };

// ---- showing a state ------------------------------------------------------------------------------------------

function show(next: PlaygroundState): void {
  if (editor.value !== next.text) {
    editor.value = next.text;
    // A textarea turns `\r\n` and `\r` into `\n`: the problems' offsets are taken in the text it holds.
    next = { ...next, text: editor.value };
  }
  state = next;
  texts[next.mode] = next.text;
  for (const radio of ui.modes) radio.checked = radio.value === next.mode;
  const curlMode = next.mode === 'curl';
  ui.editorLabel.textContent = curlMode ? 'curl command' : 'Deluge script';
  ui.editorHint.textContent = curlMode
    ? 'Paste a curl command: from a browser’s “Copy as cURL”, an API doc, bash, cmd or PowerShell.'
    : 'Paste a script or a sample copied from a Zoho docs page, artefacts and all.';
  ui.connectionRow.hidden = !curlMode;
  if (ui.connection.value !== next.connection) ui.connection.value = next.connection;
  ui.shell.value = next.shell;
  ui.shellRow.hidden = curlMode || next.tab !== 'curl';
  ui.warningsBox.hidden = curlMode;
  for (const button of ui.tabs) {
    const selected = !curlMode && button.dataset.tab === next.tab;
    button.hidden = curlMode;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
  }
  ui.delugeTab.hidden = !curlMode;
  ui.panel.setAttribute('aria-labelledby', curlMode ? 'tab-deluge' : `tab-${next.tab}`);
}

/**
 * The most findings listed: a script with 7,000 (an unused variable a line) made each answer rebuild 7,000 buttons,
 * and the page stood still for seconds while keys waited. The summary still counts them all, and the lines stay marked.
 */
const MAX_LISTED = 300;

/** What each list shows now, to leave it alone when an answer finds the same (a key typed in a comment). */
const listedNow = new WeakMap<HTMLElement, string>();

function showFindings(list: HTMLUListElement, summary: HTMLElement, findings: readonly Finding[], none: string): void {
  const key = findings.map((f) => `${f.start} ${f.code} ${f.message}`).join('\n');
  if (listedNow.get(list) === key) return;
  listedNow.set(list, key);
  const more = findings.length - MAX_LISTED;
  list.replaceChildren(
    ...findings.slice(0, MAX_LISTED).map((f) => {
      const item = document.createElement('li');
      item.className = f.severity;
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.code = f.code;
      button.dataset.line = String(f.line);
      button.dataset.column = String(f.column);
      button.setAttribute('aria-label', `${f.severity} ${f.code} at line ${f.line}, column ${f.column}: ${f.message}. Go to it.`);
      button.title = f.source === 'syntax' ? f.severity : `${f.severity} (${f.source})`;
      const at = span('at', `${f.line}:${f.column}`);
      const code = span('code', f.code);
      const message = span('message', f.message);
      button.append(at, code, message);
      button.addEventListener('click', () => editor.reveal(f.start));
      item.append(button);
      return item;
    }),
    ...(more > 0 ? [moreItem(more)] : []),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  summary.textContent = findings.length === 0 ? none : [plural(errors, 'error'), plural(warnings, 'warning')].filter(Boolean).join(', ');
}

/** The line that counts the findings not listed. */
function moreItem(more: number): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'more';
  item.textContent = `… and ${more.toLocaleString('en-US')} more (the first ${MAX_LISTED} are listed; every line is marked)`;
  return item;
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}

function showProblems(findings: readonly Finding[]): void {
  showFindings(ui.problems, ui.problemsSummary, findings, 'No problems.');
  editor.setMarks(findings.map((f) => [f.line, f.severity as Mark] as const));
}

function showOutput(conversion: Conversion): void {
  const note = conversion.text === '' ? (conversion.note ?? '') : '';
  ui.output.classList.toggle('note', note !== '');
  ui.outputCode.textContent = note || conversion.text;
  ui.copyOutput.hidden = note !== '';
  showFindings(ui.warnings, ui.warningsSummary, conversion.warnings, 'None.');
}

// ---- computing ------------------------------------------------------------------------------------------------

const analyser = new Analyser(showAnswer);
/** Numbers the states, one more at each change: only the answer for the current one is shown. */
let generation = 0;
let requestedAt = 0;
/** How long the latest analysis took (ms): where it runs on the page, the pause after a keystroke grows with it. */
let lastAnalysisMs = 0;
const whenShown: (() => void)[] = [];

/** Asks for the problems and the output of the current state. */
function analyse(): void {
  requestedAt = performance.now();
  analyser.request({ generation, state });
}

function showAnswer({ generation: answered, analysis }: AnalysisAnswer): void {
  // The answer for a state changed since (its own request sent or still to come) would show what the text no longer has.
  if (answered !== generation) return;
  lastAnalysisMs = performance.now() - requestedAt;
  if (analysis.problems) showProblems(analysis.problems);
  showOutput(analysis.conversion);
  // Busy from a change until its result is shown.
  delete document.body.dataset.busy;
  for (const resolve of whenShown.splice(0)) resolve();
}

/** Resolves once the latest change's problems and output are shown. */
function shown(): Promise<void> {
  return document.body.dataset.busy ? new Promise((resolve) => whenShown.push(resolve)) : Promise.resolve();
}

let analyseTimer: ReturnType<typeof setTimeout> | undefined;
let urlTimer: ReturnType<typeof setTimeout> | undefined;

/** A change by the user: recompute soon and write the new state into the URL. */
function changed(next: PlaygroundState, delay = analysisDelay(lastAnalysisMs, !analyser.inWorker)): void {
  show(next);
  // "Link copied", "No link copied" … were said of the state before this change.
  ui.shareStatus.textContent = '';
  generation++;
  document.body.dataset.busy = 'true';
  clearTimeout(analyseTimer);
  analyseTimer = setTimeout(analyse, delay);
  clearTimeout(urlTimer);
  delete document.documentElement.dataset.linkCurrent;
  urlTimer = setTimeout(() => void writeUrl(), 300);
}

let lastFragment = location.hash;

/**
 * Writes the state into the address bar, its secrets left out (./share.ts): the link, or undefined when it would be
 * too long to open ({@link MAX_LINK_LENGTH}); then the address bar holds no state, rather than one a reload fails on.
 */
async function writeUrl(): Promise<{ href: string; secretsLeftOut: number } | undefined> {
  clearTimeout(urlTimer);
  const written = state;
  const { fragment, secretsLeftOut } = await encodeState(written);
  const page = location.href.replace(/#.*$/s, '');
  const href = `${page}#${fragment}`;
  const tooLong = href.length > MAX_LINK_LENGTH;
  lastFragment = tooLong ? '' : `#${fragment}`;
  history.replaceState(history.state, '', tooLong ? page : href);
  const note = tooLong ? tooLongNote(href.length, written.mode) : secretsNote(secretsLeftOut);
  // Said once, not again at each keystroke.
  if (ui.linkNote.textContent !== note) ui.linkNote.textContent = note;
  if (tooLong) return undefined;
  // The address bar holds the state shown (the end-to-end tests wait for this).
  if (written === state) document.documentElement.dataset.linkCurrent = 'true';
  return { href, secretsLeftOut };
}

function tooLongNote(length: number, mode: Mode): string {
  const what = mode === 'curl' ? 'command' : 'script';
  const count = (n: number) => n.toLocaleString('en-US');
  return `The ${what} is too long to share by link: Chrome and Edge open links of up to ${count(MAX_LINK_LENGTH)} characters (2 MB), and its link would have ${count(length)}. Copy the ${what} itself.`;
}

function secretsNote(count: number): string {
  if (count === 0) return '';
  return count === 1 ? `1 secret is left out of the link: it has ${MASK} in its place.` : `${count} secrets are left out of the link: it has ${MASK} in their place.`;
}

// ---- events ---------------------------------------------------------------------------------------------------

editor.textarea.addEventListener('input', () => changed({ ...state, text: editor.value }));

for (const radio of ui.modes) {
  radio.addEventListener('change', () => {
    const mode = radio.value as Mode;
    if (radio.checked && mode !== state.mode) changed({ ...state, mode, text: texts[mode] }, 0);
  });
}

ui.connection.addEventListener('input', () => changed({ ...state, connection: ui.connection.value }));
ui.shell.addEventListener('change', () => changed({ ...state, shell: ui.shell.value as ShellName }, 0));

for (const button of ui.tabs) {
  button.addEventListener('click', () => changed({ ...state, tab: button.dataset.tab as Tab }, 0));
  // Arrow keys move between tabs (and show them), as the ARIA tabs pattern has it.
  button.addEventListener('keydown', (event) => {
    const index = ui.tabs.indexOf(button);
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ui.tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const target = ui.tabs[(to + ui.tabs.length) % ui.tabs.length]!;
    target.focus();
    changed({ ...state, tab: target.dataset.tab as Tab }, 0);
  });
}

// The skip link's `#editor` would take the fragment's place, and with it the state (a reload showed the sample):
// it moves the focus without going there.
document.querySelector<HTMLAnchorElement>('a.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  editor.textarea.focus();
});

ui.copyOutput.addEventListener('click', () => void copy(ui.outputCode.textContent ?? '', ui.shareStatus, 'Output copied.'));

ui.share.addEventListener('click', async () => {
  const link = await writeUrl();
  // The note beside says why there is none, or that secrets are left out.
  if (!link) ui.shareStatus.textContent = 'No link copied.';
  else await copy(link.href, ui.shareStatus, link.secretsLeftOut === 0 ? 'Link copied: it holds the whole state.' : 'Link copied.');
});

async function copy(text: string, status: HTMLElement, done: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = done;
  } catch {
    status.textContent = 'Could not copy: select the text and copy it yourself.';
  }
}

// A link pasted into this tab's address bar: show its state.
window.addEventListener('hashchange', async () => {
  if (location.hash === lastFragment) return;
  lastFragment = location.hash;
  const linked = await decodeState(location.hash);
  if (linked) changed(linked, 0);
});

// ---- start ----------------------------------------------------------------------------------------------------

async function start(): Promise<void> {
  const linked = await decodeState(location.hash);
  if (location.hash !== '' && !linked) ui.shareStatus.textContent = 'The link’s state could not be read: showing the sample.';
  show(linked ?? state);
  // A link written before secrets were left out of links (or by hand) may hold one: the address bar keeps it no longer.
  if (linked) await writeUrl();
  document.body.dataset.busy = 'true';
  analyse();
  await shown();
  document.documentElement.dataset.loaded = 'true';
  await offline();
}

/** Caches the page's files in a service worker, so that it opens again without a network. */
async function offline(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    await navigator.serviceWorker.register('./sw.js');
    await navigator.serviceWorker.ready;
    ui.offlineStatus.textContent = 'Works offline.';
    document.documentElement.dataset.offline = 'ready';
  } catch {
    // Not a secure context (http on another host than localhost), or storage disabled: the page still works online.
  }
}

void start();
