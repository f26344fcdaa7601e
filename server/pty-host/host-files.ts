import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';

/**
 * Where the pty host of a data folder lives: `<dataDir>/pty-host/` (0700) holding
 * `host.sock` (the Unix socket, 0600), `host.pid`, `host.secret` (0600) and `host.log`.
 * Both sides derive the paths from the data folder alone, so a restarted web server
 * finds the host its predecessor started.
 */
export interface HostPaths {
  dir: string;
  socket: string;
  pid: string;
  secret: string;
  log: string;
}

/** sun_path is 108 bytes on Linux (104 on macOS); past this the socket cannot be bound. */
const MAX_SOCKET_PATH_BYTES = 100;
/** 32 random bytes, hex: as strong as the console's own token. */
const SECRET_BYTES = 32;

export function hostPaths(dataDir: string): HostPaths {
  const dir = join(dataDir, 'pty-host');
  let socket = join(dir, 'host.sock');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH_BYTES) {
    // A deep data folder: the socket goes to a private folder under the temp dir, named
    // by the data folder so each console still finds its own host.
    const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
    socket = join(tmpdir(), `axiom-pty-${userInfo().uid}-${hash}`, 'host.sock');
  }
  return { dir, socket, pid: join(dir, 'host.pid'), secret: join(dir, 'host.secret'), log: join(dir, 'host.log') };
}

/** Makes the folders (0700, and 0700 again if they existed with looser modes). */
export function ensureHostDirs(paths: HostPaths): void {
  for (const dir of new Set([paths.dir, join(paths.socket, '..')])) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
}

/** A fresh secret, written 0600 through a rename so a reader never sees half of it. */
export function writeSecret(paths: HostPaths): string {
  const secret = randomBytes(SECRET_BYTES).toString('hex');
  writeFileAtomic(paths.secret, secret, 0o600);
  return secret;
}

export function readSecret(paths: HostPaths): string | undefined {
  try {
    return readFileSync(paths.secret, 'utf8').trim();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export function writePid(paths: HostPaths, pid: number): void {
  writeFileSync(paths.pid, `${pid}\n`, { mode: 0o600 });
}

export function readPid(paths: HostPaths): number | undefined {
  try {
    const pid = Number(readFileSync(paths.pid, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** True while a process with this pid exists (ours: same user, so signal 0 is allowed). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: no such process. EPERM would mean another user's process took the pid: not ours.
    return false;
  }
}

/** Removes the socket, pid and secret files of a host that is gone (the log stays). */
export function removeHostFiles(paths: HostPaths, ownerPid?: number): void {
  if (ownerPid !== undefined && readPid(paths) !== ownerPid) return;
  for (const file of [paths.socket, paths.pid, paths.secret]) rmSync(file, { force: true });
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
