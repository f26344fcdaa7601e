import type { Intervention } from '../protocol/steering';
import { ReducerStore } from './reducer-store';

/**
 * Interventions per task (who did what to an agent, when, and how it went), oldest first.
 * A task's history is fetched with `intervention:list` when someone opens its timeline;
 * `intervention:recorded` appends to it live. Tasks nobody looked at still collect the
 * live ones, so a timeline opened later merges both without duplicates.
 */
export interface InterventionsState {
  readonly byTask: ReadonlyMap<string, readonly Intervention[]>;
}

export type InterventionsEvent =
  | { type: 'list'; taskId: string; interventions: readonly Intervention[] }
  | { type: 'recorded'; intervention: Intervention }
  | { type: 'task-removed'; taskId: string };

export const EMPTY_INTERVENTIONS: InterventionsState = { byTask: new Map() };

/** Per task: a timeline longer than this is history, not something to scroll in a panel. */
export const MAX_INTERVENTIONS_PER_TASK = 500;

export function reduceInterventions(state: InterventionsState, event: InterventionsEvent): InterventionsState {
  switch (event.type) {
    case 'list': {
      const merged = merge(event.interventions, state.byTask.get(event.taskId) ?? []);
      const byTask = new Map(state.byTask);
      byTask.set(event.taskId, merged);
      return { byTask };
    }
    case 'recorded': {
      const { taskId } = event.intervention;
      const current = state.byTask.get(taskId) ?? [];
      if (current.some((i) => i.id === event.intervention.id)) return state;
      const byTask = new Map(state.byTask);
      byTask.set(taskId, merge(current, [event.intervention]));
      return { byTask };
    }
    case 'task-removed': {
      if (!state.byTask.has(event.taskId)) return state;
      const byTask = new Map(state.byTask);
      byTask.delete(event.taskId);
      return { byTask };
    }
  }
}

/** Union by id (the later source wins), oldest first, the newest MAX kept. */
function merge(a: readonly Intervention[], b: readonly Intervention[]): Intervention[] {
  const byId = new Map<string, Intervention>();
  for (const i of a) byId.set(i.id, i);
  for (const i of b) byId.set(i.id, i);
  const out = [...byId.values()].sort((x, y) => x.at - y.at || x.id.localeCompare(y.id));
  return out.length > MAX_INTERVENTIONS_PER_TASK ? out.slice(out.length - MAX_INTERVENTIONS_PER_TASK) : out;
}

const NONE: readonly Intervention[] = [];

export class InterventionsStore extends ReducerStore<InterventionsState, InterventionsEvent> {
  constructor() {
    super(reduceInterventions, EMPTY_INTERVENTIONS);
  }

  /** Stable identity per state, so useSyncExternalStore does not loop. */
  forTask(taskId: string): readonly Intervention[] {
    return this.getSnapshot().byTask.get(taskId) ?? NONE;
  }
}
