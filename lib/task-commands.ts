import type { ApproveChoice, InterruptOutcome, PromptReceipt } from '../protocol/agent';
import type { CreateTaskInput, TaskCreated, TaskId } from '../protocol/task';
import { command, type CommandResult } from './commands';
import type { AxiomSocket, CommandRequest } from './socket-types';

/**
 * The task commands the dashboard sends, one typed function each, so components never
 * spell event names or payload shapes themselves. Each resolves with a Result, including
 * offline and timeout (see command()).
 */
export const taskCommands = {
  create: (socket: AxiomSocket | null, input: CreateTaskInput): Promise<CommandResult<TaskCreated>> =>
    command<TaskCreated>(socket, (s, ack) => s.emit('task:create', input, ack)),

  prompt: (socket: AxiomSocket | null, req: CommandRequest<'task:prompt'>): Promise<CommandResult<PromptReceipt>> =>
    command<PromptReceipt>(socket, (s, ack) => s.emit('task:prompt', req, ack)),

  approve: (socket: AxiomSocket | null, id: string, choice: ApproveChoice): Promise<CommandResult<null>> =>
    command<null>(socket, (s, ack) => s.emit('task:approve', { id, choice }, ack)),

  interrupt: (socket: AxiomSocket | null, id: string, subtree: boolean): Promise<CommandResult<InterruptOutcome[]>> =>
    command<InterruptOutcome[]>(socket, (s, ack) => s.emit('task:interrupt', { id, subtree }, ack)),

  stop: (socket: AxiomSocket | null, id: string, subtree: boolean): Promise<CommandResult<TaskId[]>> =>
    command<TaskId[]>(socket, (s, ack) => s.emit('task:stop', { id, subtree }, ack)),

  remove: (socket: AxiomSocket | null, id: string): Promise<CommandResult<null>> =>
    command<null>(socket, (s, ack) => s.emit('task:remove', { id }, ack)),
};
