'use client';

import { memo } from 'react';
import { getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';

export type TaskEdgeData = { parentId: string; childId: string; active: boolean };
export type TaskFlowEdge = Edge<TaskEdgeData, 'task'>;

/**
 * A parent→child edge drawn as a rounded step (reads better than curves in a tree), with
 * `data-testid="dag-edge-<parent>-<child>"` on the path so a test can find it. An edge into
 * a running child is drawn brighter, so the live part of the tree stands out.
 * Note for tests: a straight path has a zero-width (top-down) or zero-height (left to
 * right) box, so assert on presence (toHaveCount / toBeAttached), not on visibility.
 */
function TaskEdgeView({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<TaskFlowEdge>) {
  const [path] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 8 });
  return (
    <path
      d={path}
      data-testid={data ? `dag-edge-${data.parentId}-${data.childId}` : undefined}
      fill="none"
      className="react-flow__edge-path"
      style={{ stroke: data?.active ? 'var(--color-muted)' : 'var(--color-line-strong)', strokeWidth: 1.5 }}
    />
  );
}

export const TaskEdge = memo(TaskEdgeView);
