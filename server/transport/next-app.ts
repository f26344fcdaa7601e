import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The Next.js dashboard behind the console's own HTTP server (a custom server). Imported
 * lazily so the API-only mode (tests, bench) never loads Next.
 */
export interface NextApp {
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Dev mode only: Next's HMR WebSocket. Call only after the upgrade passed the guard. */
  handleUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  close(): Promise<void>;
}

export interface NextAppOptions {
  dev: boolean;
  /** The project root (where app/ and .next/ are). */
  dir: string;
  hostname: string;
  port: number;
}

export async function startNextApp(options: NextAppOptions): Promise<NextApp> {
  const { default: next } = await import('next');
  // Next's request handler, on its first call, adds its own 'upgrade' listener (the one
  // that serves HMR) to `httpServer`, or when that is unset to `req.socket.server`: ours.
  // There it would take every WebSocket upgrade, /socket.io included, past the Host /
  // Origin / token guard. So it gets a relay server that never listens; upgrades reach it
  // only when the console re-emits them after the guard. (`app.getUpgradeHandler()` is not
  // a substitute: in Next 16 it skips the HMR endpoint.)
  const upgradeRelay = new Server();
  const app = next({
    dev: options.dev,
    dir: options.dir,
    hostname: options.hostname,
    port: options.port,
    httpServer: upgradeRelay,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (upgradeRelay.listenerCount('upgrade') === 0) {
      // No page was served yet, so nothing can be listening for HMR.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    upgradeRelay.emit('upgrade', req, socket, head);
  };
  return {
    handleRequest: (req, res) => handle(req, res),
    ...(options.dev ? { handleUpgrade } : {}),
    close: () => app.close(),
  };
}
