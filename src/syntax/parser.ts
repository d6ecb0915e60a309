import { CstParser, tokenMatcher, type DSLMethodOpts, type IOrAlt, type IToken, type OrMethodOpts, type TokenType } from 'chevrotain';
import { LazyLookaheadStrategy } from './lazy-lookahead.js';
import { errorFactsProvider } from './syntax-errors.js';
import * as T from './tokens.js';

/** The parts of chevrotain 11's parser that the overrides below read (internal, not in its types). */
interface ChevrotainInternals {
  RULE_STACK: number[];
  RULE_STACK_IDX: number;
  RULE_OCCURRENCE_STACK: number[];
  RULE_OCCURRENCE_STACK_IDX: number;
  getCurrentGrammarPath(tokType: TokenType, tokIdxInRule: number): unknown;
  getNextPossibleTokenTypes(grammarPath: unknown): TokenType[];
}

const MAX_REMEMBERED_FOLLOWS = 10_000;

/**
 * How deep rules may nest: 198 nested calls or maps parse (four rules a level), 158 nested blocks (five), 264 nested
 * parentheses (three); far past real scripts, and a quarter below where the engine's stack ran out.
 */
export const MAX_RULE_DEPTH = 800;

const CHEVROTAIN_RULE_INVOCATION = (CstParser.prototype as unknown as { ruleInvocationStateUpdate(shortName: number, fullName: string, idxInCallingRule: number): void })
  .ruleInvocationStateUpdate;

/**
 * The Deluge grammar: a pure Chevrotain CstParser (no semantic actions). One instance exists; `parse()` in
 * parse.ts resets its input. The CST it builds is turned into the AST by cst-to-ast.ts, the only place that
 * reads the CST. grammar/deluge.ebnf is the readable form of this file; keep them in step.
 */
