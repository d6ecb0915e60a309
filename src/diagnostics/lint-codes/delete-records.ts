import type { CodeInfo } from '../codes.js';

/**
 * Codes of the delete-records lint rules (name = rule id, severity = default), DLG5400–DLG5419, and of the style
 * rules kept in this group. A rule that is off by default (style) carries the severity it has when turned on
 * without one (`"warn"`).
 */
export const DELETE_RECORDS_CODES = {
  DLG5400: { name: 'delete-too-many-ids', severity: 'error', summary: 'A Delete Records call with more than 100 record ids: Zoho deletes at most 100 per call.' },
  DLG5401: { name: 'delete-missing-ids', severity: 'error', summary: 'A Delete Records call that names no record: no `ids=` in the URL and no record id in its path.' },
  DLG5402: { name: 'delete-unsupported-module', severity: 'error', summary: 'A Delete Records call to a module the API does not support or that is misspelt (`Lead` for `Leads`).' },
  DLG5403: { name: 'delete-wf-trigger-not-boolean', severity: 'error', summary: 'A Delete Records `wf_trigger` that is neither `true` nor `false`.' },
  DLG5404: { name: 'delete-unknown-parameter', severity: 'warning', summary: 'A Delete Records URL parameter other than `ids` and `wf_trigger` (`wf_triger`, `id`) or given twice, `ids` beside a record id in the path, `wf_trigger` or more `ids` put in `parameters:`, or a `crm.delete` connector map key other than `module` and `id` (`wf_trigger`).' },
  DLG5405: { name: 'delete-malformed-ids', severity: 'error', summary: 'A Delete Records id that is not a number: a placeholder, quotes or brackets, or an id in E notation.' },
  DLG5406: { name: 'delete-in-loop', severity: 'warning', summary: 'A Delete Records call for a single record inside a `for each`: batch the ids, up to 100 per call.' },
  DLG5407: { name: 'delete-results-not-inspected', severity: 'warning', summary: 'The answer of a Delete Records call is dropped, or only its request-level `status`/`code` is read, never the per-record `data`.' },
  DLG5408: { name: 'record-id-as-number', severity: 'warning', summary: 'A record id turned into a DECIMAL (which drops its last digits) or used in arithmetic.' },
  DLG5409: { name: 'prefer-double-quotes', severity: 'warning', summary: 'Text in single quotes: Deluge keeps single quotes for date-times, write text in double quotes.' },
  DLG5411: { name: 'delete-invalid-url', severity: 'error', summary: 'A Delete Records URL Zoho does not route: a CRM API version other than v2, v2.1 and v3–v8 (`v1`, `v2.2`, `v9`, `v7.0`, `V7`); or a path with a `/` at its end (`/Leads/{id}/`) or two in a row (`/crm/v7//Leads`, `//crm/v7/Leads`), which neither Delete Records form has.' },
  DLG5410: { name: 'suppression-without-reason', severity: 'warning', summary: 'A `deluge-disable` comment that gives no reason after ` -- `.' },
} as const satisfies Record<string, CodeInfo>;
