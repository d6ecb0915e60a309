import fc from 'fast-check';

/**
 * Random valid Deluge programs for the formatter's properties: every statement and expression kind of the
 * AST, nested blocks (braced and brace-less), functions, page templates with HTML, keywords in their several
 * spellings, and untidy layout — random spaces, tabs and line breaks, blank lines, line and block comments
 * between statements, at line ends and inside expressions and task blocks.
 *
 * The generator is written imperatively against a `Choices` source, so fast-check drives it through
 * `fc.gen()` (and shrinks a failing program by shrinking its choices); any other source of numbers works too.
 */
export interface Choices {
  /** A whole number from 0 to `max`, both included. */
  int(max: number): number;
}

/** Programs for `fc.assert`; each value is the program's text. */
export const deluge: fc.Arbitrary<string> = fc.gen().map((g) => generateProgram({ int: (max) => g(fc.nat, { max }) }));

/** A program from a seed, without fast-check (for scripts and benchmarks). */
export function programFromSeed(seed: number): string {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return generateProgram({ int: (max) => Math.floor(next() * (max + 1)) });
}

export function generateProgram(choices: Choices): string {
  return new ProgramWriter(choices).program();
}

const NAMES = ['total', 'resp', 'rec', 'name', 'items', 'm', 'count', 'x', 'y', 'leadId', 'data', 'row', 'Status', 'qty_2'];
const FORMS = ['Orders', 'Customers', 'Order_History'];
const FIELDS = ['Status', 'Total', 'Name', 'Due', 'Qty', 'Added_Time'];
const STRINGS = ['"a"', '""', '"Hello, world"', '"with \\"escapes\\"\\n"', "'15-Aug-1947'", "'it\\'s'", '"50%"', '"// not a comment"', '"/* nor this */"', '"line one\nline two"', '"https://example.com/x?a=1&b=2"'];
const NUMBERS = ['0', '1', '42', '3.14', '.5', '200', '0.99'];
const CONSTANTS = ['true', 'false', 'True', 'FALSE', 'null', 'NULL', 'zoho.currenttime', 'today', 'zoho.adminuserid'];
const LINE_COMMENTS = ['// note', '//', '// TODO: check "quotes" and {braces}', '// deluge-disable-next-line some-rule', '//// banner ////'];
const BLOCK_COMMENTS = ['/* c */', '/**/', '/* two\n   lines */', '/*\n * doc comment\n */', '/* x */'];
const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', 'in', 'not in', 'contains', 'not contains', 'starts with', 'ends with'];
const ASSIGN = ['=', '+=', '-=', '*=', '/=', '%='];
const HTML = ['\n', '<p>', 'Hello', ' ', '\t', '<b>x</b>', '\n  <li>', '%', '> ', '"q"', "'", '{', '}', '// not a comment', '/* nor this */', '<br/>', '&amp;'];

/** Whether an expression is printed in a condition, where a single `=` compares (grammar/README.md §8). */
type Context = 'value' | 'condition';

class ProgramWriter {
  private depth = 0;
  /** How many `for each` bodies the statement being made is in: `break` and `continue` only inside one. */
  private loops = 0;
  private inTemplate = false;

  constructor(private readonly choices: Choices) {}

  // ── Choices ────────────────────────────────────────────────────────────────────────────────────────────

  private pick<T>(items: readonly T[]): T {
    return items[this.choices.int(items.length - 1)]!;
  }

  private chance(percent: number): boolean {
    return this.choices.int(99) < percent;
  }

  private times(max: number): number {
    return this.choices.int(max);
  }

  /** Keywords as real scripts spell them: mostly lower case, sometimes Capitalised or UPPER. */
  private keyword(word: string): string {
    const n = this.choices.int(9);
    if (n === 8) return word.toUpperCase();
    if (n === 9) return word[0]!.toUpperCase() + word.slice(1);
    return word;
  }

  // ── Layout ─────────────────────────────────────────────────────────────────────────────────────────────

  private comment(): string {
    return this.chance(50) ? `${this.pick(LINE_COMMENTS)}\n` : this.pick(BLOCK_COMMENTS);
  }

