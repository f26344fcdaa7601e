'use client';

import { Badge } from '@/components/ui/badge';
import type { TaskHistory } from '@/protocol/history';
import { VerificationBadge } from '@/components/verify/verification-badge';
import { TASK_STATE_TONE } from '@/lib/task-format';
import { taskFacts, TaskPromptText } from '@/components/tasks/task-facts';
import { DetailFields, DetailSection } from './detail-fields';
import { EventTimeline } from './event-timeline';
import { LoadNote } from './load-note';
import { RecordingPanel } from './recording-panel';
import { useHistoryItem } from './use-history-item';

export interface TaskDetailProps {
  taskId: string;
  onOpenTask: (id: string) => void;
}

/** One task: its prompt and outcome, its children, its events and its agent's recording. */
export function TaskDetail({ taskId, onOpenTask }: TaskDetailProps) {
  const item = useHistoryItem<TaskHistory>(`/api/history/tasks/${encodeURIComponent(taskId)}`);
  if (item.kind !== 'ready') return <LoadNote item={item} />;
  const { task, events, children, parent } = item.value;
  return (
    <div data-testid={`history-detail-${task.id}`} className="flex flex-col gap-5">
      <header className="flex items-center gap-3">
        <h2 className="truncate text-base font-semibold">{task.name}</h2>
        <Badge tone={TASK_STATE_TONE[task.state]}>{task.state}</Badge>
        <VerificationBadge task={task} testId={`history-verification-${task.id}`} />
        <span className="font-mono text-xs text-faint">{task.id}</span>
      </header>
      <DetailFields fields={taskFacts(task, task.parentId === null ? null : <TaskLink id={task.parentId} label={parent?.name} onOpen={onOpenTask} />, Date.now())} />
      <DetailSection title="Prompt">
        <TaskPromptText prompt={task.prompt} />
      </DetailSection>
      {children.length > 0 && (
        <DetailSection title={`Children (${children.length})`}>
          <ul className="flex flex-col gap-1">
            {children.map((c) => (
              <li key={c.id} className="flex items-center gap-2 text-xs">
                <Badge tone={TASK_STATE_TONE[c.state]}>{c.state}</Badge>
                <VerificationBadge task={c} testId={`history-child-verification-${c.id}`} compact />
                <TaskLink id={c.id} label={c.name} onOpen={onOpenTask} />
              </li>
            ))}
          </ul>
        </DetailSection>
      )}
      {task.sessionId !== null && (
        <DetailSection title="Recording">
          <RecordingPanel sessionId={task.sessionId} />
        </DetailSection>
      )}
      <DetailSection title="Events">
        <EventTimeline events={events} />
      </DetailSection>
    </div>
  );
}

function TaskLink({ id, label, onOpen }: { id: string; label?: string; onOpen: (id: string) => void }) {
  return (
    <button type="button" className="truncate text-left text-accent hover:underline" onClick={() => onOpen(id)}>
      {label ?? id}
    </button>
  );
}
