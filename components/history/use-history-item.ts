'use client';

import { useEffect, useState } from 'react';
import { fetchResult, isAbort } from '@/lib/history-client';

export type Loadable<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; value: T };

/** Fetches one history reply for `path`; refetches when `path` or `version` changes. */
export function useHistoryItem<T>(path: string | null, version = 0): Loadable<T> {
  const [state, setState] = useState<{ key: string; value: Loadable<T> }>();
  const key = `${path ?? ''}#${version}`;
  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    fetchResult<T>(path, { signal: abort.signal }).then(
      (value) => setState({ key, value: { kind: 'ready', value } }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ key, value: { kind: 'error', message: error instanceof Error ? error.message : String(error) } });
      },
    );
    return () => abort.abort();
  }, [path, key]);
  return state === undefined || state.key !== key ? { kind: 'loading' } : state.value;
}
