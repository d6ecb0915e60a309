import type { BinaryExpr, Block, Comment, Expr, HtmlStmt, IfStmt, InsertExpr, Node, Program, Stmt, TaskExpr, TemplateStmt } from '../syntax/ast.js';
import { childNodes } from '../syntax/walk.js';
import { Output } from './output.js';

/**
 * Prints a program in the canonical Deluge style (README, "Formatting"). It reads only the AST, the source
 * text (for comments, blank lines and the line a comment was on) and `Program.comments`.
 *
 * Why the output parses to the same tree: every token is printed in the order of the source, literals and
 * HTML as written, and whitespace only where the lexer ignores it. The only tokens added or dropped are
 * braces around a brace-less body, a stray `;` (EmptyStmt) and the `;` Zoho lets you omit after `]`.
 *
 * Comments are printed at line breaks: before each line break the printer emits every comment that starts
 * before the code after that break, either at the end of the current line (when the comment followed code on
 * its line in the source) or on lines of its own. Each break is keyed by the start of the node after it, so
 * a comment printed before a break is found before that same break by the next run: the output is stable.
 */
export function printProgram(program: Program, source: string): string {
  return new Printer(source, program.comments).program(program);
}

class Printer {
  private readonly out = new Output();
  /** Index of the first comment not printed yet. */
  private nextComment = 0;
  /** Task and insert blocks inside another one print on one line (see taskBlock). */
  private blockNesting = 0;
  /**
   * Right after the `]` of a task or insert block nested in an expression, as in `body : invokeurl [url : u]
   * type : POST`: what follows stays on the line. (A line break there ends no statement — grammar/README.md §15 —
   * but other tools of Deluge may read one as the `;` Zoho lets a task block omit, so the output avoids it.)
   */
  private afterBlockEnd = false;

  constructor(
    private readonly source: string,
    private readonly comments: readonly Comment[],
  ) {}

  program(program: Program): string {
    let previous: Program['body'][number] | undefined;
    for (const item of program.body) {
      if (item.kind === 'EmptyStmt') continue;
      // After a page template's `}%>` everything up to the next `<%` is its HTML, and a later island of the
      // same page continues right after the previous one's `}`: nothing may come between.
      const continuesTemplate = item.kind === 'TemplateStmt' && item.leadingHtml !== undefined;
      // HTML between two islands that writes a value (`}%> <h1><%=title%></h1> <%{`) is top-level statements: its
      // `%>` stays after the island's `}` and after the `<%=title` before it, as it does with no value in between.
      const continuesHtml = item.kind === 'HtmlStmt' && (previous?.kind === 'TemplateStmt' || (previous?.kind === 'HtmlStmt' && previous.output !== undefined));
      if (continuesHtml) this.flushComments(item.span.start, false);
      else if (!continuesTemplate && !(previous && endsWithHtml(previous))) this.statementBreak(item.span.start);
      this.print(item);
      previous = item;
    }
    this.flushComments(Infinity, true);
    // The file ends with a line break, unless it ends with a template's HTML, which is kept exactly.
    if (!(previous && endsWithHtml(previous))) this.out.endLine();
    return this.out.text();
  }

  // ── The one dispatch over node kinds ─────────────────────────────────────────────────────────────────────

