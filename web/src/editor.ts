/**
 * The editor: a plain <textarea> (native undo, selection, IME, screen readers and mobile keyboards come with it)
 * with a gutter of line numbers and a layer behind it that marks the lines with problems. The textarea does not
 * wrap, so text line N is the Nth row and its top is (N - 1) × the line height.
 */
export type Mark = 'error' | 'warning';

export class CodeEditor {
  private lineCount = 0;
  private marks = new Map<number, Mark>();

  constructor(
    readonly textarea: HTMLTextAreaElement,
    private readonly gutterLines: HTMLElement,
    private readonly markLayer: HTMLElement,
  ) {
    textarea.addEventListener('scroll', () => this.syncScroll());
    textarea.addEventListener('input', () => this.renderGutter());
    new ResizeObserver(() => this.syncScroll()).observe(textarea);
  }

  get value(): string {
    return this.textarea.value;
  }

  set value(text: string) {
    this.textarea.value = text;
    this.renderGutter();
  }

  /** Marks these lines (1-based); an error wins over a warning on the same line. */
  setMarks(lines: Iterable<readonly [number, Mark]>): void {
    const before = this.marks;
    this.marks = new Map();
    for (const [line, mark] of lines) if (this.marks.get(line) !== 'error') this.marks.set(line, mark);
    // The same marks (an answer that found what the last one did): nothing to lay out again.
    if (before.size === this.marks.size && [...this.marks].every(([line, mark]) => before.get(line) === mark)) return;
    // Only the rows whose mark changes: a script of 10,000 lines made again took a third of a second.
    if (!this.renderGutter()) {
      const rows = this.gutterLines.children;
      for (const line of new Set([...before.keys(), ...this.marks.keys()])) {
        const row = rows[line - 1];
        if (row) row.className = this.marks.get(line) ?? '';
      }
    }
    const height = this.lineHeight();
    const top = this.paddingTop();
    this.markLayer.replaceChildren(
      ...[...this.marks].map(([line, mark]) => {
        const band = document.createElement('div');
        band.className = mark;
        band.dataset.line = String(line);
        band.style.top = `${top + (line - 1) * height}px`;
        return band;
      }),
    );
    this.syncScroll();
  }

  /** Selects [start, end) (UTF-16 offsets), scrolls its line into view and focuses the editor. */
  reveal(start: number, end: number = start): void {
    const ta = this.textarea;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    const line = ta.value.slice(0, start).split('\n').length;
    const top = this.paddingTop() + (line - 1) * this.lineHeight();
    if (top < ta.scrollTop || top + this.lineHeight() > ta.scrollTop + ta.clientHeight) {
      ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
    }
    // Horizontal: the caret's column in a monospace font.
    const column = start - (ta.value.lastIndexOf('\n', start - 1) + 1);
    const x = column * this.charWidth();
    if (x < ta.scrollLeft || x > ta.scrollLeft + ta.clientWidth - 40) ta.scrollLeft = Math.max(0, x - ta.clientWidth / 2);
    this.syncScroll();
  }

  /** Numbers the lines again when their count changed (and says whether it did). */
  private renderGutter(): boolean {
    const count = this.textarea.value.split('\n').length;
    if (count === this.lineCount) return false;
    this.lineCount = count;
    const rows: HTMLElement[] = [];
    for (let line = 1; line <= count; line++) {
      const row = document.createElement('div');
      row.textContent = String(line);
      row.dataset.line = String(line);
      const mark = this.marks.get(line);
      if (mark) row.className = mark;
      rows.push(row);
    }
    this.gutterLines.replaceChildren(...rows);
    return true;
  }

  private syncScroll(): void {
    // The bands span the whole width: only vertical scrolling moves them.
    const { scrollTop } = this.textarea;
    this.gutterLines.style.transform = `translateY(${-scrollTop}px)`;
    this.markLayer.style.transform = `translateY(${-scrollTop}px)`;
  }

  private lineHeight(): number {
    return parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
  }

  private paddingTop(): number {
    return parseFloat(getComputedStyle(this.textarea).paddingTop) || 0;
  }

  private charWidth(): number {
    const probe = document.createElement('span');
    probe.textContent = 'M'.repeat(20);
    probe.style.font = getComputedStyle(this.textarea).font;
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width / 20;
    probe.remove();
    return width || 8;
  }
}
