import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskId } from '../../protocol/task';
import type { Proof } from '../../protocol/verification';
import { taskInfo, agentStatus } from '../../lib/testing/task-fixture';
import type { RuleInput } from './rule-types';
import { DEFAULT_STEERING_CONFIG, RULES } from './steering-config';
import { errorLines } from './text-signals';

/** Each rule over recorded screens (Claude Code 2.1.197 fixtures) and scripted turns. */
const FIXTURES = join(import.meta.dirname, '..', 'agents', 'screen-rules', 'fixtures', 'claude-2.1.197');
const screen = (name: string) => readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');

function input(patch: Partial<RuleInput> = {}): RuleInput {
  return {
    task: taskInfo('t-aaaaaa', { state: 'idle', status: agentStatus({ state: 'idle' }) }),
    trigger: 'turn-end',
    now: 100_000,
    turnText: '',
    screen: '',
    outputSeq: 42,
    files: [],
    fileTexts: [],
    proof: null,
    errors: new Map(),
    quietSince: 100_000,
    child: null,
    budget: null,
    conflict: null,
    ...patch,
  };
}
const run = (rule: keyof typeof RULES, i: RuleInput) => RULES[rule](i, DEFAULT_STEERING_CONFIG[rule]);
const proof = (patch: Partial<Proof>): Proof => ({
  taskId: 't-aaaaaa', state: 'needs-work', reason: 'check failed (exit 1)', files: [], diffStat: { files: 0, additions: 0, deletions: 0 },
  check: { command: 'npm test', sessionId: null, exitCode: 1, signal: null, durationMs: 900, outputTail: 'FAIL src/a.test.ts\nexpected 2, got 3' },
  attempt: 1, at: 99_000, ...patch,
});

