import { defineConfig } from 'vitest/config';

/**
 * The playground's end-to-end tests: a real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against
 * the built page. `npm run test:e2e` builds the page, then runs them; `npm test` never does (vitest.config.ts
 * includes test/ only), so a machine without a browser can run the rest.
 */
export default defineConfig({
  test: {
    include: ['test-e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser, one file: nothing to gain from workers.
    fileParallelism: false,
    // expect.poll waits for the page to convert (debounced, then the emitter runs): generous for a loaded CI machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
