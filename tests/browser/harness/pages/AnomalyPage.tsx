import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import {
  dateTime,
  dateTimeFormat,
  FieldColorModeId,
  FieldType,
  type DataFrame,
  type Field,
  type FieldConfig,
  type GrafanaTheme2,
  type TimeRange,
} from '@grafana/data';
import { GraphDrawStyle, VisibilityMode } from '@grafana/schema';
import { PanelChrome, useStyles2, useTheme2 } from '@grafana/ui';

import type { DataSource } from '../../../../src/datasource/datasource';
import type { AnomalyQuery } from '../../../../src/datasource/types';
import type { FixtureInfo } from '../env';
import { panelRequest, TimeSeriesChart, withOverrides } from './timeSeries';

/**
 * The anomaly fixture's spike series (100 ± 2, plus 40 for two minutes) through the robust detector,
 * on the fixture's own 15 s step so each point of the spike gets its verdict.
 */
export const ANOMALY_QUERY: AnomalyQuery = {
  refId: 'bands',
  queryType: 'anomaly',
  expr: 'ce_anomaly_case{case="spike"}',
  legendFormat: '{{case}}',
  method: 'robust',
  window: '1h',
  threshold: 4,
  detectorStep: '15s',
  output: 'bands',
};

/** The same detection as events, for the table under the chart. */
export const EVENTS_QUERY: AnomalyQuery = { ...ANOMALY_QUERY, refId: 'events', output: 'events' };

/** Name of the field the page derives: the values the detector flagged, null elsewhere. */
export const ANOMALIES_FIELD = 'anomalies';

/**
 * Two hours around the injected spike, ending between two ticks of the time axis so its last
 * label is not cut off.
 */
export function spikeRange(fixture: FixtureInfo): TimeRange {
  const spike = fixture.injected?.spike;
  if (!spike) {
    throw new Error('the devserver serves no anomaly fixture with a spike (start it with --fixture default,anomaly)');
  }
  const from = dateTime(spike.at - 85 * 60_000);
  const to = dateTime(spike.at + 35 * 60_000);
  return { from, to, raw: { from, to } };
}

/**
 * The panel's options over what the backend sets: thin solid lines, no points; the backend's
 * custom config (the band's fill, hidden edges, dashed baseline, hidden score and flag) wins.
 */
const DEFAULT_CUSTOM = { lineWidth: 1.5, fillOpacity: 0, showPoints: VisibilityMode.Never, spanNulls: false };

/** Colours by field, as a dashboard would set them with overrides; the flagged points are red. */
const FIELD_LOOKS: Record<string, FieldConfig> = {
  value: { color: { mode: FieldColorModeId.Fixed, fixedColor: 'blue' } },
  yhat: { displayName: 'baseline', color: { mode: FieldColorModeId.Fixed, fixedColor: 'text' } },
  yhat_lower: {
    color: { mode: FieldColorModeId.Fixed, fixedColor: 'green' },
    custom: { hideFrom: { legend: true, tooltip: false, viz: false } },
  },
  yhat_upper: { displayName: 'expected band', color: { mode: FieldColorModeId.Fixed, fixedColor: 'green' } },
};

const ANOMALY_LOOK: FieldConfig = {
  displayName: 'anomalies',
  color: { mode: FieldColorModeId.Fixed, fixedColor: 'red' },
  custom: {
    drawStyle: GraphDrawStyle.Points,
    showPoints: VisibilityMode.Always,
    pointSize: 9,
    lineWidth: 0,
    fillOpacity: 0,
  },
};

interface Props {
  datasource: DataSource;
  range: TimeRange;
  width: number;
  height: number;
}

interface EventRow {
  time: number;
  timeEnd: number;
  title: string;
  text: string;
}

/**
 * Runs ANOMALY_QUERY and EVENTS_QUERY through DataSource.query (so /api/ds/query and the Go
 * backend over the anomaly fixture), draws the bands like a stock time series panel with a red
 * points overlay of the flagged values, and lists the events below.
 */
