import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { DataSourceSettings, GrafanaTheme2 } from '@grafana/data';
import { ConfigSection } from '@grafana/plugin-ui';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';

import { hasProblems, validateCatalog } from '../../lib/sloCatalog';
import { changedFieldErrors, NEW_SLO_DRAFT, parseDraft, sloToDraft, type SLODraft } from '../../lib/sloForm';
import { SEED_SLOS, withSeedSlos } from '../../lib/seedSlos';
import type { AnomalyDataSourceOptions, AnomalySecureJsonData, SLO } from '../../types';
import { SLOForm } from '../SLOForm/SLOForm';
import { SLOCatalogTable } from './SLOCatalogTable';

type Settings = DataSourceSettings<AnomalyDataSourceOptions, AnomalySecureJsonData>;

interface Props {
  options: Settings;
  onOptionsChange: (options: Settings) => void;
}

interface Editing {
  /** The entry being edited; undefined for a new one. */
  index?: number;
  initial: SLODraft;
  draft: SLODraft;
  /** Apply was pressed: every problem shows, not only those of changed fields. */
  attempted: boolean;
}

/**
 * jsonData.slos: the SLOs queries and alert rules name by id. An entry is edited in a form and
 * reaches the settings only when it is valid, since the backend refuses a catalog with an invalid entry.
 */
export function SLOCatalogSection({ options, onOptionsChange }: Props) {
  const styles = useStyles2(getStyles);
  const slos = options.jsonData.slos ?? [];
  const [editing, setEditing] = useState<Editing>();
  const setSlos = (next: SLO[]) => onOptionsChange({ ...options, jsonData: { ...options.jsonData, slos: next } });

  const edit = (index?: number) => {
    const initial = index === undefined ? NEW_SLO_DRAFT : sloToDraft(slos[index]);
    setEditing({ index, initial, draft: initial, attempted: index !== undefined });
  };
  const remove = (index: number) => {
    setSlos(slos.filter((_, i) => i !== index));
    if (editing?.index === index) {
      setEditing(undefined);
    } else if (editing?.index !== undefined && editing.index > index) {
      setEditing({ ...editing, index: editing.index - 1 });
    }
  };

  const takenIds = slos.filter((_, i) => i !== editing?.index).map((slo) => slo.id);
  const parsed = editing && parseDraft(editing.draft, { takenIds });
  const apply = () => {
    if (!editing || !parsed) {
      return;
    }
    if (!parsed.slo || hasProblems(parsed.errors)) {
      setEditing({ ...editing, attempted: true });
      return;
    }
    const slo = parsed.slo as SLO; // validated: it has an id
    setSlos(editing.index === undefined ? [...slos, slo] : slos.map((s, i) => (i === editing.index ? slo : s)));
    setEditing(undefined);
  };
  const seeded = SEED_SLOS.every((seed) => slos.some((slo) => slo.id === seed.id));

  return (
    <ConfigSection
      title="SLO catalog"
      description="SLOs that queries and alert rules name by id. Applied changes are stored with Save & test."
    >
      {slos.length > 0 ? (
        <SLOCatalogTable slos={slos} problems={validateCatalog(slos)} onEdit={edit} onRemove={remove} />
      ) : (
        // Not an Alert: Grafana shows the Save & test result as one, and this is no news.
        <p className={styles.empty}>
          The catalog is empty. Add an SLO, or the seed SLAs: availability 99.9 % over 30 days, latency P95 &lt; 200 ms
          over 7 days, error rate &lt; 0.1 % over 24 hours.
        </p>
      )}
      {editing && parsed ? (
        <Stack direction="column" gap={2}>
          <SLOForm
            draft={editing.draft}
            errors={
              editing.attempted ? parsed.errors : changedFieldErrors(parsed.errors, editing.draft, editing.initial)
            }
            onChange={(draft) => setEditing({ ...editing, draft })}
          />
          {editing.attempted && hasProblems(parsed.errors) && (
            <Alert severity="error" title="Fix the fields marked above to apply this SLO." />
          )}
          <Stack gap={1}>
            <Button onClick={apply}>Apply</Button>
            <Button variant="secondary" onClick={() => setEditing(undefined)}>
              Cancel
            </Button>
          </Stack>
        </Stack>
      ) : (
        <Stack gap={1}>
          <Button icon="plus" variant="secondary" onClick={() => edit()}>
            Add SLO
          </Button>
          <Button
            variant="secondary"
            disabled={seeded}
            tooltip={seeded ? 'The catalog holds them.' : 'Availability, latency-p95 and error-rate.'}
            onClick={() => setSlos(withSeedSlos(slos))}
          >
            Add the seed SLAs
          </Button>
        </Stack>
      )}
    </ConfigSection>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  empty: css({ color: theme.colors.text.secondary }),
});
