'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionInfo } from '@/protocol/session';
import type { TaskCreated, TaskInfo } from '@/protocol/task';
import { useAxiom, useSessions, useTasks } from '@/lib/axiom-provider';
import { nextWaitingTask, waitingCount, type TaskFilter } from '@/lib/task-selectors';
import { matchShortcut } from '@/lib/keyboard-shortcuts';
import { isLive } from '@/lib/session-format';
import { sessionCommands } from '@/lib/session-commands';
import { NewSessionDialog } from '@/components/sessions/new-session-dialog';
import { NewTaskDialog } from '@/components/tasks/new-task-dialog';
import { TaskPanel } from '@/components/tasks/task-panel';
import { InboxDrawer } from '@/components/steering/inbox-drawer';
import { SteeringUiProvider, useSteeringUi } from '@/components/steering/steering-ui';
import { useSuggestionNotifications } from '@/components/steering/use-suggestion-notifications';
import { TaskDetailsDrawer } from '@/components/verify/task-details-drawer';
import { useTaskNotifications } from '@/components/tasks/use-task-notifications';
import type { PaneLayout, TasksPanelMode } from '@/lib/ui-prefs';
import { EmptyState } from './empty-state';
import { PaneGrid } from './pane-grid';
import { TopBar } from './top-bar';
import { useRememberedLayout } from './use-remembered-layout';
import { paneToFocus } from './pane-focus';

