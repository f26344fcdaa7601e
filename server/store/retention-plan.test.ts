import { describe, expect, it } from 'vitest';
import { planPrune, type RecordingFile, type RetentionInput, type SessionRow, type TaskRow } from './retention-plan';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;
const ago = (days: number): number => NOW - days * DAY;

const session = (id: string, exitedDaysAgo: number | null, createdDaysAgo = 60): SessionRow => ({
  id,
  createdAt: ago(createdDaysAgo),
  exitedAt: exitedDaysAgo === null ? null : ago(exitedDaysAgo),
});
const task = (id: string, endedDaysAgo: number | null, extra: Partial<TaskRow> = {}): TaskRow => ({
  id,
  parentId: null,
  sessionId: null,
  final: endedDaysAgo !== null,
  createdAt: ago(60),
  endedAt: endedDaysAgo === null ? null : ago(endedDaysAgo),
  ...extra,
});
const rec = (sessionId: string, mib: number, daysAgo: number): RecordingFile => ({ sessionId, bytes: mib * 1024 * 1024, mtimeMs: ago(daysAgo) });

function input(parts: Partial<RetentionInput>): RetentionInput {
  return { now: NOW, sessions: [], tasks: [], recordings: [], liveSessionIds: new Set(), ...parts };
}

describe('planPrune by age', () => {
  it('prunes ended sessions and task trees past the age, with their recordings, and keeps the rest', () => {
    const plan = planPrune(
      input({
        sessions: [session('s-old', 40), session('s-new', 2), session('s-task', 40)],
        tasks: [task('t-old', 40, { sessionId: 's-task' }), task('t-new', 1)],
        recordings: [rec('s-old', 1, 40), rec('s-new', 1, 2), rec('s-task', 1, 40)],
      }),
      { retentionDays: 30, maxRecordingBytes: 0 },
    );
    expect(plan.sessionIds.sort()).toEqual(['s-old', 's-task']);
    expect(plan.taskIds).toEqual(['t-old']);
    expect(plan.recordingIds.sort()).toEqual(['s-old', 's-task']);
    expect(plan.recordingBytes).toBe(2 * 1024 * 1024);
    expect(plan.looseEventsBefore).toBe(ago(30));
  });

  it('keeps a whole task tree while any task in it is recent or still open, and the sessions its tasks use', () => {
    const tasks = [
      task('t-root', 40),
      task('t-kid-recent', 3, { parentId: 't-root', sessionId: 's-kid' }),
      task('t-root2', 40),
      task('t-kid-open', null, { parentId: 't-root2' }),
      task('t-root3', 40),
      task('t-kid-old', 45, { parentId: 't-root3' }),
    ];
    const plan = planPrune(input({ tasks, sessions: [session('s-kid', 40)] }), { retentionDays: 30, maxRecordingBytes: 0 });
    expect(plan.taskIds.sort()).toEqual(['t-kid-old', 't-root3']);
    expect(plan.sessionIds).toEqual([]);
  });

  it('never touches a live session, and keeps everything when the age is 0', () => {
    const parts = input({ sessions: [session('s-live', null, 90)], recordings: [rec('s-live', 1, 90)], liveSessionIds: new Set(['s-live']) });
    expect(planPrune(parts, { retentionDays: 30, maxRecordingBytes: 0 })).toMatchObject({ sessionIds: [], recordingIds: [] });
    const off = planPrune(input({ sessions: [session('s-old', 400)], tasks: [task('t-old', 400)] }), { retentionDays: 0, maxRecordingBytes: 0 });
    expect(off).toEqual({ sessionIds: [], taskIds: [], recordingIds: [], recordingBytes: 0, looseEventsBefore: null });
  });

  it('deletes a recording file no session row names once it is past the age', () => {
    const plan = planPrune(input({ recordings: [rec('s-stray', 1, 40), rec('s-stray-new', 1, 1)] }), { retentionDays: 30, maxRecordingBytes: 0 });
    expect(plan.recordingIds).toEqual(['s-stray']);
  });
});

describe('planPrune by disk', () => {
  it('deletes the oldest ended recordings until the rest fit, skipping live ones', () => {
    const plan = planPrune(
      input({
        sessions: [session('s-a', 5), session('s-b', 4), session('s-c', 3), session('s-live', null), session('s-just-made', null)],
        recordings: [rec('s-live', 6, 10), rec('s-b', 3, 4), rec('s-a', 3, 5), rec('s-c', 3, 3), rec('s-just-made', 1, 20)],
        liveSessionIds: new Set(['s-live']),
      }),
      { retentionDays: 30, maxRecordingBytes: 10 * 1024 * 1024 },
    );
    // 16 MiB in all: the live 6 and the one the store has as running stay; s-a (oldest)
    // then s-b go, leaving 10.
    expect(plan.recordingIds.sort()).toEqual(['s-a', 's-b']);
    // The cap deletes files only: the sessions stay in the history.
    expect(plan.sessionIds).toEqual([]);
  });
});
