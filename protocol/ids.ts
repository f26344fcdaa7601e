import { z } from 'zod';

/**
 * Ids are branded so a task id can never be passed where a session id is expected.
 * They are only made by the parse functions (or the server's generator), never by casts
 * scattered through the code.
 */
declare const sessionIdBrand: unique symbol;
export type SessionId = string & { readonly [sessionIdBrand]: true };

/** Short, URL- and DOM-safe: used in routes, room names and data-testid attributes. */
export const SESSION_ID_PATTERN = /^s-[a-z0-9]{6,32}$/;

export const sessionIdSchema = z
  .string()
  .regex(SESSION_ID_PATTERN, 'not a session id')
  .transform((s) => s as SessionId);

export function parseSessionId(raw: unknown): SessionId | undefined {
  const r = sessionIdSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}
