import type { AppendEvent } from './store-types';

/**
 * Checks and normalises an event before it is written. Pure.
 *
 * The type is a free string (new layers add their own events without a schema change) but
 * shaped, so the ledger stays greppable: dotted lower-case words, `task.state`,
 * `steer.inject.done`.
 */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*){0,4}$/;

export const EVENT_LIMITS = {
  /** A type longer than this is a bug, not a name. */
  maxTypeChars: 64,
  /** Ids are short (s-…, t-…); this only stops garbage from becoming an index key. */
  maxIdChars: 128,
  /** 256 KiB of JSON: the largest legitimate payload is a prompt of 32 Ki characters, up
   * to ~96 KiB as UTF-8 and more once escaped; past this a row would bloat the ledger
   * (and every export) for what is surely a runaway payload. */
  maxDataBytes: 256 * 1024,
  /** What an oversized payload keeps, so the record still says what it was. */
  previewChars: 1024,
} as const;

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

export interface EventRow {
  at: number;
  type: string;
  session_id: string | null;
  task_id: string | null;
  data: string;
}

export function toEventRow(event: AppendEvent, now: () => number): EventRow {
  if (event.type.length > EVENT_LIMITS.maxTypeChars || !EVENT_TYPE_PATTERN.test(event.type)) {
    throw new InvalidEventError(`invalid event type ${JSON.stringify(event.type.slice(0, 80))}`);
  }
  const at = event.at ?? now();
  if (!Number.isFinite(at) || at < 0) throw new InvalidEventError(`invalid event time ${at}`);
  return {
    at: Math.round(at),
    type: event.type,
    session_id: checkId(event.sessionId, 'sessionId'),
    task_id: checkId(event.taskId, 'taskId'),
    data: encodeData(event.data),
  };
}

function checkId(id: string | null | undefined, what: string): string | null {
  if (id === undefined || id === null) return null;
  if (id.length === 0 || id.length > EVENT_LIMITS.maxIdChars) throw new InvalidEventError(`invalid ${what}`);
  return id;
}

/** JSON text of the payload; undefined becomes null; an oversized one becomes a note. */
export function encodeData(data: unknown): string {
  const json = JSON.stringify(data) ?? 'null';
  // Length first: UTF-8 is at least one byte per UTF-16 unit, and byteLength costs a scan.
  if (json.length * 3 <= EVENT_LIMITS.maxDataBytes) return json;
  const bytes = Buffer.byteLength(json);
  if (bytes <= EVENT_LIMITS.maxDataBytes) return json;
  return JSON.stringify({ truncated: true, bytes, preview: json.slice(0, EVENT_LIMITS.previewChars) });
}
