import { randomUUID } from 'node:crypto';
import type { ApproveChoice, AgentStatus, InterruptOutcome, PromptReceipt } from '../../protocol/agent';
import type { SessionId } from '../../protocol/ids';
import { err, ok, type Result } from '../../protocol/result';
import { INTERRUPT_BYTES, type InterruptKey } from '../../protocol/session';
import type { SessionHost } from '../sessions/session-host';
import type { AgentAdapter } from './agent-adapter';
import { AgentMonitor } from './agent-monitor';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One running agent: its monitor plus the actions that confirm themselves. A prompt is
 * typed, then Enter after the adapter's delay, then checked (the agent turned busy, a submit
 * hook fired, or output followed Enter); Enter is retried once; the receipt says what
 * happened. A prompt for a busy agent waits in a queue and is delivered when it is idle.
 * An interrupt sends the adapter's key and checks that the work stopped.
 */
export interface AgentRunOptions {
  host: SessionHost;
  sessionId: SessionId;
  adapter: AgentAdapter;
  onStatus: (status: AgentStatus) => void;
  /** Called whenever the queue or a receipt changes. */
  onReceipts: (queue: PromptReceipt[], receipts: PromptReceipt[]) => void;
  pollMs?: number;
  /** How long a person still holds the pane (typing in it, or a claim; see
   * tasks/input-arbiter.ts); 0 when free. Prompts wait in the queue while it is held. */
  heldMs?: () => number;
}

const KEEP_RECEIPTS = 10;
const INTERRUPT_WAIT_MS = 3000;

interface Pending {
  receipt: PromptReceipt;
  fullText: string;
}

