'use client';

import { useMemo } from 'react';
import { useTasks } from '@/lib/axiom-provider';
import { formatTokens } from '@/lib/steering-format';
import { formatElapsed } from '@/lib/task-format';
import { taskStats } from '@/lib/task-stats';

/**
 * The header's task figures (active, queued, success rate, average task time, tokens),
 * computed from the tasks store; the definitions are in lib/task-stats.ts. Figures with
 * nothing behind them yet (no finished task, no reported usage) are left out.
 */
export function TaskStatsBar() {
  const { list } = useTasks();
  const s = useMemo(() => taskStats(list), [list]);
  if (list.length === 0) return null;
  const item = (id: string, text: string, title: string) => (
    <span data-testid={`stat-${id}`} title={title} className="tabular-nums">{text}</span>
  );
  return (
    <div data-testid="task-stats" className="hidden items-center gap-2 text-xs text-muted md:flex">
      {item('active', `${s.active} running`, 'Agents running now (starting, busy, waiting or idle)')}
      {s.queued > 0 && item('queued', `${s.queued} queued`, 'Tasks waiting for a free slot')}
      {s.successRate !== null && item('success', `${Math.round(s.successRate * 100)}% ok`, `${s.succeeded} of ${s.finished} finished tasks succeeded (verified, or exited 0); stopped tasks are not counted`)}
      {s.avgTaskMs !== null && item('avg-time', `avg ${formatElapsed(s.avgTaskMs)}`, 'Average time from start to end of the tasks that ended')}
      {s.tokens > 0 && item('tokens', `${formatTokens(s.tokens)} tokens`, 'Input and output tokens, where the agent reports them (Claude transcripts)')}
    </div>
  );
}
