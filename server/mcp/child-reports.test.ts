import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../protocol/agent';
import type { TaskId, TaskInfo, TaskState } from '../../protocol/task';
import { childReport, type Watched } from './child-reports';

const P = 't-parent' as TaskId;
function child(state: TaskState, lastLine = 'done'): TaskInfo {
  const status: AgentStatus = { state: state === 'stopped' ? 'exited' : (state as AgentStatus['state']), signal: 'hook', since: 0, waiting: state === 'waiting' ? { kind: 'permission', question: 'Do you want to create a.txt?', choices: [] } : null, disagreement: null, lastLine, exitCode: null };
  return { id: 't-child1' as TaskId, name: 'child one', state, status, parentId: P, error: null } as TaskInfo;
}

describe('childReport', () => {
  it('reports the first finished turn once, waiting each time after work, and the end', () => {
    const w: Watched = { parentId: P, worked: false, reportedIdle: false };
    expect(childReport(w, child('starting'))).toBeNull();
    expect(childReport(w, child('idle'))).toBeNull(); // idle before any work: nothing done yet
    expect(childReport(w, child('busy'))).toBeNull();
    expect(childReport(w, child('idle', 'Hello.'))).toBe('[axiom] child task t-child1 "child one" finished its turn. Last line: "Hello.". Read its screen with axiom_output, or send it more with axiom_inject.');
    expect(childReport(w, child('busy'))).toBeNull();
    expect(childReport(w, child('idle'))).toBeNull();
    expect(childReport(w, child('busy'))).toBeNull();
    expect(childReport(w, child('waiting'))).toMatch(/is waiting for an answer: Do you want to create a\.txt\?/);
    expect(childReport(w, child('stopped'))).toMatch(/ended: stopped\./);
  });
});