export class AgentRun {
  readonly monitor: AgentMonitor;
  private readonly queue: Pending[] = [];
  private readonly receipts: PromptReceipt[] = [];
  private delivering = false;
  /** The prompt being typed and submitted: in neither the queue nor the receipts, it made a
   * task look settled mid-delivery, and `axiom wait` returned before its turn began. */
  private inFlight: Pending | null = null;
  private heldTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: AgentRunOptions) {
    this.monitor = new AgentMonitor({
      host: options.host,
      sessionId: options.sessionId,
      adapter: options.adapter,
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      onStatus: (status) => {
        options.onStatus(status);
        if (status.state === 'idle') void this.drain();
        if (status.state === 'exited') this.failQueued('the agent exited');
      },
    });
  }

  start(): void {
    this.monitor.start();
  }

  stop(): void {
    if (this.heldTimer !== null) clearTimeout(this.heldTimer);
    this.monitor.stop();
    this.failQueued('the task stopped');
  }

  /** Queues the prompt (mode queue, agent not idle) or types it now. Resolves with the
   * receipt as it stands: `queued`, or the outcome of typing it. */
  async prompt(text: string, mode: 'queue' | 'now'): Promise<PromptReceipt> {
    const receipt: PromptReceipt = {
      id: randomUUID(),
      text: text.slice(0, 200),
      mode,
      status: 'queued',
      enters: 0,
      at: Date.now(),
      reason: null,
    };
    const state = this.monitor.current().state;
    if (state === 'exited') return this.finish({ ...receipt, status: 'failed', reason: 'the agent exited' });
    const held = this.options.heldMs?.() ?? 0;
    if (held > 0 || (mode === 'queue' && (state !== 'idle' || this.delivering || this.queue.length > 0))) {
      this.queue.push({ receipt, fullText: text });
      this.report();
      if (held > 0) this.retryWhenFree(held);
      return receipt;
    }
    return this.deliver({ receipt, fullText: text });
  }

  async interrupt(options: { escalate: boolean }): Promise<InterruptOutcome> {
    const working = (s: AgentStatus): boolean => s.state === 'busy' || s.state === 'waiting';
    const started = Date.now();
    if (!working(this.monitor.current())) return { outcome: 'not-busy', keys: [], ms: 0 };
    const keys: InterruptKey[] = [this.options.adapter.interruptKey];
    await this.send(INTERRUPT_BYTES[this.options.adapter.interruptKey]);
    const stoppedAfter = async (): Promise<boolean> => {
      await sleep(150);
      await this.monitor.readScreenNow();
      return this.monitor.waitFor((s) => !working(s), INTERRUPT_WAIT_MS);
    };
    if (await stoppedAfter()) return { outcome: 'stopped', keys, ms: Date.now() - started };
    const next = this.options.adapter.escalateKey;
    if (!options.escalate || next === null) return { outcome: 'still-busy', keys, ms: Date.now() - started };
    keys.push(next);
    await this.send(INTERRUPT_BYTES[next]);
    const stopped = await stoppedAfter();
    return { outcome: stopped ? 'escalated' : 'still-busy', keys, ms: Date.now() - started };
  }

  async approve(choice: ApproveChoice): Promise<Result<null>> {
    if (this.monitor.current().state !== 'waiting') return err('refused:not-waiting', 'the agent is not waiting for an answer');
    await this.send(this.options.adapter.approveKeys[choice]);
    await sleep(150);
    await this.monitor.readScreenNow();
    return ok(null);
  }

  private async drain(): Promise<void> {
    if (this.delivering) return;
    const held = this.options.heldMs?.() ?? 0;
    if (held > 0) return this.retryWhenFree(held);
    const next = this.queue.shift();
    if (next === undefined) return;
    await this.deliver(next);
  }

  /** The person let go of the pane (released a claim, or stopped typing): deliver what
   * waited for them now rather than when the timer set at the time would fire. */
  paneFreed(): void {
    if (this.heldTimer !== null) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    this.deliverHead();
  }

  /** Once a person lets go of the pane: the next prompt goes in if the agent is idle, or
   * at once for a "now" prompt (held only because of the person). */
  private retryWhenFree(ms: number): void {
    if (this.heldTimer !== null) return;
    this.heldTimer = setTimeout(() => {
      this.heldTimer = null;
      this.deliverHead();
    }, ms);
    this.heldTimer.unref();
  }

  private deliverHead(): void {
    const head = this.queue[0];
    if (head !== undefined && (head.receipt.mode === 'now' || this.monitor.current().state === 'idle')) void this.drain();
  }

  private async deliver(pending: Pending): Promise<PromptReceipt> {
    this.delivering = true;
    this.inFlight = pending;
    try {
      const { host, sessionId, adapter } = this.options;
      const typed = await host.request({ type: 'inject', id: sessionId, text: pending.fullText, submit: false });
      if (!typed.ok) return this.finish({ ...pending.receipt, status: 'failed', reason: typed.error.message });
      pending.receipt = { ...pending.receipt, status: 'typed' };
      this.report();
      await sleep(adapter.submitDelayMs);
      for (let enters = 1; enters <= 2; enters++) {
        const before = await this.baseline();
        await this.send('\r');
        if (await this.confirmed(before)) {
          // Output is all that confirmed it: no hook will say the turn started.
          if (adapter.confirmBy === 'output') this.monitor.turnStarted();
          return this.finish({ ...pending.receipt, status: 'submitted', enters });
        }
      }
      return this.finish({ ...pending.receipt, status: 'failed', enters: 2, reason: 'the agent did not take the prompt after two Enters' });
    } finally {
      this.inFlight = null;
      this.delivering = false;
      if (this.monitor.current().state === 'idle' && this.queue.length > 0) void this.drain();
    }
  }

  private async baseline(): Promise<{ at: number; submits: number; bytes: number }> {
    const info = await this.options.host.request({ type: 'get', id: this.options.sessionId });
    return { at: Date.now(), submits: this.monitor.submits, bytes: info.ok ? info.value.outputBytes : 0 };
  }

  private async confirmed(before: { at: number; submits: number; bytes: number }): Promise<boolean> {
    const { adapter, host, sessionId } = this.options;
    if (adapter.confirmBy === 'output') {
      const deadline = Date.now() + adapter.confirmMs;
      while (Date.now() < deadline) {
        await sleep(50);
        const info = await host.request({ type: 'get', id: sessionId });
        if (!info.ok) return false;
        if (info.value.outputBytes > before.bytes) return true;
      }
      return false;
    }
    return this.monitor.waitFor(
      (s, m) => m.submits > before.submits || ((s.state === 'busy' || s.state === 'waiting') && s.since >= before.at),
      adapter.confirmMs,
    );
  }

  private async send(data: string): Promise<void> {
    await this.options.host.request({ type: 'input', id: this.options.sessionId, data });
  }

  private finish(receipt: PromptReceipt): PromptReceipt {
    if (this.inFlight?.receipt.id === receipt.id) this.inFlight = null;
    this.receipts.push(receipt);
    if (this.receipts.length > KEEP_RECEIPTS) this.receipts.splice(0, this.receipts.length - KEEP_RECEIPTS);
    this.report();
    return receipt;
  }

  private failQueued(reason: string): void {
    const dropped = this.queue.splice(0);
    for (const p of dropped) this.receipts.push({ ...p.receipt, status: 'failed', reason });
    if (dropped.length > 0) this.report();
  }

  /** The in-flight prompt counts as queued until it is typed, then as the last receipt
   * (`typed`) until the agent takes it or it fails. */
  private report(): void {
    const queue = this.queue.map((p) => p.receipt);
    const receipts = [...this.receipts];
    const flying = this.inFlight?.receipt;
    if (flying?.status === 'queued') queue.unshift(flying);
    else if (flying !== undefined) receipts.push(flying);
    this.options.onReceipts(queue, receipts);
  }
}

