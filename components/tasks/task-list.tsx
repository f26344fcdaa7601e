'use client';

import { useMemo, useState } from 'react';
import { TASK_STATES, type TaskInfo } from '@/protocol/task';
import type { TasksState } from '@/lib/tasks-store';
import { countByState, descendantsOf, filterByState, sortByUrgency, type TaskFilter } from '@/lib/task-selectors';
import { liveSelection } from '@/lib/steering-selectors';
import { Button } from '@/components/ui/button';
import { BroadcastDialog } from '@/components/steering/broadcast-dialog';
import { TaskRow } from './task-row';

export interface TaskListProps {
  state: TasksState;
  filter: TaskFilter;
  onFilter: (filter: TaskFilter) => void;
  onFocusTask: (task: TaskInfo) => void;
  onAddChild: (parentId: string) => void;
}

const CHIP = 'inline-flex h-6 items-center gap-1 rounded-full border px-2 text-[11px] tabular-nums transition-colors';

/**
 * Tasks sorted who-needs-me first, with a chip per state that has tasks (and its count).
 * The selected chip stays even at zero, so the filter never disappears under the cursor.
 */
export function TaskList({ state, filter, onFilter, onFocusTask, onAddChild }: TaskListProps) {
  const counts = useMemo(() => countByState(state.list), [state.list]);
  const rows = useMemo(() => sortByUrgency(filterByState(state.list, filter)), [state.list, filter]);
  // Picked for a broadcast; ids of removed tasks are ignored (liveSelection), not kept alive.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [broadcastOpen, setBroadcastOpen] = useState(false);
  const targets = liveSelection(selected, state.list);
  const onSelect = (id: string, on: boolean): void => setSelected((prev) => {
    const next = new Set(prev);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });
  const chip = (value: TaskFilter, label: string, count: number) => (
    <button key={value} type="button" data-testid={`task-filter-${value}`} aria-pressed={filter === value} onClick={() => onFilter(value)}
      className={`${CHIP} ${filter === value ? 'border-accent/60 bg-accent/15 text-fg' : 'border-line text-muted hover:text-fg'} ${value === 'waiting' && count > 0 ? 'border-warn/50 text-warn' : ''}`}>
      {label} <span className="text-faint">{count}</span>
    </button>
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div role="toolbar" aria-label="Filter tasks by state" className="flex flex-wrap gap-1 border-b border-line px-3 py-2">
        {chip('all', 'all', state.list.length)}
        {TASK_STATES.filter((s) => counts[s] > 0 || filter === s).map((s) => chip(s, s, counts[s]))}
        <Button size="sm" data-testid="btn-broadcast" data-count={targets.length} className="ml-auto !h-6" disabled={targets.length === 0}
          title={targets.length === 0 ? 'Tick tasks to send them one steering message' : `Send one steering message to the ${targets.length} selected`}
          onClick={() => setBroadcastOpen(true)}>
          Steer selected{targets.length > 0 ? ` (${targets.length})` : ''}
        </Button>
      </div>
      {rows.length === 0 ? (
        <p data-testid="task-list-empty" className="px-3 py-6 text-center text-xs text-faint">
          {state.list.length === 0 ? 'No tasks yet.' : `No ${filter} tasks.`}
        </p>
      ) : (
        <ul data-testid="task-list" className="min-h-0 flex-1 overflow-y-auto">
          {rows.map((t) => (
            <TaskRow key={t.id} task={t} descendants={descendantsOf(state, t.id).length} onFocusTask={onFocusTask} onAddChild={onAddChild}
              selected={selected.has(t.id)} onSelect={onSelect} />
          ))}
        </ul>
      )}
      <BroadcastDialog open={broadcastOpen} tasks={targets.flatMap((id) => state.byId.get(id) ?? [])} onClose={() => setBroadcastOpen(false)}
        onSent={() => setSelected(new Set())} />
    </div>
  );
}
