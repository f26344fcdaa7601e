'use client';

import type { ConnectionStatus } from '@/lib/socket-types';
import type { PaneLayout } from '@/lib/ui-prefs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { InboxButton } from '@/components/steering/inbox-button';
import { ListSyncNote } from './list-sync-note';
import { NotificationBell } from './notification-bell';
import { ShortcutsHelp } from './shortcuts-help';
import { TaskStatsBar } from './task-stats-bar';

export interface TopBarProps {
  status: ConnectionStatus;
  activeCount: number;
  totalCount: number;
  onNewSession: () => void;
  /** Closes every exited session's pane. */
  onCloseExited: () => void;
  onNewTask: () => void;
  tasksOpen: boolean;
  onToggleTasks: () => void;
  taskCount: number;
  paneLayout: PaneLayout;
  onTogglePaneLayout: () => void;
  /** Tasks waiting for a person: the amber badge, which opens the waiting list. */
  waitingCount: number;
  onShowWaiting: () => void;
}

const STATUS_TONE = { connected: 'ok', connecting: 'warn', reconnecting: 'bad' } as const;

export function TopBar(props: TopBarProps) {
  const { status, activeCount, totalCount, onNewSession, onCloseExited, onNewTask, tasksOpen, onToggleTasks, taskCount, paneLayout, onTogglePaneLayout, waitingCount, onShowWaiting } = props;
  return (
    // Wraps on a narrow window instead of pushing its buttons out of reach (the page does not scroll).
    <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-line bg-panel px-4 py-2">
      <div className="flex items-center gap-2">
        <svg aria-hidden viewBox="0 0 24 24" className="size-5 text-accent">
          <path d="M4 6l6 6-6 6M12 18h8" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <h1 className="whitespace-nowrap text-sm font-semibold tracking-tight">Axiom Console</h1>
      </div>
      <Badge tone={STATUS_TONE[status]} data-testid="connection-status" aria-live="polite">
        {status}
      </Badge>
      <ListSyncNote />
      <span data-testid="session-count" className="text-xs text-muted tabular-nums" title={`${totalCount} sessions in total`}>
        {activeCount} active
        {totalCount > activeCount && (
          <>
            {' · '}
            <button type="button" data-testid="btn-close-exited" onClick={onCloseExited}
              title="Close the panes of the sessions that have exited (their recordings stay in History)"
              className="rounded px-1 hover:bg-raised hover:text-fg">
              {totalCount - activeCount} exited <span aria-hidden>✕</span>
            </button>
          </>
        )}
      </span>
      <Button size="sm" data-testid="btn-toggle-tasks" aria-pressed={tasksOpen} title={tasksOpen ? 'Hide the tasks panel' : 'Show the tasks panel'} onClick={onToggleTasks}>
        Tasks <span className="text-faint tabular-nums">{taskCount}</span>
      </Button>
      <Button size="sm" data-testid="btn-pane-layout" aria-pressed={paneLayout === 'tile'} onClick={onTogglePaneLayout}
        title={paneLayout === 'tile' ? 'Tiled: every pane on screen at once. Click for panes of a fixed height that scroll' : 'Tile every pane on screen at once (smaller terminals)'}>
        Tile
      </Button>
      {waitingCount > 0 && (
        // The text is the bare count (easy to read at a glance and to assert on); the label says what it counts.
        <button type="button" data-testid="waiting-badge" data-count={waitingCount} onClick={onShowWaiting}
          title={`${waitingCount} task${waitingCount === 1 ? '' : 's'} waiting for you: list them and go to the next one (Alt+W)`}
          aria-label={`${waitingCount} task${waitingCount === 1 ? '' : 's'} waiting for you`}
          className="inline-flex h-6 items-center gap-1.5 rounded-full border border-warn/50 bg-warn/15 px-2 text-[11px] font-medium text-warn tabular-nums motion-safe:animate-attention">
          <span aria-hidden className="size-1.5 rounded-full bg-warn" />
          {waitingCount}
        </button>
      )}
      <TaskStatsBar />
      <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
        <InboxButton />
        <a href="/history" data-testid="link-history" title="Past tasks and sessions, with their recordings" className="rounded-md px-2 py-1 text-xs text-muted hover:bg-raised hover:text-fg">History</a>
        <NotificationBell />
        <ShortcutsHelp />
        <Button size="md" data-testid="btn-new-task" title="New task: a prompt for an agent in its own workspace" onClick={onNewTask}>
          <span aria-hidden className="text-base leading-none">+</span> New task
        </Button>
        <Button variant="primary" size="md" data-testid="btn-new-session" title="New session (Alt+N)" onClick={onNewSession}>
          <span aria-hidden className="text-base leading-none">+</span> New session
        </Button>
      </div>
    </header>
  );
}
