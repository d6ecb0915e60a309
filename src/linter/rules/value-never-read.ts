import { resolutionOf, statementLists, type Scope } from '../../analysis/resolver.js';
import type { Identifier, Node, Stmt } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/** The variable a statement stores a value into, when it is a plain variable. */
function assignedName(s: Stmt): Identifier | undefined {
  if (s.kind === 'AssignStmt' && s.target.kind === 'Identifier') return s.target;
  if (s.kind === 'VarDeclStmt' && s.init) return s.name;
  return undefined;
}

/**
 * A value that only declares the variable: an empty map, list or text, zero, false or null. Scripts write one first
 * out of habit (`rows = Map();` then `rows = zoho.crm.getRecords(…)`), as the declaration Deluge does not have; no
 * work is lost when it is overwritten.
 */
function isDeclaration(s: Stmt): boolean {
  const value = s.kind === 'AssignStmt' ? s.value : s.kind === 'VarDeclStmt' ? s.init : undefined;
  if (!value) return false;
  switch (value.kind) {
    case 'CallExpr':
      return value.args.length === 0 && value.callee.kind === 'Identifier' && /^(map|list|collection)$/i.test(value.callee.name);
    case 'MapLiteral':
      return value.entries.length === 0;
    case 'ListLiteral':
      return value.elements.length === 0;
    case 'StringLiteral':
      return value.value === '';
    case 'NumberLiteral':
      return Number(value.raw) === 0;
    case 'BooleanLiteral':
      return !value.value;
    case 'NullLiteral':
      return true;
    default:
      return false;
  }
}

/** Whether a read starts in [start, end): the reads are in source order. */
function readIn(reads: readonly Identifier[], start: number, end: number): boolean {
  let lo = 0;
  let hi = reads.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reads[mid]!.span.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < reads.length && reads[lo]!.span.start < end;
}

export const rule: Rule = {
  meta: {
    id: 'value-never-read',
    code: 'DLG5003',
    category: 'correctness',
    severity: 'warning',
    summary: 'A value assigned to a variable and overwritten before it is read.',
    docs: {
      what:
        'An assignment whose value no statement reads before a later statement of the same block assigns the ' +
        'variable again (`x = a; … x = b;` with no read of `x` between, and `b` not reading `x`). Only ' +
        'assignments in the same block are compared, so the second one always runs after the first; blocks ' +
        'inside `try` (where a `catch` may read the first value) and stretches with `break`/`continue` are left alone, ' +
        'and so is a first value that only declares the variable (`Map()`, `List()`, `{}`, `""`, `0`, `false`, `null`).',
      why:
        'The first value is lost: either the first assignment is useless work (a request whose answer is thrown ' +
        'away), or the second one was meant for another variable.',
      invalid: [
        'void automation.route(Int leadId)\n{\n\towner = "4104050000000235001";\n\towner = "4104050000000235023";\n\tinfo owner;\n}',
        'lead = zoho.crm.getRecordById("Leads", 1);\nlead = zoho.crm.getRecordById("Leads", 2);\ninfo lead.get("Email");',
      ],
      valid: [
        'name = "  Acme ";\nname = name.trim();\ninfo name;',
        'rating = "Cold";\nif (input.Employees > 500)\n{\n\trating = "Hot";\n}\ninfo rating;',
        'rows = Map();\nrows = zoho.crm.getRecords("Leads");\ninfo rows;',
        'try\n{\n\tstep = "read";\n\tn = "x".toNumber();\n\tstep = "done";\n}\ncatch (e)\n{\n\tinfo step;\n}\ninfo step;',
      ],
    },
  },
  create(context) {
    /** Statements that hold a `break` or `continue` (at any depth): what follows them may not run. */
    const jumping = new Set<Node>();
    const markJump = () => {
      for (const p of context.parents) jumping.add(p);
    };
    return {
      BreakStmt: markJump,
      ContinueStmt: markJump,
      'Program:exit'(program) {
        const resolution = resolutionOf(program);
        // Each list's scope: its function's, or the script's.
        const scopeOfFunction = new Map<Node, Scope>(resolution.scopes.map((scope) => [scope.node, scope]));
        for (const list of statementLists(program)) {
          if (list.insideTry) continue;
          const scope = (list.fn && scopeOfFunction.get(list.fn)) || resolution.script;
          const stmts = list.statements;
          for (let i = 0; i < stmts.length; i++) {
            const first = stmts[i]!;
            const id = assignedName(first);
            if (!id || isDeclaration(first)) continue;
            const variable = scope.variables.get(id.name);
            if (!variable || variable.reads.length === 0) continue;
            const reads = variable.reads;
            for (let j = i + 1; j < stmts.length; j++) {
              const next = stmts[j]!;
              if (readIn(reads, first.span.end, next.span.start)) break;
              if (next.kind === 'AssignStmt' && next.op === '=' && next.target.kind === 'Identifier' && next.target.name === id.name) {
                if (!readIn(reads, next.value.span.start, next.value.span.end)) {
                  const line = context.file.position(next.span.start).line;
                  context.report({
                    span: id.span,
                    message: `The value assigned to '${id.name}' here is never read: line ${line} assigns it again first; remove this assignment or use the value`,
                  });
                }
                break;
              }
              if (jumping.has(next) || next.kind === 'BreakStmt' || next.kind === 'ContinueStmt') break;
            }
          }
        }
      },
    };
  },
};
