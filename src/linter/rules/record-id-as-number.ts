import { positionsOf, treeIndexOf } from '../../analysis/tree-index.js';
import { firstAtOrAfter } from '../../sorted.js';
import type { Expr, FunctionDecl, Program } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { idLikeName, isIdLike } from './_url.js';

const DECIMAL_TYPES = new Set(['decimal', 'float', 'double']);

/** `ids`, `leadIds`, `record_ids`, `idList`: a variable named for several record ids. */
function idsLikeName(name: string): boolean {
  if (!MENTIONS_ID.test(name)) return false;
  return /^ids$/i.test(name) || /[a-z0-9]Ids$/.test(name) || /_ids$/i.test(name) || /^id_?list$/i.test(name) || /[a-z0-9]Id_?List$/.test(name);
}

/** Every name `idsLikeName` accepts has `id` in it (in some case): the one test most names fail. */
const MENTIONS_ID = /id/i;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

/** The values a variable is given in one function (or the top level), in source order: where, and whether numbers. */
interface Given {
  readonly at: number[];
  readonly numeric: boolean[];
  anyNumeric: boolean;
}

/**
 * By function (undefined: the top level), each variable's values (`nextId = lastId + 1`, `id += 1` and
 * `n = rows.size()` are numbers).
 */
function valuesGiven(program: Program): Map<FunctionDecl | undefined, Map<string, Given>> {
  const byFunction = new Map<FunctionDecl | undefined, Map<string, Given>>();
  /** The function the walk is in (functions are declared at the top level only). */
  let fn: FunctionDecl | undefined;
  const add = (name: string, at: number, numeric: boolean) => {
    let byName = byFunction.get(fn);
    if (!byName) byFunction.set(fn, (byName = new Map()));
    let given = byName.get(name);
    if (!given) byName.set(name, (given = { at: [], numeric: [], anyNumeric: false }));
    given.at.push(at);
    given.numeric.push(numeric);
    given.anyNumeric ||= numeric;
  };
  const numeric = (e: Expr | undefined): boolean =>
    e !== undefined &&
    (e.kind === 'NumberLiteral' || (e.kind === 'BinaryExpr' && ARITHMETIC.has(e.op)) || (e.kind === 'UnaryExpr' && e.op === '-') || countOrAggregate(e));
  // The assignments and declarations, merged in walk order (their positions in the index), each with its function.
  const index = treeIndexOf(program);
  const assignments = positionsOf(index, 'AssignStmt');
  const declarations = positionsOf(index, 'VarDeclStmt');
  const functions = positionsOf(index, 'FunctionDecl');
  let nextFunction = 0;
  for (let a = 0, d = 0; a < assignments.length || d < declarations.length; ) {
    const at = d >= declarations.length || (a < assignments.length && assignments[a]! < declarations[d]!) ? assignments[a++]! : declarations[d++]!;
    while (nextFunction < functions.length && functions[nextFunction]! < at) fn = index.nodes[functions[nextFunction++]!] as FunctionDecl;
    const node = index.nodes[at]!;
    if (fn !== undefined && node.span.start >= fn.span.end) fn = undefined;
    if (node.kind === 'AssignStmt' && node.target.kind === 'Identifier') add(node.target.name, node.span.start, node.op !== '=' || numeric(node.value));
    else if (node.kind === 'VarDeclStmt' && node.init) add(node.name.name, node.span.start, numeric(node.init));
  }
  return byFunction;
}

/**
 * Whether the variable counts where it is read: its last value before the read is a number (`lastId = 0; …
 * lastId + 1`). With none before it (a parameter, or a loop that gives the value further down), whether any value it
 * is given there is one.
 */
function countsAt(given: Given | undefined, at: number): boolean {
  if (given === undefined) return false;
  const after = firstAtOrAfter(given.at, at);
  return after > 0 ? given.numeric[after - 1]! : given.anyNumeric;
}

/** Methods whose value is a count: a number, whatever they count (`Orders[…].count(ID)`). */
const COUNTS = new Set(['size', 'length', 'count']);
/** Aggregates of a field (`Orders[…].maximum(Seq_No)`): a number, unless the field is an id (`maximum(ID)`). */
const AGGREGATES = new Set(['sum', 'maximum', 'max', 'minimum', 'min', 'average', 'avg', 'median']);
/** Conversions that keep a count a count (`….maximum(Seq_No).toLong()`). */
const NUMBER_CONVERSIONS = new Set(['tolong', 'tonumber', 'todecimal', 'round']);

