'use client';

import { useEffect, useRef, type ReactNode } from 'react';

export interface SideDrawerProps {
  testId: string;
  title: ReactNode;
  label: string;
  onClose: () => void;
  closeTestId: string;
  /** Tailwind width classes: the inbox is narrow, the task details hold a diff. */
  widthClass?: string;
  headerExtra?: ReactNode;
  children: ReactNode;
}

/**
 * A non-modal panel on the right edge, under the top bar. Not a modal <dialog>: a person
 * reviewing a suggestion wants to keep watching the agent's pane beside it. Escape closes
 * it while focus is inside (never from a terminal, where Escape interrupts the agent).
 */
export function SideDrawer({ testId, title, label, onClose, closeTestId, widthClass = 'w-[min(30rem,100vw)]', headerExtra, children }: SideDrawerProps) {
  const ref = useRef<HTMLElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onCloseRef.current();
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, []);

  return (
    <aside ref={ref} data-testid={testId} aria-label={label}
      className={`fixed bottom-0 right-0 top-12 z-40 flex ${widthClass} flex-col border-l border-line bg-panel shadow-2xl shadow-black/50`}>
      <div className="flex h-10 shrink-0 items-center gap-2 border-b border-line px-3">
        <h2 className="min-w-0 truncate text-xs font-semibold uppercase tracking-wide text-muted">{title}</h2>
        <div className="ml-auto flex items-center gap-1">
          {headerExtra}
          <button type="button" data-testid={closeTestId} aria-label={`Close ${label}`} title="Close (Esc)" onClick={onClose}
            className="flex size-7 items-center justify-center rounded-md text-muted hover:bg-raised hover:text-fg">✕</button>
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </aside>
  );
}
