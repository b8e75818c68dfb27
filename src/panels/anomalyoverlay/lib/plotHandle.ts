import type uPlot from 'uplot';

/**
 * What the chart's uPlot hooks read after the config is built: the current x range, the plot
 * instance and a draw listener. Held outside React state, so a zoom moves the scale without
 * rebuilding the config (which would re-create the plot).
 */
export class PlotHandle {
  private range: [number, number];
  private plot: uPlot | null = null;
  private onDraw?: (u: uPlot) => void;

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

  /** Moves the x scale to a new range (zoom, time picker); the config's range function then returns it. */
  setRange(from: number, to: number) {
    if (from === this.range[0] && to === this.range[1]) {
      return;
    }
    this.range = [from, to];
    this.plot?.setScale('x', { min: from, max: to });
  }
}