/** `rows.size()`, `Orders[…].maximum(Seq_No)`, also converted or defaulted (`ifnull(…, 0)`): not an id. */
function countOrAggregate(e: Expr): boolean {
  if (e.kind === 'ParenExpr') return countOrAggregate(e.expr);
  if (e.kind !== 'CallExpr') return false;
  const first = e.args[0];
  if (e.callee.kind === 'Identifier') return e.callee.name.toLowerCase() === 'ifnull' && first !== undefined && first.kind !== 'KeyValueArg' && countOrAggregate(first);
  const method = e.callee.property.name.toLowerCase();
  if (NUMBER_CONVERSIONS.has(method) && e.args.length === 0) return countOrAggregate(e.callee.object);
  if (COUNTS.has(method)) return true;
  return AGGREGATES.has(method) && e.args.every((arg) => arg.kind !== 'KeyValueArg' && !namesIdField(arg));
}

/** An aggregate's field that is an id: `ID`, `Customer.ID`, `"Lead_Id"`. */
function namesIdField(field: Expr): boolean {
  if (field.kind === 'MemberExpr') return idLikeName(field.property.name);
  if (field.kind === 'StringLiteral') return idLikeName(field.value);
  return isIdLike(field);
}

/** An element of a list named for ids, taken by position: `ids.get(0)`, `leadIds.get(i)`. */
function idsElement(expr: Expr): boolean {
  if (expr.kind === 'ParenExpr') return idsElement(expr.expr);
  if (expr.kind !== 'CallExpr' || expr.callee.kind !== 'MemberExpr' || expr.args.length !== 1) return false;
  const list = expr.callee.object;
  const position = expr.args[0]!;
  return expr.callee.property.name.toLowerCase() === 'get' && list.kind === 'Identifier' && idsLikeName(list.name) && position.kind !== 'StringLiteral' && position.kind !== 'KeyValueArg';
}

/** The variable at the bottom of an id expression (`leadId` of `leadId.toLong()`), if it is one. */
function baseVariable(expr: Expr): string | undefined {
  if (expr.kind === 'Identifier') return expr.name;
  if (expr.kind === 'ParenExpr') return baseVariable(expr.expr);
  if (expr.kind === 'CallExpr' && expr.callee.kind === 'MemberExpr' && expr.args.length === 0) return baseVariable(expr.callee.object);
  return undefined;
}

/** An id written out: `"410405000002264040"` or `410405000002264040` (16 digits or more, more than a DECIMAL keeps). */
function idDigits(expr: Expr): boolean {
  if (expr.kind === 'StringLiteral') return /^\s*\d{16,}\s*$/.test(expr.value);
  return expr.kind === 'NumberLiteral' && !expr.decimal && /^\d{16,}$/.test(expr.raw);
}

const describe = (expr: Expr, text: string): string => {
  const source = text.slice(expr.span.start, expr.span.end);
  return source.length <= 40 ? `\`${source}\`` : 'this record id';
};

