'use client';

import { useEffect, useRef, type RefObject } from 'react';

/**
 * Closes a popover (a menu, the shortcuts help) on a press outside it or on Escape, and on
 * Escape gives the keyboard back to the button that opened it. Escape is taken in the
 * capture phase and stopped there, so the one key closes only the popover, not also a
 * maximized pane behind it (the dashboard listens for Escape on the window).
 */
export function useDismiss(options: {
  open: boolean;
  close: () => void;
  /** The popover and its trigger: presses inside do not close it. */
  rootRef: RefObject<HTMLElement | null>;
  /** Focused again after Escape. */
  triggerRef?: RefObject<HTMLElement | null>;
}): void {
  const { open, rootRef, triggerRef } = options;
  const closeRef = useRef(options.close);
  closeRef.current = options.close;

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (!(e.target instanceof Node) || !rootRef.current?.contains(e.target)) closeRef.current();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      closeRef.current();
      triggerRef?.current?.focus();
    };
    window.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open, rootRef, triggerRef]);
}
