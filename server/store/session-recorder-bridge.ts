import type { SessionId } from '../../protocol/ids';
import type { SessionInfo, SessionStatus } from '../../protocol/session';
import type { Logger } from '../logger';
import type { HostEvent, SessionHost } from '../sessions/session-host';
import type { AppendEvent, Store } from './store-types';

/**
 * Keeps the store's `sessions` table and the ledger in step with the session host: every
 * `session:updated` stores the latest SessionInfo; a status transition also appends an
 * event (`session.created`, `session.exited`, `session.restarted`), and a removal
 * `session.removed`. Only transitions are events: resizes update the row, not the ledger.
 */
export interface SessionBridgeOptions {
  host: SessionHost;
  store: Store;
  log: Logger;
}

/** The ledger event for a status change, or undefined when nothing worth recording changed. Pure. */
export function sessionTransition(previous: SessionStatus | undefined, info: SessionInfo): AppendEvent | undefined {
  const base = { sessionId: info.id };
  if (previous === undefined) {
    return {
      ...base,
      type: 'session.created',
      at: info.createdAt,
      data: { name: info.name, command: info.command, args: info.args, cwd: info.cwd, cols: info.cols, rows: info.rows },
    };
  }
  if (previous !== 'exited' && info.status === 'exited') {
    return {
      ...base,
      type: 'session.exited',
      at: info.exitedAt ?? undefined,
      data: { exitCode: info.exitCode, signal: info.signal, generation: info.generation, outputBytes: info.outputBytes },
    };
  }
  if (previous === 'exited' && info.status !== 'exited') {
    return { ...base, type: 'session.restarted', data: { generation: info.generation, pid: info.pid } };
  }
  return undefined;
}

/** Subscribes; returns the unsubscribe function. Store errors are logged, never thrown into the host. */
export function bridgeSessionsToStore({ host, store, log }: SessionBridgeOptions): () => void {
  const lastStatus = new Map<SessionId, SessionStatus>();
  const onEvent = (event: HostEvent): void => {
    try {
      if (event.type === 'session:updated') {
        const { info } = event;
        // A session first seen now may be one a previous console recorded (the pty host
        // kept it running): its stored status, so reattaching is not a new `created`.
        const previous = lastStatus.get(info.id) ?? store.getSession(info.id)?.status;
        const transition = sessionTransition(previous, info);
        lastStatus.set(info.id, info.status);
        store.transaction(() => {
          store.recordSession(info);
          if (transition) store.append(transition);
        });
      } else if (event.type === 'session:removed') {
        lastStatus.delete(event.id);
        store.append({ type: 'session.removed', sessionId: event.id, data: null });
      }
    } catch (error) {
      log.log('error', `store: could not record ${event.type}`, error);
    }
  };
  return host.onEvent(onEvent);
}
