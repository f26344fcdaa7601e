import { defineConfig } from 'vitest/config';

// Unit tests (pure cores) and integration tests (real node-pty, real socket.io, real HTTP)
// live next to the code as *.test.ts. Playwright specs in e2e/ are run by `playwright test`.
export default defineConfig({
  test: {
    include: ['{server,protocol,lib,scripts,bench,scripted-model,cli}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // PTY-heavy integration tests compete for 2 cores; a bounded pool keeps timings sane.
    pool: 'forks',
    maxWorkers: 2,
  },
});
