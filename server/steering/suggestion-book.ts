import { randomBytes } from 'node:crypto';
import type { PromptReceipt } from '../../protocol/agent';
import type { Suggestion, SuggestionId } from '../../protocol/steering';
import type { TaskId, TaskInfo } from '../../protocol/task';
import type { SuggestionDraft } from './rule-types';

const RESOLVED_STATES: readonly Suggestion['state'][] = ['accepted', 'auto-applied', 'dismissed', 'expired'];

/**
 * The suggestions and what became of them. Raising the same finding twice (same task, same
 * key) while the first is open or snoozed is a no-op, so a rule evaluated every second does
 * not flood the inbox; a dismissed finding stays dismissed.
 */
export class SuggestionBook {
  private readonly byId = new Map<SuggestionId, Suggestion>();
  private readonly keys = new Map<string, SuggestionId>();
  /** `replaces` of the suggestions raised with one. */
  private readonly slots = new Map<SuggestionId, string>();
  /** `holds` of the suggestions raised with one. */
  private readonly conditions = new Map<SuggestionId, (task: TaskInfo) => boolean>();

  /** Returns the new suggestion and the ones it replaced (expired: see
   * SuggestionDraft.replaces), or null when this finding was already raised. */
  raise(draft: SuggestionDraft, now: number): { suggestion: Suggestion; replaced: Suggestion[] } | null {
    const key = `${draft.taskId}\u0000${draft.key}`;
    if (this.keys.has(key)) return null;
    const s: Suggestion = {
      id: `g-${randomBytes(6).toString('hex')}` as SuggestionId,
      taskId: draft.taskId,
      rule: draft.rule,
      title: draft.title,
      message: draft.message,
      confidence: Math.round(draft.confidence * 100) / 100,
      action: draft.action,
      evidence: draft.evidence,
      state: 'open',
      createdAt: now,
      resolvedAt: null,
      resolvedBy: null,
      sentText: null,
      receipt: null,
      snoozedUntil: null,
    };
    this.byId.set(s.id, s);
    this.keys.set(key, s.id);
    const replaced = draft.replaces === undefined ? [] : this.expireSlot(draft.taskId, draft.replaces, now);
    if (draft.replaces !== undefined) this.slots.set(s.id, draft.replaces);
    if (draft.holds !== undefined) this.conditions.set(s.id, draft.holds);
    return { suggestion: s, replaced };
  }

  /** The task's open or snoozed suggestions whose condition (SuggestionDraft.holds) no
   * longer holds for it, expired. */
  expireLapsed(task: TaskInfo, now: number): Suggestion[] {
    const out: Suggestion[] = [];
    for (const [id, holds] of [...this.conditions]) {
      const s = this.byId.get(id);
      if (s === undefined || s.taskId !== task.id) continue;
      if (s.state !== 'open' && s.state !== 'snoozed') {
        this.conditions.delete(id);
        continue;
      }
      if (holds(task)) continue;
      this.conditions.delete(id);
      const next = this.resolve(id, { state: 'expired', by: null }, now);
      if (next !== undefined) out.push(next);
    }
    return out;
  }

  /** The task's open or snoozed suggestions raised with this `replaces`, expired. */
  private expireSlot(taskId: TaskId, slot: string, now: number): Suggestion[] {
    const out: Suggestion[] = [];
    for (const s of [...this.byId.values()]) {
      if (s.taskId !== taskId || this.slots.get(s.id) !== slot || (s.state !== 'open' && s.state !== 'snoozed')) continue;
      const next = this.resolve(s.id, { state: 'expired', by: null }, now);
      if (next !== undefined) out.push(next);
    }
    return out;
  }

  get(id: SuggestionId): Suggestion | undefined {
    return this.byId.get(id);
  }

  list(filter: { taskId?: TaskId; states?: readonly Suggestion['state'][] } = {}): Suggestion[] {
    return [...this.byId.values()]
      .filter((s) => (filter.taskId === undefined || s.taskId === filter.taskId) && (filter.states === undefined || filter.states.includes(s.state)))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The `count` last resolved (of one task, or all), last resolved first, leaving out `except`. */
  lastResolved(count: number, taskId: TaskId | undefined, except: readonly Suggestion[] = []): Suggestion[] {
    return this.list({ ...(taskId === undefined ? {} : { taskId }), states: RESOLVED_STATES })
      .filter((s) => !except.includes(s))
      .sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0))
      .slice(0, count);
  }

  openCount(taskId: TaskId): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.taskId === taskId && s.state === 'open') n++;
    return n;
  }

  resolve(id: SuggestionId, patch: { state: 'accepted' | 'auto-applied' | 'dismissed' | 'expired'; by: Suggestion['resolvedBy']; sentText?: string; receipt?: PromptReceipt | null }, now: number): Suggestion | undefined {
    const s = this.byId.get(id);
    if (s === undefined) return undefined;
    const next: Suggestion = { ...s, state: patch.state, resolvedAt: now, resolvedBy: patch.by, sentText: patch.sentText ?? s.sentText, receipt: patch.receipt ?? s.receipt, snoozedUntil: null };
    this.byId.set(id, next);
    return next;
  }

  snooze(id: SuggestionId, until: number): Suggestion | undefined {
    const s = this.byId.get(id);
    if (s === undefined) return undefined;
    const next: Suggestion = { ...s, state: 'snoozed', snoozedUntil: until };
    this.byId.set(id, next);
    return next;
  }

  /** Snoozed suggestions whose time came: open again. */
  wake(now: number): Suggestion[] {
    const woken: Suggestion[] = [];
    for (const s of this.byId.values()) {
      if (s.state === 'snoozed' && s.snoozedUntil !== null && s.snoozedUntil <= now) {
        const next: Suggestion = { ...s, state: 'open', snoozedUntil: null };
        this.byId.set(s.id, next);
        woken.push(next);
      }
    }
    return woken;
  }

  /** Open suggestions of a task that ended: expired. */
  expireTask(taskId: TaskId, now: number): Suggestion[] {
    const out: Suggestion[] = [];
    for (const s of this.byId.values()) {
      if (s.taskId === taskId && (s.state === 'open' || s.state === 'snoozed')) {
        const next = this.resolve(s.id, { state: 'expired', by: null }, now);
        if (next !== undefined) out.push(next);
      }
    }
    return out;
  }

  forgetTask(taskId: TaskId): SuggestionId[] {
    const gone: SuggestionId[] = [];
    for (const s of [...this.byId.values()]) {
      if (s.taskId !== taskId) continue;
      this.byId.delete(s.id);
      gone.push(s.id);
    }
    for (const [k, id] of [...this.keys]) if (gone.includes(id)) this.keys.delete(k);
    for (const id of gone) {
      this.slots.delete(id);
      this.conditions.delete(id);
    }
    return gone;
  }
}
