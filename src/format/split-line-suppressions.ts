import { statementLists } from '../analysis/resolver.js';
import { parseDirective, statementLines, type Directive } from '../linter/suppressions.js';
import { SourceFile } from '../source/source-file.js';
import type { Node, Program } from '../syntax/ast.js';
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
 * wherever it goes. Returns the text with those comments rewritten, or
 * undefined when no directive covers a line that `fmt` splits.
 */
export function keepSuppressionsOverSplitLines(source: string, program: Program): string | undefined {
  const directives = program.comments.map(parseDirective).filter((d): d is Directive => d?.kind === 'disable-next-line' || d?.kind === 'disable-line');
  if (directives.length === 0) return undefined;
  const file = new SourceFile('', source);
  const startsByLine = itemStartsByLine(file, program);
  const edits: { at: number; end: number; text: string }[] = [];
  for (const directive of directives) {
    const comment = directive.comment;
    if (comment.kind !== 'LineComment') continue;
    const commentLine = file.position(comment.span.start).line;
    const line = directive.kind === 'disable-next-line' ? commentLine + 1 : commentLine;
    if ((startsByLine.get(line) ?? 0) < 2) continue;
    const lineStart = file.lineStart(line);
    const lineText = source.slice(lineStart, line < file.lineCount ? file.lineStart(line + 1) : source.length);
    const indent = /^[^\S\r\n]*/.exec(lineText)![0];
    // A disable-line directive must follow the line's code. A next-line one covers the next line wherever it stands,
    // also after code (lint reads it so, and the printer may move it onto a line of its own: as a range it covers the
    // same wherever it goes, so a second `fmt` changes nothing).
    if (directive.kind === 'disable-line' && source.slice(lineStart, comment.span.start).trim() === '') continue;
    const ids = directive.ids.map((id) => id.id).join(', ');
    const named = ids === '' ? '' : ` ${ids}`;
    const disable = `// deluge-disable${named}${directive.reason ? ` -- ${directive.reason}` : ''}`;
    const enable = `deluge-enable${named}`;
    if (directive.kind === 'disable-next-line') {
      edits.push({ at: comment.span.start, end: comment.span.end, text: disable });
      const codeEnd = coveredUntil(file, program, line);
      // Anything after it on its line, a comment or code (`…]; else if (…)` after a statement that began on the covered
      // line), would be commented out by a line comment.
      const endLine = file.position(codeEnd).line;
      const restOfLine = source.slice(codeEnd, endLine < file.lineCount ? file.lineStart(endLine + 1) : source.length);
      edits.push({ at: codeEnd, end: codeEnd, text: restOfLine.trim() !== '' ? ` /* ${enable} */` : ` // ${enable}` });
    } else {
      edits.push({ at: lineStart, end: lineStart, text: `${indent}${disable}\n` });
      edits.push({ at: comment.span.start, end: comment.span.end, text: `// ${enable}` });
    }
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => b.at - a.at);
  let text = source;
  for (const edit of edits) text = text.slice(0, edit.at) + edit.text + text.slice(edit.end);
  return text;
}

/**
 * How many of the things `fmt` gives a line of their own begin on each line: statements (an `else if` counts as one),
 * and the parameters of a task block or the fields of an `insert` (`url: "…" type: POST` on one line are two).
 */
function itemStartsByLine(file: SourceFile, program: Program): Map<number, number> {
  const counts = new Map<number, number>();
  const count = (node: Node): void => {
    const line = file.position(node.span.start).line;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  };
  // A page template's HTML and outputs (`%><%=total%>`) are printed as written: their lines are never split.
  const verbatim = new Set<number>();
  for (const list of statementLists(program)) {
    for (const s of list.statements) {
      if (s.kind === 'HtmlStmt') {
        verbatim.add(file.position(s.span.start).line);
        continue;
      }
      count(s);
      // `else if (…)`: an if of its own, in no statement list.
      for (let branch = s.kind === 'IfStmt' ? s.else : undefined; branch?.kind === 'IfStmt'; branch = branch.else) count(branch);
    }
  }
  walk(program, {
    enter(node) {
      if (node.kind === 'TaskExpr') node.params.forEach(count);
      else if (node.kind === 'InsertExpr') node.fields.forEach(count);
    },
  });
  for (const line of verbatim) counts.delete(line);
  return counts;
}

/**
 * Where a `deluge-disable-next-line` over `line` stops covering: the end of the line's code, or further, the end of
 * the statement without blocks that begins on the line (lint covers all of it, however many lines it takes).
 */
function coveredUntil(file: SourceFile, program: Program, line: number): number {
  const statement = statementLines(file, program).byFirstLine.get(line);
  return Math.max(endOfCode(file, program, line), statement?.end ?? -1);
}

/** Where the code on a line ends: the end of the last token of the program's statements that lies on it, comments aside. */
function endOfCode(file: SourceFile, program: Program, line: number): number {
  const lineEnd = line < file.lineCount ? file.lineStart(line + 1) : file.text.length;
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
  return end;
}
