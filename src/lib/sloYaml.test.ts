import { parse } from 'yaml';

import { SEED_SLOS } from '../datasource/lib/seedSlos';
import { provisioningSnippet } from './sloYaml';

describe('provisioningSnippet', () => {
  it('reads back as the datasource entry with the SLO under jsonData.slos', () => {
    const slo = SEED_SLOS[2];
    const parsed = parse(provisioningSnippet('Claude Enhancer Anomaly & SLO', slo));
    expect(parsed.datasources[0].name).toBe('Claude Enhancer Anomaly & SLO');
    expect(parsed.datasources[0].jsonData.slos).toEqual([slo]);
  });
});
