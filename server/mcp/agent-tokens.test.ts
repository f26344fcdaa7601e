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
});
