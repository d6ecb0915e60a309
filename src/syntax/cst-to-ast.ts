import type { CstNode, IToken } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import type * as A from './ast.js';
import { SPAN_PROPERTIES } from './ast.js';
import type * as C from './cst.generated.js';
import { loopControlOutsideLoops } from './loop-control.js';
import { parser } from './parser.js';
import { conditionContinuedAfterParen, explainsItsBlock, noFunctionKeyword, placeholderValue, strayElseDiagnostic, unparsedStatementDiagnostic } from './syntax-errors.js';
import * as T from './tokens.js';

const BaseVisitor = parser.getBaseCstVisitorConstructor();

/**
 * Turns the CST into the AST. The only code that reads the CST; `validateVisitor()` checks at construction
 * that every grammar rule has a method here. After error recovery the CST may lack children: every
 * accessor tolerates that and puts a placeholder (an Identifier with an empty name) where a node is missing.
 */
/** No tokens: what the builder holds between parses. */
const NO_TOKENS: readonly IToken[] = [];

class AstBuilder extends BaseVisitor implements C.DelugeCstVisitor<void, unknown> {
  private diagnostics: Diagnostic[] = [];
  /** The tokens parsed (with implied `;`): what a recovered parse left out of the tree is looked up here. */
  private tokens: readonly IToken[] = [];

  constructor() {
    super();
    this.validateVisitor();
  }

