'use client';

import { useEffect, useRef } from 'react';
import { showNotice, suggestionNotices } from '@/lib/notifications';
import { useAxiom } from '@/lib/axiom-provider';

/**
 * A system notification when a high-confidence suggestion opens (lib/notifications.ts
 * decides which), the way a waiting task notifies; a click opens the inbox on that task.
 * Skipped while the page has focus (the inbox count shows it) and for the initial list.
 */
export function useSuggestionNotifications(onOpen: (taskId: string) => void): void {
  const { suggestions, tasks } = useAxiom();
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    let prev = suggestions.getSnapshot();
    const update = (): void => {
      const state = suggestions.getSnapshot();
      // The first list (on load, or the first one a late server sends) is not news.
      const notices = prev.loaded ? suggestionNotices(prev.byId, state.byId, (id) => tasks.get(id)?.name ?? 'A task') : [];
      prev = state;
      if (notices.length === 0 || document.hasFocus()) return;
      for (const n of notices) showNotice(n, () => onOpenRef.current(n.taskId));
    };
    return suggestions.subscribe(update);
  }, [suggestions, tasks]);
}
