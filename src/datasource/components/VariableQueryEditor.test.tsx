import React from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { DataSource } from '../datasource';
import type { AnomalyDataSourceOptions, VariableQuery } from '../types';
import { VariableQueryEditor } from './VariableQueryEditor';


function setup(query: VariableQuery) {
  const ds = new DataSource({
    jsonData: {},
    meta: {},
  } as unknown as DataSourceInstanceSettings<AnomalyDataSourceOptions>);
  const onChange = jest.fn();
  render(<VariableQueryEditor datasource={ds} query={query} onChange={onChange} onRunQuery={jest.fn()} />);
  return { onChange, user: userEvent.setup({ delay: null }), input: screen.getByLabelText(/^Query/) };
}

describe('VariableQueryEditor', () => {
  it('shows the saved query', () => {
    const { input } = setup({ refId: 'V', query: 'label_values(job)' });
    expect(input).toHaveValue('label_values(job)');
  });

  it('saves the query when the field is left', async () => {
    const { onChange, user, input } = setup({ refId: 'V', query: '' });

    await user.type(input, 'label_values(up, instance)');
    expect(onChange).not.toHaveBeenCalled();
    await user.tab();

    expect(onChange).toHaveBeenCalledWith({ refId: 'V', query: 'label_values(up, instance)' });
    expect(screen.queryByText(/Unsupported variable query/)).not.toBeInTheDocument();
  });

  it('explains an unsupported query and still saves it', async () => {
    const { onChange, user, input } = setup({ refId: 'V', query: '' });

    await user.type(input, 'up');
    await user.tab();

    expect(screen.getByText(/Unsupported variable query "up"/)).toBeInTheDocument();
    expect(onChange).toHaveBeenCalledWith({ refId: 'V', query: 'up' });
  });
});
