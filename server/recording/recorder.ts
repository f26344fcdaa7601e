import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionId } from '../../protocol/ids';
import type { SessionInfo } from '../../protocol/session';
import type { SessionTap } from '../sessions/session-tap';
import { CastEncoder } from './cast-encoder';
import { CastFile } from './cast-file';

/**
 * Records every session as `<dir>/<sessionId>.cast` (asciicast v2), as a SessionTap.
 *
 * The hot path (`output`) only timestamps the batch and queues it; decoding, JSON encoding
 * and the file write happen on a timer, a few times a second, one write per session. A
 * restart keeps the same file and clock, and adds a marker event ("m") at the moment the
 * new process started (the restart line the session prints is in the output as well).
 *
 * Resizes, markers, exits and removals are queued behind the output too, timestamped when
 * they happen and encoded in order with it, in the same slices: a resize during a flood
 * must not encode the flood's whole queue at once on the thread that forwards keystrokes.
 */
export interface RecorderOptions {
  /** The recordings folder (made, 0700, if missing). */
  dir: string;
  /** Per-session cap on the file's size; past it the recording ends with a cut marker. */
  maxBytes: number;
  /** For the header's env: the recording user's shell, as asciinema records it. */
  shell?: string;
  /** The TERM the sessions' processes see. */
  term: string;
  logError: (message: string, detail: unknown) => void;
  /** Milliseconds; monotonic in production, a fake in tests. */
  now?: () => number;
  /** Wall clock for the header's timestamp. */
  wallNow?: () => number;
}

export interface Recorder extends SessionTap {
  readonly dir: string;
  pathFor(id: SessionId): string;
  /** Writes whatever is queued for one session (or all) and waits for the writes. */
  flush(id?: SessionId): Promise<void>;
  /** Flushes and closes every file; later calls are ignored. */
  close(): Promise<void>;
}

export const RECORDING_TIMING = {
  /** How long output waits before it is encoded and written: large writes, few syscalls,
   * and at most this much of a recording is lost if the server is killed. */
  flushDelayMs: 200,
  /** Bytes encoded per event-loop turn (~2 ms at the encoder's ~250 MiB/s): a flood's 200 ms
   * of output is encoded in slices, so keystrokes of other sessions are not held behind it. */
  sliceBytes: 512 * 1024,
  /** Queued output past which a recording is written on the next turn instead of after
   * flushDelayMs: a flood's batches (256 KiB each) then die young. Held for 200 ms they
   * outlived the young generation, and with the lines encoded from them they piled up as
   * dead ArrayBuffers in the old one until a mark-compact: tens of MiB of the pty host's
   * RSS during a flood (ADR 0022). */
  eagerBytes: 256 * 1024,
} as const;

/** A header line stays short however long the command line is. */
const TITLE_MAX_CHARS = 200;

/** What waits to be encoded, in stream order. */
type Queued =
  | { kind: 'output'; atMs: number; data: Uint8Array }
  | { kind: 'resize'; atMs: number; cols: number; rows: number }
  | { kind: 'marker'; atMs: number; label: string }
  /** The process exited: write the character it left unfinished, close the file (a
   * restart reopens it for append), so an exited session costs no file descriptor. */
  | { kind: 'exit'; atMs: number }
  /** The session is gone: close the file for good. */
  | { kind: 'close' };

interface Recording {
  readonly id: SessionId;
  readonly encoder: CastEncoder;
  readonly file: CastFile;
  queue: Queued[];
  /** Output bytes in `queue`. */
  queuedBytes: number;
}

export function recordingsDir(dataDir: string): string {
  return join(dataDir, 'recordings');
}

