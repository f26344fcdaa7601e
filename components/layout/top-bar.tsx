'use client';

import type { ConnectionStatus } from '@/lib/socket-types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ShortcutsHelp } from './shortcuts-help';

export interface TopBarProps {
  status: ConnectionStatus;
  activeCount: number;
  totalCount: number;
  onNewSession: () => void;
}

const STATUS_TONE = { connected: 'ok', connecting: 'warn', reconnecting: 'bad' } as const;

export function TopBar({ status, activeCount, totalCount, onNewSession }: TopBarProps) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-panel px-4">
      <div className="flex items-center gap-2">
        <svg aria-hidden viewBox="0 0 24 24" className="size-5 text-accent">
          <path d="M4 6l6 6-6 6M12 18h8" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <h1 className="text-sm font-semibold tracking-tight">Axiom Console</h1>
      </div>
      <Badge tone={STATUS_TONE[status]} data-testid="connection-status" aria-live="polite">
        {status}
      </Badge>
      <span data-testid="session-count" className="text-xs text-muted tabular-nums" title={`${totalCount} sessions in total`}>
        {activeCount} active{totalCount > activeCount ? ` · ${totalCount - activeCount} exited` : ''}
      </span>
      <div className="ml-auto flex items-center gap-2">
        <ShortcutsHelp />
        <Button variant="primary" size="md" data-testid="btn-new-session" title="New session (Alt+N)" onClick={onNewSession}>
          <span aria-hidden className="text-base leading-none">+</span> New session
        </Button>
      </div>
    </header>
  );
}
