import { defineConfig } from '@playwright/test';
import { E2E } from './e2e/fixtures/e2e-env';

// End-to-end specs drive Debian's Chromium (never a downloaded browser) against the real
// console: real server, real node-pty processes, real socket.io. One worker: the machines
// have 2 cores and every spec runs real processes.
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Per port, so two runs on one machine (different AXIOM_E2E_PORT) never clean each other's artifacts.
  outputDir: `test-results/e2e-${E2E.port}`,
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: E2E.baseUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: E2E.chromiumArgs,
    },
  },
  webServer: {
    command: 'node scripts/start.mjs --no-build',
    url: `${E2E.baseUrl}/health`,
    // /health needs the token like every route; any HTTP answer (401) proves it is up.
    ignoreHTTPSErrors: true,
    reuseExistingServer: false,
    timeout: 60_000,
    // SIGTERM, not Playwright's default SIGKILL of the process group: the agents live in a
    // detached pty host (ADR 0011) that a SIGKILL of the console leaves running on purpose;
    // the graceful stop ends them and the host.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: E2E.serverEnv,
  },
});
