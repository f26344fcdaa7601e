'use client';

import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { TaskInfo, TaskState } from '@/protocol/task';
import { useNow } from '@/lib/task-clock';
import { DAG_NODE_SIZE, type DagDirection } from '@/lib/task-dag-layout';
import { formatElapsed, stateSummary, taskElapsedMs } from '@/lib/task-format';
import { SuggestionCountChip } from '@/components/steering/suggestion-count-chip';
import { VerificationBadge } from '@/components/verify/verification-badge';

/** `direction`: where the edges attach (top and bottom, or left and right). */
export type TaskNodeData = { task: TaskInfo; direction: DagDirection };
export type TaskFlowNode = Node<TaskNodeData, 'task'>;

/**
 * Colour carries the state, and the state is also written out, so it never relies on
 * colour alone. Waiting is the one that must catch the eye across the room: amber, with a
 * slow ring that pulses three times and rests (off when the user asks for reduced motion).
 */
const NODE_TONE: Record<TaskState, string> = {
  waiting: 'border-warn bg-[color-mix(in_srgb,var(--color-warn)_14%,var(--color-panel))] motion-safe:animate-attention',
  busy: 'border-accent/80 bg-[color-mix(in_srgb,var(--color-accent)_10%,var(--color-panel))]',
  starting: 'border-dashed border-accent/50 bg-panel',
  idle: 'border-ok/70 bg-[color-mix(in_srgb,var(--color-ok)_10%,var(--color-panel))]',
  failed: 'border-bad/80 bg-[color-mix(in_srgb,var(--color-bad)_12%,var(--color-panel))]',
  queued: 'border-dashed border-line-strong bg-panel',
  exited: 'border-line bg-panel opacity-60',
  stopped: 'border-line bg-panel opacity-60',
};

const STATE_TEXT: Record<TaskState, string> = {
  waiting: 'text-warn',
  busy: 'text-accent',
  starting: 'text-accent',
  idle: 'text-ok',
  failed: 'text-bad',
  queued: 'text-muted',
  exited: 'text-muted',
  stopped: 'text-muted',
};

/** Handles only anchor the edges: the graph is drawn by the layout, never by dragging. */
const HIDDEN_HANDLE = '!size-1 !min-h-0 !min-w-0 !border-0 !bg-transparent';
const HANDLE_SIDES: Record<DagDirection, { target: Position; source: Position }> = {
  TB: { target: Position.Top, source: Position.Bottom },
  LR: { target: Position.Left, source: Position.Right },
};

function TaskNodeView({ data }: NodeProps<TaskFlowNode>) {
  const { task } = data;
  const sides = HANDLE_SIDES[data.direction];
  const now = useNow();
  // The most useful line for the state: the question while waiting, why it failed, else the screen.
  const line =
    task.state === 'waiting' ? (task.status?.waiting?.question ?? task.status?.lastLine)
    : task.state === 'failed' ? (task.error?.message ?? task.status?.lastLine)
    : task.status?.lastLine;
  return (
    <div
      data-testid={`task-${task.id}`}
      data-state={task.state}
      title={`${task.name} — ${stateSummary(task)}${task.sessionId ? '\nClick to go to its pane' : ''}`}
      style={{ width: DAG_NODE_SIZE.widthPx, height: DAG_NODE_SIZE.heightPx }}
      className={`flex cursor-pointer flex-col justify-between rounded-lg border px-2.5 py-1.5 text-left shadow-md shadow-black/30 ${NODE_TONE[task.state]}`}
    >
      <Handle type="target" position={sides.target} isConnectable={false} className={HIDDEN_HANDLE} />
      <div className="flex min-w-0 items-baseline gap-1.5">
        <span className="min-w-0 flex-1 truncate text-xs font-semibold text-fg">{task.name}</span>
        <NodeSuggestions task={task} />
        <span className="shrink-0 text-[10px] text-faint">{task.agent}</span>
      </div>
      <div className="flex items-center gap-1.5 text-[11px]">
        <span data-testid={`dag-node-state-${task.id}`} className={`font-medium ${STATE_TEXT[task.state]}`}>{task.state}</span>
        {task.queue.length > 0 && <span className="text-muted">· {task.queue.length} queued</span>}
        <VerificationBadge task={task} testId={`dag-verification-${task.id}`} compact />
        <span data-testid={`dag-node-elapsed-${task.id}`} className="ml-auto font-mono text-faint tabular-nums">
          {formatElapsed(taskElapsedMs(task, now || task.createdAt))}
        </span>
      </div>
      <p className="truncate font-mono text-[10px] leading-4 text-muted" title={line ?? undefined}>{line || '\u00a0'}</p>
      <Handle type="source" position={sides.source} isConnectable={false} className={HIDDEN_HANDLE} />
    </div>
  );
}

/** The chip stops the click from reaching the node (which would go to the pane instead). */
function NodeSuggestions({ task }: { task: TaskInfo }) {
  return (
    <span className="nodrag" onClick={(e) => e.stopPropagation()}>
      <SuggestionCountChip task={task} testId={`dag-suggestions-${task.id}`} />
    </span>
  );
}

export const TaskNode = memo(TaskNodeView);
