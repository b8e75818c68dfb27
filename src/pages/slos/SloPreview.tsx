import React, { useEffect, useState } from 'react';
import { dateTime } from '@grafana/data';
import { Alert, Stack, Text } from '@grafana/ui';

import { nominalWindowMs } from '../../datasource/lib/sloCatalog';
import type { InlineSLO } from '../../datasource/types';
import { formatCount, formatDuration } from '../../panels/slobudget/lib/format';
import { parseFrames } from '../../panels/slobudget/lib/parse';
import type { SloSummary } from '../../panels/slobudget/lib/model';
import { errorMessage, runSloQueries } from '../../lib/grafanaApi';
import { Budget, Exhaustion, SliVsObjective, State } from '../../components/slo/SloFigures';
import { Loading } from '../../components/slo/Loading';

/** Time the user stops typing before the preview runs. */
const SETTLE_MS = 600;

/**
 * What the SLO evaluates to now, before it is saved: the SLI, the event rate and the budget over
 * its window, from the datasource's `slo` query with the definition inline.
 */
export function SloPreview({ datasourceUid, slo }: { datasourceUid: string; slo?: InlineSLO }) {
  const [result, setResult] = useState<{ key: string; summary?: SloSummary; error?: string }>();
  const [running, setRunning] = useState(false);
  const key = JSON.stringify(slo ?? null);

  useEffect(() => {
    if (!slo) {
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      setRunning(true);
      const to = dateTime();
      runSloQueries(
        datasourceUid,
        [{ refId: 'preview', slo: { ...slo, id: slo.id || undefined }, output: 'summary' }],
        {
          from: dateTime(to.valueOf() - 3_600_000),
          to,
        }
      )
        .then(
          ({ frames, errors }) => ({ key, summary: parseFrames(frames)[0]?.summary, error: errors.preview }),
          (e) => ({ key, error: errorMessage(e) })
        )
        .then((r) => {
          if (!cancelled) {
            setResult(r);
            setRunning(false);
          }
        });
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The definition's JSON is the dependency: a re-render with an equal SLO does not re-run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [datasourceUid, key]);

  if (!slo) {
    return <Text color="secondary">The preview runs once the SLO is complete and valid.</Text>;
  }
  if (running && !result) {
    return <Loading text="Evaluating the SLO…" />;
  }
  if (result?.error) {
    return (
      <Alert severity="warning" title="The backend could not evaluate this SLO">
        {result.error}
      </Alert>
    );
  }
  const s = result?.summary;
  if (!s) {
    return null;
  }
  const windowMs = nominalWindowMs(slo.window) ?? NaN;
  const covered = (windowMs / 1000) * s.coverage;
  const rate =
    s.unit === 'seconds'
      ? `${formatDuration(covered)} of ${formatDuration(windowMs / 1000)} observed`
      : `${formatCount(s.totalEvents)} events, ${formatCount(s.totalEvents / Math.max(covered, 1))}/s`;
  return (
    <Stack direction="column" gap={1} aria-label="Preview" role="region">
      <Stack gap={2} alignItems="center" wrap="wrap">
        <State summary={s} />
        <SliVsObjective summary={s} />
        <Text color="secondary">{rate}</Text>
      </Stack>
      <Budget summary={s} />
      <Exhaustion summary={s} />
    </Stack>
  );
}
