'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchAddon } from '@xterm/addon-search';
import { findOptions, regexError, resultsText, type FindFlags } from '@/lib/terminal-find';
import { Button } from '@/components/ui/button';

export interface FindBarProps {
  sessionId: string;
  search: SearchAddon;
  /** Changes each time find is asked for again while open: the input takes focus back. */
  focusRequest: number;
  /** Closed (Escape or ×): the highlights are gone; the terminal takes the keyboard back. */
  onClose: () => void;
}

/**
 * Find in a pane's output, scrollback included, as in an editor's terminal: matches
 * highlighted as you type, the current one selected and scrolled to, a count, Enter and
 * Shift+Enter (or the arrows) to move, case and regular-expression toggles.
 */
export function FindBar({ sessionId: id, search, focusRequest, onClose }: FindBarProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState('');
  const [flags, setFlags] = useState<FindFlags>({ caseSensitive: false, regex: false });
  const [results, setResults] = useState<{ resultIndex: number; resultCount: number } | null>(null);
  const invalid = regexError(term, flags);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  useEffect(() => {
    const sub = search.onDidChangeResults((r) => setResults(r));
    return () => sub.dispose();
  }, [search]);

  // Typing searches from the current match (incremental); clearing the term clears the marks.
  useEffect(() => {
    if (term === '' || invalid !== null) {
      search.clearDecorations();
      setResults(null);
      return;
    }
    // Cleared first: the addon (0.16) records the new options before comparing them with
    // the last ones, so a toggled "match case" alone would keep the old highlights and count.
    search.clearDecorations();
    search.findNext(term, findOptions(flags, true));
  }, [search, term, flags, invalid]);

  const step = (forward: boolean): void => {
    if (term === '' || invalid !== null) return;
    if (forward) search.findNext(term, findOptions(flags, false));
    else search.findPrevious(term, findOptions(flags, false));
  };

  const close = (): void => {
    search.clearDecorations();
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step(!e.shiftKey);
    } else if (e.key === 'Escape') {
      // Only the bar closes: a maximized pane stays maximized.
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  const toggle = (flag: keyof FindFlags, label: string, symbol: string) => (
    <button
      type="button"
      data-testid={`find-${flag}-${id}`}
      aria-pressed={flags[flag]}
      title={label}
      onClick={() => setFlags((f) => ({ ...f, [flag]: !f[flag] }))}
      className={`h-6 rounded px-1.5 font-mono text-[11px] ${flags[flag] ? 'bg-accent/25 text-fg ring-1 ring-accent/60' : 'text-muted hover:bg-raised hover:text-fg'}`}
    >
      {symbol}
    </button>
  );

  return (
    // Floats over the terminal's top right corner (terminal-pane.tsx), as in desktop
    // editors: taking a row of the pane instead resized the PTY on every open and close,
    // and an agent's or vim's screen was redrawn (SIGWINCH) because someone searched it.
    <div
      data-testid={`find-bar-${id}`}
      role="search"
      aria-label="Find in this pane's output"
      className="pointer-events-auto flex max-w-full items-center gap-1 self-end rounded-md border border-line bg-raised px-2 py-1 shadow-lg shadow-black/40"
    >
      <input
        ref={inputRef}
        data-testid={`find-input-${id}`}
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Find in output"
        aria-label="Find in output"
        aria-invalid={invalid !== null || undefined}
        spellCheck={false}
        className={`h-6 w-40 min-w-0 shrink rounded border bg-canvas px-2 font-mono text-xs text-fg outline-none focus:ring-1 ${invalid ? 'border-bad/60 focus:ring-bad/60' : 'border-line focus:ring-accent/60'}`}
      />
      <span data-testid={`find-count-${id}`} aria-live="polite" className={`min-w-[4rem] shrink-0 text-right font-mono text-[11px] tabular-nums ${invalid ? 'text-bad' : 'text-muted'}`}>
        {invalid ?? resultsText(term, results)}
      </span>
      {toggle('caseSensitive', 'Match case', 'Aa')}
      {toggle('regex', 'Regular expression', '.*')}
      <Button size="sm" data-testid={`find-prev-${id}`} title="Previous match (Shift+Enter)" onClick={() => step(false)}>
        <span aria-hidden>↑</span>
        <span className="sr-only">Previous match</span>
      </Button>
      <Button size="sm" data-testid={`find-next-${id}`} title="Next match (Enter)" onClick={() => step(true)}>
        <span aria-hidden>↓</span>
        <span className="sr-only">Next match</span>
      </Button>
      <Button size="sm" data-testid={`find-close-${id}`} title="Close (Escape)" onClick={close}>
        <span aria-hidden>×</span>
        <span className="sr-only">Close find</span>
      </Button>
    </div>
  );
}
