import type { Span } from '../source/span.js';

/**
 * The Deluge AST: a discriminated union on `kind`, with a `span` (half-open UTF-16 offsets) on every node.
 * Literals keep their source text (`raw`) so the formatter can print them exactly as written.
 * Comments are not in the tree: `Program.comments` lists them in order, for the formatter and suppressions.
 */

interface NodeBase {
  readonly span: Span;
}

// ── Program and declarations ──────────────────────────────────────────────────────────────────────────────

export interface Program extends NodeBase {
  readonly kind: 'Program';
  readonly body: readonly (FunctionDecl | Stmt)[];
  readonly comments: readonly Comment[];
}

export interface Comment extends NodeBase {
  readonly kind: 'LineComment' | 'BlockComment';
  /** The whole comment, delimiters included. */
  readonly text: string;
}

/** `string standalone.sync(String id, Int n) { … }` */
export interface FunctionDecl extends NodeBase {
  readonly kind: 'FunctionDecl';
  readonly returnType: TypeRef;
  /** The dotted name, e.g. `['standalone', 'sync']`; a bare `void f()` has one part. */
  readonly name: readonly Identifier[];
  readonly params: readonly Param[];
  readonly body: Block;
}

/** A type name as written: `String`, `int`, `List:String`. */
export interface TypeRef extends NodeBase {
  readonly kind: 'TypeRef';
  readonly name: string;
  readonly elementType?: string;
}

export interface Param extends NodeBase {
  readonly kind: 'Param';
  readonly type: TypeRef;
  readonly name: Identifier;
}

// ── Statements ────────────────────────────────────────────────────────────────────────────────────────────

export type Stmt =
  | ExprStmt
  | AssignStmt
  | VarDeclStmt
  | IfStmt
  | ForEachStmt
  | WhileStmt
  | CStyleForStmt
  | TryStmt
  | ThrowStmt
  | ReturnStmt
  | BreakStmt
  | ContinueStmt
  | InfoStmt
  | EmptyStmt
  | DeleteFromStmt
  | FieldActionStmt
  | AlertStmt
  | CancelStmt
  | TemplateStmt
  | HtmlStmt;

export interface Block extends NodeBase {
  readonly kind: 'Block';
  readonly body: readonly Stmt[];
  /** False for a single statement written without braces (`if (x) return;`). */
  readonly braced: boolean;
}

export interface ExprStmt extends NodeBase {
  readonly kind: 'ExprStmt';
  readonly expr: Expr;
}

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=';

export interface AssignStmt extends NodeBase {
  readonly kind: 'AssignStmt';
  readonly target: Identifier | MemberExpr | IndexExpr;
  readonly op: AssignOp;
  readonly value: Expr;
}

/** `int count;` or `string name = "x";` — a typed declaration inside a body. */
export interface VarDeclStmt extends NodeBase {
  readonly kind: 'VarDeclStmt';
  readonly type: TypeRef;
  readonly name: Identifier;
  readonly init?: Expr;
}

export interface IfStmt extends NodeBase {
  readonly kind: 'IfStmt';
  readonly condition: Expr;
  readonly then: Block;
  /** `else if (…)` is an IfStmt here; `else { … }` a Block. */
  readonly else?: IfStmt | Block;
}

/** `for each x in list { … }` and `for each index i in list { … }`. */
export interface ForEachStmt extends NodeBase {
  readonly kind: 'ForEachStmt';
  readonly index: boolean;
  readonly variable: Identifier;
  readonly iterable: Expr;
  readonly body: Block;
}

/** Not Deluge; parsed so the error can say what to write instead (DLG2005). */
export interface WhileStmt extends NodeBase {
  readonly kind: 'WhileStmt';
  readonly condition: Expr;
  readonly body: Block;
}

/** Not Deluge; parsed so the error can say what to write instead (DLG2006). */
export interface CStyleForStmt extends NodeBase {
  readonly kind: 'CStyleForStmt';
  readonly header: string;
  readonly body: Block;
}

export interface TryStmt extends NodeBase {
  readonly kind: 'TryStmt';
  readonly body: Block;
  readonly param: Identifier;
  readonly handler: Block;
}

export interface ThrowStmt extends NodeBase {
  readonly kind: 'ThrowStmt';
  readonly value: Expr;
}

export interface ReturnStmt extends NodeBase {
  readonly kind: 'ReturnStmt';
  readonly value?: Expr;
}

export interface BreakStmt extends NodeBase {
  readonly kind: 'BreakStmt';
}

export interface ContinueStmt extends NodeBase {
  readonly kind: 'ContinueStmt';
}

export interface InfoStmt extends NodeBase {
  readonly kind: 'InfoStmt';
  readonly value: Expr;
}

/** A stray `;`, as in `if (x) { … };`. */
export interface EmptyStmt extends NodeBase {
  readonly kind: 'EmptyStmt';
}

