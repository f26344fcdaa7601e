'use client';

import { useEffect, useState } from 'react';
import { notificationAccess, requestNotificationAccess, type NotificationAccess } from '@/lib/notifications';

const TITLES: Record<NotificationAccess, string> = {
  default: 'Notify me when a task needs me or finishes',
  granted: 'Notifications are on (change in the browser’s site settings)',
  denied: 'Notifications are blocked for this site (allow them in the browser’s site settings)',
  unsupported: 'This browser cannot show notifications here (they need HTTPS or localhost)',
};

/**
 * Asks for notification permission on a click (browsers only honour the request inside a
 * user gesture). Shows whether notifications are on; once granted or denied, only the
 * browser's own settings can change it, which the tooltip says.
 */
export function NotificationBell() {
  // Unknown until mounted: the server cannot know, and guessing would break hydration.
  const [access, setAccess] = useState<NotificationAccess | null>(null);
  useEffect(() => setAccess(notificationAccess()), []);

  const ask = async (): Promise<void> => {
    if (access !== 'default') return;
    setAccess(await requestNotificationAccess());
  };

  const on = access === 'granted';
  return (
    <button
      type="button"
      data-testid="btn-notifications"
      data-permission={access ?? undefined}
      aria-pressed={on}
      aria-label={TITLES[access ?? 'default']}
      title={TITLES[access ?? 'default']}
      onClick={() => void ask()}
      className={`flex size-8 items-center justify-center rounded-md border border-line hover:bg-raised ${on ? 'text-accent' : 'text-muted hover:text-fg'}`}
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-4">
        <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16zM10 20.5a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
        {(access === 'denied' || access === 'unsupported') && <path d="M4 4l16 16" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />}
      </svg>
    </button>
  );
}
