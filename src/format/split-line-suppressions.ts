import { statementLists } from '../analysis/resolver.js';
import { parseDirective, statementLines, type Directive } from '../linter/suppressions.js';
import { SourceFile } from '../source/source-file.js';
import type { Node, Program, Stmt } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import { walk } from '../syntax/walk.js';

/**
 * `deluge-disable-next-line` and `deluge-disable-line` cover one line. `fmt` puts every statement, every statement of
 * a block and every parameter of a task block on a line of its own, so a line holding several (`if (x == "a")
 * info 'b';`, `a = 1; b = 2;`, `url: "http://…" type: POST`) comes out as several lines: the directive would then
 * cover the first of them (next-line) or the last (disable-line), and `deluge lint` would report after `deluge fmt
 * --write` what it did not report before.
 *
 * Such a directive becomes a range that covers what it covered, no more: `// deluge-disable ids -- reason` where it
 * was (next-line) or above the line (disable-line), and `deluge-enable ids` after the line's last code (for next-line,
 * after the statement that begins there when it goes on past the line), which the printer keeps after that code
 * wherever it goes.
 *
 * A next-line directive after code also becomes a range where the printer would put another line under it: the `[`
 * of a task block or insert it follows, the `{` it adds before a body without braces; or where the line it covers goes
 * on with a statement begun before the directive (`x = [1, // …` then `2];`), which the printer joins to the line of
 * the directive — that range begins before the statement, so it covers a little more than before, never less.
 *
 * Returns the text with those comments rewritten, or undefined when no directive needs it. `format` applies it to its
 * output too, until nothing changes (printing moves lines).
 */