  /** Whitespace where some is required; sometimes a comment or a line break. */
  private space(): string {
    const n = this.choices.int(19);
    if (n < 10) return ' ';
    if (n < 12) return '\t';
    if (n < 15) return '\n\t';
    if (n < 17) return '  ';
    return ` ${this.comment()} `;
  }

  /** Whitespace where none is required: usually none. */
  private gap(): string {
    return this.chance(80) ? '' : this.space();
  }

  /** Between statements: a line break, blank lines, comments, or nothing but a space. */
  private statementGap(): string {
    const n = this.choices.int(19);
    if (n < 9) return '\n';
    if (n < 11) return ' ';
    if (n < 13) return '\n\n';
    if (n < 14) return '\n\n\n  \n';
    if (n < 16) return ` ${this.pick(LINE_COMMENTS)}\n`;
    if (n < 18) return `\n${this.comment()}\n`;
    return `\n\n${this.pick(BLOCK_COMMENTS)} `;
  }

  // ── Programs and statements ────────────────────────────────────────────────────────────────────────────

  program(): string {
    const parts: string[] = [];
    if (this.chance(30)) parts.push(`${this.comment()}\n`);
    const shape = this.choices.int(9);
    if (shape < 2) {
      // One template per file: after `}%>`, a second `<%{` would end the first one's HTML (`%>…<%`).
      if (this.chance(30)) parts.push(`${this.statement()}${this.statementGap()}`);
      // HTML may come before the page's first island when it begins the text with a tag (`<p>…<%=x%>…<%{`).
      else if (parts.length === 0 && this.chance(30)) parts.push(`<p>${this.html()}${this.chance(50) ? `<%=${this.gap()}${this.expr('value')}${this.gap()}%>${this.html()}` : ''}`);
      parts.push(this.template());
      return parts.join('');
    }
    const items = 1 + this.times(4);
    for (let i = 0; i < items; i++) {
      parts.push(shape < 5 && this.chance(50) ? this.functionDecl() : this.statement());
      parts.push(this.statementGap());
    }
    return parts.join('');
  }

  private functionDecl(): string {
    const type = this.pick(['void', 'string', 'map', 'List:String', 'Int']);
    const name = this.pick(['standalone.sync', 'button.run', 'automation.onCreate', 'notify', 'Orders.archive']);
    const params = Array.from({ length: this.times(2) }, (_, i) => `${this.pick(['String', 'int', 'map', 'List:String'])} p${i}`);
    return `${type} ${name}(${params.join(`,${this.gap()}`)})${this.gap()}${this.block()}`;
  }

  /** `{ … }` with the brace on the line of its statement or the next. */
  private block(): string {
    const stmts: string[] = [];
    this.depth++;
    const count = this.depth > 3 ? this.times(1) : this.times(3);
    for (let i = 0; i < count; i++) stmts.push(this.statement());
    this.depth--;
    return `${this.chance(50) ? '\n' : ' '}{${this.statementGap()}${stmts.join(this.statementGap())}${this.statementGap()}}`;
  }

  /** The body of if / else / for each: usually a block, sometimes one statement without braces. */
  private body(): string {
    if (this.chance(80) || this.depth > 3) return this.block();
    this.depth++;
    const stmt = this.simpleStatement();
    this.depth--;
    return `${this.space()}${stmt}`;
  }

  private statement(): string {
    const n = this.choices.int(this.depth > 3 ? 9 : 14);
    if (this.inTemplate && this.chance(25)) return this.htmlRun();
    if (n < 10) return this.simpleStatement();
    switch (n) {
      case 10:
        return this.ifStatement();
      case 11: {
        const head = `${this.keyword('for')}${this.space()}${this.keyword('each')} ${this.chance(30) ? `${this.keyword('index')} ` : ''}${this.pick(NAMES)}${this.space()}${this.keyword('in')}${this.space()}${this.expr('value')}`;
        this.loops++;
        const body = this.body();
        this.loops--;
        return `${head}${body}`;
      }
      case 12:
        return `${this.keyword('try')}${this.block()}${this.gap()}${this.chance(50) ? '\n' : ' '}${this.keyword('catch')}${this.gap()}(${this.pick(['e', 'err'])})${this.block()}`;
      case 13:
        return this.taskStatement();
      default:
        return this.ifStatement();
    }
  }

