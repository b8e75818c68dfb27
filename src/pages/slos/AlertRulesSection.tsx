import React, { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, ConfirmModal, Input, Field, Stack, Text, TextLink } from '@grafana/ui';

import type { SLO } from '../../datasource/types';
import { alertListUrl } from '../../constants';
import {
  createFolder,
  errorMessage,
  isForbidden,
  listFolders,
  listProvisionedRules,
  writeRule,
} from '../../lib/grafanaApi';
import {
  burnRateRule,
  burnRuleTarget,
  ruleDifferences,
  rulesFileYAML,
  type ProvisionedAlertRule,
  type RuleField,
} from '../../lib/sloRules';

/** Where new rules go unless the user names another folder. */
export const DEFAULT_FOLDER = 'SLOs';

interface Props {
  slo: SLO;
  datasourceUid: string;
}

/**
 * The SLO's page and ticket burn-rate rule: what Grafana holds for it, and one click to install
 * or update it (asking before overwriting edits), or its provisioning YAML.
 */
export function AlertRulesSection({ slo, datasourceUid }: Props) {
  const [installed, setInstalled] = useState<ProvisionedAlertRule[]>();
  const [loadError, setLoadError] = useState<string>();
  const [folder, setFolder] = useState(DEFAULT_FOLDER);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string }>();
  const [confirm, setConfirm] = useState<{ rule: ProvisionedAlertRule; fields: RuleField[] }>();
  const [yaml, setYaml] = useState<string>();

  const load = useCallback(
    () =>
      listProvisionedRules().then(
        (rules) =>
          setInstalled(
            rules.filter((r) => {
              const t = burnRuleTarget(r);
              return t?.sloId === slo.id && t.datasourceUid === datasourceUid;
            })
          ),
        (e) => setLoadError(errorMessage(e))
      ),
    [slo.id, datasourceUid]
  );
  useEffect(() => {
    load();
  }, [load]);

  const generated = (folderUID: string, current?: ProvisionedAlertRule) => {
    const rule = burnRateRule(slo, { datasourceUid, folderUID });
    // An installed rule keeps its uid, folder and group: updating changes what it does, not where it is.
    return current ? { ...rule, uid: current.uid, folderUID: current.folderUID, ruleGroup: current.ruleGroup } : rule;
  };

  const write = async (rule: ProvisionedAlertRule, exists: boolean) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await writeRule(rule, exists);
      setMessage({ severity: 'success', text: exists ? 'The rule was updated.' : 'The rule was created.' });
      await load();
    } catch (e) {
      setMessage({
        severity: 'error',
        text: isForbidden(e)
          ? `Grafana refused: writing alert rules needs alert.provisioning:write (or alert.rules:write on the folder). ${errorMessage(e)}`
          : errorMessage(e),
      });
    } finally {
      setBusy(false);
    }
  };

  const install = async () => {
    const current = installed?.[0];
    if (current) {
      const rule = generated(current.folderUID, current);
      const fields = ruleDifferences(current, rule);
      if (fields.length > 0) {
        setConfirm({ rule, fields });
        return;
      }
      setMessage({ severity: 'success', text: 'The installed rule is already what the generator makes.' });
      return;
    }
    setBusy(true);
    try {
      const folders = await listFolders();
      const uid = folders.find((f) => f.title === folder)?.uid ?? (await createFolder(folder)).uid;
      await write(generated(uid), false);
    } catch (e) {
      setMessage({ severity: 'error', text: errorMessage(e) });
      setBusy(false);
    }
  };

  const current = installed?.[0];
  const locked = current?.provenance === 'file' || current?.provenance === 'api';
  const differs = current ? ruleDifferences(current, generated(current.folderUID, current)) : [];

  return (
    <Stack direction="column" gap={2}>
      {loadError && (
        <Alert severity="warning" title="The installed rules could not be read">
          {loadError}. Reading them needs alert.provisioning:read.
        </Alert>
      )}
      {installed && installed.length === 0 && (
        <Text element="p">
          No burn-rate rule queries this SLO yet. The generated rule pages on the fast pairs and opens a ticket on the
          slow ones (one series per pair, severity page → critical, ticket → warning), every minute at 1-minute buckets.
        </Text>
      )}
      {current && (
        <Stack gap={1} alignItems="center" wrap="wrap">
          <Text>
            Installed: <strong>{current.title}</strong>
          </Text>
          {differs.length === 0 ? (
            <Badge color="green" icon="check" text="as generated" />
          ) : (
            <Badge color="orange" icon="pen" text={`edited: ${differs.join(', ')}`} />
          )}
          {current.provenance === 'file' && <Badge color="blue" icon="lock" text="provisioned from a file" />}
          <TextLink href={alertListUrl(slo.id)}>See it in the alert list</TextLink>
        </Stack>
      )}
      <Stack gap={1} alignItems="flex-end" wrap="wrap">
        {!current && (
          <Field label="Folder" noMargin>
            <Input aria-label="Folder" value={folder} onChange={(e) => setFolder(e.currentTarget.value)} width={24} />
          </Field>
        )}
        <Button icon="bell" onClick={install} disabled={busy || locked || !installed || !folder.trim()}>
          {current ? 'Update the rule' : 'Create the alert rule'}
        </Button>
        <Button
          variant="secondary"
          icon="file-alt"
          onClick={() => setYaml(rulesFileYAML([generated(current?.folderUID ?? '', current)], folder))}
        >
          Export as provisioning YAML
        </Button>
      </Stack>
      {locked && (
        <Text color="secondary" element="p">
          This rule is provisioned ({current?.provenance}): change it where it is provisioned, or delete it there and
          create it here.
        </Text>
      )}
      {message && <Alert severity={message.severity} title={message.text} />}
      {yaml && <pre aria-label="Alert rules YAML">{yaml}</pre>}
      <ConfirmModal
        isOpen={confirm !== undefined}
        title="Overwrite the edited rule?"
        body={`The installed rule differs from the generated one in: ${confirm?.fields.join(', ')}. Updating replaces those edits.`}
        confirmText="Overwrite"
        onConfirm={() => {
          const c = confirm!;
          setConfirm(undefined);
          write(c.rule, true);
        }}
        onDismiss={() => setConfirm(undefined)}
      />
    </Stack>
  );
}
