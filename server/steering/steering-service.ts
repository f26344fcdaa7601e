import type { Intervention, SteeringConfig, SteeringConfigPatch, Suggestion, SuggestionId } from '../../protocol/steering';
import { err, ok, type Result } from '../../protocol/result';
import type { TaskId, TaskInfo } from '../../protocol/task';
import { FINAL_TASK_STATES } from '../../protocol/task';
import type { Logger } from '../logger';
import type { TaskLedger, TaskService, Who } from '../tasks/task-service';
import { InterventionLog } from './intervention-log';
import type { RuleInput, RuleTrigger } from './rule-types';
import { RULES } from './steering-config';
import { applyConfigPatch } from './steering-config-store';
import { SuggestionBook } from './suggestion-book';
import { TaskSignals } from './task-signals';

/**
 * Turns rule findings into suggestions and applies them in a fixed order: validate, check
 * policy (auto-steer), record, act, record the outcome. Every intervention on an agent —
 * a person's prompt, an accepted suggestion, an auto-steer, a broadcast — is recorded with
 * who, what, when and the outcome.
 */
export type SteeringEvent =
  | { type: 'suggestion:updated'; suggestion: Suggestion }
  | { type: 'suggestion:removed'; id: SuggestionId }
  | { type: 'intervention:recorded'; intervention: Intervention }
  | { type: 'config:updated'; config: SteeringConfig };

export interface SteeringServiceOptions {
  tasks: TaskService;
  /** The settings at start; updateConfig changes them while the console runs. */
  config: SteeringConfig;
  /** Keeps a changed config across restarts (throws when it cannot). */
  saveConfig?: (config: SteeringConfig) => void;
  log: Logger;
  ledger?: Pick<TaskLedger, 'append'>;
  now?: () => number;
  /** Time-based rules (waiting, silence) and snoozes are checked this often. */
  tickMs?: number;
}

/** What evaluate() needs beyond the task: the caller knows the workspace and the proof. */
export type EvaluateContext = Partial<Pick<RuleInput, 'turnText' | 'files' | 'fileTexts' | 'proof' | 'child' | 'budget' | 'conflict'>>;

export class SteeringService {
  private readonly book = new SuggestionBook();
  private readonly interventions: InterventionLog;
  private readonly signals: TaskSignals;
  private readonly listeners = new Set<(e: SteeringEvent) => void>();
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void> = [];
  private config: SteeringConfig;

