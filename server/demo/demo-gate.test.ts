import { describe, expect, it } from 'vitest';
import { onlyTheDemoSoFar } from './demo-gate';
import { DEMO_SESSION_NAMES } from './demo-sessions';
import { DEMO_TASKS } from './demo-tasks';
import { checkSessionName } from '../verify/check-session-name';

const demoSessions = [...DEMO_SESSION_NAMES, ...DEMO_TASKS.map((t) => t.name)].map((name) => ({ name }));

describe('onlyTheDemoSoFar', () => {
  it('is true for a new console and for one that has only ever run the demo', () => {
    expect(onlyTheDemoSoFar({ tasks: [], sessions: [] })).toBe(true);
    expect(onlyTheDemoSoFar({ tasks: [...DEMO_TASKS, ...DEMO_TASKS], sessions: [...demoSessions, ...demoSessions] })).toBe(true);
    // The demo's check ran (its steering suggestion accepted): still only the demo.
    expect(onlyTheDemoSoFar({ tasks: DEMO_TASKS, sessions: [...demoSessions, { name: checkSessionName('Make the greeting check pass') }] })).toBe(true);
    expect(onlyTheDemoSoFar({ tasks: DEMO_TASKS, sessions: [{ name: checkSessionName('my own task') }] })).toBe(false);
  });

  it('is false once the history holds a task or a session of the user', () => {
    expect(onlyTheDemoSoFar({ tasks: [...DEMO_TASKS, { name: 'fix the login', prompt: 'fix the login bug' }], sessions: demoSessions })).toBe(false);
    expect(onlyTheDemoSoFar({ tasks: DEMO_TASKS, sessions: [...demoSessions, { name: 'bash' }] })).toBe(false);
    // Named like a demo task but asked something else: the user's.
    expect(onlyTheDemoSoFar({ tasks: [{ name: 'Research greetings', prompt: 'research something real' }], sessions: [] })).toBe(false);
  });
});
