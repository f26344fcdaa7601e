'use client';

import { useEffect, useMemo, useState } from 'react';
import type { CommandError } from '@/lib/commands';
import { steeringCommands, type DiffReply } from '@/lib/steering-commands';
import { diffLineText, parseUnifiedDiff, splitRows, type DiffFile, type DiffLine } from '@/lib/unified-diff';
import { useAxiom } from '@/lib/axiom-provider';
import { ErrorNote } from '@/components/ui/error-note';

type Load = { status: 'loading' } | { status: 'ready'; reply: DiffReply } | { status: 'error'; error: CommandError };
type Mode = 'unified' | 'split';

const LINE_CLASS: Record<DiffLine['kind'], string> = {
  add: 'bg-ok/10 text-ok',
  del: 'bg-bad/10 text-bad',
  context: 'text-muted',
  hunk: 'bg-accent/10 text-accent',
  meta: 'text-faint',
};
const CELL = 'whitespace-pre px-2 font-mono text-[11px] leading-4';
const NUM = 'w-10 select-none px-1 text-right font-mono text-[10px] leading-4 text-faint tabular-nums';

/**
 * The task's workspace changes (`task:diff`), fetched when this mounts (the details drawer
 * loads this component itself on demand), one block per file with its header and +/-
 * counts, unified or side by side.
 */
export default function DiffView({ taskId }: { taskId: string }) {
  const { socket } = useAxiom();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [mode, setMode] = useState<Mode>('unified');
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (!socket) return;
    let live = true;
    setLoad({ status: 'loading' });
    void steeringCommands.diff(socket, taskId).then((r) => {
      if (live) setLoad(r.ok ? { status: 'ready', reply: r.value } : { status: 'error', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [socket, taskId, reloads]);

  const files = useMemo(() => (load.status === 'ready' ? parseUnifiedDiff(load.reply.diff) : []), [load]);
  return (
    <div data-testid={`diff-${taskId}`} data-status={load.status} data-files={files.length} className="space-y-2">
      <div className="flex items-center gap-2 text-[11px]">
        {(['unified', 'split'] as const).map((m) => (
          <button key={m} type="button" data-testid={`diff-mode-${m}-${taskId}`} aria-pressed={mode === m} onClick={() => setMode(m)}
            className={`rounded px-1.5 py-0.5 ${mode === m ? 'bg-raised text-fg' : 'text-muted hover:text-fg'}`}>
            {m === 'unified' ? 'Unified' : 'Side by side'}
          </button>
        ))}
        <button type="button" data-testid={`diff-reload-${taskId}`} onClick={() => setReloads((n) => n + 1)} className="ml-auto text-accent hover:underline">Reload</button>
      </div>
      {load.status === 'loading' && <p className="text-xs text-faint">Loading the diff…</p>}
      {load.status === 'error' && <ErrorNote error={load.error} testId={`diff-error-${taskId}`} />}
      {load.status === 'ready' && files.length === 0 && <p data-testid={`diff-empty-${taskId}`} className="text-xs text-faint">No changes in the workspace.</p>}
      {files.map((f) => <FileBlock key={`${f.oldPath ?? ''}>${f.path}`} file={f} mode={mode} />)}
      {load.status === 'ready' && load.reply.truncated && (
        <p data-testid={`diff-truncated-${taskId}`} className="text-[11px] text-warn">The diff was cut short by the server: the files above may be incomplete.</p>
      )}
    </div>
  );
}

function FileBlock({ file, mode }: { file: DiffFile; mode: Mode }) {
  const body = file.lines.filter((l) => l.kind !== 'meta');
  return (
    <section data-testid={`diff-file-${file.path}`} data-change={file.change} className="overflow-hidden rounded-md border border-line">
      <header className="flex items-center gap-2 border-b border-line bg-raised/60 px-2 py-1 font-mono text-[11px]">
        <span className="min-w-0 flex-1 truncate text-fg" title={file.path}>
          {file.change === 'renamed' && file.oldPath ? `${file.oldPath} → ` : ''}{file.path}
        </span>
        <span className="text-faint">{file.change}</span>
        <span className="text-ok tabular-nums">+{file.additions}</span>
        <span className="text-bad tabular-nums">−{file.deletions}</span>
      </header>
      <div className="overflow-x-auto bg-canvas">
        {file.binary ? <p className="px-2 py-1 text-[11px] text-faint">Binary file</p> : (
          <table className="w-full border-collapse">
            <tbody>
              {mode === 'unified'
                ? body.map((l, i) => (
                  <tr key={i} data-kind={l.kind} className={LINE_CLASS[l.kind]}>
                    <td className={NUM}>{l.oldNo ?? ''}</td>
                    <td className={NUM}>{l.newNo ?? ''}</td>
                    <td className={CELL}>{diffLineText(l)}</td>
                  </tr>
                ))
                : splitRows(body).map((r, i) => (
                  <tr key={i}>
                    <SplitCell line={r.left} side="old" />
                    <SplitCell line={r.right} side="new" />
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function SplitCell({ line, side }: { line: DiffLine | null; side: 'old' | 'new' }) {
  if (!line) return <><td className={NUM} /><td className={`${CELL} w-1/2 bg-raised/30`} /></>;
  const no = side === 'old' ? line.oldNo : line.newNo;
  return (
    <>
      <td className={`${NUM} ${LINE_CLASS[line.kind]}`}>{no ?? ''}</td>
      <td data-kind={line.kind} className={`${CELL} w-1/2 ${LINE_CLASS[line.kind]}`}>{diffLineText(line)}</td>
    </>
  );
}