export function keepSuppressionsOverSplitLines(source: string, program: Program): string | undefined {
  const directives = program.comments.map(parseDirective).filter((d): d is Directive => d?.kind === 'disable-next-line' || d?.kind === 'disable-line');
  if (directives.length === 0) return undefined;
  const layout = layoutOf(new SourceFile('', source), program);
  const { file, items, unbracedBodies } = layout;
  const startsByLine = new Map<number, number>();
  for (const start of items) {
    const line = file.position(start).line;
    startsByLine.set(line, (startsByLine.get(line) ?? 0) + 1);
  }
  const edits: { at: number; end: number; text: string }[] = [];
  for (const directive of directives) {
    const comment = directive.comment;
    // A block comment's range is written in block comments: code may follow it on its line (`/* … */ b = 2;`).
    const block = comment.kind === 'BlockComment';
    const commentLine = file.position(comment.span.start).line;
    const line = directive.kind === 'disable-next-line' ? commentLine + 1 : commentLine;
    const ids = directive.ids.map((id) => id.id).join(', ');
    const named = ids === '' ? '' : ` ${ids}`;
    const disableText = `deluge-disable${named}${directive.reason ? ` -- ${directive.reason}` : ''}`;
    const disable = block ? `/* ${disableText} */` : `// ${disableText}`;
    const enable = `deluge-enable${named}`;
    const enableAt = (codeEnd: number): { at: number; end: number; text: string } => {
      // Before a page template's `%>` (`…]; }%>`): after it comes HTML, where a comment would be text.
      const endLineStart = file.lineStart(file.position(codeEnd).line);
      const pageClose = source.slice(endLineStart, codeEnd).indexOf('%>');
      const at = pageClose < 0 ? codeEnd : endLineStart + /\s*\}?\s*$/.exec(source.slice(endLineStart, endLineStart + pageClose))!.index;
      // Anything after it on its line, a comment or code (`…]; else if (…)` after a statement that began on the covered
      // line), would be commented out by a line comment.
      const restOfLine = source.slice(at, file.lineStart(file.position(codeEnd).line + 1));
      return { at, end: at, text: restOfLine.trim() !== '' ? ` /* ${enable} */` : ` // ${enable}` };
    };
    const continued = directive.kind === 'disable-next-line' ? statementContinuedOnto(layout, comment.span, line) : undefined;
    if (continued) {
      // The printer joins the covered line to the code before the directive, or moves the directive past it: as a range
      // from before the statement to the end of the covered line's code, it covers at least what it covered, wherever
      // the lines fall.
      const statementLine = file.position(continued.span.start).line;
      const indent = source.slice(file.lineStart(statementLine), firstCodeOf(file, statementLine));
      edits.push({ at: comment.span.start, end: comment.span.end, text: '' });
      edits.push({ at: continued.span.start, end: continued.span.start, text: `${disable}\n${indent}` });
      edits.push(enableAt(endOfCode(layout, line)));
      continue;
    }
    const joined = directive.kind === 'disable-line' && !block ? statementJoinedOnto(layout, comment.span, commentLine) : undefined;
    if (joined) {
      // The printer joins the statement's lines and puts the comment inside it at their end, before the directive,
      // which goes to a line of its own: as a range from above the statement to the directive's place, it covers it.
      const statementLine = file.position(joined.span.start).line;
      const statementLineStart = file.lineStart(statementLine);
      edits.push({ at: statementLineStart, end: statementLineStart, text: `${source.slice(statementLineStart, firstCodeOf(file, statementLine))}${disable}\n` });
      edits.push({ at: comment.span.start, end: comment.span.end, text: `// ${enable}` });
      continue;
    }
    // A line the printer puts between a directive after code and the line it covers: the `[` of a task block or an
    // insert before it, or the `{` it adds before a body without braces (one on a line of its own goes inside them).
    const codeBefore = source.slice(file.lineStart(commentLine), comment.span.start);
    const lineBetween =
      directive.kind === 'disable-next-line' &&
      (/\[\s*$/.test(codeBefore) || (codeBefore.trim() !== '' && unbracedBodies.has(firstCodeOf(file, line)))) &&
      !leftAsItIs(layout, line);
    if (!lineBetween && (startsByLine.get(line) ?? 0) < 2 && !(directive.kind === 'disable-line' && listGoesOn(layout, comment.span, line))) continue;
    const lineStart = file.lineStart(line);
    // A disable-line directive must follow the line's code. A next-line one covers the next line wherever it stands,
    // also after code (lint reads it so, and the printer may move it onto a line of its own: as a range it covers the
    // same wherever it goes, so a second `fmt` changes nothing).
    if (directive.kind === 'disable-line' && !block && source.slice(lineStart, comment.span.start).trim() === '') continue;
    if (directive.kind === 'disable-next-line') {
      edits.push({ at: comment.span.start, end: comment.span.end, text: disable });
      edits.push(enableAt(coveredUntil(layout, line)));
    } else if (block) {
      // Anywhere on the line (`a = a; /* deluge-disable-line … */ b = 2; b = b;` covers all four): the range goes
      // from before the line's code to after it.
      // (The comment removed before the range is put in: at the line's start, both edits are at the same place.)
      edits.push({ at: comment.span.start, end: comment.span.end, text: '' });
      edits.push({ at: lineStart, end: lineStart, text: `${source.slice(lineStart, firstCodeOf(file, line))}${disable}\n` });
      edits.push(enableAt(endOfCode(layout, line)));
    } else {
      edits.push({ at: lineStart, end: lineStart, text: `${source.slice(lineStart, firstCodeOf(file, line))}${disable}\n` });
      edits.push({ at: comment.span.start, end: comment.span.end, text: `// ${enable}` });
    }
  }
  if (edits.length === 0) return undefined;
  // From the end back, so that each edit's offsets still hold. At one offset a removal goes first, then what is put
  // in there: put in first, the removal would cut it out in place of the comment (`"id",// deluge-disable-next-line`,
  // a directive right after the code another one's range ends at, left the comment's tail as code).
  edits.sort((a, b) => b.at - a.at || b.end - b.at - (a.end - a.at));
  let text = source;
  for (const edit of edits) text = text.slice(0, edit.at) + edit.text + text.slice(edit.end);
  return text;
}

/** What the rewrite reads of a text and its tree, gathered once for all its directives. */
interface Layout {
  readonly file: SourceFile;
  readonly program: Program;
  /**
   * Where the things `fmt` gives a line of their own begin: statements (an `else if` counts as one), and the
   * parameters of a task block or the fields of an `insert` (`url: "…" type: POST` on one line are two). A page
   * template's HTML and outputs (`%><%=total%>`) are printed as written: no line that holds them is ever split, and
   * none counts.
   */
  readonly items: ReadonlySet<number>;
  /** Where the first statement of each body written without braces begins (the printer adds a `{` line above it). */
  readonly unbracedBodies: ReadonlySet<number>;
  /** The strings that go on past their first line (`{"` then `"}`): no comment can stand inside one. */
  readonly multiLineStrings: readonly Span[];
  /** Every statement of every list, and the statements without blocks by their first line. */
  readonly statements: readonly Stmt[];
  readonly byFirstLine: ReadonlyMap<number, Span>;
}

