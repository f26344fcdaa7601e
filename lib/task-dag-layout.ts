import dagre from '@dagrejs/dagre';
import type { TaskInfo } from '../protocol/task';

/**
 * The DAG's geometry, computed apart from React Flow so it can be tested without a DOM:
 * dagre ranks tasks top-down (parents above children) and spreads siblings side by side.
 * Nodes have one fixed size, so the layout depends only on the tree's shape and an
 * agent printing a long line never moves its neighbours.
 */
export const DAG_NODE_SIZE = {
  /** Room for a 28-character name and a status line without wrapping. */
  widthPx: 232,
  heightPx: 92,
} as const;

/** Gaps small enough that a dozen tasks fit a side panel, large enough for edges to read. */
const NODE_GAP_PX = 20;
const RANK_GAP_PX = 44;

export interface DagNodePlacement {
  id: string;
  /** Top-left corner, the way React Flow positions nodes. */
  x: number;
  y: number;
}

export interface DagEdgeSpec {
  /** `e-<parent>-<child>`: stable, and testable from the DOM. */
  id: string;
  source: string;
  target: string;
}

export interface DagLayout {
  nodes: DagNodePlacement[];
  edges: DagEdgeSpec[];
  widthPx: number;
  heightPx: number;
}

export function dagEdgeId(parentId: string, childId: string): string {
  return `e-${parentId}-${childId}`;
}

/**
 * One node per task, one edge per parent→child pair whose parent is present (a parent
 * removed before its children leaves them as roots rather than dangling edges). Input
 * order does not matter: tasks are laid out oldest first, so the picture is stable.
 */
export function layoutTaskDag(tasks: ReadonlyArray<Pick<TaskInfo, 'id' | 'parentId' | 'createdAt'>>): DagLayout {
  const ordered = [...tasks].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const ids = new Set(ordered.map((t) => t.id as string));
  const edges: DagEdgeSpec[] = ordered
    .filter((t) => t.parentId !== null && t.parentId !== t.id && ids.has(t.parentId))
    .map((t) => ({ id: dagEdgeId(t.parentId as string, t.id), source: t.parentId as string, target: t.id }));
  if (ordered.length === 0) return { nodes: [], edges, widthPx: 0, heightPx: 0 };

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: NODE_GAP_PX, ranksep: RANK_GAP_PX, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const t of ordered) g.setNode(t.id, { width: DAG_NODE_SIZE.widthPx, height: DAG_NODE_SIZE.heightPx });
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);

  const nodes = ordered.map((t) => {
    const n = g.node(t.id) as { x: number; y: number };
    // dagre gives centres; React Flow wants top-left corners.
    return { id: t.id as string, x: n.x - DAG_NODE_SIZE.widthPx / 2, y: n.y - DAG_NODE_SIZE.heightPx / 2 };
  });
  const graph = g.graph();
  return { nodes, edges, widthPx: graph.width ?? 0, heightPx: graph.height ?? 0 };
}
