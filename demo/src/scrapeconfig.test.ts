import { readFileSync } from 'fs';
import { join } from 'path';

import { scrapeJobs } from './scrapeconfig';
import { TARGETS } from './topology';

describe('the dev stack scrape config', () => {
  const committed = readFileSync(join(__dirname, '..', 'prometheus', 'prometheus.yml'), 'utf8');

  it('scrapes every simulated process as the generator serves it (regenerate with scrape-config --write)', () => {
    expect(committed).toContain(scrapeJobs('generator:9464', '15s'));
  });

  it('labels each target with the labels history carries', () => {
    for (const t of TARGETS) {
      expect(committed).toContain(
        `__metrics_path__: /metrics/${t.environment}/${t.instance}\n          instance: ${t.instance}\n          service: ${t.service}\n          environment: ${t.environment}`
      );
    }
  });
});
