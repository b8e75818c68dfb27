/** The panel's options (Panel options → Anomaly overlay). */
export interface Options {
  /** Series drawn when no series is picked: the ones with the highest peak score. */
  topN: number;
  /** Series picked by name in the series picker; empty means the top N. */
  selected: string[];
  showBand: boolean;
  showBaseline: boolean;
  showMarkers: boolean;
  /** A strip of anomaly scores under the chart. */
  showScoreStrip: boolean;
  /** A link to Explore for the same query and range, in the tooltip of every point. */
  exploreLink: boolean;
}

export const DEFAULT_OPTIONS: Options = {
  topN: 10,
  selected: [],
  showBand: true,
  showBaseline: true,
  showMarkers: true,
  showScoreStrip: false,
  exploreLink: true,
};

/** Version of the options' shape, stored with them by the migration handler. */
export const OPTIONS_VERSION = 1;
