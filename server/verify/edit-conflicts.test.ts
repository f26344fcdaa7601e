import { describe, expect, it } from 'vitest';
import { findEditConflicts, normalizePath } from './edit-conflicts';

describe('edit conflicts (the conflict radar)', () => {
  it('reports a path changed by two tasks of the same source', () => {
    const conflicts = findEditConflicts([
      { taskId: 't-b', source: '/repo', paths: ['src/a.ts', 'README.md'] },
      { taskId: 't-a', source: '/repo/', paths: ['./src/a.ts', 'src/b.ts'] },
      { taskId: 't-c', source: '/other', paths: ['src/a.ts'] },
      { taskId: 't-d', source: '/repo', paths: ['src/b.ts', 'src\\a.ts'] },
    ]);
    expect(conflicts).toEqual([
      { path: 'src/a.ts', source: '/repo', taskIds: ['t-a', 't-b', 't-d'] },
      { path: 'src/b.ts', source: '/repo', taskIds: ['t-a', 't-d'] },
    ]);
  });

  it('has no conflict for one task, different sources, or no overlap', () => {
    expect(findEditConflicts([])).toEqual([]);
    expect(findEditConflicts([{ taskId: 't-a', source: '/r', paths: ['x', './x'] }])).toEqual([]);
    expect(findEditConflicts([
      { taskId: 't-a', source: '/r1', paths: ['x'] },
      { taskId: 't-b', source: '/r2', paths: ['x'] },
      { taskId: 't-c', source: '/r1', paths: ['y'] },
    ])).toEqual([]);
  });

  it('normalizes paths', () => {
    expect(normalizePath('./a//b/../c.ts')).toBe('a/c.ts');
    expect(normalizePath('a\\b')).toBe('a/b');
  });
});