export const rule: Rule = {
  meta: {
    id: 'record-id-as-number',
    code: 'DLG5408',
    category: 'delete-records',
    severity: 'warning',
    summary: 'A record id turned into a DECIMAL (which drops its last digits) or used in arithmetic.',
    docs: {
      what:
        'Reports record ids handled as numbers where that breaks them: `toDecimal()` on an id (`recordId`, `x.get("id")`, `ids.get(0)`, ' +
        'or 16 digits or more written out), ' +
        'an id plus or minus a number, or divided (`leadId + 1`), a `Decimal` parameter, variable or typed list named for ids, ' +
        'and a DECIMAL literal of 16 digits or more. `toLong()` is fine: a NUMBER is 64-bit and holds every id.',
      why:
        'Record ids are 18- or 19-digit numbers (`410405000002264040`). A DECIMAL keeps about 16 significant digits, so the id ' +
        'becomes 410405000002264060 (printed `4.1040500000226406E17`): at best it names no record (the Delete Records page ' +
        'answers `INVALID_DATA` or `UNABLE_TO_PARSE_DATA_TYPE`), at worst another one. Arithmetic on an id never gives ' +
        'another record\'s id; on a text id, `+` appends digits.',
      invalid: [
        `leadId = lead.get("id").toDecimal();
info leadId;`,
        `leadId = "410405000002264040".toDecimal();
response = invokeurl
[
	url :"https://www.zohoapis.com/crm/v7/Leads?ids=" + leadId
	type :DELETE
	connection :"crm_oauth_connection"
];
info response;`,
        `nextId = recordId + 1;
info nextId;`,
        `void cleanup(Decimal leadId)
{
	info leadId;
}`,
        `x = 410405000002264040.0;
info x;`,
      ],
      valid: [
        `lead = zoho.crm.getRecordById("Leads", leadId.toLong());
info lead;`,
        `amount = deal.get("Amount").toDecimal() + 1;
info "Lead " + leadId + " has " + amount;`,
        `void cleanup(String leadId, Int count)
{
	info leadId + " " + (count + 1);
}`,
        `// A counter named like an id is not a record id.
lastId = 0;
for each row in rows
{
	nextId = lastId + 1;
	lastId = nextId;
}`,
        `// Nor is the highest sequence number so far.
lastId = Orders[Status == "Open"].maximum(Seq_No);
nextId = lastId + 1;
info nextId;`,
      ],
    },
  },
  create(context) {
    const text = context.file.text;
    let given: Map<FunctionDecl | undefined, Map<string, Given>> | undefined;
    /** An id in arithmetic: a record's id, or an id variable that does not count there. */
    const arithmeticId = (expr: Expr): boolean => {
      if (!isIdLike(expr)) return false;
      const name = baseVariable(expr);
      if (name === undefined) return true;
      given ??= valuesGiven(context.program);
      const fn = context.parents.find((p): p is FunctionDecl => p.kind === 'FunctionDecl');
      return !countsAt(given.get(fn)?.get(name), expr.span.start);
    };
    const warn = (expr: Expr, span = expr.span) =>
      context.report({
        span,
        message: `${describe(expr, text)} is a record id: a DECIMAL keeps only about 16 of its 18-19 digits, so keep ids as text (or \`toLong()\`).`,
      });
    return {
      calls: {
        // Only `….toDecimal()` calls are handed to `visit`.
        names: ['toDecimal'],
        visit(call) {
          const callee = call.callee;
          // `id.toDecimal()`, or the function form `toDecimal(id)`.
          const [value, at] = callee.kind === 'MemberExpr' ? [call.args.length === 0 ? callee.object : undefined, callee.property] : [call.args.length === 1 && call.args[0]!.kind !== 'KeyValueArg' ? call.args[0] : undefined, callee];
          if (value === undefined || at.name.toLowerCase() !== 'todecimal') return;
          if (isIdLike(value) || idDigits(value) || idsElement(value)) warn(value, at.span);
        },
      },
      BinaryExpr(expr) {
        if (expr.op !== '+' && expr.op !== '-' && expr.op !== '/') return;
        // Only an id with a number is reported: most `+` join texts, passed over before the id tests.
        if (expr.left.kind !== 'NumberLiteral' && expr.right.kind !== 'NumberLiteral') return;
        const [id, other] = arithmeticId(expr.left) ? [expr.left, expr.right] : arithmeticId(expr.right) && expr.op !== '/' ? [expr.right, expr.left] : [];
        if (!id || other?.kind !== 'NumberLiteral') return;
        context.report({
          span: expr.span,
          message: `${describe(expr, text)} does arithmetic on a record id, which names no other record${expr.op === '+' ? ' (on a text id, `+` appends digits)' : ''}: use the id as it is.`,
        });
      },
      Param(param) {
        if (DECIMAL_TYPES.has(param.type.name.toLowerCase()) && idLikeName(param.name.name)) warn(param.name, param.type.span);
      },
      VarDeclStmt(decl) {
        if (DECIMAL_TYPES.has(decl.type.name.toLowerCase()) && idLikeName(decl.name.name)) warn(decl.name, decl.type.span);
      },
      AssignStmt(stmt) {
        // `leadIds = List:Decimal();`
        const value = stmt.value;
        if (stmt.target.kind !== 'Identifier' || value.kind !== 'CallExpr' || !idsLikeName(stmt.target.name)) return;
        if (value.elementType && DECIMAL_TYPES.has(value.elementType.toLowerCase())) {
          context.report({
            span: value.span,
            message: `\`${stmt.target.name}\` holds record ids as DECIMALs, which keep only about 16 of their 18-19 digits: use \`List:String()\` or \`List()\`.`,
          });
        }
      },
      NumberLiteral(literal) {
        if (!literal.decimal) return;
        // Fewer than 16 characters before the point cannot be 16 digits.
        const point = literal.raw.indexOf('.');
        if ((point < 0 ? literal.raw.length : point) < 16) return;
        const digits = literal.raw.split('.')[0]!.replace(/^0+/, '');
        if (digits.length < 16) return;
        context.report({
          span: literal.span,
          message: `\`${literal.raw}\` is a DECIMAL of ${digits.length} digits, more than a DECIMAL keeps (about 16): write a record id as text ("${digits}") or a whole number.`,
        });
      },
    };
  },
};
