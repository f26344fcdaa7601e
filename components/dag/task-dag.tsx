'use client';

import { useEffect, useMemo, useRef } from 'react';
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { TaskInfo } from '@/protocol/task';
import { layoutTaskDag } from '@/lib/task-dag-layout';
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
/** Never zoom a small tree up past life size; leave a margin around the picture, wider on
 * the right, where the zoom buttons sit (they covered the last node in a narrow panel). */
const FIT_VIEW = { padding: { top: '24px', bottom: '24px', left: '24px', right: '64px' }, maxZoom: 1 } as const;
const PRO_OPTIONS = { hideAttribution: false };

/**
 * The tasks as a tree: parents above children, laid out by dagre (lib/task-dag-layout.ts)
 * every time the set of tasks or their parents change, and re-rendered in place when only a
 * state or a status line changes. Read-only: nodes are not dragged, connected or deleted
 * here. A click on a node goes to that task's pane.
 */
function TaskDagFlow({ tasks, onFocusTask }: TaskDagProps) {
  const { fitView } = useReactFlow();
  // Only the shape of the tree moves nodes (the layout reads ids, parents and creation
  // times, the last never changes), so a status line ticking does not re-run dagre.
  const shapeKey = tasks.map((t) => `${t.id}<${t.parentId ?? ''}`).join(',');
  const shapeRef = useRef(tasks);
  shapeRef.current = tasks;
  const layout = useMemo(() => layoutTaskDag(shapeRef.current), [shapeKey]);

  const byId = useMemo(() => new Map(tasks.map((t) => [t.id as string, t])), [tasks]);
  const nodes = useMemo<TaskFlowNode[]>(
    () => layout.nodes.flatMap((n) => {
      const task = byId.get(n.id);
      return task ? [{ id: n.id, type: 'task' as const, position: { x: n.x, y: n.y }, data: { task }, draggable: false, connectable: false }] : [];
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

  // Re-fit when the tree's shape changes (a task added or removed), after React Flow has
  // measured the new nodes.
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView(FIT_VIEW));
    return () => cancelAnimationFrame(frame);
  }, [layout, fitView]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      colorMode="dark"
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
  return (
    <div data-testid="dag" className="h-full w-full">
      {props.tasks.length === 0 ? (
        <p className="flex h-full items-center justify-center text-xs text-faint">The task tree appears here.</p>
      ) : (
        <ReactFlowProvider>
          <TaskDagFlow {...props} />
        </ReactFlowProvider>
      )}
    </div>
  );
}