  constructor(private readonly options: SteeringServiceOptions) {
    this.now = options.now ?? Date.now;
    this.config = structuredClone(options.config);
    this.interventions = new InterventionLog(this.now);
    this.signals = new TaskSignals(this.now);
    const { tasks } = options;
    this.unsubscribe.push(
      tasks.onLifecycle((e) => {
        if (e.type === 'intervention') this.record(e.intervention);
        if (e.type === 'ended') this.emitAll(this.book.expireTask(e.task.id, this.now()), e.task.id);
        // A failed tool call is an error the rules may act on at once.
        if (e.type === 'hook' && this.signals.noteHook(e.task.id, e.payload)) this.evaluate(e.task.id, 'tick');
      }),
      tasks.onEvent((e) => {
        if (e.type === 'task:removed') {
          for (const id of this.book.forgetTask(e.id)) this.emit({ type: 'suggestion:removed', id });
          this.signals.forget(e.id);
          this.interventions.forget(e.id);
          return;
        }
        this.signals.noteUpdate(e.task);
        this.emitAll(this.book.expireLapsed(e.task, this.now()), e.task.id);
      }),
    );
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 1000);
    this.timer.unref();
  }

  onEvent(listener: (e: SteeringEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pending ones by default; `recent` adds that many resolved ones, last resolved first. */
  list(filter: { taskId?: TaskId; states?: Suggestion['state'][]; recent?: number } = {}): Suggestion[] {
    const { recent = 0, ...rest } = filter;
    const listed = this.book.list({ ...rest, states: rest.states ?? ['open', 'snoozed'] });
    return recent > 0 ? [...listed, ...this.book.lastResolved(recent, rest.taskId, listed)] : listed;
  }

  interventionsOf(taskId: TaskId): Intervention[] {
    return this.interventions.of(taskId);
  }

  /** Runs the enabled rules for one trigger; raises what they find. */
  evaluate(taskId: TaskId, trigger: RuleTrigger, context: EvaluateContext = {}): Suggestion[] {
    const task = this.options.tasks.get(taskId);
    if (!task.ok) return [];
    if (trigger === 'turn-end' && context.turnText !== undefined) this.signals.noteText(taskId, context.turnText);
    const input = this.input(task.value, trigger, context);
    const raised: Suggestion[] = [];
    for (const [rule, settings] of Object.entries(this.config) as Array<[keyof typeof RULES, SteeringConfig[keyof SteeringConfig]]>) {
      if (!settings.enabled) continue;
      let draft;
      try {
        draft = RULES[rule](input, settings);
      } catch (error) {
        this.options.log.log('error', `steering rule ${rule} failed`, error);
        continue;
      }
      if (draft === null) continue;
      const result = this.book.raise(draft, this.now());
      if (result === null) continue;
      const s = result.suggestion;
      raised.push(s);
      this.options.ledger?.append({ type: 'suggestion.raised', taskId: s.taskId, data: s });
      this.emit({ type: 'suggestion:updated', suggestion: s });
      for (const old of result.replaced) this.emit({ type: 'suggestion:updated', suggestion: old });
      this.syncCount(s.taskId);
      void this.maybeAutoApply(s);
    }
    return raised;
  }

  async accept(id: SuggestionId, options: { text?: string; who: Who }): Promise<Result<Suggestion>> {
    const s = this.book.get(id);
    if (s === undefined) return err('not_found:suggestion', `no suggestion ${id}`);
    if (s.state !== 'open' && s.state !== 'snoozed') return err('refused:suggestion-resolved', `suggestion ${id} is ${s.state}`);
    return this.apply(s, options.text ?? s.message, options.who === 'auto' ? 'auto-applied' : 'accepted', options.who);
  }

  dismiss(id: SuggestionId, who: Who): Result<Suggestion> {
    const s = this.book.get(id);
    if (s === undefined) return err('not_found:suggestion', `no suggestion ${id}`);
    const next = this.book.resolve(id, { state: 'dismissed', by: who }, this.now());
    if (next === undefined) return err('not_found:suggestion', `no suggestion ${id}`);
    this.options.ledger?.append({ type: 'suggestion.dismissed', taskId: next.taskId, data: { id, who } });
    this.emit({ type: 'suggestion:updated', suggestion: next });
    this.syncCount(next.taskId);
    return ok(next);
  }

  snooze(id: SuggestionId, minutes: number): Result<Suggestion> {
    const next = this.book.snooze(id, this.now() + minutes * 60_000);
    if (next === undefined) return err('not_found:suggestion', `no suggestion ${id}`);
    this.emit({ type: 'suggestion:updated', suggestion: next });
    this.syncCount(next.taskId);
    return ok(next);
  }

  /** One steering message to several agents. */
  async broadcast(taskIds: TaskId[], text: string, mode: 'queue' | 'now', who: Who): Promise<Result<Intervention[]>> {
    for (const id of taskIds) if (!this.options.tasks.get(id).ok) return err('not_found:task', `no task ${id}`);
    const before = new Set(taskIds.flatMap((id) => this.interventionsOf(id).map((i) => i.id)));
    await Promise.all(taskIds.map((id) => this.options.tasks.prompt(id, text, mode, { who, kind: 'broadcast' })));
    return ok(taskIds.flatMap((id) => this.interventionsOf(id).filter((i) => !before.has(i.id) && i.kind === 'broadcast')));
  }

  /** The rules' settings in force (a copy). */
  currentConfig(): SteeringConfig {
    return structuredClone(this.config);
  }

  /** Changes rules' settings live: merged and checked, saved, then in force from the next evaluation. */
  updateConfig(patch: SteeringConfigPatch): Result<SteeringConfig> {
    const next = applyConfigPatch(this.config, patch);
    if (!next.ok) return next;
    try {
      this.options.saveConfig?.(next.value);
    } catch (error) {
      // Not applied either: what is in force must be what a restart brings back.
      this.options.log.log('error', 'saving the steering config failed', error);
      return err('failed:internal', 'could not save the steering config');
    }
    this.config = next.value;
    this.emit({ type: 'config:updated', config: this.currentConfig() });
    return ok(this.currentConfig());
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const u of this.unsubscribe) u();
  }

  private async apply(s: Suggestion, text: string, state: 'accepted' | 'auto-applied', who: Who): Promise<Result<Suggestion>> {
    const { tasks } = this.options;
    const meta = { who, kind: who === 'auto' ? ('auto-steer' as const) : ('steer' as const), suggestionId: s.id };
    let receipt: Suggestion['receipt'] = null;
    if (s.action === 'interrupt-inject') await tasks.interrupt(s.taskId, { subtree: false, ...meta });
    if (s.action === 'inject' || s.action === 'interrupt-inject') {
      const sent = await tasks.prompt(s.taskId, text, 'queue', meta);
      if (!sent.ok) return sent;
      receipt = sent.value;
    }
    if (s.action === 'approve') {
      const approved = await tasks.approve(s.taskId, 'yes', meta);
      if (!approved.ok) return approved;
    }
    const next = this.book.resolve(s.id, { state, by: who, sentText: s.action === 'notify' ? '' : text, receipt }, this.now());
    if (next === undefined) return err('not_found:suggestion', `no suggestion ${s.id}`);
    this.options.ledger?.append({ type: 'suggestion.applied', taskId: next.taskId, data: { id: s.id, state, who, text, receipt } });
    this.emit({ type: 'suggestion:updated', suggestion: next });
    this.syncCount(next.taskId);
    return ok(next);
  }

  private async maybeAutoApply(s: Suggestion): Promise<void> {
    const task = this.options.tasks.get(s.taskId);
    if (!task.ok || !task.value.autoSteer.enabled || s.action === 'notify') return;
    if (s.confidence < task.value.autoSteer.minConfidence) return;
    const result = await this.apply(s, s.message, 'auto-applied', 'auto');
    if (!result.ok) this.options.log.log('warn', `auto-steer ${s.id} failed: ${result.error.message}`);
  }

  private input(task: TaskInfo, trigger: RuleTrigger, c: EvaluateContext): RuleInput {
    const { tasks } = this.options;
    return {
      task,
      trigger,
      now: this.now(),
      turnText: c.turnText ?? '',
      screen: tasks.screenOf(task.id) ?? '',
      outputSeq: tasks.outputSeqOf(task.id),
      files: c.files ?? null,
      fileTexts: c.fileTexts ?? [],
      proof: c.proof ?? null,
      errors: this.signals.errorsOf(task.id),
      quietSince: this.signals.quietSinceOf(task.id),
      child: c.child ?? null,
      budget: c.budget ?? null,
      conflict: c.conflict ?? null,
    };
  }

  private tick(): void {
    const now = this.now();
    for (const s of this.book.wake(now)) {
      this.emit({ type: 'suggestion:updated', suggestion: s });
      this.syncCount(s.taskId);
    }
    for (const t of this.options.tasks.list()) {
      if (t.state === 'waiting' || t.state === 'busy') this.evaluate(t.id, 'tick');
    }
  }

  private record(partial: Omit<Intervention, 'id' | 'at'>): void {
    const intervention = this.interventions.record(partial);
    this.options.ledger?.append({ type: 'intervention', taskId: intervention.taskId, data: intervention });
    this.emit({ type: 'intervention:recorded', intervention });
  }

  private syncCount(taskId: TaskId): void {
    const task = this.options.tasks.get(taskId);
    if (task.ok && !FINAL_TASK_STATES.has(task.value.state)) this.options.tasks.setOpenSuggestions(taskId, this.book.openCount(taskId));
    else if (task.ok) this.options.tasks.setOpenSuggestions(taskId, 0);
  }

  private emitAll(list: Suggestion[], taskId: TaskId): void {
    for (const s of list) this.emit({ type: 'suggestion:updated', suggestion: s });
    if (list.length > 0) this.syncCount(taskId);
  }

  private emit(event: SteeringEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (error) {
        this.options.log.log('error', 'steering listener failed', error);
      }
    }
  }
}
