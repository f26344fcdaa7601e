import { describe, expect, it } from 'vitest';
import { findEditConflicts, newEditPaths, normalizePath, sourceRelativePath, type WorkspacePlace } from './edit-conflicts';

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

  describe('sourceRelativePath: from the source root, not from the subfolder a task runs in', () => {
    const worktree = (sub: string): WorkspacePlace => ({ kind: 'worktree', path: `/data/worktrees/t-1${sub === '' ? '' : `/${sub}`}`, source: '/repo' });

    it('a worktree on a subfolder adds the subfolder', () => {
      expect(sourceRelativePath(worktree('pkg-a'), '/repo/pkg-a', '/data/worktrees/t-1/pkg-a/src/a.ts')).toBe('pkg-a/src/a.ts');
      expect(sourceRelativePath(worktree('pkg-b'), '/repo/pkg-b', 'src/a.ts')).toBe('pkg-b/src/a.ts');
      expect(sourceRelativePath(worktree('a/b'), '/repo/a/b', '../c.ts')).toBe('a/c.ts');
      // Outside the subfolder but inside the worktree: still a file of the repository.
      expect(sourceRelativePath(worktree('pkg'), '/repo/pkg', '/data/worktrees/t-1/README.md')).toBe('README.md');
    });

    it('the same file written from the root and from its folder is one path', () => {
      const fromRoot = sourceRelativePath(worktree(''), '/repo', '/data/worktrees/t-1/pkg/same.txt');
      const fromPkg = sourceRelativePath({ ...worktree('pkg'), path: '/data/worktrees/t-2/pkg' }, '/repo/pkg', '/data/worktrees/t-2/pkg/same.txt');
      expect(fromRoot).toBe('pkg/same.txt');
      expect(fromPkg).toBe('pkg/same.txt');
    });

    it('is null outside the workspace root; a sandbox or in-place folder is its own root', () => {
      expect(sourceRelativePath(worktree('pkg'), '/repo/pkg', '/etc/passwd')).toBeNull();
      expect(sourceRelativePath(worktree('pkg'), '/repo/pkg', '/data/worktrees/t-1')).toBeNull();
      expect(sourceRelativePath({ kind: 'sandbox', path: '/data/sandboxes/t-3', source: '/some/dir' }, '/some/dir', '/data/sandboxes/t-3/x/y.ts')).toBe('x/y.ts');
      expect(sourceRelativePath({ kind: 'in-place', path: '/repo/pkg', source: '/repo/pkg' }, '/repo/pkg', '/repo/pkg/z.ts')).toBe('z.ts');
      // In place in a repository's subfolder: from the repository's root, like a worktree.
      expect(sourceRelativePath({ kind: 'in-place', path: '/repo/pkg', source: '/repo' }, '/repo/pkg', 'z.ts')).toBe('pkg/z.ts');
      expect(sourceRelativePath({ kind: 'in-place', path: '/repo/pkg', source: '/repo' }, '/repo/pkg', '/repo/other/y.ts')).toBe('other/y.ts');
      expect(sourceRelativePath(worktree(''), null, '/data/worktrees/t-1/..x/y')).toBe('..x/y');
    });
  });

  describe('newEditPaths: what a hook or a proof adds to what the radar knew of a task', () => {
    const inPkg: WorkspacePlace = { kind: 'worktree', path: '/data/worktrees/t-1/pkg', source: '/repo' };

    it('maps a proof\'s workspace-relative paths (and a hook\'s absolute ones) from the source root', () => {
      expect(newEditPaths({ ws: inPkg, cwd: '/repo/pkg', known: new Set(), reported: ['same.txt', 'src/a.ts', '/data/worktrees/t-1/README.md'] }))
        .toEqual(['pkg/same.txt', 'pkg/src/a.ts', 'README.md']);
    });

    it('gives only paths not known yet, once each, and none outside the workspace root', () => {
      const known = new Set(['pkg/same.txt']);
      expect(newEditPaths({ ws: inPkg, cwd: '/repo/pkg', known, reported: ['same.txt', './b.ts', 'b.ts', '/etc/passwd'] })).toEqual(['pkg/b.ts']);
      expect(newEditPaths({ ws: inPkg, cwd: '/repo/pkg', known, reported: ['same.txt'] })).toEqual([]);
    });

    it('a sandbox gives none (nothing in it derives from its source); an in-place folder is compared', () => {
      const sandbox: WorkspacePlace = { kind: 'sandbox', path: '/data/sandboxes/t-3', source: '/some/dir' };
      expect(newEditPaths({ ws: sandbox, cwd: '/some/dir', known: new Set(), reported: ['x.ts', '/data/sandboxes/t-3/y.ts'] })).toEqual([]);
      const inPlace: WorkspacePlace = { kind: 'in-place', path: '/some/dir', source: '/some/dir' };
      expect(newEditPaths({ ws: inPlace, cwd: '/some/dir', known: new Set(), reported: ['x.ts'] })).toEqual(['x.ts']);
    });
  });
});
