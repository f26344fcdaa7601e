import type { Metadata } from 'next';
import { HistoryView } from '@/components/history/history-view';

export const metadata: Metadata = {
  title: 'History — Axiom Console',
};

/** Past tasks and sessions from the durable record, with their events and recordings.
 * Reads the REST history API only (no socket): it works while nothing is running. */
export default function HistoryPage() {
  return <HistoryView />;
}