/** Creator: `delete from Orders[Status == "Void"];` */
export interface DeleteFromStmt extends NodeBase {
  readonly kind: 'DeleteFromStmt';
  readonly query: Expr;
}

/** Creator field actions: `hide Discount;`, `enable input.Notes;`, `clear Items;`. */
export interface FieldActionStmt extends NodeBase {
  readonly kind: 'FieldActionStmt';
  readonly action: 'hide' | 'show' | 'enable' | 'disable' | 'clear';
  readonly target: Expr;
}

/** Creator: `alert "Saved";`, or its call form `alert("Saved");` and `alert(Discount, "Enter a discount");`. */
export interface AlertStmt extends NodeBase {
  readonly kind: 'AlertStmt';
  /** The field the message shows under (the call form's first of two arguments): the link name of a form field. */
  readonly field?: Expr;
  readonly message: Expr;
  /** Written as a call, `alert("…")` (the form a field needs), rather than `alert "…";`: kept as written by fmt. */
  readonly callForm?: true;
  /** Creator's `success message "…";` (the message once a form is submitted), rather than `alert`. */
  readonly successMessage?: true;
}

/** Creator: `cancel submit;`, `cancel delete;` */
export interface CancelStmt extends NodeBase {
  readonly kind: 'CancelStmt';
  readonly what: Identifier;
}

/** A Creator page template `<%{ … }%>`: code with HTML between `%>` and `<%`. */
export interface TemplateStmt extends NodeBase {
  readonly kind: 'TemplateStmt';
  /**
   * For the second and later islands of a page (`<%{ … }%> html <%{ … }%>`): the HTML between the previous
   * island's `}` and this one's `<%{`, without the `%>` and `<%`.
   */
  readonly leadingHtml?: string;
  readonly body: Block;
  /** The HTML after the closing `}%>`, without the `%>`. */
  readonly trailingHtml: string;
}

/** HTML inside a page template (the text between `%>` and `<%`), optionally followed by `<%= expr %>`. */
export interface HtmlStmt extends NodeBase {
  readonly kind: 'HtmlStmt';
  readonly html: string;
  readonly output?: Expr;
  /** After the page's last value (`<p><%=x%></p>` after the last `}%>`): the HTML that ends the page, without the `%>`. */
  readonly trailingHtml?: string;
}

// ── Expressions ───────────────────────────────────────────────────────────────────────────────────────────

export type Expr =
  | Identifier
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | ListLiteral
  | MapLiteral
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | MemberExpr
  | CallExpr
  | IndexExpr
  | UiExpr
  | ConditionalExpr
  | TaskExpr
  | QualifiedExpr
  | InsertExpr;

export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly name: string;
}

/** `"text"` or `'text'` (a single-quoted literal is a date-time when it parses as one, else text). */
export interface StringLiteral extends NodeBase {
  readonly kind: 'StringLiteral';
  readonly quote: '"' | "'";
  /** The source text, quotes included. */
  readonly raw: string;
  /** The content with escapes resolved. */
  readonly value: string;
}

export interface NumberLiteral extends NodeBase {
  readonly kind: 'NumberLiteral';
  readonly raw: string;
  readonly decimal: boolean;
}

export interface BooleanLiteral extends NodeBase {
  readonly kind: 'BooleanLiteral';
  readonly value: boolean;
  readonly raw: string;
}

export interface NullLiteral extends NodeBase {
  readonly kind: 'NullLiteral';
  readonly raw: string;
}

/**
 * `{1, 2}`, or `[1, 2]` (accepted for pasted code; see grammar/README.md), or `a, b` without brackets: the
 * several values of one task parameter (`to: a, b` in sendmail).
 */
export interface ListLiteral extends NodeBase {
  readonly kind: 'ListLiteral';
  readonly elements: readonly Expr[];
  readonly brackets: 'curly' | 'square' | 'none';
}

/** `{"k": v}`; the empty `{}` is an empty map (see grammar/README.md). */
export interface MapLiteral extends NodeBase {
  readonly kind: 'MapLiteral';
  readonly entries: readonly MapEntry[];
}

export interface MapEntry extends NodeBase {
  readonly kind: 'MapEntry';
  readonly key: Expr;
  readonly value: Expr;
}

export interface ParenExpr extends NodeBase {
  readonly kind: 'ParenExpr';
  readonly expr: Expr;
}

export type UnaryOp = '!' | '-' | '+';

export interface UnaryExpr extends NodeBase {
  readonly kind: 'UnaryExpr';
  readonly op: UnaryOp;
  readonly operand: Expr;
}

/**
 * `=` is equality as written inside a condition (`if (a = b)`, `Form[F = x]`), which Zoho accepts.
 * The word operators come from Creator criteria (`Name contains "x"`, `Due is null`).
 */
