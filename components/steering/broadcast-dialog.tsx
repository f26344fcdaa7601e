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
import { ErrorNote } from '@/components/ui/error-note';

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
  /** The reply, with the tasks it went to: a successful send clears the list's selection
   * (so `tasks` becomes empty), and the results must still name their tasks. */
  const [sent, setSent] = useState<{ to: readonly TaskInfo[]; results: Intervention[] } | null>(null);
  const recipients = sent?.to ?? tasks;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setSent(null);
  }, [open]);

  const send = async (): Promise<void> => {
    setSending(true);
    setError(null);
    const to = tasks;
    const result = await steeringCommands.broadcast(socket, { taskIds: to.map((t) => t.id), text: text.trim(), mode: now ? 'now' : 'queue' });
    setSending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSent({ to, results: result.value });
    setText('');
    onSent();
  };

  const name = (id: string): string => recipients.find((t) => t.id === id)?.name ?? id;
  const names = recipients.map((t) => t.name).join(', ');
  return (
    <Dialog open={open} onClose={onClose} title={`Steer ${recipients.length} task${recipients.length === 1 ? '' : 's'}`} testId="broadcast-dialog">
      <p className="mb-2 truncate text-xs text-muted" title={names}>To: {names}</p>
      <textarea data-testid="broadcast-text" aria-label="Steering message" value={text} rows={4} autoFocus onChange={(e) => setText(e.target.value)}
        placeholder="e.g. Stop planning and write the code now; run the tests before you say it is done."
        className="w-full resize-y rounded-md border border-line bg-canvas px-2 py-1.5 font-mono text-xs text-fg focus:border-accent/60 focus:outline-none" />
      <label className="mt-2 flex items-center gap-2 text-xs text-muted">
        <input type="checkbox" data-testid="broadcast-now" checked={now} onChange={(e) => setNow(e.target.checked)} />
        Type it now (interrupting nothing), instead of when each agent is idle
      </label>
      {sent && (
        <ul data-testid="broadcast-result" className="mt-3 space-y-1 text-xs">
          {sent.results.map((r) => (
            <li key={r.id} className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate">{name(r.taskId)}</span>
              <Badge tone={outcomeTone(r.outcome)} data-testid={`broadcast-result-${r.taskId}`} data-outcome={r.outcome}>{r.outcome}</Badge>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={error} testId="broadcast-error" className="mt-2" />
      <div className="mt-4 flex justify-end gap-2">
        <Button size="md" onClick={onClose}>{sent ? 'Close' : 'Cancel'}</Button>
        <Button size="md" variant="primary" data-testid="broadcast-send" disabled={sending || text.trim() === '' || tasks.length === 0} onClick={() => void send()}>
          {sending ? 'Sending…' : 'Send to all'}
        </Button>
      </div>
    </Dialog>
  );
}
