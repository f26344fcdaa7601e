'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId?: string;
}

/**
 * A modal on the native <dialog>: the browser gives us the focus trap, Escape to close,
 * inert background and the top layer, which no hand-rolled overlay gets fully right.
 */
export function Dialog({ open, onClose, title, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  /** Whether the press that ends in a click began on the backdrop (see onClick). */
  const pressedBackdrop = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={titleId}
      onClose={onClose}
      onPointerDown={(e) => {
        pressedBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        // A click on the backdrop targets the <dialog> itself; inside, it targets content.
        // So does a drag that starts in a field (selecting its text) and ends on the
        // backdrop: the click goes to the common ancestor. Only a press that began on the
        // backdrop closes the dialog, so a selection never throws the form away.
        const onBackdrop = e.target === e.currentTarget && pressedBackdrop.current;
        pressedBackdrop.current = false;
        if (onBackdrop) onClose();
      }}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-line bg-panel p-0 text-fg shadow-2xl shadow-black/50"
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="mb-4 text-base font-semibold">{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
