import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { DEFAULT_THRESHOLDS } from './lib/display';
import pluginJson from './plugin.json';
import { DEFAULT_OPTIONS } from './types';

/** provisioning/dashboards/sla.json, the dashboard that ships this panel with the seed SLAs. */
const root = join(__dirname, '..', '..', '..');
const dashboard = JSON.parse(readFileSync(join(root, 'provisioning', 'dashboards', 'sla.json'), 'utf8'));
const DATASOURCE = { type: 'claudeenhancer-anomaly-datasource', uid: 'ce-anomaly' };
const OUTPUTS = ['summary', 'burndown', 'burnrate', 'alert'];

/** The seed catalog's ids, read from the one seed catalog the Go tests read too, so a renamed SLO fails here. */
const seedIds: string[] = JSON.parse(
  readFileSync(join(root, 'src', 'datasource', 'lib', 'testdata', 'seed-slos.json'), 'utf8')
).map((s: { id: string }) => s.id);

interface Target {
  refId: string;
  datasource: unknown;
  queryType: string;
  sloId: string;
  output: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: unknown;
  targets?: Target[];
  fieldConfig?: {
    defaults: { unit?: string; thresholds?: { mode: string; steps: Array<{ value: number | null; color: string }> } };
  };
  options?: Record<string, unknown>;
}
const panels: Panel[] = dashboard.panels;
const dataPanels = panels.filter((p) => p.type !== 'row');
const budgetPanels = panels.filter((p) => p.type === pluginJson.id);

describe('provisioning/dashboards/sla.json', () => {
  it('reads the three seed SLAs from pkg/slo', () => {
    expect(seedIds).toEqual(['availability', 'latency-p95', 'error-rate']);
  });

  it('is a provisionable dashboard with its stable uid', () => {
    expect(dashboard).toMatchObject({ uid: 'ce-sla', title: 'SLA budgets', id: null, graphTooltip: 1 });
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
  });

  it('titles every panel and sets a unit on every data panel', () => {
    for (const p of panels) {
      expect(p.title.trim()).not.toBe('');
    }
    for (const p of dataPanels) {
      expect({ title: p.title, unit: p.fieldConfig?.defaults.unit }).toEqual({
        title: p.title,
        unit: expect.any(String),
      });
    }
  });

  it('queries only SLOs of the seed catalog, through the provisioned datasource', () => {
    for (const p of dataPanels) {
      expect(p.datasource).toEqual(DATASOURCE);
      expect(p.targets?.length).toBeGreaterThan(0);
      for (const t of p.targets ?? []) {
        expect({ panel: p.title, ...t }).toEqual({
          panel: p.title,
          refId: expect.any(String),
          datasource: DATASOURCE,
          queryType: 'slo',
          sloId: expect.any(String),
          output: expect.any(String),
        });
        expect([...seedIds, '*']).toContain(t.sloId);
        expect(OUTPUTS).toContain(t.output);
      }
    }
  });

  it('shows each seed SLA in full, with its summary and burndown', () => {
    const singles = budgetPanels.filter((p) => p.options?.mode === 'single');
    expect(singles.map((p) => p.options?.sloId)).toEqual(seedIds);
    for (const p of singles) {
      expect(p.targets?.map((t) => [t.sloId, t.output])).toEqual([
        [p.options?.sloId, 'summary'],
        [p.options?.sloId, 'burndown'],
      ]);
    }
  });

  it('lists every SLO of the catalog in one panel', () => {
    const lists = budgetPanels.filter((p) => p.options?.mode === 'list');
    expect(lists).toHaveLength(1);
    expect(lists[0].targets?.map((t) => [t.sloId, t.output])).toEqual([['*', 'summary']]);
  });

  it('has burndown and burn-rate history for every SLA, and a compliance table of all three', () => {
    const history = (output: string) =>
      panels
        .filter((p) => p.type === 'timeseries' && p.targets?.every((t) => t.output === output))
        .map((p) => p.targets?.[0].sloId);
    expect(history('burndown')).toEqual(seedIds);
    expect(history('burnrate')).toEqual(seedIds);
    const table = panels.find((p) => p.type === 'table');
    expect(table?.targets?.map((t) => [t.sloId, t.output])).toEqual([['*', 'summary']]);
  });

  it('tiles the 24-column grid without overlaps', () => {
    const taken = new Map<string, string>();
    for (const { title, gridPos: g } of panels) {
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          expect({ cell: `${x},${y}`, by: taken.get(`${x},${y}`) }).toEqual({ cell: `${x},${y}`, by: undefined });
          taken.set(`${x},${y}`, title);
        }
      }
    }
  });
});

/**
 * Every provisioned dashboard that uses the panel (the SLA dashboard, the overview's error budgets, …):
 * options the panel knows, of their types, and its thresholds as Grafana's `{mode, steps}` object —
 * a bare array of steps is refused by Grafana's field-config parser and the panel falls back to grey.
 */
const dir = join(root, 'provisioning', 'dashboards');
const uses = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((file) => {
    const d = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { panels: Array<Panel & { panels?: Panel[] }> };
    return d.panels
      .flatMap((p) => [p, ...(p.panels ?? [])])
      .filter((p) => p.type === pluginJson.id)
      .map((p): [string, Panel] => [`${file}: ${p.title}`, p]);
  });

describe('every provisioned dashboard using the SLA-budget panel', () => {
  it('finds the panel beyond sla.json', () => {
    expect(new Set(uses.map(([where]) => where.split(':')[0]))).toEqual(new Set(['sla.json', 'overview.json']));
  });

  it.each(uses)('%s: sets only options the panel knows, of the right types', (_, p) => {
    for (const [key, value] of Object.entries(p.options ?? {})) {
      expect({ key, type: typeof value }).toEqual({
        key,
        type: typeof DEFAULT_OPTIONS[key as keyof typeof DEFAULT_OPTIONS],
      });
    }
  });

  it.each(uses)('%s: colours by the panel’s thresholds, as {mode, steps}', (_, p) => {
    const thresholds = p.fieldConfig?.defaults.thresholds;
    expect(thresholds).toEqual({ mode: DEFAULT_THRESHOLDS.mode, steps: expect.any(Array) });
    const steps = thresholds?.steps.map((s) => ({ ...s, value: s.value ?? -Infinity }));
    expect(steps).toEqual(DEFAULT_THRESHOLDS.steps.map(({ value, color }) => ({ value, color })));
  });
});