describe('steering rules', () => {
  const planText = "Let me plan this out. First I'll research the codebase, then outline the steps.\n\nTODO: implement later";

  it('planning without code: planning phrases and no file changed → "write the code now", with the lines as evidence', () => {
    const s = run('planning-without-code', input({ turnText: planText }));
    expect(s).toMatchObject({ rule: 'planning-without-code', action: 'inject' });
    expect(s?.message).toMatch(/^Stop planning and write the code now/);
    expect(s?.evidence.map((e) => e.text)).toContain('TODO: implement later');
    expect(s?.evidence[0]?.outputSeq).toBe(42);
    expect(run('planning-without-code', input({ turnText: planText, files: [{ path: 'a.ts', change: 'added', additions: 3, deletions: 0 }] }))).toBeNull();
    expect(run('planning-without-code', input({ turnText: 'Hello from the scripted model.' }))).toBeNull();
  });

  it('TODO stubs in changed files → "replace the stubs", pointing at file:line', () => {
    const s = run('todo-stubs', input({ fileTexts: [{ path: 'feature.js', text: "export function greet() {\n  // TODO: implement\n  throw new Error('not implemented');\n}\n" }] }));
    expect(s?.evidence.map((e) => e.text)).toEqual(['feature.js:2: // TODO: implement', "feature.js:3: throw new Error('not implemented');"]);
    expect(run('todo-stubs', input({ fileTexts: [{ path: 'ok.js', text: 'export const x = 1;\n' }] }))).toBeNull();
  });

  it('a claim of completion with no file changed, or with the check failing → "you said it is done, but…"', () => {
    const claim = "Done! I've implemented the feature and all tests pass.";
    expect(run('unverified-claim', input({ turnText: claim }))?.title).toBe('Says it is done, but no file changed in the workspace');
    const failing = run('unverified-claim', input({ trigger: 'verified', turnText: claim, files: [{ path: 'r.txt', change: 'added', additions: 1, deletions: 0 }], proof: proof({}) }));
    expect(failing?.message).toContain('expected 2, got 3');
    expect(run('unverified-claim', input({ turnText: claim, files: [{ path: 'r.txt', change: 'added', additions: 1, deletions: 0 }] }))).toBeNull();
    expect(run('unverified-claim', input({ turnText: screen('after-turn') }))).toBeNull();
  });

  it('the same error three times → "try a different approach" (numbers do not make errors different)', () => {
    const errors = new Map<string, { count: number; sample: string; at: number }>();
    for (const { key, line } of errorLines("Error: Cannot find module 'left-pad' at line 3\nok\nError: Cannot find module 'left-pad' at line 9\nError: Cannot find module 'left-pad' at line 12")) {
      errors.set(key, { count: (errors.get(key)?.count ?? 0) + 1, sample: line, at: 1 });
    }
    const s = run('repeated-error', input({ errors }));
    expect(s?.title).toBe('The same error 3 times');
    expect(s?.message).toContain("Error: Cannot find module 'left-pad'");
  });

  it('waiting on a file-creation prompt past the threshold → propose Approve; other prompts only notify', () => {
    const waiting = (question: string) =>
      input({ trigger: 'tick', now: 200_000, task: taskInfo('t-aaaaaa', { state: 'waiting', status: agentStatus({ state: 'waiting', since: 100_000, waiting: { kind: 'permission', question, choices: [] } }) }) });
    expect(run('waiting-too-long', waiting('Do you want to create hello.txt?'))).toMatchObject({ action: 'approve', message: 'Approve: Do you want to create hello.txt?' });
    expect(run('waiting-too-long', waiting('Do you want to proceed?'))).toMatchObject({ action: 'notify' });
    expect(run('waiting-too-long', { ...waiting('Do you want to create a?'), now: 110_000 })).toBeNull();
    // It holds while that same wait goes on: answered, or a later question, it lapses.
    const holds = run('waiting-too-long', waiting('Do you want to create hello.txt?'))!.holds!;
    expect(holds(waiting('Do you want to create hello.txt?').task)).toBe(true);
    expect(holds(taskInfo('t-aaaaaa', { state: 'busy', status: agentStatus({ state: 'busy', since: 150_000 }) }))).toBe(false);
    expect(holds(taskInfo('t-aaaaaa', { state: 'waiting', status: agentStatus({ state: 'waiting', since: 160_000 }) }))).toBe(false);
  });

  it('busy with no visible progress for minutes → nudge; a child that finished → its result to the parent', () => {
    const busy = input({ trigger: 'tick', now: 400_000, quietSince: 100_000, task: taskInfo('t-aaaaaa', { state: 'busy', status: agentStatus({ state: 'busy' }) }) });
    expect(run('silent-while-busy', busy)).toMatchObject({ action: 'interrupt-inject', title: 'Busy with no visible progress for 5 min' });
    const stillSilent = run('silent-while-busy', busy)!.holds!;
    expect(stillSilent(busy.task)).toBe(true);
    expect(stillSilent(taskInfo('t-aaaaaa', { state: 'busy', status: agentStatus({ state: 'busy', lastLine: '✻ Wrote 3 files' }) }))).toBe(false);
    expect(stillSilent(taskInfo('t-aaaaaa', { state: 'idle', status: agentStatus({ state: 'idle' }) }))).toBe(false);
    const child = taskInfo('t-child1', { name: 'write tests', state: 'idle', parentId: 't-aaaaaa' });
    const s = run('child-finished', input({ trigger: 'child-ended', child: { task: child, message: 'Wrote 12 tests; all pass.' } }));
    expect(s).toMatchObject({ taskId: 't-aaaaaa' as TaskId, action: 'inject' });
    expect(s?.message).toContain('Wrote 12 tests; all pass.');
  });

  it('a failed check → its output tail back to the agent; not when the turn already claimed success (one finding, once)', () => {
    expect(run('check-failed', input({ trigger: 'verified', proof: proof({}) }))?.message).toContain('expected 2, got 3');
    expect(run('check-failed', input({ trigger: 'verified', proof: proof({}), turnText: 'Done. All tests pass.' }))).toBeNull();
    expect(run('check-failed', input({ trigger: 'verified', proof: proof({ check: null, reason: 'no file changed' }) }))).toBeNull();
    expect(run('check-failed', input({ trigger: 'verified', proof: proof({ state: 'verified' }) }))).toBeNull();
  });

  it('budgets and edit conflicts notify', () => {
    expect(run('budget-exceeded', input({ trigger: 'budget', budget: { kind: 'turns', limit: 3, used: 4 } }))).toMatchObject({ action: 'notify', title: 'Budget crossed: turns 4 of 3' });
    expect(run('edit-conflict', input({ trigger: 'conflict', conflict: { path: 'src/a.ts', otherTaskIds: ['t-bbbbbb' as TaskId] } }))?.message).toContain('src/a.ts is also being edited by t-bbbbbb');
  });
});
