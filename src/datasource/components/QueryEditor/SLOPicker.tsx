import React, { useId } from 'react';
import { EditorField } from '@grafana/plugin-ui';
import { Alert, Combobox, TextLink, type ComboboxOption } from '@grafana/ui';

import { sloSummary, sloTitle } from '../../lib/sloCatalog';
import { ALL_SLOS } from '../../lib/sloFilter';
import { hasVariable } from '../../lib/templating';
import type { CatalogState } from './useSLOCatalog';

interface Props {
  value?: string;
  catalog: CatalogState;
  /** `$name` of each dashboard variable: one may hold an SLO id. */
  variables: string[];
  onChange: (sloId: string) => void;
}

/** The first choice: every catalog SLO, one summary row each. */
const ALL_OPTION: ComboboxOption<string> = {
  value: ALL_SLOS,
  label: 'All SLOs',
  description: 'Every SLO of the catalog (narrowed by a label filter), one summary row each, most urgent first',
};

/** Picks an SLO of the catalog by id, all of them, or a variable that holds an id. */
export function SLOPicker({ value, catalog, variables, onChange }: Props) {
  const id = useId();
  const slos = catalog.slos ?? [];
  const picked = slos.find((slo) => slo.id === value);
  const options: Array<ComboboxOption<string>> = [
    ALL_OPTION,
    ...slos.map((slo) => ({ value: slo.id, label: sloTitle(slo), description: sloSummary(slo) })),
    ...variables.map((name) => ({ value: name, label: name, description: 'Dashboard variable', group: 'Variables' })),
  ];
  const unknown =
    value && value !== ALL_SLOS && !picked && !hasVariable(value) && catalog.slos
      ? `No SLO has the id “${value}” in the catalog${slos.length ? ` (${slos.map((s) => s.id).join(', ')})` : ''}.`
      : undefined;

  return (
    <EditorField
      label="SLO"
      tooltip="An SLO of the datasource's catalog, all of them, or a dashboard variable holding an id."
      htmlFor={id}
      invalid={unknown !== undefined}
      error={unknown}
    >
      <Combobox<string>
        id={id}
        width={40}
        placeholder="Choose an SLO"
        loading={catalog.loading}
        options={options}
        value={picked ? picked.id : value || null}
        createCustomValue
        onChange={(option) => onChange(option.value)}
      />
    </EditorField>
  );
}

interface NoticeProps {
  catalog: CatalogState;
  /** The datasource's settings page, where the catalog is edited. */
  settingsUrl: string;
}

/** Why the picker offers nothing: the catalog is empty, or could not be read. */
export function CatalogNotice({ catalog, settingsUrl }: NoticeProps) {
  return (
    <>
      {catalog.error && (
        <Alert severity="warning" title="The SLO catalog could not be read">
          {catalog.error}
        </Alert>
      )}
      {catalog.slos?.length === 0 && (
        <Alert severity="info" title="This datasource's SLO catalog is empty">
          Add SLOs in the <TextLink href={settingsUrl}>datasource settings</TextLink>, or turn on Inline definition to
          define one in this query.
        </Alert>
      )}
    </>
  );
}
