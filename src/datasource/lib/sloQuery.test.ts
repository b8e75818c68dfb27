import type { SLOQuery, SLOWindow } from '../types';
import { bucketStepError, defaultBucketStep, SLO_OUTPUT_OPTIONS, sloQueryRunnable } from './sloQuery';

describe('SLO query options', () => {
  it('offers the five outputs of the backend, summary first', () => {
    expect(SLO_OUTPUT_OPTIONS.map((o) => o.value)).toEqual(['summary', 'burndown', 'burnrate', 'alert', 'budget']);
  });

  it.each([
    ['1d', '1m'],
    ['7d', '1m'],
    [{ kind: 'calendar', unit: 'week' }, '1m'],
    ['30d', '5m'],
    [{ kind: 'calendar', unit: 'month' }, '5m'],
    [undefined, '1m'],
  ])('defaults the bucket step of a %j window to %s, as the backend does', (window, step) => {
    expect(defaultBucketStep(window as SLOWindow | undefined)).toBe(step);
  });

  describe('bucket step', () => {
    it.each([undefined, '', '30s', '1m', '5m', '15m', '1h', '$step', '120'])('accepts %j', (text) => {
      expect(bucketStepError(text, { window: '30d' })).toBeUndefined();
    });

    it.each([
      ['fast', 'Enter a duration such as 1m or 5m.'],
      ['0s', 'Enter a duration such as 1m or 5m.'],
      ['7m', 'Use whole seconds that divide an hour, such as 30s, 1m, 5m or 15m.'],
      ['1500ms', 'Use whole seconds that divide an hour, such as 30s, 1m, 5m or 15m.'],
      ['2h', 'Use whole seconds that divide an hour, such as 30s, 1m, 5m or 15m.'],
      ['15s', 'Use at least two scrape intervals (30s), so that every bucket holds two samples.'],
    ])('refuses %j', (text, error) => {
      expect(bucketStepError(text, {})).toBe(error);
    });

    it('bounds the step below by the configured scrape interval', () => {
      expect(bucketStepError('1m', { scrapeInterval: '1m' })).toBe(
        'Use at least two scrape intervals (2m), so that every bucket holds two samples.'
      );
      expect(bucketStepError('10s', { scrapeInterval: '5s' })).toBeUndefined();
    });

    it('refuses more than 200,000 buckets over the window and its longest burn-rate window', () => {
      // The longest quarter (92d + 1h) plus its longest pair window (9d) is 8,730,000 s: 291,000
      // buckets of 30s, 194,000 of 45s (the smallest step dividing an hour that fits).
      const quarter = { kind: 'calendar' as const, unit: 'quarter' as const };
      expect(bucketStepError('30s', { window: quarter })).toBe('Too many buckets for a 90d window: use 45s or more.');
      expect(bucketStepError('45s', { window: quarter })).toBeUndefined();
      expect(bucketStepError('30s', { window: '30d' })).toBeUndefined();
    });
  });

  it('runs an SLO query that names an SLO or carries a valid one, with a valid bucket step', () => {
    const query = (fields: Partial<SLOQuery>): SLOQuery => ({ refId: 'A', queryType: 'slo', ...fields });
    const inline = {
      sli: { kind: 'availability' as const, expr: 'up', gaps: 'down' as const },
      objective: 0.999,
      window: '30d',
    };
    expect(sloQueryRunnable(query({ sloId: 'availability' }), {})).toBe(true);
    expect(sloQueryRunnable(query({ sloId: '$slo' }), {})).toBe(true);
    expect(sloQueryRunnable(query({ sloId: ' ' }), {})).toBe(false);
    expect(sloQueryRunnable(query({}), {})).toBe(false);
    expect(sloQueryRunnable(query({ slo: inline }), {})).toBe(true);
    expect(sloQueryRunnable(query({ slo: { ...inline, objective: 99.9 } }), {})).toBe(false);
    expect(sloQueryRunnable(query({ sloId: 'availability', bucketStep: '7m' }), {})).toBe(false);
  });
});
