import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * Every token of Deluge. Order matters: Chevrotain tries patterns in this order, so longer and more specific
 * patterns come first; keywords use `longer_alt: Identifier` so `ifnull` and `indexes` stay identifiers.
 *
 * Keywords match their lower-case, Capitalised and UPPER-CASE spellings (`If`, `NULL`) and the camel-case forms
 * of task names (`invokeUrl`), as real scripts write them; see grammar/README.md. "Soft" keywords are also in the Identifier category, so they remain usable as
 * variable names (`index = 0;`) wherever the grammar expects an identifier.
 */

// Categories (no pattern of their own).
/** Anything word-like: identifiers and every keyword. Member names and task keys accept any word. */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA });
export const AssignOperator = createToken({ name: 'AssignOperator', pattern: Lexer.NA });
export const EqualityOperator = createToken({ name: 'EqualityOperator', pattern: Lexer.NA });
export const RelationalOperator = createToken({ name: 'RelationalOperator', pattern: Lexer.NA });
export const AdditiveOperator = createToken({ name: 'AdditiveOperator', pattern: Lexer.NA });
export const MultiplicativeOperator = createToken({ name: 'MultiplicativeOperator', pattern: Lexer.NA });
/** Words that name a task block: `invokeurl [ … ]`, `sendmail [ … ]`, … */
export const TaskName = createToken({ name: 'TaskName', pattern: Lexer.NA });
/**
 * Every token but `;` and `}`: what the parser skips as one unparseable statement (reported as DLG2002), so it
 * can go on to the next `;` or `}` and report every later error too.
 */
export const Stray = createToken({ name: 'Stray', pattern: Lexer.NA });
/** Creator field actions: `hide Field;` and friends. */
export const FieldAction = createToken({ name: 'FieldAction', pattern: Lexer.NA });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Word] });

// Trivia
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[\s\u200b]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: 'comments',
  line_breaks: true,
});
/** A block comment that runs to the end of the text; reported as DLG1003. */
export const UnterminatedBlockComment = createToken({
  name: 'UnterminatedBlockComment',
  pattern: /\/\*[\s\S]*/,
  group: 'comments',
  line_breaks: true,
});

// Creator page templates: `<%{ … %> html <%= expr %> html <% … }%>`. The HTML between `%>` and the next `<%`
// is one token; whether it ends in `<%=` (an output expression follows) or `<%` (code follows) decides its type.
export const TemplateStart = createToken({ name: 'TemplateStart', pattern: /<%(?!=)/ });
export const HtmlThenExpression = createToken({
  name: 'HtmlThenExpression',
  pattern: /%>(?:[^<]|<(?!%))*<%=/,
  line_breaks: true,
});
export const HtmlThenCode = createToken({ name: 'HtmlThenCode', pattern: /%>(?:[^<]|<(?!%))*<%/, line_breaks: true });
export const HtmlTail = createToken({ name: 'HtmlTail', pattern: /%>(?:[^<]|<(?!%))*/, line_breaks: true });

/**
 * The HTML that begins a page, before its first `<%` (`<h1>Orders</h1> <%{ … }%>`, `<p>Hello <%=input.Name%></p>`):
 * the text's first token (only spaces before it), starting with a tag (`<` and a letter or `!`), which no Deluge
 * statement starts with. It is read as the HTML between two islands is, as the HtmlThenCode or HtmlThenExpression it
 * is in the category of, only without the `%>` before it (grammar/README.md §14).
 */
function pageStart(pattern: RegExp) {
  const sticky = new RegExp(pattern.source, 'y');
  return {
    exec(text: string, offset: number, tokens: readonly unknown[], groups: Record<string, readonly unknown[] | undefined>): RegExpExecArray | null {
      if (tokens.length > 0 || (groups['comments']?.length ?? 0) > 0) return null;
      sticky.lastIndex = offset;
      return sticky.exec(text);
    },
  };
}
export const PageHtmlThenExpression = createToken({
  name: 'PageHtmlThenExpression',
  pattern: pageStart(/(?:<[A-Za-z!](?:[^<]|<(?!%))*)?<%=/),
  start_chars_hint: ['<'],
  line_breaks: true,
  categories: [HtmlThenExpression],
});
export const PageHtmlThenCode = createToken({
  name: 'PageHtmlThenCode',
  pattern: pageStart(/<[A-Za-z!](?:[^<]|<(?!%))*<%(?!=)/),
  start_chars_hint: ['<'],
  line_breaks: true,
  categories: [HtmlThenCode],
});

