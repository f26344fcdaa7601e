'use client';

import type { StoredEvent } from '@/protocol/history';
import { compactJson, formatClock } from './history-format';

/** Type prefixes that get a colour: what happened to the process, and what a person did. */
const TYPE_TONE: { prefix: string; className: string }[] = [
  { prefix: 'session.exited', className: 'text-idle' },
  { prefix: 'task.interrupt', className: 'text-warn' },
  { prefix: 'task.approve', className: 'text-warn' },
  { prefix: 'task.prompt', className: 'text-accent' },
  { prefix: 'task.removed', className: 'text-bad' },
];

function toneOf(type: string): string {
  return TYPE_TONE.find((t) => type.startsWith(t.prefix))?.className ?? 'text-fg';
}

export interface EventTimelineProps {
  events: readonly StoredEvent[];
}

/** The ledger rows of one task or session, oldest first, each expandable to its full payload. */
export function EventTimeline({ events }: EventTimelineProps) {
  if (events.length === 0) return <p className="text-xs text-muted">No events recorded.</p>;
  return (
    <ol data-testid="history-events" className="relative ml-1 border-l border-line">
      {events.map((e) => (
        <li key={e.seq} data-testid={`history-event-${e.seq}`} data-type={e.type} className="relative py-1 pl-4">
          <span aria-hidden className="absolute -left-[4px] top-2.5 size-2 rounded-full bg-line-strong" />
          <details className="group">
            <summary className="flex cursor-pointer list-none items-baseline gap-2 text-xs">
              <time className="shrink-0 font-mono tabular-nums text-faint" dateTime={new Date(e.at).toISOString()}>
                {formatClock(e.at)}
              </time>
              <span className={`shrink-0 font-mono font-medium ${toneOf(e.type)}`}>{e.type}</span>
              <span className="truncate font-mono text-muted group-open:hidden">{compactJson(e.data)}</span>
            </summary>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-canvas p-2 font-mono text-[11px] leading-4 whitespace-pre-wrap text-fg/90">
              {JSON.stringify(e.data, null, 2)}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
