/*
 * The YAML a provisioned datasource needs for an SLO: the entry to add under jsonData.slos in
 * the datasource's provisioning file (provisioning/datasources/*.yaml), the same JSON the
 * catalog stores. No React here.
 */
import { stringify } from 'yaml';

import type { SLO } from '../datasource/types';

/** The catalog entry as a YAML list item, indented to sit under `jsonData:` → `slos:`. */
export function catalogEntryYAML(slo: SLO, indent = 8): string {
  const item = stringify([slo], { lineWidth: 0 }).trimEnd();
  const pad = ' '.repeat(indent);
  return item
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

/** The whole snippet with its parents, for a datasource named `name`. */
export function provisioningSnippet(name: string, slo: SLO): string {
  return ['datasources:', `  - name: ${name}`, '    jsonData:', '      slos:', catalogEntryYAML(slo)].join('\n');
}
