import { describe, expect, it } from 'vitest';
import type { SessionId } from '../protocol/ids';
import { heldText, PaneHoldsStore } from './pane-holds';

const S = 's-abcdef' as SessionId;

describe('pane holds', () => {
  it('keeps held panes only, and tells subscribers of real changes', () => {
    const store = new PaneHoldsStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.apply({ id: S, reason: 'claimed', until: 5 });
    expect(store.get(S)).toEqual({ id: S, reason: 'claimed', until: 5 });
    store.apply({ id: S, reason: null, until: null });
    store.apply({ id: S, reason: null, until: null });
    expect(store.get(S)).toBeUndefined();
    store.clear();
    expect(calls).toBe(2);
  });

  it('says why prompts wait, and nothing when none do or the pane is free', () => {
    expect(heldText(2, 'typing')).toBe('2 prompts held while you type');
    expect(heldText(1, 'claimed')).toBe('1 prompt held while you hold this pane');
    expect(heldText(0, 'claimed')).toBeNull();
    expect(heldText(3, null)).toBeNull();
  });
});
