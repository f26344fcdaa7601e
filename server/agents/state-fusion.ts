import type { AgentState, AgentStatus, StateSignal, WaitingInfo } from '../../protocol/agent';

/**
 * Fuses the signals an agent gives about its state into one state. Pure: time comes in as
 * an argument, so every rule is testable without clocks.
 *
 * The rules, and why:
 * - The process exit is final and beats everything.
 * - Each signal is remembered with the time it last *changed* its reading. The strongest
 *   signal that has spoken leads; a weaker signal overrides it only when it changed later
 *   (hooks say "busy" when a prompt is submitted but nothing when ESC interrupts a turn; the
 *   title and screen see the interrupt, and their newer change wins).
 * - Output silence is a fallback only: consulted when no other signal has an opinion (an
 *   agent waiting on a permission prompt is silent, and must stay "waiting").
 * - Continuous signals (title, screen) that contradict the fused state for longer than the
 *   tolerance raise a disagreement: the sign that a CLI update broke a rule.
 */
export interface SignalReading {
  state: Exclude<AgentState, 'exited'>;
  /** When this signal last changed its state (ms). */
  changedAt: number;
  waiting: WaitingInfo | null;
  /** What it read before this change (stands in while an idle reading settles). */
  before: { state: Exclude<AgentState, 'exited'>; changedAt: number; waiting: WaitingInfo | null } | null;
  /** The signal reads nothing now (see `noOpinion`). */
  silent?: boolean;
}

export type FusedSignal = Exclude<StateSignal, 'process'>;
const PRIORITY: readonly FusedSignal[] = ['hook', 'transcript', 'title', 'screen'];
const CONTINUOUS: ReadonlySet<FusedSignal> = new Set(['title', 'screen']);

export interface FusionOptions {
  /** How long a continuous signal may contradict the fused state before it is flagged. */
  disagreeAfterMs: number;
  /** How long a title or screen reading of idle must hold before it counts. */
  idleSettleMs: number;
}

export const DEFAULT_FUSION: FusionOptions = { disagreeAfterMs: 10_000, idleSettleMs: 300 };

export class StateFusion {
  private readonly readings = new Map<FusedSignal, SignalReading>();
  private exit: { code: number | null; at: number } | null = null;
  private readonly disagreeSince = new Map<FusedSignal, number>();
  private readonly startedAt: number;

  constructor(
    now: number,
    private readonly options: FusionOptions = DEFAULT_FUSION,
  ) {
    this.startedAt = now;
  }

  /** Records what a signal reads now. A repeated reading keeps its original change time. */
  observe(signal: FusedSignal, state: SignalReading['state'], now: number, waiting: WaitingInfo | null = null): void {
    const prev = this.readings.get(signal);
    if (prev !== undefined && prev.state === state) {
      // Same state: keep the time it changed, but refresh what it is waiting for.
      if (waiting !== null) prev.waiting = waiting;
      delete prev.silent;
      return;
    }
    this.readings.set(signal, { state, changedAt: now, waiting, before: prev === undefined ? null : { state: prev.state, changedAt: prev.changedAt, waiting: prev.waiting } });
  }

  /**
   * A continuous signal that reads nothing now (a screen no rule matches: a narrow pane cuts
   * Claude's idle hint to "← fo…"). Its last reading still counts for the state, as the
   * last thing it showed, but it no longer contradicts anything: a finished turn read
   * "busy" mid-turn and nothing after, and raised the ⚠ of a broken rule on every idle
   * agent in a narrow pane.
   */
  noOpinion(signal: FusedSignal): void {
    const reading = this.readings.get(signal);
    if (reading !== undefined) reading.silent = true;
  }

  /** An event signal (a hook) repeating the same state is still news: it moves the change time. */
  event(signal: FusedSignal, state: SignalReading['state'], now: number, waiting: WaitingInfo | null = null): void {
    this.readings.set(signal, { state, changedAt: now, waiting, before: null });
  }

