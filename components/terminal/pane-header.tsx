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

/**
 * A button's label, or under 42rem of pane an icon with the label kept for screen readers
 * and the tooltip: two panes side by side at 1366 px (or tiled) wrapped the header onto a
 * second line of buttons, a line of terminal lost in every pane.
 */
function Label({ text, icon }: { text: string; icon: string }) {
  return (
    <>
      <span aria-hidden className="hidden @max-2xl:inline">{icon}</span>
      <span className="@max-2xl:sr-only">{text}</span>
    </>
  );
}

export function PaneHeader({ info, maximized, busy, onAction, onToggleMaximize, onFind }: PaneHeaderProps) {
  const { id } = info;
  const live = isLive(info);
  const cmd = commandLine(info);
  const keyLabel = INTERRUPT_KEY_LABEL[info.interruptKey];
  // Only a task pane has prompts typed into it by the console, so only it can be claimed.
  const task = useTaskForSession(id);
  return (
    <div data-testid={`pane-header-${id}`} className="@container border-b border-line">
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 px-3 py-1.5">
        {/* Never narrower than a short name and the status: on a pane too narrow even for
            the icons, the buttons wrap to a second line rather than the status sliding
            under them. */}
        <div className="flex min-w-[12rem] flex-1 items-center gap-2 overflow-hidden @max-2xl:min-w-[7rem]">
          <span className="min-w-[4ch] max-w-[45%] truncate text-sm font-semibold text-fg @max-2xl:max-w-none" title={`${info.name}\n${cmd}`}>
            {info.name}
          </span>
          {/* The status never shrinks: on a narrow pane the name truncates instead. */}
          <span className="shrink-0">
            {/* Narrow, a running pane shows only its green dot (the word stays for screen
                readers); an exit is always said in words, with its code. */}
            <Badge tone={statusTone(info)} data-testid={`pane-status-${id}`} title={`${statusText(info)} · ${sizeText(info)}`}
              className={info.status === 'running' ? '@max-2xl:border-transparent @max-2xl:bg-transparent @max-2xl:px-0' : ''}>
              <span className={info.status === 'running' ? '@max-2xl:sr-only' : ''}>{statusText(info)}</span>
            </Badge>
          </span>
          <code className="hidden min-w-0 flex-1 truncate font-mono text-xs text-muted sm:block @max-2xl:hidden" title={`${cmd}\n${info.cwd}`}>
            {cmd}
          </code>
        </div>
        <span data-testid={`pane-size-${id}`} className="shrink-0 font-mono text-[11px] text-faint tabular-nums @max-2xl:hidden" title="PTY size (columns × rows)">
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
              <span className="@max-2xl:sr-only">Interrupt</span> <kbd className="font-mono text-[10px] text-faint @max-2xl:text-muted">{keyLabel}</kbd>
            </Button>
          )}
          <Button size="sm" data-testid={`btn-restart-${id}`} title="Restart the process" disabled={busy !== null} onClick={() => onAction('restart')}>
            <Label text="Restart" icon="↻" />
          </Button>
          {live ? (
            <Button size="sm" variant="danger" data-testid={`btn-kill-${id}`} title="Kill the process (SIGHUP, then SIGKILL)" disabled={busy !== null} onClick={() => onAction('kill')}>
              <Label text="Kill" icon="■" />
            </Button>
          ) : (
            <Button size="sm" variant="danger" data-testid={`btn-close-${id}`} title="Close this pane and forget the session" disabled={busy !== null} onClick={() => onAction('remove')}>
              <Label text="Close" icon="✕" />
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
    </div>
  );
}
