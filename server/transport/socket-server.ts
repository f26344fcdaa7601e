import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { LIMITS } from '../../protocol/limits';
import { SOCKET_IO_PATH, serverParser } from '../../protocol/socket-parser';
import type { Logger } from '../logger';
import { decide } from '../security/http-guard';
import type { SecurityPolicy } from '../security/request-guard';
import type { ConsoleIo } from './socket-api';

/** The socket.io path (protocol/socket-parser.ts); the HTTP handler leaves it to socket.io. */
export { SOCKET_IO_PATH };

export interface SocketServerOptions {
  httpServer: HttpServer;
  /** Read at each handshake: the policy is complete only once the port is bound. */
  policy: () => SecurityPolicy;
  log: Logger;
}

/**
 * socket.io on the console's HTTP server. Every handshake (polling or WebSocket) passes
 * the same Host / Origin / credential guard as HTTP requests, in `allowRequest`: the `cors`
 * option only adds headers and does not stop a cross-site WebSocket.
 */
export function createSocketServer(options: SocketServerOptions): ConsoleIo {
  const io: ConsoleIo = new Server(options.httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: LIMITS.maxSocketMessageBytes,
    // Output batches as one binary message each (protocol/socket-parser.ts).
    parser: serverParser,
    transports: ['websocket', 'polling'],
    // Other upgrade paths (Next's HMR in dev) are guarded and routed by the HTTP server;
    // socket.io must not end them after its default timeout.
    destroyUpgrade: false,
    allowRequest: (req, callback) => {
      const decision = decide(req, options.policy(), 'socket');
      if (decision.kind === 'allow') {
        callback(null, true);
        return;
      }
      const code = decision.kind === 'refuse' ? decision.code : 'refused:unauthorized';
      options.log.log('info', `socket handshake refused: ${code}`);
      callback(code, false);
    },
  });
  return io;
}
