import type { CodeInfo } from '../codes.js';

/** Codes of the correctness lint rules (name = rule id, severity = default). */
export const CORRECTNESS_CODES = {} as const satisfies Record<string, CodeInfo>;
