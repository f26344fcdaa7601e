import { paneClaimRequestSchema, type PaneClaimReply } from '../../protocol/arbitration';
import { err, ok, type Result } from '../../protocol/result';
import type { InputArbiter } from '../tasks/input-arbiter';
import { command, type CommandContext } from './socket-commands';
import type { ConsoleIo } from './socket-api';
import { ALL_VIEWERS_ROOM } from './viewer-rooms';

/**
 * Arbitration over socket.io: 'pane:claim' takes or gives back a pane's keyboard, and every
 * browser hears 'pane:held' when a pane becomes held or free (so a task pane can say why
 * its prompts wait). A claim belongs to the socket that made it: it ends when that socket
 * disconnects, so a closed tab never holds an agent's prompts for the full time-out.
 */
export type PaneArbiter = Pick<InputArbiter, 'claim' | 'release' | 'releaseOwnedBy' | 'holds' | 'onChange'>;

/** Broadcasts hold transitions to every browser; returns the unsubscribe. */
export function broadcastHolds(io: ConsoleIo, arbiter: PaneArbiter): () => void {
  return arbiter.onChange((hold) => io.to(ALL_VIEWERS_ROOM).emit('pane:held', hold));
}

export function registerClaimCommands(ctx: CommandContext, arbiter: PaneArbiter): void {
  const { socket, host } = ctx;
  // A browser that connects late (or again) learns the holds that are already on.
  for (const hold of arbiter.holds()) socket.emit('pane:held', hold);
  socket.on('disconnect', () => arbiter.releaseOwnedBy(socket.id));
  command(ctx, 'pane:claim', paneClaimRequestSchema, async (req): Promise<Result<PaneClaimReply>> => {
    // Anyone may give a claimed pane back (the toggle shows pressed in every browser);
    // only a live session can be claimed.
    if (!req.claimed) {
      arbiter.release(req.id);
      return ok({ heldUntil: null });
    }
    const info = await host.request({ type: 'get', id: req.id });
    if (!info.ok) return info;
    if (info.value.status === 'exited') return err('refused:session-exited', 'the session has exited');
    return ok({ heldUntil: arbiter.claim(req.id, { owner: socket.id }) });
  });
}
