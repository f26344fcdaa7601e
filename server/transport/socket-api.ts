import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import { err, ok, type Result } from '../../protocol/result';
import {
  ackSchema,
  attachSchema,
  createSessionInputSchema,
  injectSchema,
  inputSchema,
  prioritySchema,
  resizeSchema,
  sessionRefSchema,
} from '../../protocol/session';
import {
  createTaskInputSchema,
  taskApproveRequestSchema,
  taskInterruptRequestSchema,
  taskPromptRequestSchema,
  taskIdSchema,
  taskRefSchema,
  taskStopRequestSchema,
} from '../../protocol/task';
import type { Logger } from '../logger';
import type { TaskService } from '../tasks/task-service';
import type { SteeringService } from '../steering/steering-service';
import type { ProofSource } from './steering-routes';
import {
  acceptSuggestionRequestSchema,
  autoSteerRequestSchema,
  broadcastSchema,
  snoozeSuggestionRequestSchema,
  suggestionRefSchema,
} from '../../protocol/steering';
import type { HostEvent, SessionHost, ViewerId } from '../sessions/session-host';
import { describeZodError } from './http-io';
import { createStrikeCounter, MALFORMED_LIMITS, type StrikeCounter } from './strike-counter';
import { SocketOutputQueue } from './socket-output-queue';
import { ALL_VIEWERS_ROOM, viewerIdOf, viewerRoom } from './viewer-rooms';

/**
 * socket.io handlers: each event's payload is parsed with its zod schema, one host request
 * is made, the Result goes back through the ack when there is one. Nothing a client sends
 * can throw out of a handler. Host events are routed to viewers (output, snapshots) or
 * broadcast (session updates).
 */
export type ConsoleIo = Server<ClientToServerEvents, ServerToClientEvents>;
type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type ReplyFn = (result: Result<unknown>) => void;

export interface SocketApiOptions {
  io: ConsoleIo;
  host: SessionHost;
  log: Logger;
  /** For tests of the malformed-message limit. */
  malformedLimits?: { maxStrikes: number; windowMs: number };
  /** Task commands and task:* broadcasts, when the console runs tasks. */
  tasks?: TaskService;
  /** Suggestion commands and broadcasts (needs tasks). */
  steering?: { service: SteeringService; proofs: ProofSource };
}

/** Wires every socket; returns a function that stops routing host events. */
export function attachSocketApi(options: SocketApiOptions): () => void {
  const { io, host, log } = options;
  // Every socket's outgoing output, by viewer id.
  const queues = new Map<ViewerId, SocketOutputQueue>();
  const unsubscribeHost = host.onEvent((event) => routeHostEvent(io, queues, event));
  const unsubscribeTasks =
    options.tasks?.onEvent((event) => {
      if (event.type === 'task:updated') io.to(ALL_VIEWERS_ROOM).emit('task:updated', event.task);
      else io.to(ALL_VIEWERS_ROOM).emit('task:removed', { id: event.id });
    }) ?? (() => undefined);
  const unsubscribeSteering =
    options.steering?.service.onEvent((event) => {
      if (event.type === 'suggestion:updated') io.to(ALL_VIEWERS_ROOM).emit('suggestion:updated', event.suggestion);
      else if (event.type === 'suggestion:removed') io.to(ALL_VIEWERS_ROOM).emit('suggestion:removed', { id: event.id });
      else io.to(ALL_VIEWERS_ROOM).emit('intervention:recorded', event.intervention);
    }) ?? (() => undefined);
  const unsubscribe = (): void => {
    unsubscribeHost();
    unsubscribeTasks();
    unsubscribeSteering();
  };
  io.on('connection', (socket) => {
    const strikes = createStrikeCounter({ ...(options.malformedLimits ?? MALFORMED_LIMITS), now: Date.now });
    void socket.join(ALL_VIEWERS_ROOM);
    const queue = new SocketOutputQueue({ send: (batch) => socket.emit('pty:output-batch', batch) });
    queues.set(viewerIdOf(socket), queue);
    registerCommands({ socket, host, log, strikes, queue });
    if (options.tasks !== undefined) registerTaskCommands({ socket, host, log, strikes, queue }, options.tasks);
    if (options.tasks !== undefined && options.steering !== undefined) {
      registerSteeringCommands({ socket, host, log, strikes, queue }, options.tasks, options.steering);
    }
    socket.on('disconnect', () => {
      queue.dispose();
      queues.delete(viewerIdOf(socket));
      host.request({ type: 'drop-viewer', viewerId: viewerIdOf(socket) }).then(
        (result) => {
          if (!result.ok) log.log('warn', `drop-viewer ${socket.id}: ${result.error.code}`);
        },
        (error: unknown) => log.log('error', `drop-viewer ${socket.id} failed`, error),
      );
    });
  });
  return unsubscribe;
}