  private ifStatement(): string {
    let text = `${this.keyword('if')}${this.gap()}(${this.gap()}${this.condition()}${this.gap()})${this.body()}`;
    const elseIfs = this.times(2);
    for (let i = 0; i < elseIfs; i++) text += `${this.space()}${this.keyword('else')}${this.space()}${this.keyword('if')}${this.gap()}(${this.condition()})${this.body()}`;
    if (this.chance(40)) text += `${this.space()}${this.keyword('else')}${this.body()}`;
    return text;
  }

  /** A statement without a nested block. */
  private simpleStatement(): string {
    const semi = `${this.gap()};`;
    switch (this.choices.int(19)) {
      case 0:
      case 1:
      case 2:
        return `${this.target()}${this.gap()} ${this.pick(ASSIGN)}${this.space()}${this.expr('value')}${semi}`;
      case 3:
        return `${this.pick(NAMES)} = ${this.chance(50) ? `[${this.list('value')}]` : `{${this.gap()}${this.list('value')}}`}${semi}`;
      case 4: {
        const init = this.chance(60) ? `${this.gap()}=${this.space()}${this.expr('value')}` : '';
        return `${this.pick(['int', 'string', 'map', 'decimal', 'List:String'])} ${this.pick(NAMES)}${init}${semi}`;
      }
      case 5:
        return `${this.call()}${semi}`;
      case 6:
        return `${this.keyword('info')}${this.space()}${this.expr('value')}${semi}`;
      case 7:
        return `${this.keyword('return')}${this.chance(70) ? `${this.space()}${this.expr('value')}` : ''}${semi}`;
      case 8:
        return `${this.keyword('throw')}${this.space()}${this.expr('value')}${semi}`;
      case 9:
        // (Outside every loop they are a syntax error, DLG2018: an info there instead.)
        if (this.loops === 0) return `${this.keyword('info')}${this.space()}${this.expr('value')}${semi}`;
        return `${this.pick([this.keyword('break'), this.keyword('continue')])}${semi}`;
      case 10:
        return `${this.keyword('delete')}${this.space()}${this.keyword('from')}${this.space()}${this.pick(FORMS)}[${this.condition()}];`;
      case 11:
        return `${this.pick(['hide', 'show', 'enable', 'disable', 'clear', 'Hide'])}${this.space()}${this.pick(['Discount', 'input.Notes', 'Items'])}${semi}`;
      case 12:
        return `${this.keyword('alert')}${this.space()}${this.pick([this.pick(STRINGS), `"Total: " + ${this.pick(NAMES)}`])}${semi}`;
      case 13:
        return `${this.keyword('cancel')} ${this.pick(['submit', 'delete'])}${semi}`;
      case 14:
        return `input.${this.pick(FIELDS)}:ui.${this.pick(['add', 'append'])}(${this.expr('value')})${semi}`;
      case 15:
        return ';'; // a stray `;` (EmptyStmt)
      case 16:
        return `${this.pick(NAMES)} = ${this.insert()}`;
      case 17:
        return this.insert();
      default:
        return `${this.target()} = ${this.expr('value')}${semi}`;
    }
  }

  private target(): string {
    return this.pick([this.pick(NAMES), `input.${this.pick(FIELDS)}`, `${this.pick(NAMES)}.${this.pick(FIELDS)}`, `rec.get("Owner").name`]);
  }

  /** `]` then `;`, or (as Zoho's editor writes it) a line break and no `;`. */
  private blockEnd(): string {
    return this.chance(70) ? `]${this.gap()};` : ']\n';
  }

  private insert(): string {
    const fields = Array.from({ length: this.times(3) }, () => `${this.pick(FIELDS)}${this.gap()} =${this.space()}${this.expr('value')}`);
    return `${this.keyword('insert')} ${this.keyword('into')} ${this.pick(FORMS)}${this.space()}[${this.space()}${fields.join(this.space())}${this.space()}${this.blockEnd()}`;
  }