  build(cst: CstNode, comments: readonly IToken[], textLength: number, recovered = false, tokens: readonly IToken[] = []): { program: A.Program; diagnostics: Diagnostic[] } {
    this.diagnostics = [];
    this.tokens = tokens;
    let body: A.Program['body'];
    try {
      body = this.program((cst as C.ProgramCstNode).children);
    } finally {
      // Let the tokens go with the parse: held here until the next one, they stayed alive (and were copied by every
      // minor collection) all the while the caller worked on the tree.
      this.tokens = NO_TOKENS;
    }
    if (recovered) for (const node of body) repairSpans(node, textLength);
    for (const d of loopControlOutsideLoops(body)) this.report(d);
    const program: A.Program = {
      kind: 'Program',
      span: { start: 0, end: textLength },
      body,
      comments: comments.map((c) => ({
        kind: c.tokenType === T.LineComment ? 'LineComment' : 'BlockComment',
        text: c.image,
        span: tokenSpan(c),
      })),
    };
    // After recovery, a node the parser made up has no position (spans fall back to the start): what is said about it
    // there echoes the syntax error already reported where the text went wrong.
    const diagnostics = recovered ? this.diagnostics.filter((d) => d.span.start > 0 || d.span.end > 0) : this.diagnostics;
    return { program, diagnostics };
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────────

  private report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  /** Like `visit`, but passes the node itself too: its location gives the span. */
  private dispatch(node: CstNode): unknown {
    const method = (this as unknown as Record<string, (c: unknown, p: undefined, n: CstNode) => unknown>)[node.name]!;
    return method.call(this, node.children, undefined, node);
  }

  private node<N>(node: CstNode | undefined): N | undefined {
    return node ? (this.dispatch(node) as N) : undefined;
  }

  private expr(node: CstNode | undefined, near: Span): A.Expr {
    // A node the parser's recovery made (`x = ;`) has no tokens, so no position: it is missing, placed after `near`.
    if (node?.recoveredNode && Number.isNaN(node.location?.startOffset)) return missing(near);
    return this.node<A.Expr>(node) ?? missing(near);
  }

  // ── Program ──────────────────────────────────────────────────────────────────────────────────────────────

  program(c: C.ProgramCstChildren): (A.FunctionDecl | A.Stmt)[] {
    return (c.topLevelItem ?? []).flatMap((item) => {
      const { functionDeclaration, templateStatement, statement } = item.children;
      const child = (functionDeclaration ?? templateStatement ?? statement)?.[0];
      return child ? [this.dispatch(child) as A.FunctionDecl | A.Stmt] : []; // a stray `}` leaves no node
    });
  }

  /** Tokens no statement can start with; reported once for the run. The AST keeps an EmptyStmt in its place. */
  unparsedStatement(c: C.UnparsedStatementCstChildren, _?: void, node?: CstNode): A.EmptyStmt {
    if (c.strayElse?.[0]) return this.strayElse(c.strayElse[0].children, undefined, c.strayElse[0]);
    const stray = c.Stray ?? [];
    const first = stray[0]!;
    const span = cstSpan(node!);
    this.report(unparsedStatementDiagnostic(stray, first));
    return { kind: 'EmptyStmt', span };
  }

  /** `else` with no `if`: reported once; its body is built for what is said inside it, and left out of the AST. */
  strayElse(c: C.StrayElseCstChildren, _?: void, node?: CstNode): A.EmptyStmt {
    this.report(strayElseDiagnostic(c.Else![0]!));
    const elseIf = c.ifStatement?.[0];
    if (elseIf) this.ifStatement(elseIf.children, undefined, elseIf);
    else if (c.body?.[0]) this.body(c.body[0].children, undefined, c.body[0]);
    return { kind: 'EmptyStmt', span: cstSpan(node!) };
  }

  topLevelItem(): never {
    throw new Error('topLevelItem is read by program');
  }

  functionDeclaration(c: C.FunctionDeclarationCstChildren, _?: void, node?: CstNode): A.FunctionDecl {
    const returnType = this.typeOf(c.typeReference?.[0]);
    // `function f() { … }`: JavaScript's keyword, read as a return type.
    if (returnType.name === 'function' && !returnType.elementType) this.report(noFunctionKeyword(returnType.span, c.Word?.[0]?.image));
    return {
      kind: 'FunctionDecl',
      span: cstSpan(node!),
      returnType,
      name: (c.Word ?? []).map(identifier),
      params: (c.parameter ?? []).map((p) => this.parameter(p.children)),
      body: this.blockOf(c.block?.[0], returnType.span),
    };
  }

  private typeOf(node: C.TypeReferenceCstNode | undefined): A.TypeRef {
    return node ? this.typeReference(node.children) : { kind: 'TypeRef', span: { start: 0, end: 0 }, name: '' };
  }

  typeReference(c: C.TypeReferenceCstChildren): A.TypeRef {
    const [name, element] = c.Identifier ?? [];
    const span = name ? (element ? coverTokens(name, element) : tokenSpan(name)) : { start: 0, end: 0 };
    return { kind: 'TypeRef', span, name: name?.image ?? '', ...(element ? { elementType: element.image } : {}) };
  }

  parameter(c: C.ParameterCstChildren): A.Param {
    const type = this.typeOf(c.typeReference?.[0]);
    const name = c.Word?.[0] ? identifier(c.Word[0]) : missing(type.span);
    return { kind: 'Param', span: { start: type.span.start, end: name.span.end }, type, name };
  }

  templateStatement(c: C.TemplateStatementCstChildren): A.TemplateStmt {
    const opener = (c.TemplateStart ?? c.HtmlThenCode)![0]!;
    const start = tokenSpan(opener);
    const body = this.blockOf(c.block?.[0], start);
    const tail = c.HtmlTail?.[0];
    return {
      kind: 'TemplateStmt',
      span: cover(start, tail ? tokenSpan(tail) : body.span),
      ...(c.HtmlThenCode ? { leadingHtml: htmlOf(opener, '<%') } : {}),
      body,
      trailingHtml: tail ? tail.image.slice(2) : '',
    };
  }

  // ── Statements ───────────────────────────────────────────────────────────────────────────────────────────

  private blockOf(node: C.BlockCstNode | undefined, near: Span): A.Block {
    return node ? this.block(node.children, undefined, node) : { kind: 'Block', span: near, body: [], braced: true };
  }

  block(c: C.BlockCstChildren, _?: void, node?: CstNode): A.Block {
    return {
      kind: 'Block',
      span: cstSpan(node!),
      body: (c.statement ?? []).map((s) => this.statement(s.children)),
      braced: true,
    };
  }

  body(c: C.BodyCstChildren, _?: void, node?: CstNode): A.Block {
    if (c.block?.[0]) return this.block(c.block[0].children, undefined, c.block[0]);
    const stmt = c.statement?.[0] ? this.statement(c.statement[0].children) : undefined;
    return { kind: 'Block', span: cstSpan(node!), body: stmt ? [stmt] : [], braced: false };
  }

  private bodyOf(node: C.BodyCstNode | undefined, near: Span): A.Block {
    return node ? this.body(node.children, undefined, node) : { kind: 'Block', span: near, body: [], braced: true };
  }

  statement(c: C.StatementCstChildren): A.Stmt {
    // A statement node has exactly one child: the statement kind that matched.
    for (const key in c) {
      const child = (c as Record<string, CstNode[]>)[key]![0];
      if (child) return this.dispatch(child) as A.Stmt;
    }
    return { kind: 'EmptyStmt', span: { start: 0, end: 0 } };
  }

  ifStatement(c: C.IfStatementCstChildren, _?: void, node?: CstNode): A.IfStmt {
    const span = cstSpan(node!);
    let clauses = c.ifClause ?? [];
    let elseBody = c.body?.[0];
    if (clauses.length - 1 > MAX_ELSE_IF) {
      const past = clauses[MAX_ELSE_IF + 1]!;
      this.report(tooLong(cstSpan(past), `${(clauses.length - 1).toLocaleString('en-US')} else-if branches in one if`, MAX_ELSE_IF, 'split it: a map from each value to its result, or ifs in groups'));
      clauses = clauses.slice(0, MAX_ELSE_IF + 1);
      elseBody = undefined;
    }
    // Built from the last clause back: an `else if` is an IfStmt in the else of the one before, from its `if` to the
    // chain's end.
    let otherwise: A.IfStmt | A.Block | undefined = elseBody ? this.body(elseBody.children, undefined, elseBody) : undefined;
    for (let i = clauses.length - 1; i >= 1; i--) {
      otherwise = this.clause(clauses[i]!.children, { start: cstSpan(clauses[i]!).start, end: span.end }, otherwise);
    }
    // (The parser always gives the first clause; a recovered one may lack any of its parts.)
    return this.clause(clauses[0]?.children ?? ({} as C.IfClauseCstChildren), span, otherwise);
  }

  ifClause(): never {
    throw new Error('ifClause is read by ifStatement');
  }

  /** One `if (…) body` of the chain, as an IfStmt of `span` with `otherwise` as its else. */
  private clause(c: C.IfClauseCstChildren, span: Span, otherwise?: A.IfStmt | A.Block): A.IfStmt {
    let condition = this.conditionOf(c.condition?.[0], span);
    // `if (a) && (b)`: the parts after the `)` joined on, left to right, with one error at the first operator.
    const joiners = [...(c.AndAnd ?? []), ...(c.OrOr ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    if (joiners.length > 0) this.report(conditionContinuedAfterParen(joiners[0]!));
    joiners.forEach((joiner, i) => {
      const right = this.conditionOf(c.condition?.[i + 1], tokenSpan(joiner));
      condition = { kind: 'BinaryExpr', span: cover(condition.span, right.span), op: joiner.image as A.BinaryOp, left: condition, right };
    });
    return { kind: 'IfStmt', span, condition, then: this.bodyOf(c.body?.[0], span), ...(otherwise ? { else: otherwise } : {}) };
  }

  private conditionOf(node: C.ConditionCstNode | undefined, near: Span): A.Expr {
    return node ? this.condition(node.children) : missing(near);
  }

  condition(c: C.ConditionCstChildren): A.Expr {
    return this.expr(c.expression?.[0], { start: 0, end: 0 });
  }

  forEachStatement(c: C.ForEachStatementCstChildren, _?: void, node?: CstNode): A.ForEachStmt {
    const span = cstSpan(node!);
    // (Tokens the parser inserted to recover have no position: they were never written.)
    const [first, second] = (c.Identifier ?? []).filter((t) => !Number.isNaN(t.startOffset));
    const variable = first ? identifier(first) : missing(span);
    const iterable = this.node<A.Expr>(c.expression?.[0]);
    // `for each index i in list`: two names before `in`, the first being `index`.
    if (iterable && first && second && first.image.toLowerCase() === 'index') {
      return { kind: 'ForEachStmt', span, index: true, variable: identifier(second), iterable, body: this.bodyOf(c.body?.[0], span) };
    }
    if (!iterable && first && second && /^(on|of|from)$/i.test(second.image)) {
      // `for each x on list {`, `of`, `from`: another language's word for `in` (the list after it, and the block,
      // were read as something else: one error says it).
      this.report(
        explainsItsBlock(
          diagnostic('DLG2002', tokenSpan(second), `'for each' takes 'in', not '${second.image}': for each ${first.image} in …`, {
            fix: { span: tokenSpan(second), text: 'in' },
          }),
        ),
      );
    } else if (!iterable && first && !second && strayAssign(c.body?.[0])) {
      // `for each item = list`: the `=` and what follows were read as the body.
      const stray = c.body![0]!.children.statement![0]!.children.unparsedStatement![0]!.children.Stray!;
      const assign = tokenSpan(stray[0]!);
      // The list, when it is one name ending the head (`= list {`, or `= list` at the end of its line).
      const list = stray[1]?.tokenType === T.Identifier && (stray[2] === undefined || stray[2].image === '{' || stray[2].startLine !== stray[1].startLine) ? stray[1].image : '…';
      this.report(
        explainsItsBlock(
          diagnostic('DLG2002', assign, `'for each' takes 'in', not '=': write for each ${first.image} in ${list}`, { fix: { span: assign, text: 'in' } }),
        ),
      );
    } else if (!iterable && first) {
      // `for each x list {`: the `in` is missing; read `list` as what was meant. (With no name at all the parser has
      // already said what it expected.)
      const at = second ? tokenSpan(second) : { start: variable.span.end, end: variable.span.end };
      this.report(
        diagnostic('DLG2002', at, second ? `missing 'in' between '${first!.image}' and '${second.image}': for each ${first!.image} in ${second.image}` : "expected 'in' and the list to iterate", {
          ...(second ? { fix: { span: { start: at.start, end: at.start }, text: 'in ' } } : {}),
        }),
      );
    } else if (second) {
      this.report(diagnostic('DLG2002', tokenSpan(second), `expected 'in' after the loop variable '${first!.image}', found '${second.image}'`));
    }
    return {
      kind: 'ForEachStmt',
      span,
      index: false,
      variable,
      iterable: iterable ?? (second ? identifier(second) : missing(span)),
      body: this.bodyOf(c.body?.[0], span),
    };
  }

  cStyleForStatement(c: C.CStyleForStatementCstChildren, _?: void, node?: CstNode): A.CStyleForStmt {
    const head = c.CStyleForHead[0]!;
    this.report(
      diagnostic('DLG2006', tokenSpan(head), "Deluge has no C-style 'for' loop: iterate a list with 'for each item in list { … }' or count with 'for each index i in list { … }'"),
    );
    return { kind: 'CStyleForStmt', span: cstSpan(node!), header: head.image, body: this.bodyOf(c.body?.[0], tokenSpan(head)) };
  }

  whileStatement(c: C.WhileStatementCstChildren, _?: void, node?: CstNode): A.WhileStmt {
    const span = cstSpan(node!);
    this.report(
      diagnostic('DLG2005', tokenSpan(c.While[0]!), "Deluge has no 'while' loop: iterate a list with 'for each item in list { … }' (build the list first if you need a count)"),
    );
    return { kind: 'WhileStmt', span, condition: this.conditionOf(c.condition?.[0], span), body: this.bodyOf(c.body?.[0], span) };
  }

  tryStatement(c: C.TryStatementCstChildren, _?: void, node?: CstNode): A.TryStmt {
    const span = cstSpan(node!);
    const [body, handler] = c.block ?? [];
    return {
      kind: 'TryStmt',
      span,
      body: this.blockOf(body, span),
      param: c.Identifier?.[0] ? identifier(c.Identifier[0]) : missing(span),
      handler: this.blockOf(handler, span),
    };
  }

  throwStatement(c: C.ThrowStatementCstChildren, _?: void, node?: CstNode): A.ThrowStmt {
    const span = cstSpan(node!);
    return { kind: 'ThrowStmt', span, value: this.expr(c.expression?.[0], span) };
  }

  returnStatement(c: C.ReturnStatementCstChildren, _?: void, node?: CstNode): A.ReturnStmt {
    const value = this.node<A.Expr>(c.expression?.[0]);
    return { kind: 'ReturnStmt', span: cstSpan(node!), ...(value ? { value } : {}) };
  }

  breakStatement(_c: C.BreakStatementCstChildren, _?: void, node?: CstNode): A.BreakStmt {
    return { kind: 'BreakStmt', span: cstSpan(node!) };
  }

  continueStatement(_c: C.ContinueStatementCstChildren, _?: void, node?: CstNode): A.ContinueStmt {
    return { kind: 'ContinueStmt', span: cstSpan(node!) };
  }

  infoStatement(c: C.InfoStatementCstChildren, _?: void, node?: CstNode): A.InfoStmt {
    const span = cstSpan(node!);
    return { kind: 'InfoStmt', span, value: this.expr(c.expression?.[0], span) };
  }

  emptyStatement(_c: C.EmptyStatementCstChildren, _?: void, node?: CstNode): A.EmptyStmt {
    return { kind: 'EmptyStmt', span: cstSpan(node!) };
  }

  htmlStatement(c: C.HtmlStatementCstChildren, _?: void, node?: CstNode): A.HtmlStmt {
    const span = cstSpan(node!);
    const code = c.HtmlThenCode?.[0];
    if (code) return { kind: 'HtmlStmt', span, html: htmlOf(code, '<%') };
    const opener = c.HtmlThenExpression?.[0];
    const html = opener ? htmlOf(opener, '<%=') : '';
    const tail = c.HtmlTail?.[0];
    return { kind: 'HtmlStmt', span, html, output: this.expr(c.expression?.[0], span), ...(tail ? { trailingHtml: tail.image.slice(2) } : {}) };
  }

  deleteFromStatement(c: C.DeleteFromStatementCstChildren, _?: void, node?: CstNode): A.DeleteFromStmt {
    const span = cstSpan(node!);
    return { kind: 'DeleteFromStmt', span, query: this.expr(c.expression?.[0], span) };
  }

  fieldActionStatement(c: C.FieldActionStatementCstChildren, _?: void, node?: CstNode): A.FieldActionStmt {
    const span = cstSpan(node!);
    const action = c.FieldAction[0]!.image.toLowerCase() as A.FieldActionStmt['action'];
    return { kind: 'FieldActionStmt', span, action, target: this.expr(c.expression?.[0], span) };
  }

  successMessageStatement(c: C.SuccessMessageStatementCstChildren, _?: void, node?: CstNode): A.AlertStmt {
    const span = cstSpan(node!);
    return { kind: 'AlertStmt', span, message: this.expr(c.expression?.[0], span), successMessage: true };
  }

  alertStatement(c: C.AlertStatementCstChildren, _?: void, node?: CstNode): A.AlertStmt {
    const span = cstSpan(node!);
    return { kind: 'AlertStmt', span, message: this.expr(c.expression?.[0], span) };
  }

  cancelStatement(c: C.CancelStatementCstChildren, _?: void, node?: CstNode): A.CancelStmt {
    const span = cstSpan(node!);
    return { kind: 'CancelStmt', span, what: c.Word?.[0] ? identifier(c.Word[0]) : missing(span) };
  }

  variableDeclaration(c: C.VariableDeclarationCstChildren, _?: void, node?: CstNode): A.VarDeclStmt {
    const span = cstSpan(node!);
    const init = this.node<A.Expr>(c.expression?.[0]);
    return {
      kind: 'VarDeclStmt',
      span,
      type: this.typeOf(c.typeReference?.[0]),
      name: c.Word?.[0] ? identifier(c.Word[0]) : missing(span),
      ...(init ? { init } : {}),
    };
  }

  expressionStatement(c: C.ExpressionStatementCstChildren, _?: void, node?: CstNode): A.ExprStmt | A.AssignStmt | A.AlertStmt {
    const span = cstSpan(node!);
    const [left, right] = c.expression ?? [];
    const target = this.expr(left, span);
    const op = c.AssignOperator?.[0];
    if (!op) {
      // `info;`: the statement with its value left out (a variable named `info` read on its own would do nothing).
      if (target.kind === 'Identifier' && target.name.toLowerCase() === 'info') {
        this.report(diagnostic('DLG2002', target.span, "'info' needs a value to show: info <value>;"));
      }
      if (target.kind === 'BinaryExpr' && COMPARISONS.has(target.op)) this.report(unusedComparison(target, c.expression![0]!));
      return alertCall(target, span) ?? { kind: 'ExprStmt', span, expr: target };
    }
    const value = this.expr(right, tokenSpan(op));
    if (target.kind !== 'Identifier' && target.kind !== 'MemberExpr' && target.kind !== 'IndexExpr') {
      this.report(diagnostic('DLG2010', target.span, `cannot assign to ${describe(target)}: the left side of '${op.image}' must be a variable or a field`));
    }
    return {
      kind: 'AssignStmt',
      span,
      target: target as A.AssignStmt['target'],
      op: op.image as A.AssignOp,
      value,
    };
  }

  // ── Expressions ──────────────────────────────────────────────────────────────────────────────────────────

  /** Operands and operators come flat from the grammar; precedence climbing builds the tree. */
  expression(c: C.ExpressionCstChildren): A.Expr {
    const operands = c.operand ?? [];
    const operators = (c.binaryOperator ?? []).map((o) => this.binaryOperator(o.children));
    const first = this.expr(operands[0], { start: 0, end: 0 });
    if (operators.length === 0) return first;
    let i = 0;
    const operand = () => this.expr(operands[i + 1], operators[i]?.span ?? first.span);
    // How deep each operator node lies over its operands: a chain is a tree as deep as it is long (MAX_OPERATOR_DEPTH).
    // No deeper than there are operators: most expressions need no count.
    const depths = operators.length > MAX_OPERATOR_DEPTH ? new Map<A.Expr, number>() : undefined;
    let deepest = 0;
    let pastLimit: Span | undefined;
    const climb = (left: A.Expr, minPrecedence: number): A.Expr => {
      while (i < operators.length && PRECEDENCE[operators[i]!.op] >= minPrecedence) {
        const op = operators[i]!;
        let right = operand();
        i++;
        while (i < operators.length && PRECEDENCE[operators[i]!.op] > PRECEDENCE[op.op]) {
          right = climb(right, PRECEDENCE[op.op] + 1);
        }
        left = { kind: 'BinaryExpr', span: cover(left.span, right.span), op: op.op, left, right };
        if (depths) {
          const depth = Math.max(depths.get(left.left) ?? 0, depths.get(right) ?? 0) + 1;
          depths.set(left, depth);
          deepest = Math.max(deepest, depth);
          if (depth > MAX_OPERATOR_DEPTH) pastLimit ??= op.span;
        }
      }
      return left;
    };
    const tree = climb(first, 0);
    if (pastLimit === undefined) return tree;
    // Too deep for the stages after the parser: reported, and the tree not handed on (the file has an error anyway).
    this.report(tooLong(pastLimit, `${deepest.toLocaleString('en-US')} operators chained in one expression`, MAX_OPERATOR_DEPTH, 'split it: build a text in steps (`s = s + …;`), or keep parts in variables'));
    return first;
  }

  binaryOperator(c: C.BinaryOperatorCstChildren): { op: A.BinaryOp; span: Span } {
    const tokens: IToken[] = [];
    for (const key in c) tokens.push(...(c as Record<string, IToken[]>)[key]!);
    if (tokens.length > 1) tokens.sort((a, b) => a.startOffset - b.startOffset);
    const first = tokens[0]!;
    const span = coverTokens(first, tokens[tokens.length - 1]!);
    if (first.tokenType === T.ConditionEquals) {
      this.report(
        diagnostic('DLG2007', span, "'=' compares here (Zoho reads '=' in a condition as '=='), but it reads like an assignment: write '=='", {
          fix: { span, text: '==' },
        }),
      );
      return { op: '=', span };
    }
    const words = tokens.map((t) => (t.tokenType === T.In || t.tokenType === T.Is || t.tokenType === T.Not || t.tokenType === T.Identifier ? t.image.toLowerCase() : t.image));
    return { op: words.join(' ') as A.BinaryOp, span };
  }

  operand(c: C.OperandCstChildren): A.Expr {
    let value = this.primary(c);
    let suffixes = suffixesOf(c);
    if (suffixes.length > MAX_CHAIN) {
      this.report(tooLong(cstSpan(suffixes[MAX_CHAIN]!), `${suffixes.length.toLocaleString('en-US')} calls or fields in one chain`, MAX_CHAIN, 'keep a part in a variable'));
      suffixes = suffixes.slice(0, MAX_CHAIN);
    }
    for (const suffix of suffixes) {
      // After error recovery a suffix may have no location: never let a span shrink or run backwards.
      const end = Math.max(cstSpan(suffix).end, value.span.end);
      const span = { start: value.span.start, end };
      if (suffix.name === 'memberSuffix') {
        const s = (suffix as C.MemberSuffixCstNode).children;
        const property = s.Word?.[0] ? identifier(s.Word[0]) : missing({ start: end, end });
        const member: A.MemberExpr = { kind: 'MemberExpr', span: cover(value.span, property.span), object: value, property };
        value = s.arguments?.[0]
          ? { kind: 'CallExpr', span: cover(span, member.span), callee: member, args: this.argumentsOf(s.arguments[0]) }
          : member;
      } else if (suffix.name === 'querySuffix') {
        value = this.query(value, (suffix as C.QuerySuffixCstNode).children, span);
      } else {
        value = { kind: 'UiExpr', span, object: value };
      }
    }
    if (!c.Bang && !c.Minus && !c.Plus) return value;
    // Prefix operators apply to the whole suffixed primary, the innermost last.
    let prefixes = [...(c.Bang ?? []), ...(c.Minus ?? []), ...(c.Plus ?? [])].sort((a, b) => b.startOffset - a.startOffset);
    if (prefixes.length > MAX_CHAIN) {
      this.report(tooLong(tokenSpan(prefixes[prefixes.length - 1 - MAX_CHAIN]!), `${prefixes.length.toLocaleString('en-US')} prefix operators in a row`, MAX_CHAIN, 'remove the ones that cancel out'));
      prefixes = prefixes.slice(0, MAX_CHAIN);
    }
    for (const op of prefixes) {
      value = { kind: 'UnaryExpr', span: cover(tokenSpan(op), value.span), op: op.image as A.UnaryOp, operand: value };
    }
    return value;
  }

  /** The primary of an operand: a literal, a name or call, or one of the bracketed forms. */
  private primary(c: C.OperandCstChildren): A.Expr {
    const token = (c.StringLiteral ?? c.IntegerLiteral ?? c.DecimalLiteral ?? c.True ?? c.False ?? c.Null)?.[0];
    if (token) return literal(token);
    const name = c.Identifier?.[0];
    if (name) {
      const id = identifier(name);
      const args = c.arguments?.[0];
      return args ? { kind: 'CallExpr', span: cover(id.span, cstSpan(args)), callee: id, args: this.argumentsOf(args) } : id;
    }
    const node = (c.conditionalExpression ?? c.taskExpression ?? c.insertExpression ?? c.typedConstructor ?? c.parenthesizedExpression ?? c.curlyLiteral ?? c.squareListLiteral)?.[0];
    return node ? (this.dispatch(node) as A.Expr) : missing({ start: 0, end: 0 });
  }

  private query(object: A.Expr, s: C.QuerySuffixCstChildren, span: Span): A.IndexExpr {
    const criteria = s.condition?.[0] ? this.condition(s.condition[0].children) : undefined;
    const sortField = this.node<A.Expr>(s.operand?.[0]);
    const direction = s.Asc ? 'asc' : s.Desc ? 'desc' : undefined;
    const [from, to] = s.expression ?? [];
    return {
      kind: 'IndexExpr',
      span,
      object,
      ...(criteria ? { criteria } : {}),
      ...(sortField ? { sortBy: { field: sortField, ...(direction ? { direction } : {}) } } : {}),
      ...(s.Range ? { range: { from: this.expr(from, span), to: this.expr(to, span) } } : {}),
    };
  }

  memberSuffix(): never {
    throw new Error('memberSuffix is read by operand');
  }

  querySuffix(): never {
    throw new Error('querySuffix is read by operand');
  }

  uiSuffix(): never {
    throw new Error('uiSuffix is read by operand');
  }

  private argumentsOf(node: C.ArgumentsCstNode): A.Argument[] {
    return this.arguments(node.children);
  }

  arguments(c: C.ArgumentsCstChildren): A.Argument[] {
    return (c.argument ?? []).map((a) => this.argument(a.children, undefined, a));
  }

  argument(c: C.ArgumentCstChildren, _?: void, node?: CstNode): A.Argument {
    const span = cstSpan(node!);
    const [key, value] = c.expression ?? [];
    const keyExpr = this.expr(key, span);
    if (!c.Colon) return keyExpr;
    return { kind: 'KeyValueArg', span, key: keyExpr, value: this.expr(value, span) };
  }

  conditionalExpression(c: C.ConditionalExpressionCstChildren, _?: void, node?: CstNode): A.ConditionalExpr {
    const span = cstSpan(node!);
    const [whenTrue, whenFalse] = c.expression ?? [];
    return {
      kind: 'ConditionalExpr',
      span,
      condition: this.conditionOf(c.condition?.[0], span),
      then: this.expr(whenTrue, span),
      else: this.expr(whenFalse, span),
    };
  }

  taskExpression(c: C.TaskExpressionCstChildren, _?: void, node?: CstNode): A.TaskExpr {
    const name = c.TaskName[0]!;
    const params = (c.taskParameter ?? []).map((p) => this.taskParameter(p.children, undefined, p));
    for (const p of c.taskParameter ?? []) {
      // Commas between values (`to: a, b`) are fine; one after the last value separates parameters.
      const values = p.children.taskValue ?? [];
      const lastValueEnd = values.length ? cstSpan(values[values.length - 1]!).end : 0;
      const comma = (p.children.Comma ?? []).find((t) => t.startOffset >= lastValueEnd);
      if (comma) {
        this.report(
          diagnostic('DLG2008', tokenSpan(comma), `${name.image} parameters are not separated by commas: put each 'key: value' on its own line`, {
            fix: { span: tokenSpan(comma), text: '' },
          }),
        );
      }
      const semicolon = p.children.Semicolon?.[0];
      if (semicolon && !Number.isNaN(semicolon.startOffset)) {
        this.report(
          diagnostic('DLG2008', tokenSpan(semicolon), `${name.image} parameters do not end with ';': put each 'key: value' on its own line, and the ';' after the ']'`, {
            fix: { span: tokenSpan(semicolon), text: '' },
          }),
        );
      }
    }
    return { kind: 'TaskExpr', span: cstSpan(node!), task: name.image.toLowerCase(), rawName: name.image, params };
  }

  taskParameter(c: C.TaskParameterCstChildren, _?: void, node?: CstNode): A.TaskParam {
    const span = cstSpan(node!);
    const words = c.Word ?? [];
    const values = (c.taskValue ?? []).map((v) => this.taskValue(v.children, undefined, v));
    const colon = c.Colon?.[0];
    if (values.length === 0 && colon && !Number.isNaN(colon.startOffset)) {
      const key = words.map((w) => w.image).join(' ');
      this.report(placeholderValue(this.tokens, colon) ?? diagnostic('DLG2002', tokenSpan(colon), `'${key}:' has no value: write ${key}: <value> (or remove the line)`));
    }
    const first = values[0] ?? missing(span);
    const last = values[values.length - 1] ?? first;
    const value: A.Expr =
      values.length > 1 ? { kind: 'ListLiteral', span: cover(first.span, last.span), elements: values, brackets: 'none' } : first;
    return {
      kind: 'TaskParam',
      span: { start: span.start, end: value.span.end },
      key: words.map((w) => w.image).join(' '),
      keySpan: words.length ? coverTokens(words[0]!, words[words.length - 1]!) : span,
      value,
    };
  }

  taskValue(c: C.TaskValueCstChildren, _?: void, node?: CstNode): A.Expr {
    const span = cstSpan(node!);
    const value = this.expr(c.expression?.[0], span);
    const qualifier = c.Word?.[0];
    if (!qualifier) return value;
    const form = c.form?.[0];
    const record = c.record?.[0];
    const format = c.format?.[0];
    return {
      kind: 'QualifiedExpr',
      span,
      qualifier: qualifier.image,
      value,
      ...(form && { form: identifier(form) }),
      ...(record && { record: this.expr(record, span) }),
      ...(format && { format: identifier(format) }),
    };
  }

  insertExpression(c: C.InsertExpressionCstChildren, _?: void, node?: CstNode): A.InsertExpr {
    const span = cstSpan(node!);
    return {
      kind: 'InsertExpr',
      span,
      form: c.Identifier?.[0] ? identifier(c.Identifier[0]) : missing(span),
      fields: (c.insertField ?? []).map((f) => this.insertField(f.children, undefined, f)),
    };
  }

  insertField(c: C.InsertFieldCstChildren, _?: void, node?: CstNode): A.InsertField {
    const span = cstSpan(node!);
    return { kind: 'InsertField', span, name: identifier(c.Word[0]!), value: this.expr(c.expression?.[0], span) };
  }

  typedConstructor(c: C.TypedConstructorCstChildren, _?: void, node?: CstNode): A.CallExpr {
    const [name, element] = c.Identifier;
    return {
      kind: 'CallExpr',
      span: cstSpan(node!),
      callee: identifier(name!),
      args: c.arguments?.[0] ? this.argumentsOf(c.arguments[0]) : [],
      elementType: element?.image ?? '',
    };
  }

  parenthesizedExpression(c: C.ParenthesizedExpressionCstChildren, _?: void, node?: CstNode): A.ParenExpr {
    const span = cstSpan(node!);
    return { kind: 'ParenExpr', span, expr: this.expr(c.expression?.[0], span) };
  }

  curlyLiteral(c: C.CurlyLiteralCstChildren, _?: void, node?: CstNode): A.ListLiteral | A.MapLiteral {
    const span = cstSpan(node!);
    // An entry the parser had to make up (`{"a": 1,}`) is its error: the literal is what the rest of it is.
    const entries = (c.curlyEntry ?? []).map((e) => ({ node: e, ...this.curlyEntry(e.children) })).filter((e) => e.value || !isMissing(e.key));
    const pairs = entries.filter((e) => e.value);
    if (entries.length === 0 || pairs.length === entries.length) {
      return {
        kind: 'MapLiteral',
        span,
        entries: pairs.map((e) => ({ kind: 'MapEntry', span: cstSpan(e.node), key: e.key, value: e.value! })),
      };
    }
    if (pairs.length > 0) {
      const odd = entries.find((e) => !e.value)!;
      this.report(
        diagnostic('DLG2011', odd.key.span, "this element has no 'key:' but others in the same {…} have: a map needs 'key: value' for every entry, a list needs none", {
          related: [{ span: entrySpan(pairs[0]!.node, pairs[0]!.key.span), message: 'this entry is a key-value pair' }],
        }),
      );
    }
    return { kind: 'ListLiteral', span, elements: entries.map((e) => e.key), brackets: 'curly' };
  }

  curlyEntry(c: C.CurlyEntryCstChildren): { key: A.Expr; value?: A.Expr } {
    const [key, value] = c.expression ?? [];
    const keyExpr = this.expr(key, { start: 0, end: 0 });
    if (!c.Colon) return { key: keyExpr };
    return { key: keyExpr, value: this.expr(value, keyExpr.span) };
  }

  squareListLiteral(c: C.SquareListLiteralCstChildren, _?: void, node?: CstNode): A.ListLiteral {
    return {
      kind: 'ListLiteral',
      span: cstSpan(node!),
      elements: (c.expression ?? []).map((e) => this.expr(e, cstSpan(node!))),
      brackets: 'square',
    };
  }
}

/** Binding strength of each binary operator: higher binds tighter. All are left-associative. */
/**
 * How long a chain may be. A chain is a tree as deep as it is long, and every stage after the parser walks trees by
 * recursion: 5,000 `+` ended `lint`, `fmt` and `parse` on a stack overflow, 2,000 `+` or 1,000 calls
 * `emit --to ts`. Past these limits, well inside what every stage handles, a chain is DLG2014 (grammar/README §16, 7):
 * operators nested more than MAX_OPERATOR_DEPTH deep (a `+` chain of that many terms; an `||` chain inside a `+`
 * chain adds no depth to it), and more than MAX_CHAIN calls or fields, or prefix operators, in a row.
 */
export const MAX_OPERATOR_DEPTH = 1200;
export const MAX_CHAIN = 500;
/**
 * How many `else if` branches one `if` may have: the parser reads them in a loop, but the AST nests each in the
 * else of the one before, and the stages after it walk that by recursion (5,000 ended `fmt` on a stack overflow).
 */
export const MAX_ELSE_IF = 1000;

/** DLG2014 for a chain past its limit, at the first link past it. */
function tooLong(span: Span, what: string, limit: number, fix: string): Diagnostic {
  return diagnostic('DLG2014', span, `${what} (at most ${limit.toLocaleString('en-US')}): deluge cannot process a chain this long; ${fix}`);
}

const PRECEDENCE: Record<A.BinaryOp, number> = {
  '||': 1,
  '&&': 2,
  '==': 3, '!=': 3, '=': 3,
  '<': 4, '<=': 4, '>': 4, '>=': 4,
  in: 4, 'not in': 4, is: 4, 'is not': 4, contains: 4, 'not contains': 4, 'starts with': 4, 'ends with': 4,
  '+': 5, '-': 5,
  '*': 6, '/': 6, '%': 6,
};

/**
 * After error recovery, CST nodes can lack locations, so a span may be empty, reversed or smaller than its
 * children. Grows each span to cover its children (bottom-up) and clamps it to the text.
 */
function repairSpans(node: unknown, textLength: number): Span | undefined {
  if (Array.isArray(node)) {
    let all: Span | undefined;
    for (const child of node) {
      const s = repairSpans(child, textLength);
      if (s) all = all ? cover(all, s) : s;
    }
    return all;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  let covered: Span | undefined;
  for (const [key, value] of Object.entries(record)) {
    if (SPAN_PROPERTIES.has(key)) continue;
    const s = repairSpans(value, textLength);
    if (s) covered = covered ? cover(covered, s) : s;
  }
  const own = record['span'] as Span | undefined;
  if (!own) return covered;
  const valid = Number.isFinite(own.start) && Number.isFinite(own.end) && own.start <= own.end;
  let span = valid ? own : (covered ?? { start: 0, end: 0 });
  if (covered) span = cover(span, covered);
  span = { start: Math.max(0, Math.min(span.start, textLength)), end: Math.max(0, Math.min(span.end, textLength)) };
  record['span'] = span;
  return span;
}

// ── Token and span helpers ───────────────────────────────────────────────────────────────────────────────────

/** The HTML of a page's token: after its `%>` (none at the page's start: PageHtmlThenCode…), before its `<%` or `<%=`. */
function htmlOf(token: IToken, end: '<%' | '<%='): string {
  const pageStart = token.tokenType === T.PageHtmlThenCode || token.tokenType === T.PageHtmlThenExpression;
  return token.image.slice(pageStart ? 0 : '%>'.length, -end.length);
}

/** Spans are half-open; Chevrotain's `endOffset` is inclusive. Tokens inserted by recovery have NaN offsets. */
function tokenSpan(token: IToken): Span {
  const start = Number.isNaN(token.startOffset) ? 0 : token.startOffset;
  return { start, end: start + (Number.isNaN(token.startOffset) ? 0 : token.image.length) };
}

function coverTokens(a: IToken, b: IToken): Span {
  return cover(tokenSpan(a), tokenSpan(b));
}

function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function cstSpan(node: CstNode): Span {
  const loc = node.location;
  if (!loc || Number.isNaN(loc.startOffset)) return { start: 0, end: 0 };
  const end = loc.endOffset === undefined || Number.isNaN(loc.endOffset) ? loc.startOffset : loc.endOffset + 1;
  return { start: loc.startOffset, end };
}

/** An entry's span from the CST, which recovery leaves intact more often than the AST key's. */
function entrySpan(node: CstNode, fallback: Span): Span {
  const s = cstSpan(node);
  return s.end > s.start ? s : fallback;
}

/** The suffixes of an operand in source order (the CST keeps them in one array per kind). */
function suffixesOf(c: C.OperandCstChildren): readonly CstNode[] {
  const { memberSuffix, querySuffix, uiSuffix } = c;
  if (!querySuffix && !uiSuffix) return memberSuffix ?? NONE;
  return inOrder([...(memberSuffix ?? []), ...(querySuffix ?? []), ...(uiSuffix ?? [])]);
}

const NONE: readonly CstNode[] = [];

function inOrder(nodes: CstNode[]): CstNode[] {
  return nodes.sort((a, b) => (a.location?.startOffset ?? 0) - (b.location?.startOffset ?? 0));
}

function identifier(token: IToken): A.Identifier {
  return { kind: 'Identifier', span: tokenSpan(token), name: token.image };
}

/** A placeholder where recovery left a hole: an Identifier with an empty name. */
function isMissing(e: A.Expr): boolean {
  return e.kind === 'Identifier' && e.name === '';
}

function missing(near: Span): A.Identifier {
  return { kind: 'Identifier', span: { start: near.end, end: near.end }, name: '' };
}

function literal(token: IToken): A.Expr {
  const span = tokenSpan(token);
  const raw = token.image;
  switch (token.tokenType) {
    case T.IntegerLiteral:
      return { kind: 'NumberLiteral', span, raw, decimal: false };
    case T.DecimalLiteral:
      return { kind: 'NumberLiteral', span, raw, decimal: true };
    case T.True:
    case T.False:
      return { kind: 'BooleanLiteral', span, raw, value: token.tokenType === T.True };
    case T.Null:
      return { kind: 'NullLiteral', span, raw };
    case T.SingleQuoted:
      return { kind: 'StringLiteral', span, raw, quote: "'", value: unescape(raw.slice(1, -1)) };
    case T.SmartQuoted:
      return { kind: 'StringLiteral', span, raw, quote: '"', value: raw.slice(1, -1) };
    case T.UnterminatedString:
      return { kind: 'StringLiteral', span, raw, quote: raw[0] === "'" ? "'" : '"', value: unescape(raw.slice(1)) };
    default:
      return { kind: 'StringLiteral', span, raw, quote: '"', value: unescape(raw.slice(1, -1)) };
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' };

/** Resolves the escapes Deluge documents; any other backslash is kept (regular expressions rely on it). */
function unescape(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\([\s\S])/g, (all, c: string) => ESCAPES[c] ?? all);
}

function describe(expr: A.Expr): string {
  switch (expr.kind) {
    case 'CallExpr':
      return 'a function call';
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return 'a literal';
    default:
      return 'an expression';
  }
}

export const astBuilder = new AstBuilder();

/** The `=` a body starts with when the parser could read nothing there (`for each item = list { … }`). */
function strayAssign(body: C.BodyCstNode | undefined): IToken | undefined {
  const first = body?.children.statement?.[0]?.children.unparsedStatement?.[0]?.children.Stray?.[0];
  return first?.image === '=' ? first : undefined;
}

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);

/**
 * `alert("Saved");` and `alert(Discount, "Enter a discount");`: the call form of Creator's alert task, the message
 * alone or after the field it shows under (https://www.zoho.com/deluge/help/client-functions/alert.html). The parser
 * reads `alert(` as a call, as it does any name before `(`; read here as the statement it is, not a function Deluge
 * lacks.
 */
function alertCall(expr: A.Expr, span: Span): A.AlertStmt | undefined {
  if (expr.kind !== 'CallExpr' || expr.callee.kind !== 'Identifier' || expr.callee.name.toLowerCase() !== 'alert') return undefined;
  const args = expr.args.filter((a): a is A.Expr => a.kind !== 'KeyValueArg');
  if (args.length !== expr.args.length || args.length < 1 || args.length > 2) return undefined;
  return args.length === 2 ? { kind: 'AlertStmt', span, field: args[0], message: args[1]!, callForm: true } : { kind: 'AlertStmt', span, message: args[0]!, callForm: true };
}

/**
 * `total == 0;`: a comparison as a statement does nothing (a slip for `=`, most often). A warning, like DLG2007: Zoho's
 * statements are assignments, calls and keywords (whether it rejects this one is not known). For `==` with a variable
 * or field on the left, a fix to `=` (a suggestion: it changes what the statement does).
 */
function unusedComparison(comparison: A.BinaryExpr, node: CstNode): Diagnostic {
  const op = operatorToken(node, comparison);
  const assignable = comparison.left.kind === 'Identifier' || comparison.left.kind === 'MemberExpr' || comparison.left.kind === 'IndexExpr';
  if (comparison.op === '==' && op !== undefined && assignable) {
    return diagnostic('DLG2015', tokenSpan(op), "this comparison's result is not used: to assign, write '=' (not '==')", { fix: { span: tokenSpan(op), text: '=' } });
  }
  return diagnostic('DLG2015', op ? tokenSpan(op) : comparison.span, `this comparison's result is not used: assign it to a variable, or remove the statement`);
}

/** The operator token of a comparison at the top of an expression: among the expression's own operators, between the operands. */
function operatorToken(node: CstNode, comparison: A.BinaryExpr): IToken | undefined {
  for (const operator of (node.children['binaryOperator'] ?? []) as CstNode[]) {
    for (const token of Object.values(operator.children).flat() as IToken[]) {
      if (token.image === comparison.op && token.startOffset >= comparison.left.span.end && token.startOffset < comparison.right.span.start) return token;
    }
  }
  return undefined;
}
