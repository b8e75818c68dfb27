import { useEffect, useState } from 'react';

import type { DataSource } from '../../datasource';
import type { SLO } from '../../types';

export interface CatalogState {
  loading: boolean;
  slos?: SLO[];
  /** Why the catalog could not be read, e.g. the settings hold an invalid catalog. */
  error?: string;
}

/** The datasource's SLO catalog, from its `slos` resource, read once per editor. */
export function useSLOCatalog(datasource: DataSource): CatalogState {
  const [state, setState] = useState<CatalogState>({ loading: true });
  useEffect(() => {
    let live = true;
    datasource.sloCatalog().then(
      (slos) => live && setState({ loading: false, slos }),
      (error: unknown) => live && setState({ loading: false, error: messageOf(error) })
    );
    return () => {
      live = false;
    };
  }, [datasource]);
  return state;
}

/** Grafana's fetch errors carry the backend's message in `data.message`. */
function messageOf(error: unknown): string {
  const e = error as { data?: { message?: string }; message?: string; statusText?: string } | undefined;
  return e?.data?.message || e?.message || e?.statusText || 'The catalog could not be read.';
}
