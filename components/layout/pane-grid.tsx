'use client';

import dynamic from 'next/dynamic';
import type { SessionInfo } from '@/protocol/session';

// xterm touches `window` and the DOM as soon as it loads: the pane never renders on the
// server. The placeholder keeps the grid from jumping while the chunk loads.
const TerminalPane = dynamic(() => import('@/components/terminal/terminal-pane'), {
  ssr: false,
  loading: () => <div className="h-[32rem] motion-safe:animate-pulse-brief rounded-lg border border-line bg-panel" />,
});

export interface PaneGridProps {
  sessions: readonly SessionInfo[];
  focusedId: string | null;
  maximizedId: string | null;
  onFocused: (id: string) => void;
  onToggleMaximize: (id: string) => void;
  onRegisterFocus: (id: string, focus: (() => void) | null) => void;
}

/** One column on narrow screens, two on wide, three on very wide; or one maximized pane.
 * A lone pane fills the area as a maximized one does: half a screen of empty grid beside
 * the only terminal helped nobody. */
export function PaneGrid({ sessions, focusedId, maximizedId, onFocused, onToggleMaximize, onRegisterFocus }: PaneGridProps) {
  const maximized = maximizedId !== null && sessions.some((s) => s.id === maximizedId);
  const alone = !maximized && sessions.length === 1;
  return (
    <div
      data-testid="pane-grid"
      className={
        maximized || alone
          ? 'grid h-full grid-cols-1 grid-rows-1 p-3'
          : 'grid grid-cols-1 content-start gap-3 p-3 xl:grid-cols-2 min-[2200px]:grid-cols-3'
      }
    >
      {sessions.map((info) => (
        <TerminalPane
          key={info.id}
          info={info}
          focused={focusedId === info.id}
          maximized={maximized && maximizedId === info.id}
          fill={alone}
          hidden={maximized && maximizedId !== info.id}
          onFocused={onFocused}
          onToggleMaximize={onToggleMaximize}
          onRegisterFocus={onRegisterFocus}
        />
      ))}
    </div>
  );
}
