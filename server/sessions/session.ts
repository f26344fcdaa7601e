import path from 'node:path';
import type { SessionId } from '../../protocol/ids';
import type { AttachReply } from '../../protocol/events';
import { INTERRUPT_BYTES, type CreateSessionRequest, type InterruptKey, type SessionInfo, type SessionStatus } from '../../protocol/session';
import { PtyProcess, type PtyExit } from '../pty/pty-process';
import { encodeInjection } from './input-encoding';
import { settleAfterInterrupt } from './interrupt-settle';
import { restartMarker } from './restart-marker';
import type { SessionLimits } from './session-options';
import type { HostEvent, ViewerId } from './session-host';
import type { MirrorWorkerClient } from './mirror-worker-client';
import type { SessionTap } from './session-tap';
import type { MirrorScreen } from './terminal-mirror';
import { SessionOutput, type StreamState } from './session-output';

export interface SessionOptions {
  id: SessionId;
  request: CreateSessionRequest & { cwd: string; interruptKey: InterruptKey };
  limits: SessionLimits;
  /** The host's one mirror worker, where this session's terminal is parsed. */
  mirrorWorker: MirrorWorkerClient;
  emit: (event: HostEvent) => void;
  /** Sees the output stream in order (the recorder); optional. */
  tap?: SessionTap;
  now: () => number;
  logError: (message: string, detail: unknown) => void;
}

/** One session: a process in a PTY (replaced on restart), its input, and its output path
 * (session-output.ts: batcher, replay ring, mirror, viewers), which outlives each process. */
export class Session {
  readonly id: SessionId;
  private pty: PtyProcess | null = null;
  private interruptedAtMs = Number.NEGATIVE_INFINITY;
  private status: SessionStatus = 'starting';
  private exit: PtyExit | null = null;
  private exitedAt: number | null = null;
  private generation = 1;
  private cols: number;
  private rows: number;
  private readonly createdAt: number;
  private readonly output: SessionOutput;
  /** Kill, restart and remove run one at a time per session. */
  private lifecycle: Promise<unknown> = Promise.resolve();

