'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * Which steering drawer is open: the inbox (every task's suggestions, or one task's), or
 * one task's details (verification proof, diff, interventions, auto-steer). One at a time,
 * on the right edge, so the panes stay in view while a person decides. A context rather
 * than props, because the openers live deep in the task rows, DAG nodes and pane strips.
 */
export type SteeringDrawer = { kind: 'inbox'; taskId: string | null } | { kind: 'task'; taskId: string } | null;

export interface SteeringUi {
  drawer: SteeringDrawer;
  openInbox: (taskId: string | null) => void;
  toggleInbox: () => void;
  openTask: (taskId: string) => void;
  close: () => void;
  /** Bring a task's pane into view (an evidence "show" link, a card's task name). */
  focusTask: (taskId: string) => void;
}

const SteeringUiContext = createContext<SteeringUi | null>(null);

export function SteeringUiProvider({ focusTask, children }: { focusTask: (taskId: string) => void; children: ReactNode }) {
  const [drawer, setDrawer] = useState<SteeringDrawer>(null);
  const value = useMemo<SteeringUi>(() => ({
    drawer,
    openInbox: (taskId) => setDrawer({ kind: 'inbox', taskId }),
    toggleInbox: () => setDrawer((d) => (d?.kind === 'inbox' ? null : { kind: 'inbox', taskId: null })),
    openTask: (taskId) => setDrawer({ kind: 'task', taskId }),
    close: () => setDrawer(null),
    focusTask,
  }), [drawer, focusTask]);
  return <SteeringUiContext.Provider value={value}>{children}</SteeringUiContext.Provider>;
}

/** Null outside the provider (the history page), so shared rows degrade to no openers. */
export function useSteeringUi(): SteeringUi | null {
  return useContext(SteeringUiContext);
}
