import { describe, expect, it } from 'vitest';
import { EMPTY_SUGGESTIONS, MAX_RESOLVED_KEPT, reduceSuggestions, SuggestionsStore } from './suggestions-store';
import { EMPTY_INTERVENTIONS, InterventionsStore, reduceInterventions } from './steering-interventions';
import { inboxSections, liveSelection, openCount, openCountForTask } from './steering-selectors';
import { intervention, suggestion } from './testing/suggestion-fixture';
import { taskInfo } from './testing/task-fixture';

describe('reduceSuggestions', () => {
  it('takes the list, then updates and removals, newest first, grouped by task', () => {
    let s = reduceSuggestions(EMPTY_SUGGESTIONS, {
      type: 'list',
      suggestions: [suggestion('g-aaaaaa', { createdAt: 1 }), suggestion('g-bbbbbb', { createdAt: 2, taskId: 't-bbbbbb' })],
    });
    expect(s.loaded).toBe(true);
    expect(s.list.map((x) => x.id)).toEqual(['g-bbbbbb', 'g-aaaaaa']);
    s = reduceSuggestions(s, { type: 'updated', suggestion: suggestion('g-cccccc', { createdAt: 3 }) });
    expect(s.byTask.get('t-aaaaaa')?.map((x) => x.id)).toEqual(['g-cccccc', 'g-aaaaaa']);
    s = reduceSuggestions(s, { type: 'removed', id: 'g-cccccc' });
    expect(s.byTask.get('t-aaaaaa')?.map((x) => x.id)).toEqual(['g-aaaaaa']);
    s = reduceSuggestions(s, { type: 'task-removed', taskId: 't-aaaaaa' });
    expect(s.list.map((x) => x.id)).toEqual(['g-bbbbbb']);
    expect(s.byTask.has('t-aaaaaa')).toBe(false);
  });

  it('returns the same state when nothing changed', () => {
    const s = reduceSuggestions(EMPTY_SUGGESTIONS, { type: 'list', suggestions: [suggestion('g-aaaaaa')] });
    expect(reduceSuggestions(s, { type: 'updated', suggestion: suggestion('g-aaaaaa') })).toBe(s);
    expect(reduceSuggestions(s, { type: 'list', suggestions: [suggestion('g-aaaaaa')] })).toBe(s);
    expect(reduceSuggestions(s, { type: 'removed', id: 'g-nothere' })).toBe(s);
    expect(reduceSuggestions(s, { type: 'task-removed', taskId: 't-nothere' })).toBe(s);
    expect(reduceSuggestions(s, { type: 'updated', suggestion: suggestion('g-aaaaaa', { state: 'dismissed' }) })).not.toBe(s);
  });

  it('keeps resolved ones across a reconnect list, and drops pending ones the server forgot', () => {
    let s = reduceSuggestions(EMPTY_SUGGESTIONS, { type: 'list', suggestions: [suggestion('g-aaaaaa'), suggestion('g-bbbbbb')] });
    s = reduceSuggestions(s, { type: 'updated', suggestion: suggestion('g-aaaaaa', { state: 'accepted', resolvedAt: 5 }) });
    s = reduceSuggestions(s, { type: 'list', suggestions: [suggestion('g-cccccc')] });
    expect(s.list.map((x) => x.id).sort()).toEqual(['g-aaaaaa', 'g-cccccc']);
    expect(s.byId.get('g-aaaaaa')?.state).toBe('accepted');
  });

  it('bounds the resolved ones it keeps, dropping the oldest decisions', () => {
    let s = reduceSuggestions(EMPTY_SUGGESTIONS, { type: 'list', suggestions: [suggestion('g-open00')] });
    for (let i = 0; i < MAX_RESOLVED_KEPT + 5; i++) {
      s = reduceSuggestions(s, { type: 'updated', suggestion: suggestion(`g-r${String(i).padStart(5, '0')}`, { state: 'dismissed', resolvedAt: i }) });
    }
    expect(s.list).toHaveLength(MAX_RESOLVED_KEPT + 1);
    expect(s.byId.has('g-r00000')).toBe(false);
    expect(s.byId.has('g-open00')).toBe(true);
  });

  it('stays unloaded until a list arrives (an older server never sends one)', () => {
    const s = reduceSuggestions(EMPTY_SUGGESTIONS, { type: 'updated', suggestion: suggestion('g-aaaaaa') });
    expect(s.loaded).toBe(false);
    expect(openCountForTask(s, taskInfo('t-bbbbbb', { openSuggestions: 2 }))).toBe(2);
    expect(openCountForTask(s, taskInfo('t-aaaaaa', { openSuggestions: 0 }))).toBe(1);
  });
});

