import { dateTime, type DataQueryRequest, type DataSourceInstanceSettings, type TimeRange } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { DataSource } from './datasource';
import { fakeTemplateSrv } from './testing/fakeTemplateSrv';
import type { AnomalyDataSourceOptions, VariableQuery } from './types';
import type { VariableSupport } from './variables';

const range: TimeRange = {
  from: dateTime('2026-11-27T10:00:00Z'),
  to: dateTime('2026-11-27T11:00:00Z'),
  raw: { from: 'now-1h', to: 'now' },
};
const rangeParams = { start: 1795773600, end: 1795777200 };

describe('VariableSupport', () => {
  let ds: DataSource;
  let getResource: jest.SpyInstance;

  const run = (query: string | VariableQuery) =>
    lastValueFrom(
      (ds.variables as VariableSupport).query({
        targets: [typeof query === 'string' ? { refId: 'A', query } : query],
        range,
        scopedVars: {},
      } as unknown as DataQueryRequest<VariableQuery>)
    );

  beforeEach(() => {
    ds = new DataSource({ jsonData: {}, meta: {} } as unknown as DataSourceInstanceSettings<AnomalyDataSourceOptions>);
    getResource = jest.spyOn(ds, 'getResource').mockResolvedValue(['node_load1', 'node_cpu_seconds_total', 'up']);
    setTemplateSrv(fakeTemplateSrv({ job: { value: ['api', 'web'], multi: true } }));
  });

  it('lists label names', async () => {
    await expect(run('label_names()')).resolves.toEqual({
      data: [
        { text: 'node_load1', value: 'node_load1' },
        { text: 'node_cpu_seconds_total', value: 'node_cpu_seconds_total' },
        { text: 'up', value: 'up' },
      ],
    });
    expect(getResource).toHaveBeenCalledWith('labels', rangeParams);
  });

  it('lists label names of a selector', async () => {
    await run('label_names(up)');
    expect(getResource).toHaveBeenCalledWith('labels', { match: 'up', ...rangeParams });
  });

  it('lists values of a label', async () => {
    await run('label_values(job)');
    expect(getResource).toHaveBeenCalledWith('label-values', { label: 'job', ...rangeParams });
  });

  it('lists values of a label for a selector with dashboard variables replaced', async () => {
    await run('label_values(up{job=~"$job"}, instance)');
    expect(getResource).toHaveBeenCalledWith('label-values', {
      label: 'instance',
      match: 'up{job=~"(api|web)"}',
      ...rangeParams,
    });
  });

  it('lists metric names matching a regex', async () => {
    await expect(run('metrics(^node_)')).resolves.toEqual({
      data: [
        { text: 'node_load1', value: 'node_load1' },
        { text: 'node_cpu_seconds_total', value: 'node_cpu_seconds_total' },
      ],
    });
    expect(getResource).toHaveBeenCalledWith('metrics', rangeParams);
  });

  it('reads a query saved as a bare string', async () => {
    await run('label_values(job)' as unknown as VariableQuery);
    expect(getResource).toHaveBeenCalledWith('label-values', { label: 'job', ...rangeParams });
  });

  it('fails with the supported forms for anything else', async () => {
    await expect(run('up')).rejects.toThrow('Unsupported variable query "up". Use label_names()');
    expect(getResource).not.toHaveBeenCalled();
  });

  it('lists the ids of the SLOs a label filter selects, named by their names', async () => {
    getResource.mockResolvedValue([
      { id: 'availability', name: 'Availability', labels: { service: 'api' } },
      { id: 'errors', labels: { service: 'api' } },
    ]);
    await expect(run('slos(service="api")')).resolves.toEqual({
      data: [
        { text: 'Availability', value: 'availability' },
        { text: 'errors', value: 'errors' },
      ],
    });
    expect(getResource).toHaveBeenCalledWith('slos', { filter: 'service="api"' });
  });

  it('lists every SLO for slos(), and fills dashboard variables into the filter as regexes', async () => {
    getResource.mockResolvedValue([]);
    await run('slos()');
    expect(getResource).toHaveBeenLastCalledWith('slos');
    await run('slos(job=~"$job")');
    expect(getResource).toHaveBeenLastCalledWith('slos', { filter: 'job=~"(api|web)"' });
  });

  it('fails on a filter the backend would refuse, with its message', async () => {
    await expect(run('slos(tier=gold)')).rejects.toThrow(
      'slo: invalid label filter (write matchers as in PromQL: service="api", tier=~"gold|silver"): expected a quoted value at character 6 of "tier=gold"'
    );
    expect(getResource).not.toHaveBeenCalled();
  });

  it('fails on an invalid regex', async () => {
    await expect(run('metrics(()')).rejects.toThrow(/Invalid regular expression/);
  });
});
