'use client';

import { useState, type FormEvent } from 'react';
import { LIMITS } from '@/protocol/limits';
import type { SessionInfo } from '@/protocol/session';
import type { CommandError } from '@/lib/commands';
import { useAxiom } from '@/lib/axiom-provider';
import { sessionCommands } from '@/lib/session-commands';
import { sessionInputFromForm } from '@/lib/session-form';
import { Dialog } from '@/components/ui/dialog';
import { FormFooter } from '@/components/ui/form-footer';
import { FIELD_CLASS as FIELD, LABEL_CLASS as LABEL } from '@/components/ui/form-styles';

export interface NewSessionDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (info: SessionInfo) => void;
}

/** `session:create` from a small form; errors (ours or the server's) stay in the form. */
export function NewSessionDialog({ open, onClose, onCreated }: NewSessionDialogProps) {
  const { socket } = useAxiom();
  const [commandText, setCommandText] = useState('');
  const [argsText, setArgsText] = useState('');
  const [cwd, setCwd] = useState('');
  const [name, setName] = useState('');
  /** '' for the command's default; the protocol's schema checks it on submit. */
  const [interrupt, setInterrupt] = useState('');
  const [error, setError] = useState<CommandError | string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const form = sessionInputFromForm({ command: commandText, args: argsText, cwd, name, interruptKey: interrupt });
    if (!form.ok) return setError(form.message);

    setSubmitting(true);
    setError(null);
    const result = await sessionCommands.create(socket, form.input);
    setSubmitting(false);
    if (!result.ok) return setError(result.error);
    setCommandText('');
    setArgsText('');
    setName('');
    onCreated(result.value);
  };

  return (
    <Dialog open={open} onClose={onClose} title="New session" testId="new-session-dialog">
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <div>
          <label className={LABEL} htmlFor="new-session-command">Command</label>
          <input id="new-session-command" data-testid="new-session-command" className={`${FIELD} font-mono`} value={commandText}
            onChange={(e) => setCommandText(e.target.value)} placeholder="claude, codex, bash…" autoFocus required autoComplete="off" spellCheck={false} />
        </div>
        <div>
          <label className={LABEL} htmlFor="new-session-args">Arguments <span className="text-faint">(space-separated, quotes allowed)</span></label>
          <input id="new-session-args" data-testid="new-session-args" className={`${FIELD} font-mono`} value={argsText}
            onChange={(e) => setArgsText(e.target.value)} placeholder={`-c 'echo hello'`} autoComplete="off" spellCheck={false} />
        </div>
        <div>
          <label className={LABEL} htmlFor="new-session-cwd">Working directory</label>
          <input id="new-session-cwd" data-testid="new-session-cwd" className={`${FIELD} font-mono`} value={cwd}
            onChange={(e) => setCwd(e.target.value)} placeholder="server default" autoComplete="off" spellCheck={false} />
        </div>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <div>
            <label className={LABEL} htmlFor="new-session-name">Name</label>
            <input id="new-session-name" data-testid="new-session-name" className={FIELD} value={name} maxLength={LIMITS.maxNameLength}
              onChange={(e) => setName(e.target.value)} placeholder="from the command" autoComplete="off" />
          </div>
          <div>
            <label className={LABEL} htmlFor="new-session-interrupt">Interrupt key</label>
            <select id="new-session-interrupt" data-testid="new-session-interrupt" className={FIELD} value={interrupt}
              onChange={(e) => setInterrupt(e.target.value)}>
              <option value="">Default for the command</option>
              <option value="esc">ESC (agents)</option>
              <option value="ctrl-c">Ctrl-C (shells)</option>
            </select>
          </div>
        </div>
        <FormFooter error={error} errorTestId="new-session-error" submitTestId="new-session-submit" submitting={submitting} submitLabel="Start session" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
