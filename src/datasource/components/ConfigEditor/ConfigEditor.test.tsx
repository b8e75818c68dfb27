import { screen } from '@testing-library/react';

import { base, renderConfigEditor as setup } from '../../testing/renderConfigEditor';


describe('ConfigEditor', () => {
  it('stores the typed URL at the root of the settings', async () => {
    const { onOptionsChange, user } = setup();
    const url = screen.getByRole('textbox', { name: 'Data source connection URL' });
    expect(url).toHaveAttribute('placeholder', 'http://prometheus:9090');

    await user.type(url, 'http://prom:9090');

    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, url: 'http://prom:9090' });
  });

  it('shows POST as the HTTP method until another is chosen', async () => {
    const { onOptionsChange, user } = setup();
    expect(screen.getByRole('radio', { name: 'POST' })).toBeChecked();

    await user.click(screen.getByRole('radio', { name: 'GET' }));

    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: { httpMethod: 'GET' } });
  });

  it('stores a response size limit in whole megabytes', async () => {
    const { onOptionsChange, user } = setup();

    await user.type(screen.getByRole('textbox', { name: /Response size limit/ }), '250');

    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: { responseLimitMB: 250 } });
  });

  it('explains an invalid response size limit and does not store it', async () => {
    const { onOptionsChange, user } = setup({ jsonData: { responseLimitMB: 100 } });
    const limit = screen.getByRole('textbox', { name: /Response size limit/ });

    await user.clear(limit);
    await user.type(limit, '-5');

    expect(screen.getByText('Enter a whole number of megabytes from 1 to 4096.')).toBeInTheDocument();
    // Clearing the field returned to the default; "-" and "-5" were refused.
    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: {} });
  });

  it('stores the scrape interval as typed', async () => {
    const { onOptionsChange, user } = setup();

    await user.type(screen.getByRole('textbox', { name: /Scrape interval/ }), '30s');

    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: { timeInterval: '30s' } });
  });

  it('keeps a custom header value in secure settings', async () => {
    const { onOptionsChange, user } = setup();

    await user.click(screen.getByRole('button', { name: /HTTP headers/ }));
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByRole('textbox', { name: 'Header' }), 'X-Scope-OrgID');
    await user.type(screen.getByLabelText('Value'), 'tenant-1');
    await user.tab();

    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...base,
      jsonData: { httpHeaderName1: 'X-Scope-OrgID' },
      secureJsonData: { httpHeaderValue1: 'tenant-1' },
      secureJsonFields: {},
    });
  });

  it('shows a saved password as configured and clears it on reset', async () => {
    const { onOptionsChange, user } = setup({
      basicAuth: true,
      basicAuthUser: 'grafana',
      secureJsonFields: { basicAuthPassword: true },
    });
    expect(screen.getByLabelText(/Password/)).toHaveValue('configured');
    expect(screen.getByLabelText(/Password/)).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Reset' }));

    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...base,
      basicAuth: true,
      basicAuthUser: 'grafana',
      secureJsonData: { basicAuthPassword: '' },
      secureJsonFields: { basicAuthPassword: false },
    });
    expect(screen.getByLabelText(/Password/)).toHaveValue('');
  });
});
