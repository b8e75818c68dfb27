import type { PanelOptionsEditorBuilder } from '@grafana/data';

import { DEFAULT_OPTIONS, type Options } from './types';

/** Panel options, in the "Anomaly overlay" category of the options pane. */
export function buildOptions(builder: PanelOptionsEditorBuilder<Options>) {
  const category = ['Anomaly overlay'];
  return builder
    .addNumberInput({
      path: 'topN',
      name: 'Series shown',
      description:
        'With more series than this, the ones with the highest peak anomaly score; the picker above the chart chooses others.',
      category,
      defaultValue: DEFAULT_OPTIONS.topN,
      settings: { min: 1, integer: true },
    })
    .addBooleanSwitch({
      path: 'showBand',
      name: 'Expected band',
      description: 'Shade between yhat_lower and yhat_upper.',
      category,
      defaultValue: DEFAULT_OPTIONS.showBand,
    })
    .addBooleanSwitch({
      path: 'showBaseline',
      name: 'Baseline',
      description: 'The dashed yhat line.',
      category,
      defaultValue: DEFAULT_OPTIONS.showBaseline,
    })
    .addBooleanSwitch({
      path: 'showMarkers',
      name: 'Anomaly markers',
      description: 'Flagged points, coloured and sized by score.',
      category,
      defaultValue: DEFAULT_OPTIONS.showMarkers,
    })
    .addBooleanSwitch({
      path: 'showScoreStrip',
      name: 'Score strip',
      description: 'Anomaly scores under the chart; above the dashed line at 1 is outside the band.',
      category,
      defaultValue: DEFAULT_OPTIONS.showScoreStrip,
    })
    .addBooleanSwitch({
      path: 'exploreLink',
      name: 'Explore link',
      description: 'A link in the pinned tooltip (click a point) to the query in Explore over the same range.',
      category,
      defaultValue: DEFAULT_OPTIONS.exploreLink,
    });
}
