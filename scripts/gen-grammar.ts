import { writeFileSync } from 'node:fs';
import { grammarArtifacts } from './grammar-artifacts.js';

for (const [path, text] of Object.entries(grammarArtifacts())) {
  writeFileSync(new URL(`../${path}`, import.meta.url), text);
  console.log(`wrote ${path}`);
}
