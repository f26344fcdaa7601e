import { z } from 'zod';
import { sessionIdSchema, type SessionId } from './ids';

/**
 * Arbitration of a pane's keyboard between a person and the agents that type into it
 * (server/tasks/input-arbiter.ts). While a pane is held, prompts sent to its task through
 * MCP or the API wait in the task's queue instead of interleaving with the person's keys.
 */

/** `typing`: a person typed in the pane moments ago; `claimed`: a person pressed the
 * pane's claim toggle. A claim wins over typing: it is the stronger, explicit signal. */
export const HOLD_REASONS = ['typing', 'claimed'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/**
 * A pane's hold as browsers see it, sent on transitions only (held by a new reason, a
 * claim's expiry moved, or free again), never per keystroke. `until` is the claim's
 * time-out (epoch ms); null for typing, whose end moves with every key.
 */
export interface PaneHold {
  id: SessionId;
  reason: HoldReason | null;
  until: number | null;
}

/** A claim someone forgot to release stops holding after this long (the time-out). */
export const CLAIM_MAX_MS = 5 * 60_000;

/** 'pane:claim': take (`claimed: true`) or give back the keyboard of a session's pane. */
export const paneClaimRequestSchema = z.object({ id: sessionIdSchema, claimed: z.boolean() }).strict();
export type PaneClaimRequest = z.input<typeof paneClaimRequestSchema>;

/** The ack of 'pane:claim': when the claim times out, or null once released. */
export interface PaneClaimReply {
  heldUntil: number | null;
}
