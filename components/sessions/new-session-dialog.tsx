'use client';

import { useState, type FormEvent } from 'react';
import type { CreateSessionInput, InterruptKey, SessionInfo } from '@/protocol/session';
import { LIMITS } from '@/protocol/limits';
import { command } from '@/lib/commands';
import { parseArgs } from '@/lib/parse-args';
import { useAxiom } from '@/lib/axiom-provider';
import { Dialog } from '@/components/ui/dialog';
import { FormFooter } from '@/components/ui/form-footer';

export interface NewSessionDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (info: SessionInfo) => void;
}

const FIELD = 'h-9 w-full rounded-md border border-line bg-canvas px-2.5 text-sm text-fg placeholder:text-faint focus:border-accent/60 focus:outline-none';
const LABEL = 'mb-1 block text-xs font-medium text-muted';

/** `session:create` from a small form; errors (ours or the server's) stay in the form. */
export function NewSessionDialog({ open, onClose, onCreated }: NewSessionDialogProps) {
  const { socket } = useAxiom();
  const [commandText, setCommandText] = useState('');
  const [argsText, setArgsText] = useState('');
  const [cwd, setCwd] = useState('');
  const [name, setName] = useState('');
  const [interrupt, setInterrupt] = useState<'' | InterruptKey>('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const cmd = commandText.trim();
    if (!cmd) return setError('command is required');
    const args = parseArgs(argsText);
    if (!args.ok) return setError(`args: ${args.message}`);
    if (args.args.length > LIMITS.maxArgs) return setError(`args: at most ${LIMITS.maxArgs}`);
    const input: CreateSessionInput = { command: cmd, args: args.args };
    if (cwd.trim()) input.cwd = cwd.trim();
    if (name.trim()) input.name = name.trim();
    if (interrupt) input.interruptKey = interrupt;

    setSubmitting(true);
    setError(null);
    const result = await command<SessionInfo>(socket, (s, ack) => s.emit('session:create', input, ack));
    setSubmitting(false);
    if (!result.ok) return setError(`${result.error.code}: ${result.error.message}`);
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
              onChange={(e) => setInterrupt(e.target.value === 'esc' || e.target.value === 'ctrl-c' ? e.target.value : '')}>
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
