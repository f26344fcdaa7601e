'use client';

import { useEffect, useState } from 'react';
import type { CommandError } from '@/lib/commands';
import { steeringCommands } from '@/lib/steering-commands';
import { formatClock, INTERVENTION_KIND_LABEL, outcomeTone } from '@/lib/steering-format';
import { useAxiom, useInterventions } from '@/lib/axiom-provider';
import { Badge } from '@/components/ui/badge';
import { ErrorNote } from '@/components/ui/error-note';

/**
 * Every intervention on a task, human or automatic: who, what, when and how it went. The
 * history is fetched when shown and after each reconnect (`intervention:list`); live ones
 * arrive through the provider (`intervention:recorded`) and merge in.
 */
export function InterventionsTimeline({ taskId }: { taskId: string }) {
  const { socket, status, interventions } = useAxiom();
  const items = useInterventions(taskId);
  const [error, setError] = useState<CommandError | null>(null);
  // Fetched again after a reconnect: what was recorded while we were away never arrived live.
  const connected = status === 'connected';

  useEffect(() => {
    if (!socket || !connected) return;
    let live = true;
    void steeringCommands.interventions(socket, taskId).then((result) => {
      if (!live) return;
      setError(result.ok ? null : result.error);
      if (result.ok) interventions.dispatch({ type: 'list', taskId, interventions: result.value });
    });
    return () => {
      live = false;
    };
  }, [socket, connected, taskId, interventions]);

  return (
    <div data-testid={`interventions-${taskId}`} data-count={items.length}>
      {items.length === 0 ? (
        <p className="py-2 text-xs text-faint">{error ? '' : 'No interventions yet.'}</p>
      ) : (
        <ol className="space-y-1 border-l border-line pl-3">
          {[...items].reverse().map((i) => (
            <li key={i.id} data-testid={`intervention-${i.id}`} data-kind={i.kind} data-who={i.who} className="relative text-xs">
              <span aria-hidden className={`absolute -left-[15px] top-1.5 size-1.5 rounded-full ${i.who === 'auto' ? 'bg-accent' : 'bg-muted'}`} />
              <div className="flex flex-wrap items-center gap-x-2">
                <time className="font-mono text-[11px] text-faint tabular-nums" dateTime={new Date(i.at).toISOString()}>{formatClock(i.at)}</time>
                <span className="font-medium text-fg">{INTERVENTION_KIND_LABEL[i.kind]}</span>
                <span className="text-muted">by {i.who === 'auto' ? 'auto-steer' : i.who}</span>
                {i.suggestionId && <span className="text-faint" title={i.suggestionId}>· from a suggestion</span>}
                <Badge tone={outcomeTone(i.outcome)} className="ml-auto" data-testid={`intervention-outcome-${i.id}`}>{i.outcome}</Badge>
              </div>
              {i.text && <p className="truncate font-mono text-[11px] text-muted" title={i.text}>{i.text}</p>}
            </li>
          ))}
        </ol>
      )}
      <ErrorNote error={error} testId={`interventions-error-${taskId}`} />
    </div>
  );
}
