import type { CommandError } from '@/lib/commands';
import { errorText } from '@/lib/error-text';

export interface ErrorNoteProps {
  /** A command's typed error, or a message of our own (a form check); nothing when null. */
  error: CommandError | string | null;
  testId?: string;
  /** Placement and box; the text style is the same everywhere. */
  className?: string;
  /** In a row of buttons: a span that truncates, with the whole text in its tooltip. */
  inline?: boolean;
}

/**
 * A failed command, said in words (lib/error-text.ts) and announced to screen readers
 * (role="alert"); the raw code stays in `data-code` for tests and bug reports. One place, so
 * every pane, row and dialog reports failures the same way.
 */
export function ErrorNote({ error, testId, className = '', inline = false }: ErrorNoteProps) {
  if (error === null) return null;
  const text = typeof error === 'string' ? error : errorText(error);
  const code = typeof error === 'string' ? undefined : error.code;
  const style = `font-mono text-[11px] text-bad ${className}`;
  return inline ? (
    <span data-testid={testId} data-code={code} role="alert" title={text} className={`min-w-0 max-w-[18rem] truncate ${style}`}>
      {text}
    </span>
  ) : (
    <p data-testid={testId} data-code={code} role="alert" className={style}>
      {text}
    </p>
  );
}