  private print(node: Node): void {
    switch (node.kind) {
      case 'Program':
        this.program(node);
        return;
      case 'FunctionDecl': {
        this.print(node.returnType);
        this.write(` ${node.name.map((part) => part.name).join('.')}`);
        // The `)`: the first code after the last parameter (a `)` in a comment after the header is not it).
        const opener = node.name[node.name.length - 1]!.span.end;
        const closer = this.codeAfter(node.params.length > 0 ? node.params[node.params.length - 1]!.span.end : this.codeAfter(opener) + 1);
        this.bracketed('(', node.params, ')', opener, closer);
        this.print(node.body);
        return;
      }
      case 'TypeRef':
        this.write(node.elementType === undefined ? node.name : `${node.name}:${node.elementType}`);
        return;
      case 'Param':
        this.print(node.type);
        this.write(` ${node.name.name}`);
        return;
      case 'Block':
        // A body written without braces gets them; the comments on lines of their own above its statement go inside
        // them, right above it, and those after it on its last line stay there, before the `}` (a `deluge-disable-line`
        // or `deluge-disable-next-line` comment keeps covering the statement). A `{` at the end of its statement's
        // line (`if (x) { // why`) moves to a line of its own; the comments after it stay on the statement's line.
        this.lineBreak(node.braced ? this.openerLineEnd(node.span.start) : this.firstOwnLineComment(node.span.start));
        this.out.open('{');
        this.statements(node.body);
        this.close('}', node.braced ? this.closerLineEnd(node) : this.commentsOnLineEnd(node.span.end));
        return;

      // Statements
      case 'ExprStmt':
        this.print(node.expr);
        // `sendmail [ … ]` ends at its `]`, as Zoho's editor writes it (grammar/README §7: the `;` is implied there, as
        // the statement's line ends).
        if (node.expr.kind === 'TaskExpr' && node.expr.task === 'sendmail') this.afterBlockEnd = false;
        else this.write(';');
        return;
      case 'AssignStmt':
        this.print(node.target);
        this.write(` ${node.op} `);
        this.print(node.value);
        this.write(';');
        return;
      case 'VarDeclStmt':
        this.print(node.type);
        this.write(` ${node.name.name}`);
        if (node.init) {
          this.write(' = ');
          this.print(node.init);
        }
        this.write(';');
        return;
      case 'IfStmt':
        this.ifStatement(node);
        return;
      case 'ForEachStmt':
        this.write(`for each ${node.index ? 'index ' : ''}${node.variable.name} in `);
        this.print(node.iterable);
        this.print(node.body);
        return;
      case 'WhileStmt': // not Deluge (DLG2005): a file holding one is never formatted; printed for completeness
        this.write('while(');
        this.print(node.condition);
        this.write(')');
        this.print(node.body);
        return;
      case 'CStyleForStmt': // not Deluge (DLG2006), as above
        this.write(node.header);
        this.print(node.body);
        return;
      case 'TryStmt':
        this.write('try');
        this.print(node.body);
        this.lineBreak(this.codeAfter(node.body.span.end)); // at `catch`: a comment after it stays on its line
        this.write(`catch (${node.param.name})`);
        this.print(node.handler);
        return;
      case 'ThrowStmt':
        this.keywordStatement('throw', node.value);
        return;
      case 'ReturnStmt':
        this.keywordStatement('return', node.value);
        return;
      case 'BreakStmt':
        this.write('break;');
        return;
      case 'ContinueStmt':
        this.write('continue;');
        return;
      case 'InfoStmt':
        this.keywordStatement('info', node.value);
        return;
      case 'EmptyStmt': // a stray `;`: dropped (statements() and program() skip it)
        return;
      case 'DeleteFromStmt':
        this.keywordStatement('delete from', node.query);
        return;
      case 'FieldActionStmt':
        this.keywordStatement(node.action, node.target);
        return;
      case 'AlertStmt':
        if (node.callForm) {
          this.write('alert(');
          if (node.field) {
            this.print(node.field);
            this.write(', ');
          }
          this.print(node.message);
          this.write(');');
        } else this.keywordStatement(node.successMessage ? 'success message' : 'alert', node.message);
        return;
      case 'CancelStmt':
        this.write(`cancel ${node.what.name};`);
        return;
      case 'TemplateStmt':
        this.template(node);
        return;
      case 'HtmlStmt':
        this.html(node);
        return;

      // Expressions
      case 'Identifier':
        this.write(node.name);
        return;
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
        this.write(node.raw);
        return;
      case 'ListLiteral': {
        if (node.brackets === 'none') {
          // A task key's several values (`to: a, b`): a line comment between two breaks the line there.
          node.elements.forEach((item, i) => {
            if (i > 0) {
              this.write(',');
              if (this.blockNesting <= 1 && this.lineCommentBetween(node.elements[i - 1]!.span.end, item.span.start)) this.continuationBreak(item.span.start);
              else this.write(' ');
            }
            this.print(item);
          });
          return;
        }
        const [open, close] = node.brackets === 'curly' ? ['{', '}'] : ['[', ']'];
        this.bracketed(open, node.elements, close, node.span.start, node.span.end - 1);
        return;
      }
      case 'MapLiteral':
        this.bracketed('{', node.entries, '}', node.span.start, node.span.end - 1);
        return;
      case 'MapEntry':
      case 'KeyValueArg':
        this.print(node.key);
        this.write(': ');
        this.print(node.value);
        return;
      case 'ParenExpr':
        this.write('(');
        this.print(node.expr);
        this.write(')');
        return;
      case 'UnaryExpr':
        this.write(node.op);
        // `- -x`, `+ +x`: written together they would lex as `--` / `++`.
        if (node.operand.kind === 'UnaryExpr' && node.operand.op === node.op && node.op !== '!') this.write(' ');
        this.print(node.operand);
        return;
      case 'BinaryExpr':
        this.binary(node);
        return;
      case 'MemberExpr':
        this.print(node.object);
        this.write(`.${node.property.name}`);
        return;
      case 'CallExpr':
        this.print(node.callee);
        if (node.elementType !== undefined) this.write(`:${node.elementType}`);
        this.bracketed('(', node.args, ')', node.callee.span.end, node.span.end - 1);
        return;
      case 'IndexExpr':
        this.print(node.object);
        this.write('[');
        if (node.criteria) this.print(node.criteria);
        this.write(']');
        if (node.sortBy) {
          this.write(' sort by ');
          this.print(node.sortBy.field);
          if (node.sortBy.direction) this.write(` ${node.sortBy.direction}`);
        }
        if (node.range) {
          this.write(' range from ');
          this.print(node.range.from);
          this.write(' to ');
          this.print(node.range.to);
        }
        return;
      case 'UiExpr':
        this.print(node.object);
        this.write(':ui');
        return;
      case 'ConditionalExpr':
        this.write('if');
        this.bracketed('(', [node.condition, node.then, node.else], ')', node.span.start, node.span.end - 1);
        return;
      case 'TaskExpr':
      case 'InsertExpr':
        this.taskBlock(node);
        return;
      case 'TaskParam':
        this.write(`${node.key} : `);
        this.print(node.value);
        return;
      case 'QualifiedExpr':
        this.write(`${node.qualifier}: `);
        this.print(node.value);
        if (node.form) {
          this.write(`:${node.form.name}`);
          if (node.record) {
            this.write(' ');
            this.print(node.record);
          }
        }
        if (node.format) this.write(` as ${node.format.name}`);
        return;
      case 'InsertField':
        this.write(`${node.name.name} = `);
        this.print(node.value);
        return;
      default:
        assertNever(node);
    }
  }

