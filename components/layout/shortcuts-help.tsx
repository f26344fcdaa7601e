'use client';

import { useRef, useState } from 'react';
import { SHORTCUT_HELP } from '@/lib/keyboard-shortcuts';
import { useDismiss } from '@/components/ui/use-dismiss';

/** The "?" button: a small popover listing the keyboard shortcuts. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useDismiss({ open, close: () => setOpen(false), rootRef, triggerRef: buttonRef });

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-testid="btn-shortcuts"
        aria-expanded={open}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts"
        onClick={() => setOpen((o) => !o)}
        className="flex size-8 items-center justify-center rounded-md border border-line text-sm text-muted hover:bg-raised hover:text-fg"
      >
        ?
      </button>
      {open && (
        <div role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts-help"
          className="absolute right-0 top-10 z-20 w-[26rem] rounded-lg border border-line bg-panel p-3 shadow-xl shadow-black/40">
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted">Keyboard shortcuts</h2>
          <dl className="space-y-1.5 text-xs">
            {SHORTCUT_HELP.map((s) => (
              <div key={s.keys} className="flex items-baseline justify-between gap-3">
                <dt className="shrink-0"><kbd className="whitespace-nowrap rounded border border-line bg-raised px-1.5 py-0.5 font-mono text-[11px] text-fg">{s.keys}</kbd></dt>
                <dd className="text-right text-muted">{s.action}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
