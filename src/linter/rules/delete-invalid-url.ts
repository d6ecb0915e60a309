import type { Span } from '../../source/span.js';
import { CRM_API_VERSIONS, isZohoApiHost } from '../../http/zoho-hosts.js';
import type { Rule, RuleContext } from '../rule.js';
import { HOLE, recordsDelete, reportOnce, shown, type RecordsDelete, type Template } from './_url.js';

export const rule: Rule = {
  meta: {
    id: 'delete-invalid-url',
    code: 'DLG5411',
    category: 'delete-records',
    severity: 'error',
    fixable: 'safe',
    summary: 'A Delete Records URL Zoho does not route: a CRM API version other than v2, v2.1 and v3–v8 (`v1`, `v2.2`, `v9`, `v7.0`, `V7`); or a path with a `/` at its end (`/Leads/{id}/`) or two in a row (`/crm/v7//Leads`, `//crm/v7/Leads`), which neither Delete Records form has.',
    docs: {
      what:
        'Reports a Delete Records call to a Zoho API host whose URL names an API version Zoho does not serve — `v1`, `v2.2`, ' +
        '`v9`, `v7.0` — or writes ' +
        '`crm` or the version in capitals (`/CRM/v7/`, `/crm/V7/`). Paths are case-sensitive. The fix writes the version ' +
        'Zoho serves when the meaning is clear (`V7` → `v7`, `v7.0` → `v7`). Also a path with a `/` at its end ' +
        '(`/Leads/{record_id}/`, `/Leads/?ids=`) or an empty segment (`/crm/v7//Leads`, `//crm/v7/Leads`, `/crm//v7/Leads`), neither of which is one of the ' +
        "page's two request URLs (`deluge sandbox` answers both INVALID_URL_PATTERN): the fix removes the extra `/`. " +
        'There is no fix when the text comes from a variable (`base + "?ids=…"`): other requests may use it as it is.',
      why:
        'The page lists INVALID_URL_PATTERN (HTTP 404, "Please check if the URL trying to access is a correct one") for a ' +
        'URL it does not route: nothing is deleted, and a script that does not check the answer goes on as if the records ' +
        'were gone. https://www.zoho.com/crm/developer/docs/api/v7/delete-records.html',
      invalid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v9/Leads?ids=410405000002264040"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/V7/Leads/" + leadId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads/" + leadId + "/"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7//Leads?ids=410405000002264040"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
      ],
      valid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v2.1/Leads?ids=410405000002264040"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads/" + leadId + "?wf_trigger=false"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
      ],
    },
  },
  create(context) {
    const report = reportOnce(context);
    return {
      TaskExpr(task) {
        const request = recordsDelete(task, context);
        if (!request) return;
        const { template } = request.url;
        // Another service's `/crm/v1/` is not Zoho's to route: only a Zoho API host (or one not known here) is judged.
        const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(template.text)?.[1];
        if (host !== undefined && !host.includes(HOLE) && !isZohoApiHost(host)) return;
        reportStraySlashes(request, template, report, context.file.text, task.span);
        const at = request.url.crmAt;
        const version = request.url.version;
        const crm = template.text.slice(at + 1, at + 4);
        if (crm === 'crm' && CRM_API_VERSIONS.has(version)) return;
        const from = at + 1;
        const to = request.url.versionAt + version.length;
        const span = template.span(from, to);
        const meant = meantVersion(version);
        const written = template.text.slice(from, to);
        const fixed = meant ? `crm/${meant}` : undefined;
        const exact = context.file.text.slice(span.start, span.end) === written && inside(span, task.span);
        report({
          span,
          message: `Zoho does not route \`/${written}/\`, so it answers INVALID_URL_PATTERN (404) and deletes nothing: ${
            fixed ? `write \`/${fixed}/\`` : 'use a version Zoho serves (v2 to v8; v7 is current)'
          }.`,
          ...(fixed && exact ? { fix: { span, text: fixed } } : {}),
        });
      },
    };
  },
};

/**
 * A `/` at the end of the path or one of two in a row: the path is not one of the page's two forms, and the sandbox
 * answers INVALID_URL_PATTERN (404). The message shows the path without it; the fix removes it.
 */
function reportStraySlashes(request: RecordsDelete, template: Template, report: RuleContext['report'], source: string, taskSpan: Span): void {
  if (request.straySlashes.length === 0) return;
  const start = Math.min(request.url.crmAt, request.url.pathAt ?? request.url.crmAt);
  const end = request.straySlashes.reduce((last, slash) => Math.max(last, slash.to), (request.recordId ?? request.module).to);
  const stray = new Set(request.straySlashes.map((slash) => slash.from));
  let meant = '';
  for (let i = start; i < end; i++) if (!stray.has(i)) meant += template.text[i];
  const written = shown(shortened(template.text.slice(start, end)));
  const fixed = shown(shortened(meant));
  // One report for each run of slashes in a row (`/crm/v7////Leads`): one a slash made the output grow with the square
  // of the run, each message quoting the whole path.
  const runs: (typeof request.straySlashes)[number][][] = [];
  for (const slash of request.straySlashes) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1]!.to === slash.from) run.push(slash);
    else runs.push([slash]);
  }
  for (const run of runs) {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const span = { start: first.span.start, end: last.span.end };
    const atEnd = last.from === end - 1;
    const exact = source.slice(span.start, span.end) === '/'.repeat(run.length) && inside(span, taskSpan);
    const what = atEnd ? (run.length === 1 ? 'a `/` at its end' : `${run.length} \`/\` at its end`) : run.length === 1 ? 'an empty segment (`//`)' : `${run.length} empty segments (${run.length + 1} \`/\` in a row)`;
    report({
      span,
      message: `${written} has ${what}, which no Delete Records URL has (\`/{module}?ids=…\` or \`/{module}/{record_id}\`), so it is answered INVALID_URL_PATTERN (404) and nothing is deleted: write ${fixed}.`,
      ...(exact ? { fix: { span, text: '' } } : {}),
    });
  }
}

/** A path quoted in a message: its middle left out past 80 characters (a run of slashes made it any length). */
function shortened(path: string): string {
  return path.length <= 80 ? path : `${path.slice(0, 40)}…${path.slice(-39)}`;
}

/**
 * Whether a fix's text lies in the request itself. A text the URL takes from a variable (`base = "…/Leads/";`) may be
 * other requests' too (`base + recordId`): rewritten, it would break them. Such a problem is reported without a fix.
 */
function inside(span: Span, taskSpan: Span): boolean {
  return span.start >= taskSpan.start && span.end <= taskSpan.end;
}

/** The version meant by one written in capitals or with a `.0` (`V7`, `v7.0`), when Zoho serves it. */
function meantVersion(version: string): string | undefined {
  const lower = version.toLowerCase().replace(/\.0$/, '');
  return CRM_API_VERSIONS.has(lower) ? lower : undefined;
}
