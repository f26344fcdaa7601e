'use client';

import { useEffect, useMemo, useRef } from 'react';
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useReactFlow, useUpdateNodeInternals } from '@xyflow/react';
import type { TaskInfo } from '@/protocol/task';
import { chooseDagLayout, DAG_FIT_PADDING_PX, DAG_MAX_ZOOM, layoutTaskDagBothWays, type DagViewport } from '@/lib/task-dag-layout';
import { useContentSize } from '@/lib/use-content-size';
import { isLiveTask } from '@/lib/task-format';
import { TaskEdge, type TaskFlowEdge } from './task-edge';
import { TaskNode, type TaskFlowNode } from './task-node';

export interface TaskDagProps {
  tasks: readonly TaskInfo[];
  onFocusTask: (task: TaskInfo) => void;
}

// Module constants: React Flow re-mounts every node when these objects change identity.
const NODE_TYPES = { task: TaskNode };
const EDGE_TYPES = { task: TaskEdge };
/** The margins and zoom cap the layout was chosen with (lib/task-dag-layout.ts). */
const px = (n: number) => `${n}px` as const;
const FIT_VIEW = {
  padding: { top: px(DAG_FIT_PADDING_PX.top), bottom: px(DAG_FIT_PADDING_PX.bottom), left: px(DAG_FIT_PADDING_PX.left), right: px(DAG_FIT_PADDING_PX.right) },
  maxZoom: DAG_MAX_ZOOM,
} as const;
const PRO_OPTIONS = { hideAttribution: false };

/**
 * The tasks as a tree: parents above (or left of) children, laid out by dagre
 * (lib/task-dag-layout.ts) every time the set of tasks or their parents change, and
 * re-rendered in place when only a state or a status line changes. Read-only: nodes are
 * not dragged, connected or deleted here. A click on a node goes to that task's pane.
 */
function TaskDagFlow({ tasks, onFocusTask, viewport }: TaskDagProps & { viewport: DagViewport }) {
  const { fitView } = useReactFlow();
  const updateNodeInternals = useUpdateNodeInternals();
  // Only the shape of the tree moves nodes (the layout reads ids, parents and creation
  // times, the last never changes), so a status line ticking does not re-run dagre.
  const shapeKey = tasks.map((t) => `${t.id}<${t.parentId ?? ''}`).join(',');
  const shapeRef = useRef(tasks);
  shapeRef.current = tasks;
  const layouts = useMemo(() => layoutTaskDagBothWays(shapeRef.current), [shapeKey]);
  // A resize only picks between the two; dagre runs when the shape changes.
  const layout = chooseDagLayout(layouts, viewport);

  const byId = useMemo(() => new Map(tasks.map((t) => [t.id as string, t])), [tasks]);
  const nodes = useMemo<TaskFlowNode[]>(
    () => layout.nodes.flatMap((n) => {
      const task = byId.get(n.id);
      return task ? [{ id: n.id, type: 'task' as const, position: { x: n.x, y: n.y }, data: { task, direction: layout.direction }, draggable: false, connectable: false }] : [];
    }),
    [layout, byId],
  );
  const edges = useMemo<TaskFlowEdge[]>(
    () => layout.edges.map((e) => ({
      id: e.id,
      type: 'task' as const,
      source: e.source,
      target: e.target,
      selectable: false,
      data: { parentId: e.source, childId: e.target, active: isLiveTask(byId.get(e.target)?.state ?? 'stopped') },
    })),
    [layout, byId],
  );

  // Re-fit when the tree's shape or direction changes (a task added or removed, the panel
  // resized past the tie), after React Flow has measured the nodes and their moved handles.
  useEffect(() => {
    updateNodeInternals(layout.nodes.map((n) => n.id));
    const frame = requestAnimationFrame(() => void fitView(FIT_VIEW));
    return () => cancelAnimationFrame(frame);
  }, [layout, fitView, updateNodeInternals]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      colorMode="dark"
      data-direction={layout.direction}
      fitView
      fitViewOptions={FIT_VIEW}
      minZoom={0.2}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      deleteKeyCode={null}
      proOptions={PRO_OPTIONS}
      onNodeClick={(_, node) => {
        const task = byId.get(node.id);
        if (task) onFocusTask(task);
      }}
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="var(--color-line)" />
      <Controls showInteractive={false} position="bottom-right" />
    </ReactFlow>
  );
}

/** Browser-only (React Flow measures the DOM): the panel loads it with next/dynamic. */
export default function TaskDag(props: TaskDagProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useContentSize(boxRef);
  return (
    <div ref={boxRef} data-testid="dag" className="h-full w-full">
      {props.tasks.length === 0 ? (
        <p className="flex h-full items-center justify-center text-xs text-faint">The task tree appears here.</p>
      ) : (
        <ReactFlowProvider>
          <TaskDagFlow {...props} viewport={{ widthPx: size.width, heightPx: size.height }} />
        </ReactFlowProvider>
      )}
    </div>
  );
}
