import { describe, expect, it } from 'vitest';
import { ReducerStore } from './reducer-store';

type Event = { add: number };
const reduce = (state: { total: number }, e: Event) => (e.add === 0 ? state : { total: state.total + e.add });

describe('ReducerStore', () => {
  it('notifies only when the reducer returns a new state, and stops after unsubscribe', () => {
    const store = new ReducerStore(reduce, { total: 0 });
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    const before = store.getSnapshot();
    store.dispatch({ add: 0 });
    expect(store.getSnapshot()).toBe(before);
    expect(calls).toBe(0);
    store.dispatch({ add: 2 });
    expect(store.getSnapshot()).toEqual({ total: 2 });
    expect(calls).toBe(1);
    unsubscribe();
    store.dispatch({ add: 1 });
    expect(calls).toBe(1);
    expect(store.getSnapshot()).toEqual({ total: 3 });
  });
});
