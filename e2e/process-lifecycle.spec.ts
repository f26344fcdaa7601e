import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/e2e-env';

/**
 * `npm start` in a terminal that goes away: its output pipes break and it gets SIGHUP (or,
 * piped into a reader that quit, a later SIGTERM). The console must still shut down the
 * usual way, ending its agents, not spin on a stderr it can no longer write to.
 */
const TOKEN = 'lifecycle-token-0123456789abcdef0123';

async function startNpmStart(dataDir: string, port: number): Promise<{ child: ChildProcess; origin: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...E2E.serverEnv, PORT: String(port), AXIOM_DATA_DIR: dataDir, AXIOM_TOKEN: TOKEN, AXIOM_KILL_GRACE_MS: '500' };
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.resume();
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the console did not print its URL in 60 s')), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Axiom Console: (http:\/\/[^/\s]+)\//.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code: number | null) => reject(new Error(`the console exited (${code}) before it listened`)));
  });
  return { child, origin };
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still running'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? String(signal));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  test(`after its terminal is gone, ${signal} stops the console and its agents`, async ({ request }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'axiom-lifecycle-'));
    const port = E2E.port + 3 + (signal === 'SIGHUP' ? 1 : 0);
    const { child, origin } = await startNpmStart(dataDir, port);
    try {
      const created = await request.post(`${origin}/api/sessions`, {
        headers: { authorization: `Bearer ${TOKEN}` },
        data: { command: 'sleep', args: ['1000'], name: 'agent' },
      });
      expect(created.status()).toBe(201);
      const { pid } = ((await created.json()) as { value: { pid: number } }).value;
      expect(alive(pid)).toBe(true);
      // The terminal goes away: every later write to stdout or stderr fails with EPIPE.
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.kill(signal);
      expect(await exitOf(child, 20_000)).toBe(0);
      await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
