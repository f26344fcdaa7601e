'use client';

import type { TaskInfo } from '@/protocol/task';
import type { FileChange } from '@/protocol/verification';
import { formatClock, formatDuration, VERIFICATION_LABEL, VERIFICATION_TONE } from '@/lib/steering-format';
import { Badge } from '@/components/ui/badge';
import { ErrorNote } from '@/components/ui/error-note';
import { useProof } from './use-proof';

const CHANGE_MARK: Record<FileChange['change'], { mark: string; className: string }> = {
  added: { mark: 'A', className: 'text-ok' },
  modified: { mark: 'M', className: 'text-warn' },
  deleted: { mark: 'D', className: 'text-bad' },
};

/**
 * The proof behind a task's verdict: what changed in its workspace (per file, with +/-),
 * the check command, its exit code, duration and the tail of its output. What the API
 * returns for GET /api/tasks/:id/proof, laid out for reading.
 */
export function ProofPanel({ task }: { task: TaskInfo }) {
  const { id } = task;
  const load = useProof(task);
  if (load.status === 'loading') return <p data-testid={`proof-${id}`} data-loading className="py-2 text-xs text-faint">Loading the proof…</p>;
  if (load.status === 'error') {
    return <ErrorNote error={load.error} testId={`proof-${id}`} className="py-2" />;
  }
  const proof = load.proof;
  if (!proof) {
    return (
      <p data-testid={`proof-${id}`} data-state="none" className="py-2 text-xs text-faint">
        Not verified yet{task.check ? `: the check (${task.check}) runs when the agent's turn ends.` : '. The task has no check command.'}
      </p>
    );
  }
  const { check } = proof;
  return (
    <div data-testid={`proof-${id}`} data-state={proof.state} className="space-y-2 text-xs">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={VERIFICATION_TONE[proof.state]} data-testid={`proof-state-${id}`}>{VERIFICATION_LABEL[proof.state]}</Badge>
        <span data-testid={`proof-reason-${id}`} className="text-fg">{proof.reason}</span>
        <span className="ml-auto text-faint">attempt {proof.attempt} · {formatClock(proof.at)}</span>
      </div>
      <p data-testid={`proof-diffstat-${id}`} className="text-muted">
        {proof.diffStat.files} file{proof.diffStat.files === 1 ? '' : 's'} changed,{' '}
        <span className="text-ok">+{proof.diffStat.additions}</span> <span className="text-bad">−{proof.diffStat.deletions}</span>
      </p>
      {proof.files.length > 0 && (
        <ul data-testid={`proof-files-${id}`} className="max-h-48 overflow-y-auto rounded-md border border-line bg-canvas/60 font-mono text-[11px]">
          {proof.files.map((f) => (
            <li key={f.path} data-testid={`proof-file-${id}-${f.path}`} data-change={f.change} className="flex items-center gap-2 px-2 py-0.5">
              <span className={`w-3 shrink-0 font-semibold ${CHANGE_MARK[f.change].className}`} title={f.change}>{CHANGE_MARK[f.change].mark}</span>
              <span className="min-w-0 flex-1 truncate text-fg" title={f.path}>{f.path}</span>
              <span className="shrink-0 text-ok tabular-nums">+{f.additions}</span>
              <span className="shrink-0 text-bad tabular-nums">−{f.deletions}</span>
            </li>
          ))}
        </ul>
      )}
      {check ? (
        <div data-testid={`proof-check-${id}`} className="space-y-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <code data-testid={`proof-command-${id}`} className="min-w-0 truncate font-mono text-fg" title={check.command}>$ {check.command}</code>
            <span data-testid={`proof-exit-${id}`} data-exit-code={check.exitCode ?? undefined} className={check.exitCode === 0 ? 'text-ok' : 'text-bad'}>
              {check.exitCode !== null ? `exit ${check.exitCode}` : `killed${check.signal ? ` (${check.signal})` : ''}`}
            </span>
            <span data-testid={`proof-duration-${id}`} className="text-muted tabular-nums">{formatDuration(check.durationMs)}</span>
          </div>
          {/* Always there, so "it printed nothing" is visible rather than a missing block. */}
          <pre data-testid={`proof-output-${id}`} className="max-h-60 overflow-auto whitespace-pre-wrap rounded-md border border-line bg-canvas px-2 py-1 font-mono text-[11px] leading-4 text-muted">
            {check.outputTail || '(no output)'}
          </pre>
        </div>
      ) : (
        <p data-testid={`proof-no-check-${id}`} className="text-faint">
          {task.check
            ? `The check (${task.check}) did not run: with no file changed there was nothing for it to check.`
            : 'The task has no check command: the verdict rests on the workspace changes.'}
        </p>
      )}
    </div>
  );
}