  /** `r = invokeurl [ … ]`, `sendmail [ … ]`, `invokeapi [ … ]` with a random set of parameters. */
  private taskStatement(): string {
    const task = this.pick(['invokeurl', 'invokeUrl', 'InvokeURL', 'sendmail', 'invokeapi']);
    const params: string[] = [];
    const key = (k: string) => `${k}${this.pick(['', ' ', '\t'])}:${this.pick(['', ' '])}`;
    if (task === 'sendmail') {
      params.push(`${key('from')}${this.pick(['zoho.adminuserid', '"a@example.com"'])}`);
      params.push(`${key('to')}${this.chance(50) ? `input.Email,${this.gap()}"b@example.com"` : '"c@example.com"'}`);
      if (this.chance(40)) params.push(`${key('reply to')}"r@example.com"`);
      if (this.chance(40)) params.push(`${key('content type')}HTML`);
      params.push(`${key('subject')}${this.expr('value')}`);
      params.push(`${key('message')}${this.expr('value')}`);
      if (this.chance(40)) params.push(`${key('Attachments')}file:${this.gap()}${this.pick(NAMES)}`);
      else if (this.chance(30)) params.push(`${key('Attachments')}template:${this.gap()}Summary${this.chance(50) ? `:Orders ${this.pick(NAMES)}` : ''}${this.chance(50) ? ' as PDF' : ''}`);
    } else {
      params.push(`${key('url')}${this.expr('value')}`);
      const type = `${key(this.pick(['type', 'TYPE']))}${this.pick(['GET', 'POST', 'DELETE'])}`;
      // A task nested in a parameter: the next key must follow its `]` on the same line (implied `;`).
      params.push(this.chance(15) ? `${key('body')}invokeurl [ url: ${this.pick(STRINGS)} ] ${type}` : type);
      if (this.chance(50)) params.push(`${key('parameters')}${this.expr('value')}`);
      if (this.chance(40)) params.push(`${key('content-type')}"application/json"`);
      if (this.chance(30)) params.push(`${key('response-format')}FILE`);
      if (this.chance(50)) params.push(`${key('connection')}"crm_conn"`);
      if (this.chance(30)) params.push(`${key('detailed')}true`);
    }
    const prefix = task === 'sendmail' || this.chance(20) ? '' : `${this.pick(NAMES)} = `;
    return `${prefix}${task}${this.space()}[${this.space()}${params.join(this.space())}${this.space()}${this.blockEnd()}`;
  }

  // ── Page templates ─────────────────────────────────────────────────────────────────────────────────────

  private template(): string {
    this.inTemplate = true;
    const stmts = Array.from({ length: 1 + this.times(3) }, () => this.statement());
    this.inTemplate = false;
    let tail = this.chance(20) ? '' : `${this.html()}\n`;
    // HTML after the last island may write values too (`}%> <p><%=x%></p>`).
    if (this.chance(30)) for (let i = 1 + this.times(2); i > 0; i--) tail += `<%=${this.gap()}${this.expr('value')}${this.gap()}%>${this.html()}`;
    return `<%${this.gap()}{${this.statementGap()}${stmts.join(this.statementGap())}${this.statementGap()}}${this.gap()}%>${tail}`;
  }

  /** HTML between `%>` and `<%`, with `<%=expr%>` outputs: one or more HtmlStmts. */
  private htmlRun(): string {
    let text = `%>${this.html()}`;
    const outputs = this.times(2);
    for (let i = 0; i < outputs; i++) text += `<%=${this.gap()}${this.expr('value')}${this.gap()}%>${this.html()}`;
    return `${text}<%`;
  }

  private html(): string {
    return Array.from({ length: this.times(4) }, () => this.pick(HTML)).join('');
  }

  // ── Expressions ────────────────────────────────────────────────────────────────────────────────────────

  /** A condition: any expression, or a comparison with the single `=` Zoho reads as `==`. */
  private condition(): string {
    if (this.chance(20)) return `${this.operand('condition')}${this.gap()} = ${this.operand('condition')}`;
    return this.expr('condition');
  }

  private expr(context: Context): string {
    this.depth++;
    const text = this.depth > 6 || this.chance(45) ? this.operand(context) : this.binary(context);
    this.depth--;
    return text;
  }

