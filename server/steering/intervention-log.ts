import { randomUUID } from 'node:crypto';
import type { Intervention } from '../../protocol/steering';
import type { TaskId } from '../../protocol/task';

/** Interventions kept per task in memory (the ledger keeps them all). */
const MAX_INTERVENTIONS_PER_TASK = 500;

/** Every intervention on an agent, per task, newest last: who, what, when, the outcome. */
export class InterventionLog {
  private readonly byTask = new Map<TaskId, Intervention[]>();

  constructor(private readonly now: () => number) {}

  /** Stamps the intervention with an id and the time, keeps it, and returns it. */
  record(partial: Omit<Intervention, 'id' | 'at'>): Intervention {
    const intervention: Intervention = { ...partial, id: randomUUID(), at: this.now() };
    const list = this.byTask.get(intervention.taskId) ?? [];
    list.push(intervention);
    if (list.length > MAX_INTERVENTIONS_PER_TASK) list.splice(0, list.length - MAX_INTERVENTIONS_PER_TASK);
    this.byTask.set(intervention.taskId, list);
    return intervention;
  }

  of(taskId: TaskId): Intervention[] {
    return [...(this.byTask.get(taskId) ?? [])];
  }

  forget(taskId: TaskId): void {
    this.byTask.delete(taskId);
  }
}
