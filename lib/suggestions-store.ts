import { MAX_RECENT_SUGGESTIONS, type Suggestion } from '../protocol/steering';
import { ReducerStore } from './reducer-store';

/**
 * The steering suggestions the dashboard knows about, reduced from what the server tells
 * us: the `suggestion:list` reply on connect (open and snoozed ones, and the last resolved), then
 * `suggestion:updated` and `suggestion:removed`. Like TasksStore, a pure reducer wrapped as
 * an external store for useSyncExternalStore.
 *
 * Resolved suggestions (accepted, auto-applied, dismissed, expired) are kept for a while
 * after they resolve: the card of an accepted one must stay on screen to show whether its
 * message reached the agent, and an auto-applied one must be visible as such.
 */
export interface SuggestionsState {
  readonly byId: ReadonlyMap<string, Suggestion>;
  /** Newest first, the inbox order. */
  readonly list: readonly Suggestion[];
  /** Per task, newest first: the row and pane ask for their own on every render. */
  readonly byTask: ReadonlyMap<string, readonly Suggestion[]>;
  /** False until the first list arrived: notifications skip the initial load. */
  readonly loaded: boolean;
}

export type SuggestionsEvent =
  | { type: 'list'; suggestions: readonly Suggestion[] }
  | { type: 'updated'; suggestion: Suggestion }
  | { type: 'removed'; id: string }
  | { type: 'task-removed'; taskId: string };

export const EMPTY_SUGGESTIONS: SuggestionsState = { byId: new Map(), list: [], byTask: new Map(), loaded: false };

/**
 * How many resolved suggestions to keep. Enough to review the last hour of a busy tree
 * in the inbox; bounded so a console left open for days does not grow without limit.
 * The server lists as many on connect.
 */
export const MAX_RESOLVED_KEPT = MAX_RECENT_SUGGESTIONS;

export function isPending(s: Pick<Suggestion, 'state'>): boolean {
  return s.state === 'open' || s.state === 'snoozed';
}

/** Returns `state` itself when nothing changed, so subscribers can skip a render. */
export function reduceSuggestions(state: SuggestionsState, event: SuggestionsEvent): SuggestionsState {
  switch (event.type) {
    case 'list': {
      // The list holds the pending ones and the last resolved: keep the resolved ones we
      // already show (their receipts), drop pending ones the server no longer has
      // (resolved while we were away and since forgotten).
      const byId = new Map<string, Suggestion>();
      for (const s of state.byId.values()) if (!isPending(s)) byId.set(s.id, s);
      for (const s of event.suggestions) byId.set(s.id, s);
      if (state.loaded && byId.size === state.byId.size && [...byId].every(([id, s]) => same(state.byId.get(id), s))) return state;
      return build(byId);
    }
    case 'updated': {
      if (same(state.byId.get(event.suggestion.id), event.suggestion)) return state;
      const byId = new Map(state.byId);
      byId.set(event.suggestion.id, event.suggestion);
      return build(byId, state.loaded);
    }
    case 'removed': {
      if (!state.byId.has(event.id)) return state;
      const byId = new Map(state.byId);
      byId.delete(event.id);
      return build(byId, state.loaded);
    }
    case 'task-removed': {
      if (!state.byTask.has(event.taskId)) return state;
      const byId = new Map([...state.byId].filter(([, s]) => s.taskId !== event.taskId));
      return build(byId, state.loaded);
    }
  }
}

/** Newest first; the resolved beyond MAX_RESOLVED_KEPT (the oldest-resolved) are dropped. */
function build(all: Map<string, Suggestion>, loaded = true): SuggestionsState {
  const resolved = [...all.values()].filter((s) => !isPending(s));
  if (resolved.length > MAX_RESOLVED_KEPT) {
    resolved.sort((a, b) => (b.resolvedAt ?? b.createdAt) - (a.resolvedAt ?? a.createdAt));
    for (const s of resolved.slice(MAX_RESOLVED_KEPT)) all.delete(s.id);
  }
  const list = [...all.values()].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  const byTask = new Map<string, Suggestion[]>();
  for (const s of list) {
    const mine = byTask.get(s.taskId);
    if (mine) mine.push(s);
    else byTask.set(s.taskId, [s]);
  }
  return { byId: all, list, byTask, loaded };
}

/** The server resends unchanged suggestions after a reconnect; a structural compare is cheap here. */
function same(a: Suggestion | undefined, b: Suggestion): boolean {
  if (a === b) return true;
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

export class SuggestionsStore extends ReducerStore<SuggestionsState, SuggestionsEvent> {
  constructor() {
    super(reduceSuggestions, EMPTY_SUGGESTIONS);
  }

  replaceAll(suggestions: readonly Suggestion[]): void {
    this.dispatch({ type: 'list', suggestions });
  }

  upsert(suggestion: Suggestion): void {
    this.dispatch({ type: 'updated', suggestion });
  }

  remove(id: string): void {
    this.dispatch({ type: 'removed', id });
  }

  removeTask(taskId: string): void {
    this.dispatch({ type: 'task-removed', taskId });
  }
}
