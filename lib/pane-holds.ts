import type { PaneClaimReply, PaneHold } from '../protocol/arbitration';
import { command, type CommandResult } from './commands';
import type { AxiomSocket } from './socket-types';

/**
 * Which panes a person holds (typing in them, or claimed) as the server reports them with
 * 'pane:held', for useSyncExternalStore: one entry per held pane, removed when it is free.
 * Holds are only true while we are connected (a claim ends with the socket that made it),
 * so the provider clears them on disconnect; the server sends the current ones on connect.
 */
export class PaneHoldsStore {
  private readonly byId = new Map<string, PaneHold>();
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(id: string): PaneHold | undefined {
    return this.byId.get(id);
  }

  apply(hold: PaneHold): void {
    if (hold.reason === null) {
      if (!this.byId.delete(hold.id)) return;
    } else {
      this.byId.set(hold.id, hold);
    }
    for (const l of this.listeners) l();
  }

  clear(): void {
    if (this.byId.size === 0) return;
    this.byId.clear();
    for (const l of this.listeners) l();
  }
}

/** Take (`claimed`) or give back the keyboard of a session's pane. */
export function claimPane(socket: AxiomSocket | null, id: string, claimed: boolean): Promise<CommandResult<PaneClaimReply>> {
  return command<PaneClaimReply>(socket, (s, ack) => s.emit('pane:claim', { id, claimed }, ack));
}

/** The pane strip's line while prompts wait for a person, e.g. "2 prompts held while you type". */
export function heldText(count: number, reason: PaneHold['reason']): string | null {
  if (count === 0 || reason === null) return null;
  const what = `${count} prompt${count === 1 ? '' : 's'} held`;
  return reason === 'typing' ? `${what} while you type` : `${what} while you hold this pane`;
}
