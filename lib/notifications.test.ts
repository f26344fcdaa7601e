import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../protocol/task';
import { noticeKind, taskNotices, titleWithCount } from './notifications';
import { agentStatus, taskInfo } from './testing/task-fixture';

const snap = (...tasks: TaskInfo[]) => new Map(tasks.map((t) => [t.id as string, t]));

describe('noticeKind', () => {
  it('rings when a task starts waiting or ends a turn', () => {
    expect(noticeKind('busy', 'waiting')).toBe('waiting');
    expect(noticeKind('idle', 'waiting')).toBe('waiting');
    expect(noticeKind('busy', 'idle')).toBe('finished');
    expect(noticeKind('waiting', 'idle')).toBe('finished');
    expect(noticeKind('busy', 'exited')).toBe('exited');
    expect(noticeKind('starting', 'failed')).toBe('failed');
    expect(noticeKind('queued', 'failed')).toBe('failed');
  });

  it('stays quiet for start-up, work, stops and repeats', () => {
    expect(noticeKind('starting', 'idle')).toBeNull();
    expect(noticeKind('queued', 'starting')).toBeNull();
    expect(noticeKind('idle', 'busy')).toBeNull();
    expect(noticeKind('busy', 'stopped')).toBeNull();
    expect(noticeKind('stopped', 'exited')).toBeNull();
    expect(noticeKind('waiting', 'waiting')).toBeNull();
  });
});

describe('taskNotices', () => {
  it('notifies known tasks that changed, with the question as the body', () => {
    const prev = snap(taskInfo('t-aaaaaa', { state: 'busy' }), taskInfo('t-bbbbbb', { state: 'busy' }));
    const next = snap(
      taskInfo('t-aaaaaa', {
        name: 'refactor',
        state: 'waiting',
        status: agentStatus({ state: 'waiting', waiting: { kind: 'permission', question: 'Create hello.txt?', choices: [] } }),
      }),
      taskInfo('t-bbbbbb', { state: 'busy' }),
      taskInfo('t-cccccc', { state: 'waiting' }),
    );
    expect(taskNotices(prev, next)).toEqual([
      { taskId: 't-aaaaaa', kind: 'waiting', title: 'refactor needs you', body: 'Create hello.txt?' },
    ]);
  });

  it('says nothing on the first load', () => {
    expect(taskNotices(new Map(), snap(taskInfo('t-aaaaaa', { state: 'waiting' })))).toEqual([]);
  });
});

describe('titleWithCount', () => {
  it('prefixes the count only when something waits', () => {
    expect(titleWithCount('Axiom Console', 2)).toBe('(2) Axiom Console');
    expect(titleWithCount('Axiom Console', 0)).toBe('Axiom Console');
  });
});
