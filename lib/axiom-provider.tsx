'use client';

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import type { SessionInfo } from '../protocol/session';
import { SessionsStore } from './sessions-store';
import type { AxiomSocket, ConnectionStatus } from './socket-types';

interface AxiomContextValue {
  /** Null until the provider has mounted (never on the server, never at import time). */
  socket: AxiomSocket | null;
  status: ConnectionStatus;
  store: SessionsStore;
}

const AxiomContext = createContext<AxiomContextValue | null>(null);

/** When the server drops us on purpose (e.g. it restarted), socket.io does not retry
 * by itself; we do, after a pause so a server that refuses us is not hammered. */
const SERVER_DISCONNECT_RETRY_MS = 2_000;

/**
 * Owns the one socket of the dashboard and the sessions store fed by it. The socket
 * connects same-origin, so the HttpOnly auth cookie rides along; websocket only, since
 * long-polling would add a round trip per output frame.
 */
export function AxiomProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new SessionsStore());
  const [socket, setSocket] = useState<AxiomSocket | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    const s: AxiomSocket = io({ path: '/socket.io', transports: ['websocket'], autoConnect: true });
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const onConnect = (): void => {
      setStatus('connected');
      // The authoritative list: anything created or removed while we were away.
      s.emit('session:list', (result) => {
        if (result.ok) store.replaceAll(result.value);
        else console.warn(`[axiom] session:list failed: ${result.error.code}`);
      });
    };
    const onDisconnect = (reason: string): void => {
      setStatus('reconnecting');
      if (reason === 'io server disconnect') retryTimer = setTimeout(() => s.connect(), SERVER_DISCONNECT_RETRY_MS);
    };
    const onConnectError = (): void => setStatus((prev) => (prev === 'connected' ? 'reconnecting' : prev));
    const onUpdated = (info: SessionInfo): void => store.upsert(info);
    const onRemoved = (payload: { id: string }): void => store.remove(payload.id);

    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onConnectError);
    s.on('session:updated', onUpdated);
    s.on('session:removed', onRemoved);
    setSocket(s);

    return () => {
      clearTimeout(retryTimer);
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      s.off('connect_error', onConnectError);
      s.off('session:updated', onUpdated);
      s.off('session:removed', onRemoved);
      s.disconnect();
      setSocket(null);
    };
  }, [store]);

  return <AxiomContext.Provider value={{ socket, status, store }}>{children}</AxiomContext.Provider>;
}

export function useAxiom(): AxiomContextValue {
  const value = useContext(AxiomContext);
  if (!value) throw new Error('useAxiom must be used inside <AxiomProvider>');
  return value;
}

const NO_SESSIONS: readonly SessionInfo[] = [];

export function useSessions(): readonly SessionInfo[] {
  const { store } = useAxiom();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NO_SESSIONS);
}