  exited(code: number | null, now: number): void {
    this.exit ??= { code, at: now };
  }

  reading(signal: FusedSignal): SignalReading | undefined {
    return this.readings.get(signal);
  }

  /** The fused status (lastLine is the caller's to fill). */
  fuse(now: number): Omit<AgentStatus, 'lastLine'> {
    if (this.exit !== null) {
      return { state: 'exited', signal: 'process', since: this.exit.at, waiting: null, disagreement: null, exitCode: this.exit.code };
    }
    let winner: { signal: FusedSignal; reading: SignalReading } | null = null;
    for (const signal of PRIORITY) {
      const latest = this.readings.get(signal);
      if (latest === undefined) continue;
      // The CLI's title turns idle a moment before its screen shows a permission prompt:
      // a screen or title that just turned idle must hold for a moment before it counts;
      // until then it reads as what it said before.
      const settling = latest.state === 'idle' && CONTINUOUS.has(signal) && now - latest.changedAt < this.options.idleSettleMs;
      if (settling && latest.before === null) continue;
      const reading: SignalReading = settling && latest.before !== null ? { ...latest.before, before: null } : latest;
      if (winner === null || reading.changedAt > winner.reading.changedAt) winner = { signal, reading };
      // Read in the same instant, a weaker signal that sees a question beats a stronger one
      // that cannot show questions (the title shows idle while a permission prompt waits).
      else if (reading.changedAt === winner.reading.changedAt && reading.state === 'waiting' && winner.reading.state !== 'waiting') {
        winner = { signal, reading };
      }
    }
    if (winner === null) {
      const silence = this.readings.get('silence');
      if (silence !== undefined) winner = { signal: 'silence', reading: silence };
    }
    if (winner === null) {
      return { state: 'starting', signal: 'silence', since: this.startedAt, waiting: null, disagreement: null, exitCode: null };
    }
    const state = winner.reading.state;
    return {
      state,
      signal: winner.signal,
      since: winner.reading.changedAt,
      waiting: state === 'waiting' ? this.bestWaiting(winner.reading.waiting) : null,
      disagreement: this.disagreement(state, now),
      exitCode: null,
    };
  }

  /** A hook knows *that* the agent waits; the screen shows the question and its numbered
   * choices. Prefer the reading that has the choices. */
  private bestWaiting(fromWinner: WaitingInfo | null): WaitingInfo | null {
    if (fromWinner !== null && fromWinner.choices.length > 0) return fromWinner;
    for (const r of this.readings.values()) if (r.state === 'waiting' && r.waiting !== null && r.waiting.choices.length > 0) return r.waiting;
    return fromWinner ?? [...this.readings.values()].find((r) => r.state === 'waiting' && r.waiting !== null)?.waiting ?? null;
  }

  private disagreement(state: AgentState, now: number): AgentStatus['disagreement'] {
    const against: Array<{ signal: StateSignal; state: AgentState }> = [];
    let earliest = Number.POSITIVE_INFINITY;
    for (const signal of CONTINUOUS) {
      const reading = this.readings.get(signal);
      if (reading === undefined || reading.silent === true || compatible(signal, reading.state, state)) {
        this.disagreeSince.delete(signal);
        continue;
      }
      const since = this.disagreeSince.get(signal) ?? now;
      this.disagreeSince.set(signal, since);
      if (now - since >= this.options.disagreeAfterMs) {
        against.push({ signal, state: reading.state });
        earliest = Math.min(earliest, since);
      }
    }
    return against.length === 0 ? null : { signals: against, since: earliest };
  }
}

/** A title cannot show "waiting" (it reads busy or idle while a prompt waits): no
 * contradiction there. */
function compatible(signal: FusedSignal, reading: AgentState, fused: AgentState): boolean {
  if (reading === fused) return true;
  return signal === 'title' && fused === 'waiting';
}

export type { StateSignal };
