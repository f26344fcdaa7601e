import { describe, expect, it } from 'vitest';
import type { TaskId } from '../../protocol/task';
import { childPrompt, taskName } from './context-summary';
import { TaskGraph } from './task-graph';
import { TaskScheduler } from './task-scheduler';

const t = (s: string): TaskId => `t-${s}` as TaskId;

describe('TaskGraph', () => {
  it('keeps parents and children, subtrees parent-first, and removes subtrees', () => {
    const g = new TaskGraph();
    g.add(t('root00'), null);
    g.add(t('kid001'), t('root00'));
    g.add(t('kid002'), t('root00'));
    g.add(t('grand1'), t('kid001'));
    expect(g.children(t('root00'))).toEqual([t('kid001'), t('kid002')]);
    expect(g.subtree(t('root00'))).toEqual([t('root00'), t('kid001'), t('kid002'), t('grand1')]);
    expect(g.removeSubtree(t('kid001'))).toEqual([t('grand1'), t('kid001')]);
    expect(g.children(t('root00'))).toEqual([t('kid002')]);
    expect(g.has(t('grand1'))).toBe(false);
  });

  it('refuses an unknown parent and a duplicate id (no cycles can form)', () => {
    const g = new TaskGraph();
    expect(() => g.add(t('orphan'), t('nobody'))).toThrow(/parent/);
    g.add(t('one001'), null);
    expect(() => g.add(t('one001'), null)).toThrow(/already/);
  });
});

describe('TaskScheduler', () => {
  it('runs at most maxRunning, queues the rest in order, and admits on release', () => {
    const s = new TaskScheduler({ maxRunning: 2, maxAttempts: 3, retryBaseMs: 500 });
    for (const id of ['a00001', 'b00001', 'c00001', 'd00001']) s.enqueue(t(id));
    expect(s.admit()).toEqual([t('a00001'), t('b00001')]);
    expect(s.position(t('c00001'))).toBe(0);
    expect(s.position(t('d00001'))).toBe(1);
    s.release(t('a00001'));
    expect(s.admit()).toEqual([t('c00001')]);
    expect(s.position(t('d00001'))).toBe(0);
  });

  it('backs off exponentially between spawn attempts', () => {
    const s = new TaskScheduler({ maxRunning: 1, maxAttempts: 3, retryBaseMs: 500 });
    expect([1, 2, 3].map((n) => s.retryDelayMs(n))).toEqual([0, 500, 1000]);
  });
});

describe('context summary', () => {
  it("puts the child's task first, then the parent's ask and files", () => {
    const p = childPrompt({ name: 'Build API', prompt: 'Build the\nREST API', workspacePath: '/w/p', files: ['a.ts', 'b.ts'] }, 'Write tests');
    expect(p).toBe('Your task: Write tests\n\nContext from the parent task "Build API": it was asked: Build the REST API\nThe parent works in /w/p; its files: a.ts, b.ts.');
  });

  it('names a task by its first non-empty line, shortened', () => {
    expect(taskName('\n  Fix the bug\nmore')).toBe('Fix the bug');
    expect(taskName('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});
