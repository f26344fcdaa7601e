import type { ErrorCode, Result } from '../protocol/result';
import { errorText } from './error-text';

/**
 * Reads of the history API from the browser. Same-origin with the auth cookie (set when
 * the console URL with its token was first opened), so no token is handled here.
 */
export class HistoryFetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  signal?: AbortSignal;
  /** The browser's fetch unless a test gives another. */
  fetchFn?: typeof fetch;
}

/**
 * The value of a Result reply. Fails with a message for a person: the server's error in
 * words, or, when something else answered (a proxy's HTML error page, an empty body), the
 * HTTP status instead of a JSON parser's "Unexpected token <".
 */
export async function fetchResult<T>(path: string, options: FetchOptions = {}): Promise<T> {
  const res = await (options.fetchFn ?? fetch)(path, { credentials: 'same-origin', cache: 'no-store', signal: options.signal });
  const body = await readResult<T>(res);
  if (body === undefined) throw new HistoryFetchError(`The console answered HTTP ${res.status} without a readable reply`, res.status);
  if (!body.ok) throw new HistoryFetchError(errorText(body.error), res.status);
  return body.value;
}

export async function fetchText(path: string, options: FetchOptions = {}): Promise<string> {
  const res = await (options.fetchFn ?? fetch)(path, { credentials: 'same-origin', cache: 'no-store', signal: options.signal });
  if (res.ok) return res.text();
  const body = await readResult<unknown>(res);
  const why = body !== undefined && !body.ok ? errorText(body.error) : `HTTP ${res.status}`;
  throw new HistoryFetchError(why, res.status);
}

/** The body as a Result, or undefined when it is not one. */
async function readResult<T>(res: Response): Promise<Result<T> | undefined> {
  let body: unknown;
  try {
    body = await res.json();
  } catch (error) {
    // Not JSON at all: the caller reports the HTTP status instead. An abort is not this.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof body !== 'object' || body === null || !('ok' in body)) return undefined;
  if (body.ok === true) return body as Result<T>;
  const e = (body as { error?: { code?: unknown; message?: unknown } }).error;
  if (typeof e?.code !== 'string' || typeof e.message !== 'string') return undefined;
  return { ok: false, error: { code: e.code as ErrorCode, message: e.message } };
}

export function recordingUrl(sessionId: string, download = false): string {
  return `/api/recordings/${encodeURIComponent(sessionId)}.cast${download ? '?download=1' : ''}`;
}

/** "?state=busy&agent=claude" without the empty ones. */
export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
