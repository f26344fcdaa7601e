'use client';

import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import type { SessionInfo } from '@/protocol/session';
import type { CommandError, CommandResult } from '@/lib/commands';
import { sessionCommands } from '@/lib/session-commands';
import { useAxiom, useTaskForSession } from '@/lib/axiom-provider';
import { TaskPaneNotices, TaskPaneStrip } from '@/components/tasks/task-pane-strip';
import { TaskPromptBox } from '@/components/tasks/task-prompt-box';
import { ErrorNote } from '@/components/ui/error-note';
import { FindBar } from './find-bar';
import { InjectBox } from './inject-box';
import { PaneHeader, type PaneAction } from './pane-header';
import { useXtermSession } from './use-xterm-session';

export interface TerminalPaneProps {
  info: SessionInfo;
  focused: boolean;
  maximized: boolean;
  /** Fills its grid cell (the only pane) without being maximized. */
  fill?: boolean;
  /** Kept mounted but hidden while another pane is maximized, so its screen survives. */
  hidden: boolean;
  onFocused: (id: string) => void;
  onToggleMaximize: (id: string) => void;
  /** Gives the grid a way to move keyboard focus into this pane's terminal. */
  onRegisterFocus: (id: string, focus: (() => void) | null) => void;
}

/** A failed pane command, over the terminal's top like the other notices. */
const OVERLAY_ERROR = 'pointer-events-auto rounded-md border border-bad/50 bg-panel px-2 py-1 shadow-lg shadow-black/40';

/**
 * One session: header with its state and controls, the live terminal, and the inject
 * box. A session that runs a task also shows the task's state under the header, its
 * approvals over the terminal, and a task prompt box (queued delivery, receipts) instead
 * of the raw inject box. Browser-only (xterm needs the DOM); the grid loads it with
 * next/dynamic.
 */
export default function TerminalPane({ info, focused, maximized, fill = false, hidden, onFocused, onToggleMaximize, onRegisterFocus }: TerminalPaneProps) {
  const { id } = info;
  const { socket, store } = useAxiom();
  const hostRef = useRef<HTMLDivElement>(null);
  const onInfo = useCallback((next: SessionInfo) => store.upsert(next), [store]);
  // Find: open (with a count that moves focus back to it when asked for again), or null.
  const [find, setFind] = useState<number | null>(null);
  const ensureSearchRef = useRef<() => void>(() => undefined);
  const openFind = useCallback(() => {
    ensureSearchRef.current();
    setFind((n) => (n ?? 0) + 1);
  }, []);
  const { focus, renderer, attachError, search, ensureSearch } = useXtermSession({ id, info, socket, hostRef, onInfo, onFind: openFind });
  ensureSearchRef.current = ensureSearch;
  const [busy, setBusy] = useState<PaneAction | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const task = useTaskForSession(id);

  const focusRef = useRef(focus);
  focusRef.current = focus;
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    // Focus from elsewhere (pane shortcuts, a new session, a task's row) brings the pane
    // into view first: xterm focuses its textarea with preventScroll, so a pane below the
    // fold would take the keyboard unseen.
    onRegisterFocus(id, () => {
      sectionRef.current?.scrollIntoView({ block: 'nearest' });
      focusRef.current();
    });
    return () => onRegisterFocus(id, null);
  }, [id, onRegisterFocus]);

  const run = async (action: PaneAction): Promise<void> => {
    setBusy(action);
    setError(null);
    let result: CommandResult<unknown>;
    switch (action) {
      case 'interrupt':
        result = await sessionCommands.interrupt(socket, id);
        break;
      case 'restart':
        result = await sessionCommands.restart(socket, id);
        break;
      case 'kill':
        result = await sessionCommands.kill(socket, id);
        break;
      case 'remove':
        result = await sessionCommands.remove(socket, id);
        if (result.ok) store.remove(id);
        break;
    }
    setBusy(null);
    if (!result.ok) setError(result.error);
    // Give the keyboard back to the program after a button press.
    else if (action !== 'remove') focusRef.current();
  };

  // A click beside the terminal's rows (its padding, or the empty part of a pane larger
  // than the session) landed on a plain div, and the browser moved the keyboard to the
  // page: the terminal was blurred instead of focused. Rows themselves are xterm's.
  const keepFocusInTerminal = (e: MouseEvent): void => {
    if (e.button !== 0 || (e.target instanceof Element && e.target.closest('.xterm') !== null)) return;
    // The host's own scrollbars (a session larger than the pane) keep their drag.
    const host = hostRef.current;
    if (host !== null && e.target === host) {
      const box = host.getBoundingClientRect();
      if (e.clientX - box.left >= host.clientWidth || e.clientY - box.top >= host.clientHeight) return;
    }
    e.preventDefault();
    focusRef.current();
  };

  return (
    <section
      ref={sectionRef}
      data-testid={`pane-${id}`}
      data-session-id={id}
      data-focused={focused || undefined}
      aria-label={`Session ${info.name}`}
      data-task-id={task?.id}
      onFocus={() => onFocused(id)}
      className={`relative flex min-w-0 flex-col overflow-hidden rounded-lg border bg-panel transition-shadow ${
        maximized || fill ? 'h-full min-h-0' : 'h-[32rem] min-h-[18rem]'
      } ${focused ? 'border-accent/70 ring-2 ring-accent/60' : 'border-line'} ${hidden ? 'hidden' : ''}`}
    >
      <PaneHeader info={info} maximized={maximized} busy={busy} onAction={(a) => void run(a)} onToggleMaximize={() => onToggleMaximize(id)} onFind={openFind} />
      {task && <TaskPaneStrip task={task} />}
      <div className="relative min-h-0 flex-1 bg-canvas" onMouseDown={() => onFocused(id)}>
        {/* Padding lives on this wrapper: the fit addon measures the host's box. The host
            scrolls when the session is larger than this viewer (another viewer set the
            size, or the session exited at a larger size) so no line is out of reach.
            Its own compositor layer (will-change): an echo in one pane then repaints that
            layer alone; with sixteen other panes on the page each echo's frame took 10 ms
            (p50), most of it re-layerizing every pane, and 6.8 ms with this. The layer is
            opaque (its own background) so text keeps subpixel antialiasing. */}
        <div className="absolute inset-0 bg-canvas py-1 pl-2 pr-0 [contain:strict] [will-change:transform]" onMouseDown={keepFocusInTerminal}>
          <div ref={hostRef} data-testid={`terminal-${id}`} data-renderer={renderer ?? undefined} className="terminal-host h-full w-full overflow-auto" />
        </div>
        {/* What comes and goes floats over the terminal's top instead of taking rows from
            it: a row less resizes the PTY, and the program redraws (SIGWINCH). */}
        <div className="pointer-events-none absolute inset-x-3 top-1 z-10 flex flex-col gap-1">
          <ErrorNote error={error} testId={`pane-error-${id}`} className={OVERLAY_ERROR} />
          {/* The output stream could not attach: said, not a silent blank pane (it retries). */}
          <ErrorNote error={attachError} testId={`pane-attach-error-${id}`} className={OVERLAY_ERROR} />
          {task && <TaskPaneNotices task={task} />}
          {find !== null && search !== null && (
            <FindBar
              sessionId={id}
              search={search}
              focusRequest={find}
              onClose={() => {
                setFind(null);
                focusRef.current();
              }}
            />
          )}
        </div>
      </div>
      {task ? <TaskPromptBox task={task} /> : <InjectBox info={info} />}
    </section>
  );
}
