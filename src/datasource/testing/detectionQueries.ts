import type { AnomalyQuery, ForecastQuery, TrendQuery } from '../types';

/** Detection queries of `up` as the editor first builds them, with `fields` set over them. */
export const anomaly = (fields: Partial<AnomalyQuery> = {}): AnomalyQuery => ({
  refId: 'A',
  queryType: 'anomaly',
  expr: 'up',
  ...fields,
});

export const trend = (fields: Partial<TrendQuery> = {}): TrendQuery => ({
  refId: 'A',
  queryType: 'trend',
  expr: 'up',
  ...fields,
});

export const forecast = (fields: Partial<ForecastQuery> = {}): ForecastQuery => ({
  refId: 'A',
  queryType: 'forecast',
  expr: 'up',
  ...fields,
});
