import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and component tests: jsdom, WXT's fake browser, fake-indexeddb. Browser tests live in
// vitest.e2e.config.ts (real Chromium) and are run by `npm test` too.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    globals: true,
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // Property tests and jsdom pages of thousands of rows share 2 cores in CI: a budget, not a timing assertion.
    testTimeout: 20_000,
  },
});
