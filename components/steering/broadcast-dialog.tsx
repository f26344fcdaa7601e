'use client';

import { useEffect, useState } from 'react';
import type { Intervention } from '@/protocol/steering';
import type { TaskInfo } from '@/protocol/task';
import type { CommandError } from '@/lib/commands';
import { steeringCommands } from '@/lib/steering-commands';
import { outcomeTone } from '@/lib/steering-format';
import { useAxiom } from '@/lib/axiom-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

export interface BroadcastDialogProps {
  open: boolean;
  tasks: readonly TaskInfo[];
  onClose: () => void;
  /** After a send that every agent took: the list clears its selection. */
  onSent: () => void;
}

/**
 * One steering message to several agents (`steer:broadcast`). Queued by default (each
 * agent gets it when idle); "now" types it at once. The reply lists one intervention per
 * task with its outcome, shown here so a failure on one agent is not lost in the batch.
 */
export function BroadcastDialog({ open, tasks, onClose, onSent }: BroadcastDialogProps) {
  const { socket } = useAxiom();
  const [text, setText] = useState('');
  const [now, setNow] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [results, setResults] = useState<Intervention[] | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setResults(null);
  }, [open]);

  const send = async (): Promise<void> => {
    setSending(true);
    setError(null);
    const result = await steeringCommands.broadcast(socket, { taskIds: tasks.map((t) => t.id), text: text.trim(), mode: now ? 'now' : 'queue' });
    setSending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setResults(result.value);
    setText('');
    onSent();
  };

  const name = (id: string): string => tasks.find((t) => t.id === id)?.name ?? id;
  return (
    <Dialog open={open} onClose={onClose} title={`Steer ${tasks.length} task${tasks.length === 1 ? '' : 's'}`} testId="broadcast-dialog">
      <p className="mb-2 truncate text-xs text-muted" title={tasks.map((t) => t.name).join(', ')}>To: {tasks.map((t) => t.name).join(', ')}</p>
      <textarea data-testid="broadcast-text" aria-label="Steering message" value={text} rows={4} autoFocus onChange={(e) => setText(e.target.value)}
        placeholder="e.g. Stop planning and write the code now; run the tests before you say it is done."
        className="w-full resize-y rounded-md border border-line bg-canvas px-2 py-1.5 font-mono text-xs text-fg focus:border-accent/60 focus:outline-none" />
      <label className="mt-2 flex items-center gap-2 text-xs text-muted">
        <input type="checkbox" data-testid="broadcast-now" checked={now} onChange={(e) => setNow(e.target.checked)} />
        Type it now (interrupting nothing), instead of when each agent is idle
      </label>
      {results && (
        <ul data-testid="broadcast-result" className="mt-3 space-y-1 text-xs">
          {results.map((r) => (
            <li key={r.id} className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate">{name(r.taskId)}</span>
              <Badge tone={outcomeTone(r.outcome)} data-testid={`broadcast-result-${r.taskId}`} data-outcome={r.outcome}>{r.outcome}</Badge>
            </li>
          ))}
        </ul>
      )}
      {error && <p data-testid="broadcast-error" role="alert" className="mt-2 font-mono text-[11px] text-bad">{error.code}: {error.message}</p>}
      <div className="mt-4 flex justify-end gap-2">
        <Button size="md" onClick={onClose}>{results ? 'Close' : 'Cancel'}</Button>
        <Button size="md" variant="primary" data-testid="broadcast-send" disabled={sending || text.trim() === '' || tasks.length === 0} onClick={() => void send()}>
          {sending ? 'Sending…' : 'Send to all'}
        </Button>
      </div>
    </Dialog>
  );
}
