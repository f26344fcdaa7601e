'use client';

import { useEffect, useRef } from 'react';
import type { TaskInfo } from '@/protocol/task';
import { showNotice, taskNotices, titleWithCount } from '@/lib/notifications';
import { waitingCount } from '@/lib/task-selectors';
import { useAxiom } from '@/lib/axiom-provider';

/**
 * Watches the tasks store: a system notification when a task starts waiting or finishes
 * (see taskNotices for which transitions count), and the waiting count in the tab title,
 * "(2) Axiom Console", so a background tab says it needs you. System notifications are
 * skipped while the page has focus: the person is looking at the badge already.
 */
export function useTaskNotifications(onOpenTask: (task: TaskInfo) => void): void {
  const { tasks } = useAxiom();
  const onOpen = useRef(onOpenTask);
  onOpen.current = onOpenTask;

  useEffect(() => {
    const baseTitle = document.title.replace(/^\(\d+\) /, '');
    let prev = tasks.getSnapshot().byId;
    const update = (): void => {
      const state = tasks.getSnapshot();
      const notices = taskNotices(prev, state.byId);
      prev = state.byId;
      document.title = titleWithCount(baseTitle, waitingCount(state.list));
      if (document.hasFocus()) return;
      for (const n of notices) {
        showNotice(n, () => {
          const task = tasks.get(n.taskId);
          if (task) onOpen.current(task);
        });
      }
    };
    update();
    const unsubscribe = tasks.subscribe(update);
    return () => {
      unsubscribe();
      document.title = baseTitle;
    };
  }, [tasks]);
}
