import { connect, type Socket } from 'node:net';
import type { SessionId } from '../../protocol/ids';
import { err, type Result } from '../../protocol/result';
import type { HostEvent, HostReply, HostRequest } from '../sessions/session-host';
import { encodeJson, FrameDecoder, FrameError } from './frame-codec';
import { asHostMessage, NO_REPLY_RID, PTY_HOST_PROTOCOL_VERSION, type ClientMessage } from './host-protocol';

/**
 * The web server's side of one connection to a pty host: hello with the secret, then
 * requests matched to replies by id, and the host's events (output frames decoded back to
 * `output` events with their bytes as a view of the received chunk).
 *
 * When the connection ends, every pending request resolves with failed:internal (callers
 * of a SessionHost get a Result, never a hang), and `onClose` tells the supervisor, which
 * decides whether the host is gone or only the connection.
 */
export interface HostConnectionOptions {
  socketPath: string;
  secret: string;
  onEvent: (event: HostEvent) => void;
  /** The connection ended (the host closed it, died, or we closed it). */
  onClose: (connection: HostConnection) => void;
  /** How long connect + hello may take. */
  timeoutMs: number;
}

type Reply = (result: Result<unknown>) => void;

export class HostConnection {
  private readonly pending = new Map<number, Reply>();
  private nextRid = 1;
  private closed = false;
  /** Set when the host dropped this connection for a newer console's: do not reconnect. */
  replacedBy: string | undefined;

  private constructor(private readonly socket: Socket, readonly hostPid: number) {}

  /** Connects and authenticates; rejects when the host is not there or refuses. */
  static open(options: HostConnectionOptions): Promise<HostConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(options.socketPath);
      const decoder = new FrameDecoder();
      let conn: HostConnection | undefined;
      const fail = (reason: string): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`pty host at ${options.socketPath}: ${reason}`));
      };
      const timer = setTimeout(() => fail('no welcome in time'), options.timeoutMs);
      socket.once('connect', () => {
        const hello: ClientMessage = { type: 'hello', version: PTY_HOST_PROTOCOL_VERSION, secret: options.secret };
        socket.write(encodeJson(hello));
      });
      socket.on('data', (chunk: Buffer) => {
        let frames;
        try {
          frames = decoder.push(chunk);
        } catch (error) {
          if (!(error instanceof FrameError)) throw error;
          if (conn === undefined) fail(error.message);
          else socket.destroy();
          return;
        }
        for (const frame of frames) {
          if (frame.kind === 'output') {
            options.onEvent({ type: 'output', viewerId: frame.viewerId, id: frame.id as SessionId, seq: frame.seq, data: frame.data });
            continue;
          }
          const message = asHostMessage(frame.value);
          if (message === undefined) continue;
          if (conn === undefined) {
            if (message.type === 'welcome') {
              clearTimeout(timer);
              conn = new HostConnection(socket, message.pid);
              resolve(conn);
            } else if (message.type === 'refused') {
              fail(`refused: ${message.reason}`);
            }
            continue;
          }
          if (message.type === 'reply') conn.settle(message.rid, message.result);
          else if (message.type === 'event') options.onEvent(message.event);
          else if (message.type === 'refused') conn.replacedBy = message.reason;
        }
      });
      // ECONNREFUSED/ENOENT before the welcome reject open(); later, the close that
      // follows any socket error ends the connection.
      socket.on('error', (error) => {
        if (conn === undefined) fail(error.message);
      });
      socket.on('close', () => {
        if (conn === undefined) {
          fail('closed before the welcome');
          return;
        }
        conn.ended();
        options.onClose(conn);
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  request<R extends HostRequest>(req: R): Promise<Result<HostReply<R>>> {
    return this.call((rid) => ({ type: 'request', rid, request: req })) as Promise<Result<HostReply<R>>>;
  }

  /** SessionHost.send: rid 0, which the host never answers. Acks (one per frame a viewer
   * parsed, the busiest message) and browser keystrokes go this way. */
  send(req: HostRequest): void {
    if (!this.closed) this.socket.write(encodeJson({ type: 'request', rid: NO_REPLY_RID, request: req } satisfies ClientMessage));
  }

  flushRecording(id: SessionId | undefined): Promise<Result<unknown>> {
    return this.call((rid) => ({ type: 'flush-recording', rid, id: id ?? null }));
  }

  /** stopAgents: the host ends every session and exits; the reply comes once they are gone. */
  shutdown(stopAgents: boolean): Promise<Result<unknown>> {
    return this.call((rid) => ({ type: 'shutdown', rid, stopAgents }));
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }

  private call(make: (rid: number) => ClientMessage): Promise<Result<unknown>> {
    if (this.closed) return Promise.resolve(err('failed:internal', 'the pty host is not connected'));
    const rid = this.nextRid++;
    return new Promise((resolve) => {
      this.pending.set(rid, resolve);
      this.socket.write(encodeJson(make(rid)));
    });
  }

  private settle(rid: number, result: Result<unknown>): void {
    const reply = this.pending.get(rid);
    if (reply === undefined) return;
    this.pending.delete(rid);
    reply(result);
  }

  private ended(): void {
    this.closed = true;
    for (const reply of this.pending.values()) reply(err('failed:internal', 'the pty host connection was lost'));
    this.pending.clear();
  }
}
