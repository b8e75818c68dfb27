import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { DASHBOARDS, render } from './index';

const dir = join(__dirname, '..', '..', 'provisioning', 'dashboards');

it('generates every dashboard of provisioning/dashboards: none is hand-written', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files.sort()).toEqual(Object.keys(DASHBOARDS).sort());
});

describe.each(Object.entries(DASHBOARDS))('%s', (file, d) => {
  const dash = d as {
    panels: Array<{
      type: string;
      title: string;
      targets?: Array<{ expr?: string; queryType?: string }>;
      fieldConfig?: { defaults: { unit?: string } };
    }>;
  };

  it('is what the generator writes (run npm run dashboards after editing dashboards/src)', () => {
    expect(JSON.parse(readFileSync(join(dir, file), 'utf8'))).toEqual(JSON.parse(render(d)));
  });

  it('filters every query by the environment and service variables', () => {
    for (const p of dash.panels) {
      // SLO queries name an SLO of the catalog; they have no PromQL to filter.
      for (const t of (p.targets ?? []).filter((t) => t.queryType !== 'slo')) {
        expect({ panel: p.title, expr: t.expr }).toEqual({
          panel: p.title,
          expr: expect.stringMatching(/environment=~"\$environment", service=~"\$service"/),
        });
      }
    }
  });

  it('gives every panel a title and every data panel a unit', () => {
    for (const p of dash.panels) {
      expect(p.title).not.toBe('');
      if (p.type !== 'row') {
        expect({ panel: p.title, unit: p.fieldConfig?.defaults.unit }).toEqual({
          panel: p.title,
          unit: expect.any(String),
        });
      }
    }
  });
});