export function createRecorder(options: RecorderOptions): Recorder {
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const wallNow = options.wallNow ?? Date.now;
  const recordings = new Map<SessionId, Recording>();
  const dirty = new Set<Recording>();
  /** The pending flush, if any: after flushDelayMs, or on the next turn. */
  let pendingFlush: { cancel: () => void; nextTurn: boolean } | undefined;
  let closed = false;
  /** Closes of removed sessions' files, so close() and flush() can wait for them. */
  const closing = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    closing.add(p);
    void p.finally(() => closing.delete(p));
  };
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });

  const pathFor = (id: SessionId): string => join(options.dir, `${id}.cast`);

  /** One queued item into the file's buffer; returns the output bytes it cost. */
  const encode = (rec: Recording, item: Queued): number => {
    switch (item.kind) {
      case 'output':
        rec.file.append(rec.encoder.output(item.atMs, item.data));
        return item.data.byteLength;
      case 'resize':
        rec.file.append(rec.encoder.resize(item.atMs, item.cols, item.rows));
        return 0;
      case 'marker':
        rec.file.append(rec.encoder.marker(item.atMs, item.label));
        return 0;
      case 'exit':
        rec.file.append(rec.encoder.endOfStream(item.atMs));
        void rec.file.close();
        return 0;
      case 'close':
        if (recordings.get(rec.id) === rec) recordings.delete(rec.id);
        track(rec.file.close());
        return 0;
    }
  };

  /** Encodes the queue (in order) until `budgetBytes` of output are spent (the last batch
   * may overshoot it); returns what is left of the budget. */
  const drain = (rec: Recording, budgetBytes = Number.POSITIVE_INFINITY): number => {
    let budget = budgetBytes;
    let done = 0;
    while (done < rec.queue.length && budget > 0) {
      const spent = encode(rec, rec.queue[done] as Queued);
      budget -= spent;
      rec.queuedBytes -= spent;
      done += 1;
    }
    rec.queue = done === rec.queue.length ? [] : rec.queue.slice(done);
    return budget;
  };

  const flushDirty = (): void => {
    pendingFlush = undefined;
    let budget: number = RECORDING_TIMING.sliceBytes;
    for (const rec of dirty) {
      if (budget <= 0) break;
      budget = drain(rec, budget);
      void rec.file.flush();
      if (rec.queue.length === 0) dirty.delete(rec);
    }
    if (dirty.size > 0 && !closed) {
      // The rest in the next turn, after whatever I/O is waiting.
      flushNextTurn();
    }
  };

  const flushNextTurn = (): void => {
    if (closed || pendingFlush?.nextTurn === true) return;
    pendingFlush?.cancel();
    const handle = setImmediate(flushDirty).unref();
    pendingFlush = { cancel: () => clearImmediate(handle), nextTurn: true };
  };

  const markDirty = (rec: Recording): void => {
    dirty.add(rec);
    if (pendingFlush === undefined && !closed) {
      // A pending recording write must not keep a finished process (a test, a CLI) alive.
      const handle = setTimeout(flushDirty, RECORDING_TIMING.flushDelayMs).unref();
      pendingFlush = { cancel: () => clearTimeout(handle), nextTurn: false };
    }
  };

  const enqueue = (rec: Recording, item: Queued): void => {
    rec.queue.push(item);
    markDirty(rec);
  };

  return {
    dir: options.dir,
    pathFor,
    started(info: SessionInfo) {
      if (closed) return;
      const existing = recordings.get(info.id);
      if (existing) {
        enqueue(existing, { kind: 'marker', atMs: now(), label: `restart: generation ${info.generation}` });
        return;
      }
      const startMs = now();
      const rec: Recording = {
        id: info.id,
        encoder: new CastEncoder({ startMs, maxBytes: options.maxBytes }),
        file: new CastFile({ path: pathFor(info.id), logError: options.logError }),
        queue: [],
        queuedBytes: 0,
      };
      recordings.set(info.id, rec);
      const env: Record<string, string> = { TERM: options.term };
      if (options.shell !== undefined) env['SHELL'] = options.shell;
      const title = `${info.name} — ${[info.command, ...info.args].join(' ')}`.slice(0, TITLE_MAX_CHARS);
      rec.file.append(
        rec.encoder.header({
          version: 2,
          width: info.cols,
          height: info.rows,
          timestamp: Math.floor(wallNow() / 1000),
          title,
          env,
        }),
      );
      markDirty(rec);
    },
    output(id, data) {
      const rec = recordings.get(id);
      if (!rec || rec.encoder.isCut) return;
      enqueue(rec, { kind: 'output', atMs: now(), data });
      rec.queuedBytes += data.byteLength;
      if (rec.queuedBytes >= RECORDING_TIMING.eagerBytes) flushNextTurn();
    },
    resized(id, cols, rows) {
      const rec = recordings.get(id);
      if (rec) enqueue(rec, { kind: 'resize', atMs: now(), cols, rows });
    },
    exited(id) {
      const rec = recordings.get(id);
      if (rec) enqueue(rec, { kind: 'exit', atMs: now() });
    },
    closed(id) {
      // Stays in `recordings` (so flush and close still see it) until its queue is written.
      const rec = recordings.get(id);
      if (rec) enqueue(rec, { kind: 'close' });
    },
    async flush(id) {
      const recs = id === undefined ? [...recordings.values()] : [recordings.get(id)].filter((r) => r !== undefined);
      await Promise.all([
        ...recs.map((rec) => {
          drain(rec);
          return rec.file.flush();
        }),
        ...closing,
      ]);
    },
    async close() {
      if (closed) return;
      closed = true;
      pendingFlush?.cancel();
      const all = [...recordings.values()];
      recordings.clear();
      dirty.clear();
      await Promise.all([
        ...all.map((rec) => {
          drain(rec);
          return rec.file.close();
        }),
        ...closing,
      ]);
    },
  };
}
