import { describe, expect, it } from 'vitest';
import { chooseDagLayout, DAG_NODE_SIZE, dagFitZoom, layoutTaskDag, layoutTaskDagBothWays } from './task-dag-layout';
import { taskInfo } from './testing/task-fixture';

const byId = (layout: ReturnType<typeof layoutTaskDag>) => new Map(layout.nodes.map((n) => [n.id, n]));

describe('layoutTaskDag', () => {
  it('is empty for no tasks', () => {
    expect(layoutTaskDag([])).toEqual({ direction: 'TB', nodes: [], edges: [], widthPx: 0, heightPx: 0 });
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

  it('left to right puts parents left of children and siblings one above the other', () => {
    const layout = layoutTaskDag([taskInfo('t-root01', { createdAt: 1 }), taskInfo('t-kid001', { createdAt: 2, parentId: 't-root01' }), taskInfo('t-kid002', { createdAt: 3, parentId: 't-root01' })], 'LR');
    const n = byId(layout);
    const [root, a, b] = [n.get('t-root01')!, n.get('t-kid001')!, n.get('t-kid002')!];
    expect(layout.direction).toBe('LR');
    expect(a.x).toBeGreaterThan(root.x + DAG_NODE_SIZE.widthPx);
    expect(a.x).toBe(b.x);
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(DAG_NODE_SIZE.heightPx);
  });
});

describe('chooseDagLayout', () => {
  const fanOut = [
    taskInfo('t-root01', { createdAt: 1 }),
    ...[1, 2, 3].map((i) => taskInfo(`t-kid00${i}`, { createdAt: 1 + i, parentId: 't-root01' })),
  ];
  const chain = [1, 2, 3, 4].map((i) => taskInfo(`t-link0${i}`, { createdAt: i, parentId: i === 1 ? null : `t-link0${i - 1}` }));

  it('draws a wide fan-out left to right in a narrow side panel, at a clearly larger zoom', () => {
    const both = layoutTaskDagBothWays(fanOut);
    const panel = { widthPx: 460, heightPx: 340 };
    const chosen = chooseDagLayout(both, panel);
    expect(chosen.direction).toBe('LR');
    expect(dagFitZoom(chosen, panel)).toBeGreaterThan(1.3 * dagFitZoom(both.TB, panel));
  });

  it('keeps a fan-out top-down in a wide, short panel, and a chain top-down in a tall one', () => {
    expect(chooseDagLayout(layoutTaskDagBothWays(fanOut), { widthPx: 700, heightPx: 255 }).direction).toBe('TB');
    expect(chooseDagLayout(layoutTaskDagBothWays(chain), { widthPx: 460, heightPx: 900 }).direction).toBe('TB');
  });

  it('is top-down before the panel is measured, and for a single task', () => {
    expect(chooseDagLayout(layoutTaskDagBothWays(fanOut), { widthPx: 0, heightPx: 0 }).direction).toBe('TB');
    expect(chooseDagLayout(layoutTaskDagBothWays([taskInfo('t-alone1')]), { widthPx: 460, heightPx: 340 }).direction).toBe('TB');
  });

  it('never zooms past life size', () => {
    expect(dagFitZoom({ widthPx: 10, heightPx: 10 }, { widthPx: 2000, heightPx: 2000 })).toBe(1);
  });
});