/** The dashboard: top bar, the tasks panel, the grid of panes, the dialogs and the shortcuts. */
export function Dashboard() {
  const { status, tasks: tasksStore, socket, store } = useAxiom();
  const sessions = useSessions();
  const tasks = useTasks();
  // The tasks panel follows the tasks until the user says otherwise: hidden while there are
  // none (the session grid keeps the whole width), shown once there are.
  const [panelMode, setPanelMode] = useState<TasksPanelMode>('auto');
  const [paneLayout, setPaneLayout] = useState<PaneLayout>('scroll');
  const [taskFilter, setTaskFilter] = useState<TaskFilter>('all');
  const [newTask, setNewTask] = useState<{ open: boolean; parentId: string | null }>({ open: false, parentId: null });
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [maximizedId, setMaximizedId] = useState<string | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const focusers = useRef(new Map<string, () => void>());
  /** A session we just created: focus its terminal as soon as its pane mounts. */
  const focusOnMount = useRef<string | null>(null);

  const anyDialogOpen = dialogOpen || newTask.open;
  const dialogOpenRef = useRef(anyDialogOpen);
  dialogOpenRef.current = anyDialogOpen;

  const onRegisterFocus = useCallback((id: string, focus: (() => void) | null) => {
    if (!focus) {
      focusers.current.delete(id);
      return;
    }
    focusers.current.set(id, focus);
    if (focusOnMount.current === id && !dialogOpenRef.current) {
      focusOnMount.current = null;
      focus();
    }
  }, []);

  // The new pane may have mounted while the modal dialog was still open (and the page
  // inert): focus it once the dialog has closed. Child effects (the dialog's close) run
  // before this one, so by now the page takes focus again.
  useEffect(() => {
    const id = focusOnMount.current;
    if (!id || anyDialogOpen) return;
    const focus = focusers.current.get(id);
    if (focus) {
      focusOnMount.current = null;
      focus();
    }
  });

  const restoreMaximized = useCallback((id: string) => {
    setMaximizedId(id);
    setFocusedId(id);
  }, []);
  const { userChoseMaximize } = useRememberedLayout({ panelMode, setPanelMode, paneLayout, setPaneLayout, maximizedId, restoreMaximized, sessions });

  const toggleMaximize = useCallback((id: string) => {
    userChoseMaximize();
    setMaximizedId((m) => (m === id ? null : id));
    setFocusedId(id);
    // Re-focus after the layout change so the pane's terminal keeps the keyboard.
    requestAnimationFrame(() => focusers.current.get(id)?.());
  }, [userChoseMaximize]);

  const onCreated = useCallback((info: SessionInfo) => {
    setDialogOpen(false);
    setFocusedId(info.id);
    setMaximizedId((m) => (m === null ? null : info.id));
    focusOnMount.current = info.id;
  }, []);

  const onTaskCreated = useCallback((created: TaskCreated) => {
    setNewTask({ open: false, parentId: null });
    setPanelMode((m) => (m === 'closed' ? 'open' : m));
    // A queued task has no session yet; otherwise go to its pane once it mounts.
    if (created.sessionId) focusOnMount.current = created.sessionId;
  }, []);

  /** From the DAG, the list or a notification: bring the task's pane into view and give
   * its terminal the keyboard (restoring a maximized pane to that one). */
  const focusTask = useCallback((task: TaskInfo) => {
    const id = task.sessionId;
    if (!id) return;
    setFocusedId(id);
    setMaximizedId((m) => (m === null ? null : id));
    // After the render that may restore or switch the maximized pane; the pane's focus
    // scrolls it into view.
    requestAnimationFrame(() => focusers.current.get(id)?.());
  }, []);
  useTaskNotifications(focusTask);
  // Through the store, not the snapshot: a stable callback, so the steering context does
  // not change (and re-render every row) on each task update.
  const focusTaskId = useCallback((taskId: string) => {
    const task = tasksStore.get(taskId);
    if (task) focusTask(task);
  }, [tasksStore, focusTask]);

  // Latest values for the window listener, which is registered once.
  const state = useRef({ sessions, focusedId, maximizedId, dialogOpen: anyDialogOpen, tasks: tasks.list });
  state.current = { sessions, focusedId, maximizedId, dialogOpen: anyDialogOpen, tasks: tasks.list };

  /** The waiting badge and Alt+W: the next agent waiting for a person, its pane focused
   * (its question and answers are over its terminal); again, the one after it. */
  const focusNextWaiting = useCallback(() => {
    const next = nextWaitingTask(state.current.tasks, state.current.focusedId);
    if (next) focusTask(next);
  }, [focusTask]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const { sessions: list, focusedId: focused, maximizedId: maxId, dialogOpen: dialog } = state.current;
      if (dialog) return; // the dialog owns the keyboard (and Escape closes it)
      if (e.key === 'Escape' && maxId !== null) {
        // Inside a terminal, Escape belongs to the program (it interrupts agents).
        const inTerminal = e.target instanceof Element && e.target.closest('.xterm') !== null;
        if (!inTerminal) {
          e.preventDefault();
          setMaximizedId(null);
        }
        return;
      }
      const action = matchShortcut(e);
      if (!action) return;
      e.preventDefault();
      if (action === 'new-session') {
        setDialogOpen(true);
      } else if (action === 'focus-waiting') {
        focusNextWaiting();
      } else if (action === 'toggle-maximize') {
        const target = focused ?? list[0]?.id;
        if (target) toggleMaximize(target);
      } else {
        const nextId = paneToFocus(action, list.map((s) => s.id), focused, maxId !== null);
        if (nextId === null) return;
        setFocusedId(nextId);
        // While maximized, moving focus moves the maximized pane too.
        if (maxId !== null) setMaximizedId(nextId);
        requestAnimationFrame(() => focusers.current.get(nextId)?.());
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggleMaximize, focusNextWaiting]);

  // Forget focus/maximize for sessions that are gone.
  useEffect(() => {
    if (focusedId && !sessions.some((s) => s.id === focusedId)) setFocusedId(null);
    if (maximizedId && !sessions.some((s) => s.id === maximizedId)) setMaximizedId(null);
  }, [sessions, focusedId, maximizedId]);

  const activeCount = sessions.filter(isLive).length;
  /** The exited sessions' panes, closed as each one's Close button would (recordings stay). */
  const closeExited = async (list: readonly SessionInfo[]): Promise<void> => {
    for (const s of list.filter((x) => !isLive(x))) {
      const result = await sessionCommands.remove(socket, s.id);
      if (result.ok) store.remove(s.id);
    }
  };
  const panelOpen = panelMode === 'open' || (panelMode === 'auto' && tasks.list.length > 0);
  const openNewTask = (parentId: string | null): void => setNewTask({ open: true, parentId });
  return (
    <SteeringUiProvider focusTask={focusTaskId}>
      {/* relative + overflow-hidden: positioned boxes deep in the scroll areas (the
          sr-only labels of buttons) are contained here, so the page itself never scrolls. */}
      <div className="relative flex h-dvh flex-col overflow-hidden">
        <TopBar
          status={status}
          activeCount={activeCount}
          totalCount={sessions.length}
          onNewSession={() => setDialogOpen(true)}
          onCloseExited={() => void closeExited(sessions)}
          onNewTask={() => openNewTask(null)}
          tasksOpen={panelOpen}
          onToggleTasks={() => setPanelMode(panelOpen ? 'closed' : 'open')}
          taskCount={tasks.list.length}
          paneLayout={paneLayout}
          onTogglePaneLayout={() => setPaneLayout((l) => (l === 'tile' ? 'scroll' : 'tile'))}
          waitingCount={waitingCount(tasks.list)}
          onShowWaiting={() => {
            setPanelMode('open');
            setTaskFilter('waiting');
            focusNextWaiting();
          }}
        />
        <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
          {panelOpen && (
            <TaskPanel
              state={tasks}
              filter={taskFilter}
              onFilter={setTaskFilter}
              onFocusTask={focusTask}
              onNewTask={openNewTask}
              onClose={() => setPanelMode('closed')}
            />
          )}
          <main className={`relative min-h-0 min-w-0 flex-1 ${maximizedId ? 'overflow-hidden' : 'overflow-y-auto'}`}>
            {sessions.length === 0 ? (
              <EmptyState onNewSession={() => setDialogOpen(true)} connected={status === 'connected'} />
            ) : (
              <PaneGrid
                sessions={sessions}
                focusedId={focusedId}
                maximizedId={maximizedId}
                layout={paneLayout}
                onFocused={setFocusedId}
                onToggleMaximize={toggleMaximize}
                onRegisterFocus={onRegisterFocus}
              />
            )}
          </main>
        </div>
        <NewSessionDialog open={dialogOpen} onClose={() => setDialogOpen(false)} onCreated={onCreated} />
        <NewTaskDialog
          open={newTask.open}
          parentId={newTask.parentId}
          onClose={() => setNewTask({ open: false, parentId: null })}
          onCreated={onTaskCreated}
        />
        <SteeringDrawers />
      </div>
    </SteeringUiProvider>
  );
}

/** The inbox or a task's details, whichever is open; and the suggestion notifications,
 * whose click opens the inbox on that task. */
function SteeringDrawers() {
  const ui = useSteeringUi();
  const openInbox = ui?.openInbox;
  useSuggestionNotifications(useCallback((taskId: string) => openInbox?.(taskId), [openInbox]));
  const drawer = ui?.drawer ?? null;
  if (drawer?.kind === 'inbox') return <InboxDrawer taskId={drawer.taskId} />;
  // Keyed: another task's details start fresh (diff folded, proof reloaded).
  if (drawer?.kind === 'task') return <TaskDetailsDrawer key={drawer.taskId} taskId={drawer.taskId} />;
  return null;
}
