'use client';

import { Button } from './button';

/**
 * The end of a dialog's form: the server's error (if any) and Cancel / submit. One place, so
 * every "start something" dialog reads and behaves the same.
 */
export interface FormFooterProps {
  error: string | null;
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
      {error && (
        <p data-testid={errorTestId} role="alert" className="rounded-md border border-bad/40 bg-bad/10 px-2.5 py-1.5 font-mono text-xs text-bad">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" data-testid={submitTestId} disabled={submitting}>
          {submitting ? 'Starting…' : submitLabel}
        </Button>
      </div>
    </>
  );
}
