import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { agentKindSchema } from '../../protocol/agent';
import { HISTORY_VERIFICATION_FILTERS, type TaskHistory } from '../../protocol/history';
import { parseSessionId, type SessionId } from '../../protocol/ids';
import { LIMITS } from '../../protocol/limits';
import { err, ok } from '../../protocol/result';
import { sessionStatusSchema } from '../../protocol/session';
import { parseTaskId, taskStateSchema } from '../../protocol/task';
import type { Logger } from '../logger';
import type { Store } from '../store/store-types';
import { serveRoute } from './http-io';
import { createRouter, itemRoutes, plain, reply, withQuery, type RouteEntry, type RouteHandler, type RouteOutcome } from './router';

/**
 * The durable record over HTTP (read only). Behind the same guard as every /api/ route.
 *
 *   GET /api/history/tasks?state=&agent=&verification=&limit=   → TaskInfo[] (newest first)
 *   GET /api/history/tasks/:id                    → {task, events, children, parent}
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
const taskQuerySchema = z.object({
  state: taskStateSchema.optional(),
  agent: agentKindSchema.optional(),
  verification: z.enum(HISTORY_VERIFICATION_FILTERS).optional(),
  limit: limitSchema,
});
const sessionQuerySchema = z.object({ status: sessionStatusSchema.optional(), limit: limitSchema });
const exportQuerySchema = z.object({ afterSeq: z.coerce.number().int().min(0).optional() });

// An id that is malformed or not in the record is the same 404.
const NO_TASK = err('not_found:task', 'no such task in the history');
const NO_SESSION = err('not_found:session', 'no such session in the history');
const onTask = itemRoutes(parseTaskId, NO_TASK);
const onSession = itemRoutes(parseSessionId, NO_SESSION);
const NO_RECORDING: RouteOutcome = { result: err('not_found:recording', 'no such recording') };

export function createHistoryApi(options: HistoryApiOptions): HistoryHandler {
  const router = createRouter(buildRoutes(options));
  return (req, res) => serveRoute(router, req, res, { log: options.log, maxBodyBytes: LIMITS.maxRestBodyBytes });
}

function buildRoutes({ store, recordingsDir, flushRecording }: HistoryApiOptions): RouteEntry<RouteHandler>[] {
  return [
    { method: 'GET', pattern: '/api/history/tasks', handler: withQuery(taskQuerySchema, (q) => reply(ok(store.listTasks(q)))) },
    {
      method: 'GET',
      pattern: '/api/history/tasks/:id',
      handler: onTask.plain((id) => {
        const task = store.getTask(id);
        if (task === undefined) return reply(NO_TASK);
        const parentTask = task.parentId === null ? undefined : store.getTask(task.parentId);
        const parent = parentTask === undefined ? null : { id: parentTask.id, name: parentTask.name };
        const history: TaskHistory = { task, events: store.events({ taskId: id }), children: store.childTasks(id), parent };
        return reply(ok(history));
      }),
    },
    { method: 'GET', pattern: '/api/history/sessions', handler: withQuery(sessionQuerySchema, (q) => reply(ok(store.listSessions(q)))) },
    {
      method: 'GET',
      pattern: '/api/history/sessions/:id',
      handler: onSession.plain(async (id) => {
        const session = store.getSession(id);
        if (session === undefined) return reply(NO_SESSION);
        // The size of what the recorder has written so far, queued output included (it is
        // written in time slices, so a session that just exited may not be on disk yet).
        if (recordingsDir !== undefined) await flushRecording?.(id);
        const recording = recordingsDir === undefined ? undefined : await fileSize(join(recordingsDir, `${id}.cast`));
        return reply(ok({ session, events: store.events({ sessionId: id }), recordingBytes: recording ?? null }));
      }),
    },
    {
      method: 'GET',
      pattern: '/api/recordings/:file',
      handler: plain(async (ctx) => {
        const name = ctx.params['file'] ?? '';
        const id = name.endsWith('.cast') ? parseSessionId(name.slice(0, -'.cast'.length)) : undefined;
        if (id === undefined || recordingsDir === undefined) return NO_RECORDING;
        await flushRecording?.(id);
        const path = join(recordingsDir, `${id}.cast`);
        const size = await fileSize(path);
        if (size === undefined) return NO_RECORDING;
        return { write: (res) => sendRecording(res, { id, path, size, download: ctx.query.get('download') === '1' }) };
      }),
    },
    {
      method: 'GET',
      pattern: '/api/export.jsonl',
      handler: withQuery(exportQuerySchema, (q) => ({ write: (res) => streamExport(store, res, q.afterSeq ?? 0) })),
    },
  ];
}

/** The file up to its size when asked: a live recording keeps growing, the reply ends here. */
async function sendRecording(res: ServerResponse, file: { id: SessionId; path: string; size: number; download: boolean }): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'application/x-asciicast',
    'Content-Length': String(file.size),
    'Cache-Control': 'no-store',
    ...(file.download ? { 'Content-Disposition': `attachment; filename="${file.id}.cast"` } : {}),
  });
  if (file.size === 0) return void res.end();
  await pipeline(createReadStream(file.path, { start: 0, end: file.size - 1 }), res);
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
