import type { Loadable } from './use-history-item';

/** What a history read shows until it is ready: "Loading…", or its error (announced). */
export function LoadNote({ item, className = '' }: { item: Exclude<Loadable<unknown>, { kind: 'ready' }>; className?: string }) {
  if (item.kind === 'loading') return <p className={`text-xs text-muted ${className}`}>Loading…</p>;
  return (
    <p data-testid="history-error" role="alert" className={`text-xs text-bad ${className}`}>
      {item.message}
    </p>
  );
}
