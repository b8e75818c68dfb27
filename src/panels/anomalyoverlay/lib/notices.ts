import { BAND_FIELDS, MARKER_FIELDS } from './fields';
import type { OverlaySeries } from './model';

/**
 * What the drawn series cannot show and why, one sentence per kind of lack: series without the
 * band fields (yhat, yhat_lower, yhat_upper) draw no band, series without score and flag no markers.
 */
export function missingNotices(series: OverlaySeries[]): string[] {
  const out: string[] = [];
  const lacking = (fields: readonly string[]) => series.filter((s) => fields.some((f) => s.missing.includes(f)));
  const noBand = lacking(BAND_FIELDS);
  const noMarkers = lacking(MARKER_FIELDS);
  const who = (list: OverlaySeries[]) =>
    list.length === series.length
      ? 'these series'
      : list
          .map((s) => s.name)
          .slice(0, 3)
          .join(', ') + more(list);
  if (noBand.length > 0) {
    const fields = BAND_FIELDS.filter((f) => noBand.some((s) => s.missing.includes(f)));
    out.push(`No expected band for ${who(noBand)}: missing ${fields.join(', ')}.`);
  }
  if (noMarkers.length > 0) {
    const fields = MARKER_FIELDS.filter((f) => noMarkers.some((s) => s.missing.includes(f)));
    out.push(`No anomaly markers for ${who(noMarkers)}: missing ${fields.join(', ')}.`);
  }
  if (out.length > 0) {
    out.push('The anomaly query of the Anomaly & SLO datasource (bands output) provides them.');
  }
  return out;
}

function more(list: OverlaySeries[]): string {
  return list.length > 3 ? ` and ${list.length - 3} more` : '';
}
