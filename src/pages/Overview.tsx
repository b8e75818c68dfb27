import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { LinkButton, Stack, Text, TextLink } from '@grafana/ui';

import { ADD_DATASOURCE_URL, USER_GUIDE_URL } from '../constants';
import { QUERY_TYPE_OPTIONS } from '../datasource/lib/queryTypes';
import { testIds } from '../testIds';

function Overview() {
  return (
    <PluginPage>
      <Stack direction="column" gap={3} data-testid={testIds.overview.container}>
        <Text element="p">
          Claude Enhancer Monitoring brings error budgets, burn-rate alerts and anomaly bands to self-hosted Grafana on
          Prometheus-compatible data. Its datasource, Claude Enhancer Anomaly &amp; SLO, does the work in its backend,
          so the same query gives the same answer in panels, Explore and Grafana Alerting.
        </Text>

        <section aria-labelledby="overview-start">
          <Text element="h2" id="overview-start">
            Get started
          </Text>
          <Text element="p">
            Add the datasource, point it at your Prometheus, Mimir or Thanos URL and save. Then pick it in a panel or in
            Explore and choose a query type.
          </Text>
          <Stack gap={2}>
            <LinkButton href={ADD_DATASOURCE_URL} icon="plus">
              Add the datasource
            </LinkButton>
            {/* A static file, not a page of Grafana's router: a new tab keeps Grafana from routing it. */}
            <LinkButton href={USER_GUIDE_URL} target="_blank" rel="noreferrer" variant="secondary" icon="book">
              Read the documentation
            </LinkButton>
          </Stack>
        </section>

        <section aria-labelledby="overview-query-types">
          <Text element="h2" id="overview-query-types">
            Query types
          </Text>
          <dl>
            {QUERY_TYPE_OPTIONS.map(({ value, label, description }) => (
              <div key={value}>
                <dt>
                  <Text weight="medium">{label}</Text> <code>{value}</code>
                </dt>
                <dd>{description}</dd>
              </div>
            ))}
          </dl>
          <Text element="p">
            Dashboard variables take <code>label_names()</code>, <code>label_values(up, job)</code> and{' '}
            <code>metrics(^node_)</code> queries. The{' '}
            <TextLink href={USER_GUIDE_URL} external>
              user guide
            </TextLink>{' '}
            covers every query type and setting.
          </Text>
        </section>
      </Stack>
    </PluginPage>
  );
}

export default Overview;
