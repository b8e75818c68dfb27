/** `auto` shows one SLO in full when the queries return one, and the list when they return several. */
export type DisplayMode = 'auto' | 'single' | 'list';

/** Order of the list: least remaining budget first, by name, or by state (breaching first). */
export type SortBy = 'remaining' | 'name' | 'state';

/** The panel's options (Panel options → SLA budget). */
export interface Options {
  mode: DisplayMode;
  /** Single mode: the SLO to show when the queries return several; empty means the one with the least budget left. */
  sloId: string;
  sortBy: SortBy;
  showBurndown: boolean;
  showBurnRates: boolean;
  /** Link on each SLO's name; `${slo}` is its id, `${__url_time_range}` the dashboard's range, plus dashboard variables. */
  drilldownUrl: string;
}

export const DEFAULT_OPTIONS: Options = {
  mode: 'auto',
  sloId: '',
  sortBy: 'remaining',
  showBurndown: true,
  showBurnRates: true,
  drilldownUrl: '',
};
