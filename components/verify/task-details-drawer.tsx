'use client';

import dynamic from 'next/dynamic';
import { useState, type ReactNode } from 'react';
import { useTasks } from '@/lib/axiom-provider';
import { usageText, usageTitle } from '@/lib/steering-format';
import { Button } from '@/components/ui/button';
import { AutoSteerControl } from '@/components/steering/auto-steer-control';
import { InterventionsTimeline } from '@/components/steering/interventions-timeline';
import { SideDrawer } from '@/components/steering/side-drawer';
import { SuggestionCountChip } from '@/components/steering/suggestion-count-chip';
import { useSteeringUi } from '@/components/steering/steering-ui';
import { DetailFields } from '@/components/history/detail-fields';
import { taskFacts, TaskPromptText } from '@/components/tasks/task-facts';
import { ProofPanel } from './proof-panel';
import { VerificationBadge } from './verification-badge';

// A diff can be long and its view is only wanted now and then: load its code on demand.
const DiffView = dynamic(() => import('./diff-view'), { ssr: false, loading: () => <p className="text-xs text-faint">Loading…</p> });

/**
 * Everything about one task in one place: what it is (prompt, workspace folder and branch,
 * times, check), its verification proof, the diff of its workspace (on demand), token use
 * and turns, its auto-steer policy, and the timeline of every intervention on it.
 */
export function TaskDetailsDrawer({ taskId }: { taskId: string }) {
  const ui = useSteeringUi();
  const tasks = useTasks();
  const task = tasks.byId.get(taskId);
  const [showDiff, setShowDiff] = useState(false);
  if (!task) {
    return (
      <SideDrawer testId={`task-details-${taskId}`} label="Task details" closeTestId="btn-close-task-details" title="Task" onClose={() => ui?.close()}>
        <p className="px-3 py-6 text-center text-xs text-faint">This task no longer exists.</p>
      </SideDrawer>
    );
  }
  const usage = usageText(task.usage);
  const { parentId } = task;
  const parentLink = parentId === null ? null : (
    <button type="button" className="text-accent hover:underline" onClick={() => ui?.openTask(parentId)}>
      {tasks.byId.get(parentId)?.name ?? parentId}
    </button>
  );
  return (
    <SideDrawer testId={`task-details-${taskId}`} label={`Task ${task.name}`} closeTestId="btn-close-task-details" onClose={() => ui?.close()}
      widthClass="w-[min(44rem,100vw)]" title={task.name}>
      <div className="space-y-4 px-3 py-3">
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <VerificationBadge task={task} testId={`task-details-verification-${taskId}`} />
          <SuggestionCountChip task={task} testId={`task-details-suggestions-${taskId}`} />
          <span data-testid={`task-details-usage-${taskId}`} className="text-muted" title={usageTitle(task.usage)}>{usage ?? 'no turns yet'}</span>
          {task.check && <code className="ml-auto truncate font-mono text-[11px] text-faint" title="The task's check command">check: {task.check}</code>}
        </div>
        <Section title="Task">
          <DetailFields fields={taskFacts(task, parentLink, Date.now())} />
          <TaskPromptText prompt={task.prompt} testId={`task-details-prompt-${taskId}`} />
        </Section>
        <Section title="Auto-steer"><AutoSteerControl task={task} /></Section>
        <Section title="Verification proof"><ProofPanel task={task} /></Section>
        <Section title="Workspace changes">
          {showDiff ? <DiffView taskId={taskId} /> : (
            <Button size="sm" data-testid={`btn-diff-${taskId}`} disabled={!task.workspace} title={task.workspace ? 'Show the diff of the workspace' : 'The task has no workspace yet'}
              onClick={() => setShowDiff(true)}>Show diff</Button>
          )}
        </Section>
        <Section title="Interventions"><InterventionsTimeline taskId={taskId} /></Section>
      </div>
    </SideDrawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-1.5">
      <h3 className="text-[11px] font-semibold uppercase tracking-wide text-faint">{title}</h3>
      {children}
    </section>
  );
}
