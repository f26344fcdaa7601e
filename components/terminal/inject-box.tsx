'use client';

import { useState, type KeyboardEvent } from 'react';
import type { SessionInfo } from '@/protocol/session';
import type { CommandError } from '@/lib/commands';
import { sessionCommands } from '@/lib/session-commands';
import { useAxiom } from '@/lib/axiom-provider';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

/** Tall enough for a short multi-line prompt; longer text scrolls inside the box. */
const MAX_VISIBLE_LINES = 6;

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

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const lines = Math.min(MAX_VISIBLE_LINES, text.split('\n').length);
  return (
    <div className="border-t border-line px-2 py-1.5">
      <div className="flex items-end gap-2">
        <textarea
          data-testid={`inject-input-${id}`}
          value={text}
          rows={lines}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={disabled ? 'Session has exited' : 'Send a prompt…  (Shift+Enter for a new line)'}
          aria-label={`Send a prompt to ${info.name}`}
          title="Enter sends, Shift+Enter adds a line"
          spellCheck={false}
          className="min-h-8 flex-1 resize-none rounded-md border border-line bg-canvas px-2.5 py-1.5 font-mono text-xs leading-5 text-fg placeholder:truncate placeholder:text-faint focus:border-accent/60 focus:outline-none disabled:opacity-50"
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
