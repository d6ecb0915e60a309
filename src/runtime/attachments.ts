import type { QualifiedExpr } from '../syntax/ast.js';
import { textForm } from './text-form.js';
import type { Value } from './values.js';

/**
 * What sendmail records for an attachment naming a component of the app, which a local run cannot render:
 * `template:Invoice:Orders 4104… as PDF` — the names as written, the record's ID evaluated.
 */
export function componentAttachmentText(e: QualifiedExpr, record: Value | undefined): string {
  const name = e.value.kind === 'Identifier' ? e.value.name : '';
  const form = e.form ? `:${e.form.name} ${record === undefined ? '' : textForm(record)}` : '';
  return `${e.qualifier.toLowerCase()}:${name}${form}${e.format ? ` as ${e.format.name}` : ''}`;
}