  private binary(context: Context): string {
    const n = this.choices.int(9);
    if (n === 0) return `${this.operand(context)} ${this.keyword('is')} ${this.chance(50) ? `${this.keyword('not')} ` : ''}${this.pick(['null', 'NULL'])}`;
    const op = this.pick(BINARY);
    const right = this.expr(context);
    // Spaces needed: around word operators; before a sign after `+`/`-` (`- -x` is not `--x`); around `-`
    // (`a-List:String()` would lex as a dashed task key `a-List` before a colon).
    const spaced = /[a-z]/.test(op) || op === '-';
    const after = spaced || /^[-+!]/.test(right) ? this.space() : this.gap();
    const before = spaced ? this.space() : this.gap();
    return `${this.operand(context)}${before}${op}${after}${right}`;
  }

  private operand(context: Context): string {
    const n = this.choices.int(this.depth > 6 ? 4 : 19);
    switch (n) {
      case 0:
      case 1:
        return this.pick(NAMES);
      case 2:
        return this.pick(NUMBERS);
      case 3:
        return this.pick(STRINGS);
      case 4:
        return this.pick(CONSTANTS);
      case 5:
        return `{${this.gap()}${this.list(context)}${this.gap()}}`;
      case 6: {
        const entries = Array.from({ length: this.times(2) }, () => `${this.pick(STRINGS)}${this.gap()}:${this.gap()}${this.expr(context)}`);
        return `{${this.gap()}${entries.join(`,${this.gap()}`)}${this.gap()}}`;
      }
      case 7:
        return `(${this.gap()}${this.expr(context)}${this.gap()})`;
      case 8: {
        const op = this.pick(['!', '-', '+']);
        const operand = this.operand(context);
        return `${op}${operand.startsWith(op) && op !== '!' ? ' ' : ''}${operand}`;
      }
      case 9:
      case 10:
        return this.call();
      case 11:
        return `${this.pick(NAMES)}.${this.pick(FIELDS)}`;
      case 12:
        return this.query();
      case 13:
        return `${this.keyword('if')}(${this.condition()},${this.gap()}${this.expr('value')},${this.gap()}${this.expr('value')})`;
      case 14:
        return `${this.pick(['List', 'Map', 'list'])}:${this.pick(['String', 'Int'])}()`;
      case 15:
        return `${this.pick(['collection', 'c.insert'])}(${this.pick(STRINGS)}${this.gap()} :${this.gap()}${this.expr(context)})`;
      case 16:
        return `input.${this.pick(FIELDS)}:ui.${this.pick(['add', 'append'])}(${this.pick(STRINGS)})`;
      case 17:
        return `${this.pick(NAMES)}[${this.pick(NUMBERS.slice(0, 3))}]`;
      case 18:
        return `(${this.expr(context)}).${this.pick(['toString', 'toLong', 'size'])}()`;
      default:
        return this.pick(NAMES);
    }
  }

  private list(context: Context): string {
    return Array.from({ length: this.times(3) }, () => this.expr(context)).join(`,${this.gap()}`);
  }

  private call(): string {
    const args = Array.from({ length: this.times(3) }, () => this.expr('value')).join(`,${this.gap()}`);
    const callee = this.pick(['f', 'ifnull', 'Map', 'rec.get', 'zoho.crm.getRecordById', 'standalone.sync', 'resp.get("data").get']);
    const chain = this.chance(30) ? `${this.gap()}.${this.pick(['toString()', 'get(0)', 'size()', 'name'])}` : '';
    return `${callee}(${this.gap()}${args}${this.gap()})${chain}`;
  }

  /** `Form[criteria] sort by F desc range from a to b`, each part optional. */
  private query(): string {
    let text = `${this.pick(FORMS)}[${this.chance(85) ? this.condition() : ''}]`;
    if (this.chance(40)) text += ` ${this.keyword('sort')} ${this.keyword('by')} ${this.pick(FIELDS)}${this.chance(60) ? ` ${this.pick(['asc', 'desc', 'DESC'])}` : ''}`;
    if (this.chance(30)) text += ` ${this.keyword('range')} ${this.keyword('from')} ${this.pick(NUMBERS.slice(1, 3))} ${this.keyword('to')} ${this.pick(NAMES)} + 10`;
    return text;
  }
}