function layoutOf(file: SourceFile, program: Program): Layout {
  const starts: number[] = [];
  const count = (node: Node): void => void starts.push(node.span.start);
  const verbatim = new Set<number>();
  const statements: Stmt[] = [];
  for (const list of statementLists(program)) {
    for (const s of list.statements) {
      statements.push(s);
      if (s.kind === 'HtmlStmt') {
        verbatim.add(file.position(s.span.start).line);
        continue;
      }
      count(s);
      // `else if (…)`: an if of its own, in no statement list.
      for (let branch = s.kind === 'IfStmt' ? s.else : undefined; branch?.kind === 'IfStmt'; branch = branch.else) count(branch);
    }
  }
  // A function's declaration too: its body's statements go on lines of their own (`void f.g(int y) { y = y; }`).
  for (const item of program.body) if (item.kind === 'FunctionDecl') count(item);
  const unbracedBodies = new Set<number>();
  const multiLineStrings: Span[] = [];
  walk(program, {
    enter(node) {
      if (node.kind === 'TaskExpr') node.params.forEach(count);
      else if (node.kind === 'InsertExpr') node.fields.forEach(count);
      else if (node.kind === 'Block' && !node.braced && node.body.length > 0) unbracedBodies.add(node.body[0]!.span.start);
      else if (node.kind === 'StringLiteral' && /[\r\n]/.test(file.slice(node.span))) multiLineStrings.push(node.span);
    },
  });
  const items = new Set(verbatim.size === 0 ? starts : starts.filter((start) => !verbatim.has(file.position(start).line)));
  return { file, program, items, unbracedBodies, multiLineStrings, statements, byFirstLine: statementLines(file, program).byFirstLine };
}

/**
 * For a `deluge-disable-next-line` over a line that goes on with a statement begun before the directive (`x = [a, //
 * deluge-disable-next-line …` then `b];`, `} else {` after the last statement of a branch, or a directive on a line
 * of its own inside the statement: `x =`, the directive, `x;`) rather than beginning one: that statement, the
 * innermost. `fmt` prints such a line's code beside the code before the directive or apart from the line after it,
 * and moves a comment inside a statement below it: a next-line directive would come to cover other code.
 */
function statementContinuedOnto(layout: Layout, comment: Span, line: number): Stmt | undefined {
  const { file, program } = layout;
  if (line > file.lineCount) return undefined;
  const at = firstCodeOf(file, line);
  if (at >= file.lineStart(line + 1) || leftAsItIs(layout, line) || layout.items.has(at) || program.comments.some((c) => c.span.start === at)) return undefined;
  let innermost: Stmt | undefined;
  for (const s of layout.statements) {
    if (s.span.start < comment.start && at < s.span.end && (!innermost || s.span.start > innermost.span.start)) innermost = s;
  }
  // In a page template, whose HTML is printed as written (a comment there would be text, and its `<%`, `%>` lines stay):
  // left as it is.
  // So is a page's island itself: its span begins at the HTML before it (`<p> <%{`, `}%> <h1>…</h1> <%{`).
  const inside = (span: Span) => innermost !== undefined && span.start >= innermost.span.start && span.end <= innermost.span.end;
  if (innermost?.kind === 'TemplateStmt' || layout.statements.some((s) => s.kind === 'HtmlStmt' && inside(s.span))) return undefined;
  return innermost;
}

/** Statements with blocks: their lines are not joined (a directive after one's `}` is another case). */
const WITH_BLOCKS: ReadonlySet<Stmt['kind']> = new Set(['IfStmt', 'ForEachStmt', 'WhileStmt', 'CStyleForStmt', 'TryStmt', 'TemplateStmt']);

/**
 * For a `deluge-disable-line` after the code of a statement begun on an earlier line with a line comment inside it
 * (`x = list.get(0) // first` then `.get("a"); // deluge-disable-line …`): that statement. `fmt` joins such lines and
 * moves the comment to the statement's end, where it takes the rest of the line: the directive went to the next line,
 * covering nothing.
 */
