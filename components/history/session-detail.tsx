'use client';

import { Badge } from '@/components/ui/badge';
import type { SessionHistory } from '@/protocol/history';
import { commandLine, sizeText, statusText, statusTone } from '@/lib/session-format';
import { DetailFields, DetailSection } from './detail-fields';
import { EventTimeline } from './event-timeline';
import { formatBytes, formatDateTime } from './history-format';
import { LoadNote } from './load-note';
import { RecordingPanel } from './recording-panel';
import { useHistoryItem } from './use-history-item';

/** One past (or live) session: what ran, how it ended, its events and its recording. */
export function SessionDetail({ sessionId }: { sessionId: string }) {
  const item = useHistoryItem<SessionHistory>(`/api/history/sessions/${encodeURIComponent(sessionId)}`);
  if (item.kind !== 'ready') return <LoadNote item={item} />;
  const { session, events, recordingBytes } = item.value;
  return (
    <div data-testid={`history-detail-${session.id}`} className="flex flex-col gap-5">
      <header className="flex items-center gap-3">
        <h2 className="truncate text-base font-semibold">{session.name}</h2>
        <Badge tone={statusTone(session)}>{statusText(session)}</Badge>
        <span className="font-mono text-xs text-faint">{session.id}</span>
      </header>
      <DetailFields
        fields={[
          ['command', commandLine(session)],
          ['cwd', session.cwd],
          ['started', formatDateTime(session.createdAt)],
          ['ended', formatDateTime(session.exitedAt)],
          ['generation', session.generation],
          ['size', sizeText(session)],
          ['recording', recordingBytes === null ? 'none' : formatBytes(recordingBytes)],
        ]}
      />
      {recordingBytes !== null && (
        <DetailSection title="Recording">
          <RecordingPanel sessionId={session.id} />
        </DetailSection>
      )}
      <DetailSection title="Events">
        <EventTimeline events={events} />
      </DetailSection>
    </div>
  );
}
