import { CLAIM_MAX_MS, type HoldReason, type PaneHold } from '../../protocol/arbitration';
import type { SessionId } from '../../protocol/ids';
import type { HostRequest, SessionHost } from '../sessions/session-host';

/**
 * Who has the keyboard of a pane: while a person is typing in it (keystrokes from a
 * browser within the last `quietMs`) or has claimed it, prompts that the console types on
 * an agent's behalf (task prompts from MCP, the API, the queue) wait, visible in the task's
 * queue, instead of interleaving with the person's keystrokes. They go in once the pane
 * has been quiet for `quietMs`, the claim is released, or the claim times out. Pure apart
 * from the clock and one timer per held pane (so "free again" is reported when it happens,
 * not when someone next asks).
 */
export const ARBITRATION = {
  /** Two seconds without a keystroke reads as "done typing": longer than the pauses
   * inside a sentence, short enough that a held prompt does not feel lost. */
  quietMs: 2_000,
  /** A claim someone forgot to release stops holding after this long (the timeout). */
  claimTtlMs: CLAIM_MAX_MS,
} as const;

export interface InputArbiterOptions {
  quietMs?: number;
  claimTtlMs?: number;
  now?: () => number;
}

export interface ClaimOptions {
  ttlMs?: number;
  /** Who holds it (a socket id): releaseOwnedBy() ends its claims when it goes away. */
  owner?: string;
}

export type HoldListener = (hold: PaneHold) => void;

interface Claim {
  until: number;
  owner: string | null;
}

export class InputArbiter {
  private readonly lastTyped = new Map<SessionId, number>();
  private readonly claims = new Map<SessionId, Claim>();
  /** The hold last reported per pane, so listeners hear transitions, not keystrokes. */
  private readonly reported = new Map<SessionId, PaneHold>();
  private readonly timers = new Map<SessionId, NodeJS.Timeout>();
  private readonly listeners = new Set<HoldListener>();
  private readonly quietMs: number;
  private readonly claimTtlMs: number;
  private readonly now: () => number;

  constructor(options: InputArbiterOptions = {}) {
    this.quietMs = options.quietMs ?? ARBITRATION.quietMs;
    this.claimTtlMs = options.claimTtlMs ?? ARBITRATION.claimTtlMs;
    this.now = options.now ?? (() => Date.now());
  }

  /** Hears every change of a pane's hold: held (and why), or free again. */
  onChange(listener: HoldListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The panes held now, as last reported (for a browser that just connected). */
  holds(): PaneHold[] {
    return [...this.reported.values()];
  }

  /** A person typed in the pane. */
  typed(id: SessionId): void {
    this.lastTyped.set(id, this.now());
    this.sync(id);
  }

  /** A person takes the pane until release() or the claim's time-out; returns that time-out. */
  claim(id: SessionId, options: ClaimOptions = {}): number {
    const until = this.now() + Math.min(options.ttlMs ?? this.claimTtlMs, this.claimTtlMs);
    this.claims.set(id, { until, owner: options.owner ?? null });
    this.sync(id);
    return until;
  }

  release(id: SessionId): void {
    this.claims.delete(id);
    this.lastTyped.delete(id);
    this.sync(id);
  }

  /** Ends the claims `owner` still holds (its socket disconnected). */
  releaseOwnedBy(owner: string): void {
    for (const [id, claim] of [...this.claims]) if (claim.owner === owner) this.release(id);
  }

  /** How long the pane stays held from now; 0 when programmatic input may go in. */
  heldMs(id: SessionId): number {
    const now = this.now();
    const claimedUntil = this.claimedUntil(id, now);
    const typingUntil = (this.lastTyped.get(id) ?? -Infinity) + this.quietMs;
    return Math.max(0, claimedUntil - now, typingUntil - now);
  }

  forget(id: SessionId): void {
    this.claims.delete(id);
    this.lastTyped.delete(id);
    this.sync(id);
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
        // The keystroke goes out first; the hold it starts (and its broadcast) after.
        const result = host.request(req);
        if (req.type === 'input') this.typed(req.id);
        return result;
      },
      send: (req) => {
        host.send(req);
        if (req.type === 'input') this.typed(req.id);
      },
      onEvent: (listener) => host.onEvent(listener),
      dispose: () => host.dispose(),
    };
  }

  private claimedUntil(id: SessionId, now: number): number {
    const claim = this.claims.get(id);
    if (claim === undefined) return 0;
    if (claim.until > now) return claim.until;
    this.claims.delete(id);
    return 0;
  }

  /** Reports the pane's hold if it changed, and wakes up when it would end. A typing hold
   * that keeps being extended is not re-reported: the timer finds it still held and waits
   * again. */
  private sync(id: SessionId): void {
    const now = this.now();
    const claimedUntil = this.claimedUntil(id, now);
    const typingUntil = (this.lastTyped.get(id) ?? -Infinity) + this.quietMs;
    const reason: HoldReason | null = claimedUntil > now ? 'claimed' : typingUntil > now ? 'typing' : null;
    const hold: PaneHold = { id, reason, until: reason === 'claimed' ? claimedUntil : null };
    const before = this.reported.get(id);
    const changed = (before?.reason ?? null) !== hold.reason || (before?.until ?? null) !== hold.until;
    if (reason === null) {
      this.reported.delete(id);
      this.lastTyped.delete(id);
      clearTimeout(this.timers.get(id));
      this.timers.delete(id);
    } else {
      this.reported.set(id, hold);
      if (changed || !this.timers.has(id)) this.wakeAt(id, Math.max(claimedUntil, typingUntil) - now);
    }
    if (changed) for (const l of this.listeners) l(hold);
  }

  private wakeAt(id: SessionId, ms: number): void {
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.sync(id);
    }, Math.max(0, ms));
    timer.unref();
    this.timers.set(id, timer);
  }
}