export function AnomalyPage({ datasource, range, width, height }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const [frames, setFrames] = useState<DataFrame[]>();
  const [events, setEvents] = useState<EventRow[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const request = panelRequest('harness-anomaly', range, width, [ANOMALY_QUERY, EVENTS_QUERY]);
    const subscription = datasource.query(request).subscribe((response) => {
      if (response.errors?.length) {
        setError(response.errors.map((e) => e.message).join('\n'));
        return;
      }
      const data: DataFrame[] = response.data;
      // The config goes on the fields: see withOverrides.
      const bands = data.filter((frame) => frame.refId === ANOMALY_QUERY.refId).map(withLooks);
      setFrames(withOverrides(bands, theme));
      setEvents(data.filter((frame) => frame.refId === EVENTS_QUERY.refId).flatMap(eventRows));
    });
    return () => subscription.unsubscribe();
  }, [datasource, range, width, theme]);

  const anomalyPoints = frames ? countAnomalyPoints(frames) : 0;
  // Room for the header and the spike's row, below the chart.
  const tableHeight = 92;
  return (
    <div data-testid="anomaly-page" data-anomaly-points={frames ? anomalyPoints : undefined}>
      <PanelChrome
        title={`${ANOMALY_QUERY.expr} · ${ANOMALY_QUERY.method}, window ${ANOMALY_QUERY.window}, threshold ${ANOMALY_QUERY.threshold}`}
        description="Median and scaled MAD of the last hour, evaluated every 15 s; points outside the band are flagged"
        width={width}
        height={height - tableHeight}
      >
        {(innerWidth, innerHeight) => (
          <TimeSeriesChart
            frames={frames}
            error={error}
            range={range}
            width={innerWidth}
            height={innerHeight}
            calcs={[]}
          />
        )}
      </PanelChrome>
      <div className={styles.events} style={{ width, height: tableHeight - 8 }}>
        <table className={styles.table} data-testid="anomaly-events">
          <thead>
            <tr>
              <th>Time</th>
              <th>Event</th>
              <th>Explanation</th>
            </tr>
          </thead>
          <tbody>
            {events?.length === 0 && (
              <tr>
                <td colSpan={3}>No events in the range</td>
              </tr>
            )}
            {events?.map((e) => (
              <tr key={`${e.time}-${e.title}`} data-time={e.time}>
                <td className={styles.time}>
                  {dateTimeFormat(e.time, { timeZone: 'utc', format: 'YYYY-MM-DD HH:mm:ss' })}
                </td>
                <td className={styles.title}>{e.title}</td>
                <td className={styles.text}>{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The backend's fields with the panel's looks, plus the derived points-only field of flagged values. */
function withLooks(frame: DataFrame): DataFrame {
  const fields = frame.fields.map((field): Field => {
    if (field.type !== FieldType.number) {
      return field;
    }
    const look = FIELD_LOOKS[field.name] ?? {};
    const displayName = look.displayName && frame.name ? `${frame.name} ${look.displayName}` : field.config.displayName;
    return {
      ...field,
      config: {
        ...field.config,
        ...look,
        displayName,
        custom: { ...DEFAULT_CUSTOM, ...field.config.custom, ...look.custom },
      },
    };
  });
  const value = frame.fields.find((f) => f.name === 'value');
  const flag = frame.fields.find((f) => f.name === 'anomaly');
  if (!value || !flag) {
    return { ...frame, fields };
  }
  const anomalies: Field = {
    name: ANOMALIES_FIELD,
    type: FieldType.number,
    values: value.values.map((v: number, i: number) => (flag.values[i] === 1 ? v : null)),
    config: {
      ...ANOMALY_LOOK,
      displayName: frame.name ? `${frame.name} ${ANOMALY_LOOK.displayName}` : ANOMALY_LOOK.displayName,
      custom: { ...DEFAULT_CUSTOM, ...ANOMALY_LOOK.custom },
    },
  };
  return { ...frame, fields: [...fields, anomalies] };
}

function countAnomalyPoints(frames: DataFrame[]): number {
  return frames
    .flatMap((frame) => frame.fields.filter((f) => f.name === ANOMALIES_FIELD))
    .reduce((n, field) => n + field.values.filter((v) => v !== null && v !== undefined).length, 0);
}

/** Rows of the backend's events table frame (time, timeEnd, title, text, …). */
function eventRows(frame: DataFrame): EventRow[] {
  const column = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  const [time, timeEnd, title, text] = ['time', 'timeEnd', 'title', 'text'].map(column);
  return time.map((t: number, i: number) => ({ time: t, timeEnd: timeEnd[i], title: title[i], text: text[i] }));
}

const getStyles = (theme: GrafanaTheme2) => ({
  events: css({
    marginTop: theme.spacing(1),
    overflow: 'hidden',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.5, 1),
    boxSizing: 'border-box',
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    th: {
      textAlign: 'left',
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    td: {
      padding: theme.spacing(0.5, 1),
      verticalAlign: 'top',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    'tbody tr:last-child td': { borderBottom: 'none' },
  }),
  time: css({ whiteSpace: 'nowrap', fontFamily: theme.typography.fontFamilyMonospace }),
  title: css({ whiteSpace: 'nowrap', color: theme.colors.error.text }),
  text: css({ color: theme.colors.text.secondary }),
});
