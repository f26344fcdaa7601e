import type { MirrorId, MirrorScreen, ParsedReport } from './mirror-protocol';
import type { MirrorOpenSpec, MirrorWorkerClient } from './mirror-worker-client';

export type { MirrorScreen } from './mirror-protocol';

export interface TerminalMirrorOptions {
  /** The host's one mirror worker. */
  worker: MirrorWorkerClient;
  cols: number;
  rows: number;
  scrollbackLines: number;
  /** Offset in the session's stream of the first byte this mirror will parse. */
  startSeq?: number;
  /** The terminal's answers to queries (DA, DSR, XTVERSION…): written back to the PTY. */
  onReply: (data: string) => void;
  /** Called when the worker reports progress, with the new parsed offset. */
  onParsed: (parsedSeq: number) => void;
  /** The bytes to rebuild from after a worker crash: the session's replay ring. */
  rebuildSource: () => { startSeq: number; bytes: Uint8Array };
}

/** A snapshot of the terminal, exact at `seq`. */
export interface MirrorSnapshot {
  seq: number;
  cols: number;
  rows: number;
  data: string;
}

/**
 * The server's headless copy of a session's terminal: the source of snapshots and of the
 * screen text, and the only responder to terminal queries (browsers swallow them), so each
 * query is answered once whatever the number of viewers.
 *
 * A thin main-thread proxy: the xterm Terminal lives in the host's mirror worker
 * (mirror-worker.ts, ADR 0004). Writes, resizes and reads are posted in order; the worker
 * reports the parsed offset and bracketed paste mode, so those read synchronously here.
 */
export class TerminalMirror {
  private readonly mid: MirrorId;
  private parsed: number;
  private written: number;
  private cols: number;
  private rows: number;
  private bracketedPaste = false;
  /** The worker is gone for good: nothing parses, so nothing may hold the PTY back. */
  private lost = false;
  private disposed = false;

  constructor(private readonly opts: TerminalMirrorOptions) {
    this.parsed = opts.startSeq ?? 0;
    this.written = this.parsed;
    this.cols = opts.cols;
    this.rows = opts.rows;
    this.mid = opts.worker.open(
      {
        onParsed: (r) => this.onParsed(r),
        onReply: (data) => {
          if (!this.disposed) opts.onReply(data);
        },
        reopenSpec: () => this.reopenSpec(),
        onLost: () => {
          this.lost = true;
          if (!this.disposed) opts.onParsed(this.parsedSeq);
        },
      },
      { cols: this.cols, rows: this.rows, scrollbackLines: opts.scrollbackLines, startSeq: this.parsed },
    );
  }

  /** Offset up to which the worker reported every byte parsed (M in ADR 0001). */
  get parsedSeq(): number {
    return this.lost ? this.written : this.parsed;
  }

  /** Offset up to which bytes were handed to the mirror. */
  get writtenSeq(): number {
    return this.written;
  }

  /** As of `parsedSeq`. */
  get bracketedPasteMode(): boolean {
    return this.bracketedPaste;
  }

  /** One message per call: the session calls this once per batcher flush. */
  write(data: Uint8Array): void {
    if (this.disposed || data.byteLength === 0) return;
    this.written += data.byteLength;
    this.opts.worker.write(this.mid, data);
  }

  /** Applied in the worker after every byte written before it. */
  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    this.cols = cols;
    this.rows = rows;
    this.opts.worker.resize(this.mid, cols, rows);
  }

  /** The screen and scrollback as VT sequences, exact at the returned `seq` (everything
   * written before this call, at least). */
  async serialize(): Promise<MirrorSnapshot> {
    const { seq, state } = await this.opts.worker.serialize(this.mid);
    return { seq, ...state };
  }

  async screen(): Promise<MirrorScreen> {
    return (await this.opts.worker.screen(this.mid)).screen;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.opts.worker.close(this.mid);
  }

  private onParsed(r: ParsedReport): void {
    if (this.disposed || r.seq < this.parsed) return;
    this.parsed = r.seq;
    this.bracketedPaste = r.bracketedPaste;
    this.opts.onParsed(this.parsed);
  }

  private reopenSpec(): MirrorOpenSpec {
    const { startSeq, bytes } = this.opts.rebuildSource();
    // Parsed restarts at the ring's start: the lag check pauses the PTY until the rebuild
    // has caught up, as for any lag.
    this.parsed = startSeq;
    return { cols: this.cols, rows: this.rows, scrollbackLines: this.opts.scrollbackLines, startSeq, replay: bytes };
  }
}
