import React, { type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { CoreApp, createTheme, ThemeContext } from '@grafana/data';
import { setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { Alert, GlobalStyles } from '@grafana/ui';

import { fakeTemplateSrv } from '../../../src/datasource/testing/fakeTemplateSrv';
import { harnessBackendSrv } from './backendSrv';
import { fixtureRange, loadFixture, newDataSource, type FixtureInfo } from './env';
import { Page } from './Page';
import { ANOMALY_QUERY, AnomalyPage, spikeRange } from './pages/AnomalyPage';
import { AppPage, harnessGrafana } from './pages/AppPage';
import { BenchPage } from './pages/BenchPage';
import { DemoOverlayPage, demoRange, parseDemoPage } from './pages/DemoOverlayPage';
import { ConfigEditorPage } from './pages/ConfigEditorPage';
import { OverlayPage, overlayRange, type OverlayView } from './pages/OverlayPage';
import { QueryEditorPage } from './pages/QueryEditorPage';
import { SERIES_QUERY, SeriesPage } from './pages/SeriesPage';
import { SloBudgetPage, type SloBudgetView } from './pages/SloBudgetPage';
import { StockBandsPage } from './pages/StockBandsPage';

// The services Grafana provides to plugins: HTTP goes to the devserver; no dashboard variables.
setBackendSrv(harnessBackendSrv());
setTemplateSrv(fakeTemplateSrv());

/** Pages by URL hash; `?theme=dark` switches the theme. */
function render(page: string, fixture: FixtureInfo): ReactNode {
  if (page.startsWith('app/')) {
    // The app's pages against a fake Grafana in front of the devserver (pages/AppPage.tsx).
    const grafana = harnessGrafana();
    setBackendSrv(grafana.backendSrv());
    setDataSourceSrv(grafana.dataSourceSrv());
    return (
      <Page title="Claude Enhancer Monitoring" subtitle="The app's SLO pages, over the devserver's fixture">
        <AppPage path={page.slice('app'.length)} />
      </Page>
    );
  }
  const demo = parseDemoPage(page);
  if (demo) {
    const fx = fixture.fixtures?.demo;
    if (!fx) {
      throw new Error('the devserver serves no demo fixture: start it with --fixture default,anomaly,demo');
    }
    return (
      <Page
        title="Anomaly overlay over the demo"
        subtitle="The demo generator's history with its incidents, through the backend's detectors and Prometheus"
      >
        <DemoOverlayPage
          datasource={newDataSource(fx.uid)}
          range={demoRange(fx, demo.demoCase)}
          demoCase={demo.demoCase}
          view={demo.view}
        />
      </Page>
    );
  }
  const datasource = newDataSource();
  switch (page) {
    case 'series':
      return (
        <Page
          title="Series query"
          subtitle={`${SERIES_QUERY.expr} with legend ${SERIES_QUERY.legendFormat}, answered by the Go backend from Prometheus`}
        >
          <SeriesPage datasource={datasource} range={fixtureRange(fixture, 6)} width={1152} height={480} />
        </Page>
      );
    case 'anomaly': {
      const anomaly = fixture.fixtures?.anomaly;
      if (!anomaly) {
        throw new Error('the devserver serves no anomaly fixture: start it with --fixture default,anomaly');
      }
      return (
        <Page
          title="Anomaly detection"
          subtitle={`The backend's ${ANOMALY_QUERY.queryType} query: expected band, baseline and flagged points, with its events below`}
        >
          <AnomalyPage datasource={newDataSource(anomaly.uid)} range={spikeRange(anomaly)} width={1152} height={480} />
        </Page>
      );
    }
    case 'query-editor':
      return (
        <Page title="Query editor" subtitle="PromQL with metric, label and value completion from the server">
          <QueryEditorPage datasource={datasource} range={fixtureRange(fixture, 6)} />
        </Page>
      );
    case 'rule-query-editor':
      return (
        <Page
          title="Query editor in an alert rule"
          subtitle="As Grafana's rule editor shows it: only the outputs rules can use, and what their number means"
        >
          <QueryEditorPage datasource={datasource} range={fixtureRange(fixture, 6)} app={CoreApp.UnifiedAlerting} />
        </Page>
      );
    case 'config-editor':
      return (
        <Page title="Data source settings" subtitle="Connection, authentication, custom headers and query settings">
          <ConfigEditorPage datasource={datasource} prometheusURL={fixture.prometheus} />
        </Page>
      );
    case 'slobudget':
    case 'slobudget-list':
    case 'slobudget-phone':
    case 'slobudget-compact': {
      const views: Record<string, SloBudgetView> = {
        slobudget: 'single',
        'slobudget-list': 'list',
        'slobudget-phone': 'phone',
        'slobudget-compact': 'compact',
      };
      const view = views[page];
      return (
        <Page
          title="SLA budget"
          subtitle="Error budgets from the backend's slo query type: summary, burndown, burn rates"
        >
          <SloBudgetPage view={view} range={fixtureRange(fixture, 6)} />
        </Page>
      );
    }
    case 'anomalyoverlay':
    case 'anomalyoverlay-grid':
    case 'anomalyoverlay-score':
    case 'stock-bands': {
      const anomaly = fixture.fixtures?.anomaly;
      if (!anomaly) {
        throw new Error('the devserver serves no anomaly fixture: start it with --fixture default,anomaly');
      }
      const ds = newDataSource(anomaly.uid);
      if (page === 'stock-bands') {
        return (
          <Page
            title="Bands in a stock time series panel"
            subtitle="The backend's bands output with its own field config only"
          >
            <StockBandsPage datasource={ds} range={overlayRange(anomaly)} />
          </Page>
        );
      }
      const view: OverlayView =
        page === 'anomalyoverlay-grid' ? 'grid' : page === 'anomalyoverlay-score' ? 'score' : 'full';
      return (
        <Page
          title="Anomaly overlay"
          subtitle="Expected band, baseline and anomalies by score, from the backend's anomaly query over Prometheus"
        >
          <OverlayPage datasource={ds} range={overlayRange(anomaly)} view={view} />
        </Page>
      );
    }
    case 'overlay-bench':
      return <BenchPage />;
    default:
      return (
        <Alert title={`Unknown page "${page}"`}>
          Use #app/slos (or another app route), #series, #anomaly, #query-editor, #rule-query-editor, #config-editor,
          #slobudget, #slobudget-list, #slobudget-phone, #slobudget-compact, #anomalyoverlay, #anomalyoverlay-grid,
          #anomalyoverlay-score, #demo-overlay/spike/full (or burst, trend, forecast; grid, phone), #stock-bands or
          #overlay-bench.
        </Alert>
      );
  }
}

async function main() {
  const mode = new URLSearchParams(window.location.search).get('theme') === 'dark' ? 'dark' : 'light';
  const theme = createTheme({ colors: { mode } });
  const page = window.location.hash.replace(/^#/, '');
  const root = createRoot(document.getElementById('root')!);
  let content: ReactNode;
  try {
    content = render(page, await loadFixture());
  } catch (e) {
    content = <Alert title="The harness could not start">{String(e)}</Alert>;
  }
  root.render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      {content}
    </ThemeContext.Provider>
  );
}

main();
