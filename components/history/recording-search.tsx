'use client';

import { useDeferredValue, useMemo, useState } from 'react';
import { searchPlainText, type PlainText } from '@/protocol/cast-search';
import { formatOffset } from './history-format';

export interface RecordingSearchProps {
  plain: PlainText;
  /** Seeks the player to a match. */
  onSeek: (seconds: number) => void;
}

/** Matches shown at most: the list is for jumping around, not for reading every hit. */
const MAX_MATCHES = 200;

/** Text search over the recording's output: the player has none of its own. */
export function RecordingSearch({ plain, onSeek }: RecordingSearchProps) {
  const [query, setQuery] = useState('');
  // Typing stays responsive on a long recording: the search runs at lower priority.
  const deferred = useDeferredValue(query);
  const matches = useMemo(() => searchPlainText(plain, deferred, { maxMatches: MAX_MATCHES }), [plain, deferred]);
  const [active, setActive] = useState<number | null>(null);

  return (
    <div className="flex min-h-0 flex-col gap-2">
      <input
        type="search"
        data-testid="recording-search"
        aria-label="Search the recording's text"
        placeholder="Search the recording…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(null);
        }}
        className="h-8 w-full rounded-md border border-line bg-canvas px-2.5 text-sm outline-none placeholder:text-faint focus:border-accent"
      />
      {deferred.trim() !== '' && (
        <p data-testid="recording-match-count" className="text-xs text-muted" aria-live="polite">
          {matches.length === 0 ? 'No matches' : `${matches.length}${matches.length === MAX_MATCHES ? '+' : ''} match${matches.length === 1 ? '' : 'es'}`}
        </p>
      )}
      <ol className="min-h-0 flex-1 overflow-auto">
        {matches.map((m, i) => (
          <li key={`${m.time}-${i}`}>
            <button
              type="button"
              data-testid={`recording-match-${i}`}
              data-time={m.time}
              aria-current={active === i ? 'true' : undefined}
              onClick={() => {
                setActive(i);
                onSeek(m.time);
              }}
              className="flex w-full items-baseline gap-2 rounded px-1.5 py-1 text-left text-xs hover:bg-raised aria-[current=true]:bg-accent/15"
            >
              <span className="shrink-0 font-mono tabular-nums text-accent">{formatOffset(m.time)}</span>
              <span className="truncate font-mono text-fg/90">{m.context}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
