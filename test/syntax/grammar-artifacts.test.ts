import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grammarArtifacts } from '../../scripts/grammar-artifacts.js';

describe('generated grammar files', () => {
  for (const [path, expected] of Object.entries(grammarArtifacts())) {
    it(`${path} is up to date (run \`npm run grammar\` if this fails)`, () => {
      const actual = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
      expect(actual === expected, `${path} is stale`).toBe(true);
    });
  }
});
