'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { AGENT_KINDS } from '@/protocol/agent';
import { sessionStatusSchema, type SessionInfo } from '@/protocol/session';
import { HISTORY_VERIFICATION_FILTERS, type HistoryVerificationFilter } from '@/protocol/history';
import { TASK_STATES, type TaskInfo } from '@/protocol/task';
import { queryString } from '@/lib/history-client';
import { SessionList, TaskList } from './history-lists';
import { LoadNote } from './load-note';
import { SessionDetail } from './session-detail';
import { TaskDetail } from './task-detail';
import { useHistoryItem } from './use-history-item';

type Tab = 'tasks' | 'sessions';
const VERIFICATION_FILTER_LABEL: Record<HistoryVerificationFilter, string> = { verified: 'verified', 'needs-work': 'needs work', none: 'never verified' };
const SESSION_STATUSES = sessionStatusSchema.options;
type Selection = { kind: 'task' | 'session'; id: string } | null;

/** Deep links: /history?session=<id> or /history?task=<id> open that item. */
function selectionFromUrl(): { tab: Tab; selection: Selection } | undefined {
  const q = new URLSearchParams(window.location.search);
  const session = q.get('session');
  if (session) return { tab: 'sessions', selection: { kind: 'session', id: session } };
  const task = q.get('task');
  if (task) return { tab: 'tasks', selection: { kind: 'task', id: task } };
  return undefined;
}

function writeUrl(selection: Selection): void {
  const q = selection === null ? '' : `?${selection.kind}=${encodeURIComponent(selection.id)}`;
  window.history.replaceState(null, '', `/history${q}`);
}

/** The history page: past tasks and sessions (filterable), and the one opened. */
export function HistoryView() {
  const [tab, setTab] = useState<Tab>('tasks');
  const [selection, setSelection] = useState<Selection>(null);
  const [state, setState] = useState('');
  const [agent, setAgent] = useState('');
  const [verification, setVerification] = useState('');
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const fromUrl = selectionFromUrl();
    if (fromUrl) {
      setTab(fromUrl.tab);
      setSelection(fromUrl.selection);
    }
  }, []);

  const select = useCallback((next: Selection) => {
    setSelection(next);
    writeUrl(next);
  }, []);

  const tasks = useHistoryItem<TaskInfo[]>(tab === 'tasks' ? `/api/history/tasks${queryString({ state, agent, verification })}` : null, version);
  const sessions = useHistoryItem<SessionInfo[]>(tab === 'sessions' ? `/api/history/sessions${queryString({ status })}` : null, version);
  const list = tab === 'tasks' ? tasks : sessions;

  return (
    <div className="flex h-full flex-col">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-panel px-4">
        <a href="/" data-testid="link-dashboard" className="text-sm text-muted hover:text-fg">← Dashboard</a>
        <h1 className="text-sm font-semibold tracking-tight">History</h1>
        <div role="tablist" className="ml-4 flex gap-1">
          {(['tasks', 'sessions'] as const).map((t) => (
            <Button key={t} size="sm" role="tab" aria-selected={tab === t} data-testid={`history-tab-${t}`}
              className={tab === t ? 'bg-raised text-fg' : ''} onClick={() => setTab(t)}>
              {t === 'tasks' ? 'Tasks' : 'Sessions'}
            </Button>
          ))}
        </div>
        <div className="ml-auto flex items-center gap-2">
          <Button size="sm" data-testid="history-refresh" onClick={() => setVersion((v) => v + 1)}>Refresh</Button>
          <a href="/api/export.jsonl" download="axiom-events.jsonl" data-testid="history-export" className="rounded-md border border-line px-2 py-1 text-xs text-fg/85 hover:bg-raised">
            Export events (JSONL)
          </a>
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-80 shrink-0 flex-col border-r border-line bg-panel/60">
          <div className="flex gap-2 border-b border-line p-2">
            {tab === 'tasks' ? (
              <>
                <Filter testId="history-filter-state" label="State" value={state} options={TASK_STATES} onChange={setState} />
                <Filter testId="history-filter-agent" label="Agent" value={agent} options={AGENT_KINDS} onChange={setAgent} />
                <Filter testId="history-filter-verification" label="Verified" value={verification} options={HISTORY_VERIFICATION_FILTERS} labels={VERIFICATION_FILTER_LABEL} onChange={setVerification} />
              </>
            ) : (
              <Filter testId="history-filter-status" label="Status" value={status} options={SESSION_STATUSES} onChange={setStatus} />
            )}
          </div>
          <div className="min-h-0 flex-1 overflow-auto p-1.5">
            {list.kind !== 'ready' && <LoadNote item={list} className="p-2" />}
            {tab === 'tasks' && tasks.kind === 'ready' && (
              <TaskList items={tasks.value} selectedId={selection?.kind === 'task' ? selection.id : null} onSelect={(id) => select({ kind: 'task', id })} />
            )}
            {tab === 'sessions' && sessions.kind === 'ready' && (
              <SessionList items={sessions.value} selectedId={selection?.kind === 'session' ? selection.id : null} onSelect={(id) => select({ kind: 'session', id })} />
            )}
          </div>
        </aside>
        <main className="min-w-0 flex-1 overflow-auto p-5">
          {selection === null && <p className="text-sm text-muted">Open a task or a session to see its events and its recording.</p>}
          {selection?.kind === 'task' && <TaskDetail key={selection.id} taskId={selection.id} onOpenTask={(id) => select({ kind: 'task', id })} />}
          {selection?.kind === 'session' && <SessionDetail key={selection.id} sessionId={selection.id} />}
        </main>
      </div>
    </div>
  );
}

interface FilterProps {
  testId: string;
  label: string;
  value: string;
  options: readonly string[];
  /** Shown instead of the value, where the value reads like code. */
  labels?: Readonly<Record<string, string>>;
  onChange: (value: string) => void;
}

function Filter({ testId, label, value, options, labels, onChange }: FilterProps) {
  return (
    <label className="flex min-w-0 flex-1 flex-col gap-0.5 text-[11px] text-muted">
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}
        className="h-7 rounded border border-line bg-canvas px-1.5 text-xs text-fg">
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>{labels?.[o] ?? o}</option>
        ))}
      </select>
    </label>
  );
}
