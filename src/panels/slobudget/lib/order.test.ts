import { AVAILABILITY, ERROR_RATE, NO_DATA, OVERSPENT, PARTIAL, summaryFrame } from '../testing/frames';
import { parseFrames } from './parse';
import { pickSlo, resolveMode, sortSlos, stateOf } from './order';

const slos = parseFrames([summaryFrame([AVAILABILITY, NO_DATA, ERROR_RATE, PARTIAL, OVERSPENT])]);
const ids = (list: typeof slos) => list.map((s) => s.id);

describe('sortSlos', () => {
  it('puts the least remaining budget first and SLOs without a budget last', () => {
    // −9.4 %, 28.6 %, 42.4 %, 72.2 %, NaN
    expect(ids(sortSlos(slos, 'remaining'))).toEqual(['checkout', 'error-rate', 'latency-p95', 'availability', 'idle']);
  });
  it('sorts by state, most urgent first', () => {
    expect(ids(sortSlos(slos, 'state'))).toEqual(['checkout', 'error-rate', 'latency-p95', 'availability', 'idle']);
  });
  it('sorts by name', () => {
    expect(ids(sortSlos(slos, 'name'))).toEqual(['availability', 'checkout', 'error-rate', 'idle', 'latency-p95']);
  });
  it('does not reorder its input', () => {
    sortSlos(slos, 'name');
    expect(ids(slos)).toEqual(['availability', 'idle', 'error-rate', 'latency-p95', 'checkout']);
  });
});

describe('pickSlo', () => {
  it('picks the SLO named by the option', () => {
    expect(pickSlo(slos, 'availability')?.id).toBe('availability');
  });
  it('falls back to the one with the least budget left', () => {
    expect(pickSlo(slos, '')?.id).toBe('checkout');
    expect(pickSlo(slos, 'gone')?.id).toBe('checkout');
  });
});

describe('resolveMode', () => {
  it('lists several SLOs and shows one in full in auto mode', () => {
    expect(resolveMode('auto', 3)).toBe('list');
    expect(resolveMode('auto', 1)).toBe('single');
  });
  it('keeps an explicit mode', () => {
    expect(resolveMode('single', 3)).toBe('single');
    expect(resolveMode('list', 1)).toBe('list');
  });
});

describe('stateOf', () => {
  it('is the backend’s state when there is a summary', () => {
    expect(slos.map(stateOf)).toEqual(['ok', 'no_data', 'warning', 'partial_history', 'breaching']);
  });
});
