import { describe, expect, it } from 'vitest';
import { agentStatus } from '../lib/testing/task-fixture';
import { nowCell } from './commands';

describe('axiom ls, last column', () => {
  it('shows a waiting agent\'s question, not the last of its numbered choices', () => {
    const waiting = agentStatus({ state: 'waiting', lastLine: '3. No', waiting: { kind: 'permission', question: 'Do you want to create hello.sh?', choices: [] } });
    expect(nowCell({ state: 'waiting', status: waiting })).toBe('asks: Do you want to create hello.sh?');
    expect(nowCell({ state: 'idle', status: agentStatus({ state: 'idle', lastLine: '✻ Baked for 3s' }) })).toBe('✻ Baked for 3s');
    expect(nowCell({ state: 'starting', status: null })).toBe('');
  });
});