function statementJoinedOnto(layout: Layout, comment: Span, line: number): Stmt | undefined {
  const { file, program } = layout;
  const lineStart = file.lineStart(line);
  return layout.statements.find(
    (s) =>
      !WITH_BLOCKS.has(s.kind) &&
      s.span.start < lineStart &&
      s.span.end > lineStart &&
      s.span.end <= comment.start &&
      program.comments.some((c) => c.kind === 'LineComment' && c.span.start > s.span.start && c.span.start < lineStart),
  );
}

/**
 * For a `deluge-disable-line` after code: whether its line ends inside an argument or element list (`f("a", 1, //
 * deluge-disable-line …` then `200);`) of a statement that goes on past the line. `fmt` gives each argument a line of
 * its own when the list does not fit on one: the comment stays after its argument, away from the statement's first
 * line, which it covered.
 */
function listGoesOn(layout: Layout, comment: Span, line: number): boolean {
  const { file } = layout;
  const before = file.text.slice(file.lineStart(line), comment.start).trimEnd();
  const lineEnd = file.lineStart(line + 1);
  // After a `,` or `(`, or after the last argument with the `)` on a later line (`{"a": 1} // …` then `);`), or an
  // element before a leading comma (`{"a": 1 // …` then `, "b": 2}`).
  if (!/[,(]$/.test(before) && !insideListClosedLater(layout.program, comment.start, lineEnd)) return false;
  return layout.statements.some((s) => s.span.start < comment.start && s.span.end > lineEnd && s.kind !== 'IfStmt' && s.kind !== 'ForEachStmt' && s.kind !== 'WhileStmt' && s.kind !== 'TryStmt' && s.kind !== 'TemplateStmt');
}

/** Whether `at` lies inside the brackets of a call, list or map that close at or after `lineEnd`. */
function insideListClosedLater(program: Program, at: number, lineEnd: number): boolean {
  let found = false;
  walk(program, {
    enter(node) {
      const around = node.span.start < at && node.span.end > at;
      if (around && (node.kind === 'CallExpr' || node.kind === 'ListLiteral' || node.kind === 'MapLiteral') && node.span.end > lineEnd) found = true;
    },
  });
  return found;
}

/**
 * Where a `deluge-disable-next-line` over `line` stops covering: the end of the line's code, or further, the end of
 * the statement without blocks that begins on the line (lint covers all of it, however many lines it takes).
 */
function coveredUntil(layout: Layout, line: number): number {
  return Math.max(endOfCode(layout, line), layout.byFirstLine.get(line)?.end ?? -1);
}

/**
 * A covered line a next-line directive after code keeps as it is: one that only closes (`}`, `)];`), which covers
 * nothing a rule reports in the text or the output, and one with a page template's `<%` or `%>` (HTML after them,
 * where a comment would be text).
 */
function leftAsItIs(layout: Layout, line: number): boolean {
  const code = layout.file.text.slice(firstCodeOf(layout.file, line), endOfCode(layout, line));
  return /^[\s})\];]*$/.test(code) || /<%|%>/.test(code);
}

/** Where a line's first character other than a blank is (its end when it has none). */
function firstCodeOf(file: SourceFile, line: number): number {
  const start = file.lineStart(line);
  return start + /^[^\S\r\n]*/.exec(file.text.slice(start, file.lineStart(line + 1)))![0].length;
}

/** Where the code on a line ends: the end of the last token of the program's statements that lies on it, comments aside. */
function endOfCode(layout: Layout, line: number): number {
  const { file, program } = layout;
  const lineEnd = file.lineStart(line + 1);
  let end = file.lineStart(line);
  // The code is the line less its comments and trailing blanks.
  let at = end;
  const comments = program.comments.filter((c) => c.span.end > end && c.span.start < lineEnd);
  for (const comment of comments) {
    const code = file.text.slice(at, Math.max(at, comment.span.start)).trimEnd();
    if (code !== '') end = at + code.length;
    at = comment.span.end;
  }
  const rest = file.text.slice(at, lineEnd).trimEnd();
  if (rest !== '') end = at + rest.length;
  // Inside a string that goes on to the next line: its end.
  const string = layout.multiLineStrings.find((span) => span.start < end && end < span.end);
  return string ? string.end : end;
}
