import React from 'react';
import type { SelectableValue } from '@grafana/data';
import { Stack } from '@grafana/ui';

import type { GapPolicy, SLIKind } from '../../types';
import { ChoiceField, TextField, type DraftPartProps } from './FormFields';

const KINDS: Array<SelectableValue<SLIKind>> = [
  { value: 'ratio', label: 'Ratio', description: 'Good (or bad) events over all events, from counters.' },
  { value: 'latency', label: 'Latency', description: 'Share of requests at most a threshold, from a histogram.' },
  { value: 'availability', label: 'Availability', description: 'Share of time a 0/1 series such as up is 1.' },
];

const EVENTS: Array<SelectableValue<'good' | 'bad'>> = [
  { value: 'good', label: 'Good' },
  { value: 'bad', label: 'Bad' },
];

const GAPS: Array<SelectableValue<GapPolicy>> = [
  { value: 'down', label: 'Count as down', description: 'What cannot be seen is not known to be available.' },
  { value: 'ignore', label: 'Ignore', description: 'Time without samples counts neither way.' },
];

/** The SLI: its kind, then the fields of that kind. */
export function SLIFields({ draft, errors, onChange, onBlur }: DraftPartProps) {
  const events = draft.ratioEvents;
  return (
    <Stack direction="column" gap={2}>
      <ChoiceField
        label="SLI kind"
        description={KINDS.find((k) => k.value === draft.kind)?.description}
        options={KINDS.map(({ value, label }) => ({ value, label }))}
        value={draft.kind}
        error={errors.kind}
        onChange={(kind) => onChange({ kind }, true)}
      />
      {draft.kind === 'ratio' && (
        <>
          <ChoiceField
            label="Counted events"
            options={EVENTS}
            value={events}
            onChange={(ratioEvents) => onChange({ ratioEvents }, true)}
          />
          <TextField
            label={events === 'good' ? 'Good events' : 'Bad events'}
            description="A counter selector; the backend sums its increase per bucket."
            placeholder={events === 'good' ? 'http_requests_total{code!~"5.."}' : 'http_requests_total{code=~"5.."}'}
            value={draft[events]}
            error={errors[events] ?? errors[events === 'good' ? 'bad' : 'good']}
            onChange={(text) => onChange({ [events]: text })}
            onBlur={onBlur}
          />
          <TextField
            label="Total events"
            placeholder="http_requests_total"
            value={draft.total}
            error={errors.total}
            onChange={(total) => onChange({ total })}
            onBlur={onBlur}
          />
        </>
      )}
      {draft.kind === 'latency' && (
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          <TextField
            label="Histogram"
            description="Metric name of a classic histogram, without _bucket."
            placeholder="http_request_duration_seconds"
            width={40}
            value={draft.histogram}
            error={errors.histogram}
            onChange={(histogram) => onChange({ histogram })}
            onBlur={onBlur}
          />
          <TextField
            label="Threshold"
            description="Seconds; a bucket boundary (le) of the histogram."
            placeholder="0.2"
            width={12}
            suffix="s"
            value={draft.threshold}
            error={errors.threshold}
            onChange={(threshold) => onChange({ threshold })}
            onBlur={onBlur}
          />
          <TextField
            label="Selector"
            description="Optional label matchers."
            placeholder='{job="api"}'
            width={30}
            value={draft.selector}
            error={errors.selector}
            onChange={(selector) => onChange({ selector })}
            onBlur={onBlur}
          />
        </Stack>
      )}
      {draft.kind === 'availability' && (
        <>
          <TextField
            label="Up series"
            description="PromQL of a series that is 1 when up and 0 when down."
            placeholder='up{job="api"}'
            value={draft.expr}
            error={errors.expr}
            onChange={(expr) => onChange({ expr })}
            onBlur={onBlur}
          />
          <ChoiceField
            label="Gaps"
            description={GAPS.find((g) => g.value === draft.gaps)?.description}
            options={GAPS.map(({ value, label }) => ({ value, label }))}
            value={draft.gaps}
            error={errors.gaps}
            onChange={(gaps) => onChange({ gaps }, true)}
          />
        </>
      )}
    </Stack>
  );
}
