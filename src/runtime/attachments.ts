import type { QualifiedExpr } from '../syntax/ast.js';
import { textForm } from './text-form.js';
import type { Value } from './values.js';

/**
 * What sendmail records for an attachment naming a component of the app, which a local run cannot render:
 * `template:Invoice:Orders 4104… as PDF` — the names as written, the record's ID evaluated.
 */
export function componentAttachmentText(e: QualifiedExpr, nameValue: Value | undefined, record: Value | undefined): string {
  // The name as written (`template: Summary`), or the value of what stands there (`template: "Summary"`).
  const name = e.value.kind === 'Identifier' ? e.value.name : textForm(nameValue ?? null);
  const form = e.form ? `:${e.form.name}${e.record ? ` ${textForm(record ?? null)}` : ''}` : '';
  return `${e.qualifier.toLowerCase()}:${name}${form}${e.format ? ` as ${e.format.name}` : ''}`;
}
