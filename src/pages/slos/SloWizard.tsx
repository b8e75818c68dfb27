import React, { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, ClipboardButton, Combobox, EmptyState, Field, LinkButton, Stack, Text } from '@grafana/ui';

import { SLOForm } from '../../datasource/components/SLOForm/SLOForm';
import { changedFieldErrors, parseDraft, sloToDraft, type SLODraft } from '../../datasource/lib/sloForm';
import type { SLO } from '../../datasource/types';
import { ADD_DATASOURCE_URL, sloDetailUrl, SLOS_URL } from '../../constants';
import { errorMessage, isForbidden, listSloDatasources, saveCatalog } from '../../lib/grafanaApi';
import { provisioningSnippet } from '../../lib/sloYaml';
import { MetricHelper } from './MetricHelper';
import { SloPreview } from './SloPreview';

/**
 * Create or edit an SLO of a datasource's catalog: the SLO form with metric completion, a live
 * preview, and saving through Grafana's datasource API, or the YAML for a provisioned datasource.
 */
function SloWizard() {
  const params = useParams<{ datasourceUid?: string; sloId?: string }>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [datasources] = useState(listSloDatasources);
  const [uid, setUid] = useState(params.datasourceUid ?? search.get('ds') ?? datasources[0]?.uid);
  const ds = datasources.find((d) => d.uid === uid);
  // An edit's datasource is fixed by the URL, so the SLO it opens with is too.
  const existing = params.sloId ? ds?.slos.find((s) => s.id === params.sloId) : undefined;
  const [initial] = useState(() => sloToDraft(existing));
  const [draft, setDraft] = useState<SLODraft>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  const takenIds = (ds?.slos ?? []).map((s) => s.id).filter((id) => id !== existing?.id);
  const { slo, errors } = parseDraft(draft, { takenIds });
  const shown = submitted ? errors : changedFieldErrors(errors, draft, initial);
  const valid = slo !== undefined && Object.keys(errors).length === 0;
  const title = existing ? `Edit ${existing.name || existing.id}` : 'New SLO';

  if (datasources.length === 0 || !ds) {
    return (
      <PluginPage>
        <EmptyState variant="call-to-action" message={params.sloId ? 'SLO not found' : 'No SLO datasource yet'}>
          <Stack direction="column" alignItems="center" gap={2}>
            <Text element="p">
              {params.sloId
                ? `No datasource of this app with the uid “${uid}” is available to you.`
                : 'SLOs are stored in a Claude Enhancer Anomaly & SLO datasource: add one first.'}
            </Text>
            <LinkButton href={params.sloId ? SLOS_URL : ADD_DATASOURCE_URL}>
              {params.sloId ? 'Back to the SLOs' : 'Add the datasource'}
            </LinkButton>
          </Stack>
        </EmptyState>
      </PluginPage>
    );
  }
  if (params.sloId && !existing) {
    return (
      <PluginPage>
        <EmptyState variant="not-found" message="SLO not found">
          <Text element="p">
            {ds.name} has no SLO “{params.sloId}”. <a href={SLOS_URL}>Back to the SLOs</a>
          </Text>
        </EmptyState>
      </PluginPage>
    );
  }

  const save = async () => {
    setSubmitted(true);
    if (!valid || ds.readOnly) {
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const entry = slo as SLO;
      await saveCatalog(ds.uid, (slos) =>
        existing ? slos.map((s) => (s.id === existing.id ? entry : s)) : [...slos, entry]
      );
      navigate(sloDetailUrl(ds.uid, entry.id));
    } catch (e) {
      setSaveError(
        isForbidden(e)
          ? `Grafana refused: saving an SLO changes the datasource, which needs the datasources:write permission (an Admin by default). ${errorMessage(e)}`
          : errorMessage(e)
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <PluginPage pageNav={{ text: title }}>
      <Stack direction="column" gap={3}>
        <Text element="h2">{title}</Text>
        {!existing && datasources.length > 1 && (
          <Field label="Datasource" description="The SLO is stored in this datasource's catalog." noMargin>
            <Combobox
              aria-label="Datasource"
              width={40}
              options={datasources.map((d) => ({ value: d.uid, label: d.name }))}
              value={uid}
              onChange={(o) => setUid(o.value)}
            />
          </Field>
        )}
        {ds.readOnly && (
          <Alert severity="info" title={`${ds.name} is provisioned from a file`}>
            Grafana does not let its settings change here. Fill in the SLO, then add the YAML below to the
            datasource&apos;s provisioning file and restart Grafana (or reload provisioning).
          </Alert>
        )}
        <section aria-label="Metric completion">
          <Text element="h3">Find the metric</Text>
          <MetricHelper datasourceUid={ds.uid} draft={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
        </section>
        <SLOForm draft={draft} errors={shown} onChange={(d) => setDraft(d)} />
        <section aria-label="Preview of the SLO">
          <Text element="h3">Preview</Text>
          <SloPreview datasourceUid={ds.uid} slo={valid ? slo : undefined} />
        </section>
        {saveError && (
          <Alert severity="error" title="The SLO was not saved">
            {saveError}
          </Alert>
        )}
        {submitted && !valid && <Alert severity="warning" title="Fix the fields marked above first" />}
        {ds.readOnly ? (
          valid && (
            <section aria-label="Provisioning">
              <Text element="h3">YAML for the provisioning file</Text>
              <pre aria-label="Provisioning YAML">{provisioningSnippet(ds.name, slo as SLO)}</pre>
              <ClipboardButton icon="copy" getText={() => provisioningSnippet(ds.name, slo as SLO)}>
                Copy the YAML
              </ClipboardButton>
            </section>
          )
        ) : (
          <Stack gap={1}>
            <Button onClick={save} disabled={saving} icon="save">
              {existing ? 'Save the SLO' : 'Create the SLO'}
            </Button>
            <LinkButton variant="secondary" href={existing ? sloDetailUrl(ds.uid, existing.id) : SLOS_URL}>
              Cancel
            </LinkButton>
          </Stack>
        )}
      </Stack>
    </PluginPage>
  );
}

export default SloWizard;
