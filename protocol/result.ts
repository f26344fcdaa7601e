/**
 * The reply shape of every command, on the socket (ack) and over REST (JSON body).
 * Error codes are a closed union shaped `kind:surface` so a client can switch on them;
 * internal details go to the server log, never onto the wire.
 */
export const ERROR_CODES = [
  'invalid:payload',
  'invalid:json',
  'too_large:payload',
  'not_found:session',
  'not_found:route',
  'not_found:task',
  'not_found:suggestion',
  'not_found:recording',
  'refused:session-exited',
  'refused:session-limit',
  'refused:task-ended',
  'refused:suggestion-resolved',
  'refused:not-waiting',
  'refused:hook-secret',
  'refused:unauthorized',
  'refused:origin',
  'refused:host',
  'refused:rate-limit',
  'refused:scope',
  'failed:spawn',
  'failed:timeout',
  'failed:workspace',
  'failed:internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** HTTP status for each error code, so REST and socket replies never disagree. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  'invalid:payload': 400,
  'invalid:json': 400,
  'too_large:payload': 413,
  'not_found:session': 404,
  'not_found:route': 404,
  'not_found:task': 404,
  'not_found:suggestion': 404,
  'not_found:recording': 404,
  'refused:session-exited': 409,
  'refused:session-limit': 429,
  'refused:task-ended': 409,
  'refused:suggestion-resolved': 409,
  'refused:not-waiting': 409,
  'refused:hook-secret': 403,
  'refused:unauthorized': 401,
  'refused:origin': 403,
  'refused:host': 403,
  'refused:rate-limit': 429,
  'refused:scope': 403,
  'failed:spawn': 500,
  'failed:timeout': 504,
  'failed:workspace': 500,
  'failed:internal': 500,
};
