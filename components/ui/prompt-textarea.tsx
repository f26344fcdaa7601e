'use client';

import type { KeyboardEvent } from 'react';

/** Tall enough for a short multi-line prompt; longer text scrolls inside the box. */
const MAX_VISIBLE_LINES = 6;

export interface PromptTextareaProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter (without Shift or Alt, outside an IME composition). */
  onSubmit: () => void;
  disabled: boolean;
  placeholder: string;
  ariaLabel: string;
  testId: string;
}

/**
 * The one-line prompt box under a pane that grows upward over the terminal as lines are
 * added (Shift+Enter), up to MAX_VISIBLE_LINES. Its slot keeps one line's height: a box
 * that pushed the terminal up shrank it by a row per line typed, and every row resized
 * the PTY, so the agent redrew its screen (SIGWINCH) while the person wrote to it.
 */
export function PromptTextarea({ value, onChange, onSubmit, disabled, placeholder, ariaLabel, testId }: PromptTextareaProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      onSubmit();
    }
  };
  const lines = Math.min(MAX_VISIBLE_LINES, value.split('\n').length);
  return (
    <div className="relative h-8 min-w-0 flex-1">
      <textarea
        data-testid={testId}
        value={value}
        rows={lines}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={placeholder}
        aria-label={ariaLabel}
        title="Enter sends, Shift+Enter adds a line"
        spellCheck={false}
        className={`absolute inset-x-0 bottom-0 z-20 block min-h-8 w-full resize-none rounded-md border border-line bg-canvas px-2.5 py-1.5 font-mono text-xs leading-5 text-fg placeholder:truncate placeholder:text-faint focus:border-accent/60 focus:outline-none disabled:opacity-50 ${lines > 1 ? 'shadow-lg shadow-black/40' : ''}`}
      />
    </div>
  );
}
