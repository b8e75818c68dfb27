import type { Page } from '@playwright/test';

/** A canvas drawing call the panel made, in canvas pixels. */
export type CanvasOp =
  /** A filled circle drawn with the 2D context's own arc (the overlay's markers; uPlot draws into Path2D). */
  | { kind: 'disc'; x: number; y: number; r: number; color: string }
  /** A stroked path: its dash pattern, colour, number of points and horizontal extent. */
  | { kind: 'stroke'; dash: number[]; color: string; points: number; minX: number; maxX: number }
  | { kind: 'text'; text: string; x: number; y: number; width: number };

declare global {
  interface Window {
    /** The calls of the canvas' last full draw (from its last clearRect of the whole canvas). */
    canvasOps?: (canvas: HTMLCanvasElement) => CanvasOp[];
  }
}

/**
 * Records what the page draws on its canvases, so a test can assert where markers, dashed lines
 * and labels are rather than compare pixels: wraps the 2D context's arc, fill, stroke, fillText
 * and the x of every moveTo and lineTo, per canvas, from its last clear of the whole canvas
 * (uPlot clears before each draw). Runs before the page's scripts.
 */
export async function recordCanvas(page: Page) {
  await page.addInitScript(() => {
    type Xs = { xs?: number[] };
    const log = new WeakMap<HTMLCanvasElement, CanvasOp[]>();
    const pending = new WeakMap<
      CanvasRenderingContext2D,
      { arc?: { x: number; y: number; r: number }; xs: number[] }
    >();
    const state = (ctx: CanvasRenderingContext2D) => {
      let s = pending.get(ctx);
      if (!s) {
        s = { xs: [] };
        pending.set(ctx, s);
      }
      return s;
    };
    const push = (ctx: CanvasRenderingContext2D, op: CanvasOp) => {
      const ops = log.get(ctx.canvas) ?? [];
      ops.push(op);
      log.set(ctx.canvas, ops);
    };
    const C = CanvasRenderingContext2D.prototype;
    const P = Path2D.prototype;
    for (const name of ['moveTo', 'lineTo'] as const) {
      const onPath = P[name];
      P[name] = function (this: Path2D & Xs, x: number, y: number) {
        (this.xs ??= []).push(x);
        return onPath.call(this, x, y);
      };
      const onCtx = C[name];
      C[name] = function (this: CanvasRenderingContext2D, x: number, y: number) {
        state(this).xs.push(x);
        return onCtx.call(this, x, y);
      };
    }
    const { beginPath, arc, fill, stroke, fillText, clearRect } = C;
    C.beginPath = function () {
      pending.set(this, { xs: [] });
      return beginPath.call(this);
    };
    C.arc = function (this: CanvasRenderingContext2D, x: number, y: number, r: number, ...rest: [number, number]) {
      state(this).arc = { x, y, r };
      return arc.call(this, x, y, r, ...rest);
    };
    C.fill = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      const s = state(this);
      if (args.length === 0 && s.arc) {
        push(this, { kind: 'disc', ...s.arc, color: String(this.fillStyle) });
      }
      return (fill as (...a: unknown[]) => void).apply(this, args);
    };
    C.stroke = function (this: CanvasRenderingContext2D, path?: Path2D & Xs) {
      const xs = path ? (path.xs ?? []) : state(this).xs;
      if (xs.length > 0) {
        push(this, {
          kind: 'stroke',
          dash: this.getLineDash(),
          color: String(this.strokeStyle),
          points: xs.length,
          minX: Math.min(...xs),
          maxX: Math.max(...xs),
        });
      }
      return (stroke as (...a: unknown[]) => void).apply(this, path ? [path] : []);
    };
    C.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
      push(this, { kind: 'text', text, x, y, width: this.measureText(text).width });
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
    C.clearRect = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
      if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height) {
        log.set(this.canvas, []);
      }
      return clearRect.call(this, x, y, w, h);
    };
    window.canvasOps = (canvas) => log.get(canvas) ?? [];
  });
}
