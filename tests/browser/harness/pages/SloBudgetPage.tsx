import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import {
  LoadingState,
  type DataFrame,
  type GrafanaTheme2,
  type InterpolateFunction,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, toDataQueryResponse, type BackendDataSourceResponse } from '@grafana/runtime';
import { Alert, PanelChrome, useStyles2 } from '@grafana/ui';
import { lastValueFrom } from 'rxjs';

import { SloBudgetPanel } from '../../../../src/panels/slobudget/components/SloBudgetPanel';
import { DEFAULT_RATIO_CONFIG } from '../../../../src/panels/slobudget/lib/display';
import { DEFAULT_OPTIONS, type Options } from '../../../../src/panels/slobudget/types';
import { panelProps } from '../../../../src/testing/panelProps';
import { DATASOURCE_UID } from '../env';
import catalog from '../slos.json';

/**
 * SLOs over the devserver's default fixture (48 h of ce_requests_total{code="200"|"500"} at
 * about 9 % errors, and ce_cache_hit_ratio around 0.9 with a 30-minute scrape gap), chosen to
 * show every state the panel knows: the catalog the devserver's datasource is given (--slos), and
 * the single views carry one of them inline.
 */
export const HARNESS_SLOS = Object.fromEntries(
  (catalog as Array<{ id: string }>).map(({ id, ...definition }) => [id, definition])
) as Record<(typeof catalog)[number]['id'], object>;
type HarnessSlo = keyof typeof HARNESS_SLOS;

/** The SLO the single views show. */
export const SINGLE_SLO: HarnessSlo = 'cache-hits';

export const DRILLDOWN_URL = '/d/ce-sla/sla-budgets?var-slo=${slo}&${__url_time_range}';

export type SloBudgetView = 'single' | 'list' | 'phone' | 'compact';

interface Props {
  view: SloBudgetView;
  range: TimeRange;
}

/**
 * The SLA-budget panel as Grafana shows it, fed by the backend's `slo` query type through
 * /api/ds/query: one SLO in full (single), all of them (list), or both at phone width.
 */
export function SloBudgetPage({ view, range }: Props) {
  const styles = useStyles2(getStyles);
  const single = useSloFrames([SINGLE_SLO], ['summary', 'burndown'], range, view !== 'list');
  // The list is the all-SLOs query over the datasource's catalog, as the SLA dashboard's list panel.
  const list = useSloFrames(['*'], ['summary'], range, view === 'list' || view === 'phone');

  if (view === 'single') {
    return <SloPanel title="Cache hit ratio: error budget" result={single} range={range} width={1152} height={500} />;
  }
  if (view === 'compact') {
    // Grafana's grid at 1200 px: 6×8 and 4×4 cells (rows of 30 px, 8 px gaps).
    return (
      <div className={styles.compact}>
        <SloPanel title="Cache hit ratio" result={single} range={range} width={294} height={296} />
        <SloPanel title="Cache budget" result={single} range={range} width={194} height={144} />
      </div>
    );
  }
  if (view === 'list') {
    return <SloPanel title="SLA budgets" result={list} range={range} width={1152} height={380} />;
  }
  // The single panel is tall enough for the full view (stacked at this width, scrolling); a
  // shorter one would get the compact layout the compact view shows.
  return (
    <div className={styles.phone}>
      <SloPanel title="Cache hit ratio" result={single} range={range} width={327} height={480} />
      <SloPanel title="SLA budgets" result={list} range={range} width={327} height={340} />
    </div>
  );
}

interface Result {
  frames?: DataFrame[];
  error?: string;
}

/** Runs one `slo` query per SLO and output, as a dashboard panel's query runner would. */
function useSloFrames(ids: Array<HarnessSlo | '*'>, outputs: string[], range: TimeRange, enabled: boolean): Result {
  const [result, setResult] = useState<Result>({});
  const key = `${ids.join()}|${outputs.join()}`;
  useEffect(() => {
    if (!enabled) {
      return;
    }
    const queries = ids.flatMap((id, i) =>
      outputs.map((output, j) => ({
        refId: `${String.fromCharCode(65 + i)}${j}`,
        queryType: 'slo',
        datasource: { type: 'claudeenhancer-anomaly-datasource', uid: DATASOURCE_UID },
        output,
        ...(id === '*' ? { sloId: id } : { slo: { id, ...HARNESS_SLOS[id] } }),
        maxDataPoints: 500,
        intervalMs: 60_000,
      }))
    );
    const request = getBackendSrv().fetch<BackendDataSourceResponse>({
      url: '/api/ds/query',
      method: 'POST',
      data: { from: String(range.from.valueOf()), to: String(range.to.valueOf()), queries },
    });
    let live = true;
    lastValueFrom(request).then(
      (response) => {
        const { data, errors } = toDataQueryResponse(response, queries);
        if (live) {
          setResult(errors?.length ? { error: errors.map((e) => e.message).join('\n') } : { frames: data });
        }
      },
      (e) => live && setResult({ error: String(e?.data?.message ?? e?.message ?? e) })
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key stands for ids and outputs
  }, [key, range, enabled]);
  return result;
}

interface PanelProps {
  title: string;
  result: Result;
  range: TimeRange;
  width: number;
  height: number;
  options?: Partial<Options>;
}

/** The panel in Grafana's chrome, with the field config defaults the plugin declares. */
function SloPanel({ title, result, range, width, height, options }: PanelProps) {
  const replaceVariables = useMemo(() => harnessInterpolate(range), [range]);
  const data: PanelData | undefined = useMemo(
    () =>
      result.frames && {
        series: result.frames,
        state: LoadingState.Done,
        timeRange: range,
      },
    [result.frames, range]
  );
  return (
    <PanelChrome
      title={title}
      width={width}
      height={height}
      loadingState={data ? LoadingState.Done : LoadingState.Loading}
    >
      {(innerWidth, innerHeight) => {
        if (result.error) {
          return <Alert title="Query failed">{result.error}</Alert>;
        }
        if (!data) {
          return null;
        }
        return (
          <SloBudgetPanel
            {...panelProps({
              data,
              timeRange: range,
              options: { ...DEFAULT_OPTIONS, drilldownUrl: DRILLDOWN_URL, ...options },
              fieldConfig: { defaults: DEFAULT_RATIO_CONFIG, overrides: [] },
              width: innerWidth,
              height: innerHeight,
              title,
              replaceVariables,
            })}
          />
        );
      }}
    </PanelChrome>
  );
}

/** Grafana's panel interpolation: `${__url_time_range}` from the range, the rest by the template service. */
function harnessInterpolate(range: TimeRange): InterpolateFunction {
  const timeRange = `from=${range.from.valueOf()}&to=${range.to.valueOf()}`;
  return (value, scopedVars, format) =>
    getTemplateSrv().replace(value.replace(/\$\{__url_time_range\}/g, timeRange), scopedVars, format);
}

const getStyles = (theme: GrafanaTheme2) => ({
  compact: css({
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  }),
  phone: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  }),
});
