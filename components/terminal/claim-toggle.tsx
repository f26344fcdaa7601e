'use client';

import { useState } from 'react';
import { CLAIM_MAX_MS } from '@/protocol/arbitration';
import { useAxiom, usePaneHold } from '@/lib/axiom-provider';
import type { CommandError } from '@/lib/commands';
import { claimPane } from '@/lib/pane-holds';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

/**
 * The claim toggle of a task pane: while pressed, prompts that agents (MCP) or scripts
 * (the API) send to this task wait in its queue instead of being typed between your
 * keystrokes; releasing delivers them. Pressed reflects the server's word (pane:held), so
 * every browser shows the same claim and a claim that timed out pops back up by itself.
 */
export function ClaimToggle({ sessionId }: { sessionId: string }) {
  const { socket } = useAxiom();
  const hold = usePaneHold(sessionId);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const claimed = hold?.reason === 'claimed';

  const toggle = async (): Promise<void> => {
    setPending(true);
    setError(null);
    const result = await claimPane(socket, sessionId, !claimed);
    setPending(false);
    if (!result.ok) setError(result.error);
  };

  const until = claimed && hold.until !== null ? ` until ${new Date(hold.until).toLocaleTimeString()}` : '';
  const title = claimed
    ? `Claimed${until}: agents' prompts wait. Click to release and deliver them.`
    : `Claim this pane: agents' prompts wait until you release it (at most ${CLAIM_MAX_MS / 60_000} minutes).`;
  // A failed claim is said in words beside the button, not only by its colour or a tooltip.
  return (
    <>
      <ErrorNote error={error} testId={`claim-error-${sessionId}`} inline />
      <Button
        size="sm"
        data-testid={`btn-claim-${sessionId}`}
        aria-pressed={claimed}
        title={title}
        disabled={pending}
        variant={claimed ? 'primary' : 'ghost'}
        onClick={() => void toggle()}
      >
        {claimed ? 'Claimed' : 'Claim'}
      </Button>
    </>
  );
}
