import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser tests: real Chromium (Debian's) with the built extension (.output/chrome-mv3), fixture
// pages served under the real CRM URLs by request interception. One browser per test file.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globals: true,
    // expect.poll's own default is 1 s: too short under load for a state that arrives after a round trip
    // through the service worker (a fresh browser's first page failed that way). An explicit timeout still wins.
    expect: { poll: { timeout: 5_000 } },
  },
});
