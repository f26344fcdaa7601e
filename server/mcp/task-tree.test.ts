import { describe, expect, it } from 'vitest';
import type { TaskId, TaskInfo } from '../../protocol/task';
import { taskInfo } from '../../lib/testing/task-fixture';
import { buildTree, renderTree } from './task-tree';

function task(id: string, parentId: string | null, children: string[] = []): TaskInfo {
  return taskInfo(id, { name: `task ${id}`, prompt: 'p', agent: 'shell', state: 'idle', parentId, children: children as TaskId[] });
}

describe('buildTree', () => {
  const all = [task('t-root01', null, ['t-kid001', 't-kid002']), task('t-kid001', 't-root01', ['t-grand1']), task('t-kid002', 't-root01'), task('t-grand1', 't-kid001'), task('t-other1', null)];

  it('nests every task under its parent, roots first', () => {
    const tree = buildTree(all);
    expect(tree.map((n) => n.id)).toEqual(['t-root01', 't-other1']);
    expect(tree[0]?.children.map((n) => n.id)).toEqual(['t-kid001', 't-kid002']);
    expect(tree[0]?.children[0]?.children.map((n) => n.id)).toEqual(['t-grand1']);
  });

  it('starts at a given root, or gives nothing for an unknown one', () => {
    expect(buildTree(all, 't-kid001' as TaskId).map((n) => n.id)).toEqual(['t-kid001']);
    expect(buildTree(all, 't-nope00' as TaskId)).toEqual([]);
  });

  it('renders as indented lines', () => {
    expect(renderTree(buildTree(all, 't-kid001' as TaskId))).toBe('t-kid001 [idle] shell: task t-kid001\n  t-grand1 [idle] shell: task t-grand1');
  });
});
