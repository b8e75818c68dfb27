import React, { useId } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { EditorField, EditorRow, EditorRows } from '@grafana/plugin-ui';
import { Stack, Switch, useStyles2 } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { sloSummary } from '../../lib/sloCatalog';
import { NEW_SLO_DRAFT, parseDraft } from '../../lib/sloForm';
import {
  bucketStepError,
  DEFAULT_SLO_OUTPUT,
  defaultBucketStep,
  sloQueryRunnable,
  type BucketStepContext,
} from '../../lib/sloQuery';
import { outputChoices, ruleOutputError, type QueryContext } from '../../lib/ruleOutputs';
import { ALL_SLOS, allSLOsOutputError } from '../../lib/sloFilter';
import type { InlineSLO, SLOQuery } from '../../types';
import { InlineSLOEditor } from './InlineSLOEditor';
import { ChoiceField, TextOptionField } from './OptionFields';
import { SLOFilterField } from './SLOFilterField';
import { CatalogNotice, SLOPicker } from './SLOPicker';
import { useSLOCatalog } from './useSLOCatalog';

interface Props {
  query: SLOQuery;
  datasource: DataSource;
  /** In a rule only outputs with one number per series are offered. */
  context: QueryContext;
  onChange: (query: SLOQuery) => void;
  onRunQuery: () => void;
}

/** Starts an inline SLO with no SLI yet: 99.9 % over a rolling 30 days. */
const NEW_INLINE_SLO = parseDraft(NEW_SLO_DRAFT, { requireId: false }).slo!;

/**
 * Editor of an `slo` query: an SLO of the catalog (or an inline one), the output and the bucket
 * step. Choices run the query at once; text runs it when the field is left; nothing runs while
 * the backend would refuse the query.
 */
export function SLOQueryEditor({ query, datasource, context, onChange, onRunQuery }: Props) {
  const styles = useStyles2(getStyles);
  const switchId = useId();
  const catalog = useSLOCatalog(datasource);
  const inline = query.slo !== undefined;
  const picked = catalog.slos?.find((slo) => slo.id === query.sloId);
  const contextOf = (q: SLOQuery): BucketStepContext => ({
    window: q.slo ? q.slo.window : catalog.slos?.find((slo) => slo.id === q.sloId)?.window,
    scrapeInterval: datasource.scrapeInterval,
  });
  const stepContext = contextOf(query);
  const stepError = bucketStepError(query.bucketStep, stepContext);
  const output = query.output ?? DEFAULT_SLO_OUTPUT;
  const all = !inline && query.sloId === ALL_SLOS;
  const outputs = outputChoices('slo', context);

  const runIfValid = (q: SLOQuery = query) => sloQueryRunnable(q, contextOf(q)) && onRunQuery();
  const choose = (next: SLOQuery) => {
    onChange(next);
    runIfValid(next);
  };
  const setInline = (on: boolean) => {
    const { sloId, slo, ...rest } = query;
    if (on) {
      // The picked SLO is a good start for a variant of it.
      choose({ ...rest, slo: picked ? { ...picked } : NEW_INLINE_SLO });
    } else {
      const id = slo?.id;
      // Until the catalog has loaded, keep naming the definition's id: the picker then says
      // whether the catalog has it, instead of the choice depending on how fast it loaded.
      const known = catalog.slos === undefined || catalog.slos.some((s) => s.id === id);
      choose({ ...rest, ...(id && known && { sloId: id }) });
    }
  };
  const setInlineSLO = (slo: InlineSLO, chosen: boolean) => (chosen ? choose : onChange)({ ...query, slo });
  const pick = (sloId: string) => {
    const { sloFilter, ...rest } = query;
    choose(sloId === ALL_SLOS && sloFilter !== undefined ? { ...rest, sloId, sloFilter } : { ...rest, sloId });
  };
  const setFilter = (text: string) => {
    const { sloFilter, ...rest } = query;
    onChange(text === '' ? rest : { ...rest, sloFilter: text });
  };
  const setBucketStep = (text: string) => {
    const { bucketStep, ...rest } = query;
    onChange(text === '' ? rest : { ...rest, bucketStep: text });
  };

  return (
    <EditorRows>
      <EditorRow>
        <Stack direction="column" gap={1} grow={1}>
          <Stack gap={2} alignItems="flex-start" wrap="wrap">
            {!inline && (
              <SLOPicker value={query.sloId} catalog={catalog} variables={datasource.variableNames()} onChange={pick} />
            )}
            <EditorField
              label="Inline definition"
              tooltip="Define the SLO in this query instead of naming one of the catalog, e.g. to try a variant."
              htmlFor={switchId}
            >
              <Switch id={switchId} value={inline} onChange={(e) => setInline(e.currentTarget.checked)} />
            </EditorField>
          </Stack>
          {!inline && (
            <CatalogNotice catalog={catalog} settingsUrl={`/connections/datasources/edit/${datasource.uid}`} />
          )}
          {picked && !inline && (
            <span className={styles.about}>{[sloSummary(picked), picked.description].filter(Boolean).join(' — ')}</span>
          )}
          {all && (
            <SLOFilterField
              value={query.sloFilter}
              slos={catalog.slos}
              onChange={setFilter}
              onBlur={() => runIfValid()}
            />
          )}
          {query.slo && <InlineSLOEditor slo={query.slo} onChange={setInlineSLO} onBlur={() => runIfValid()} />}
        </Stack>
      </EditorRow>
      <EditorRow>
        <ChoiceField
          label="Output"
          tooltip="Summary for stats and tables, burndown and burn rate for time series, alert for alert rules."
          hint={outputs.find((o) => o.value === output)?.description}
          error={(all ? allSLOsOutputError(output) : undefined) ?? ruleOutputError('slo', output, context)}
          options={outputs.map(({ value, label }) => ({ value, label }))}
          value={output}
          onChange={(value) => choose({ ...query, output: value })}
        />
        <TextOptionField
          label="Bucket step"
          tooltip="The SLI is counted in buckets of this width; finer is more exact and slower. At least two scrape intervals, dividing an hour."
          placeholder={defaultBucketStep(stepContext.window)}
          value={query.bucketStep}
          error={stepError}
          onChange={setBucketStep}
          onBlur={() => runIfValid()}
        />
      </EditorRow>
    </EditorRows>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  about: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
