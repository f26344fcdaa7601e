import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { PaneSizeHint } from './pane-size-hint';

const task = 's-task00000001' as SessionId;
const shell = 's-shell0000001' as SessionId;
const isTask = (id: SessionId): boolean => id === task;
const dirs: string[] = [];
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pane-size-'));
  dirs.push(dir);
  return join(dir, 'pane-size.json');
};
afterEach(() => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('PaneSizeHint', () => {
  it('takes the latest task pane fit and ignores plain sessions', () => {
    const hint = new PaneSizeHint(isTask);
    expect(hint.current()).toBeNull();
    hint.fitted(task, 51, 21);
    hint.fitted(shell, 51, 24);
    expect(hint.current()).toEqual({ cols: 51, rows: 21 });
  });

  it('keeps the last size across restarts, written once a drag settles', () => {
    vi.useFakeTimers();
    const file = tempFile();
    const hint = new PaneSizeHint(isTask, file);
    for (const cols of [60, 58, 55, 51]) hint.fitted(task, cols, 21);
    vi.advanceTimersByTime(600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ cols: 51, rows: 21 });
    expect(new PaneSizeHint(isTask, file).current()).toEqual({ cols: 51, rows: 21 });
  });

  it('reads a missing, broken or out-of-range file as no hint', () => {
    const file = tempFile();
    expect(new PaneSizeHint(isTask, file).current()).toBeNull();
    writeFileSync(file, '{"cols": 51');
    expect(new PaneSizeHint(isTask, file).current()).toBeNull();
    writeFileSync(file, '{"cols": 5000, "rows": 21}');
    expect(new PaneSizeHint(isTask, file).current()).toBeNull();
  });
});