export type BinaryOp =
  | '||' | '&&'
  | '==' | '!=' | '='
  | '<' | '<=' | '>' | '>='
  | 'in' | 'not in' | 'is' | 'is not' | 'contains' | 'not contains' | 'starts with' | 'ends with'
  | '+' | '-'
  | '*' | '/' | '%';

export interface BinaryExpr extends NodeBase {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** `object.property` — also dotted names such as `zoho.currenttime`. */
export interface MemberExpr extends NodeBase {
  readonly kind: 'MemberExpr';
  readonly object: Expr;
  readonly property: Identifier;
}

/** `f(a)`, `list.add(x)`, `zoho.crm.getRecordById("Leads", id)`, `List:String()`. */
export interface CallExpr extends NodeBase {
  readonly kind: 'CallExpr';
  readonly callee: Identifier | MemberExpr;
  readonly args: readonly Argument[];
  /** The element type of a typed constructor: `List:String()` → `String`. */
  readonly elementType?: string;
}

export type Argument = Expr | KeyValueArg;

/** `collection("k" : v)` and `c.insert("k" : v)`: a key-value pair as an argument. */
export interface KeyValueArg extends NodeBase {
  readonly kind: 'KeyValueArg';
  readonly key: Expr;
  readonly value: Expr;
}

/** Creator record query `Form[criteria] sort by F desc range from 1 to 10`, or an index `x[0]`. */
export interface IndexExpr extends NodeBase {
  readonly kind: 'IndexExpr';
  readonly object: Expr;
  /** Absent for `Form[]`. */
  readonly criteria?: Expr;
  readonly sortBy?: { readonly field: Expr; readonly direction?: 'asc' | 'desc' };
  readonly range?: { readonly from: Expr; readonly to: Expr };
}

/** Creator `input.Field:ui` — the UI handle of a field (`input.Country:ui.add("India")`). */
export interface UiExpr extends NodeBase {
  readonly kind: 'UiExpr';
  readonly object: Expr;
}

/** The expression form `if(condition, whenTrue, whenFalse)`. */
export interface ConditionalExpr extends NodeBase {
  readonly kind: 'ConditionalExpr';
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

/** A task block: `invokeurl [ url: … type: GET ]`, `sendmail [ … ]`, … */
export interface TaskExpr extends NodeBase {
  readonly kind: 'TaskExpr';
  /** Lower-case task name: `invokeurl`, `sendmail`, `invokeapi`, `sendsms`, `pushnotify`. */
  readonly task: string;
  /** The name as written (`invokeUrl`). */
  readonly rawName: string;
  readonly params: readonly TaskParam[];
}

export interface TaskParam extends NodeBase {
  readonly kind: 'TaskParam';
  /** As written (`url`, `content-type`, `Content-Type`); a key of several words joined by one space: `content type`. */
  readonly key: string;
  readonly keySpan: Span;
  /** Several comma-separated values (`to: a, b`) come as a ListLiteral with `brackets: 'none'`. */
  readonly value: Expr;
}

/**
 * A qualified task value: `file: input.Document` in sendmail's `Attachments: file: input.Document`. After `template:`
 * and `view:` (Creator) the value is the name of a record template or a report, not a variable; a template may name
 * its form and a record (`template: Invoice:Orders input.ID`), and either the format it is sent in (`as PDF`).
 */
export interface QualifiedExpr extends NodeBase {
  readonly kind: 'QualifiedExpr';
  readonly qualifier: string;
  readonly value: Expr;
  readonly form?: Identifier;
  /** The ID of the record the template shows. */
  readonly record?: Expr;
  readonly format?: Identifier;
}

/** Creator: `insert into Orders [ Customer = input.Name  Total = 10 ]` (an expression: it yields the new ID). */
export interface InsertExpr extends NodeBase {
  readonly kind: 'InsertExpr';
  readonly form: Identifier;
  readonly fields: readonly InsertField[];
}

export interface InsertField extends NodeBase {
  readonly kind: 'InsertField';
  readonly name: Identifier;
  readonly value: Expr;
}

export type Node =
  | Program
  | FunctionDecl
  | TypeRef
  | Param
  | Block
  | Stmt
  | Expr
  | MapEntry
  | KeyValueArg
  | TaskParam
  | InsertField;

export type NodeKind = Node['kind'];

/** The properties of AST nodes that hold spans; generic walkers (span remapping and repair) look for these. */
/** Whether a qualified value names a record template or a report of the app (`template:`, `view:`) rather than a value. */
export function namesComponent(e: QualifiedExpr): boolean {
  const qualifier = e.qualifier.toLowerCase();
  return qualifier === 'template' || qualifier === 'view';
}

export const SPAN_PROPERTIES: ReadonlySet<string> = new Set(['span', 'keySpan']);
