import React, { useEffect, useState } from 'react';
import { Button, Combobox, Field, Stack, Text } from '@grafana/ui';

import type { SLODraft } from '../../datasource/lib/sloForm';
import { datasourceResource, errorMessage } from '../../lib/grafanaApi';

interface Props {
  datasourceUid: string;
  draft: SLODraft;
  onChange: (patch: Partial<SLODraft>) => void;
}

const HISTOGRAM_SUFFIX = '_bucket';

/**
 * Completion from the datasource's resources: pick a metric (histograms for a latency SLI), then a
 * label and a value to narrow it; "Use" fills the SLI's fields of the chosen kind.
 */
export function MetricHelper({ datasourceUid, draft, onChange }: Props) {
  const [metrics, setMetrics] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [metric, setMetric] = useState<string | null>(null);
  const [labels, setLabels] = useState<string[]>([]);
  const [label, setLabel] = useState<string | null>(null);
  const [values, setValues] = useState<string[]>([]);
  const [value, setValue] = useState<string | null>(null);

  useEffect(() => {
    datasourceResource(datasourceUid, 'metrics').then(setMetrics, (e) => setError(errorMessage(e)));
  }, [datasourceUid]);
  // Choosing a metric clears the label and value (in the Comboboxes' onChange), then this loads.
  useEffect(() => {
    if (metric) {
      datasourceResource(datasourceUid, 'labels', { match: metric }).then(
        (names) => setLabels(names.filter((n) => n !== '__name__' && n !== 'le')),
        (e) => setError(errorMessage(e))
      );
    }
  }, [datasourceUid, metric]);
  useEffect(() => {
    if (metric && label) {
      datasourceResource(datasourceUid, 'label-values', { label, match: metric }).then(setValues, (e) =>
        setError(errorMessage(e))
      );
    }
  }, [datasourceUid, metric, label]);

  const shown =
    draft.kind === 'latency'
      ? metrics.filter((m) => m.endsWith(HISTOGRAM_SUFFIX)).map((m) => m.slice(0, -HISTOGRAM_SUFFIX.length))
      : metrics;
  const matcher = label && value ? `{${label}="${value.replace(/["\\]/g, '\\$&')}"}` : '';

  const use = () => {
    if (!metric) {
      return;
    }
    switch (draft.kind) {
      case 'latency':
        onChange({ histogram: metric, selector: matcher });
        break;
      case 'availability':
        onChange({ expr: `${metric}${matcher}` });
        break;
      case 'ratio':
        onChange({ total: `${metric}${matcher}` });
        break;
    }
  };

  return (
    <Stack direction="column" gap={1}>
      <Stack gap={2} wrap="wrap" alignItems="flex-end">
        <Field label={draft.kind === 'latency' ? 'Histogram' : 'Metric'} noMargin>
          <Combobox
            aria-label="Metric"
            width={40}
            placeholder={error ? 'metrics unavailable' : 'Search the metrics'}
            options={shown.map((m) => ({ value: m }))}
            value={metric}
            onChange={(o) => {
              setMetric(o?.value ?? null);
              setLabels([]);
              setLabel(null);
              setValues([]);
              setValue(null);
            }}
            isClearable
          />
        </Field>
        <Field label="Label" noMargin>
          <Combobox
            aria-label="Label"
            width={20}
            options={labels.map((l) => ({ value: l }))}
            value={label}
            onChange={(o) => {
              setLabel(o?.value ?? null);
              setValues([]);
              setValue(null);
            }}
            disabled={labels.length === 0}
            isClearable
          />
        </Field>
        <Field label="Value" noMargin>
          <Combobox
            aria-label="Label value"
            width={24}
            options={values.map((v) => ({ value: v }))}
            value={value}
            onChange={(o) => setValue(o?.value ?? null)}
            disabled={values.length === 0}
            isClearable
          />
        </Field>
        <Button variant="secondary" onClick={use} disabled={!metric}>
          Use {draft.kind === 'ratio' ? 'as total' : draft.kind === 'latency' ? 'as histogram' : 'as expression'}
        </Button>
      </Stack>
      {error && (
        <Text color="warning" variant="bodySmall">
          Metric names could not be loaded: {error}. Type the PromQL below.
        </Text>
      )}
    </Stack>
  );
}
