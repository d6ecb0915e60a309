import type { CodeInfo } from '../codes.js';

/** Codes of the http lint rules (name = rule id, severity = default). */
export const HTTP_CODES = {
  DLG5200: { name: 'invokeurl-missing-url', severity: 'error', summary: 'An `invokeurl` block with no `url`, an empty one, or one that is not an absolute http(s) URL (an `invokeapi` block without its `service` or `path`).' },
  DLG5201: { name: 'invokeurl-invalid-type', severity: 'error', summary: 'An `invokeurl` `type` that is not GET, POST, PUT, PATCH or DELETE.' },
  DLG5202: { name: 'invokeurl-unknown-key', severity: 'error', summary: 'An `invokeurl` or `invokeapi` parameter that the task does not take (a typo such as `header:`).' },
  DLG5203: { name: 'insecure-http-with-credentials', severity: 'error', summary: 'A request that sends a connection\'s token, an Authorization header or a key over plain `http://`.' },
  DLG5204: { name: 'hardcoded-credential', severity: 'error', summary: 'A token, API key or password written into the script.' },
  DLG5205: { name: 'zoho-api-without-connection', severity: 'warning', summary: 'A request to a Zoho API host (`zohoapis.*`) with no `connection` and no Authorization header.' },
  DLG5206: { name: 'mixed-crm-api-versions', severity: 'warning', summary: 'CRM REST URLs of different API versions (`/crm/v2/` and `/crm/v7/`) in one script.' },
  DLG5207: { name: 'response-unchecked', severity: 'warning', summary: 'The answer of `invokeurl`, `invokeapi` or a `zoho.crm.*` task is read without any check for an error.' },
  DLG5208: { name: 'deprecated-geturl-posturl', severity: 'warning', summary: '`getUrl`, `postUrl` or the `invokeUrl(…)` function, which Zoho deprecates in favour of the `invokeurl` task.' },
  DLG5209: { name: 'body-and-parameters', severity: 'warning', summary: '`body` and a map `parameters` in one `invokeurl`: the parameters go into the URL\'s query string, not the body.' },
  DLG5210: { name: 'invokeurl-body-conflict', severity: 'error', summary: '`body` with a text `parameters` (two bodies) or with files (a multipart request): the request cannot be built.' },
  DLG5211: { name: 'invokeurl-duplicate-key', severity: 'error', summary: 'The same `invokeurl` parameter given twice: only one of the values is used.' },
  DLG5212: { name: 'invokeurl-invalid-value', severity: 'error', summary: 'An `invokeurl` parameter whose value has the wrong type or form (`detailed: "true"`, a header name with a space, an unknown charset).' },
  DLG5213: { name: 'crm-get-records-fields', severity: 'warning', summary: 'A CRM Get Records request (API v3 or later) without `fields`, which those versions require to list a module, or with more than 50 of them.' },
} as const satisfies Record<string, CodeInfo>;
