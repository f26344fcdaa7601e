import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { agentKindSchema } from '../../protocol/agent';
import { parseSessionId, type SessionId } from '../../protocol/ids';
import { err, ok, type Result } from '../../protocol/result';
import { sessionStatusSchema } from '../../protocol/session';
import { parseTaskId, taskStateSchema } from '../../protocol/task';
import type { Logger } from '../logger';
import type { Store } from '../store/store-types';
import { describeZodError, sendJson, sendResult } from './http-io';
import { createRouter, type RouteEntry } from './router';

/**
 * The durable record over HTTP (read only). Behind the same guard as every /api/ route.
 *
 *   GET /api/history/tasks?state=&agent=&limit=   → TaskInfo[] (newest first)
 *   GET /api/history/tasks/:id                    → {task, events, children}
 *   GET /api/history/sessions?status=&limit=      → SessionInfo[] (newest first)
 *   GET /api/history/sessions/:id                 → {session, events, recordingBytes}
 *   GET /api/recordings/:sessionId.cast           asciicast v2 file (?download=1: as an attachment)
 *   GET /api/export.jsonl?afterSeq=               every event, one JSON per line, streamed
 */
export interface HistoryApiOptions {
  store: Store;
  /** Folder of `<sessionId>.cast` files; undefined when recording is off. */
  recordingsDir: string | undefined;
  /** Writes what the recorder still buffers for a live session before the file is served. */
  flushRecording?: (id: SessionId) => Promise<void>;
  log: Logger;
}

/** Handles the request and returns true when the path is one of ours; false leaves it to the next handler. */
export type HistoryHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const EXPORT = {
  /** Events per page of an export: each page is one short read (a WAL reader held open for a
   * whole export would stop checkpoints) and one socket write that honours backpressure. */
  pageEvents: 2000,
} as const;

const limitSchema = z.coerce.number().int().min(1).max(1000).optional();
const taskQuerySchema = z.object({ state: taskStateSchema.optional(), agent: agentKindSchema.optional(), limit: limitSchema });
const sessionQuerySchema = z.object({ status: sessionStatusSchema.optional(), limit: limitSchema });
const exportQuerySchema = z.object({ afterSeq: z.coerce.number().int().min(0).optional() });

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  params: Readonly<Record<string, string>>;
  query: Record<string, string>;
}
type Route = (ctx: Ctx) => Promise<void> | void;

export function createHistoryApi(options: HistoryApiOptions): HistoryHandler {
  const router = createRouter(buildRoutes(options));
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (match.kind === 'not-found') return false;
    if (match.kind === 'method-not-allowed') {
      const allow = match.allow.join(', ');
      sendJson(res, 405, err('invalid:payload', `method not allowed; use ${allow}`), { Allow: allow });
      return true;
    }
    try {
      await match.handler({ req, res, params: match.params, query: Object.fromEntries(url.searchParams) });
    } catch (error) {
      options.log.log('error', `history ${req.method ?? '?'} ${url.pathname} failed`, error);
      if (!res.headersSent) sendResult(res, err('failed:internal', 'internal error'));
      else res.destroy();
    }
    return true;
  };
}

function parseQuery<S extends z.ZodType>(schema: S, ctx: Ctx): z.output<S> | undefined {
  const parsed = schema.safeParse(ctx.query);
  if (parsed.success) return parsed.data;
  sendResult(ctx.res, err('invalid:payload', describeZodError(parsed.error)));
  return undefined;
}

function buildRoutes({ store, recordingsDir, flushRecording }: HistoryApiOptions): RouteEntry<Route>[] {
  const reply = (ctx: Ctx, result: Result<unknown>): void => sendResult(ctx.res, result);
  return [
    {
      method: 'GET',
      pattern: '/api/history/tasks',
      handler: (ctx) => {
        const q = parseQuery(taskQuerySchema, ctx);
        if (q) reply(ctx, ok(store.listTasks(q)));
      },
    },
    {
      method: 'GET',
      pattern: '/api/history/tasks/:id',
      handler: (ctx) => {
        const id = parseTaskId(ctx.params['id']);
        const task = id === undefined ? undefined : store.getTask(id);
        if (id === undefined || task === undefined) return reply(ctx, err('not_found:task', 'no such task in the history'));
        reply(ctx, ok({ task, events: store.events({ taskId: id }), children: store.childTasks(id) }));
      },
    },
    {
      method: 'GET',
      pattern: '/api/history/sessions',
      handler: (ctx) => {
        const q = parseQuery(sessionQuerySchema, ctx);
        if (q) reply(ctx, ok(store.listSessions(q)));
      },
    },
    {
      method: 'GET',
      pattern: '/api/history/sessions/:id',
      handler: async (ctx) => {
        const id = parseSessionId(ctx.params['id']);
        const session = id === undefined ? undefined : store.getSession(id);
        if (id === undefined || session === undefined) return reply(ctx, err('not_found:session', 'no such session in the history'));
        const recording = recordingsDir === undefined ? undefined : await fileSize(join(recordingsDir, `${id}.cast`));
        reply(ctx, ok({ session, events: store.events({ sessionId: id }), recordingBytes: recording ?? null }));
      },
    },
    {
      method: 'GET',
      pattern: '/api/recordings/:file',
      handler: async (ctx) => {
        const name = ctx.params['file'] ?? '';
        const id = name.endsWith('.cast') ? parseSessionId(name.slice(0, -'.cast'.length)) : undefined;
        if (id === undefined || recordingsDir === undefined) return reply(ctx, err('not_found:recording', 'no such recording'));
        await flushRecording?.(id);
        const path = join(recordingsDir, `${id}.cast`);
        const size = await fileSize(path);
        if (size === undefined) return reply(ctx, err('not_found:recording', 'no such recording'));
        ctx.res.writeHead(200, {
          'Content-Type': 'application/x-asciicast',
          // The size when asked: a live recording keeps growing, the reply ends here.
          'Content-Length': String(size),
          'Cache-Control': 'no-store',
          ...(ctx.query['download'] === '1' ? { 'Content-Disposition': `attachment; filename="${id}.cast"` } : {}),
        });
        if (size === 0) return void ctx.res.end();
        await pipeline(createReadStream(path, { start: 0, end: size - 1 }), ctx.res);
      },
    },
    {
      method: 'GET',
      pattern: '/api/export.jsonl',
      handler: async (ctx) => {
        const q = parseQuery(exportQuerySchema, ctx);
        if (q) await streamExport(store, ctx.res, q.afterSeq ?? 0);
      },
    },
  ];
}

/** Pages through the ledger up to the last event at the start; waits for the socket to drain between pages. */
async function streamExport(store: Store, res: ServerResponse, afterSeq: number): Promise<void> {
  const untilSeq = store.stats().lastSeq;
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Content-Disposition': 'attachment; filename="axiom-events.jsonl"',
    'Cache-Control': 'no-store',
  });
  let cursor = afterSeq;
  while (!res.destroyed) {
    const lines: string[] = [];
    const page = store.exportJsonl((line) => lines.push(line), { afterSeq: cursor, untilSeq, limit: EXPORT.pageEvents });
    if (page.count > 0 && !res.write(lines.join(''))) await drained(res);
    cursor = page.lastSeq;
    if (page.count < EXPORT.pageEvents) break;
  }
  res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    // No recording for this session (recording off, or removed): "not found", not a failure.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