  // ── Statements ───────────────────────────────────────────────────────────────────────────────────────────

  /** The statements of a block, one a line, keeping one blank line where the source had one or more. */
  private statements(body: readonly Stmt[]): void {
    let previous: Stmt | undefined;
    for (const stmt of body) {
      if (stmt.kind === 'EmptyStmt') continue;
      // `<%=x%>`: the HTML after an output expression starts right after it, on the same line.
      if (previous?.kind === 'HtmlStmt' && previous.output && stmt.kind === 'HtmlStmt') this.flushComments(stmt.span.start, false);
      else this.statementBreak(stmt.span.start);
      this.print(stmt);
      previous = stmt;
    }
  }

  /** `if(c)`, then `else if(c)` / `else` on lines of their own (Allman braces). */
  private ifStatement(node: IfStmt): void {
    this.write('if(');
    this.print(node.condition);
    this.write(')');
    this.print(node.then);
    if (!node.else) return;
    // (The comments before the `else` keyword end the line above; those after it stay on its line.)
    const elseKeyword = this.codeAfter(node.then.span.end);
    this.lineBreak(elseKeyword);
    this.write('else');
    if (node.else.kind === 'IfStmt') {
      // `else if`, on one line; but a line comment or a line break with comments between the two keywords keeps the
      // `if` on a line of its own (`else // why` / `if(…)`): joined, the comment would move past the `if`'s condition,
      // and a `deluge-disable-next-line` above the `if` would no longer cover it.
      const between = this.source.slice(elseKeyword + 'else'.length, node.else.span.start);
      if (/\/\*|\/\//.test(between) && /[\r\n]/.test(between)) this.lineBreak(node.else.span.start);
      else {
        this.flushComments(node.else.span.start, false);
        this.write(' ');
      }
    }
    this.print(node.else);
  }

  /** `return;`, `return x;`, `info x;`, `hide x;` … */
  private keywordStatement(keyword: string, value: Expr | undefined): void {
    this.write(keyword);
    if (value) {
      this.write(' ');
      this.print(value);
    }
    this.write(';');
  }

  /** `<%{`, the code indented one level, `}%>` and the HTML after it byte for byte. */
  private template(node: TemplateStmt): void {
    if (node.leadingHtml !== undefined) {
      // A later island: the HTML since the previous island's `}` comes first, byte for byte (at the page's start, the
      // HTML before its first island, with no `%>`).
      if (this.opensWithHtmlEnd(node)) this.write('%>');
      this.out.verbatim(node.leadingHtml);
    }
    this.out.open('<%{');
    this.statements(node.body.body);
    this.close('}', node.body.span.end - 1);
    if (hasHtmlTail(node)) {
      this.flushComments(node.span.end - node.trailingHtml.length - 2, false); // between `}` and `%>`
      this.write('%>');
      this.out.verbatim(node.trailingHtml);
    }
  }

  /** Whether a page's HTML follows a `%>`: all does but the HTML that begins the page (`<h1>…</h1> <%{`). */
  private opensWithHtmlEnd(node: HtmlStmt | TemplateStmt): boolean {
    return this.source.startsWith('%>', node.span.start);
  }

  /**
   * `%>` + HTML byte for byte + `<%` (code follows) or `<%=expr` (its `%>` starts the next HtmlStmt, or the HTML that
   * ends the page, printed byte for byte).
   */
  private html(node: HtmlStmt): void {
    if (this.opensWithHtmlEnd(node)) this.write('%>'); // (none before the HTML that begins a page)
    this.out.verbatim(node.html);
    if (!node.output) {
      this.write('<%');
      return;
    }
    this.write('<%=');
    this.print(node.output);
    if (node.trailingHtml !== undefined) {
      this.flushComments(node.span.end - node.trailingHtml.length - 2, false); // between the value and `%>`
      this.write('%>');
      this.out.verbatim(node.trailingHtml);
    }
  }

  // ── Expressions ──────────────────────────────────────────────────────────────────────────────────────────

  private list(items: readonly Node[]): void {
    items.forEach((item, i) => {
      if (i > 0) this.write(', ');
      this.print(item);
    });
  }

  /**
   * Items between brackets (a map, a list, a call's arguments) on one line; but when a line comment lies between them
   * (after the opener, between two items, or after the last), one item a line between the brackets, so that each
   * comment stays on the line of the item it was written beside (on one line, a line comment could only go after the
   * whole statement, where it reads as the next one's). Comments inside an item are that item's to place.
   */
  private bracketed(open: string, items: readonly Node[], close: string, openOffset: number, closeOffset: number): void {
    const gaps = items.map((item, i) => [i === 0 ? openOffset : items[i - 1]!.span.end, item.span.start] as const);
    // A comment after the last item stays there only if the line may break after it: never after a block's `]`
    // (afterBlockEnd), where it goes after the closer whatever the layout, so it is no reason to break the items.
    const last = items[items.length - 1];
    if (last && !endsWithTaskBlock(last)) gaps.push([last.span.end, closeOffset]);
    if (this.blockNesting > 1 || !gaps.some(([from, to]) => this.lineCommentBetween(from, to))) {
      this.write(open);
      this.list(items);
      this.write(close);
      return;
    }
    this.out.open(open);
    items.forEach((item, i) => {
      this.lineBreak(item.span.start);
      this.print(item);
      if (i < items.length - 1) this.write(',');
    });
    this.close(close, closeOffset);
  }

  /**
   * `a + b`; but where a line comment lies between an operand and its operator, the line breaks there: the comment
   * ends its line, and the next line (the operator, or the operand after it) is indented once
   * (`total = a // net` / `    + tax;`).
   */
  private binary(node: BinaryExpr): void {
    this.print(node.left);
    const operator = this.codeAfter(node.left.span.end);
    if (this.blockNesting <= 1 && this.lineCommentBetween(node.left.span.end, operator)) {
      this.continuationBreak(operator);
      this.write(node.op);
    } else {
      this.write(` ${node.op}`);
    }
    if (this.blockNesting <= 1 && this.lineCommentBetween(operator, node.right.span.start)) this.continuationBreak(node.right.span.start);
    else this.write(' ');
    this.print(node.right);
  }

  /** A line break inside an expression, before code at `offset`: the comments before it, then a line indented once more. */
  private continuationBreak(offset: number): void {
    // Right after a nested block's `]` the line does not break (see afterBlockEnd): no line to indent.
    const breaks = !this.afterBlockEnd;
    this.lineBreak(offset);
    if (breaks) this.out.continueLine();
  }

  /** Whether a line comment not printed yet lies between `start` and `end`. */
  private lineCommentBetween(start: number, end: number): boolean {
    for (let i = this.nextComment; i < this.comments.length && this.comments[i]!.span.start < end; i++) {
      const comment = this.comments[i]!;
      if (comment.kind === 'LineComment' && comment.span.start >= start) return true;
    }
    return false;
  }

  /**
   * A task or insert block: its name, then `[` and `]` on lines of their own with one parameter a line
   * between them. Nested in another block's parameter it stays on one line (`invokeurl [url : u]`); what
   * follows its `]` stays on that line too (see afterBlockEnd).
   */
  private taskBlock(node: TaskExpr | InsertExpr): void {
    const items = node.kind === 'TaskExpr' ? node.params : node.fields;
    this.write(node.kind === 'TaskExpr' ? node.rawName : `insert into ${node.form.name}`);
    const close = node.span.end - 1;
    this.blockNesting++;
    if (this.blockNesting > 1) {
      this.write(' [');
      items.forEach((item, i) => {
        if (i > 0) this.write(' ');
        this.print(item);
      });
      this.write(']');
    } else {
      const nameEnd = node.kind === 'TaskExpr' ? node.span.start + node.rawName.length : node.form.span.end;
      // A `[` at the end of the statement's line (`r = invokeurl [ // why`) moves to a line of its own; the comments
      // after it stay on the statement's line (a `deluge-disable-line` there covers that line, as for a `{`).
      this.lineBreak(this.openerLineEnd(this.codeAfter(nameEnd)));
      this.out.open('[');
      for (const item of items) {
        this.parameterBreak(item.span.start);
        this.print(item);
      }
      this.close(']', close);
    }
    this.blockNesting--;
    this.afterBlockEnd = true;
  }

  // ── Lines and comments ───────────────────────────────────────────────────────────────────────────────────

  private write(text: string): void {
    this.out.write(text);
    this.afterBlockEnd = false;
  }

  /** Ends a block opened by `out.open`: comments before `offset` (inside it), then the closer on its own line. */
  private close(closer: string, offset: number): void {
    if (this.afterBlockEnd) {
      this.out.dedent();
      this.write(` ${closer}`);
      return;
    }
    this.flushComments(offset, true);
    this.out.endLine();
    this.out.dedent();
    this.write(closer);
  }

  /** A line break before code starting at `offset`, after the comments that come before it. */
  private lineBreak(offset: number): void {
    if (this.afterBlockEnd) {
      this.write(' ');
      return;
    }
    this.flushComments(offset, false);
    this.out.endLine();
  }

  /**
   * The line break before a task block's parameter: as lineBreak, but a block comment right before the parameter on
   * its line (a `deluge-disable-line` one before `header: …`) stays on that line, as before a statement
   * (statementBreak): on a line of its own, its directive would cover another line.
   */
  private parameterBreak(offset: number): void {
    if (!this.afterBlockEnd && this.flushComments(offset, false)) this.write(' ');
    else this.lineBreak(offset);
  }

  /** A line break before a statement: as lineBreak, and a blank line kept if the source has one. */
  private statementBreak(offset: number): void {
    if (this.afterBlockEnd) {
      this.write(' ');
      return;
    }
    // A block comment right before the statement on its line (`/* deluge-disable-line */ x = x;`) stays there: on a
    // line of its own, a directive in it would cover another line.
    if (this.flushComments(offset, true)) {
      this.write(' ');
      return;
    }
    this.out.endLine();
    if (this.blankLineBefore(offset)) this.out.blankLine();
  }

  /** Prints the comments before `offset`; whether the last one is a block comment that the code at `offset` follows on its line. */
  private flushComments(offset: number, keepBlankLines: boolean): boolean {
    // Whether the line being written holds only comments so far (block comments, at the start of a source line).
    let onlyComments = false;
    while (this.nextComment < this.comments.length && this.comments[this.nextComment]!.span.start < offset) {
      const comment = this.comments[this.nextComment++]!;
      // The output's lines end in \n, inside a block comment too (CRLF input left a \r on each of its lines).
      const text = comment.text.replace(/\r\n?/g, '\n');
      if (this.out.lineOpen && this.followsCodeOnItsLine(comment.span.start)) {
        this.write(` ${text}`);
      } else {
        this.out.endLine();
        if (keepBlankLines && this.blankLineBefore(comment.span.start)) this.out.blankLine();
        this.write(text);
        onlyComments = true;
      }
      if (comment.kind === 'LineComment') {
        this.out.endLine();
        onlyComments = false;
      }
    }
    return onlyComments && this.out.lineOpen && this.nextComment > 0 && /^[^\S\r\n]*$/.test(this.source.slice(this.comments[this.nextComment - 1]!.span.end, offset));
  }

  /** Where the first comment not printed yet that starts before `offset` on a line of its own starts; else `offset`. */
  private firstOwnLineComment(offset: number): number {
    for (let i = this.nextComment; i < this.comments.length && this.comments[i]!.span.start < offset; i++) {
      const start = this.comments[i]!.span.start;
      if (!this.followsCodeOnItsLine(start)) return start;
    }
    return offset;
  }

  /** After a `{` at `offset` that follows code on its line, the end of the comments after it on that line; else `offset`. */
  private openerLineEnd(offset: number): number {
    return this.followsCodeOnItsLine(offset) ? this.commentsOnLineEnd(offset + 1) : offset;
  }

  /**
   * Where the comments inside a braced block end: before its `}`; but when the `}` follows the block's last statement
   * on its line (`if (a) { x = x; } // deluge-disable-line`), the comments after the `}` on that line too. They stay
   * beside that statement, before the `}` that moves to a line of its own, as for a body written without braces (after
   * the `}` a `deluge-disable-line` would no longer cover the statement).
   */
  private closerLineEnd(node: Block): number {
    const closer = node.span.end - 1;
    const last = node.body.filter((stmt) => stmt.kind !== 'EmptyStmt').at(-1);
    if (!last || !/^[^\S\r\n]*$/.test(this.source.slice(last.span.end, closer))) return closer;
    // The `}` of blocks around this one that close on the same line (`if (a) { if (b) { x = x; } } // c`) come
    // before the comments: they go to the innermost block's statement.
    let after = node.span.end;
    while (after < this.source.length && /[^\S\r\n]|\}/.test(this.source[after]!)) after++;
    const end = this.commentsOnLineEnd(after);
    return end > after ? end : closer;
  }

