import { Worker } from 'node:worker_threads';
import type { FromWorker, MirrorId, MirrorScreen, ParsedReport, SerializedState, ToWorker } from './mirror-protocol';

/** A request (snapshot, screen) waits behind the bytes posted before it; with the PTY
 * paused past the mirror high watermark (4 MiB per session) that is well under a second
 * for one session, seconds with dozens flooding at once. 10 s means "the worker is
 * stuck", and the request fails (failed:internal) instead of hanging its caller. */
const DEFAULT_MIRROR_REQUEST_TIMEOUT_MS = 10_000;

/** Restarts allowed within RESTART_WINDOW_MS: a worker that cannot even load (a broken
 * install) must not spin in a restart loop; past the budget the mirrors stay down and
 * their sessions keep running without snapshots. */
const MAX_RESTARTS_PER_WINDOW = 5;
const RESTART_WINDOW_MS = 60_000;

/** What a mirror opens with, first and again after a worker restart. */
export interface MirrorOpenSpec {
  cols: number;
  rows: number;
  scrollbackLines: number;
  startSeq: number;
  /** Parsed first with query replies muted (a rebuild from the replay ring). */
  replay?: Uint8Array;
}

/** How the client reaches one mirror's main-thread side. */
export interface MirrorHandlers {
  onParsed(report: ParsedReport): void;
  onReply(data: string): void;
  /** The worker was replaced: what to open the mirror with in the new one (best effort:
   * the ring's bytes, parsed from a blank terminal). */
  reopenSpec(): MirrorOpenSpec;
  /** The worker is gone for good: stop waiting for parsed reports. */
  onLost(): void;
}

export interface MirrorWorkerClientOptions {
  logError: (message: string, detail?: unknown) => void;
  requestTimeoutMs?: number;
  /** The worker entry; default mirror-worker.ts next to this file. */
  entry?: URL;
}

interface Pending {
  mid: MirrorId;
  resolve: (msg: FromWorker) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The main thread's side of the one mirror worker of a host: starts it on first use,
 * routes its messages to each mirror, times requests out, and replaces it if it dies.
 */
export class MirrorWorkerClient {
  private worker: Worker | undefined;
  private readonly mirrors = new Map<MirrorId, MirrorHandlers>();
  private readonly pending = new Map<number, Pending>();
  private nextMid = 1;
  private nextRid = 1;
  private restarts: number[] = [];
  private lost = false;
  private disposed = false;
  private readonly timeoutMs: number;
  private readonly entry: URL;

  constructor(private readonly opts: MirrorWorkerClientOptions) {
    this.timeoutMs = opts.requestTimeoutMs ?? DEFAULT_MIRROR_REQUEST_TIMEOUT_MS;
    this.entry = opts.entry ?? new URL('./mirror-worker.ts', import.meta.url);
  }

  /** Starts the worker now rather than on the first mirror: it takes ~250 ms (a V8
   * isolate, tsx, xterm), during which a new session's terminal queries would wait. */
  start(): void {
    if (!this.lost && !this.disposed) this.ensureWorker();
  }

  /** Registers a mirror and opens it in the worker. */
  open(handlers: MirrorHandlers, spec: MirrorOpenSpec): MirrorId {
    const mid = this.nextMid++;
    this.mirrors.set(mid, handlers);
    if (this.lost || this.disposed) handlers.onLost();
    else this.postOpen(mid, spec);
    return mid;
  }

  write(mid: MirrorId, data: Uint8Array): void {
    // A copy we own, transferred (not cloned) to the worker: the batch may be a view of a
    // node-pty buffer or of the replay ring.
    const copy = new Uint8Array(data);
    this.post({ type: 'write', mid, data: copy }, [copy.buffer]);
  }

  resize(mid: MirrorId, cols: number, rows: number): void {
    this.post({ type: 'resize', mid, cols, rows });
  }

  async serialize(mid: MirrorId): Promise<{ seq: number; state: SerializedState }> {
    const reply = await this.request(mid, (rid) => ({ type: 'serialize', mid, rid }));
    if (reply.type !== 'serialized') throw new Error(`unexpected reply ${reply.type}`);
    return { seq: reply.seq, state: reply.state };
  }

