import React, { useEffect, useState } from 'react';
import { PluginPage } from '@grafana/runtime';
import { Icon, LinkButton, Stack, Text } from '@grafana/ui';

import { ADD_DATASOURCE_URL, datasourceSettingsUrl, sloDetailUrl, sloEditUrl } from '../constants';
import {
  datasourceHealth,
  getAppSettings,
  listContactPoints,
  listProvisionedRules,
  listSloDatasources,
} from '../lib/grafanaApi';
import { setupChecks, type Check } from '../lib/setupChecks';
import { Loading } from '../components/slo/Loading';

const ICONS = { done: 'check-circle', todo: 'exclamation-circle', unknown: 'question-circle' } as const;
const COLORS = { done: 'success', todo: 'warning', unknown: 'secondary' } as const;

/** What is set up and what is missing, each with a link to fix it. */
function GettingStarted() {
  const [checks, setChecks] = useState<Check[]>();

  useEffect(() => {
    const datasources = listSloDatasources();
    const optional = <T,>(p: Promise<T>) => p.catch(() => undefined);
    Promise.all([
      optional(getAppSettings()),
      Promise.all(datasources.map((ds) => datasourceHealth(ds.uid).then((h) => [ds.uid, h] as const))),
      optional(listContactPoints()),
      optional(listProvisionedRules()),
    ]).then(([app, health, contactPoints, rules]) =>
      setChecks(
        setupChecks(
          { appEnabled: app?.enabled, datasources, health: Object.fromEntries(health), contactPoints, rules },
          {
            addDatasource: ADD_DATASOURCE_URL,
            settings: datasourceSettingsUrl,
            newSlo: sloEditUrl(datasources.find((d) => !d.readOnly)?.uid ?? datasources[0]?.uid),
            detail: sloDetailUrl,
          }
        )
      )
    );
  }, []);

  return (
    <PluginPage>
      <Stack direction="column" gap={2}>
        <Text element="h2">Getting started</Text>
        {!checks ? (
          <Loading text="Checking the setup…" />
        ) : (
          <ol aria-label="Setup checklist" style={{ listStyle: 'none', padding: 0 }}>
            {checks.map((c) => (
              <li key={c.id} aria-label={`${c.title}: ${c.status}`} style={{ marginBottom: 16 }}>
                <Stack gap={2} alignItems="flex-start">
                  <Text color={COLORS[c.status]}>
                    <Icon name={ICONS[c.status]} size="lg" title={c.status} />
                  </Text>
                  <Stack direction="column" gap={0.5}>
                    <Text weight="medium">{c.title}</Text>
                    <Text color="secondary">{c.detail}</Text>
                    {c.fix && (
                      <div>
                        <LinkButton size="sm" href={c.fix.href}>
                          {c.fix.label}
                        </LinkButton>
                      </div>
                    )}
                  </Stack>
                </Stack>
              </li>
            ))}
          </ol>
        )}
      </Stack>
    </PluginPage>
  );
}

export default GettingStarted;
