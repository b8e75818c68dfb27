import { useCallback, useEffect, useState } from 'react';
import { dateTime } from '@grafana/data';

import { parseFrames } from '../../panels/slobudget/lib/parse';
import {
  errorMessage,
  getRuleStates,
  listSloDatasources,
  runSloQueries,
  type SloDatasource,
} from '../../lib/grafanaApi';
import { alertsBySlo } from '../../lib/sloAlerts';
import type { SloRow } from '../../lib/sloRows';

export interface SloRowsState {
  loading: boolean;
  datasources: SloDatasource[];
  rows: SloRow[];
  /** Datasources whose query failed as a whole, with why. */
  datasourceErrors: Array<{ datasource: SloDatasource; message: string }>;
  /** Why alert states are not shown (the alerting API refused or failed), if so. */
  alertsError?: string;
  reload: () => void;
}

/**
 * Every SLO of every datasource of our type with its summary (one `slo` query per SLO, output
 * summary, evaluated now) and its firing or pending alerts.
 */
export function useSloRows(): SloRowsState {
  const [state, setState] = useState<Omit<SloRowsState, 'reload'>>({
    loading: true,
    datasources: [],
    rows: [],
    datasourceErrors: [],
  });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let cancelled = false;
    const datasources = listSloDatasources();
    const to = dateTime();
    const range = { from: dateTime(to.valueOf() - 3_600_000), to };
    const alerts = getRuleStates().then(
      (res) => ({ map: alertsBySlo(res), error: undefined }),
      (e) => ({ map: alertsBySlo(undefined), error: errorMessage(e) })
    );
    Promise.all([
      alerts,
      ...datasources.map((ds) =>
        ds.slos.length === 0
          ? Promise.resolve({ ds, frames: [], errors: {} as Record<string, string>, failed: undefined })
          : runSloQueries(
              ds.uid,
              ds.slos.map((slo) => ({ refId: slo.id, sloId: slo.id, output: 'summary' as const })),
              range
            ).then(
              ({ frames, errors }) => ({ ds, frames, errors, failed: undefined }),
              (e) => ({ ds, frames: [], errors: {} as Record<string, string>, failed: errorMessage(e) })
            )
      ),
    ]).then(([alertResult, ...results]) => {
      if (cancelled) {
        return;
      }
      const rows: SloRow[] = [];
      const datasourceErrors: SloRowsState['datasourceErrors'] = [];
      for (const { ds, frames, errors, failed } of results) {
        if (failed) {
          datasourceErrors.push({ datasource: ds, message: failed });
        }
        const parsed = new Map(parseFrames(frames).map((s) => [s.id, s]));
        for (const slo of ds.slos) {
          const p = parsed.get(slo.id);
          rows.push({
            datasourceUid: ds.uid,
            datasourceName: ds.name,
            slo,
            summary: p?.summary,
            burnRates: p?.burnRates ?? [],
            alerts: alertResult.map.get(slo.id) ?? [],
            error: errors[slo.id] ?? (failed ? 'not evaluated' : undefined),
          });
        }
      }
      setState({ loading: false, datasources, rows, datasourceErrors, alertsError: alertResult.error });
    });
    return () => {
      cancelled = true;
    };
  }, [generation]);

  return { ...state, reload };
}
