import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { bracketHost } from '../security/allow-lists';

/** Listening and closing the console's one HTTP server. */

const HTTP_TIMING = {
  /** How long an idle keep-alive connection is kept open (see applyKeepAlive). */
  keepAliveMs: 65_000,
  /** How long open connections get to close on their own at shutdown before they are
   * destroyed: enough for socket.io's close frames, short enough that Ctrl-C feels instant. */
  connectionGraceMs: 1000,
} as const;

/**
 * A client keeps idle connections and reuses them. If the server closes one (Node's
 * default: after 5 s idle) just as a request goes out on it, the client gets ECONNRESET: a
 * script polling every few seconds, and once a CI e2e run. A minute makes that gap
 * unreachable for anything that polls; headersTimeout must stay above it.
 */
export function applyKeepAlive(server: Server): void {
  server.keepAliveTimeout = HTTP_TIMING.keepAliveMs;
  server.headersTimeout = HTTP_TIMING.keepAliveMs + 1000;
}

/** Resolves with the bound port (PORT=0 picks one). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('not listening on TCP'));
      else resolve(address.port);
    });
  });
}

/**
 * Tracks every connection, and returns how to close the server: stop accepting, let
 * `closeGracefully` (socket.io's close frames) run for a grace time, destroy whatever is
 * left, and resolve once both are done. Upgraded connections (Next's HMR) leave node:http's
 * tracking, so without this the server's 'close' would never fire.
 */
export function closerFor(server: Server): (closeGracefully: () => Promise<void>) => Promise<void> {
  const openSockets = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  });
  return async (closeGracefully) => {
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    const graceful = closeGracefully();
    await Promise.race([graceful, delay(HTTP_TIMING.connectionGraceMs)]);
    for (const socket of openSockets) socket.destroy();
    await Promise.all([httpClosed, graceful]);
  };
}

/** The name to put in the printed URL: wildcard binds and "localhost" are reachable as 127.0.0.1. */
export function displayHost(host: string): string {
  const h = host.toLowerCase();
  if (h === '0.0.0.0' || h === '::' || h === 'localhost') return '127.0.0.1';
  return bracketHost(h);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