  async screen(mid: MirrorId): Promise<{ seq: number; screen: MirrorScreen }> {
    const reply = await this.request(mid, (rid) => ({ type: 'screen', mid, rid }));
    if (reply.type !== 'screen') throw new Error(`unexpected reply ${reply.type}`);
    return { seq: reply.seq, screen: reply.screen };
  }

  close(mid: MirrorId): void {
    if (!this.mirrors.delete(mid)) return;
    if (this.worker) this.post({ type: 'close', mid });
    for (const [rid, p] of this.pending) {
      if (p.mid === mid) this.settle(rid)?.reject(new Error('mirror closed'));
    }
  }

  /** Kills the worker as a crash would (for tests and diagnostics). */
  async crashWorkerForTest(): Promise<void> {
    await this.worker?.terminate();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.failPending('mirror worker disposed');
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private request(mid: MirrorId, build: (rid: number) => ToWorker): Promise<FromWorker> {
    if (this.lost || this.disposed) return Promise.reject(new Error('mirror worker unavailable'));
    if (!this.mirrors.has(mid)) return Promise.reject(new Error(`no mirror ${mid}`));
    const rid = this.nextRid++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(rid)?.reject(new Error(`mirror worker did not answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(rid, { mid, resolve, reject, timer });
      this.post(build(rid));
    });
  }

  private settle(rid: number): Pending | undefined {
    const p = this.pending.get(rid);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.pending.delete(rid);
    return p;
  }

  private failPending(reason: string): void {
    for (const rid of [...this.pending.keys()]) this.settle(rid)?.reject(new Error(reason));
  }

  private post(msg: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.lost || this.disposed) return;
    this.ensureWorker().postMessage(msg, transfer);
  }

  private postOpen(mid: MirrorId, spec: MirrorOpenSpec): void {
    const replay = spec.replay && spec.replay.byteLength > 0 ? new Uint8Array(spec.replay) : undefined;
    this.post({ type: 'open', mid, ...spec, replay }, replay ? [replay.buffer] : []);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(this.entry);
    // The PTYs keep the process alive while there is work; a forgotten host must not.
    w.unref();
    w.on('message', (msg: FromWorker) => this.onMessage(msg));
    w.on('error', (e) => this.opts.logError('mirror worker error', e));
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (!this.disposed) this.onCrash(code);
    });
    this.worker = w;
    return w;
  }

  private onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'parsed':
        for (const r of msg.reports) this.mirrors.get(r.mid)?.onParsed(r);
        return;
      case 'reply':
        this.mirrors.get(msg.mid)?.onReply(msg.data);
        return;
      case 'failed':
        this.settle(msg.rid)?.reject(new Error(msg.message));
        return;
      case 'serialized':
      case 'screen':
        this.settle(msg.rid)?.resolve(msg);
        return;
    }
  }

  /** Best effort: a new worker, each mirror rebuilt from its session's replay ring (the
   * terminal state before the ring's start is lost, and bytes cut mid-sequence at the
   * ring's start may leave a stray character). Query replies are not sent again. */
  private onCrash(code: number): void {
    this.opts.logError(`mirror worker exited (code ${code}); restarting it and rebuilding ${this.mirrors.size} mirrors`);
    this.failPending('mirror worker exited');
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS_PER_WINDOW) {
      this.opts.logError(`mirror worker died ${MAX_RESTARTS_PER_WINDOW} times within ${RESTART_WINDOW_MS} ms; mirrors stay down`);
      this.lost = true;
      for (const h of this.mirrors.values()) h.onLost();
      return;
    }
    this.restarts.push(now);
    for (const [mid, h] of this.mirrors) this.postOpen(mid, h.reopenSpec());
  }
}

/**
 * Starts the worker. From TypeScript sources (tsx in the server, vitest in tests) a
 * worker gets no TypeScript loader: neither tsx's register() in the parent (start.mjs)
 * nor vitest's transform reaches worker threads, and on Node 20 even
 * `execArgv: ['--import', 'tsx']` fails with "Unknown file extension .ts" (measured).
 * What works everywhere: a tiny ESM bootstrap that registers tsx's ESM loader inside the
 * worker, then imports the entry.
 */
function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = [
    `const { register } = await import(${JSON.stringify(tsxApi)});`,
    'register();',
    `await import(${JSON.stringify(entry.href)});`,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
}
