import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../protocol/events';

/** The dashboard's socket, typed by the shared event maps in protocol/events.ts. */
export type AxiomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/**
 * A command's request payload and its reply value, read from the shared event map, so the
 * typed command helpers never restate a payload shape that protocol/events.ts owns.
 */
export type CommandRequest<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
export type CommandReply<E extends keyof ClientToServerEvents> =
  Required<Parameters<ClientToServerEvents[E]>> extends [...unknown[], Ack<infer T>] ? T : never;
