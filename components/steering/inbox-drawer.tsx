'use client';

import { useMemo, useState } from 'react';
import type { Suggestion } from '@/protocol/steering';
import { useSuggestions, useTasks } from '@/lib/axiom-provider';
import { inboxSections, openCount } from '@/lib/steering-selectors';
import { RulesDialog } from './rules-dialog';
import { SideDrawer } from './side-drawer';
import { SuggestionCard } from './suggestion-card';
import { useSteeringUi } from './steering-ui';

/**
 * The suggestions inbox: open suggestions (most confident first) for every task or one,
 * the snoozed ones folded, and the latest decisions below with their receipts, so a person
 * sees what was sent, by whom (auto-steer included) and whether it reached the agent.
 */
export function InboxDrawer({ taskId }: { taskId: string | null }) {
  const ui = useSteeringUi();
  const state = useSuggestions();
  const tasks = useTasks();
  const [showSnoozed, setShowSnoozed] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const sections = useMemo(() => inboxSections(state, { taskId }), [state, taskId]);
  const scopedTask = taskId ? tasks.byId.get(taskId) : undefined;
  const card = (s: Suggestion) => (
    <SuggestionCard key={s.id} suggestion={s} task={tasks.byId.get(s.taskId)} showTask={taskId === null} onFocusTask={ui?.focusTask ?? null} />
  );
  const heading = (text: string, count: number, testId: string) => (
    <h3 data-testid={testId} data-count={count} className="border-b border-line bg-raised/40 px-3 py-1 text-[11px] font-semibold uppercase tracking-wide text-faint">
      {text} <span className="tabular-nums">{count}</span>
    </h3>
  );

  // The rules dialog sits beside the drawer, not in it: Escape in the dialog must close the
  // dialog only, and the drawer closes on any Escape that bubbles up to it.
  return (
    <>
      <SideDrawer testId="inbox" label="Suggestions inbox" closeTestId="btn-close-inbox" onClose={() => ui?.close()}
        title={<>Suggestions <span className="tabular-nums text-faint">{openCount(state)}</span></>}
        headerExtra={<>
          <select data-testid="inbox-task-filter" aria-label="Show suggestions for" value={taskId ?? ''} onChange={(e) => ui?.openInbox(e.target.value || null)}
            className="h-7 max-w-[12rem] rounded-md border border-line bg-canvas px-1.5 text-xs text-fg">
            <option value="">All tasks</option>
            {tasks.list.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            {taskId && !scopedTask && <option value={taskId}>{taskId}</option>}
          </select>
          <button type="button" data-testid="btn-steering-rules" title="Steering rules: on/off, thresholds, messages" onClick={() => setRulesOpen(true)}
            className="h-7 rounded-md border border-line px-2 text-xs text-muted hover:bg-raised hover:text-fg">Rules</button>
        </>}>
        {heading('Open', sections.open.length, 'inbox-open')}
        {sections.open.length === 0 ? (
          <p data-testid="inbox-empty" className="px-3 py-6 text-center text-xs text-faint">
            {taskId ? 'No open suggestions for this task.' : 'No open suggestions. Agents look on track.'}
          </p>
        ) : sections.open.map(card)}
        {sections.snoozed.length > 0 && (
          <>
            <button type="button" data-testid="inbox-toggle-snoozed" aria-expanded={showSnoozed} onClick={() => setShowSnoozed((v) => !v)}
              className="block w-full border-b border-line bg-raised/40 px-3 py-1 text-left text-[11px] font-semibold uppercase tracking-wide text-faint hover:text-fg">
              {showSnoozed ? '▾' : '▸'} Snoozed <span className="tabular-nums">{sections.snoozed.length}</span>
            </button>
            {showSnoozed && sections.snoozed.map(card)}
          </>
        )}
        {sections.recent.length > 0 && (
          <>
            {heading('Recent decisions', sections.recent.length, 'inbox-recent')}
            {sections.recent.map(card)}
          </>
        )}
      </SideDrawer>
      <RulesDialog open={rulesOpen} onClose={() => setRulesOpen(false)} />
    </>
  );
}
