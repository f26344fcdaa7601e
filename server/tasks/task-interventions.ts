import type { ApproveChoice, InterruptOutcome, PromptReceipt } from '../../protocol/agent';
import { err, ok, type Result } from '../../protocol/result';
import { FINAL_TASK_STATES, type TaskId, type TaskInfo } from '../../protocol/task';
import { tokensEqual } from '../security/token';
import type { InterventionMeta, TaskLedger, TaskLifecycle, TaskRecord } from './task-service-types';

/**
 * What people, agents and scripts do to a task that exists: type a prompt, interrupt,
 * answer a permission prompt, and the hook reports of its own agent. Each action goes to
 * the agent's AgentRun, then to the ledger and, as an intervention, to oversight.
 */
export interface TaskInterventionDeps {
  record: (id: TaskId) => TaskRecord | undefined;
  /** The task and its descendants, the task first. */
  subtree: (id: TaskId) => TaskId[];
  ledger: TaskLedger | undefined;
  life: (event: TaskLifecycle) => void;
  changed: (rec: TaskRecord) => void;
  view: (rec: TaskRecord) => TaskInfo;
}

export class TaskInterventions {
  constructor(private readonly deps: TaskInterventionDeps) {}

  async prompt(id: TaskId, text: string, mode: 'queue' | 'now', meta: InterventionMeta = {}): Promise<Result<PromptReceipt>> {
    const result = await this.promptQuiet(id, text, mode);
    this.deps.life({
      type: 'intervention',
      intervention: { taskId: id, kind: meta.kind ?? 'prompt', who: meta.who ?? 'api', text, outcome: result.ok ? result.value.status : result.error.code, suggestionId: meta.suggestionId ?? null },
    });
    return result;
  }

  async interrupt(id: TaskId, options: { subtree: boolean; escalate?: boolean } & InterventionMeta): Promise<Result<InterruptOutcome[]>> {
    if (this.deps.record(id) === undefined) return notFound(id);
    const ids = options.subtree ? this.deps.subtree(id) : [id];
    const outcomes = await Promise.all(
      ids.map(async (t) => {
        const run = this.deps.record(t)?.run;
        if (run === null || run === undefined) return { outcome: 'not-busy' as const, keys: [], ms: 0 };
        return run.interrupt({ escalate: options.escalate ?? false });
      }),
    );
    for (const [i, t] of ids.entries()) {
      this.deps.ledger?.append({ type: 'task.interrupt', taskId: t, data: outcomes[i] });
      this.deps.life({ type: 'intervention', intervention: { taskId: t, kind: options.kind ?? 'interrupt', who: options.who ?? 'api', text: null, outcome: outcomes[i]?.outcome ?? 'unknown', suggestionId: options.suggestionId ?? null } });
    }
    return ok(outcomes);
  }

  async approve(id: TaskId, choice: ApproveChoice, meta: InterventionMeta = {}): Promise<Result<null>> {
    const rec = this.deps.record(id);
    if (rec === undefined) return notFound(id);
    if (rec.run === null) return err('refused:not-waiting', 'the agent is not waiting for an answer');
    const result = await rec.run.approve(choice);
    this.deps.ledger?.append({ type: 'task.approve', taskId: id, data: { choice, ok: result.ok } });
    this.deps.life({ type: 'intervention', intervention: { taskId: id, kind: meta.kind ?? 'approve', who: meta.who ?? 'api', text: choice, outcome: result.ok ? 'ok' : result.error.code, suggestionId: meta.suggestionId ?? null } });
    return result;
  }

  /** A hook report from a Claude instance. The secret is the task's own. */
  hook(id: TaskId, secret: string, payload: Record<string, unknown>): Result<null> {
    const rec = this.deps.record(id);
    if (rec === undefined || !tokensEqual(secret, rec.hookSecret.toString('hex'))) {
      return err('refused:hook-secret', 'unknown task or wrong hook secret');
    }
    rec.run?.monitor.hook(payload);
    this.deps.life({ type: 'hook', task: this.deps.view(rec), payload });
    return ok(null);
  }

  /** A prompt for a task whose agent has not started yet waits in the record (`early`) and
   * shows as queued; the run types it once it starts. */
  private async promptQuiet(id: TaskId, text: string, mode: 'queue' | 'now'): Promise<Result<PromptReceipt>> {
    const rec = this.deps.record(id);
    if (rec === undefined) return notFound(id);
    if (FINAL_TASK_STATES.has(rec.info.state)) return err('refused:task-ended', `task ${id} has ended`);
    this.deps.ledger?.append({ type: 'task.prompt', taskId: id, data: { text, mode } });
    if (rec.run === null) {
      rec.early.push({ text, mode });
      const receipt: PromptReceipt = { id: `early-${rec.early.length}`, text: text.slice(0, 200), mode, status: 'queued', enters: 0, at: Date.now(), reason: null };
      rec.info.queue = [...rec.info.queue, receipt];
      this.deps.changed(rec);
      return ok(receipt);
    }
    return ok(await rec.run.prompt(text, mode));
  }
}

export function notFound<T>(id: string): Result<T> {
  return err('not_found:task', `no task ${id}`);
}
