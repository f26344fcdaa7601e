import { Button } from '@/components/ui/button';

export function EmptyState({ onNewSession, connected }: { onNewSession: () => void; connected: boolean }) {
  return (
    <div data-testid="empty-state" className="flex h-full items-center justify-center p-8">
      <div className="max-w-md rounded-xl border border-dashed border-line-strong bg-panel/60 px-8 py-10 text-center">
        <h2 className="text-base font-semibold">No sessions yet</h2>
        <p className="mt-2 text-sm leading-6 text-muted">
          Start an agent or a shell in a real terminal. Every pane streams live; you can type into it, send it a
          prompt, interrupt it or restart it.
        </p>
        <Button variant="primary" className="mt-5" onClick={onNewSession} disabled={!connected}>
          + New session
        </Button>
        <p className="mt-3 text-xs text-faint">
          or press <kbd className="rounded border border-line px-1 font-mono">Alt</kbd> +{' '}
          <kbd className="rounded border border-line px-1 font-mono">N</kbd>
        </p>
      </div>
    </div>
  );
}
