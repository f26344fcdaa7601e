'use client';

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import { consoleSocketOptions } from '@/protocol/socket-parser';
import type { PaneHold } from '../protocol/arbitration';
import type { SessionInfo } from '../protocol/session';
import type { Intervention, Suggestion } from '../protocol/steering';
import type { TaskInfo } from '../protocol/task';
import { command, type CommandError, type CommandResult } from './commands';
import { loadList } from './list-loader';
import { ListSync } from './list-sync';
import { PaneHoldsStore } from './pane-holds';
import { SessionsStore } from './sessions-store';
import { steeringCommands } from './steering-commands';
import { InterventionsStore } from './steering-interventions';
import { EMPTY_SUGGESTIONS, SuggestionsStore, type SuggestionsState } from './suggestions-store';
import { EMPTY_TASKS, TasksStore, type TasksState } from './tasks-store';
import type { AxiomSocket, ConnectionStatus } from './socket-types';

interface AxiomContextValue {
  /** Null until the provider has mounted (never on the server, never at import time). */
  socket: AxiomSocket | null;
  status: ConnectionStatus;
  /** The lists that failed to load since the last connect (being retried), and why. */
  listErrors: ListErrors;
  store: SessionsStore;
  tasks: TasksStore;
  suggestions: SuggestionsStore;
  interventions: InterventionsStore;
  holds: PaneHoldsStore;
}

export type ListName = 'sessions' | 'tasks' | 'suggestions';
export type ListErrors = Partial<Record<ListName, CommandError>>;
const NO_LIST_ERRORS: ListErrors = {};

