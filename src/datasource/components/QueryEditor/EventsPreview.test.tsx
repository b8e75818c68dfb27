import { act, screen } from '@testing-library/react';
import { FieldType, toDataFrame, type DataQueryResponse } from '@grafana/data';
import { of, Subject, throwError } from 'rxjs';

import { PREVIEW_DEBOUNCE_MS } from '../../lib/eventsPreview';
import { range, renderQueryEditor as setup } from '../../testing/renderQueryEditor';
import type { AnomalyQuery } from '../../types';

const anomaly = (fields: Partial<AnomalyQuery> = {}): AnomalyQuery => ({
  refId: 'A',
  queryType: 'anomaly',
  expr: 'up',
  method: 'robust',
  ...fields,
});

/** An events table with n rows, as the backend answers output "events". */
const events = (n: number): DataQueryResponse => ({
  data: [
    toDataFrame({
      name: 'events',
      fields: [
        { name: 'time', type: FieldType.time, values: Array.from({ length: n }, (_, i) => i * 60_000) },
        {
          name: 'title',
          type: FieldType.string,
          values: Array.from({ length: n }, () => 'api: anomaly above the band'),
        },
      ],
    }),
  ],
});

const settle = () => act(async () => jest.advanceTimersByTime(PREVIEW_DEBOUNCE_MS));

describe('the events preview of the detection editor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('counts the events of the current options once they are still, through the datasource', async () => {
    const { query } = setup(anomaly({ threshold: 4 }));
    query.mockImplementation(() => of(events(3)));

    expect(screen.getByText(/Counting events/)).toBeInTheDocument();
    expect(query).not.toHaveBeenCalled();
    await settle();

    expect(query).toHaveBeenCalledTimes(1);
    const request = query.mock.calls[0][0];
    expect(request.targets).toEqual([
      {
        refId: 'events-preview',
        queryType: 'anomaly',
        expr: 'up',
        method: 'robust',
        threshold: 4,
        output: 'events',
        hide: false,
      },
    ]);
    expect(request.range).toBe(range);
    expect(screen.getByText('3 events in this range with these options')).toBeInTheDocument();
  });

  it('recounts for unsaved edits, once per pause in typing', async () => {
    const { query, user } = setup(anomaly());
    query.mockImplementation(() => of(events(12)));
    await settle();
    query.mockImplementation(() => of(events(1)));

    await user.click(screen.getByRole('button', { name: /^Options/ }));
    await user.type(screen.getByLabelText(/^Threshold/), '8');
    await user.type(screen.getByLabelText(/^Persistence/), '3/5');
    expect(query).toHaveBeenCalledTimes(1);
    await settle();

    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls[1][0].targets[0]).toMatchObject({ threshold: 8, persistence: '3/5', output: 'events' });
    expect(screen.getByText('1 event in this range with these options')).toBeInTheDocument();
  });

  it('says when nothing is found', async () => {
    const { query } = setup(anomaly());
    query.mockImplementation(() => of(events(0)));
    await settle();
    expect(screen.getByText('No events in this range with these options')).toBeInTheDocument();
  });

  it('shows the loading state until the answer comes', async () => {
    const { query } = setup(anomaly());
    const answer = new Subject<DataQueryResponse>();
    query.mockImplementation(() => answer);
    await settle();
    expect(screen.getByText(/Counting events/)).toBeInTheDocument();

    await act(async () => answer.next(events(2)));
    expect(screen.getByText('2 events in this range with these options')).toBeInTheDocument();
  });

  it('shows the error of a failed count', async () => {
    const { query } = setup(anomaly());
    query.mockImplementation(() => throwError(() => ({ data: { message: 'bad_data: parse error' } })));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Could not count events: bad_data: parse error');
  });

  it('shows the error the backend returns for the query', async () => {
    const { query } = setup(anomaly());
    query.mockImplementation(() => of({ data: [], errors: [{ message: 'invalid detection option' }] }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('invalid detection option');
  });

  it('runs nothing while an option would be refused, nor for forecasts', async () => {
    const { query } = setup(anomaly({ window: '1x' }));
    await settle();
    expect(query).not.toHaveBeenCalled();
    expect(screen.queryByText(/events in this range/)).not.toBeInTheDocument();
  });

  it('has nothing to count for a forecast', async () => {
    const { query } = setup({ refId: 'A', queryType: 'forecast', expr: 'up' });
    await settle();
    expect(query).not.toHaveBeenCalled();
    expect(screen.queryByText(/Counting events/)).not.toBeInTheDocument();
  });
});
