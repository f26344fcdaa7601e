import { useEffect, useState, type RefObject } from 'react';

/** The element's content box, kept current while `active` (a ResizeObserver); 0 × 0 until
 * it is measured. Used by the pane grid (tiles) and the task DAG (which way to draw it). */
export function useContentSize(ref: RefObject<HTMLElement | null>, active = true): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!active || el === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      const { width, height } = entry.contentRect;
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, active]);
  return size;
}
