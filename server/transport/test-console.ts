import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../config';
import { startConsole, type RunningConsole } from '../http-server';
import { quietLogger } from '../logger';

/**
 * For integration tests: the real console (real session host, real PTYs, real sockets)
 * without Next, on 127.0.0.1 and an ephemeral port, with a temp data dir. The session
 * layer runs inline unless `env` says AXIOM_PTY_HOST: 'process'.
 */
export const TEST_TOKEN = 'integration-test-token-0123456789abcdef';

export interface TestConsole extends RunningConsole {
  dataDir: string;
  /** The Host header the console accepts. */
  hostHeader: string;
  stop(): Promise<void>;
}

export async function startTestConsole(
  env: Record<string, string> = {},
  files: Record<string, string> = {},
  options: { prepare?: (dataDir: string) => void } = {},
): Promise<TestConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'axiom-test-'));
  // What a previous console left in the data folder (a store, recordings), made by the test.
  options.prepare?.(join(dataDir, 'data'));
  // Files the console reads at start (e.g. steering.json), relative to its data folder.
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dataDir, 'data'), { recursive: true });
    writeFileSync(join(dataDir, 'data', name), content);
  }
  const config = parseConfig({
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      AXIOM_TOKEN: TEST_TOKEN,
      AXIOM_DATA_DIR: join(dataDir, 'data'),
      AXIOM_KILL_GRACE_MS: '500',
      // Tests never reach a provider, whatever credentials this machine has.
      AXIOM_AGENT_MODEL: 'scripted',
      // The session layer in this process: fast, and nothing outlives the test. Tests of
      // the pty host itself pass AXIOM_PTY_HOST: 'process'.
      AXIOM_PTY_HOST: 'inline',
      ...env,
    },
    argv: [],
  });
  const running = await startConsole({ config, next: false, printUrl: false, log: quietLogger });
  return {
    ...running,
    dataDir: config.dataDir,
    hostHeader: `127.0.0.1:${running.port}`,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A plain node:http request: full control over Host, Origin and body framing. */
export function rawRequest(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = request(
      { host: '127.0.0.1', port: req.port, method: req.method ?? 'GET', path: req.path, headers: req.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          if ((res.headers['content-type'] ?? '').includes('application/json')) json = JSON.parse(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
