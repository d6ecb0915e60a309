// `npm run demo`: what the toolkit does today, on the examples and on Zoho's Delete Records docs sample.
// (When the runner lands, this runs the docs sample against the built-in CRM sandbox instead.)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const run = (args) => execFileSync(process.execPath, ['bin/deluge.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const examples = readdirSync('examples').filter((f) => f.endsWith('.dg')).map((f) => `examples/${f}`);

console.log(`$ deluge check examples/*.dg`);
try {
  run(['check', ...examples]);
  console.log(`  ${examples.length} scripts, no syntax errors\n`);
} catch (error) {
  console.log(error.stdout);
  process.exit(1);
}

const pasted = 'examples/delete-records-docs-pasted.dg';
console.log(`$ cat ${pasted}    # as copied from Zoho's Delete Records page`);
console.log(readFileSync(pasted, 'utf8').replace(/^/gm, '  '));
console.log(`$ deluge parse ${pasted}    # docs artefacts detected and removed; the request it describes:`);
const ast = JSON.parse(run(['parse', pasted]));
const assignment = ast.body[0];
const task = assignment.value;
console.log(`  ${assignment.target.name} = ${task.rawName} [`);
for (const p of task.params) console.log(`    ${p.key}: ${p.value.raw ?? p.value.name}`);
console.log('  ];');
const info = ast.body[1];
console.log(`  ${info.kind === 'InfoStmt' ? `info ${info.value.name};` : ''}`);
