'use client';

import { useSuggestions } from '@/lib/axiom-provider';
import { openCount } from '@/lib/steering-selectors';
import { useSteeringUi } from './steering-ui';

/** The top bar's inbox button, with the number of open suggestions across all tasks. */
export function InboxButton() {
  const ui = useSteeringUi();
  const count = openCount(useSuggestions());
  const open = ui?.drawer?.kind === 'inbox';
  const label = `${count} open suggestion${count === 1 ? '' : 's'}`;
  return (
    <button type="button" data-testid="btn-inbox" aria-pressed={open} aria-label={`Suggestions inbox: ${label}`} title={`Suggestions inbox: ${label}`}
      onClick={() => ui?.toggleInbox()}
      className={`inline-flex h-8 items-center gap-1.5 rounded-md border px-2 text-xs hover:bg-raised ${
        count > 0 ? 'border-warn/50 text-warn' : 'border-line text-muted hover:text-fg'} ${open ? 'bg-raised' : ''}`}>
      <svg aria-hidden viewBox="0 0 24 24" className="size-4">
        <path d="M4 13l2.5-7h11L20 13v5H4v-5zm0 0h5l1 2h4l1-2h5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      </svg>
      Inbox
      <span data-testid="inbox-count" data-count={count} className="tabular-nums">{count}</span>
    </button>
  );
}
