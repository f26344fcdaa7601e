import { describe, expect, it } from 'vitest';
import { ListSync } from './list-sync';

interface Item {
  id: string;
  v: number;
}

/** A store's current state, as the merge reads it. */
function storeOf(items: Item[]): (id: string) => Item | undefined {
  const byId = new Map(items.map((i) => [i.id, i]));
  return (id) => byId.get(id);
}

describe('ListSync', () => {
  it('without events in between, the reply is taken as it is', () => {
    const sync = new ListSync();
    sync.note('a'); // before the request: the reply is newer
    const since = sync.mark();
    const reply = [{ id: 'a', v: 2 }, { id: 'b', v: 1 }];
    expect(sync.merge(reply, since, storeOf([{ id: 'a', v: 1 }]))).toEqual(reply);
  });

  it('keeps an item created by an event that overtook a reply that lacks it', () => {
    const sync = new ListSync();
    const since = sync.mark();
    sync.note('new'); // session:updated for a session created after the host took the list
    const merged = sync.merge([{ id: 'old', v: 1 }], since, storeOf([{ id: 'old', v: 1 }, { id: 'new', v: 1 }]));
    expect(merged).toEqual([{ id: 'old', v: 1 }, { id: 'new', v: 1 }]);
  });

  it('an event newer than the request wins over the reply for that item', () => {
    const sync = new ListSync();
    const since = sync.mark();
    sync.note('a');
    expect(sync.merge([{ id: 'a', v: 1 }], since, storeOf([{ id: 'a', v: 5 }]))).toEqual([{ id: 'a', v: 5 }]);
  });

  it('an item removed after the request does not come back with a stale reply', () => {
    const sync = new ListSync();
    const since = sync.mark();
    sync.note('gone');
    expect(sync.merge([{ id: 'gone', v: 1 }, { id: 'kept', v: 1 }], since, storeOf([{ id: 'kept', v: 1 }]))).toEqual([{ id: 'kept', v: 1 }]);
  });

  it('forgets what a reply settled, so the next reply is taken as it is', () => {
    const sync = new ListSync();
    const first = sync.mark();
    sync.note('a');
    sync.merge([], first, storeOf([{ id: 'a', v: 1 }]));
    const second = sync.mark();
    // 'a' was touched before the second request: its reply is the truth now.
    expect(sync.merge([], second, storeOf([{ id: 'a', v: 1 }]))).toEqual([]);
  });
});

describe('ListSync.noting', () => {
  it('notes the id of each event it handles, before applying it', () => {
    const sync = new ListSync();
    const since = sync.mark();
    const applied: string[] = [];
    sync.noting((e: { id: string }) => applied.push(e.id))({ id: 'x' });
    expect(applied).toEqual(['x']);
    expect(sync.merge([], since, (id) => (id === 'x' ? { id } : undefined))).toEqual([{ id: 'x' }]);
  });
});
