import { useEffect, useState } from 'react';
import type { TimeRange } from '@grafana/data';

import type { DataSource } from '../../datasource';
import { countEvents, PREVIEW_DEBOUNCE_MS, previewable, previewRequest } from '../../lib/eventsPreview';
import type { DetectionQuery } from '../../types';

export type PreviewState =
  { state: 'idle' } | { state: 'loading' } | { state: 'done'; count: number } | { state: 'error'; message: string };

/**
 * Counts the events the current options find in the range, through the datasource, once the
 * options have been still for PREVIEW_DEBOUNCE_MS. An edit cancels the pending or running count,
 * and the answer for older options is never shown for newer ones.
 */
export function useEventsPreview(
  datasource: DataSource,
  query: DetectionQuery,
  range: TimeRange | undefined,
  enabled: boolean
): PreviewState {
  const [answer, setAnswer] = useState<{ key: string; preview: PreviewState }>();
  const run = enabled && range !== undefined && previewable(query);
  const key = run
    ? JSON.stringify({ ...query, refId: '', output: '', hide: false, range: [+range.from, +range.to] })
    : '';

  useEffect(() => {
    if (!run || !range || !previewable(query)) {
      return;
    }
    let subscription: { unsubscribe(): void } | undefined;
    const timer = setTimeout(() => {
      subscription = datasource.query(previewRequest(query, range)).subscribe({
        next: (response) => {
          try {
            setAnswer({ key, preview: { state: 'done', count: countEvents(response) } });
          } catch (e) {
            setAnswer({ key, preview: { state: 'error', message: e instanceof Error ? e.message : String(e) } });
          }
        },
        error: (e) =>
          setAnswer({ key, preview: { state: 'error', message: e?.data?.message ?? e?.message ?? String(e) } }),
      });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      subscription?.unsubscribe();
    };
    // The key holds everything the count depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, datasource]);

  if (!run) {
    return { state: 'idle' };
  }
  return answer?.key === key ? answer.preview : { state: 'loading' };
}
