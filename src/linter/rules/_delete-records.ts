import type { Rule } from '../rule.js';
import { rule as deleteInLoop } from './delete-in-loop.js';
import { rule as deleteInvalidUrl } from './delete-invalid-url.js';
import { rule as deleteMalformedIds } from './delete-malformed-ids.js';
import { rule as deleteMissingIds } from './delete-missing-ids.js';
import { rule as deleteResultsNotInspected } from './delete-results-not-inspected.js';
import { rule as deleteTooManyIds } from './delete-too-many-ids.js';
import { rule as deleteUnknownParameter } from './delete-unknown-parameter.js';
import { rule as deleteUnsupportedModule } from './delete-unsupported-module.js';
import { rule as deleteWfTriggerNotBoolean } from './delete-wf-trigger-not-boolean.js';
import { rule as preferDoubleQuotes } from './prefer-double-quotes.js';
import { rule as recordIdAsNumber } from './record-id-as-number.js';

/** The delete-records rules (and the style rules kept with them), in the order `--list-rules` shows them. */
export const DELETE_RECORDS_RULES: readonly Rule[] = [
  deleteTooManyIds,
  deleteMissingIds,
  deleteUnsupportedModule,
  deleteWfTriggerNotBoolean,
  deleteUnknownParameter,
  deleteMalformedIds,
  deleteInvalidUrl,
  deleteInLoop,
  deleteResultsNotInspected,
  recordIdAsNumber,
  preferDoubleQuotes,
];
