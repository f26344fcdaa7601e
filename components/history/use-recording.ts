'use client';

import { useEffect, useMemo, useState } from 'react';
import { parseCast, type ParsedCast } from '@/protocol/asciicast';
import { castPlainText, type PlainText } from '@/protocol/cast-search';
import { fetchText, HistoryFetchError, isAbort, recordingUrl } from '@/lib/history-client';

export type RecordingState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; text: string; cast: ParsedCast; plain: PlainText; cut: boolean };

/**
 * Loads one recording once: the same text feeds the player (as data, so it is not fetched
 * twice) and the search (stripped to plain text once, searched on every keystroke).
 */
export function useRecording(sessionId: string): RecordingState {
  const [text, setText] = useState<{ id: string; text: string } | { id: string; error: string; missing: boolean }>();
  useEffect(() => {
    const abort = new AbortController();
    fetchText(recordingUrl(sessionId), { signal: abort.signal }).then(
      (t) => setText({ id: sessionId, text: t }),
      (error: unknown) => {
        if (isAbort(error)) return;
        const missing = error instanceof HistoryFetchError && error.status === 404;
        setText({ id: sessionId, error: error instanceof Error ? error.message : String(error), missing });
      },
    );
    return () => abort.abort();
  }, [sessionId]);

  return useMemo((): RecordingState => {
    if (text === undefined || text.id !== sessionId) return { kind: 'loading' };
    if ('error' in text) return text.missing ? { kind: 'missing' } : { kind: 'error', message: text.error };
    const cast = parseCast(text.text);
    if (cast === undefined) return { kind: 'error', message: 'not an asciicast v2 recording' };
    const cut = cast.events.some((e) => e[1] === 'o' && e[2].includes('[axiom: recording cut at'));
    return { kind: 'ready', text: text.text, cast, plain: castPlainText(cast.events), cut };
  }, [text, sessionId]);
}
