'use client';

import { Badge } from '@/components/ui/badge';
import type { SessionInfo } from '@/protocol/session';
import type { TaskInfo } from '@/protocol/task';
import { commandLine, statusText, statusTone } from '@/lib/session-format';
import { TASK_STATE_TONE } from '@/lib/task-format';
import { VerificationBadge } from '@/components/verify/verification-badge';
import { formatDateTime } from './history-format';

const ROW =
  'flex w-full flex-col gap-0.5 rounded-md border border-transparent px-2.5 py-2 text-left hover:bg-raised aria-[current=true]:border-accent/50 aria-[current=true]:bg-accent/10';

export interface ListProps<T> {
  items: readonly T[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function TaskList({ items, selectedId, onSelect }: ListProps<TaskInfo>) {
  if (items.length === 0) return <Empty what="tasks" />;
  return (
    <ul className="flex flex-col gap-0.5">
      {items.map((t) => (
        <li key={t.id}>
          <button type="button" data-testid={`history-task-${t.id}`} aria-current={selectedId === t.id ? 'true' : undefined} className={ROW} onClick={() => onSelect(t.id)}>
            <span className="flex items-center gap-2">
              <span className="truncate text-sm font-medium">{t.name}</span>
              <span className="ml-auto flex shrink-0 items-center gap-1">
                <VerificationBadge task={t} testId={`history-task-verification-${t.id}`} compact />
                <Badge tone={TASK_STATE_TONE[t.state]}>{t.state}</Badge>
              </span>
            </span>
            <span className="flex gap-2 text-xs text-muted">
              <span>{t.agent}</span>
              <span className="tabular-nums">{formatDateTime(t.createdAt)}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function SessionList({ items, selectedId, onSelect }: ListProps<SessionInfo>) {
  if (items.length === 0) return <Empty what="sessions" />;
  return (
    <ul className="flex flex-col gap-0.5">
      {items.map((s) => (
        <li key={s.id}>
          <button type="button" data-testid={`history-session-${s.id}`} aria-current={selectedId === s.id ? 'true' : undefined} className={ROW} onClick={() => onSelect(s.id)}>
            <span className="flex items-center gap-2">
              <span className="truncate text-sm font-medium">{s.name}</span>
              <Badge tone={statusTone(s)} className="ml-auto">{statusText(s)}</Badge>
            </span>
            <span className="truncate font-mono text-xs text-muted">{commandLine(s)}</span>
            <span className="text-xs text-faint tabular-nums">{formatDateTime(s.createdAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Empty({ what }: { what: string }) {
  return <p data-testid="history-empty" className="px-2.5 py-6 text-center text-xs text-muted">No {what} match these filters.</p>;
}
