'use client';

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import type { SessionInfo } from '../protocol/session';
import type { TaskInfo } from '../protocol/task';
import { command } from './commands';
import { SessionsStore } from './sessions-store';
import { EMPTY_TASKS, TasksStore, type TasksState } from './tasks-store';
import type { AxiomSocket, ConnectionStatus } from './socket-types';

interface AxiomContextValue {
  /** Null until the provider has mounted (never on the server, never at import time). */
  socket: AxiomSocket | null;
  status: ConnectionStatus;
  store: SessionsStore;
  tasks: TasksStore;
}

const AxiomContext = createContext<AxiomContextValue | null>(null);

/** When the server drops us on purpose (e.g. it restarted), socket.io does not retry
 * by itself; we do, after a pause so a server that refuses us is not hammered. */
const SERVER_DISCONNECT_RETRY_MS = 2_000;

/**
 * Owns the one socket of the dashboard and the sessions and tasks stores fed by it. The socket
 * connects same-origin, so the HttpOnly auth cookie rides along; websocket only, since
 * long-polling would add a round trip per output frame.
 */
export function AxiomProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new SessionsStore());
  const [tasks] = useState(() => new TasksStore());
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
      // Through command(): a server without the task service never answers, and the
      // dashboard must still work with sessions alone.
      void command<TaskInfo[]>(s, (sock, ack) => sock.emit('task:list', ack)).then((result) => {
        if (result.ok) tasks.replaceAll(result.value);
        else console.warn(`[axiom] task:list failed: ${result.error.code}`);
      });
    };
    const onDisconnect = (reason: string): void => {
      setStatus('reconnecting');
      if (reason === 'io server disconnect') retryTimer = setTimeout(() => s.connect(), SERVER_DISCONNECT_RETRY_MS);
    };
    const onConnectError = (): void => setStatus((prev) => (prev === 'connected' ? 'reconnecting' : prev));
    const onUpdated = (info: SessionInfo): void => store.upsert(info);
    const onRemoved = (payload: { id: string }): void => store.remove(payload.id);
    const onTaskUpdated = (task: TaskInfo): void => tasks.upsert(task);
    const onTaskRemoved = (payload: { id: string }): void => tasks.remove(payload.id);

    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onConnectError);
    s.on('session:updated', onUpdated);
    s.on('session:removed', onRemoved);
    s.on('task:updated', onTaskUpdated);
    s.on('task:removed', onTaskRemoved);
    setSocket(s);

    return () => {
      clearTimeout(retryTimer);
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      s.off('connect_error', onConnectError);
      s.off('session:updated', onUpdated);
      s.off('session:removed', onRemoved);
      s.off('task:updated', onTaskUpdated);
      s.off('task:removed', onTaskRemoved);
      s.disconnect();
      setSocket(null);
    };
  }, [store, tasks]);

  return <AxiomContext.Provider value={{ socket, status, store, tasks }}>{children}</AxiomContext.Provider>;
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

export function useTasks(): TasksState {
  const { tasks } = useAxiom();
  return useSyncExternalStore(tasks.subscribe, tasks.getSnapshot, () => EMPTY_TASKS);
}

/** The task that owns a session, if any; re-renders only when that task changes. */
export function useTaskForSession(sessionId: string): TaskInfo | undefined {
  const { tasks } = useAxiom();
  return useSyncExternalStore(
    tasks.subscribe,
    () => tasks.forSession(sessionId),
    () => undefined,
  );
}
