import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import { err, type Result } from '../../protocol/result';
import type { Logger } from '../logger';
import type { SessionHost } from '../sessions/session-host';
import { describeZodError } from './http-io';
import type { StrikeCounter } from './strike-counter';
import type { SocketOutputQueue } from './socket-output-queue';

/**
 * How one socket event becomes one command: split the ack off the arguments, parse the
 * payload with its zod schema, run, reply with the Result. Nothing a client sends can throw
 * out of a handler; malformed messages count as strikes.
 */
export type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
export type ReplyFn = (result: Result<unknown>) => void;

export interface CommandContext {
  socket: ConsoleSocket;
  host: SessionHost;
  log: Logger;
  strikes: StrikeCounter;
  queue: SocketOutputQueue;
}

/**
 * Registers one event: split the ack off the arguments, parse the payload, run, reply. Listeners take `unknown` arguments on purpose: the
 * typed event map describes well-behaved clients, not what arrives on the wire.
 */
export function command<S extends z.ZodType>(
  ctx: CommandContext,
  event: keyof ClientToServerEvents,
  schema: S,
  /** `acked`: the client asked for the reply (sent an ack function). */
  run: (input: z.output<S>, acked: boolean) => Promise<Result<unknown>>,
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
  run: (input: z.output<S>, acked: boolean) => Promise<Result<unknown>>;
  payload: unknown;
  ack: ReplyFn | undefined;
}

async function handle<S extends z.ZodType>(args: HandleArgs<S>): Promise<void> {
  const { ctx, event, schema, run, payload, ack } = args;
  let result: Result<unknown>;
  try {
    const parsed = schema.safeParse(payload);
    if (parsed.success) {
      result = await run(parsed.data, ack !== undefined);
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

export function reply(ctx: CommandContext, event: string, ack: ReplyFn, result: Result<unknown>): void {
  try {
    ack(result);
  } catch (error) {
    // The ack only queues a packet; a throw here is a socket.io bug, never the client's.
    ctx.log.log('error', `socket ${ctx.socket.id} ${event} ack failed`, error);
  }
}

export function malformed(ctx: CommandContext, reason: string): void {
  ctx.log.log('debug', `socket ${ctx.socket.id} malformed message: ${reason}`);
  if (ctx.strikes.strike() && ctx.socket.connected) {
    ctx.log.log('warn', `socket ${ctx.socket.id} sent too many malformed messages; disconnecting`);
    ctx.socket.disconnect(true);
  }
}

export function isReplyFn(value: unknown): value is ReplyFn {
  return typeof value === 'function';
}