export class DelugeParser extends CstParser {
  // Alternatives and loop bodies of the hottest decisions, built once instead of on every rule call
  // (Chevrotain's performance guide): see the rules below.
  private binaryTail: DSLMethodOpts<unknown> | undefined;
  private prefixLoop: (() => void) | undefined;
  private suffixLoop: DSLMethodOpts<unknown> | undefined;
  private statementAlternatives: OrMethodOpts<unknown> | undefined;
  private primaryAlternatives: OrMethodOpts<unknown> | undefined;
  private prefixAlternatives: IOrAlt<unknown>[] | undefined;
  private suffixAlternatives: IOrAlt<unknown>[] | undefined;
  private binaryOperatorAlternatives: OrMethodOpts<unknown> | undefined;
  private wordOperatorAlternatives: IOrAlt<unknown>[] | undefined;

  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      errorMessageProvider: errorFactsProvider,
      maxLookahead: 1,
      lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: 1 }),
      nodeLocationTracking: 'onlyOffset',
      // Checked by a test (DELUGE_VALIDATE_GRAMMAR=1); skipped at start-up. `globalThis.process`: also runs in browsers.
      skipValidations: globalThis.process?.env?.['DELUGE_VALIDATE_GRAMMAR'] !== '1',
    });
    this.performSelfAnalysis();
  }

  /**
   * Every rule call, Chevrotain's bookkeeping: past MAX_RULE_DEPTH rules deep the parse stops with a RangeError, read
   * as DLG2014 as a stack overflow is (parse.ts). The engine's stack ran out at 1,080 to 1,470 rules deep in a cold
   * `deluge check` (270 nested calls, 233 nested blocks, 490 nested parentheses), and less or more in a process with
   * more on its stack already: counted, the limit is the same for every command, process and engine.
   * (An internal method of chevrotain 11, not in its types; a test checks the limit holds.)
   */
  ruleInvocationStateUpdate(shortName: number, fullName: string, idxInCallingRule: number): void {
    CHEVROTAIN_RULE_INVOCATION.call(this, shortName, fullName, idxInCallingRule);
    if ((this as unknown as ChevrotainInternals).RULE_STACK_IDX >= MAX_RULE_DEPTH) throw new RangeError(`rules nested more than ${MAX_RULE_DEPTH} deep`);
  }

  /** What may follow each grammar path, as getFollowsForInRuleRecovery found it. */
  private readonly followsByPath = new Map<string, TokenType[]>();

  /**
   * Chevrotain's in-rule recovery (one token put in or skipped) asks, at every error, which tokens may follow the
   * expected one, and finds out by walking the grammar from the top rule down the rule stack: about 0.6 ms an error,
   * most of the time of a file with thousands of them. The answer depends on the grammar path alone (rule stack,
   * occurrence stack, token type and index in the rule) and Chevrotain only reads it: it is kept, by path.
   * (An internal method of chevrotain 11's Recoverable trait, not in its types; a test checks the override is used.)
   */
  getFollowsForInRuleRecovery(tokType: TokenType, tokIdxInRule: number): TokenType[] {
    const internals = this as unknown as ChevrotainInternals;
    const key = `${internals.RULE_STACK.slice(0, internals.RULE_STACK_IDX + 1).join()}|${internals.RULE_OCCURRENCE_STACK.slice(0, internals.RULE_OCCURRENCE_STACK_IDX + 1).join()}|${tokType.name}|${tokIdxInRule}`;
    let follows = this.followsByPath.get(key);
    if (follows === undefined) {
      follows = internals.getNextPossibleTokenTypes(internals.getCurrentGrammarPath(tokType, tokIdxInRule));
      // (Paths are finitely many for a grammar, but nesting makes them many: the memo is bounded.)
      if (this.followsByPath.size >= MAX_REMEMBERED_FOLLOWS) this.followsByPath.clear();
      this.followsByPath.set(key, follows);
    }
    return follows;
  }

  // ── Program ──────────────────────────────────────────────────────────────────────────────────────────────

  public program = this.RULE('program', () => {
    this.MANY(() => this.SUBRULE(this.topLevelItem));
  });

  /** A rule of its own so that a failed item is re-synchronised by `program` and parsing goes on after it. */
  public topLevelItem = this.RULE('topLevelItem', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true, // in order: a statement's error recovery must not claim a template's `<%`
      DEF: [
        { GATE: () => this.atFunctionHeader(), ALT: () => this.SUBRULE(this.functionDeclaration) },
        {
          GATE: () => this.la(1, T.TemplateStart) || this.la(2, T.LCurly),
          ALT: () => this.SUBRULE(this.templateStatement),
        },
        { ALT: () => this.SUBRULE(this.statement) },
        // A `}` with no block to close (reported by the bracket check); skipped so parsing goes on.
        { ALT: () => this.CONSUME(T.RCurly) },
      ],
    });
  });

  /** `string standalone.sync(String id, Int n) { … }` */
  public functionDeclaration = this.RULE('functionDeclaration', () => {
    this.SUBRULE(this.typeReference);
    this.CONSUME(T.Word);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Word);
    });
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.parameter) });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.block);
  });

  public typeReference = this.RULE('typeReference', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.CONSUME2(T.Identifier);
    });
  });

  public parameter = this.RULE('parameter', () => {
    this.SUBRULE(this.typeReference);
    this.CONSUME(T.Word);
  });

  /**
   * A Creator page: `<%{ … }%>`. The `{ … }` is an ordinary block holding code and HTML. A page may have
   * several such islands: `<%{ … }%> html <%{ … }%>`; a later one starts with the HTML before its `<%`.
   */
  public templateStatement = this.RULE('templateStatement', () => {
    this.OR([{ ALT: () => this.CONSUME(T.TemplateStart) }, { ALT: () => this.CONSUME(T.HtmlThenCode) }]);
    this.SUBRULE(this.block);
    this.OPTION(() => this.CONSUME(T.HtmlTail));
  });

  // ── Statements ───────────────────────────────────────────────────────────────────────────────────────────

  public block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RCurly);
  });

  /** The body of `if`, `for each` and `while`: a block, or one statement written without braces. */
  public body = this.RULE('body', () => {
    // `{` starts a block here, never a map literal.
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.statement) }],
    });
  });

  public statement = this.RULE('statement', () => {
    this.OR((this.statementAlternatives ??= {
      // Alternatives are tried in order: the Creator statements and typed declarations come before the
      // expression statement, which would otherwise claim their soft keywords as identifiers.
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.ifStatement) },
        { ALT: () => this.SUBRULE(this.forEachStatement) },
        { ALT: () => this.SUBRULE(this.cStyleForStatement) },
        { ALT: () => this.SUBRULE(this.whileStatement) },
        { ALT: () => this.SUBRULE(this.tryStatement) },
        { ALT: () => this.SUBRULE(this.throwStatement) },
        { ALT: () => this.SUBRULE(this.returnStatement) },
        { ALT: () => this.SUBRULE(this.breakStatement) },
        { ALT: () => this.SUBRULE(this.continueStatement) },
        { GATE: () => this.atInfoStatement(), ALT: () => this.SUBRULE(this.infoStatement) },
        { ALT: () => this.SUBRULE(this.emptyStatement) },
        { ALT: () => this.SUBRULE(this.htmlStatement) },
        { GATE: () => this.la(2, T.From), ALT: () => this.SUBRULE(this.deleteFromStatement) },
        { GATE: () => this.la(2, T.Word) && !this.la(3, T.LParen), ALT: () => this.SUBRULE(this.fieldActionStatement) },
        { GATE: () => this.startsOperand(2), ALT: () => this.SUBRULE(this.alertStatement) },
        { GATE: () => this.atSuccessMessage(), ALT: () => this.SUBRULE(this.successMessageStatement) },
        { GATE: () => this.la(2, T.Word) && this.la(3, T.Semicolon), ALT: () => this.SUBRULE(this.cancelStatement) },
        { GATE: () => this.atVariableDeclaration(), ALT: () => this.SUBRULE(this.variableDeclaration) },
        { ALT: () => this.SUBRULE(this.expressionStatement) },
        { ALT: () => this.SUBRULE(this.unparsedStatement) },
      ],
    }));
  });

  /** Tokens that start no statement, up to the next `;` or `}`: one error, then parsing resumes. */
  public unparsedStatement = this.RULE('unparsedStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true, // `else` is a Stray too: read with its body first
      DEF: [
        // (`else = 1;` is a reserved word as a name, said by the run of stray tokens.)
        { GATE: () => !this.la(2, T.AssignOperator), ALT: () => this.SUBRULE(this.strayElse) },
        {
          ALT: () => {
            this.AT_LEAST_ONE(() => this.CONSUME(T.Stray));
            this.OPTION(() => this.CONSUME(T.Semicolon));
          },
        },
      ],
    });
  });

  /**
   * `else` with no `if` before it (a script pasted from its middle, an `if` ended by `;`), read with its body as an
   * `else` would be, so that the `try … catch`, `if … else` or blocks inside the body are not reported as well.
   */
  public strayElse = this.RULE('strayElse', () => {
    this.CONSUME(T.Else);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [{ ALT: () => this.SUBRULE(this.ifStatement) }, { ALT: () => this.SUBRULE(this.body) }],
    });
  });

  /**
   * `if (…) {…} else if (…) {…} … else {…}`: the `else if` clauses are read in a loop, not as an if nested in each
   * else, so that a chain of hundreds of them (generated mapping code) does not nest the parser hundreds of rules deep;
   * the AST builder nests them as IfStmts.
   */
  public ifStatement = this.RULE('ifStatement', () => {
    this.SUBRULE(this.ifClause);
    this.MANY({
      GATE: () => this.LA(2).tokenType === T.If,
      DEF: () => {
        this.CONSUME(T.Else);
        this.SUBRULE2(this.ifClause);
      },
    });
    this.OPTION(() => {
      this.CONSUME2(T.Else);
      this.SUBRULE(this.body);
    });
  });

  /** `if (condition) body`, of an if or an else if. */
  public ifClause = this.RULE('ifClause', () => {
    this.CONSUME(T.If);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.condition);
    this.CONSUME(T.RParen);
    // `if (a) && (b)`, as one of Zoho's own pages prints it: the condition goes on after its `)`. Read on, so that the
    // block is still the if's; the AST builder reports it (DLG2013).
    this.MANY(() => {
      this.OR2([{ ALT: () => this.CONSUME(T.AndAnd) }, { ALT: () => this.CONSUME(T.OrOr) }]);
      this.SUBRULE2(this.condition);
    });
    this.SUBRULE(this.body);
  });

  /** The condition of `if`, `while`, `if(…)` and a criteria `[…]`, where a single `=` compares (ConditionEquals). */
  public condition = this.RULE('condition', () => {
    this.SUBRULE(this.expression);
  });

  /** `for each x in list` and `for each index i in list` (the second identifier makes it the index form). */
  public forEachStatement = this.RULE('forEachStatement', () => {
    this.CONSUME(T.For);
    this.CONSUME(T.Each);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME2(T.Identifier));
    // `in` is required; the grammar lets it be missing so `for each x list {` gets one precise error.
    this.OPTION2(() => {
      this.CONSUME(T.In);
      this.SUBRULE(this.expression);
    });
    this.SUBRULE(this.body);
  });

  public cStyleForStatement = this.RULE('cStyleForStatement', () => {
    this.CONSUME(T.CStyleForHead);
    this.SUBRULE(this.body);
  });

  public whileStatement = this.RULE('whileStatement', () => {
    this.CONSUME(T.While);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.condition);
    this.CONSUME(T.RParen);
    this.SUBRULE(this.body);
  });

  public tryStatement = this.RULE('tryStatement', () => {
    this.CONSUME(T.Try);
    this.SUBRULE(this.block);
    this.CONSUME(T.Catch);
    this.CONSUME(T.LParen);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.RParen);
    this.SUBRULE2(this.block);
  });

  public throwStatement = this.RULE('throwStatement', () => {
    this.CONSUME(T.Throw);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
  });

  public returnStatement = this.RULE('returnStatement', () => {
    this.CONSUME(T.Return);
    this.OPTION(() => this.SUBRULE(this.expression));
    this.CONSUME(T.Semicolon);
  });

  public breakStatement = this.RULE('breakStatement', () => {
    this.CONSUME(T.Break);
    this.CONSUME(T.Semicolon);
  });

  public continueStatement = this.RULE('continueStatement', () => {
    this.CONSUME(T.Continue);
    this.CONSUME(T.Semicolon);
  });

  public infoStatement = this.RULE('infoStatement', () => {
    this.CONSUME(T.Info);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
  });

  public emptyStatement = this.RULE('emptyStatement', () => {
    this.CONSUME(T.Semicolon);
  });

  /**
   * HTML in a page template, optionally followed by the expression of `<%= … %>`, and after the page's last value
   * the HTML that ends the page (`}%> <p><%=x%></p>`).
   */
  public htmlStatement = this.RULE('htmlStatement', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.HtmlThenCode) },
      {
        ALT: () => {
          this.CONSUME(T.HtmlThenExpression);
          this.SUBRULE(this.expression);
          this.OPTION(() => this.CONSUME(T.HtmlTail));
        },
      },
    ]);
  });

  public deleteFromStatement = this.RULE('deleteFromStatement', () => {
    this.CONSUME(T.Delete);
    this.CONSUME(T.From);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
  });

  public fieldActionStatement = this.RULE('fieldActionStatement', () => {
    this.CONSUME(T.FieldAction);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
  });

  public alertStatement = this.RULE('alertStatement', () => {
    this.CONSUME(T.Alert);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
  });

  /** Creator: `success message "Saved";`, the message shown once a form is submitted. */
  public successMessageStatement = this.RULE('successMessageStatement', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME2(T.Identifier);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
  });

  public cancelStatement = this.RULE('cancelStatement', () => {
    this.CONSUME(T.Cancel);
    this.CONSUME(T.Word);
    this.CONSUME(T.Semicolon);
  });

  public variableDeclaration = this.RULE('variableDeclaration', () => {
    this.SUBRULE(this.typeReference);
    this.CONSUME(T.Word);
    this.OPTION(() => {
      this.CONSUME(T.Assign);
      this.SUBRULE(this.expression);
    });
    this.CONSUME(T.Semicolon);
  });

  /** A call, or an assignment `target op value`. */
  public expressionStatement = this.RULE('expressionStatement', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.AssignOperator);
      this.SUBRULE2(this.expression);
    });
    this.CONSUME(T.Semicolon);
  });

  // ── Expressions ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Operands joined by binary operators, flat: the AST builder applies the precedence table (cst-to-ast.ts,
   * grammar/README.md). One rule instead of one per precedence level keeps the CST small and parsing fast.
   */
  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY((this.binaryTail ??= {
      GATE: () => !this.la(1, T.Identifier) || this.atWordOperator(),
      DEF: () => {
        this.SUBRULE(this.binaryOperator);
        this.SUBRULE2(this.operand);
      },
    }));
  });

  /** `|| && == != < <= > >= + - * / %`, `in`, `not in`, `is [not]`, and the criteria word operators. */
  public binaryOperator = this.RULE('binaryOperator', () => {
    this.OR(
      (this.binaryOperatorAlternatives ??= {
        IGNORE_AMBIGUITIES: true, // `in` alone is the 7th alternative; the last handles `not in`
        DEF: [
        { ALT: () => this.CONSUME(T.OrOr) },
        { ALT: () => this.CONSUME(T.AndAnd) },
        { ALT: () => this.CONSUME(T.EqualityOperator) },
        { ALT: () => this.CONSUME(T.RelationalOperator) },
        { ALT: () => this.CONSUME(T.AdditiveOperator) },
        { ALT: () => this.CONSUME(T.MultiplicativeOperator) },
        { ALT: () => this.CONSUME(T.In) },
        {
          ALT: () => {
            this.CONSUME(T.Is);
            this.OPTION(() => this.CONSUME(T.Not));
          },
        },
        {
          // `not in`, `not contains`, `contains`, `starts with`, `ends with`
          ALT: () => {
            this.OPTION2(() => this.CONSUME2(T.Not));
            this.OR2(
              (this.wordOperatorAlternatives ??= [
                { ALT: () => this.CONSUME2(T.In) },
                {
                  ALT: () => {
                    this.CONSUME(T.Identifier);
                    this.OPTION3({ GATE: () => this.LA(1).image.toLowerCase() === 'with', DEF: () => this.CONSUME2(T.Identifier) });
                  },
                },
              ]),
            );
          },
        },
      ],
      }),
    );
  });

  /**
   * One operand: prefix operators, a primary, then suffixes (`.name`, `.name(args)`, `[criteria]`, `:ui`).
   * Prefix operators bind looser than suffixes: `!list.isEmpty()` is `!(list.isEmpty())`.
   */
  public operand = this.RULE('operand', () => {
    this.MANY((this.prefixLoop ??= () => {
      this.OR((this.prefixAlternatives ??= [
        { ALT: () => this.CONSUME(T.Bang) },
        { ALT: () => this.CONSUME(T.Minus) },
        { ALT: () => this.CONSUME(T.Plus) },
      ]));
    }));
    this.OR2((this.primaryAlternatives ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.IntegerLiteral) },
        { ALT: () => this.CONSUME(T.DecimalLiteral) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.CONSUME(T.Null) },
        { ALT: () => this.SUBRULE(this.conditionalExpression) },
        { GATE: () => this.la(2, T.LBracket), ALT: () => this.SUBRULE(this.taskExpression) },
        { GATE: () => this.la(2, T.Into), ALT: () => this.SUBRULE(this.insertExpression) },
        { GATE: () => this.atTypedConstructor(), ALT: () => this.SUBRULE(this.typedConstructor) },
        {
          // A name, or a call of one: `x`, `Map()`, `ifnull(a, b)`
          ALT: () => {
            this.CONSUME(T.Identifier);
            this.OPTION(() => this.SUBRULE(this.arguments));
          },
        },
        { ALT: () => this.SUBRULE(this.parenthesizedExpression) },
        { ALT: () => this.SUBRULE(this.curlyLiteral) },
        { ALT: () => this.SUBRULE(this.squareListLiteral) },
      ],
    }));
    this.MANY2((this.suffixLoop ??= {
      // A ':' continues the expression only as ':ui'; otherwise it belongs to a `key : value` pair.
      GATE: () => !this.la(1, T.Colon) || this.atUiSuffix(),
      DEF: () => {
        this.OR3(
          (this.suffixAlternatives ??= [
            { ALT: () => this.SUBRULE(this.memberSuffix) },
            { ALT: () => this.SUBRULE(this.querySuffix) },
            { ALT: () => this.SUBRULE(this.uiSuffix) },
          ]),
        );
      },
    }));
  });

  /** `.name` or `.name(args)` */
  public memberSuffix = this.RULE('memberSuffix', () => {
    this.CONSUME(T.Dot);
    this.CONSUME(T.Word);
    this.OPTION(() => this.SUBRULE(this.arguments));
  });

  /** `[criteria] sort by F desc range from 1 to 10` */
  public querySuffix = this.RULE('querySuffix', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => this.SUBRULE(this.condition));
    this.CONSUME(T.RBracket);
    this.OPTION2(() => {
      this.CONSUME(T.Sort);
      this.CONSUME(T.By);
      this.SUBRULE(this.operand);
      this.OPTION3(() => {
        this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]);
      });
    });
    this.OPTION4(() => {
      this.CONSUME(T.Range);
      this.CONSUME(T.From);
      this.SUBRULE(this.expression);
      this.CONSUME(T.To);
      this.SUBRULE2(this.expression);
    });
  });

  /** `:ui` in `input.Country:ui.add("India")` */
  public uiSuffix = this.RULE('uiSuffix', () => {
    this.CONSUME(T.Colon);
    this.CONSUME(T.Identifier);
  });

  public arguments = this.RULE('arguments', () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(T.RParen);
  });

  /** An argument; `key : value` only in collections (`collection("a" : 1)`). */
  public argument = this.RULE('argument', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE2(this.expression);
    });
  });

  /** `if(condition, whenTrue, whenFalse)` */
  public conditionalExpression = this.RULE('conditionalExpression', () => {
    this.CONSUME(T.If);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.condition);
    this.CONSUME(T.Comma);
    this.SUBRULE(this.expression);
    this.CONSUME2(T.Comma);
    this.SUBRULE2(this.expression);
    this.CONSUME(T.RParen);
  });

  /** `invokeurl [ url: … type: GET ]` — parameters are not separated by commas (a comma is reported). */
  public taskExpression = this.RULE('taskExpression', () => {
    this.CONSUME(T.TaskName);
    this.CONSUME(T.LBracket);
    this.MANY(() => this.SUBRULE(this.taskParameter));
    this.CONSUME(T.RBracket);
  });

  /**
   * `key: value`, `to: a, b` (several values) or `Attachments: file: x` (a qualified value). A comma followed
   * by another `key:` is the separator mistake reported as DLG2008.
   */
  public taskParameter = this.RULE('taskParameter', () => {
    this.CONSUME(T.Word);
    // sendmail's `content type: HTML` and `reply to: x`: keys of two words.
    this.OPTION3({ GATE: () => this.atTwoWordKey(0), DEF: () => this.CONSUME2(T.Word) });
    const colon = this.CONSUME(T.Colon);
    // A key with its value left out (`type:` then `connection: "crm"` on the next line, or `]`): the next key is not
    // read as this one's value (the tree builder reports the missing value). On the same line, `key: Word:` is a
    // value (`List:String()`, `file: x`).
    this.OPTION4({
      GATE: () => !this.la(1, T.RBracket) && !(this.atTaskKey(1) && !this.atTypedConstructor() && (this.LA(1).startLine ?? 0) > (colon.startLine ?? 0)),
      DEF: () => {
        this.SUBRULE(this.taskValue);
        this.MANY({
          GATE: () => !this.atTaskKey(2),
          DEF: () => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.taskValue);
          },
        });
      },
    });
    // A separator after the value: none is written, but a `,` or a `;` (each parameter ended like a statement) is read
    // here so that it is reported once, as DLG2008, rather than ending the block.
    // (A `;` only where another key or the `]` follows: one before `info …` ends a block whose `]` is missing.)
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME2(T.Comma) },
        { GATE: () => this.atTaskKey(2) || this.la(2, T.RBracket), ALT: () => this.CONSUME(T.Semicolon) },
      ]),
    );
  });

  /**
   * A task parameter's value, possibly qualified: the `file:` of `Attachments: file: input.Doc`. Creator's attachments
   * that name a record template or a report take more: `template: Summary as PDF`, `template: Invoice:Orders recId as
   * PDF` (the template, its form and the record's ID), `view: All_Orders as CSV`.
   */
  public taskValue = this.RULE('taskValue', () => {
    let component = false;
    this.OPTION({
      GATE: () => this.la(2, T.Colon) && VALUE_QUALIFIERS.has(this.LA(1).image.toLowerCase()),
      DEF: () => {
        component = COMPONENT_QUALIFIERS.has(this.CONSUME(T.Word).image.toLowerCase());
        this.CONSUME(T.Colon);
      },
    });
    this.SUBRULE(this.expression);
    this.OPTION2({
      GATE: () => component && this.la(1, T.Colon) && this.la(2, T.Word),
      DEF: () => {
        this.CONSUME2(T.Colon);
        const form = this.CONSUME2(T.Word, { LABEL: 'form' });
        // The record's ID, on the same line; `template: Invoice:Orders as PDF` names none.
        this.OPTION4({
          GATE: () => this.LA(1).startLine === form.startLine && !this.la(1, T.RBracket) && !this.la(1, T.Comma) && !(this.LA(1).image.toLowerCase() === 'as' && this.la(2, T.Word)),
          DEF: () => this.SUBRULE2(this.expression, { LABEL: 'record' }),
        });
      },
    });
    this.OPTION3({
      GATE: () => component && this.LA(1).image.toLowerCase() === 'as' && this.la(2, T.Word),
      DEF: () => {
        this.CONSUME3(T.Word, { LABEL: 'as' });
        this.CONSUME4(T.Word, { LABEL: 'format' });
      },
    });
  });

  /** `insert into Form [ Field = value … ]` */
  public insertExpression = this.RULE('insertExpression', () => {
    this.CONSUME(T.Insert);
    this.CONSUME(T.Into);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBracket);
    this.MANY(() => this.SUBRULE(this.insertField));
    this.CONSUME(T.RBracket);
  });

  public insertField = this.RULE('insertField', () => {
    this.CONSUME(T.Word);
    this.CONSUME(T.Assign);
    this.SUBRULE(this.expression);
  });

  /** `List:String()`, `Map:String()` */
  public typedConstructor = this.RULE('typedConstructor', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.CONSUME2(T.Identifier);
    this.SUBRULE(this.arguments);
  });

  public parenthesizedExpression = this.RULE('parenthesizedExpression', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  /** `{}`, `{1, 2}` or `{"k": v}`; whether it is a list or a map is decided by its entries. */
  public curlyLiteral = this.RULE('curlyLiteral', () => {
    this.CONSUME(T.LCurly);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.curlyEntry) });
    this.CONSUME(T.RCurly);
  });

  public curlyEntry = this.RULE('curlyEntry', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE2(this.expression);
    });
  });

  public squareListLiteral = this.RULE('squareListLiteral', () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RBracket);
  });

  // ── Lookahead helpers for the gates ──────────────────────────────────────────────────────────────────────

  private la(i: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(i), type);
  }

  /** `Type name(` or `Type a.b.name(`, followed after the closing `)` by `{`. */
  private atFunctionHeader(): boolean {
    if (!this.la(1, T.Identifier) || this.la(1, T.FieldAction) || this.la(1, T.Alert) || this.la(1, T.Cancel)) return false;
    let i = 2;
    if (this.la(2, T.Colon)) {
      if (!this.la(3, T.Identifier)) return false;
      i = 4;
    }
    if (!this.la(i, T.Word)) return false;
    i++;
    while (this.la(i, T.Dot) && this.la(i + 1, T.Word)) i += 2;
    if (!this.la(i, T.LParen)) return false;
    let depth = 0;
    for (; ; i++) {
      const token = this.LA(i);
      if (token.tokenType === T.LParen) depth++;
      else if (token.tokenType === T.RParen && --depth === 0) return this.la(i + 1, T.LCurly);
      else if (token.image === '' || token.tokenType === T.LCurly || token.tokenType === T.Semicolon) return false;
    }
  }

  /** Whether a task key (`word :` or `content type :`) starts at token i. */
  private atTaskKey(i: number): boolean {
    if (!this.la(i, T.Word) || VALUE_QUALIFIERS.has(this.LA(i).image.toLowerCase())) return false;
    return this.la(i + 1, T.Colon) || (this.atTwoWordKey(i) && this.la(i + 2, T.Colon));
  }

  /** Tokens i and i+1 are a key of two words: `content type`, `reply to`. */
  private atTwoWordKey(i: number): boolean {
    return TWO_WORD_KEYS.has(`${this.LA(i).image.toLowerCase()} ${this.LA(i + 1).image.toLowerCase()}`);
  }

  /** An identifier that is one of the criteria word operators (see wordOperator). */
  private atWordOperator(): boolean {
    const first = this.LA(1).image.toLowerCase();
    if (this.la(1, T.Not)) return this.la(2, T.In) || this.LA(2).image.toLowerCase() === 'contains';
    if (first === 'contains') return true;
    return (first === 'starts' || first === 'ends') && this.LA(2).image.toLowerCase() === 'with';
  }

  /** `int a;`, `string s = "x";`, `List:String names;` */
  private atVariableDeclaration(): boolean {
    if (!T.DECLARABLE_TYPES.has(this.LA(1).image.toLowerCase())) return false;
    const i = this.la(2, T.Colon) && this.la(3, T.Identifier) ? 4 : 2;
    return this.la(i, T.Identifier) && (this.la(i + 1, T.Semicolon) || this.la(i + 1, T.Assign));
  }

  private atTypedConstructor(): boolean {
    return TYPED_CONSTRUCTORS.has(this.LA(1).image.toLowerCase()) && this.la(2, T.Colon) && this.la(3, T.Identifier) && this.la(4, T.LParen);
  }

  /**
   * `input.Country:ui.add(…)`: a field's name, then `:ui.` written together. Not a map's or a named argument's value
   * that is a variable named `ui` (`{"k": ui.get("name")}`, `data: ui.get(…)`): after a literal, or with a space after
   * the `:`, the `:` is the pair's.
   */
  private atUiSuffix(): boolean {
    if (!this.la(1, T.Colon) || this.LA(2).image.toLowerCase() !== 'ui' || !this.la(3, T.Dot)) return false;
    const colon = this.LA(1);
    if (this.LA(2).startOffset !== colon.startOffset + 1) return false;
    const before = this.LA(0);
    return tokenMatcher(before, T.Identifier) || tokenMatcher(before, T.Word);
  }

  /** `success message <value>;` (Creator): two words no keyword, then a value (`success = 1;` stays an assignment). */
  private atSuccessMessage(): boolean {
    return this.LA(1).image.toLowerCase() === 'success' && this.la(2, T.Identifier) && this.LA(2).image.toLowerCase() === 'message' && this.startsOperand(3);
  }

  /** `info x;` and `info (x);`, but not `info = Map();` or `info.put(…)`: `info` may name a variable. */
  private atInfoStatement(): boolean {
    const next = this.LA(2);
    return !(tokenMatcher(next, T.AssignOperator) || tokenMatcher(next, T.Dot) || tokenMatcher(next, T.LBracket) || tokenMatcher(next, T.Semicolon));
  }

  /** Whether token `i` can start an operand (so `alert "x";` is the statement, `alert = 1;` an assignment). */
  private startsOperand(i: number): boolean {
    const token: IToken = this.LA(i);
    return !(
      tokenMatcher(token, T.AssignOperator) ||
      tokenMatcher(token, T.Dot) ||
      tokenMatcher(token, T.LParen) ||
      tokenMatcher(token, T.Semicolon) ||
      tokenMatcher(token, T.LBracket) ||
      token.image === ''
    );
  }
}

/** Constructors that take an element type: `List:String()`, `Map:String()`. */
const TYPED_CONSTRUCTORS = new Set(['list', 'map', 'collection']);

/** sendmail keys written as two words. */
const TWO_WORD_KEYS = new Set(['content type', 'reply to']);

/** Words that qualify a task value (`file: x`) rather than start a parameter. */
const VALUE_QUALIFIERS = new Set(['file', 'template', 'view']);

/** Qualifiers whose value names a component of the app (a record template, a report): see `namesComponent`. */
const COMPONENT_QUALIFIERS = new Set(['template', 'view']);

/** The one parser instance (building one costs far more than parsing a script). */
export const parser = new DelugeParser();
