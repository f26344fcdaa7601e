import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events';

/** The dashboard's socket, typed by the shared event maps in protocol/events.ts. */
export type AxiomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';
