import React, { useCallback, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { missingNotices } from '../lib/notices';
import { parseFrames } from '../lib/parse';
import { visibleSeries } from '../lib/rank';
import { testIds } from '../testIds';
import { DEFAULT_OPTIONS, type Options } from '../types';
import { ChartLayout } from './ChartLayout';
import { OverlayChart } from './OverlayChart';
import { OverlayLegend } from './OverlayLegend';
import { SeriesPicker } from './SeriesPicker';

const NO_SERIES = 'No data: the queries returned no time series';

/** Below this width the picker and notices get a line each and the legend wraps. */
const NARROW = 480;

/**
 * The anomaly-overlay panel: each series with its baseline, band, anomalies, change points and
 * forecast; a legend entry per series; the top N series by peak score unless some are picked.
 */
export function AnomalyOverlayPanel(props: PanelProps<Options>) {
  const { id, data, fieldConfig, width, height, timeRange, timeZone, eventBus, onChangeTimeRange } = props;
  // Stable between renders, so that a new time range (zoom) re-renders neither the chart nor the legend.
  const options = useMemo(() => ({ ...DEFAULT_OPTIONS, ...props.options }), [props.options]);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const all = useMemo(() => parseFrames(data.series), [data.series]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const shown = useMemo(
    () => visibleSeries(all, options.selected, options.topN),
    [all, options.selected, options.topN]
  );
  const drawn = useMemo(() => shown.filter((s) => !hidden.has(s.name)), [shown, hidden]);
  const toggle = useCallback(
    (name: string, isolate: boolean) =>
      setHidden((prev) => {
        if (!isolate) {
          const next = new Set(prev);
          next.has(name) ? next.delete(name) : next.add(name);
          return next;
        }
        const onlyThis = shown.every((s) => s.name === name || prev.has(s.name)) && !prev.has(name);
        return onlyThis ? new Set() : new Set(shown.filter((s) => s.name !== name).map((s) => s.name));
      }),
    [shown]
  );

  if (all.length === 0) {
    const error = data.errors?.[0];
    if (error) {
      return (
        <div role="alert" className={styles.empty}>
          The query failed: {error.message ?? 'no message'}
        </div>
      );
    }
    return <PanelDataErrorView panelId={id} data={data} fieldConfig={fieldConfig} message={NO_SERIES} needsTimeField />;
  }

  const notices = missingNotices(shown);
  const picking = all.length > shown.length || options.selected.length > 0;
  const header = (picking ? 40 : 0) + notices.length * (width < NARROW ? 36 : 20);
  return (
    <div className={styles.root} style={{ width, height }} data-testid={testIds.panel}>
      {picking && (
        <SeriesPicker
          all={all}
          selected={options.selected}
          topN={options.topN}
          onChange={(selected) => props.onOptionsChange({ ...options, selected })}
        />
      )}
      {notices.length > 0 && (
        <div role="note" className={styles.notice}>
          {notices.join(' ')}
        </div>
      )}
      <ChartLayout
        width={width}
        height={Math.max(80, height - header)}
        legend={<OverlayLegend series={shown} hidden={hidden} theme={theme} onToggle={toggle} />}
      >
        {(vizWidth, vizHeight) => (
          <OverlayChart
            series={drawn}
            options={options}
            defaults={fieldConfig.defaults}
            width={vizWidth}
            height={vizHeight}
            timeRange={timeRange}
            timeZone={timeZone}
            eventBus={eventBus}
            request={data.request}
            onChangeTimeRange={onChangeTimeRange}
          />
        )}
      </ChartLayout>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    overflow: 'hidden',
  }),
  empty: css({
    padding: theme.spacing(1),
    color: theme.colors.error.text,
  }),
  notice: css({
    padding: theme.spacing(0.25, 1),
    borderLeft: `3px solid ${theme.colors.info.border}`,
    background: theme.colors.background.secondary,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: '16px',
  }),
});
