import { describe, expect, it } from 'vitest';
import type { TaskId } from '../../protocol/task';
import type { SuggestionDraft } from './rule-types';
import { SuggestionBook } from './suggestion-book';
import { taskInfo } from '../../lib/testing/task-fixture';

const parent = 't-parent000001' as TaskId;
const other = 't-other0000001' as TaskId;

function childDraft(turn: number, taskId: TaskId = parent): SuggestionDraft {
  return {
    rule: 'child-finished',
    taskId,
    title: `Child "c" finished (turn ${turn})`,
    message: `turn ${turn}`,
    confidence: 0.7,
    action: 'inject',
    evidence: [],
    key: `child:t-child:${turn}`,
    replaces: 'child:t-child',
  };
}

describe('SuggestionBook', () => {
  it('lists the last resolved, last resolved first, per task or all, without the pending ones', () => {
    const book = new SuggestionBook();
    const raise = (key: string, taskId: TaskId, at: number) => book.raise({ ...childDraft(1, taskId), key, replaces: undefined }, at)!.suggestion;
    const a = raise('a', parent, 1);
    const b = raise('b', parent, 2);
    const c = raise('c', other, 3);
    const pending = raise('d', parent, 4);
    book.resolve(b.id, { state: 'dismissed', by: 'person' }, 10);
    book.resolve(a.id, { state: 'accepted', by: 'person' }, 20);
    book.resolve(c.id, { state: 'expired', by: null }, 30);
    expect(book.lastResolved(5, undefined).map((s) => s.id)).toEqual([c.id, a.id, b.id]);
    expect(book.lastResolved(1, parent).map((s) => s.id)).toEqual([a.id]);
    expect(book.lastResolved(5, parent).map((s) => s.id)).not.toContain(pending.id);
    expect(book.lastResolved(0, undefined)).toEqual([]);
  });

  it('raises a finding once per key', () => {
    const book = new SuggestionBook();
    expect(book.raise(childDraft(1), 1)).not.toBeNull();
    expect(book.raise(childDraft(1), 2)).toBeNull();
  });

  it("expires a child's earlier report when its next turn is reported, and nothing else", () => {
    const book = new SuggestionBook();
    const first = book.raise(childDraft(1), 1)!.suggestion;
    const elsewhere = book.raise(childDraft(1, other), 1)!.suggestion;
    const second = book.raise(childDraft(2), 2)!;
    expect(second.replaced.map((s) => [s.id, s.state])).toEqual([[first.id, 'expired']]);
    expect(second.suggestion.state).toBe('open');
    expect(book.get(elsewhere.id)?.state).toBe('open');
    expect(book.openCount(parent)).toBe(1);
  });

  it('leaves a report that was already answered as it was', () => {
    const book = new SuggestionBook();
    const first = book.raise(childDraft(1), 1)!.suggestion;
    book.resolve(first.id, { state: 'dismissed', by: 'person' }, 2);
    expect(book.raise(childDraft(2), 3)!.replaced).toEqual([]);
    expect(book.get(first.id)?.state).toBe('dismissed');
  });

  it('expires a finding about a passing condition once it no longer holds, for that task only', () => {
    const book = new SuggestionBook();
    const draft = (taskId: TaskId): SuggestionDraft => ({
      rule: 'waiting-too-long', taskId, title: 'Waiting for you', message: '', confidence: 0.3, action: 'notify', evidence: [],
      key: 'waiting:100', holds: (task) => task.state === 'waiting',
    });
    const mine = book.raise(draft(parent), 1)!.suggestion;
    const theirs = book.raise(draft(other), 1)!.suggestion;
    expect(book.expireLapsed(taskInfo(parent, { state: 'waiting' }), 2)).toEqual([]);
    expect(book.expireLapsed(taskInfo(parent, { state: 'busy' }), 3).map((s) => [s.id, s.state])).toEqual([[mine.id, 'expired']]);
    expect(book.get(theirs.id)?.state).toBe('open');
    // Once expired, it is not looked at again.
    expect(book.expireLapsed(taskInfo(parent, { state: 'idle' }), 4)).toEqual([]);
  });
});
