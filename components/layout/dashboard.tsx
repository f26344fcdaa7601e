'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionInfo } from '@/protocol/session';
import { useAxiom, useSessions } from '@/lib/axiom-provider';
import { cycleIndex, matchShortcut } from '@/lib/keyboard-shortcuts';
import { isLive } from '@/lib/session-format';
import { NewSessionDialog } from '@/components/sessions/new-session-dialog';
import { EmptyState } from './empty-state';
import { PaneGrid } from './pane-grid';
import { TopBar } from './top-bar';

/** The dashboard: top bar, the grid of panes, the new-session dialog and the shortcuts. */
export function Dashboard() {
  const { status } = useAxiom();
  const sessions = useSessions();
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [maximizedId, setMaximizedId] = useState<string | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const focusers = useRef(new Map<string, () => void>());
  /** A session we just created: focus its terminal as soon as its pane mounts. */
  const focusOnMount = useRef<string | null>(null);

  const dialogOpenRef = useRef(dialogOpen);
  dialogOpenRef.current = dialogOpen;

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
    if (!id || dialogOpen) return;
    const focus = focusers.current.get(id);
    if (focus) {
      focusOnMount.current = null;
      focus();
    }
  });

  const toggleMaximize = useCallback((id: string) => {
    setMaximizedId((m) => (m === id ? null : id));
    setFocusedId(id);
    // Re-focus after the layout change so the pane's terminal keeps the keyboard.
    requestAnimationFrame(() => focusers.current.get(id)?.());
  }, []);

  const onCreated = useCallback((info: SessionInfo) => {
    setDialogOpen(false);
    setFocusedId(info.id);
    setMaximizedId((m) => (m === null ? null : info.id));
    focusOnMount.current = info.id;
  }, []);

  // Latest values for the window listener, which is registered once.
  const state = useRef({ sessions, focusedId, maximizedId, dialogOpen });
  state.current = { sessions, focusedId, maximizedId, dialogOpen };

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
      } else if (action === 'toggle-maximize') {
        const target = focused ?? list[0]?.id;
        if (target) toggleMaximize(target);
      } else {
        const index = cycleIndex(list.findIndex((s) => s.id === focused), action === 'focus-next' ? 1 : -1, list.length);
        const next = list[index];
        if (!next) return;
        setFocusedId(next.id);
        // While maximized, moving focus moves the maximized pane too.
        if (maxId !== null) setMaximizedId(next.id);
        requestAnimationFrame(() => focusers.current.get(next.id)?.());
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggleMaximize]);

  // Forget focus/maximize for sessions that are gone.
  useEffect(() => {
    if (focusedId && !sessions.some((s) => s.id === focusedId)) setFocusedId(null);
    if (maximizedId && !sessions.some((s) => s.id === maximizedId)) setMaximizedId(null);
  }, [sessions, focusedId, maximizedId]);

  const activeCount = sessions.filter(isLive).length;
  return (
    <div className="flex h-dvh flex-col">
      <TopBar status={status} activeCount={activeCount} totalCount={sessions.length} onNewSession={() => setDialogOpen(true)} />
      <main className={`min-h-0 flex-1 ${maximizedId ? 'overflow-hidden' : 'overflow-y-auto'}`}>
        {sessions.length === 0 ? (
          <EmptyState onNewSession={() => setDialogOpen(true)} connected={status === 'connected'} />
        ) : (
          <PaneGrid
            sessions={sessions}
            focusedId={focusedId}
            maximizedId={maximizedId}
            onFocused={setFocusedId}
            onToggleMaximize={toggleMaximize}
            onRegisterFocus={onRegisterFocus}
          />
        )}
      </main>
      <NewSessionDialog open={dialogOpen} onClose={() => setDialogOpen(false)} onCreated={onCreated} />
    </div>
  );
}
