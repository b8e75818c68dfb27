import { SEED_SLOS } from './seedSlos';
import { changedFieldErrors, NEW_SLO_DRAFT, parseDraft, sloToDraft, type SLODraft } from './sloForm';

const draft = (fields: Partial<SLODraft>): SLODraft => ({ ...NEW_SLO_DRAFT, ...fields });

describe('the SLO form draft', () => {
  it.each(SEED_SLOS.map((slo) => [slo.id, slo]))('gives the seed SLO %s back unchanged', (_, slo) => {
    expect(parseDraft(sloToDraft(slo))).toEqual({ slo, errors: {} });
  });

  it('shows the objective as a percent and the SLI fields as text', () => {
    const [availability, latency, errorRate] = SEED_SLOS;
    expect(sloToDraft(availability)).toMatchObject({ objective: '99.9', kind: 'availability', gaps: 'down' });
    expect(sloToDraft(latency)).toMatchObject({ objective: '95', threshold: '0.2', minEvents: '100' });
    expect(sloToDraft(errorRate)).toMatchObject({ ratioEvents: 'bad', bad: 'auth_requests_total{status=~"5.."}' });
  });

  it('writes a ratio SLI with the events chosen, trimmed, and leaves empty optional fields out', () => {
    const parsed = parseDraft(
      draft({
        id: 'checkout',
        name: ' Checkout ',
        good: 'stale good',
        ratioEvents: 'bad',
        bad: ' errors_total \n',
        total: 'requests_total',
        objective: '99.95',
        labels: [
          { key: 'team', value: 'payments' },
          { key: '', value: '' },
        ],
      })
    );
    expect(parsed).toEqual({
      slo: {
        id: 'checkout',
        name: 'Checkout',
        sli: { kind: 'ratio', bad: 'errors_total', total: 'requests_total' },
        objective: 0.9995,
        window: { kind: 'rolling', duration: '30d' },
        labels: { team: 'payments' },
      },
      errors: {},
    });
  });

  it('writes a latency SLI and a calendar window; an empty time zone is UTC and left out', () => {
    const parsed = parseDraft(
      draft({
        id: 'p95',
        kind: 'latency',
        total: 'not written',
        histogram: 'http_request_duration_seconds',
        threshold: '0.25',
        objective: '99',
        windowKind: 'calendar',
        unit: 'quarter',
        minEvents: '50',
        violationFor: '30m',
        violationWindow: '10m',
      })
    );
    expect(parsed).toEqual({
      slo: {
        id: 'p95',
        sli: { kind: 'latency', histogram: 'http_request_duration_seconds', threshold: 0.25 },
        objective: 0.99,
        window: { kind: 'calendar', unit: 'quarter' },
        minEvents: 50,
        violationFor: '30m',
        violationWindow: '10m',
      },
      errors: {},
    });
    expect(parseDraft(draft({ windowKind: 'calendar', timeZone: 'Europe/Paris' })).slo?.window).toEqual({
      kind: 'calendar',
      unit: 'month',
      timeZone: 'Europe/Paris',
    });
  });

  it('keeps the SLO without an id inline, and needs one in the catalog', () => {
    const fields = { kind: 'availability' as const, expr: 'up' };
    expect(parseDraft(draft(fields), { requireId: false })).toEqual({
      slo: {
        sli: { kind: 'availability', expr: 'up', gaps: 'down' },
        objective: 0.999,
        window: { kind: 'rolling', duration: '30d' },
      },
      errors: {},
    });
    expect(parseDraft(draft(fields)).errors).toEqual({ id: 'Enter an id, such as checkout-latency.' });
  });

  it('refuses an id another entry of the catalog has', () => {
    const parsed = parseDraft(draft({ id: 'availability', expr: 'up', kind: 'availability' }), {
      takenIds: ['availability', 'latency-p95'],
    });
    expect(parsed.errors).toEqual({ id: 'Another SLO already has the id “availability”.' });
  });

  it('gives no SLO while a number field holds something else, and says why', () => {
    expect(parseDraft(draft({ id: 'x', good: 'g', total: 't', objective: 'high' }))).toEqual({
      errors: { objective: 'Enter a percentage such as 99.9.' },
    });
    expect(
      parseDraft(draft({ id: 'x', kind: 'latency', histogram: 'h', threshold: '200ms', minEvents: 'some' }))
    ).toEqual({
      errors: {
        threshold: 'Enter a number of seconds, such as 0.2.',
        minEvents: 'Enter a number of events, such as 100.',
      },
    });
  });

  it('writes a number out of range and explains it', () => {
    expect(parseDraft(draft({ id: 'x', good: 'g', total: 't', objective: '100' }))).toEqual({
      slo: expect.objectContaining({ objective: 1 }),
      errors: { objective: 'Enter a percentage between 0 and 100, both excluded, such as 99.9.' },
    });
  });

  it('explains each label row that would be refused', () => {
    const parsed = parseDraft(
      draft({
        id: 'x',
        good: 'g',
        total: 't',
        labels: [
          { key: 'team', value: 'a' },
          { key: 'team', value: 'b' },
          { key: '', value: 'orphan' },
          { key: 'bad-name', value: 'c' },
        ],
      })
    );
    expect(parsed.errors).toEqual({
      'label.1': 'Another label has this name.',
      'label.2': 'Enter a label name.',
      'label.3': '“bad-name” is not a label name: use letters, digits and _, not first a digit.',
    });
    expect(parsed.slo?.labels).toEqual({ team: 'a' });
  });

  it('shows only the problems of changed fields until the user applies', () => {
    const { errors } = parseDraft(draft({ objective: '101', ratioEvents: 'bad' }));
    expect(Object.keys(errors).sort()).toEqual(['good', 'id', 'objective', 'total']);
    expect(changedFieldErrors(errors, draft({ objective: '101', ratioEvents: 'bad' }), NEW_SLO_DRAFT)).toEqual({
      objective: errors.objective,
      good: errors.good,
    });
  });
});
