import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequest, type RequestFacts } from './request-reading';
import { chooseTurn } from './scenarios';
import { encodeFrame, messageBody, turnFrames } from './sse-frames';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The scripted model's HTTP shell: an Anthropic Messages API on 127.0.0.1 that plays the
 * turn chosen by scenarios.ts. Everything it decides is in the pure modules; this file
 * only reads bodies, writes frames on a timer, and stops writing when the client goes
 * away (an interrupted CLI closes its request).
 */

export interface ScriptedModelOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** Delay between SSE frames of an ordinary turn (the slow and think scenarios keep their
   * own pace). Default 30 ms: visibly streamed, still quick. */
  frameDelayMs?: number;
  /** Called for each Messages request (for tests and the recording tool). */
  onRequest?: (entry: { path: string; facts: RequestFacts; scenario: string; body: unknown }) => void;
}

export interface ScriptedModel {
  url: string;
  port: number;
  close(): Promise<void>;
  requestCount(): number;
}

const DEFAULT_FRAME_DELAY_MS = 30;
/** The CLI's requests carry the whole conversation plus tool schemas; 20 MB is far above
 * that and still bounds memory if something sends garbage. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function startScriptedModel(options: ScriptedModelOptions = {}): Promise<ScriptedModel> {
  const frameDelayMs = options.frameDelayMs ?? DEFAULT_FRAME_DELAY_MS;
  let count = 0;
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(e) } }));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'HEAD' || req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(req.method === 'GET' ? 'scripted model\n' : undefined);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const body = await readJson(req);
    if (url.pathname === '/v1/messages/count_tokens') {
      sendJson(res, 200, { input_tokens: 100 });
      return;
    }
    if (url.pathname !== '/v1/messages') {
      sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${url.pathname}` } });
      return;
    }
    count += 1;
    const facts = readRequest(body);
    const { scenario, turn } = chooseTurn(facts);
    options.onRequest?.({ path: url.pathname, facts, scenario, body });
    const messageId = `msg_${randomBytes(8).toString('hex')}`;
    if (turn.error?.via === 'http') {
      sendJson(res, turn.error.httpStatus, { type: 'error', error: { type: turn.error.errorType, message: turn.error.message } });
      return;
    }
    if (!facts.stream) {
      sendJson(res, 200, messageBody(turn, { model: facts.model, messageId }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'request-id': messageId });
    await playFrames(res, turnFrames(turn, { model: facts.model, messageId, frameDelayMs }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requestCount: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        // Streams in flight (a slow turn) would hold close() open for minutes.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes frames with their delays; stops as soon as the client disconnects. */
async function playFrames(res: http.ServerResponse, frames: ReturnType<typeof turnFrames>): Promise<void> {
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  for (const frame of frames) {
    if (frame.delayMs > 0) await sleep(frame.delayMs);
    if (gone) return;
    res.write(encodeFrame(frame));
  }
  res.end();
}


function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.byteLength;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(b);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    // A body that is not JSON is answered like an empty request (a default reply), the
    // most useful thing a test double can do with it.
    return {};
  }
}
