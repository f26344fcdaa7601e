import type { Server } from 'socket.io';
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
import type { SessionId } from '../../protocol/ids';
import type { Logger } from '../logger';
import type { TaskService } from '../tasks/task-service';
import type { SteeringService } from '../steering/steering-service';
import type { ProofSource } from './steering-routes';
import type { HostEvent, HostRequest, SessionHost, ViewerId } from '../sessions/session-host';
import { createStrikeCounter, MALFORMED_LIMITS } from './strike-counter';
import { command, isReplyFn, malformed, reply, type CommandContext } from './socket-commands';
import { registerSteeringCommands, registerTaskCommands } from './socket-task-commands';
import { SocketOutputQueue } from './socket-output-queue';
import { broadcastHolds, registerClaimCommands, type PaneArbiter } from './socket-pane-claims';
import { ALL_VIEWERS_ROOM, viewerIdOf, viewerRoom } from './viewer-rooms';

/**
 * socket.io handlers: each event's payload is parsed with its zod schema, one host request
 * is made, the Result goes back through the ack when there is one. Nothing a client sends
 * can throw out of a handler. Host events are routed to viewers (output, snapshots) or
 * broadcast (session updates).
 */
export type ConsoleIo = Server<ClientToServerEvents, ServerToClientEvents>;

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
  /** Pane claims and hold broadcasts (arbitration between people and agents). */
  arbiter?: PaneArbiter;
  /** A browser fitted a pane to this size (server/tasks/pane-size-hint.ts). */
  onPaneFitted?: (id: SessionId, cols: number, rows: number) => void;
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
      else if (event.type === 'config:updated') io.to(ALL_VIEWERS_ROOM).emit('steering:config-updated', event.config);
      else io.to(ALL_VIEWERS_ROOM).emit('intervention:recorded', event.intervention);
    }) ?? (() => undefined);
  const unsubscribeHolds = options.arbiter === undefined ? () => undefined : broadcastHolds(io, options.arbiter);
  const unsubscribe = (): void => {
    unsubscribeHolds();
    unsubscribeHost();
    unsubscribeTasks();
    unsubscribeSteering();
  };
  io.on('connection', (socket) => {
    const strikes = createStrikeCounter({ ...(options.malformedLimits ?? MALFORMED_LIMITS), now: Date.now });
    void socket.join(ALL_VIEWERS_ROOM);
    const queue = new SocketOutputQueue({ send: (batch) => socket.emit('pty:output-batch', batch) });
    queues.set(viewerIdOf(socket), queue);
    registerCommands({ socket, host, log, strikes, queue }, options.onPaneFitted);
    if (options.tasks !== undefined) registerTaskCommands({ socket, host, log, strikes, queue }, options.tasks);
    if (options.arbiter !== undefined) registerClaimCommands({ socket, host, log, strikes, queue }, options.arbiter);
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
  'pane:claim',
  'task:proof',
  'task:diff',
  'task:auto-steer',
  'suggestion:list',
  'suggestion:accept',
  'suggestion:dismiss',
  'suggestion:snooze',
  'steer:broadcast',
  'intervention:list',
  'steering:config',
  'steering:set-config',
]);

function registerCommands(ctx: CommandContext, onPaneFitted?: SocketApiOptions['onPaneFitted']): void {
  const { socket, host } = ctx;
  const viewerId: ViewerId = viewerIdOf(socket);
  const nullOf = async (pending: Promise<Result<unknown>>): Promise<Result<null>> => {
    const result = await pending;
    return result.ok ? ok(null) : result;
  };
  // Keystrokes and acks come without an ack function from the browser: nobody would read
  // the host's reply, so none is asked for (a keystroke is one message to the host, and the
  // web server is not woken by a reply just before the echo arrives). A client that asks
  // gets the real result.
  const sendOrRequest = (req: HostRequest, acked: boolean): Promise<Result<unknown>> => {
    if (acked) return host.request(req);
    host.send(req);
    return Promise.resolve(ok(null));
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
  command(ctx, 'session:resize', resizeSchema, (req) => {
    onPaneFitted?.(req.id, req.cols, req.rows);
    return host.request({ type: 'resize', id: req.id, cols: req.cols, rows: req.rows, viewerId });
  });
  command(ctx, 'session:interrupt', sessionRefSchema, (req) => nullOf(host.request({ type: 'interrupt', id: req.id })));
  command(ctx, 'session:inject', injectSchema, (req) =>
    host.request({ type: 'inject', id: req.id, text: req.text, submit: req.submit }),
  );
  command(ctx, 'session:kill', sessionRefSchema, (req) => host.request({ type: 'kill', id: req.id }));
  command(ctx, 'session:restart', sessionRefSchema, (req) => host.request({ type: 'restart', id: req.id }));
  command(ctx, 'session:remove', sessionRefSchema, (req) => host.request({ type: 'remove', id: req.id }));
  command(ctx, 'pty:input', inputSchema, (req, acked) => sendOrRequest({ type: 'input', id: req.id, data: req.data }, acked));
  command(ctx, 'pty:ack', ackSchema, (req, acked) => sendOrRequest({ type: 'ack', id: req.id, viewerId, seq: req.seq }, acked));
  // A hint, no reply: how this socket packs the session's output, and (in the host) how
  // much of it may be in flight at once.
  command(ctx, 'pty:priority', prioritySchema, (req) => {
    ctx.queue.setPriority(req.id, req.priority);
    // The host narrows a background viewer's window (viewer-flow.ts); nobody reads the reply.
    host.send({ type: 'priority', id: req.id, viewerId, priority: req.priority });
    return Promise.resolve(ok(null));
  });
}

