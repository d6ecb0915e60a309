import type { CodeInfo } from '../codes.js';

/** Codes of the http lint rules (name = rule id, severity = default). */
export const HTTP_CODES = {} as const satisfies Record<string, CodeInfo>;
