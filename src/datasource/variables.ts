import { CustomVariableSupport, type DataQueryRequest, type DataQueryResponse, type TimeRange } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { from, type Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { formatPromQLVariable } from './lib/templating';
import { parseVariableQuery, variableQueryText, type ParsedVariableQuery } from './lib/variableQuery';
import type { VariableQuery } from './types';

/** Dashboard variables from `label_names(…)`, `label_values(…)`, `metrics(…)` and `slos(…)` queries. */
export class VariableSupport extends CustomVariableSupport<DataSource, VariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<VariableQuery>): Observable<DataQueryResponse> {
    const text = getTemplateSrv().replace(
      variableQueryText(request.targets[0]),
      request.scopedVars,
      formatPromQLVariable
    );
    return from(
      findValues(this.datasource, parseVariableQuery(text), request.range).then((values) => ({
        data: values.map((v) => (typeof v === 'string' ? { text: v, value: v } : v)),
      }))
    );
  }
}

/** A value, or an SLO id (value) with its name (text). */
type Found = string | { text: string; value: string };

async function findValues(ds: DataSource, query: ParsedVariableQuery, range: TimeRange): Promise<Found[]> {
  switch (query.kind) {
    case 'label_names':
      return ds.labelNames({ match: query.match, range });
    case 'label_values':
      return ds.labelValues(query.label, { match: query.match, range });
    case 'metrics': {
      // Unanchored, as in Grafana's Prometheus datasource: metrics(cpu) lists every metric naming cpu.
      const regex = new RegExp(query.regex);
      return (await ds.metricNames({ range })).filter((name) => regex.test(name));
    }
    case 'slos':
      return (await ds.sloCatalog(query.filter)).map((slo) => ({ text: slo.name || slo.id, value: slo.id }));
    case 'invalid':
      throw new Error(query.error);
  }
}
