'use client';

import { useState } from 'react';
import type { SessionInfo } from '@/protocol/session';
import type { CommandError } from '@/lib/commands';
import { sessionCommands } from '@/lib/session-commands';
import { useAxiom } from '@/lib/axiom-provider';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { PromptTextarea } from '@/components/ui/prompt-textarea';

/**
 * Sends a prompt to the session as if typed, then Enter (`session:inject`, which the
 * server writes as text + a separate Enter, the way agent CLIs need it). Enter sends;
 * Shift+Enter adds a line.
 */
export function InjectBox({ info }: { info: SessionInfo }) {
  const { id } = info;
  const { socket } = useAxiom();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const disabled = info.status === 'exited';

  const send = async (): Promise<void> => {
    if (sending || text.length === 0 || disabled) return;
    setSending(true);
    setError(null);
    const result = await sessionCommands.inject(socket, id, text);
    setSending(false);
    if (result.ok) setText('');
    else setError(result.error);
  };

  return (
    <div className="border-t border-line px-2 py-1.5">
      <div className="flex items-end gap-2">
        <PromptTextarea
          testId={`inject-input-${id}`}
          value={text}
          onChange={setText}
          onSubmit={() => void send()}
          disabled={disabled}
          placeholder={disabled ? 'Session has exited' : 'Send a line to the program…  (Shift+Enter: new line)'}
          ariaLabel={`Send text to ${info.name}`}
        />
        <Button
          size="sm"
          variant="primary"
          className="h-8"
          data-testid={`inject-send-${id}`}
          disabled={disabled || sending || text.length === 0}
          onClick={() => void send()}
        >
          {sending ? 'Sending…' : 'Send'}
        </Button>
      </div>
      <ErrorNote error={error} testId={`inject-error-${id}`} className="mt-1" />
    </div>
  );
}
