import dagre from '@dagrejs/dagre';
import type { TaskInfo } from '../protocol/task';

/**
 * The DAG's geometry, computed apart from React Flow so it can be tested without a DOM:
 * dagre ranks tasks top-down (parents above children) and spreads siblings side by side,
 * or left to right when that shows the tree larger in the panel at hand (a wide fan-out
 * in a side panel). Nodes have one fixed size, so the layout depends only on the tree's
 * shape and the panel's, and an agent printing a long line never moves its neighbours.
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

/** TB: parents above children. LR: parents left of children. */
export type DagDirection = 'TB' | 'LR';

export interface DagLayout {
  direction: DagDirection;
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
export function layoutTaskDag(tasks: ReadonlyArray<Pick<TaskInfo, 'id' | 'parentId' | 'createdAt'>>, direction: DagDirection = 'TB'): DagLayout {
  const ordered = [...tasks].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const ids = new Set(ordered.map((t) => t.id as string));
  const edges: DagEdgeSpec[] = ordered
    .filter((t) => t.parentId !== null && t.parentId !== t.id && ids.has(t.parentId))
    .map((t) => ({ id: dagEdgeId(t.parentId as string, t.id), source: t.parentId as string, target: t.id }));
  if (ordered.length === 0) return { direction, nodes: [], edges, widthPx: 0, heightPx: 0 };

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: direction, nodesep: NODE_GAP_PX, ranksep: RANK_GAP_PX, marginx: 0, marginy: 0 });
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
  return { direction, nodes, edges, widthPx: graph.width ?? 0, heightPx: graph.height ?? 0 };
}

/** The margin the view leaves around the picture: wider on the right, where the zoom
 * buttons sit (they covered the last node in a narrow panel). */
export const DAG_FIT_PADDING_PX = { top: 24, bottom: 24, left: 24, right: 64 } as const;
/** Never zoom a small tree up past life size. */
export const DAG_MAX_ZOOM = 1;

/** The panel the DAG is drawn in; 0 × 0 before it is measured. */
export interface DagViewport {
  widthPx: number;
  heightPx: number;
}

/** The zoom at which the whole layout fits the viewport, margins included (the cap when the
 * viewport is not measured yet). */
export function dagFitZoom(layout: Pick<DagLayout, 'widthPx' | 'heightPx'>, viewport: DagViewport): number {
  const p = DAG_FIT_PADDING_PX;
  const room = { w: viewport.widthPx - p.left - p.right, h: viewport.heightPx - p.top - p.bottom };
  if (layout.widthPx <= 0 || layout.heightPx <= 0 || room.w <= 0 || room.h <= 0) return DAG_MAX_ZOOM;
  return Math.min(DAG_MAX_ZOOM, room.w / layout.widthPx, room.h / layout.heightPx);
}

/** Left to right must show the tree this much larger to be chosen: top-down is what people
 * expect of a tree, and a panel resized near the tie does not flip at every pixel. */
const LR_MIN_GAIN = 1.15;

/** One tree laid out both ways (dagre runs only when the tree's shape changes). */
export interface DagLayouts {
  TB: DagLayout;
  LR: DagLayout;
}

export function layoutTaskDagBothWays(tasks: ReadonlyArray<Pick<TaskInfo, 'id' | 'parentId' | 'createdAt'>>): DagLayouts {
  return { TB: layoutTaskDag(tasks, 'TB'), LR: layoutTaskDag(tasks, 'LR') };
}

/**
 * Which layout to show in a viewport: top-down unless left to right fits it at a clearly
 * larger zoom. Three children of one parent are 736 px wide top-down; in the 460 px side
 * panel that drew their text at half size, and left to right draws it ~45 % larger.
 */
export function chooseDagLayout(layouts: DagLayouts, viewport: DagViewport): DagLayout {
  // Unmeasured, both fit at the cap: top-down.
  return dagFitZoom(layouts.LR, viewport) >= LR_MIN_GAIN * dagFitZoom(layouts.TB, viewport) ? layouts.LR : layouts.TB;
}
