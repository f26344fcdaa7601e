import type { SessionId } from '../../protocol/ids';
import type { Result } from '../../protocol/result';
import type {
  CreateSessionRequest,
  InterruptKey,
  SessionInfo,
} from '../../protocol/session';
import type { AttachReply, ScreenSnapshot } from '../../protocol/events';

/**
 * The session layer (PTYs, mirrors, output fan-out) behind a message interface.
 *
 * Why messages and not objects: the layer must be able to move into its own process
 * (a pty host that outlives the web server), so every call is a plain, serialisable
 * request with a Result reply, and everything the layer reports is a plain event.
 * Nothing here hands out a live object, a callback or a Buffer that could not cross
 * an IPC channel (Uint8Array crosses as bytes).
 *
 * A "viewer" is one consumer of a session's output stream (one socket, one bench
 * client). The host does flow control per viewer: it sends output frames to a viewer
 * only while that viewer's unacknowledged bytes are under a window, serves a viewer
 * that lags from the session's replay ring, and resyncs a viewer that fell off the
 * ring with a fresh snapshot.
 */
export type ViewerId = string;

export type HostRequest =
  | { type: 'create'; input: CreateSessionRequest }
  | { type: 'list' }
  | { type: 'get'; id: SessionId }
  /** The current screen as plain text (trailing blank lines trimmed), from the mirror. */
  | { type: 'screen'; id: SessionId }
  | { type: 'input'; id: SessionId; data: string }
  /** Text then Enter as a separate write; multi-line text as bracketed paste when the
   * program enabled bracketed paste mode (known from the mirror). */
  | { type: 'inject'; id: SessionId; text: string; submit: boolean }
  | { type: 'interrupt'; id: SessionId }
  /** `viewerId` names who asked: under the "latest active viewer" policy it becomes the
   * viewer whose size the PTY follows. */
  | { type: 'resize'; id: SessionId; cols: number; rows: number; viewerId?: ViewerId }
  | { type: 'kill'; id: SessionId }
  | { type: 'restart'; id: SessionId }
  | { type: 'remove'; id: SessionId }
  | { type: 'attach'; id: SessionId; viewerId: ViewerId; fromSeq?: number }
  | { type: 'detach'; id: SessionId; viewerId: ViewerId }
  /** Forget a viewer on every session (its socket disconnected). */
  | { type: 'drop-viewer'; viewerId: ViewerId }
  | { type: 'ack'; id: SessionId; viewerId: ViewerId; seq: number }
  /** Whether anyone types into this viewer's pane of the session (pty:priority). */
  | { type: 'priority'; id: SessionId; viewerId: ViewerId; priority: 'interactive' | 'background' }
  | { type: 'stats' };

export interface HostStats {
  active: number;
  total: number;
  limit: number;
}

/** The reply type for each request type. */
export interface HostReplies {
  create: SessionInfo;
  list: SessionInfo[];
  get: SessionInfo;
  screen: { text: string; cols: number; rows: number; cursorX: number; cursorY: number; alternate: boolean; title: string };
  input: null;
  inject: null;
  interrupt: { key: InterruptKey };
  resize: SessionInfo;
  kill: SessionInfo;
  restart: SessionInfo;
  remove: null;
  attach: AttachReply;
  detach: null;
  'drop-viewer': null;
  ack: null;
  priority: null;
  stats: HostStats;
}

export type HostReply<R extends HostRequest> = HostReplies[R['type']];

export type HostEvent =
  | { type: 'session:updated'; info: SessionInfo }
  | { type: 'session:removed'; id: SessionId }
  /** Bytes [seq, seq + data.byteLength) of session `id`, for one viewer. */
  | { type: 'output'; viewerId: ViewerId; id: SessionId; seq: number; data: Uint8Array }
  | { type: 'snapshot'; viewerId: ViewerId; snapshot: ScreenSnapshot };

export interface SessionHost {
  request<R extends HostRequest>(req: R): Promise<Result<HostReply<R>>>;
  /** A request whose reply nobody reads (a keystroke sent without an ack, a viewer's ack):
   * across the process boundary the host sends no reply, so a keystroke costs one message
   * instead of two. Failures are the host's to log, as for any request. */
  send(req: HostRequest): void;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
  /** Stop every session (SIGHUP, then SIGKILL after the grace time) and release resources. */
  dispose(): Promise<void>;
}
