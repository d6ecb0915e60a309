/**
 * Each command's usage and its line in `deluge --help`. Kept apart from the commands' modules: `main` imports the
 * module of the command being run and no other (each brings its part of the library: the runner and the sandbox, the
 * linter's rules, the emitters …), and lists the rest from here.
 */
export const COMMAND_USAGE = {
  check: { command: 'check <files..>', describe: 'Parse Deluge files and report syntax errors' },
  parse: { command: 'parse <file>', describe: 'Print the AST (default) or the token stream of a Deluge file as JSON' },
  extract: { command: 'extract <file>', describe: 'Pull every Deluge and curl sample out of a docs page saved as Markdown or HTML' },
  fmt: { command: 'fmt [files..]', describe: 'Format Deluge files in the canonical style' },
  lint: { command: 'lint [files..]', describe: 'Lint Deluge files: likely bugs, unchecked responses, Delete Records pitfalls' },
  run: { command: 'run <file>', describe: 'Run a Deluge script: info lines on stdout, errors with their line on stderr' },
  emit: { command: 'emit <files..>', describe: 'Convert a script: curl commands for its requests, or a TypeScript program' },
  import: { command: 'import [command..]', describe: 'Turn a curl command (bash, cmd or PowerShell; "Copy as cURL") into a Deluge invokeurl block' },
  connections: { command: 'connections', describe: 'Show, test, refresh, add and revoke the connections of deluge.connections.json (never their secrets)' },
  sandbox: { command: 'sandbox', describe: 'Run the Zoho CRM sandbox (accounts server and CRM API) on loopback' },
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;
