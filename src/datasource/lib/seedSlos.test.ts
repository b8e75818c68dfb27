import fixture from './testdata/seed-slos.json';
import type { SLO } from '../types';
import { SEED_SLOS, withSeedSlos } from './seedSlos';
import { validateCatalog } from './sloCatalog';

/*
 * testdata/seed-slos.json is what pkg/slo's SeedCatalog() marshals to. To regenerate it, encode
 * slo.SeedCatalog() with encoding/json (indent two spaces) from a program that imports pkg/slo.
 */
describe('the seed SLAs', () => {
  it('are the backend seed catalog, field for field', () => {
    expect(SEED_SLOS).toEqual(fixture);
  });

  it('are valid catalog entries with the ids availability, latency-p95 and error-rate', () => {
    expect(SEED_SLOS.map((slo) => slo.id)).toEqual(['availability', 'latency-p95', 'error-rate']);
    expect(validateCatalog(SEED_SLOS)).toEqual([{}, {}, {}]);
  });

  it('are appended to a catalog without them, and not twice', () => {
    const own: SLO = { ...SEED_SLOS[0], id: 'own' };
    expect(withSeedSlos([own])).toEqual([own, ...SEED_SLOS]);
    const edited: SLO = { ...SEED_SLOS[1], objective: 0.99 };
    expect(withSeedSlos([edited])).toEqual([edited, SEED_SLOS[0], SEED_SLOS[2]]);
    expect(withSeedSlos(SEED_SLOS)).toEqual(SEED_SLOS);
  });
});
