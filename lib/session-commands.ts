import type { CreateSessionInput, SessionInfo } from '../protocol/session';
import { command, type CommandResult } from './commands';
import type { AxiomSocket } from './socket-types';

/**
 * The session commands the dashboard's buttons and forms send, one typed function each (the
 * counterpart of taskCommands), so components never spell event names or payloads. Keystrokes
 * are not here: they are fire-and-forget (sendInput in commands.ts).
 */
export const sessionCommands = {
  create: (socket: AxiomSocket | null, input: CreateSessionInput): Promise<CommandResult<SessionInfo>> =>
    command<SessionInfo>(socket, (s, ack) => s.emit('session:create', input, ack)),

  /** Sends the session's interrupt key (ESC for agents, Ctrl-C for shells). */
  interrupt: (socket: AxiomSocket | null, id: string): Promise<CommandResult<null>> =>
    command<null>(socket, (s, ack) => s.emit('session:interrupt', { id }, ack)),

  restart: (socket: AxiomSocket | null, id: string): Promise<CommandResult<SessionInfo>> =>
    command<SessionInfo>(socket, (s, ack) => s.emit('session:restart', { id }, ack)),

  kill: (socket: AxiomSocket | null, id: string): Promise<CommandResult<SessionInfo>> =>
    command<SessionInfo>(socket, (s, ack) => s.emit('session:kill', { id }, ack)),

  remove: (socket: AxiomSocket | null, id: string): Promise<CommandResult<null>> =>
    command<null>(socket, (s, ack) => s.emit('session:remove', { id }, ack)),

  /** Types `text`, then Enter as a separate write (what agent CLIs need). */
  inject: (socket: AxiomSocket | null, id: string, text: string): Promise<CommandResult<null>> =>
    command<null>(socket, (s, ack) => s.emit('session:inject', { id, text, submit: true }, ack)),
};
