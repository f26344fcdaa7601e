'use client';

import { ErrorNote } from '@/components/ui/error-note';
import { useAxiom, type ListName } from '@/lib/axiom-provider';
import { errorText } from '@/lib/error-text';

const LABEL: Record<ListName, string> = { sessions: 'Sessions', tasks: 'Tasks', suggestions: 'Suggestions' };

/**
 * Says when a list the page shows could not be loaded after a connect (it may be stale), and
 * why; the provider retries it and this disappears once it loads.
 */
export function ListSyncNote() {
  const { listErrors } = useAxiom();
  const failed = (Object.keys(listErrors) as ListName[]).filter((k) => listErrors[k] !== undefined);
  if (failed.length === 0) return null;
  return (
    <span data-testid="list-sync-errors" className="flex min-w-0 items-center gap-2">
      {failed.map((name) => (
        <ErrorNote
          key={name}
          inline
          testId={`list-error-${name}`}
          error={`${LABEL[name]} may be out of date (${errorText(listErrors[name]!)}); retrying`}
        />
      ))}
    </span>
  );
}
