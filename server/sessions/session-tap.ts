import type { SessionId } from '../../protocol/ids';
import type { SessionInfo } from '../../protocol/session';

/**
 * An observer of every session's output stream, in order: the recorder. Plain data in, no
 * reply, so it can live wherever the PTYs live (this process now, a pty host later).
 *
 * `output` runs on the hot path, once per batch (not per PTY read), right after the batch
 * entered the replay ring: an implementation must only queue and return. A throw is
 * caught and logged by the session; it never stops the stream.
 */
export interface SessionTap {
  /** A process was spawned for the session: the first one, or a restart (generation > 1). */
  started(info: SessionInfo): void;
  /** Every output byte, including the restart marker the session writes itself. */
  output(id: SessionId, data: Uint8Array): void;
  /** The PTY size changed; bytes before this call were laid out at the old size. */
  resized(id: SessionId, cols: number, rows: number): void;
  /** The process exited; every byte it wrote was passed to `output` before this. */
  exited(id: SessionId): void;
  /** The session is gone (removed, or the host is disposing). */
  closed(id: SessionId): void;
}
