import { spawn } from 'node:child_process';
import { closeSync, openSync, renameSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HostEvent } from '../sessions/session-host';
import { HostConnection } from './host-connection';
import { HOST_V8_FLAGS, hostSpawnEnv } from '../process-memory';
import { ensureHostDirs, hostPaths, pidAlive, readPid, readSecret, type HostPaths } from './host-files';
import { EXIT_ALREADY_RUNNING } from './host-protocol';
import type { HostSettings } from './host-settings';

/**
 * Finds the live pty host of a data folder, or starts one, and connects to it.
 *
 * The host is spawned with `detached: true` (setsid: its own session and process group,
 * no controlling terminal), its stdio to a log file and never to pipes of the web server,
 * and unref'd: nothing ties its life to the web server's, so a kill -9 of the web server
 * leaves it and its agents running. Like the mirror worker, it runs from TypeScript
 * sources through tsx's ESM loader, given explicitly with --import.
 */
export interface ConnectHandlers {
  onEvent: (event: HostEvent) => void;
  onClose: (connection: HostConnection) => void;
}

export interface ConnectedHost {
  connection: HostConnection;
  /** True when a host was already running (this console was restarted, or crashed). */
  adopted: boolean;
}

const TIMING = {
  /** Connect + hello to a host that is up: a local socket answers in well under 100 ms;
   * a long wait means a hung host. */
  connectTimeoutMs: 3000,
  /** Start of a new host: node + tsx + node-pty + the mirror worker, ~0.5 s on an idle
   * machine, seconds on a loaded CI box. */
  launchTimeoutMs: 20_000,
  /** Poll interval while the new host comes up. */
  pollMs: 25,
} as const;
/** The host's log is kept to about this size: rotated once at each launch past it. */
const MAX_LOG_BYTES = 1024 * 1024;

export async function connectOrLaunch(settings: HostSettings, handlers: ConnectHandlers): Promise<ConnectedHost> {
  const paths = hostPaths(settings.dataDir);
  ensureHostDirs(paths);
  const existing = await tryExisting(paths, handlers);
  if (existing !== undefined) return { connection: existing, adopted: true };
  return { connection: await launch(paths, settings, handlers), adopted: false };
}

/** Connects to the host named by the pid file, when that process is alive. */
export async function tryExisting(paths: HostPaths, handlers: ConnectHandlers): Promise<HostConnection | undefined> {
  const pid = readPid(paths);
  const secret = readSecret(paths);
  if (pid === undefined || secret === undefined || !pidAlive(pid)) return undefined;
  try {
    return await HostConnection.open({ socketPath: paths.socket, secret, timeoutMs: TIMING.connectTimeoutMs, ...handlers });
  } catch {
    // A pid file naming a live process that does not answer: a recycled pid, or a host
    // that is exiting. Either way a new host is started (it refuses to start if one
    // answers by then, and we connect to that one).
    return undefined;
  }
}

async function launch(paths: HostPaths, settings: HostSettings, handlers: ConnectHandlers): Promise<HostConnection> {
  rotateLog(paths.log);
  const entry = fileURLToPath(new URL('./host-main.ts', import.meta.url));
  const loader = entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const logFd = openSync(paths.log, 'a', 0o600);
  let exitCode: number | null | undefined;
  try {
    const child = spawn(process.execPath, [...HOST_V8_FLAGS, ...loader, entry, JSON.stringify(settings)], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: hostSpawnEnv(process.env),
    });
    child.once('exit', (code) => {
      exitCode = code;
    });
    child.unref();
  } finally {
    closeSync(logFd);
  }
  const deadline = Date.now() + TIMING.launchTimeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, TIMING.pollMs));
    if (exitCode !== undefined && exitCode !== EXIT_ALREADY_RUNNING) {
      throw new Error(`the pty host exited at start (code ${exitCode}); see ${paths.log}`);
    }
    const connection = await tryExisting(paths, handlers);
    if (connection !== undefined) return connection;
  }
  throw new Error(`the pty host did not start within ${TIMING.launchTimeoutMs} ms; see ${paths.log}`);
}

function rotateLog(path: string): void {
  try {
    if (statSync(path).size > MAX_LOG_BYTES) renameSync(path, `${path}.1`);
  } catch (error) {
    // No log yet: nothing to rotate.
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
}
