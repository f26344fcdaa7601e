import type { TaskId, TaskInfo } from '../../protocol/task';

/**
 * The task DAG as nested nodes (what axiom_dag returns): one line of facts per task and its
 * children under it. Pure. Each task has at most one parent, so the DAG is a forest.
 */
export interface TreeNode {
  id: TaskId;
  name: string;
  agent: TaskInfo['agent'];
  state: TaskInfo['state'];
  lastLine: string;
  children: TreeNode[];
}

/** Guards against a malformed record (a cycle) producing an endless tree. */
const MAX_DEPTH = 64;

export function buildTree(tasks: readonly TaskInfo[], rootId?: TaskId): TreeNode[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const node = (t: TaskInfo, depth: number): TreeNode => ({
    id: t.id,
    name: t.name,
    agent: t.agent,
    state: t.state,
    lastLine: t.status?.lastLine ?? '',
    children:
      depth >= MAX_DEPTH
        ? []
        : t.children.flatMap((c) => {
            const child = byId.get(c);
            return child === undefined ? [] : [node(child, depth + 1)];
          }),
  });
  if (rootId !== undefined) {
    const root = byId.get(rootId);
    return root === undefined ? [] : [node(root, 0)];
  }
  return tasks.filter((t) => t.parentId === null || !byId.has(t.parentId)).map((t) => node(t, 0));
}

/** The tree as indented text, one task per line: easy for a model to read. */
export function renderTree(nodes: readonly TreeNode[], indent = ''): string {
  return nodes
    .map((n) => {
      const line = `${indent}${n.id} [${n.state}] ${n.agent}: ${n.name}${n.lastLine === '' ? '' : ` — ${n.lastLine}`}`;
      const below = renderTree(n.children, `${indent}  `);
      return below === '' ? line : `${line}\n${below}`;
    })
    .join('\n');
}
