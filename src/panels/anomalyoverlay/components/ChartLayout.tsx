import React, { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { css } from '@emotion/css';
import { ScrollContainer } from '@grafana/ui';

interface Props {
  width: number;
  height: number;
  /** Under the chart, at most 35% of the height, scrolling beyond. */
  legend: ReactNode;
  children: (width: number, height: number) => ReactNode;
}

const styles = {
  viz: css({ flexGrow: 2, minWidth: 0 }),
  legend: css({ maxHeight: '35%' }),
};

/**
 * The chart with its legend below, as @grafana/ui's VizLayout lays them out, but measuring the
 * legend in a layout effect: VizLayout waits for a ResizeObserver, which reports only at the next
 * frame, so the chart was drawn a frame late. A ResizeObserver still follows later changes
 * (wrapping, toggled series).
 */
export function ChartLayout({ width, height, legend, children }: Props) {
  const legendRef = useRef<HTMLDivElement>(null);
  const [legendHeight, setLegendHeight] = useState<number | undefined>(undefined);

  useLayoutEffect(() => {
    const el = legendRef.current!;
    // Fractional, as VizLayout's measure is: a rounded height moved the chart by a pixel.
    const measure = () => setLegendHeight(el.getBoundingClientRect().height);
    measure();
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', width, height }}>
      <div className={styles.viz}>
        {legendHeight !== undefined && children(width, Math.max(0, height - legendHeight) || height)}
      </div>
      <div ref={legendRef} className={styles.legend}>
        <ScrollContainer>{legend}</ScrollContainer>
      </div>
    </div>
  );
}
