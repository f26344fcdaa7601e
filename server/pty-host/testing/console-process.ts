import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { hostPaths, readPid } from '../host-files';

/**
 * A console (console-entry.ts) in its own process, started the way npm start starts it
 * (node + tsx loader), for tests and benches that kill it with real signals.
 */
export const PROCESS_TOKEN = 'fault-test-token-0123456789abcdef';

export interface ConsoleProcess {
  pid: number;
  origin: string;
  port: number;
  /** performance.now() when the console printed its URL (it is listening). */
  readyAtMs: number;
  /** Kill -9, and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful shutdown), and wait for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** What it wrote to stderr (for a failing test's message). */
  stderr(): string;
}

const START_TIMEOUT_MS = 30_000;

export async function startConsoleProcess(options: { dataDir: string; port: number; env?: Record<string, string> }): Promise<ConsoleProcess> {
  const entry = fileURLToPath(new URL('./console-entry.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), entry], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      AXIOM_TOKEN: PROCESS_TOKEN,
      AXIOM_DATA_DIR: options.dataDir,
      AXIOM_AGENT_MODEL: 'scripted',
      AXIOM_PTY_HOST: 'process',
      AXIOM_KILL_GRACE_MS: '500',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start: ${err}`)), START_TIMEOUT_MS);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Axiom Console: (http:\/\/[^/\s]+)\//.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`console exited at start (${code}): ${err}`));
    });
  });
  const readyAtMs = performance.now();
  const pid = child.pid as number;
  return {
    pid,
    origin,
    port: options.port,
    readyAtMs,
    stderr: () => err,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A port free right now (the console binds it twice: before and after its restart). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The pid of the data folder's pty host, from its pid file. */
export function ptyHostPid(dataDir: string): number | undefined {
  return readPid(hostPaths(dataDir));
}

/** Linux: open file descriptors and resident memory of a process, from /proc. */
export function processFootprint(pid: number): { fds: number; rssBytes: number } {
  const fds = readdirSync(`/proc/${pid}/fd`).length;
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { fds, rssBytes: kb * 1024 };
}
