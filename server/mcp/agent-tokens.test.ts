import { describe, expect, it } from 'vitest';
import type { TaskId } from '../../protocol/task';
import { AgentTokens } from './agent-tokens';

const T1 = 't-aaaaaa' as TaskId;
const T2 = 't-bbbbbb' as TaskId;

describe('AgentTokens', () => {
  it('mints one random token per task, maps it back, and forgets it on revoke', () => {
    const tokens = new AgentTokens();
    const a = tokens.issue(T1);
    const b = tokens.issue(T2);
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThan(40);
    expect(tokens.issue(T1)).toBe(a);
    expect(tokens.taskOf(a)).toBe(T1);
    expect(tokens.taskOf(b)).toBe(T2);
    expect(tokens.taskOf('axa_guess')).toBeNull();
    expect(tokens.revoke(T1)).toBe(true);
    expect(tokens.has(a)).toBe(false);
    expect(tokens.revoke(T1)).toBe(false);
    expect(tokens.size).toBe(1);
  });

  it('adopts a token it minted before a restart, and refuses anything of another shape', () => {
    const before = new AgentTokens().issue(T1);
    const tokens = new AgentTokens();
    expect(tokens.adopt(T1, before)).toBe(true);
    expect(tokens.taskOf(before)).toBe(T1);
    expect(tokens.issue(T1)).toBe(before);
    expect(tokens.adopt(T2, 'short')).toBe(false);
    expect(tokens.adopt(T2, `${before}x`)).toBe(false);
    expect(tokens.taskOf('short')).toBeNull();
    // A second adoption replaces the first: the old token stops working.
    const other = new AgentTokens().issue(T1);
    expect(tokens.adopt(T1, other)).toBe(true);
    expect(tokens.has(before)).toBe(false);
    expect(tokens.taskOf(other)).toBe(T1);
  });
});

