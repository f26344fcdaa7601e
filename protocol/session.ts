import { z } from 'zod';
import { LIMITS } from './limits';
import { sessionIdSchema, type SessionId } from './ids';

/** What the pane's interrupt button sends: ESC for agents (Claude Code stops a turn on ESC),
 * Ctrl-C for shells. */
export const interruptKeySchema = z.enum(['esc', 'ctrl-c']);
export type InterruptKey = z.infer<typeof interruptKeySchema>;
export const INTERRUPT_BYTES: Record<InterruptKey, string> = { esc: '\x1b', 'ctrl-c': '\x03' };

export const sessionStatusSchema = z.enum(['starting', 'running', 'exited']);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

const colsSchema = z.number().int().min(LIMITS.minCols).max(LIMITS.maxCols);
const rowsSchema = z.number().int().min(LIMITS.minRows).max(LIMITS.maxRows);

export const createSessionInputSchema = z
  .object({
    command: z.string().min(1).max(LIMITS.maxArgLength),
    args: z.array(z.string().max(LIMITS.maxArgLength)).max(LIMITS.maxArgs).default([]),
    cwd: z.string().min(1).max(LIMITS.maxArgLength).optional(),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(LIMITS.maxArgLength))
      .refine((e) => Object.keys(e).length <= LIMITS.maxEnvEntries, 'too many env entries')
      .optional(),
    name: z.string().min(1).max(LIMITS.maxNameLength).optional(),
    cols: colsSchema.default(100),
    rows: rowsSchema.default(30),
    interruptKey: interruptKeySchema.optional(),
  })
  .strict();
export type CreateSessionInput = z.input<typeof createSessionInputSchema>;
export type CreateSessionRequest = z.output<typeof createSessionInputSchema>;

/** The public view of a session, as the REST API and the socket send it. */
export interface SessionInfo {
  id: SessionId;
  name: string;
  command: string;
  args: string[];
  cwd: string;
  status: SessionStatus;
  pid: number | null;
  /** Set once exited. A process killed by a signal has exitCode null and signal set. */
  exitCode: number | null;
  signal: string | null;
  cols: number;
  rows: number;
  interruptKey: InterruptKey;
  createdAt: number;
  exitedAt: number | null;
  /** Incremented on each restart; output sequence numbers continue across restarts. */
  generation: number;
  /** Bytes of output so far (the next output sequence number), as of this snapshot of the info. */
  outputBytes: number;
}

export const sessionRefSchema = z.object({ id: sessionIdSchema }).strict();

export const inputSchema = z
  .object({ id: sessionIdSchema, data: z.string().min(1).max(LIMITS.maxInputBytes) })
  .strict();

/** The inject box sends its text in one message; a terminal paste is split (lib/commands.ts),
 * so that is where longer text goes. */
const INJECT_TOO_LONG = `at most ${LIMITS.maxInputBytes.toLocaleString('en-US')} characters at once; paste longer text into the terminal itself`;

export const injectSchema = z
  .object({
    id: sessionIdSchema,
    text: z.string().max(LIMITS.maxInputBytes, { error: INJECT_TOO_LONG }),
    /** Send Enter after the text (as a separate write, which agent CLIs need). */
    submit: z.boolean().default(true),
  })
  .strict();

export const resizeSchema = z
  .object({ id: sessionIdSchema, cols: colsSchema, rows: rowsSchema })
  .strict();

export const attachSchema = z
  .object({
    id: sessionIdSchema,
    /** The next byte offset the viewer expects after a reconnect; omitted for a fresh view. */
    fromSeq: z.number().int().min(0).optional(),
  })
  .strict();

export const ackSchema = z
  .object({ id: sessionIdSchema, seq: z.number().int().min(0) })
  .strict();

/** How urgently this viewer needs a session's output (see pty:priority). */
export const prioritySchema = z
  .object({ id: sessionIdSchema, priority: z.enum(['interactive', 'background']) })
  .strict();

export type InputRequest = z.output<typeof inputSchema>;
export type InjectRequest = z.output<typeof injectSchema>;
export type ResizeRequest = z.output<typeof resizeSchema>;
export type AttachRequest = z.output<typeof attachSchema>;
export type AckRequest = z.output<typeof ackSchema>;

/** REST bodies that carry no id (it is in the path). */
export const restInputBodySchema = inputSchema.omit({ id: true });
export const restResizeBodySchema = resizeSchema.omit({ id: true });
export const restInjectBodySchema = injectSchema.omit({ id: true });
