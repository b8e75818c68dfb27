import React, { useMemo, useState } from 'react';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, EmptyState, Input, LinkButton, RadioButtonGroup, Stack, Text, TextLink } from '@grafana/ui';

import { ADD_DATASOURCE_URL, datasourceSettingsUrl, GETTING_STARTED_URL, sloEditUrl } from '../../constants';
import { byUrgency, labelValues, matchesFilter } from '../../lib/sloRows';
import { SloTable } from './SloTable';
import { useSloRows } from './useSloRows';
import { Loading } from '../../components/slo/Loading';

/** Every SLO of every datasource of ours, most urgent first. */
function SlosHome() {
  const { loading, datasources, rows, datasourceErrors, alertsError, reload } = useSloRows();
  const [filter, setFilter] = useState('');
  const [service, setService] = useState('');
  const services = useMemo(() => labelValues(rows, 'service'), [rows]);
  const shown = useMemo(
    () =>
      rows
        .filter((r) => matchesFilter(r, filter) && (service === '' || r.slo.labels?.service === service))
        .sort(byUrgency),
    [rows, filter, service]
  );
  const editable = datasources.find((ds) => !ds.readOnly);

  return (
    <PluginPage>
      <Stack direction="column" gap={2}>
        {loading ? (
          <Loading text="Evaluating every SLO…" />
        ) : datasources.length === 0 ? (
          <EmptyState variant="call-to-action" message="No SLO datasource yet">
            <Stack direction="column" gap={2} alignItems="center">
              <Text element="p">
                SLOs live in a Claude Enhancer Anomaly &amp; SLO datasource. Add one and point it at your Prometheus,
                then come back to define SLOs.
              </Text>
              <Stack gap={1}>
                <LinkButton href={ADD_DATASOURCE_URL} icon="plus">
                  Add the datasource
                </LinkButton>
                <LinkButton href={GETTING_STARTED_URL} variant="secondary">
                  Getting started
                </LinkButton>
              </Stack>
            </Stack>
          </EmptyState>
        ) : (
          <>
            {datasourceErrors.map(({ datasource, message }) => (
              <Alert key={datasource.uid} severity="error" title={`Could not evaluate the SLOs of ${datasource.name}`}>
                {message}. Check the connection on the{' '}
                <TextLink href={datasourceSettingsUrl(datasource.uid)}>datasource&apos;s settings</TextLink> (Save &amp;
                test), then{' '}
                <TextLink href="#" onClick={(e) => (e.preventDefault(), reload())}>
                  try again
                </TextLink>
                .
              </Alert>
            ))}
            {alertsError && (
              <Alert severity="info" title="Alert states are not shown">
                Grafana&apos;s alerting API answered: {alertsError}. Reading alert states needs the alert.rules:read
                permission.
              </Alert>
            )}
            {rows.length === 0 ? (
              <EmptyState variant="call-to-action" message="No SLOs defined yet">
                <Stack direction="column" gap={2} alignItems="center">
                  <Text element="p">
                    {editable
                      ? 'Define an objective for a ratio of good events, a latency threshold or the uptime of a target.'
                      : 'Every SLO datasource is provisioned from a file: the wizard shows the YAML to add to it.'}
                  </Text>
                  <LinkButton href={sloEditUrl(editable?.uid ?? datasources[0].uid)} icon="plus">
                    Create an SLO
                  </LinkButton>
                </Stack>
              </EmptyState>
            ) : (
              <>
                <Stack gap={2} wrap="wrap" alignItems="center">
                  <LinkButton icon="plus" href={sloEditUrl(editable?.uid ?? datasources[0].uid)}>
                    New SLO
                  </LinkButton>
                  <Input
                    aria-label="Filter SLOs"
                    prefix={<span aria-hidden>⌕</span>}
                    placeholder="Filter by name or label, e.g. service=auth"
                    value={filter}
                    onChange={(e) => setFilter(e.currentTarget.value)}
                    width={40}
                  />
                  {services.length > 1 && (
                    <RadioButtonGroup
                      aria-label="Service"
                      options={[{ label: 'All services', value: '' }, ...services.map((s) => ({ label: s, value: s }))]}
                      value={service}
                      onChange={setService}
                    />
                  )}
                </Stack>
                {shown.length === 0 ? (
                  <EmptyState variant="not-found" message="No SLO matches the filter">
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setFilter('');
                        setService('');
                      }}
                    >
                      Clear the filter
                    </Button>
                  </EmptyState>
                ) : (
                  <SloTable rows={shown} />
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </PluginPage>
  );
}

export default SlosHome;
