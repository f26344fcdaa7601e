import type { SessionId } from '../../protocol/ids';
import type { AttachReply, ScreenSnapshot } from '../../protocol/events';
import { ExitRingRelease } from './exit-ring-release';
import { OutputBatcher } from './output-batcher';
import { ReplayRing } from './replay-ring';
import type { SessionLimits } from './session-options';
import type { HostEvent, ViewerId } from './session-host';
import type { MirrorWorkerClient } from './mirror-worker-client';
import type { SessionTap } from './session-tap';
import { TerminalMirror, type MirrorScreen } from './terminal-mirror';
import { ViewerFanout } from './viewer-fanout';

/** What the output path needs of the session's current process. */
export interface OutputPty {
  readonly isPaused: boolean;
  pause(): void;
  resume(): void;
  /** Answers to terminal queries, from the mirror. */
  write(data: string): boolean;
}

export interface SessionOutputOptions {
  id: SessionId;
  cols: number;
  rows: number;
  limits: SessionLimits;
  mirrorWorker: MirrorWorkerClient;
  emit: (event: HostEvent) => void;
  tap?: SessionTap;
  logError: (message: string, detail: unknown) => void;
  /** The current generation's process; null before the first spawn. */
  pty: () => OutputPty | null;
  isLive: () => boolean;
  generation: () => number;
}

/** Counters of the output path, for stats, benches and tests. */
export interface StreamState {
  /** Bytes of output so far (the next sequence number). */
  emittedSeq: number;
  /** Bytes the mirror has parsed (M in ADR 0001). */
  mirrorParsedSeq: number;
  /** Oldest offset still in the replay ring. */
  ringStartSeq: number;
  /** True while the PTY is paused because the mirror lags. */
  ptyPaused: boolean;
  viewers: number;
}

/**
 * One session's output path (ADR 0001): PTY bytes are batched, appended to the replay
 * ring, handed to the recorder, posted to the mirror and pumped to every viewer within
 * its window. It outlives the session's processes: sequence numbers run on across
 * restarts.
 */
export class SessionOutput {
  private readonly ring: ReplayRing;
  private readonly mirror: TerminalMirror;
  private readonly batcher: OutputBatcher;
  /** The viewers: acks, priorities and windows go to it directly. */
  readonly fanout: ViewerFanout;
  private readonly exitRing: ExitRingRelease;

  constructor(private readonly opts: SessionOutputOptions) {
    const l = opts.limits;
    this.ring = new ReplayRing({ capacityBytes: l.replayBytes });
    this.mirror = new TerminalMirror({
      worker: opts.mirrorWorker,
      cols: opts.cols,
      rows: opts.rows,
      scrollbackLines: l.scrollbackLines,
      onReply: (data) => opts.pty()?.write(data),
      onParsed: () => this.updateMirrorLag(),
      rebuildSource: () => this.exitRing.rebuildSource(),
    });
    this.batcher = new OutputBatcher({ maxPendingBytes: l.batchMaxBytes, onFlush: (b) => this.onBatch(b) });
    this.fanout = new ViewerFanout({
      sessionId: opts.id,
      ring: this.ring,
      limits: { windowBytes: l.windowBytes, backgroundWindowBytes: l.backgroundWindowBytes, maxFrameBytes: l.maxFrameBytes },
      emit: opts.emit,
      takeSnapshot: () => this.snapshot(),
      logError: opts.logError,
      afterPump: () => this.exitRing.releaseIfDone(),
    });
    this.exitRing = new ExitRingRelease({
      ring: this.ring,
      serialize: () => this.mirror.serialize(),
      readsRing: () => this.fanout.readsRing(),
      isLive: opts.isLive,
      generation: opts.generation,
    });
  }

  /** Bytes of output so far, across every generation. */
  get end(): number {
    return this.ring.end;
  }

  get lastOutputAtMs(): number {
    return this.batcher.lastFlushAtMs;
  }

  get bracketedPasteMode(): boolean {
    return this.mirror.bracketedPasteMode;
  }

  streamState(): StreamState {
    return {
      emittedSeq: this.ring.end,
      mirrorParsedSeq: this.mirror.parsedSeq,
      ringStartSeq: this.ring.start,
      ptyPaused: this.opts.pty()?.isPaused ?? false,
      viewers: this.fanout.size,
    };
  }

  push(chunk: Uint8Array): void {
    this.batcher.push(chunk);
  }

  /** Sends what the batcher holds now (before an exit, a restart marker's generation). */
  flush(): void {
    this.batcher.flush();
  }

  /** Bytes still in the batcher were laid out at the old size: the mirror parses them
   * before it resizes. */
  resize(cols: number, rows: number): void {
    this.batcher.flush();
    this.mirror.resize(cols, rows);
  }

  /** Exact once the mirror parsed every byte output before this call. */
  screen(): Promise<MirrorScreen> {
    return this.mirror.screen();
  }

  attach(viewerId: ViewerId, fromSeq: number | undefined): AttachReply['mode'] {
    return this.fanout.attach(viewerId, fromSeq);
  }

  detach(viewerId: ViewerId): boolean {
    const was = this.fanout.detach(viewerId);
    this.exitRing.releaseIfDone();
    return was;
  }

  /** After the process exited and its last bytes were flushed: the ring may go. */
  exited(): void {
    this.exitRing.releaseIfDone();
  }

  /** Stops batching and forgets viewers and the mirror. */
  dispose(): void {
    this.batcher.dispose();
    this.fanout.clear();
    this.mirror.dispose();
  }

  private onBatch(batch: Uint8Array): void {
    this.ring.append(batch);
    this.exitRing.afterAppend();
    const tap = this.opts.tap;
    if (tap) {
      // Per batch, and never fatal: a failing tap (the recorder) is only logged.
      try {
        tap.output(this.opts.id, batch);
      } catch (e) {
        this.opts.logError('session tap failed', e);
      }
    }
    this.mirror.write(batch);
    this.updateMirrorLag();
    this.fanout.pumpAll();
  }

  /** The only reason the PTY is ever paused: the mirror (our own parser) lags. */
  private updateMirrorLag(): void {
    const pty = this.opts.pty();
    if (!pty) return;
    const lag = this.ring.end - this.mirror.parsedSeq;
    if (lag > this.opts.limits.mirrorHighWatermarkBytes) pty.pause();
    else if (pty.isPaused && lag < this.opts.limits.mirrorLowWatermarkBytes) pty.resume();
  }

  /** Exact at its `seq`, which is at least every byte output before this call. */
  private async snapshot(): Promise<ScreenSnapshot> {
    const s = await this.mirror.serialize();
    return { id: this.opts.id, seq: s.seq, cols: s.cols, rows: s.rows, data: s.data };
  }
}
