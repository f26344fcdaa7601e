import { io, type Socket } from 'socket.io-client';
import { consoleSocketOptions } from '../../protocol/socket-parser';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';

/** A bench's own viewer: a socket.io client with the console's token, as a script has. */
export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectSocket(url: string, token: string): Promise<BenchSocket> {
  const socket: BenchSocket = io(url, consoleSocketOptions(token));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
