'use client';

import type { CommandError } from '@/lib/commands';
import { Button } from './button';
import { ErrorNote } from './error-note';

/**
 * The end of a dialog's form: the server's error (if any) and Cancel / submit. One place, so
 * every "start something" dialog reads and behaves the same.
 */
export interface FormFooterProps {
  /** The server's typed error, or the form's own check. */
  error: CommandError | string | null;
  errorTestId: string;
  submitTestId: string;
  submitting: boolean;
  /** e.g. "Start task"; "Starting…" while submitting. */
  submitLabel: string;
  onCancel: () => void;
}

export function FormFooter({ error, errorTestId, submitTestId, submitting, submitLabel, onCancel }: FormFooterProps) {
  return (
    <>
      <ErrorNote error={error} testId={errorTestId} className="rounded-md border border-bad/40 bg-bad/10 px-2.5 py-1.5" />
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" data-testid={submitTestId} disabled={submitting}>
          {submitting ? 'Starting…' : submitLabel}
        </Button>
      </div>
    </>
  );
}
