/**
 * Tunables of the session layer. Each default says why it has its value; units in names.
 */
export interface SessionLimits {
  /** Time between SIGHUP and SIGKILL on kill, restart, remove and dispose. */
  killGraceMs: number;
  /** Replay ring per session. */
  replayBytes: number;
  /** Most unacknowledged bytes in flight per viewer. */
  windowBytes: number;
  /** The window of a viewer whose pane nobody types into (viewer-flow.ts). */
  backgroundWindowBytes: number;
  /** Largest single output frame sent to a viewer. */
  maxFrameBytes: number;
  /** Batcher size cap: a batch is flushed at once past this. */
  batchMaxBytes: number;
  /** Pause the PTY when the mirror lags more than this behind the output... */
  mirrorHighWatermarkBytes: number;
  /** ...and resume it when the lag falls under this. */
  mirrorLowWatermarkBytes: number;
  /** Mirror scrollback, also what a snapshot carries. */
  scrollbackLines: number;
  /** Delay between injected text and its Enter: agent CLIs (Claude Code, Codex) treat a
   * CR arriving in the same read as the text as part of a paste, not a submit. */
  injectSubmitDelayMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  killGraceMs: 3000,
  // 16 MiB: minutes of a busy agent's output, so a reconnecting tab or a slow viewer loses
  // nothing; bounded per session, whatever the number of viewers.
  replayBytes: 16 * 1024 * 1024,
  // 2 MiB: a few frames of a flood in flight keep a fast browser busy without letting a
  // stalled one pin more than this of socket buffers.
  windowBytes: 2 * 1024 * 1024,
  // 1 MiB: a background pane is written a few times a second anyway (lib/write-
  // coalescer.ts); with 2 MiB of a flooding background pane in flight, the focused pane's
  // echo waited behind it (flood bench, second page typing, max: throttled 527-829 ->
  // 291-313 ms, stalled 380 -> 157-171 ms). 512 KiB did better still (224 / 141 ms) but
  // left too little room over the browser's 256 KiB hold: a 32 MiB cat into a background
  // pane fell off the ring once in three bench runs.
  backgroundWindowBytes: 1024 * 1024,
  // 256 KiB: big enough to be cheap per frame, small enough not to hog the socket.
  maxFrameBytes: 256 * 1024,
  // 256 KiB: a streaming batch waits a few ms (output-batcher); this caps what a flood
  // gathers in that time, and matches the largest frame a viewer is sent.
  batchMaxBytes: 256 * 1024,
  // 4 MiB / 1 MiB: the mirror parses tens of MB/s, so the PTY pauses only under a real
  // flood, and the lag (thus memory queued in xterm's write buffer) stays bounded.
  mirrorHighWatermarkBytes: 4 * 1024 * 1024,
  mirrorLowWatermarkBytes: 1024 * 1024,
  // 5000 lines: a useful history for a late viewer; a snapshot of it stays ~1 MB.
  scrollbackLines: 5000,
  injectSubmitDelayMs: 30,
};

/** The ring must hold everything the mirror may lag behind (plus a batch and a block), so
 * the mirror's parsed offset is always inside it and a snapshot can be completed. */
export function validateLimits(l: SessionLimits): void {
  const need = l.mirrorHighWatermarkBytes + 2 * l.batchMaxBytes + 64 * 1024;
  if (l.replayBytes < need) {
    throw new Error(`replayBytes (${l.replayBytes}) must be at least mirror high watermark + 2 batches + 64 KiB (${need})`);
  }
  if (l.mirrorLowWatermarkBytes >= l.mirrorHighWatermarkBytes) {
    throw new Error('mirrorLowWatermarkBytes must be below mirrorHighWatermarkBytes');
  }
  if (l.windowBytes <= 0 || l.backgroundWindowBytes <= 0 || l.maxFrameBytes <= 0 || l.batchMaxBytes <= 0) {
    throw new Error('windowBytes, backgroundWindowBytes, maxFrameBytes and batchMaxBytes must be positive');
  }
}
