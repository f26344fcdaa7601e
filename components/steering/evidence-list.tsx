'use client';

import type { Evidence } from '@/protocol/steering';
import { formatClock } from '@/lib/steering-format';

const KIND_ICON: Record<Evidence['kind'], string> = { screen: '▤', event: '◇', file: '▢', check: '✓' };

/**
 * Why a rule fired: each line or event with the time it happened. "show" brings the task's
 * pane into view (the output offset is kept for seeking a recording later; a live pane
 * simply shows the latest screen).
 */
export function EvidenceList({ id, evidence, onShow }: { id: string; evidence: readonly Evidence[]; onShow: (() => void) | null }) {
  if (evidence.length === 0) return null;
  return (
    <ul data-testid={`suggestion-evidence-${id}`} className="space-y-0.5 rounded-md border border-line bg-canvas/60 px-2 py-1">
      {evidence.map((e, i) => (
        <li key={`${e.at}-${i}`} data-testid={`suggestion-evidence-${id}-${i}`} data-kind={e.kind} data-output-seq={e.outputSeq ?? undefined}
          className="flex min-w-0 items-baseline gap-1.5 font-mono text-[11px]">
          <span aria-hidden className="shrink-0 text-faint" title={e.kind}>{KIND_ICON[e.kind]}</span>
          <time className="shrink-0 text-faint tabular-nums" dateTime={new Date(e.at).toISOString()}>{formatClock(e.at)}</time>
          <span className="min-w-0 flex-1 truncate text-muted" title={e.path ? `${e.path}\n${e.text}` : e.text}>
            {e.path && <span className="text-accent">{e.path}: </span>}
            {e.text}
          </span>
          {onShow && e.outputSeq !== null && (
            <button type="button" data-testid={`suggestion-evidence-show-${id}-${i}`} onClick={onShow}
              title="Go to the task's pane" className="shrink-0 text-accent hover:underline">show</button>
          )}
        </li>
      ))}
    </ul>
  );
}
