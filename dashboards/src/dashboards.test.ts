import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { ANOMALY } from './grafana';
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

  it('shows its links and annotation toggles above the panels, not in the controls menu', () => {
    const { links, annotations } = d as { links: object[]; annotations: { list: object[] } };
    for (const item of [...links, ...annotations.list]) {
      expect(item).not.toHaveProperty('placement');
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

describe('anomalies.json', () => {
  const d = DASHBOARDS['anomalies.json'] as {
    panels: Array<{ type: string; title: string; datasource?: unknown; targets?: Array<Record<string, unknown>> }>;
  };
  const overlays = d.panels.filter((p) => p.type === 'claudeenhancer-anomalyoverlay-panel');
  const queryTypes = overlays.flatMap((p) => (p.targets ?? []).map((t) => t.queryType));

  it('overlays every key signal of the seed through our datasource', () => {
    expect(overlays.map((p) => p.title)).toEqual(
      expect.arrayContaining([
        'Request rate by service',
        'Error ratio by service',
        'Auth latency P95',
        'CPU (busiest process per service)',
        'Memory (fullest process per service)',
        'Disk (fullest per service) · forecast to full',
        'Queue size (longest per service)',
        'Cache hit ratio',
      ])
    );
    for (const p of overlays) {
      expect({ panel: p.title, datasource: p.datasource }).toEqual({ panel: p.title, datasource: ANOMALY });
    }
    expect(new Set(queryTypes)).toEqual(new Set(['anomaly', 'forecast', 'trend']));
  });

  it('forecasts the disk to full (100 %)', () => {
    const disk = overlays.find((p) => p.title.startsWith('Disk'));
    expect(disk?.targets).toEqual([expect.objectContaining({ queryType: 'forecast', forecastThreshold: 100 })]);
  });

  it('has a trend-change row', () => {
    const rows = d.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toContain('Trend changes');
    expect(queryTypes.filter((t) => t === 'trend').length).toBeGreaterThan(0);
  });
});

describe('overview.json', () => {
  it('marks anomaly events of our datasource as annotations', () => {
    const d = DASHBOARDS['overview.json'] as { annotations: { list: Array<Record<string, unknown>> } };
    const ours = d.annotations.list.filter((a) => (a.datasource as { uid?: string })?.uid === ANOMALY.uid);
    expect(ours.length).toBeGreaterThan(0);
    for (const a of ours) {
      expect(a).toMatchObject({ enable: true, target: { queryType: 'anomaly', output: 'events' } });
      expect(a).not.toHaveProperty('placement');
    }
  });
});
