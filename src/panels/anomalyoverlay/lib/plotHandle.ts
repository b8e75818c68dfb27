import type uPlot from 'uplot';
import type { AlignedData } from 'uplot';

/** The data uPlot draws for an x range (see plotView). */
export type ViewFor = (from: number, to: number) => AlignedData;

/**
 * What the chart's uPlot hooks read after the config is built: the current x range, the plot
 * instance and a draw listener. Held outside React state, so a zoom moves the scale without
 * rebuilding the config (which would re-create the plot).
 */
export class PlotHandle {
  private range: [number, number];
  private plot: uPlot | null = null;
  private onDraw?: (u: uPlot) => void;
  private viewFor?: ViewFor;

  constructor(from: number, to: number) {
    this.range = [from, to];
  }

  readonly getRange = (): [number, number] => this.range;

  readonly attach = (u: uPlot) => {
    this.plot = u;
  };

  readonly drawn = (u: uPlot) => this.onDraw?.(u);

  listen(onDraw: ((u: uPlot) => void) | undefined) {
    this.onDraw = onDraw;
  }

  /** How to get the data for a new range: decimated again for it, or all points when few are in it. */
  setView(viewFor: ViewFor | undefined) {
    this.viewFor = viewFor;
  }

  /** Moves the x scale to a new range (zoom, time picker); the config's range function then returns it. */
  setRange(from: number, to: number) {
    if (from === this.range[0] && to === this.range[1]) {
      return;
    }
    this.range = [from, to];
    const u = this.plot;
    if (!u) {
      return;
    }
    const data = this.viewFor?.(from, to);
    if (data && data !== u.data) {
      u.setData(data, false);
    }
    u.setScale('x', { min: from, max: to });
  }
}
