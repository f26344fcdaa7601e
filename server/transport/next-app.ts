import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The Next.js dashboard behind the console's own HTTP server (a custom server). Imported
 * lazily so the API-only mode (tests, bench) never loads Next.
 */
export interface NextApp {
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Dev mode only: HMR WebSockets. */
  handleUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
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
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = options.dev ? app.getUpgradeHandler() : undefined;
  return {
    handleRequest: (req, res) => handle(req, res),
    ...(upgrade === undefined ? {} : { handleUpgrade: upgrade }),
    close: () => app.close(),
  };
}