  /** Spawns the process; throws when it cannot be forked. */
  constructor(private readonly opts: SessionOptions) {
    this.id = opts.id;
    this.cols = opts.request.cols;
    this.rows = opts.request.rows;
    this.createdAt = opts.now();
    this.output = new SessionOutput({
      id: this.id,
      cols: this.cols,
      rows: this.rows,
      limits: opts.limits,
      mirrorWorker: opts.mirrorWorker,
      emit: opts.emit,
      tap: opts.tap,
      logError: opts.logError,
      pty: () => this.pty,
      isLive: () => this.isLive,
      generation: () => this.generation,
    });
    try {
      this.spawn();
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  get isLive(): boolean {
    return this.status !== 'exited';
  }

  info(): SessionInfo {
    const r = this.opts.request;
    return {
      id: this.id,
      name: r.name ?? path.basename(r.command),
      command: r.command,
      args: [...r.args],
      cwd: r.cwd,
      status: this.status,
      pid: this.pty?.pid ?? null,
      exitCode: this.exit?.exitCode ?? null,
      signal: this.exit?.signal ?? null,
      cols: this.cols,
      rows: this.rows,
      interruptKey: r.interruptKey,
      createdAt: this.createdAt,
      exitedAt: this.exitedAt,
      generation: this.generation,
      outputBytes: this.output.end,
    };
  }

  streamState(): StreamState {
    return this.output.streamState();
  }

  /** Exact once the mirror parsed every byte output before this call. */
  screen(): Promise<MirrorScreen> {
    return this.output.screen();
  }

  /** Returns false when the process has exited (nothing written). */
  input(data: string): boolean {
    return this.isLive && this.pty !== null && this.pty.write(data);
  }

  async inject(text: string, submit: boolean): Promise<boolean> {
    await settleAfterInterrupt({ interruptedAtMs: this.interruptedAtMs, lastOutputAtMs: () => this.output.lastOutputAtMs });
    if (!this.isLive) return false;
    if (text !== '' && !this.input(encodeInjection(text, this.output.bracketedPasteMode))) return false;
    if (!submit) return true;
    await new Promise((r) => setTimeout(r, this.opts.limits.injectSubmitDelayMs));
    return this.input('\r');
  }

  interrupt(): InterruptKey | null {
    const key = this.opts.request.interruptKey;
    if (!this.input(INTERRUPT_BYTES[key])) return null;
    this.interruptedAtMs = performance.now();
    return key;
  }

  /** Latest active viewer wins: whoever resizes sets the PTY size for everyone. */
  resize(cols: number, rows: number): SessionInfo {
    if (cols !== this.cols || rows !== this.rows) {
      this.cols = cols;
      this.rows = rows;
      this.output.resize(cols, rows);
      this.pty?.resize(cols, rows);
      this.tapCall((t) => t.resized(this.id, cols, rows));
      this.emitUpdated();
    }
    return this.info();
  }

  attach(viewerId: ViewerId, fromSeq: number | undefined): AttachReply {
    const mode = this.output.attach(viewerId, fromSeq);
    return { info: this.info(), mode };
  }

  detach(viewerId: ViewerId): boolean {
    return this.output.detach(viewerId);
  }

  ack(viewerId: ViewerId, seq: number): void {
    this.output.fanout.ack(viewerId, seq);
  }

  setViewerPriority(viewerId: ViewerId, priority: 'interactive' | 'background'): void {
    this.output.fanout.setPriority(viewerId, priority);
  }

  /** Unacked bytes of one viewer (undefined if not attached). */
  viewerInFlight(viewerId: ViewerId): number | undefined {
    return this.output.fanout.inFlight(viewerId);
  }

  /** Graceful kill of the whole tree; also sweeps stragglers of an exited process. */
  kill(graceMs = this.opts.limits.killGraceMs): Promise<SessionInfo> {
    return this.serial(async () => {
      if (this.pty) await this.pty.kill(graceMs);
      return this.info();
    });
  }

  /** Same id and size, a new process; sequence numbers continue. */
  restart(): Promise<SessionInfo> {
    return this.serial(async () => {
      if (this.pty && !this.pty.exited) await this.pty.kill(this.opts.limits.killGraceMs);
      this.generation += 1;
      this.output.push(restartMarker(this.generation));
      this.output.flush();
      this.spawn();
      return this.info();
    });
  }

  /** Stops output processing and forgets viewers; the caller killed the process first. */
  dispose(): void {
    this.output.dispose();
    this.tapCall((t) => t.closed(this.id));
  }

  private spawn(): void {
    const r = this.opts.request;
    const pty: PtyProcess = new PtyProcess({
      command: r.command,
      args: r.args,
      cwd: r.cwd,
      env: r.env,
      cols: this.cols,
      rows: this.rows,
      killGraceMs: this.opts.limits.killGraceMs,
      logError: this.opts.logError,
      onData: (d) => {
        if (this.pty === pty) this.output.push(d);
      },
      onExit: (e) => {
        if (this.pty === pty) this.onExit(e);
      },
    });
    this.pty = pty;
    this.exit = null;
    this.exitedAt = null;
    this.status = 'running';
    this.tapCall((t) => t.started(this.info()));
    this.emitUpdated();
  }

  private onExit(exit: PtyExit): void {
    // Every byte was delivered before the exit (PtyProcess guarantees it): flush them first.
    this.output.flush();
    this.exit = exit;
    this.exitedAt = this.opts.now();
    this.status = 'exited';
    this.tapCall((t) => t.exited(this.id));
    this.emitUpdated();
    this.output.exited();
  }

  /** A failing tap (the recorder) is logged and otherwise ignored: it must never stop the session. */
  private tapCall(call: (tap: SessionTap) => void): void {
    const tap = this.opts.tap;
    if (!tap) return;
    try {
      call(tap);
    } catch (e) {
      this.opts.logError('session tap failed', e);
    }
  }

  private emitUpdated(): void {
    this.opts.emit({ type: 'session:updated', info: this.info() });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(fn, fn);
    // The caller gets `run` and its error; the chain only needs to know it settled.
    this.lifecycle = run.catch(() => undefined);
    return run;
  }
}
