import type { CodeInfo } from '../codes.js';

/** Codes of the delete-records lint rules (name = rule id, severity = default). */
export const DELETE_RECORDS_CODES = {} as const satisfies Record<string, CodeInfo>;