function withoutKey(errors: ListErrors, list: ListName): ListErrors {
  if (!(list in errors)) return errors;
  const rest = { ...errors };
  delete rest[list];
  return rest;
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
  const [suggestions] = useState(() => new SuggestionsStore());
  const [interventions] = useState(() => new InterventionsStore());
  const [holds] = useState(() => new PaneHoldsStore());
  const [socket, setSocket] = useState<AxiomSocket | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [listErrors, setListErrors] = useState<ListErrors>(NO_LIST_ERRORS);

  useEffect(() => {
    // Reconnect fast (250 ms, at most 1 s apart): after a console restart the tab is back
    // within a second of the server listening, not after socket.io's 1-5 s backoff.
    const s: AxiomSocket = io({ ...consoleSocketOptions(), autoConnect: true, reconnectionDelay: 250, reconnectionDelayMax: 1000 });
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    let cancelLoads: Array<() => void> = [];
    const stopLoading = (): void => {
      for (const cancel of cancelLoads) cancel();
      cancelLoads = [];
      setListErrors(NO_LIST_ERRORS);
    };
    const reportFor = (list: ListName) => (error: CommandError | null): void =>
      setListErrors((prev) => (error === null ? withoutKey(prev, list) : { ...prev, [list]: error }));

    // Live events that overtake a list reply win over it (lib/list-sync.ts).
    const sessionSync = new ListSync();
    const taskSync = new ListSync();
    const suggestionSync = new ListSync();
    /** Loads one list; the mark is taken as each attempt's request goes out. */
    const syncedList = <T extends { id: string }>(
      sync: ListSync,
      request: () => Promise<CommandResult<T[]>>,
      current: (id: string) => T | undefined,
      replace: (list: T[]) => void,
      list: ListName,
    ): (() => void) => {
      let since = 0;
      return loadList<T[]>({
        load: () => {
          since = sync.mark();
          return request();
        },
        apply: (v) => replace(sync.merge(v, since, current)),
        report: reportFor(list),
      });
    };

    const onConnect = (): void => {
      setStatus('connected');
      stopLoading();
      // The authoritative lists: anything created or removed while we were away. Each is
      // retried until it loads; meanwhile the top bar says which is out of date and why.
      cancelLoads = [
        syncedList<SessionInfo>(sessionSync, () => command(s, (sock, ack) => sock.emit('session:list', ack)), (id) => store.get(id), (v) => store.replaceAll(v), 'sessions'),
        syncedList<TaskInfo>(taskSync, () => command(s, (sock, ack) => sock.emit('task:list', ack)), (id) => tasks.get(id), (v) => tasks.replaceAll(v), 'tasks'),
        syncedList<Suggestion>(suggestionSync, () => steeringCommands.listSuggestions(s), (id) => suggestions.getSnapshot().byId.get(id), (v) => suggestions.replaceAll(v), 'suggestions'),
      ];
    };
    const onDisconnect = (reason: string): void => {
      setStatus('reconnecting');
      stopLoading();
      // Our claims ended with the socket; the server sends the holds still on at reconnect.
      holds.clear();
      if (reason === 'io server disconnect') retryTimer = setTimeout(() => s.connect(), SERVER_DISCONNECT_RETRY_MS);
    };
    const onConnectError = (): void => setStatus((prev) => (prev === 'connected' ? 'reconnecting' : prev));
    const onUpdated = sessionSync.noting((info: SessionInfo) => store.upsert(info));
    const onRemoved = sessionSync.noting((payload: { id: string }) => store.remove(payload.id));
    const onTaskUpdated = taskSync.noting((task: TaskInfo) => tasks.upsert(task));
    const onTaskRemoved = taskSync.noting((payload: { id: string }) => {
      tasks.remove(payload.id);
      // The server also sends suggestion:removed for each; this covers one that predates it.
      suggestions.removeTask(payload.id);
      interventions.dispatch({ type: 'task-removed', taskId: payload.id });
    });
    const onSuggestionUpdated = suggestionSync.noting((suggestion: Suggestion) => suggestions.upsert(suggestion));
    const onSuggestionRemoved = suggestionSync.noting((payload: { id: string }) => suggestions.remove(payload.id));
    const onInterventionRecorded = (intervention: Intervention): void => interventions.dispatch({ type: 'recorded', intervention });
    const onPaneHeld = (hold: PaneHold): void => holds.apply(hold);

    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onConnectError);
    s.on('session:updated', onUpdated);
    s.on('session:removed', onRemoved);
    s.on('task:updated', onTaskUpdated);
    s.on('task:removed', onTaskRemoved);
    s.on('suggestion:updated', onSuggestionUpdated);
    s.on('suggestion:removed', onSuggestionRemoved);
    s.on('intervention:recorded', onInterventionRecorded);
    s.on('pane:held', onPaneHeld);
    setSocket(s);

    return () => {
      clearTimeout(retryTimer);
      stopLoading();
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      s.off('connect_error', onConnectError);
      s.off('session:updated', onUpdated);
      s.off('session:removed', onRemoved);
      s.off('task:updated', onTaskUpdated);
      s.off('task:removed', onTaskRemoved);
      s.off('suggestion:updated', onSuggestionUpdated);
      s.off('suggestion:removed', onSuggestionRemoved);
      s.off('intervention:recorded', onInterventionRecorded);
      s.off('pane:held', onPaneHeld);
      s.disconnect();
      setSocket(null);
    };
  }, [store, tasks, suggestions, interventions, holds]);

  return <AxiomContext.Provider value={{ socket, status, listErrors, store, tasks, suggestions, interventions, holds }}>{children}</AxiomContext.Provider>;
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

export function useSuggestions(): SuggestionsState {
  const { suggestions } = useAxiom();
  return useSyncExternalStore(suggestions.subscribe, suggestions.getSnapshot, () => EMPTY_SUGGESTIONS);
}

const NO_INTERVENTIONS: readonly Intervention[] = [];

/** A task's interventions, oldest first (fetch its history with useInterventionHistory). */
export function useInterventions(taskId: string): readonly Intervention[] {
  const { interventions } = useAxiom();
  return useSyncExternalStore(interventions.subscribe, () => interventions.forTask(taskId), () => NO_INTERVENTIONS);
}

/** A pane's hold (a person typing in it, or a claim), or undefined while it is free. */
export function usePaneHold(sessionId: string | null): PaneHold | undefined {
  const { holds } = useAxiom();
  return useSyncExternalStore(holds.subscribe, () => (sessionId === null ? undefined : holds.get(sessionId)), () => undefined);
}
