'use client';

import dynamic from 'next/dynamic';
import { useRef, type CSSProperties } from 'react';
import type { SessionInfo } from '@/protocol/session';
import type { PaneLayout } from '@/lib/ui-prefs';
import { tileGrid } from '@/lib/tile-layout';
import { useContentSize } from '@/lib/use-content-size';

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
  layout: PaneLayout;
  onFocused: (id: string) => void;
  onToggleMaximize: (id: string) => void;
  onRegisterFocus: (id: string, focus: (() => void) | null) => void;
}

/** A tiled row is never shorter than this, the scrolling layout's least pane height: the
 * grid scrolls instead. A task pane's header, task line and prompt box take ~11rem; at
 * 14rem an agent was left two terminal rows, too few to read or for its own UI. */
const TILE_MIN_ROW = '18rem';

/** One column on narrow screens, two on wide, three on very wide; or one maximized pane.
 * A lone pane fills the area as a maximized one does: half a screen of empty grid beside
 * the only terminal helped nobody. Tiled: every pane on screen at once, in as many
 * columns and rows as suit the area (lib/tile-layout.ts). */
export function PaneGrid({ sessions, focusedId, maximizedId, layout, onFocused, onToggleMaximize, onRegisterFocus }: PaneGridProps) {
  const maximized = maximizedId !== null && sessions.some((s) => s.id === maximizedId);
  const alone = !maximized && sessions.length === 1;
  const tiled = layout === 'tile' && !maximized && !alone;
  const gridRef = useRef<HTMLDivElement>(null);
  const size = useContentSize(gridRef, tiled);
  const tile = tileGrid(sessions.length, size.width, size.height);
  const style: CSSProperties | undefined = tiled
    ? { gridTemplateColumns: `repeat(${tile.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${tile.rows}, minmax(${TILE_MIN_ROW}, 1fr))` }
    : undefined;
  return (
    <div
      ref={gridRef}
      data-testid="pane-grid"
      data-layout={tiled ? 'tile' : maximized || alone ? 'fill' : 'scroll'}
      data-cols={tiled ? tile.cols : undefined}
      style={style}
      className={
        maximized || alone
          ? 'grid h-full grid-cols-1 grid-rows-1 p-3'
          : tiled
            ? 'grid h-full gap-3 p-3'
            : 'grid grid-cols-1 content-start gap-3 p-3 xl:grid-cols-2 min-[2200px]:grid-cols-3'
      }
    >
      {sessions.map((info) => (
        <TerminalPane
          key={info.id}
          info={info}
          focused={focusedId === info.id}
          maximized={maximized && maximizedId === info.id}
          fill={alone || tiled}
          hidden={maximized && maximizedId !== info.id}
          onFocused={onFocused}
          onToggleMaximize={onToggleMaximize}
          onRegisterFocus={onRegisterFocus}
        />
      ))}
    </div>
  );
}
