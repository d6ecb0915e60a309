import type { Rule } from '../rule.js';
import { rule as constantCondition } from './constant-condition.js';
import { rule as duplicateMapKey } from './duplicate-map-key.js';
import { rule as duplicateFunction } from './duplicate-function.js';
import { rule as duplicateParameter } from './duplicate-parameter.js';
import { rule as emptyBlock } from './empty-block.js';
import { rule as emptyStatementBody } from './empty-statement-body.js';
import { rule as forEachOverMap } from './for-each-over-map.js';
import { rule as loopListModified } from './loop-list-modified.js';
import { rule as loopVariableReassigned } from './loop-variable-reassigned.js';
import { rule as nullUnchecked } from './null-unchecked.js';
import { rule as returnValueMismatch } from './return-value-mismatch.js';
import { rule as selfAssignment } from './self-assignment.js';
import { rule as sendmailMissingAddress } from './sendmail-missing-address.js';
import { rule as singleEqualsComparison } from './single-equals-comparison.js';
import { rule as undefinedVariable } from './undefined-variable.js';
import { rule as unknownFunction } from './unknown-function.js';
import { rule as unreachableCode } from './unreachable-code.js';
import { rule as unusedComparison } from './unused-comparison.js';
import { rule as unusedVariable } from './unused-variable.js';
import { rule as valueNeverRead } from './value-never-read.js';
import { rule as wrongArity } from './wrong-arity.js';

/**
 * The correctness rules, in the order `--list-rules` shows them (by code). They share one resolution of names and
 * scopes per file (`src/analysis/resolver.ts`).
 */
export const CORRECTNESS_RULES: readonly Rule[] = [
  singleEqualsComparison,
  unusedComparison,
  undefinedVariable,
  unusedVariable,
  valueNeverRead,
  unreachableCode,
  duplicateMapKey,
  unknownFunction,
  wrongArity,
  selfAssignment,
  constantCondition,
  emptyBlock,
  nullUnchecked,
  loopVariableReassigned,
  loopListModified,
  forEachOverMap,
  duplicateParameter,
  returnValueMismatch,
  sendmailMissingAddress,
  emptyStatementBody,
  duplicateFunction,
];
