import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

import {
  AVAILABILITY,
  burndownFrame,
  burnRatesFrame,
  ERROR_RATE,
  PARTIAL,
  summaryFrame,
  workbookPairs,
  type SummaryRow,
} from '../panels/slobudget/testing/frames';

/** Canned figures for the seed SLOs, by id. */
export const SEED_SUMMARIES: Record<string, SummaryRow> = {
  availability: AVAILABILITY,
  'error-rate': ERROR_RATE,
  'latency-p95': PARTIAL,
};

const START = Date.UTC(2026, 11, 1);

/** What the backend's slo query answers for a seed SLO, by output. */
export function seedSloFrames(q: Record<string, unknown>): DataFrame[] {
  const id = String(q.sloId);
  switch (q.output) {
    case 'burndown':
      return [burndownFrame(id, START, 24, SEED_SUMMARIES[id].budget_remaining_ratio)];
    case 'burnrate':
      return ['1h', '6h'].map((window, w) =>
        createDataFrame({
          fields: [
            { name: 'time', type: FieldType.time, values: [START, START + 3_600_000] },
            { name: 'burn_rate', type: FieldType.number, values: [0.5, 2 + w], labels: { slo: id, window } },
          ],
        })
      );
    default:
      return [summaryFrame([SEED_SUMMARIES[id]]), burnRatesFrame(workbookPairs(id))];
  }
}
