import type { SessionId } from '../../protocol/ids';
import type { Result } from '../../protocol/result';
import type { HostEvent, HostRequest } from '../sessions/session-host';

/**
 * The JSON messages between the web server (client) and the pty host, on top of
 * frame-codec's frames. Output events do not appear here: they travel as binary output
 * frames. Everything else a SessionHost says or is asked is carried as is.
 *
 * Trust: the socket is the boundary (0600 in a 0700 folder, plus the secret in `hello`),
 * so a peer past `hello` is this user's own console. Messages are still checked for
 * shape before use, so a bug on one side fails a request instead of crashing the other.
 */
export const PTY_HOST_PROTOCOL_VERSION = 1;
/** A request with this id gets no reply (real ids start at 1): for acks, whose result
 * nobody waits for. */
export const NO_REPLY_RID = 0;
/** The host's exit code when another live host already serves its data folder: the
 * launcher that started it then connects to that one instead of failing. */
export const EXIT_ALREADY_RUNNING = 3;

export type ClientMessage =
  | { type: 'hello'; version: number; secret: string }
  | { type: 'request'; rid: number; request: HostRequest }
  /** Write what the recorder buffers (for one session, or all) before a file is served. */
  | { type: 'flush-recording'; rid: number; id: SessionId | null }
  /** The console is stopping. stopAgents: end every session (SIGHUP, SIGKILL after the
   * grace time) and exit; otherwise only this connection ends and the agents keep running. */
  | { type: 'shutdown'; rid: number; stopAgents: boolean };

export type NonOutputEvent = Exclude<HostEvent, { type: 'output' }>;

export type HostMessage =
  | { type: 'welcome'; version: number; pid: number; startedAt: number }
  | { type: 'refused'; reason: string }
  | { type: 'reply'; rid: number; result: Result<unknown> }
  | { type: 'event'; event: NonOutputEvent };

const CLIENT_TYPES = new Set(['hello', 'request', 'flush-recording', 'shutdown']);
const HOST_TYPES = new Set(['welcome', 'refused', 'reply', 'event']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shape check of a message from the web server; undefined when it is not one. */
export function asClientMessage(value: unknown): ClientMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string' || !CLIENT_TYPES.has(value.type)) return undefined;
  if (value.type === 'hello') {
    return typeof value.secret === 'string' && typeof value.version === 'number' ? (value as ClientMessage) : undefined;
  }
  if (typeof value.rid !== 'number') return undefined;
  if (value.type === 'request') {
    return isRecord(value.request) && typeof value.request.type === 'string' ? (value as ClientMessage) : undefined;
  }
  if (value.type === 'shutdown') return typeof value.stopAgents === 'boolean' ? (value as ClientMessage) : undefined;
  return value.id === null || typeof value.id === 'string' ? (value as ClientMessage) : undefined;
}

/** Shape check of a message from the pty host; undefined when it is not one. */
export function asHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string' || !HOST_TYPES.has(value.type)) return undefined;
  if (value.type === 'reply') {
    return typeof value.rid === 'number' && isRecord(value.result) && typeof value.result.ok === 'boolean'
      ? (value as HostMessage)
      : undefined;
  }
  if (value.type === 'event') return isRecord(value.event) && typeof value.event.type === 'string' ? (value as HostMessage) : undefined;
  if (value.type === 'welcome') return typeof value.pid === 'number' ? (value as HostMessage) : undefined;
  return typeof value.reason === 'string' ? (value as HostMessage) : undefined;
}
