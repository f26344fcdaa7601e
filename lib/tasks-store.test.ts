import { describe, expect, it } from 'vitest';
import { EMPTY_TASKS, reduceTasks, TasksStore } from './tasks-store';
import { childrenOf, countByState, descendantsOf, filterByState, nextWaitingTask, sortByUrgency, waitingCount } from './task-selectors';
import type { TaskInfo } from '../protocol/task';
import { agentStatus, taskInfo } from './testing/task-fixture';

describe('reduceTasks', () => {
  it('takes the list, then updates and removals, oldest first', () => {
    let s = reduceTasks(EMPTY_TASKS, { type: 'list', tasks: [taskInfo('t-bbbbbb', { createdAt: 2 }), taskInfo('t-aaaaaa', { createdAt: 1 })] });
    expect(s.list.map((t) => t.id)).toEqual(['t-aaaaaa', 't-bbbbbb']);
    s = reduceTasks(s, { type: 'updated', task: taskInfo('t-cccccc', { createdAt: 3, sessionId: 's-cccccc' }) });
    expect(s.list).toHaveLength(3);
    expect(s.bySession.get('s-cccccc')?.id).toBe('t-cccccc');
    s = reduceTasks(s, { type: 'removed', id: 't-cccccc' });
    expect(s.bySession.get('s-cccccc')).toBeUndefined();
    expect(s.list.map((t) => t.id)).toEqual(['t-aaaaaa', 't-bbbbbb']);
  });

  it('returns the same state when nothing changed', () => {
    const s = reduceTasks(EMPTY_TASKS, { type: 'list', tasks: [taskInfo('t-aaaaaa')] });
    expect(reduceTasks(s, { type: 'updated', task: taskInfo('t-aaaaaa') })).toBe(s);
    expect(reduceTasks(s, { type: 'list', tasks: [taskInfo('t-aaaaaa')] })).toBe(s);
    expect(reduceTasks(s, { type: 'removed', id: 't-nothere' })).toBe(s);
    expect(reduceTasks(s, { type: 'updated', task: taskInfo('t-aaaaaa', { state: 'idle' }) })).not.toBe(s);
  });
});

describe('TasksStore', () => {
  it('notifies only on change', () => {
    const store = new TasksStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.replaceAll([taskInfo('t-aaaaaa')]);
    store.upsert(taskInfo('t-aaaaaa'));
    store.upsert(taskInfo('t-aaaaaa', { state: 'waiting' }));
    store.remove('t-aaaaaa');
    store.remove('t-aaaaaa');
    expect(calls).toBe(3);
    expect(store.getSnapshot().list).toEqual([]);
  });
});

describe('task selectors', () => {
  const tasks = [
    taskInfo('t-busy01', { state: 'busy', createdAt: 1 }),
    taskInfo('t-wait02', { state: 'waiting', createdAt: 2, status: agentStatus({ state: 'waiting', since: 50 }) }),
    taskInfo('t-wait01', { state: 'waiting', createdAt: 3, status: agentStatus({ state: 'waiting', since: 10 }) }),
    taskInfo('t-idle01', { state: 'idle', createdAt: 4, parentId: 't-busy01' }),
    taskInfo('t-fail01', { state: 'failed', createdAt: 5, parentId: 't-idle01' }),
    taskInfo('t-queue1', { state: 'queued', createdAt: 6, parentId: 't-busy01' }),
    taskInfo('t-stop01', { state: 'stopped', createdAt: 7 }),
  ];
  const state = reduceTasks(EMPTY_TASKS, { type: 'list', tasks });

  it('sorts who-needs-me first, longest waiting first', () => {
    expect(sortByUrgency(tasks).map((t) => t.id)).toEqual([
      't-wait01', 't-wait02', 't-idle01', 't-fail01', 't-busy01', 't-queue1', 't-stop01',
    ]);
  });

  it('walks through the waiting tasks, longest waiting first, from the focused one', () => {
    const withSessions = tasks.map((t) => ({ ...t, sessionId: `s-${t.id.slice(2)}` as TaskInfo['sessionId'] }));
    expect(nextWaitingTask(withSessions, null)?.id).toBe('t-wait01');
    expect(nextWaitingTask(withSessions, 's-busy01')?.id).toBe('t-wait01');
    expect(nextWaitingTask(withSessions, 's-wait01')?.id).toBe('t-wait02');
    expect(nextWaitingTask(withSessions, 's-wait02')?.id).toBe('t-wait01');
    // A waiting task without a pane yet cannot be brought up; nobody waiting: null.
    expect(nextWaitingTask(tasks, null)).toBeNull();
    expect(nextWaitingTask(withSessions.filter((t) => t.state !== 'waiting'), null)).toBeNull();
  });

  it('filters and counts by state', () => {
    expect(filterByState(tasks, 'waiting').map((t) => t.id)).toEqual(['t-wait02', 't-wait01']);
    expect(filterByState(tasks, 'all')).toHaveLength(7);
    const counts = countByState(tasks);
    expect(counts.waiting).toBe(2);
    expect(counts.exited).toBe(0);
    expect(waitingCount(tasks)).toBe(2);
  });

  it('finds children and descendants from parentId', () => {
    expect(childrenOf(state, 't-busy01').map((t) => t.id)).toEqual(['t-idle01', 't-queue1']);
    expect(descendantsOf(state, 't-busy01').map((t) => t.id).sort()).toEqual(['t-fail01', 't-idle01', 't-queue1']);
    expect(childrenOf(state, 't-stop01')).toEqual([]);
  });
});
