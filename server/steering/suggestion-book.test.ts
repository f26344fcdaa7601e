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
