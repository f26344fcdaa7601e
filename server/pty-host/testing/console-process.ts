import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostPaths, pidAlive, readPid } from '../host-files';
import { WEB_V8_FLAGS } from '../../process-memory';
import { until } from './until';

/**
 * A console in its own process, for tests and benches that kill it with real signals or
 * measure its memory apart from their own. Two ways to start it:
 * - 'api': console-entry.ts (no dashboard) through the tsx loader: starts in about a
 *   second; the fault tests and the restart bench.
 * - 'dashboard': scripts/start.mjs --no-build, exactly as `npm start` runs it (needs a
 *   built .next); the benches that drive the dashboard in a browser.
 */
export const PROCESS_TOKEN = 'fault-test-token-0123456789abcdef';

export interface ConsoleProcess {
  /** The web server's pid (for start.mjs too: it runs the server in its own process). */
  pid: number;
  /** e.g. http://127.0.0.1:41234 (no path, no token). */
  origin: string;
  token: string;
  dataDir: string;
  /** performance.now() when the console printed its URL (it is listening). */
  readyAtMs: number;
  /** Resident set size of the console: the web server plus its pty host (which holds the
   * PTYs, replay rings and mirrors), in bytes (Linux, from /proc); 0 for one that exited. */
  rssBytes(): number;
  /** Kill -9, and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful shutdown), and wait for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** What it wrote to stderr (for a failing test's message). */
  stderr(): string;
}

export interface StartConsoleOptions {
  dataDir: string;
  /** Default 0: the console picks a free port (read back from the URL it prints). */
  port?: number;
  /** Default 'api'. */
  entry?: 'api' | 'dashboard';
  /** Added to (and overriding) the defaults below. */
  env?: Record<string, string>;
  /** Also copy its stderr to ours as it comes (a bench's progress log). */
  echoStderr?: boolean;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const TIMING = {
  /** Up to the URL line: node + tsx + the pty host; the dashboard adds loading Next's
   * build, several seconds on a loaded machine. */
  startTimeoutMs: { api: 30_000, dashboard: 60_000 },
  /** After SIGTERM: past the kill grace of its agents (500 ms here) and the store's close,
   * a console still running is hung; SIGKILL it so a test or bench never waits forever. */
  stopTimeoutMs: 10_000,
} as const;

export async function startConsoleProcess(options: StartConsoleOptions): Promise<ConsoleProcess> {
  const entry = options.entry ?? 'api';
  const args =
    entry === 'api'
      ? ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./console-entry.ts', import.meta.url))]
      : [...WEB_V8_FLAGS, join(ROOT, 'scripts', 'start.mjs'), '--no-build'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      AXIOM_TOKEN: PROCESS_TOKEN,
      AXIOM_DATA_DIR: options.dataDir,
      // start.mjs turns the demo on unless told otherwise: no demo sessions in a measurement.
      AXIOM_DEMO: '0',
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
    if (options.echoStderr === true) process.stderr.write(`[console] ${d.toString()}`);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = await readOrigin(child, exited, () => err, TIMING.startTimeoutMs[entry]);
  const readyAtMs = performance.now();
  const pid = child.pid as number;
  const token = options.env?.AXIOM_TOKEN ?? PROCESS_TOKEN;
  return {
    pid,
    origin,
    token,
    dataDir: options.dataDir,
    readyAtMs,
    stderr: () => err,
    rssBytes() {
      const hostPid = ptyHostPid(options.dataDir);
      return rssOf(pid) + (hostPid === undefined ? 0 : rssOf(hostPid));
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMING.stopTimeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The origin from the URL line the console prints once it listens. */
function readOrigin(child: ChildProcess, exited: Promise<number | null>, stderr: () => string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start in ${timeoutMs} ms: ${stderr()}`)), timeoutMs);
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /Axiom Console: (http:\/\/[^/\s]+)\//.exec(out);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      // Stop collecting (the pipe is still drained, so the console never blocks on it).
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`console exited at start (${code}): ${stderr()}`));
    });
  });
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

/** A fault test's end: stops its console (the default stop ends every agent and the pty
 * host), waits for that host to be gone, and removes the data folder. */
export async function stopAndRemove(running: ConsoleProcess | undefined, dataDir: string): Promise<void> {
  const hostPid = ptyHostPid(dataDir);
  await running?.stop();
  if (hostPid !== undefined) await until(() => !pidAlive(hostPid), 5000, 'the pty host to exit');
  rmSync(dataDir, { recursive: true, force: true });
}

/** The pid of the data folder's pty host, from its pid file. */
export function ptyHostPid(dataDir: string): number | undefined {
  return readPid(hostPaths(dataDir));
}

/** Linux: open file descriptors and resident memory of a process, from /proc. */
export function processFootprint(pid: number): { fds: number; rssBytes: number } {
  return { fds: readdirSync(`/proc/${pid}/fd`).length, rssBytes: readRssBytes(pid) };
}

function readRssBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

function rssOf(pid: number): number {
  try {
    return readRssBytes(pid);
  } catch (error) {
    // The process has exited (its /proc entry is gone): it holds no memory.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
