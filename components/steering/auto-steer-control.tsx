'use client';

import { useEffect, useState } from 'react';
import type { TaskInfo } from '@/protocol/task';
import type { CommandError } from '@/lib/commands';
import { steeringCommands } from '@/lib/steering-commands';
import { formatConfidence } from '@/lib/steering-format';
import { useAxiom } from '@/lib/axiom-provider';
import { ErrorNote } from '@/components/ui/error-note';

/**
 * The task's auto-steer policy (`task:auto-steer`): when on, suggestions at or above the
 * threshold are applied without a click, and show in the inbox as "auto". The task's own
 * `autoSteer` is the truth; the controls follow it once the server's update arrives.
 */
export function AutoSteerControl({ task }: { task: TaskInfo }) {
  const { id } = task;
  const { socket } = useAxiom();
  const [threshold, setThreshold] = useState(Math.round(task.autoSteer.minConfidence * 100));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  useEffect(() => setThreshold(Math.round(task.autoSteer.minConfidence * 100)), [task.autoSteer.minConfidence]);

  const apply = async (enabled: boolean, percent: number): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await steeringCommands.autoSteer(socket, { id, enabled, minConfidence: Math.min(100, Math.max(0, percent)) / 100 });
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <div data-testid={`auto-steer-${id}`} data-enabled={task.autoSteer.enabled} className="space-y-1">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" data-testid={`task-auto-steer-${id}`} checked={task.autoSteer.enabled} disabled={busy}
            onChange={(e) => void apply(e.target.checked, threshold)} />
          Auto-steer
        </label>
        <label className="flex items-center gap-1.5 text-muted">
          at confidence ≥
          <input type="number" data-testid={`task-auto-steer-threshold-${id}`} min={0} max={100} step={5} value={threshold} disabled={busy}
            onChange={(e) => setThreshold(Number(e.target.value))}
            onBlur={() => { if (task.autoSteer.enabled && threshold !== Math.round(task.autoSteer.minConfidence * 100)) void apply(true, threshold); }}
            className="h-6 w-14 rounded border border-line bg-canvas px-1 text-right tabular-nums text-fg" />
          %
        </label>
        {task.autoSteer.enabled && (
          <span data-testid={`task-auto-steer-on-${id}`} className="text-accent">on: applies suggestions ≥ {formatConfidence(task.autoSteer.minConfidence)} without a click</span>
        )}
      </div>
      <ErrorNote error={error} testId={`task-auto-steer-error-${id}`} />
    </div>
  );
}
