import type { Socket } from 'socket.io';
import type { ViewerId } from '../sessions/session-host';

/**
 * Room names and viewer bookkeeping, in one place. One socket is one viewer, and its
 * viewer id is its socket id: socket.io already puts every socket in a room of its own
 * id, so output for a viewer is `io.to(viewerRoom(viewerId))`.
 */

/** Every authenticated socket: session:updated / session:removed go here. */
export const ALL_VIEWERS_ROOM = 'viewers';

export function viewerIdOf(socket: Pick<Socket, 'id'>): ViewerId {
  return socket.id;
}

export function viewerRoom(viewerId: ViewerId): string {
  return viewerId;
}