function routeHostEvent(io: ConsoleIo, queues: ReadonlyMap<ViewerId, SocketOutputQueue>, event: HostEvent): void {
  switch (event.type) {
    case 'output': {
      queues.get(event.viewerId)?.push([event.id, event.seq, event.data]);
      return;
    }
    case 'snapshot':
      // Held frames are older than the snapshot: they go first, as they would unbatched.
      queues.get(event.viewerId)?.flush();
      io.to(viewerRoom(event.viewerId)).emit('pty:snapshot', event.snapshot);
      return;
    case 'session:updated':
      io.to(ALL_VIEWERS_ROOM).emit('session:updated', event.info);
      return;
    case 'session:removed':
      io.to(ALL_VIEWERS_ROOM).emit('session:removed', { id: event.id });
      return;
  }
}

interface CommandContext {
  socket: ConsoleSocket;
  host: SessionHost;
  log: Logger;
  strikes: StrikeCounter;
  queue: SocketOutputQueue;
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set<keyof ClientToServerEvents>([
  'session:list',
  'session:create',
  'session:attach',
  'session:detach',
  'session:resize',
  'session:interrupt',
  'session:inject',
  'session:kill',
  'session:restart',
  'session:remove',
  'pty:input',
  'pty:ack',
  'pty:priority',
  'task:list',
  'task:create',
  'task:prompt',
  'task:interrupt',
  'task:approve',
  'task:stop',
  'task:remove',
  'task:proof',
  'task:diff',
  'task:auto-steer',
  'suggestion:list',
  'suggestion:accept',
  'suggestion:dismiss',
  'suggestion:snooze',
  'steer:broadcast',
  'intervention:list',
]);

function registerCommands(ctx: CommandContext): void {
  const { socket, host } = ctx;
  const viewerId: ViewerId = viewerIdOf(socket);
  const nullOf = async (pending: Promise<Result<unknown>>): Promise<Result<null>> => {
    const result = await pending;
    return result.ok ? ok(null) : result;
  };

  // socket.io drops events without a listener; answer them too, so a client waiting on an
  // ack gets an error instead of a hang, and count them as malformed.
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && KNOWN_EVENTS.has(event)) return;
    malformed(ctx, `unknown event ${String(event)}`);
    const ack = args[args.length - 1];
    if (isReplyFn(ack)) reply(ctx, String(event), ack, err('invalid:payload', 'unknown event'));
  });

  command(ctx, 'session:list', z.unknown(), () => host.request({ type: 'list' }));
  command(ctx, 'session:create', createSessionInputSchema, (input) => host.request({ type: 'create', input }));
  command(ctx, 'session:attach', attachSchema, (req) =>
    host.request({ type: 'attach', id: req.id, viewerId, ...(req.fromSeq === undefined ? {} : { fromSeq: req.fromSeq }) }),
  );
  command(ctx, 'session:detach', sessionRefSchema, (req) => {
    ctx.queue.forget(req.id);
    return host.request({ type: 'detach', id: req.id, viewerId });
  });
  command(ctx, 'session:resize', resizeSchema, (req) =>
    host.request({ type: 'resize', id: req.id, cols: req.cols, rows: req.rows, viewerId }),
  );
  command(ctx, 'session:interrupt', sessionRefSchema, (req) => nullOf(host.request({ type: 'interrupt', id: req.id })));
  command(ctx, 'session:inject', injectSchema, (req) =>
    host.request({ type: 'inject', id: req.id, text: req.text, submit: req.submit }),
  );
  command(ctx, 'session:kill', sessionRefSchema, (req) => host.request({ type: 'kill', id: req.id }));
  command(ctx, 'session:restart', sessionRefSchema, (req) => host.request({ type: 'restart', id: req.id }));
  command(ctx, 'session:remove', sessionRefSchema, (req) => host.request({ type: 'remove', id: req.id }));
  command(ctx, 'pty:input', inputSchema, (req) => host.request({ type: 'input', id: req.id, data: req.data }));
  command(ctx, 'pty:ack', ackSchema, (req) => host.request({ type: 'ack', id: req.id, viewerId, seq: req.seq }));
  // A transport hint only (how output is packed for this socket), so no host request.
  command(ctx, 'pty:priority', prioritySchema, (req) => {
    ctx.queue.setPriority(req.id, req.priority);
    return Promise.resolve(ok(null));
  });
}

