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
 * it while focus is inside (never from a terminal, where Escape interrupts the agent); the
 * drawer takes focus when it opens and gives it back when it closes.
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
    // A card that goes away with the button just clicked (a suggestion sent or dismissed)
    // drops focus to the page, and Escape then no longer reached the drawer: keep it here.
    const keepFocus = new MutationObserver(() => {
      if (document.activeElement === null || document.activeElement === document.body) el.focus({ preventScroll: true });
    });
    keepFocus.observe(el, { childList: true, subtree: true });
    // Opened by a click (a row's "details", the inbox button, a notification): take the
    // keyboard, so Escape closes the drawer at once and a screen reader lands in it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    el.focus({ preventScroll: true });
    return () => {
      el.removeEventListener('keydown', onKey);
      keepFocus.disconnect();
      // Give focus back to what opened us, but only if it is still ours (in the drawer, or
      // dropped to the body as the drawer left): never take it from a pane clicked since.
      const active = document.activeElement;
      const ours = active === null || active === document.body || el.contains(active);
      if (ours && opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  return (
    <aside ref={ref} data-testid={testId} aria-label={label} tabIndex={-1}
      className={`outline-none fixed bottom-0 right-0 top-12 z-40 flex ${widthClass} flex-col border-l border-line bg-panel shadow-2xl shadow-black/50`}>
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
