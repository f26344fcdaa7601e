'use client';

import dynamic from 'next/dynamic';
import type { TaskInfo } from '@/protocol/task';
import type { TasksState } from '@/lib/tasks-store';
import type { TaskFilter } from '@/lib/task-selectors';
import { Button } from '@/components/ui/button';
import { TaskList } from './task-list';

// React Flow measures the DOM and is a sizeable chunk: load it only in the browser, and
// only once the panel is shown.
const TaskDag = dynamic(() => import('@/components/dag/task-dag'), {
  ssr: false,
  loading: () => <div data-testid="dag-loading" className="h-full w-full bg-canvas motion-safe:animate-pulse-brief" />,
});

export interface TaskPanelProps {
  state: TasksState;
  filter: TaskFilter;
  onFilter: (filter: TaskFilter) => void;
  onFocusTask: (task: TaskInfo) => void;
  onNewTask: (parentId: string | null) => void;
  onClose: () => void;
}

/**
 * The tasks side panel: the tree on top (where the work stands), the list below (what
 * needs me, with the actions). A column beside the pane grid on wide screens, a band above
 * it on narrow ones.
 */
export function TaskPanel({ state, filter, onFilter, onFocusTask, onNewTask, onClose }: TaskPanelProps) {
  return (
    <aside
      data-testid="task-panel"
      aria-label="Tasks"
      className="flex max-h-[60vh] min-h-0 shrink-0 flex-col border-b border-line bg-panel lg:max-h-none lg:w-[26rem] lg:border-b-0 lg:border-r xl:w-[30rem]"
    >
      <div className="flex h-10 shrink-0 items-center gap-2 border-b border-line px-3">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">Tasks</h2>
        <span data-testid="task-count" className="text-xs text-faint tabular-nums">{state.list.length}</span>
        <div className="ml-auto flex items-center gap-1">
          <Button size="sm" data-testid="btn-panel-new-task" title="New root task" onClick={() => onNewTask(null)}>+ Task</Button>
          <Button size="sm" data-testid="btn-close-tasks" title="Hide the tasks panel" aria-label="Hide the tasks panel" onClick={onClose}>✕</Button>
        </div>
      </div>
      <div className="h-64 shrink-0 border-b border-line lg:h-[42%]">
        <TaskDag tasks={state.list} onFocusTask={onFocusTask} />
      </div>
      <TaskList state={state} filter={filter} onFilter={onFilter} onFocusTask={onFocusTask} onAddChild={(id) => onNewTask(id)} />
    </aside>
  );
}