function registerTaskCommands(ctx: CommandContext, tasks: TaskService): void {
  command(ctx, 'task:list', z.unknown(), () => Promise.resolve(ok(tasks.list())));
  command(ctx, 'task:create', createTaskInputSchema, (input) => tasks.create(input));
  command(ctx, 'task:prompt', taskPromptRequestSchema, (req) => tasks.prompt(req.id, req.text, req.mode, { who: 'person' }));
  command(ctx, 'task:interrupt', taskInterruptRequestSchema, (req) => tasks.interrupt(req.id, { subtree: req.subtree, who: 'person' }));
  command(ctx, 'task:approve', taskApproveRequestSchema, (req) => tasks.approve(req.id, req.choice, { who: 'person' }));
  command(ctx, 'task:stop', taskStopRequestSchema, (req) => tasks.stop(req.id, { subtree: req.subtree }));
  command(ctx, 'task:remove', taskRefSchema, (req) => tasks.remove(req.id));
}

function registerSteeringCommands(ctx: CommandContext, tasks: TaskService, s: { service: SteeringService; proofs: ProofSource }): void {
  const { service, proofs } = s;
  command(ctx, 'task:proof', taskRefSchema, (req) => Promise.resolve(tasks.get(req.id).ok ? ok(proofs.proof(req.id)) : err('not_found:task', 'no such task')));
  command(ctx, 'task:diff', taskRefSchema, (req) => proofs.diff(req.id));
  command(ctx, 'task:auto-steer', autoSteerRequestSchema, (req) => Promise.resolve(tasks.setAutoSteer(req.id, { enabled: req.enabled, minConfidence: req.minConfidence })));
  command(ctx, 'suggestion:list', z.object({ taskId: taskIdSchema.optional() }).strict().optional(), (req) =>
    Promise.resolve(ok(service.list(req?.taskId === undefined ? {} : { taskId: req.taskId }))),
  );
  command(ctx, 'suggestion:accept', acceptSuggestionRequestSchema, (req) => service.accept(req.id, { ...(req.text === undefined ? {} : { text: req.text }), who: 'person' }));
  command(ctx, 'suggestion:dismiss', suggestionRefSchema, (req) => Promise.resolve(service.dismiss(req.id, 'person')));
  command(ctx, 'suggestion:snooze', snoozeSuggestionRequestSchema, (req) => Promise.resolve(service.snooze(req.id, req.minutes)));
  command(ctx, 'steer:broadcast', broadcastSchema, (req) => service.broadcast(req.taskIds, req.text, req.mode, 'person'));
  command(ctx, 'intervention:list', z.object({ taskId: taskIdSchema }).strict(), (req) =>
    Promise.resolve(tasks.get(req.taskId).ok ? ok(service.interventionsOf(req.taskId)) : err('not_found:task', 'no such task')),
  );
}

/**
 * Registers one event: split the ack off the arguments, parse the payload, run, reply. Listeners take `unknown` arguments on purpose: the
 * typed event map describes well-behaved clients, not what arrives on the wire.
 */
function command<S extends z.ZodType>(
  ctx: CommandContext,
  event: keyof ClientToServerEvents,
  schema: S,
  run: (input: z.output<S>) => Promise<Result<unknown>>,
): void {
  ctx.socket.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = isReplyFn(last) ? last : undefined;
    const payload = ack === undefined ? args[0] : args.length > 1 ? args[0] : undefined;
    void handle({ ctx, event, schema, run, payload, ack });
  });
}

interface HandleArgs<S extends z.ZodType> {
  ctx: CommandContext;
  event: string;
  schema: S;
  run: (input: z.output<S>) => Promise<Result<unknown>>;
  payload: unknown;
  ack: ReplyFn | undefined;
}

async function handle<S extends z.ZodType>(args: HandleArgs<S>): Promise<void> {
  const { ctx, event, schema, run, payload, ack } = args;
  let result: Result<unknown>;
  try {
    const parsed = schema.safeParse(payload);
    if (parsed.success) {
      result = await run(parsed.data);
    } else {
      const message = describeZodError(parsed.error);
      malformed(ctx, `${event}: ${message}`);
      result = err('invalid:payload', message);
    }
  } catch (error) {
    ctx.log.log('error', `socket ${ctx.socket.id} ${event} failed`, error);
    result = err('failed:internal', 'internal error');
  }
  if (ack !== undefined) reply(ctx, event, ack, result);
}

function reply(ctx: CommandContext, event: string, ack: ReplyFn, result: Result<unknown>): void {
  try {
    ack(result);
  } catch (error) {
    // The ack only queues a packet; a throw here is a socket.io bug, never the client's.
    ctx.log.log('error', `socket ${ctx.socket.id} ${event} ack failed`, error);
  }
}

function malformed(ctx: CommandContext, reason: string): void {
  ctx.log.log('debug', `socket ${ctx.socket.id} malformed message: ${reason}`);
  if (ctx.strikes.strike() && ctx.socket.connected) {
    ctx.log.log('warn', `socket ${ctx.socket.id} sent too many malformed messages; disconnecting`);
    ctx.socket.disconnect(true);
  }
}

function isReplyFn(value: unknown): value is ReplyFn {
  return typeof value === 'function';
}
