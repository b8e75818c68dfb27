import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { ScrollContainer, useStyles2, useTheme2 } from '@grafana/ui';

import { ratioDisplay } from '../lib/display';
import { drilldownHref } from '../lib/links';
import type { Slo } from '../lib/model';
import { pickSlo, resolveMode, sortSlos } from '../lib/order';
import { parseFrames, remainingRatio } from '../lib/parse';
import { testIds } from '../testIds';
import type { Options } from '../types';
import { singleLayout } from '../lib/layout';
import { CompactView, StatView } from './CompactView';
import { ListView } from './ListView';
import { SingleView, type SloLook } from './SingleView';

const NOT_SLO_FRAMES =
  'No SLO data in this query result: use the Anomaly & SLO datasource’s SLO query with the summary, burn-rate or burndown output';

/** The SLA-budget panel: one SLO in full, or a list of them sorted by remaining budget. */
export function SloBudgetPanel(props: PanelProps<Options>) {
  const { id, data, options, fieldConfig, width, height, replaceVariables, timeZone } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const slos = useMemo(() => parseFrames(data.series), [data.series]);

  if (slos.length === 0) {
    return (
      <PanelDataErrorView
        panelId={id}
        data={data}
        fieldConfig={fieldConfig}
        message={data.series.length > 0 ? NOT_SLO_FRAMES : undefined}
      />
    );
  }

  const lookOf = (slo: Slo): SloLook => ({
    display: ratioDisplay(theme, fieldConfig.defaults, slo.ratioConfig)(remainingRatio(slo)),
    href: drilldownHref(options.drilldownUrl ?? '', slo.id, replaceVariables),
  });
  const mode = resolveMode(options.mode ?? 'auto', slos.length);
  const slo = mode === 'single' ? pickSlo(slos, options.sloId ?? '') : undefined;
  const layout = singleLayout(width, height);

  return (
    <div className={styles.root} style={{ width, height }} data-testid={testIds.panel}>
      {/* Shadows show that there is more to scroll to (jsdom has no IntersectionObserver for them). */}
      <ScrollContainer showScrollIndicators={typeof IntersectionObserver !== 'undefined'} overflowX="hidden">
        {slo && layout === 'stat' ? (
          <StatView slo={slo} look={lookOf(slo)} height={height} />
        ) : slo && layout === 'compact' ? (
          <CompactView slo={slo} look={lookOf(slo)} width={width} height={height} />
        ) : slo ? (
          <SingleView
            slo={slo}
            look={lookOf(slo)}
            width={width}
            height={height}
            showBurndown={options.showBurndown ?? true}
            showBurnRates={options.showBurnRates ?? true}
            timeZone={timeZone}
          />
        ) : (
          <ListView slos={sortSlos(slos, options.sortBy ?? 'remaining')} lookOf={lookOf} width={width} />
        )}
      </ScrollContainer>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    color: theme.colors.text.primary,
  }),
});
