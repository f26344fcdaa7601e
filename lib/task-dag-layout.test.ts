import { describe, expect, it } from 'vitest';
import { DAG_NODE_SIZE, layoutTaskDag } from './task-dag-layout';
import { taskInfo } from './testing/task-fixture';

const byId = (layout: ReturnType<typeof layoutTaskDag>) => new Map(layout.nodes.map((n) => [n.id, n]));

describe('layoutTaskDag', () => {
  it('is empty for no tasks', () => {
    expect(layoutTaskDag([])).toEqual({ nodes: [], edges: [], widthPx: 0, heightPx: 0 });
  });

  it('puts parents above children and siblings side by side without overlap', () => {
    const tasks = [
      taskInfo('t-root01', { createdAt: 1 }),
      taskInfo('t-kid001', { createdAt: 2, parentId: 't-root01' }),
      taskInfo('t-kid002', { createdAt: 3, parentId: 't-root01' }),
      taskInfo('t-grand1', { createdAt: 4, parentId: 't-kid002' }),
    ];
    const layout = layoutTaskDag(tasks);
    const n = byId(layout);
    const root = n.get('t-root01')!;
    const a = n.get('t-kid001')!;
    const b = n.get('t-kid002')!;
    const g = n.get('t-grand1')!;
    expect(a.y).toBeGreaterThan(root.y + DAG_NODE_SIZE.heightPx);
    expect(a.y).toBe(b.y);
    expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(DAG_NODE_SIZE.widthPx);
    expect(g.y).toBeGreaterThan(b.y + DAG_NODE_SIZE.heightPx);
    expect(layout.edges.map((e) => e.id).sort()).toEqual(
      ['e-t-kid002-t-grand1', 'e-t-root01-t-kid001', 'e-t-root01-t-kid002'],
    );
    expect(layout.widthPx).toBeGreaterThanOrEqual(2 * DAG_NODE_SIZE.widthPx);
  });

  it('treats a task whose parent is gone as a root, with no dangling edge', () => {
    const layout = layoutTaskDag([taskInfo('t-orphan', { parentId: 't-gone00' })]);
    expect(layout.edges).toEqual([]);
    expect(layout.nodes).toHaveLength(1);
  });

  it('does not depend on input order', () => {
    const tasks = [
      taskInfo('t-aaaaaa', { createdAt: 1 }),
      taskInfo('t-bbbbbb', { createdAt: 2, parentId: 't-aaaaaa' }),
      taskInfo('t-cccccc', { createdAt: 3 }),
    ];
    expect(layoutTaskDag([...tasks].reverse())).toEqual(layoutTaskDag(tasks));
  });
});
