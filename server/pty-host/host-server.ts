import { timingSafeEqual } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { SessionId } from '../../protocol/ids';
import { err, ok, type Result } from '../../protocol/result';
import type { HostEvent, SessionHost, ViewerId } from '../sessions/session-host';
import { encodeJson, encodeOutputHeader, FrameDecoder, FrameError } from './frame-codec';
import { asClientMessage, NO_REPLY_RID, PTY_HOST_PROTOCOL_VERSION, type ClientMessage, type HostMessage } from './host-protocol';

/**
 * The pty host's side of the socket: serves one SessionHost (the in-process one, in this
 * process) to one web server at a time.
 *
 * One client at a time: a web server that connects and proves the secret replaces the
 * previous connection (a crashed console's half-open socket, or a console that was
 * restarted). Viewers belong to a connection: they are the old web server's sockets, whose
 * flow-control state (unacked bytes) means nothing to the new one, so when a connection
 * ends every viewer it attached is dropped and flow control restarts cleanly when the
 * browsers attach again through the new server.
 */
export interface HostServerOptions {
  host: SessionHost;
  socketPath: string;
  secret: string;
  flushRecording: (id: SessionId | undefined) => Promise<void>;
  /** The console is stopping and asked to end every session: the entry disposes and exits. */
  stopAll: () => Promise<void>;
  log: (message: string, detail?: unknown) => void;
}

export interface HostServer {
  hasClient(): boolean;
  close(): Promise<void>;
}

const LIMITS = {
  /** A peer that does not say hello with the secret by then is not a console. */
  helloTimeoutMs: 5000,
  /** Output to the web server is bounded by each viewer's window (2 MiB); a backlog past
   * this means the web server stopped reading (hung), and the connection is dropped rather
   * than let this process grow: the console reconnects when it recovers. */
  maxBacklogBytes: 64 * 1024 * 1024,
  /** A replaced connection gets this long to read its notice before it is destroyed. */
  replacedCloseMs: 1000,
} as const;

interface Connection {
  socket: Socket;
  authed: boolean;
  viewers: Set<ViewerId>;
}

export async function serveSessionHost(options: HostServerOptions): Promise<HostServer> {
  const { host, log } = options;
  const secret = Buffer.from(options.secret, 'utf8');
  let active: Connection | undefined;

  const send = (conn: Connection, message: HostMessage): void => {
    if (!conn.socket.writable) return;
    conn.socket.write(encodeJson(message));
    checkBacklog(conn);
  };
  const checkBacklog = (conn: Connection): void => {
    if (conn.socket.writableLength > LIMITS.maxBacklogBytes) {
      log(`client stopped reading (${conn.socket.writableLength} bytes queued): dropping it`);
      conn.socket.destroy();
    }
  };

  const unsubscribe = host.onEvent((event: HostEvent) => {
    const conn = active;
    if (conn === undefined || !conn.socket.writable) return;
    if (event.type !== 'output') {
      send(conn, { type: 'event', event });
      return;
    }
    // Header and bytes as two writes in one corked batch: one writev, no copy of the batch.
    conn.socket.cork();
    conn.socket.write(encodeOutputHeader(event, event.data.byteLength));
    conn.socket.write(event.data);
    conn.socket.uncork();
    checkBacklog(conn);
  });

  const handle = async (conn: Connection, message: ClientMessage): Promise<void> => {
    if (message.type === 'hello') return;
    let result: Result<unknown>;
    if (message.type === 'request') {
      const req = message.request;
      if (req.type === 'attach') conn.viewers.add(req.viewerId);
      if (req.type === 'drop-viewer') conn.viewers.delete(req.viewerId);
      result = await host.request(req);
    } else if (message.type === 'flush-recording') {
      await options.flushRecording(message.id ?? undefined);
      result = ok(null);
    } else {
      if (message.stopAgents) await options.stopAll();
      result = ok(null);
    }
    if (message.rid !== NO_REPLY_RID) send(conn, { type: 'reply', rid: message.rid, result });
  };

  const hello = (conn: Connection, message: ClientMessage): void => {
    const given = Buffer.from(message.type === 'hello' ? message.secret : '', 'utf8');
    if (message.type !== 'hello' || given.length !== secret.length || !timingSafeEqual(given, secret)) {
      send(conn, { type: 'refused', reason: 'bad secret' });
      conn.socket.end();
      return;
    }
    if (message.version !== PTY_HOST_PROTOCOL_VERSION) {
      send(conn, { type: 'refused', reason: `protocol ${message.version}, this host speaks ${PTY_HOST_PROTOCOL_VERSION}` });
      conn.socket.end();
      return;
    }
    conn.authed = true;
    const previous = active;
    active = conn;
    if (previous !== undefined) {
      log('a new console connected: closing the previous connection');
      // Told why, so the old console does not reconnect and take the host back.
      send(previous, { type: 'refused', reason: 'replaced by a newer console' });
      previous.socket.end();
      setTimeout(() => previous.socket.destroy(), LIMITS.replacedCloseMs).unref();
    }
    send(conn, { type: 'welcome', version: PTY_HOST_PROTOCOL_VERSION, pid: process.pid, startedAt: Math.round(performance.timeOrigin) });
  };

  const closed = (conn: Connection): void => {
    if (active === conn) active = undefined;
    for (const viewerId of conn.viewers) {
      host.request({ type: 'drop-viewer', viewerId }).catch((error: unknown) => log(`drop-viewer ${viewerId} failed`, error));
    }
    conn.viewers.clear();
  };

  const server: Server = createServer((socket) => {
    const conn: Connection = { socket, authed: false, viewers: new Set() };
    const decoder = new FrameDecoder();
    const helloTimer = setTimeout(() => socket.destroy(), LIMITS.helloTimeoutMs);
    socket.on('data', (chunk: Buffer) => {
      let frames;
      try {
        frames = decoder.push(chunk);
      } catch (error) {
        if (!(error instanceof FrameError)) throw error;
        log('corrupt frame from the client: closing it', error.message);
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        const message = frame.kind === 'json' ? asClientMessage(frame.value) : undefined;
        if (message === undefined) {
          log('unexpected frame from the client: ignored');
          continue;
        }
        if (!conn.authed) {
          clearTimeout(helloTimer);
          hello(conn, message);
          continue;
        }
        handle(conn, message).catch((error: unknown) => {
          log(`${message.type} failed`, error);
          if (message.type !== 'hello') send(conn, { type: 'reply', rid: message.rid, result: err('failed:internal', `${message.type} failed`) });
        });
      }
    });
    // A client that vanished (kill -9) surfaces as ECONNRESET or EPIPE: the close that
    // follows does the cleanup, nothing else to do about it.
    socket.on('error', (error) => log('client socket error', error.message));
    socket.on('close', () => {
      clearTimeout(helloTimer);
      closed(conn);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Owner only, on top of the 0700 folder it is in: no other user can connect at all, and
  // the secret keeps out this user's unrelated programs that guess the path.
  chmodSync(options.socketPath, 0o600);
  server.on('error', (error) => log('server error', error));

  return {
    hasClient: () => active !== undefined,
    close: async () => {
      unsubscribe();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      active?.socket.destroy();
      await done;
    },
  };
}
