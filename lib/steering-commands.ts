import { MAX_RECENT_SUGGESTIONS, type AutoSteer, type Intervention, type SteeringConfig, type SteeringConfigPatch, type Suggestion } from '../protocol/steering';
import type { Proof } from '../protocol/verification';
import { command, type CommandResult } from './commands';
import type { AxiomSocket, CommandReply, CommandRequest } from './socket-types';

/**
 * The steering and verification commands the dashboard sends, one typed function each (the
 * counterpart of taskCommands). Each resolves with a Result, including offline and timeout.
 */

/** The snooze the inbox offers: long enough to finish a thought, short enough not to forget. */
export const SNOOZE_MINUTES = 10;

/**
 * The initial list on connect: shorter than the general command timeout, because an older
 * server without the steering service never answers, and the dashboard must not wait on
 * it to be usable (the suggestions simply stay empty).
 */
export const SUGGESTION_LIST_TIMEOUT_MS = 5_000;

export type DiffReply = CommandReply<'task:diff'>;

export const steeringCommands = {
  /** Pending suggestions and the last resolved ones (the inbox's recent decisions survive a reload). */
  listSuggestions: (socket: AxiomSocket | null, taskId?: string): Promise<CommandResult<Suggestion[]>> =>
    command<Suggestion[]>(
      socket,
      (s, ack) => s.emit('suggestion:list', { ...(taskId ? { taskId } : {}), recent: MAX_RECENT_SUGGESTIONS }, ack),
      SUGGESTION_LIST_TIMEOUT_MS,
    ),

  /** `text` only when the person edited the proposed message: the server sends it instead. */
  accept: (socket: AxiomSocket | null, id: string, text?: string): Promise<CommandResult<Suggestion>> =>
    command<Suggestion>(socket, (s, ack) => s.emit('suggestion:accept', text === undefined ? { id } : { id, text }, ack)),

  dismiss: (socket: AxiomSocket | null, id: string): Promise<CommandResult<Suggestion>> =>
    command<Suggestion>(socket, (s, ack) => s.emit('suggestion:dismiss', { id }, ack)),

  snooze: (socket: AxiomSocket | null, id: string, minutes: number = SNOOZE_MINUTES): Promise<CommandResult<Suggestion>> =>
    command<Suggestion>(socket, (s, ack) => s.emit('suggestion:snooze', { id, minutes }, ack)),

  broadcast: (socket: AxiomSocket | null, req: CommandRequest<'steer:broadcast'>): Promise<CommandResult<Intervention[]>> =>
    command<Intervention[]>(socket, (s, ack) => s.emit('steer:broadcast', req, ack)),

  interventions: (socket: AxiomSocket | null, taskId: string): Promise<CommandResult<Intervention[]>> =>
    command<Intervention[]>(socket, (s, ack) => s.emit('intervention:list', { taskId }, ack)),

  autoSteer: (socket: AxiomSocket | null, req: CommandRequest<'task:auto-steer'>): Promise<CommandResult<AutoSteer>> =>
    command<AutoSteer>(socket, (s, ack) => s.emit('task:auto-steer', req, ack)),

  proof: (socket: AxiomSocket | null, id: string): Promise<CommandResult<Proof | null>> =>
    command<Proof | null>(socket, (s, ack) => s.emit('task:proof', { id }, ack)),

  diff: (socket: AxiomSocket | null, id: string): Promise<CommandResult<DiffReply>> =>
    command<DiffReply>(socket, (s, ack) => s.emit('task:diff', { id }, ack)),

  /** The rules' settings in force. */
  config: (socket: AxiomSocket | null): Promise<CommandResult<SteeringConfig>> =>
    command<SteeringConfig>(socket, (s, ack) => s.emit('steering:config', ack)),

  /** Per rule, only the changed fields (see patchOf); resolves with the whole new config. */
  setConfig: (socket: AxiomSocket | null, patch: SteeringConfigPatch): Promise<CommandResult<SteeringConfig>> =>
    command<SteeringConfig>(socket, (s, ack) => s.emit('steering:set-config', patch, ack)),
};

/**
 * What to send on accept: the edited text when it differs from the proposal (ignoring
 * surrounding whitespace) and is not empty, else nothing, so the server sends its own.
 */
export function editedText(proposed: string, draft: string): string | undefined {
  const t = draft.trim();
  return t.length > 0 && t !== proposed.trim() ? t : undefined;
}
