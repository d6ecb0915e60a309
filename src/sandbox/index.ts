/**
 * The embedded Zoho CRM sandbox: Zoho's accounts server and CRM records API (v2–v8) on node:http, for
 * `deluge sandbox`, `deluge run --sandbox` and tests. Behaviour and the admin API: docs/sandbox.md.
 */
export { startSandbox, type Sandbox, type SandboxOptions } from './server.js';
export { SANDBOX_DATA_CODES, SandboxDataError } from './persist.js';
export type { Faults } from './faults.js';
export { MAX_LATENCY_MS } from './faults.js';
export { ALL_SCOPES, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './accounts.js';
export { DEFAULT_USER_ID } from './demo-data.js';
