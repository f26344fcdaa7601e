import type { SessionId } from '../../protocol/ids';
import type { HostRequest, SessionHost } from '../sessions/session-host';

/**
 * Who has the keyboard of a pane: while a person is typing in it (keystrokes from a
 * browser within the last `quietMs`) or has claimed it, prompts that the console types on
 * an agent's behalf (task prompts from MCP, the API, the queue) wait, visible in the task's
 * queue, instead of interleaving with the person's keystrokes. They go in once the pane
 * has been quiet for `quietMs`, the claim is released, or the claim times out. Pure apart
 * from the clock, which is injected.
 */
export const ARBITRATION = {
  /** Two seconds without a keystroke reads as "done typing": longer than the pauses
   * inside a sentence, short enough that a held prompt does not feel lost. */
  quietMs: 2_000,
  /** A claim someone forgot to release stops holding after this long (the timeout). */
  claimTtlMs: 5 * 60_000,
} as const;

export interface InputArbiterOptions {
  quietMs?: number;
  claimTtlMs?: number;
  now?: () => number;
}

export class InputArbiter {
  private readonly lastTyped = new Map<SessionId, number>();
  private readonly claims = new Map<SessionId, number>();
  private readonly quietMs: number;
  private readonly claimTtlMs: number;
  private readonly now: () => number;

  constructor(options: InputArbiterOptions = {}) {
    this.quietMs = options.quietMs ?? ARBITRATION.quietMs;
    this.claimTtlMs = options.claimTtlMs ?? ARBITRATION.claimTtlMs;
    this.now = options.now ?? Date.now;
  }

  /** A person typed in the pane. */
  typed(id: SessionId): void {
    this.lastTyped.set(id, this.now());
  }

  /** A person takes the pane until release() or the claim's time-out. */
  claim(id: SessionId, ttlMs: number = this.claimTtlMs): void {
    this.claims.set(id, this.now() + Math.min(ttlMs, this.claimTtlMs));
  }

  release(id: SessionId): void {
    this.claims.delete(id);
    this.lastTyped.delete(id);
  }

  /** How long the pane stays held from now; 0 when programmatic input may go in. */
  heldMs(id: SessionId): number {
    const now = this.now();
    const claimedUntil = this.claims.get(id) ?? 0;
    if (claimedUntil <= now) this.claims.delete(id);
    const typingUntil = (this.lastTyped.get(id) ?? -Infinity) + this.quietMs;
    return Math.max(0, claimedUntil - now, typingUntil - now);
  }

  forget(id: SessionId): void {
    this.claims.delete(id);
    this.lastTyped.delete(id);
  }

  /** The host as browsers use it: every `input` request (keystrokes from a pane) is noted
   * as a person typing; everything passes through unchanged. */
  watch(host: SessionHost): SessionHost {
    // Removed sessions leave nothing behind (the host lives as long as the console).
    host.onEvent((e) => {
      if (e.type === 'session:removed') this.forget(e.id);
    });
    return {
      request: <R extends HostRequest>(req: R) => {
        if (req.type === 'input') this.typed(req.id);
        return host.request(req);
      },
      onEvent: (listener) => host.onEvent(listener),
      dispose: () => host.dispose(),
    };
  }
}