// Literals
export const DoubleQuoted = createToken({
  name: 'DoubleQuoted',
  pattern: /"(?:[^"\\]|\\[\s\S])*"/,
  categories: [StringLiteral],
  line_breaks: true,
});
export const SingleQuoted = createToken({
  name: 'SingleQuoted',
  pattern: /'(?:[^'\\]|\\[\s\S])*'/,
  categories: [StringLiteral],
  line_breaks: true,
});
/** “text” or ‘text’ pasted from a word processor; parsed as text and reported as DLG1004. */
export const SmartQuoted = createToken({
  name: 'SmartQuoted',
  pattern: /[“”„][^“”"\r\n]*[“”"]|[‘’][^‘’'\r\n]*[‘’']/,
  categories: [StringLiteral],
});
/** An opening quote with no closing one; reported as DLG1002. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\]|\\[\s\S])*|'(?:[^'\\\r\n]|\\.)*/,
  categories: [StringLiteral],
  line_breaks: true,
});
export const DecimalLiteral = createToken({ name: 'DecimalLiteral', pattern: /\d+\.\d+|\.\d+/ });
export const IntegerLiteral = createToken({ name: 'IntegerLiteral', pattern: /\d+/ });

/** `content-type`, `response-format`: hyphenated task keys, only where a `:` follows. */
export const DashedKey = createToken({
  name: 'DashedKey',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)+(?=[ \t]*:)/,
  start_chars_hint: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'],
  categories: [Word],
});

/** A C-style loop head `for (…)`, lexed whole so the parser can explain it (DLG2006). */
export const CStyleForHead = createToken({ name: 'CStyleForHead', pattern: /for[ \t]*\([^)\n]*\)/i });

/**
 * A keyword matches its lower-case, Capitalised and UPPER-CASE spellings plus any camel-case forms given
 * (`invokeUrl`): the spellings real scripts use. Not fully case-insensitive, so `thRow` stays an identifier.
 */
function keyword(word: string, categories: TokenType[] = [], camel: string[] = []): TokenType {
  const capitalised = word[0]!.toUpperCase() + word.slice(1);
  const forms = [...new Set([word, capitalised, word.toUpperCase(), ...camel, ...camel.map((c) => c[0]!.toUpperCase() + c.slice(1))])];
  return createToken({
    name: capitalised,
    pattern: new RegExp(forms.join('|')),
    // Saves the lexer analysing the pattern when it is built: start-up time of every CLI run.
    start_chars_hint: [...new Set(forms.map((f) => f[0]!))],
    longer_alt: Identifier,
    categories: [Word, ...categories],
  });
}
const soft = (word: string, categories: TokenType[] = [], camel: string[] = []) => keyword(word, [Identifier, ...categories], camel);

// Reserved words: never identifiers.
export const If = keyword('if');
export const Else = keyword('else');
export const For = keyword('for');
export const While = keyword('while');
export const Try = keyword('try');
export const Catch = keyword('catch');
export const Throw = keyword('throw');
export const Return = keyword('return');
export const Break = keyword('break');
export const Continue = keyword('continue');
export const True = keyword('true');
export const False = keyword('false');
export const Null = keyword('null');
export const In = keyword('in');
export const Is = keyword('is');

// Soft keywords: meaningful in one construct, identifiers everywhere else.
/** `info x;` is the statement, but real scripts also name a variable `info` (`info = Map();`). */
export const Info = soft('info');
export const Each = soft('each');
export const Not = soft('not');
export const Insert = soft('insert');
export const Into = soft('into');
export const Delete = soft('delete');
export const From = soft('from');
export const To = soft('to');
export const Sort = soft('sort');
export const By = soft('by');
export const Range = soft('range');
export const Asc = soft('asc');
export const Desc = soft('desc');
export const Alert = soft('alert');
export const Cancel = soft('cancel');
export const Hide = soft('hide', [FieldAction]);
export const Show = soft('show', [FieldAction]);
export const Enable = soft('enable', [FieldAction]);
export const Disable = soft('disable', [FieldAction]);
export const Clear = soft('clear', [FieldAction]);
export const InvokeUrl = soft('invokeurl', [TaskName], ['invokeUrl', 'invokeURL']);
export const InvokeApi = soft('invokeapi', [TaskName], ['invokeApi', 'invokeAPI']);
export const SendMail = soft('sendmail', [TaskName], ['sendMail']);
export const SendSms = soft('sendsms', [TaskName], ['sendSms', 'sendSMS']);
export const PushNotify = soft('pushnotify', [TaskName], ['pushNotify']);

// Punctuation and operators (longest first).
/** The first characters an operator pattern can match (`\+\+|--` → `+`, `-`): a start-up hint for the lexer. */
const firstChars = (pattern: RegExp) => [...new Set(pattern.source.split(/(?<!\\)\|/).map((alt) => alt.replace(/^\\/, '')[0]!))];
const op = (name: string, pattern: RegExp, categories: TokenType[] = []) =>
  createToken({ name, pattern, categories, start_chars_hint: firstChars(pattern) });