describe('SuggestionsStore', () => {
  it('notifies only on change', () => {
    const store = new SuggestionsStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.replaceAll([suggestion('g-aaaaaa')]);
    store.upsert(suggestion('g-aaaaaa'));
    store.upsert(suggestion('g-aaaaaa', { state: 'snoozed' }));
    store.remove('g-aaaaaa');
    store.remove('g-aaaaaa');
    expect(calls).toBe(3);
    expect(store.getSnapshot().list).toEqual([]);
  });
});

describe('steering selectors', () => {
  const s = reduceSuggestions(EMPTY_SUGGESTIONS, {
    type: 'list',
    suggestions: [
      suggestion('g-low001', { confidence: 0.3, createdAt: 5 }),
      suggestion('g-high01', { confidence: 0.95, createdAt: 1 }),
      suggestion('g-snooze', { state: 'snoozed', snoozedUntil: 99 }),
      suggestion('g-other1', { taskId: 't-bbbbbb', confidence: 0.6 }),
    ],
  });
  const withResolved = reduceSuggestions(s, { type: 'updated', suggestion: suggestion('g-done01', { state: 'auto-applied', resolvedAt: 7, resolvedBy: 'auto' }) });

  it('splits the inbox into open (most confident first), snoozed and recent', () => {
    const all = inboxSections(withResolved, { taskId: null });
    expect(all.open.map((x) => x.id)).toEqual(['g-high01', 'g-other1', 'g-low001']);
    expect(all.snoozed.map((x) => x.id)).toEqual(['g-snooze']);
    expect(all.recent.map((x) => x.id)).toEqual(['g-done01']);
    const mine = inboxSections(withResolved, { taskId: 't-bbbbbb' });
    expect(mine.open.map((x) => x.id)).toEqual(['g-other1']);
    expect(inboxSections(withResolved, { taskId: 't-nothere' }).open).toEqual([]);
  });

  it('counts open suggestions, globally and per task', () => {
    expect(openCount(withResolved)).toBe(3);
    expect(openCountForTask(withResolved, taskInfo('t-aaaaaa'))).toBe(2);
    // Loaded: a task with none in the store has none, whatever a stale count says.
    expect(openCountForTask(withResolved, taskInfo('t-cccccc', { openSuggestions: 4 }))).toBe(0);
  });

  it('keeps only selected tasks that still exist, in list order', () => {
    expect(liveSelection(new Set(['t-bbbbbb', 't-gone00', 't-aaaaaa']), [taskInfo('t-aaaaaa'), taskInfo('t-bbbbbb')])).toEqual(['t-aaaaaa', 't-bbbbbb']);
  });
});

describe('reduceInterventions', () => {
  it('merges the fetched history with live ones, oldest first, without duplicates', () => {
    let s = reduceInterventions(EMPTY_INTERVENTIONS, { type: 'recorded', intervention: intervention('i-3', { at: 30 }) });
    s = reduceInterventions(s, { type: 'list', taskId: 't-aaaaaa', interventions: [intervention('i-1', { at: 10 }), intervention('i-3', { at: 30 })] });
    s = reduceInterventions(s, { type: 'recorded', intervention: intervention('i-2', { at: 20 }) });
    expect(s.byTask.get('t-aaaaaa')?.map((i) => i.id)).toEqual(['i-1', 'i-2', 'i-3']);
    expect(reduceInterventions(s, { type: 'recorded', intervention: intervention('i-2', { at: 20 }) })).toBe(s);
    s = reduceInterventions(s, { type: 'task-removed', taskId: 't-aaaaaa' });
    expect(s.byTask.size).toBe(0);
  });

  it('gives a stable empty list for tasks with none', () => {
    const store = new InterventionsStore();
    expect(store.forTask('t-aaaaaa')).toBe(store.forTask('t-bbbbbb'));
  });
});