  /** The end of the comments that follow `offset` on its line with nothing but spaces before them; else `offset`. */
  private commentsOnLineEnd(offset: number): number {
    let end = offset;
    for (let i = this.nextComment; i < this.comments.length; i++) {
      const comment = this.comments[i]!;
      if (comment.span.start < offset) continue;
      if (!/^[^\S\r\n]*$/.test(this.source.slice(end, comment.span.start))) break;
      end = comment.span.end;
    }
    return end;
  }

  /** The offset of the first character after `offset` that is neither whitespace nor in a comment. */
  private codeAfter(offset: number): number {
    const source = this.source;
    let i = offset;
    while (i < source.length) {
      if (isSpace(source[i]!)) i++;
      else if (source.startsWith('//', i)) while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
      else if (source.startsWith('/*', i)) i = source.indexOf('*/', i + 2) + 2;
      else break;
    }
    return i;
  }

  /** Whether the source has something other than whitespace before `offset` on the same line. */
  private followsCodeOnItsLine(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.source[i]!;
      if (c === '\n' || c === '\r') return false;
      if (!isSpace(c)) return true;
    }
    return false;
  }

  /** Whether the whitespace before `offset` in the source holds an empty line (two or more line breaks). */
  private blankLineBefore(offset: number): boolean {
    let breaks = 0;
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.source[i]!;
      if (c === '\n' || (c === '\r' && this.source[i + 1] !== '\n')) breaks++;
      else if (!isSpace(c)) return breaks >= 2;
    }
    return false; // nothing before it: no blank line at the start of the text
  }
}

/** What the lexer skips as whitespace (JavaScript's `\s` covers line breaks, the BOM and no-break spaces). */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\u200b' || /\s/.test(c);
}

/** Whether a node's text ends with the `]` of a task or insert block (its last descendant is one). */
function endsWithTaskBlock(node: Node): boolean {
  for (let at: Node | undefined = node; at && at.span.end === node.span.end; at = childNodes(at).at(-1)) {
    if (at.kind === 'TaskExpr' || at.kind === 'InsertExpr') return true;
  }
  return false;
}

function hasHtmlTail(node: TemplateStmt): boolean {
  return node.span.end > node.body.span.end;
}

function endsWithHtml(item: Program['body'][number]): boolean {
  return (item.kind === 'TemplateStmt' && hasHtmlTail(item)) || (item.kind === 'HtmlStmt' && item.trailingHtml !== undefined);
}

function assertNever(node: never): never {
  throw new Error(`format: unhandled node ${JSON.stringify((node as { kind?: unknown }).kind)}`);
}