export const Equals = op('Equals', /==/, [EqualityOperator]);
export const NotEquals = op('NotEquals', /!=/, [EqualityOperator]);
export const LessEquals = op('LessEquals', /<=/, [RelationalOperator]);
export const GreaterEquals = op('GreaterEquals', />=/, [RelationalOperator]);
export const Less = op('Less', /</, [RelationalOperator]);
export const Greater = op('Greater', />/, [RelationalOperator]);
export const AndAnd = op('AndAnd', /&&/);
export const OrOr = op('OrOr', /\|\|/);
export const Increment = op('Increment', /\+\+|--/);
export const PlusAssign = op('PlusAssign', /\+=/, [AssignOperator]);
export const MinusAssign = op('MinusAssign', /-=/, [AssignOperator]);
export const TimesAssign = op('TimesAssign', /\*=/, [AssignOperator]);
export const DivideAssign = op('DivideAssign', /\/=/, [AssignOperator]);
export const ModuloAssign = op('ModuloAssign', /%=/, [AssignOperator]);
export const Assign = op('Assign', /=/, [AssignOperator]);
/**
 * `=` inside a condition (`if (a = b)`, `Form[Status = "Open"]`), where Zoho reads it as `==`. The lexer
 * produces `Assign`; condition-equals.ts retypes the ones inside conditions before parsing.
 */
export const ConditionEquals = createToken({ name: 'ConditionEquals', pattern: Lexer.NA, categories: [EqualityOperator] });
export const Bang = op('Bang', /!/);
export const Plus = op('Plus', /\+/, [AdditiveOperator]);
export const Minus = op('Minus', /-/, [AdditiveOperator]);
export const Star = op('Star', /\*/, [MultiplicativeOperator]);
export const Slash = op('Slash', /\//, [MultiplicativeOperator]);
export const Percent = op('Percent', /%/, [MultiplicativeOperator]);
export const Question = op('Question', /\?/);
export const LParen = op('LParen', /\(/);
export const RParen = op('RParen', /\)/);
export const LCurly = op('LCurly', /\{/);
export const RCurly = op('RCurly', /\}/);
export const LBracket = op('LBracket', /\[/);
export const RBracket = op('RBracket', /\]/);
export const Comma = op('Comma', /,/);
export const Semicolon = op('Semicolon', /;/);
export const Colon = op('Colon', /:/);
export const Dot = op('Dot', /\./);

// Longest first: a keyword that is a prefix of another (`in`, `invokeurl`) must not win the match.
const keywords = [
  If, Else, For, While, Try, Catch, Throw, Return, Break, Continue, Info, True, False, Null, In, Is,
  Each, Not, Insert, Into, Delete, From, To, Sort, By, Range, Asc, Desc, Alert, Cancel,
  Hide, Show, Enable, Disable, Clear, InvokeUrl, InvokeApi, SendMail, SendSms, PushNotify,
].sort((a, b) => b.name.length - a.name.length);

/** The lexer's token list, in matching order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  PageHtmlThenExpression,
  PageHtmlThenCode,
  TemplateStart,
  HtmlThenExpression,
  HtmlThenCode,
  HtmlTail,
  DoubleQuoted,
  SingleQuoted,
  SmartQuoted,
  UnterminatedString,
  DecimalLiteral,
  IntegerLiteral,
  CStyleForHead,
  DashedKey,
  ...keywords,
  Identifier,
  Equals, NotEquals, LessEquals, GreaterEquals, Less, Greater, AndAnd, OrOr, Increment,
  PlusAssign, MinusAssign, TimesAssign, DivideAssign, ModuloAssign, Assign, Bang,
  Plus, Minus, Star, Slash, Percent, Question,
  LParen, RParen, LCurly, RCurly, LBracket, RBracket, Comma, Semicolon, Colon, Dot,
  // Categories last: they have no pattern but must be known to the lexer.
  ConditionEquals, Stray, Word, StringLiteral, AssignOperator, EqualityOperator, RelationalOperator, AdditiveOperator,
  MultiplicativeOperator, TaskName, FieldAction,
];

// Tokens that never span lines say so, which spares the lexer checking each pattern for line breaks at start-up.
for (const token of allTokens) if (token.PATTERN !== Lexer.NA && token.LINE_BREAKS === undefined) token.LINE_BREAKS = false;

// Give every concrete token but `;` and `}` the Stray category (before the lexer and parser read the categories).
for (const token of allTokens) {
  if (token.PATTERN === Lexer.NA || token === Semicolon || token === RCurly || token === WhiteSpace) continue;
  token.CATEGORIES = [...(token.CATEGORIES ?? []), Stray];
}

/**
 * Deluge's type names as scripts and function headers write them: what a typed declaration (`int a;`,
 * `String s = "";`) may begin with (grammar/README.md §11), and what a parameter's type is. Any other word is not a
 * type: `print x;` or `var x = 1;` is a mistake to report, not a declaration of a type `print`.
 */
export const DECLARABLE_TYPES = new Set([
  'string', 'text', 'int', 'integer', 'long', 'bigint', 'number', 'decimal', 'float', 'double', 'bool', 'boolean',
  'date', 'datetime', 'timestamp', 'time', 'map', 'list', 'collection', 'file',
]);
