import { readFileSync, readSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import * as nodePty from 'node-pty';
import { buildChildEnv } from './child-env';
import { killProcessTree, type KillTreeResult } from './kill-tree';
import { parseProcStat } from './proc-table';
import { isNodeError } from './read-proc-table';

/** Default time between SIGHUP and SIGKILL: long enough for an agent CLI to save its
 * transcript and restore the terminal, short enough that a stuck process cannot hold a
 * "kill" request for long. */
export const DEFAULT_KILL_GRACE_MS = 3000;

/** While the output stream is paused, how often we check whether the child died. node-pty
 * destroys its socket 200 ms after the child exits (DESTROY_SOCKET_TIMEOUT_MS in
 * unixTerminal.js); a paused socket would lose the bytes still in the kernel buffer, so we
 * must notice the death well inside that window and resume reading. */
const PAUSED_EXIT_POLL_MS = 20;

/** Read size when draining the master after a premature EOF: the kernel holds at most a
 * few tens of KiB per pty, so a few reads of this size empty it. */
const DRAIN_READ_BYTES = 64 * 1024;

export interface PtyExit {
  /** null when the process was killed by a signal. */
  exitCode: number | null;
  /** Signal name, e.g. 'SIGKILL'; null on a normal exit. */
  signal: string | null;
}

export interface PtySpawnOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  /** The user's entries; merged over the server's environment by buildChildEnv. */
  env?: Readonly<Record<string, string>>;
  /** Defaults to process.env; the console's AXIOM_* secrets are always removed. */
  baseEnv?: Readonly<Record<string, string | undefined>>;
  cols: number;
  rows: number;
  killGraceMs?: number;
  /** Raw bytes, never decoded here (a chunk may end inside a multi-byte character). */
  onData: (data: Uint8Array) => void;
  /** Called once, after every byte of output was delivered to onData. */
  onExit: (exit: PtyExit) => void;
  /** Where unexpected errors of this layer go (default console.error). */
  logError?: (message: string, detail: unknown) => void;
}

/**
 * One process in a pseudo-terminal. The only place that imports node-pty.
 *
 * Output reaches `onData` as bytes (`encoding: null`). `onExit` is called only after the
 * output stream has closed: node-pty 1.x already defers its exit event until its socket
 * closes, but it destroys the socket 200 ms after the child exits; if we kept the socket
 * paused across that moment the last bytes would be lost, so pause() watches for the
 * child's death and resumes reading at once when it happens.
 */
export class PtyProcess {
  readonly pid: number;
  private readonly pty: nodePty.IPty;
  private readonly rootStartTime: number | undefined;
  private readonly killGraceMs: number;
  private exitInfo: PtyExit | null = null;
  private paused = false;
  private childGone = false;
  private pausedPoll: NodeJS.Timeout | undefined;
  private killing: Promise<KillTreeResult> | undefined;
  private readonly exitWaiters: Array<(exit: PtyExit) => void> = [];

  /** Throws when node-pty cannot fork (e.g. no pty available). */
  constructor(private readonly opts: PtySpawnOptions) {
    this.killGraceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    this.pty = nodePty.spawn(opts.command, [...opts.args], {
      name: 'xterm-256color',
      cols: opts.cols,
      rows: opts.rows,
      cwd: opts.cwd,
      env: buildChildEnv({ base: opts.baseEnv ?? process.env, user: opts.env }),
      encoding: null,
    });
    this.pid = this.pty.pid;
    this.rootStartTime = readStartTime(this.pid);
    this.pty.onData((chunk: unknown) => {
      // With `encoding: null` node-pty hands out Buffers; its typings still say string.
      if (chunk instanceof Uint8Array) opts.onData(chunk);
      else if (typeof chunk === 'string') opts.onData(Buffer.from(chunk, 'utf8'));
    });
    this.pty.onExit(({ exitCode, signal }) => this.handleExit(exitCode, signal));
    const internals = unixInternals(this.pty);
    internals?.on('end', () => this.drainAfterEof(internals.fd));
  }

  get exited(): PtyExit | null {
    return this.exitInfo;
  }

  get cols(): number {
    return this.pty.cols;
  }

  get rows(): number {
    return this.pty.rows;
  }

