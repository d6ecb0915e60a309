// `npm run demo`: Zoho's Delete Records sample, exactly as copied from the docs page, run against the built-in
// Zoho CRM sandbox — offline, no account — printing the response the page shows. Then the same script's request
// as --dry-run shows it, and a check of every example.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const deluge = (args) => spawnSync(process.execPath, ['bin/deluge.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const indent = (text) => text.replace(/\n$/, '').replace(/^/gm, '  ');

const pasted = 'examples/delete-records-docs-pasted.dg';
console.log(`$ cat ${pasted}    # as copied from Zoho's Delete Records page ("Copied", [\\ and \\ included)`);
console.log(indent(readFileSync(pasted, 'utf8')));

console.log(`\n$ deluge run ${pasted} --sandbox`);
const run = deluge(['run', pasted, '--sandbox']);
console.log(indent(run.stdout));
console.log(indent(run.stderr));
if (run.status !== 0) process.exit(run.status ?? 1);

console.log(`\n$ deluge run ${pasted} --dry-run    # what would be sent to Zoho, secrets redacted`);
const dry = deluge(['run', pasted, '--dry-run']);
console.log(indent(dry.stdout));
console.log(indent(dry.stderr));

const examples = readdirSync('examples').filter((f) => f.endsWith('.dg')).map((f) => `examples/${f}`);
console.log(`\n$ deluge check examples/*.dg`);
try {
  execFileSync(process.execPath, ['bin/deluge.js', 'check', ...examples], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // check prints nothing when every file parses: say what that silence means.
  console.log(`  (no output, exit 0: the ${examples.length} scripts have no syntax errors)`);
} catch (error) {
  console.log(error.stdout);
  process.exit(1);
}
