import type { Result } from '@/protocol/result';

/**
 * Reads of the history API from the browser. Same-origin with the auth cookie (set when
 * the console URL with its token was first opened), so no token is handled here.
 */
export class HistoryFetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function fetchResult<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', cache: 'no-store', signal });
  const body = (await res.json()) as Result<T>;
  if (!body.ok) throw new HistoryFetchError(body.error.message, res.status, body.error.code);
  return body.value;
}

export async function fetchText(path: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(path, { credentials: 'same-origin', cache: 'no-store', signal });
  if (!res.ok) throw new HistoryFetchError(`${path}: HTTP ${res.status}`, res.status, 'http');
  return res.text();
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
