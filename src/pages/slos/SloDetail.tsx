import React, { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { dateMath, dateTimeFormat, type DataFrame } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, EmptyState, LinkButton, Stack, Text, useTheme2 } from '@grafana/ui';

import { alertListUrl, SLOS_URL, sloEditUrl } from '../../constants';
import { sloSummary } from '../../datasource/lib/sloCatalog';
import { BurndownChart } from '../../panels/slobudget/components/BurndownChart';
import { BurnRateTable } from '../../panels/slobudget/components/BurnRateTable';
import { formatPercent } from '../../panels/slobudget/lib/format';
import { parseFrames } from '../../panels/slobudget/lib/parse';
import type { Slo } from '../../panels/slobudget/lib/model';
import { Budget, Exhaustion, FastestBurn, SliVsObjective, State } from '../../components/slo/SloFigures';
import { errorMessage, listSloDatasources, runSloQueries } from '../../lib/grafanaApi';
import { burnRateSeries, exploreUrl, spendingPeriods, type BurnRateSeries } from '../../lib/sloDetail';
import { AlertRulesSection } from './AlertRulesSection';
import { BurnRateHistory } from './BurnRateHistory';
import { Loading } from '../../components/slo/Loading';

/** The SLA dashboard provisioned with the app's demo stack (provisioning/dashboards/sla.json). */
export const SLA_DASHBOARD_URL = '/d/ce-sla';

/** One SLO in full: `/slos/:datasourceUid/:sloId?from=now-24h&to=now` is shareable. */
function SloDetail() {
  const { datasourceUid = '', sloId = '' } = useParams();
  const [search] = useSearchParams();
  const range = { from: search.get('from') ?? 'now-24h', to: search.get('to') ?? 'now' };
  const [ds] = useState(() => listSloDatasources().find((d) => d.uid === datasourceUid));
  const slo = ds?.slos.find((s) => s.id === sloId);
  const [data, setData] = useState<{ slo?: Slo; burnRates: BurnRateSeries[]; error?: string }>();
  const theme = useTheme2();

  useEffect(() => {
    if (!slo) {
      return;
    }
    const from = dateMath.toDateTime(range.from, {}) ?? dateMath.toDateTime('now-24h', {})!;
    const to = dateMath.toDateTime(range.to, { roundUp: true }) ?? dateMath.toDateTime('now', {})!;
    const base = { sloId: slo.id };
    runSloQueries(
      datasourceUid,
      [
        { ...base, refId: 'summary', output: 'summary' },
        { ...base, refId: 'burndown', output: 'burndown' },
        { ...base, refId: 'burnrate', output: 'burnrate' },
      ],
      { from, to }
    ).then(
      ({ frames, errors }) => {
        const of = (refId: string) => frames.filter((f: DataFrame) => f.refId === refId);
        setData({
          slo: parseFrames([...of('summary'), ...of('burndown')])[0],
          burnRates: burnRateSeries(of('burnrate')),
          error: Object.values(errors)[0],
        });
      },
      (e) => setData({ burnRates: [], error: errorMessage(e) })
    );
  }, [datasourceUid, slo, range.from, range.to]);

  if (!ds || !slo) {
    return (
      <PluginPage>
        <EmptyState variant="not-found" message="SLO not found">
          <Stack direction="column" alignItems="center" gap={2}>
            <Text element="p">
              {ds
                ? `${ds.name} has no SLO “${sloId}”.`
                : `No SLO datasource with the uid “${datasourceUid}” is available to you.`}
            </Text>
            <LinkButton href={SLOS_URL}>Back to the SLOs</LinkButton>
          </Stack>
        </EmptyState>
      </PluginPage>
    );
  }

  const summary = data?.slo?.summary;
  const burndown = data?.slo?.burndown;
  const periods = burndown ? spendingPeriods(burndown) : [];
  return (
    <PluginPage pageNav={{ text: slo.name || slo.id }}>
      <Stack direction="column" gap={3}>
        <Stack justifyContent="space-between" wrap="wrap" alignItems="center">
          <Stack direction="column" gap={0.5}>
            <Text element="h2">{slo.name || slo.id}</Text>
            <Text color="secondary">
              {sloSummary(slo)} · {ds.name}
            </Text>
            {slo.description && <Text element="p">{slo.description}</Text>}
          </Stack>
          <Stack gap={1} wrap="wrap">
            <LinkButton variant="secondary" icon="pen" href={sloEditUrl(ds.uid, slo.id)}>
              {ds.readOnly ? 'View the definition' : 'Edit'}
            </LinkButton>
            <LinkButton variant="secondary" icon="apps" href={`${SLA_DASHBOARD_URL}?from=${range.from}&to=${range.to}`}>
              SLA dashboard
            </LinkButton>
            <LinkButton variant="secondary" icon="compass" href={exploreUrl(slo, ds.uid, range)}>
              Explore the SLI
            </LinkButton>
            <LinkButton variant="secondary" icon="bell" href={alertListUrl(slo.id)}>
              Alerts
            </LinkButton>
          </Stack>
        </Stack>
        {!data ? (
          <Loading text="Evaluating the SLO…" />
        ) : (
          <>
            {data.error && (
              <Alert severity="error" title="The backend could not evaluate this SLO">
                {data.error}
              </Alert>
            )}
            <section aria-label="Budget">
              <Stack gap={3} wrap="wrap" alignItems="center">
                <State summary={summary} error={data.error} />
                <div style={{ minWidth: 240, flex: 1 }}>
                  <Budget summary={summary} />
                </div>
                <SliVsObjective summary={summary} />
                <Exhaustion summary={summary} />
                <FastestBurn burnRates={data.slo?.burnRates ?? []} />
              </Stack>
            </section>
            {burndown && (
              <section aria-label="Burndown">
                <Text element="h3">Burndown</Text>
                <BurndownChart burndown={burndown} width={900} height={220} color={theme.colors.primary.main} />
              </section>
            )}
            <section aria-label="Burn-rate pairs">
              <Text element="h3">Burn-rate pairs now</Text>
              <BurnRateTable rates={data.slo?.burnRates ?? []} />
            </section>
            <section aria-label="Burn-rate history">
              <Text element="h3">Burn rate per long window</Text>
              <BurnRateHistory series={data.burnRates} pairs={data.slo?.burnRates ?? []} />
            </section>
            <section aria-label="Where the budget went">
              <Text element="h3">Where the budget went</Text>
              {periods.length === 0 ? (
                <Text color="secondary">No period spent budget in this window.</Text>
              ) : (
                <ol>
                  {periods.map((p) => (
                    <li key={p.start}>
                      {dateTimeFormat(p.start)} – {dateTimeFormat(p.end)}: {formatPercent(p.spent, 1)} of the budget
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
        <section aria-label="Alert rules">
          <Text element="h3">Alert rules</Text>
          <AlertRulesSection slo={slo} datasourceUid={ds.uid} />
        </section>
      </Stack>
    </PluginPage>
  );
}

export default SloDetail;
