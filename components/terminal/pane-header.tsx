'use client';

import type { SessionInfo } from '@/protocol/session';
import { useTaskForSession } from '@/lib/axiom-provider';
import { commandLine, isLive, sizeText, statusText, statusTone } from '@/lib/session-format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ClaimToggle } from './claim-toggle';

export type PaneAction = 'interrupt' | 'restart' | 'kill' | 'remove';

export interface PaneHeaderProps {
  info: SessionInfo;
  maximized: boolean;
  busy: PaneAction | null;
  onAction: (action: PaneAction) => void;
  onToggleMaximize: () => void;
  /** Opens the find bar. */
  onFind: () => void;
}

const INTERRUPT_KEY_LABEL = { esc: 'ESC', 'ctrl-c': 'Ctrl-C' } as const;

export function PaneHeader({ info, maximized, busy, onAction, onToggleMaximize, onFind }: PaneHeaderProps) {
  const { id } = info;
  const live = isLive(info);
  const cmd = commandLine(info);
  const keyLabel = INTERRUPT_KEY_LABEL[info.interruptKey];
  // Only a task pane has prompts typed into it by the console, so only it can be claimed.
  const task = useTaskForSession(id);
  return (
    <div data-testid={`pane-header-${id}`} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-line px-3 py-1.5">
      {/* Never narrower than a short name and the status: on a narrow pane the size and
          buttons wrap to a second line rather than the status sliding under them. */}
      <div className="flex min-w-[12rem] flex-1 items-center gap-2 overflow-hidden">
        <span className="min-w-[4ch] max-w-[45%] truncate text-sm font-semibold text-fg" title={info.name}>
          {info.name}
        </span>
        {/* The status never shrinks: on a narrow pane the name truncates instead. */}
        <span className="shrink-0">
          <Badge tone={statusTone(info)} data-testid={`pane-status-${id}`}>
            {statusText(info)}
          </Badge>
        </span>
        <code className="hidden min-w-0 flex-1 truncate font-mono text-xs text-muted sm:block" title={`${cmd}\n${info.cwd}`}>
          {cmd}
        </code>
      </div>
      <span data-testid={`pane-size-${id}`} className="shrink-0 font-mono text-[11px] text-faint tabular-nums" title="PTY size (columns × rows)">
        {sizeText(info)}
      </span>
      <div className="flex shrink-0 items-center gap-1">
        {task !== undefined && live && <ClaimToggle sessionId={id} />}
        <Button size="sm" data-testid={`btn-find-${id}`} title="Find in the output (Ctrl+Shift+F)" onClick={onFind}>
          <span aria-hidden>⌕</span>
          <span className="sr-only">Find in the output</span>
        </Button>
        {live && (
          <Button size="sm" data-testid={`btn-interrupt-${id}`} title={`Interrupt (sends ${keyLabel})`} disabled={busy !== null} onClick={() => onAction('interrupt')}>
            Interrupt <kbd className="font-mono text-[10px] text-faint">{keyLabel}</kbd>
          </Button>
        )}
        <Button size="sm" data-testid={`btn-restart-${id}`} title="Restart the process" disabled={busy !== null} onClick={() => onAction('restart')}>
          Restart
        </Button>
        {live ? (
          <Button size="sm" variant="danger" data-testid={`btn-kill-${id}`} title="Kill the process (SIGHUP, then SIGKILL)" disabled={busy !== null} onClick={() => onAction('kill')}>
            Kill
          </Button>
        ) : (
          <Button size="sm" variant="danger" data-testid={`btn-close-${id}`} title="Close this pane and forget the session" disabled={busy !== null} onClick={() => onAction('remove')}>
            Close
          </Button>
        )}
        <Button
          size="sm"
          data-testid={`btn-maximize-${id}`}
          title={maximized ? 'Restore (Alt+Enter or Esc)' : 'Maximize (Alt+Enter)'}
          aria-pressed={maximized}
          onClick={onToggleMaximize}
        >
          <span aria-hidden>{maximized ? '⤡' : '⤢'}</span>
          <span className="sr-only">{maximized ? 'Restore' : 'Maximize'}</span>
        </Button>
      </div>
    </div>
  );
}
