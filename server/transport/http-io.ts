import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { err, HTTP_STATUS, ok, type Result } from '../../protocol/result';
import type { Logger } from '../logger';
import type { RouteHandler, RouteOutcome, Router } from './router';

/** Reading JSON bodies and writing Result replies over node:http, and serving a route table. */

export interface ServeRouteOptions {
  log: Logger;
  /** Cap on a JSON body (LIMITS.maxRestBodyBytes). */
  maxBodyBytes: number;
}

/**
 * Serves the request from `router`: 405 with Allow for a known path and another method;
 * otherwise reads the JSON body (for `json` routes), calls the handler and writes its
 * outcome. Returns false, having written nothing, when no route's path matches, so the
 * caller can answer 404 or leave the request to the next handler.
 */
export async function serveRoute(
  router: Router<RouteHandler>,
  req: IncomingMessage,
  res: ServerResponse,
  options: ServeRouteOptions,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const match = router.match(req.method ?? 'GET', url.pathname);
  if (match.kind === 'not-found') return false;
  try {
    if (match.kind === 'method-not-allowed') {
      const allow = match.allow.join(', ');
      sendJson(res, 405, err('invalid:payload', `method not allowed; use ${allow}`), { Allow: allow });
      return true;
    }
    let body: unknown = undefined;
    if (match.handler.json) {
      const raw = await readJsonBody(req, { maxBytes: options.maxBodyBytes });
      if (!raw.ok) {
        // Past the cap the rest of the body is never read: close instead of draining it.
        const headers: Record<string, string> = raw.error.code === 'too_large:payload' ? { Connection: 'close' } : {};
        sendResult(res, raw, 200, headers);
        return true;
      }
      body = raw.value;
    }
    // The client hung up before the reply: a long poll (a task's wait) stops waiting.
    const gone = new AbortController();
    const onClose = (): void => {
      if (!res.writableEnded) gone.abort();
    };
    res.once('close', onClose);
    try {
      await sendOutcome(res, await match.handler.handle({ params: match.params, query: url.searchParams, body, signal: gone.signal }));
    } finally {
      res.off('close', onClose);
    }
  } catch (error) {
    options.log.log('error', `${req.method ?? '?'} ${url.pathname} failed`, error);
    if (!res.headersSent) sendResult(res, err('failed:internal', 'internal error'));
    // Mid-reply (a streamed file or export): cut it, so the client sees it incomplete.
    else res.destroy();
  }
  return true;
}

async function sendOutcome(res: ServerResponse, outcome: RouteOutcome): Promise<void> {
  if ('write' in outcome) await outcome.write(res);
  else if ('text' in outcome) sendText(res, 200, outcome.text);
  else sendResult(res, outcome.result, outcome.okStatus);
}

export function sendResult(
  res: ServerResponse,
  result: Result<unknown>,
  okStatus = 200,
  extraHeaders: Record<string, string> = {},
): void {
  const status = result.ok ? okStatus : HTTP_STATUS[result.error.code];
  sendJson(res, status, result, extraHeaders);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export interface ReadJsonOptions {
  maxBytes: number;
}

/**
 * Reads and parses a JSON body. Refuses early: a declared Content-Length over the cap is
 * refused before reading a byte, and a chunked body is dropped as soon as it passes the
 * cap (the connection is then closed so the rest is never buffered).
 */
export async function readJsonBody(req: IncomingMessage, options: ReadJsonOptions): Promise<Result<unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  // An action with no body at all (curl -X POST .../interrupt) means "the defaults".
  const noBody = req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
  if (type === '' && noBody) return ok(undefined);
  if (type !== 'application/json') {
    return err('invalid:payload', 'Content-Type must be application/json');
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    return tooLarge(options.maxBytes);
  }
  const body = await collect(req, options.maxBytes);
  if (body === 'too-large') return tooLarge(options.maxBytes);
  const text = body.toString('utf8');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    // Only a SyntaxError means "the client sent bad JSON"; anything else is ours.
    if (error instanceof SyntaxError) return err('invalid:json', 'the body is not valid JSON');
    throw error;
  }
}

/**
 * Collects at most `maxBytes`. Past the cap it stops listening and pauses the stream
 * rather than destroying it (destroying the request would destroy the socket before the
 * 413 is written); the reply then carries `Connection: close`.
 */
function collect(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        cleanup();
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function tooLarge(maxBytes: number): Result<never> {
  return err('too_large:payload', `the body is larger than ${maxBytes} bytes`);
}

/** A short human message from zod issues: the first few, with their paths. */
export function describeZodError(error: z.ZodError, maxIssues = 3): string {
  const parts = error.issues.slice(0, maxIssues).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > maxIssues ? ` (+${error.issues.length - maxIssues} more)` : '';
  return `${parts.join('; ')}${more}`;
}