  /** Resolves once the exit was reported (after all output). */
  whenExited(): Promise<PtyExit> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  /** Returns false (and writes nothing) once the process has exited. */
  write(data: string | Uint8Array): boolean {
    if (this.exitInfo) return false;
    this.pty.write(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return true;
  }

  resize(cols: number, rows: number): void {
    if (this.exitInfo) return;
    try {
      this.pty.resize(cols, rows);
    } catch (e) {
      // Known harmless race: the child exited and node-pty closed the master fd, but the
      // exit event has not reached us yet, so TIOCSWINSZ fails with EBADF (or EIO/ENOTTY on
      // a hung-up tty). There is no terminal left to resize.
      if (e instanceof Error && /EBADF|EIO|ENOTTY/.test(e.message)) return;
      throw e;
    }
  }

  /** Stop reading output (the kernel buffer fills and the child blocks on write). */
  pause(): void {
    if (this.paused || this.exitInfo || this.childGone) return;
    this.paused = true;
    this.pty.pause();
    this.pausedPoll = setInterval(() => {
      if (!isAlive(this.pid)) {
        // The child died while we were not reading: read everything left before node-pty
        // destroys the socket (see the class comment); never pause again.
        this.childGone = true;
        this.resume();
      }
    }, PAUSED_EXIT_POLL_MS);
  }

  resume(): void {
    if (this.pausedPoll) clearInterval(this.pausedPoll);
    this.pausedPoll = undefined;
    if (!this.paused) return;
    this.paused = false;
    if (!this.exitInfo) this.pty.resume();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * SIGHUP to the whole tree, SIGKILL after the grace time; resolves with the exit once the
   * root's exit was reported. Safe to call again or after exit (it then sweeps stragglers
   * left in the child's session).
   */
  async kill(graceMs = this.killGraceMs): Promise<PtyExit> {
    this.killing ??= killProcessTree({
      rootPid: this.pid,
      rootStartTime: this.rootStartTime,
      graceMs,
      rootExited: () => this.exitInfo !== null,
    }).finally(() => {
      this.killing = undefined;
    });
    await this.killing;
    return this.whenExited();
  }

  /**
   * libuv ends a stream when poll() reports POLLHUP after a short read (uv__stream_io: it
   * takes a partial read plus POLLHUP as EOF). On a pty master that is wrong: once the last
   * slave fd closes, POLLHUP is set while the kernel still holds output (measured: up to
   * ~14 KiB of a `cat` of 1 MiB lost at exit). The 'end' event comes before node-pty closes
   * the fd and reports the exit, so we read the rest here, synchronously, until the kernel
   * says EIO (slave closed and nothing left).
   */
  private drainAfterEof(fd: number): void {
    const buf = Buffer.allocUnsafe(DRAIN_READ_BYTES);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // EIO: everything was read and no slave is open; EAGAIN: nothing more for now (a
        // process still holds the slave — node-pty keeps reading); EBADF: already closed.
        if (isNodeError(e) && (e.code === 'EIO' || e.code === 'EAGAIN' || e.code === 'EBADF')) return;
        (this.opts.logError ?? console.error)('pty: draining output after EOF failed', e);
        return;
      }
      if (n <= 0) return;
      this.opts.onData(new Uint8Array(buf.subarray(0, n)));
    }
  }

  private handleExit(exitCode: number, signal: number | undefined): void {
    if (this.exitInfo) return;
    this.resume();
    this.exitInfo =
      signal !== undefined && signal > 0
        ? { exitCode: null, signal: signalName(signal) }
        : { exitCode, signal: null };
    this.opts.onExit(this.exitInfo);
    for (const w of this.exitWaiters.splice(0)) w(this.exitInfo);
  }
}

/** node-pty's UnixTerminal has these at runtime (its legacy EventEmitter surface, which
 * forwards to the master socket, and the master fd) but not in its typings. */
interface UnixPtyInternals {
  readonly fd: number;
  on(event: 'end', listener: () => void): void;
}

function unixInternals(p: nodePty.IPty): UnixPtyInternals | undefined {
  const c = p as unknown as Partial<UnixPtyInternals>;
  return typeof c.fd === 'number' && typeof c.on === 'function' ? (c as UnixPtyInternals) : undefined;
}

function signalName(signal: number): string {
  for (const [name, num] of Object.entries(osConstants.signals)) if (num === signal) return name;
  return `SIG${signal}`;
}

function readStartTime(pid: number): number | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.startTime;
  } catch (e) {
    // ENOENT: the child already exited (e.g. execvp failed at once); ESRCH: it exited and
    // was reaped between open and read (a `true` that is done at once, seen in the pty-host
    // spawn/exit cycles). Either way nothing to remember.
    if (isNodeError(e) && (e.code === 'ENOENT' || e.code === 'ESRCH')) return undefined;
    throw e;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // ESRCH is the answer we are asking for; EPERM would mean the pid exists (recycled).
    return !(isNodeError(e) && e.code === 'ESRCH');
  }
}
