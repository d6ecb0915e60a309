import type { Diagnostic } from './diagnostics/diagnostic.js';
import { SourceFile } from './source/source-file.js';
import type { Program } from './syntax/ast.js';
import { parse, type ParseOptions } from './syntax/parse.js';

export interface CheckedFile {
  readonly file: SourceFile;
  readonly program: Program;
  readonly diagnostics: readonly Diagnostic[];
}

/** `deluge check` as a function: parse one file's text and report its syntax diagnostics. */
export function check(path: string, text: string, options: ParseOptions = {}): CheckedFile {
  const result = parse(text, options);
  return { file: new SourceFile(path, text), program: result.value, diagnostics: result.diagnostics };
}
