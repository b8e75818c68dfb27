import React from 'react';
import type { TimeRange } from '@grafana/data';
import { EditorRow, EditorRows } from '@grafana/plugin-ui';

import type { DataSource } from '../../datasource';
import {
  DETECTION_DEFAULTS as D,
  detectionErrors,
  optionsSummary,
  setOption,
  visibleFields,
} from '../../lib/detectionOptions';
import { previewable } from '../../lib/eventsPreview';
import { outputChoices, ruleOutputError, type QueryContext } from '../../lib/ruleOutputs';
import type { DetectionQuery } from '../../types';
import { DetectorFields } from './DetectorFields';
import { EventsPreview } from './EventsPreview';
import { ExpressionRows } from './ExpressionRows';
import { ForecastFields } from './ForecastFields';
import { ChoiceField, TextOptionField, type OptionSetProps } from './OptionFields';
import { OptionsGroup } from './OptionsGroup';
import { TrendFields } from './TrendFields';

interface Props {
  query: DetectionQuery;
  datasource: DataSource;
  range?: TimeRange;
  /** In a rule only outputs with one number per series are offered. */
  context: QueryContext;
  onChange: (query: DetectionQuery) => void;
  onRunQuery: () => void;
}

const isValid = (query: DetectionQuery) => Object.keys(detectionErrors(query)).length === 0;

/**
 * Editor of the anomaly, trend and forecast kinds: expression, legend and output, then the
 * detector's options in a collapsible group. Options left empty are not sent, so the backend's
 * defaults (the placeholders) apply. Nothing runs while an option would be refused.
 */
export function DetectionQueryEditor({ query, datasource, range, context, onChange, onRunQuery }: Props) {
  const errors = detectionErrors(query);
  const valid = Object.keys(errors).length === 0;
  const runIfValid = () => valid && onRunQuery();
  const choose = (next: DetectionQuery) => {
    onChange(next);
    if (isValid(next)) {
      onRunQuery();
    }
  };
  const outputs = outputChoices(query.queryType, context);
  const output = query.output ?? D.output;
  const set: Omit<OptionSetProps<DetectionQuery>, 'query'> = {
    shown: visibleFields(query),
    errors,
    onChange,
    onChoose: choose,
    onBlur: runIfValid,
  };

  return (
    <EditorRows>
      <ExpressionRows query={query} datasource={datasource} range={range} onChange={onChange} onRun={runIfValid}>
        <ChoiceField
          label="Output"
          tooltip="Bands for panels, score for alert rules, events for annotations and tables."
          hint={outputs.find((o) => o.value === output)?.description}
          error={ruleOutputError(query.queryType, output, context)}
          options={outputs.map(({ value, label }) => ({ value, label }))}
          value={output}
          onChange={(value) => choose(setOption(query, 'output', value))}
        />
      </ExpressionRows>
      <EditorRow>
        <OptionsGroup summary={optionsSummary(query)} invalid={!valid}>
          {query.queryType === 'trend' && <TrendFields query={query} {...set} />}
          {query.queryType === 'forecast' && <ForecastFields query={query} {...set} />}
          {query.queryType !== 'forecast' && <DetectorFields query={query} {...set} />}
          <TextOptionField
            label="Detector step"
            tooltip="The detector evaluates on this fixed step, not the panel's interval, so its verdicts do not change when you zoom."
            placeholder={D.detectorStep}
            value={query.detectorStep}
            error={errors.detectorStep}
            onChange={(value) => onChange(setOption(query, 'detectorStep', value))}
            onBlur={runIfValid}
          />
        </OptionsGroup>
      </EditorRow>
      {previewable(query) && (
        <EditorRow>
          <EventsPreview datasource={datasource} query={query} range={range} enabled={valid} />
        </EditorRow>
      )}
    </EditorRows>
  );
}
