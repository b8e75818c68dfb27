import '../../testing/jsdom';

import { act, screen, waitFor, within } from '@testing-library/react';

import { renderQueryEditor } from '../../testing/renderQueryEditor';
import type { SLOQuery } from '../../types';

const slo = (fields: Partial<SLOQuery> = {}): SLOQuery => ({ refId: 'A', queryType: 'slo', ...fields });

async function setup(initial: SLOQuery = slo()) {
  const rendered = renderQueryEditor(initial);
  await waitFor(() => expect(rendered.getResource).toHaveBeenCalledWith('slos'));
  await act(async () => {});
  return rendered;
}

const filterField = () => screen.getByLabelText(/^Label filter/);
const choice = (group: string, name: string) =>
  within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });

describe('SLOQueryEditor, all SLOs', () => {
  it('offers "All SLOs" first, which sets sloId "*" and runs', async () => {
    const { onChange, onRunQuery, user } = await setup();

    await user.click(screen.getByRole('combobox', { name: /^SLO/ }));
    await user.click(await screen.findByRole('option', { name: /^All SLOs/ }));

    expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: '*' }));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.getByText('3 of 3 SLOs: availability, latency-p95, error-rate')).toBeInTheDocument();
  });

  it('filters by label, says which SLOs match, and runs when the field is left', async () => {
    const { onChange, onRunQuery, user } = await setup(slo({ sloId: '*' }));

    await user.type(filterField(), 'service="auth", sla=~"lat.*"');
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: '*', sloFilter: 'service="auth", sla=~"lat.*"' }));
    expect(screen.getByText('1 of 3 SLOs: latency-p95')).toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('explains a filter the backend would refuse, in its words, and does not run it', async () => {
    const { onRunQuery, user } = await setup(slo({ sloId: '*' }));

    await user.type(filterField(), 'service=auth');
    await user.tab();

    expect(
      screen.getByText(
        'slo: invalid label filter (write matchers as in PromQL: service="api", tier=~"gold|silver"): expected a quoted value at character 9 of "service=auth"'
      )
    ).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('refuses every output but the summary with the backend message', async () => {
    const { onChange, onRunQuery, user } = await setup(slo({ sloId: '*' }));

    await user.click(choice('Output', 'Burndown'));

    expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: '*', output: 'burndown' }));
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(
      screen.getByText('sloId "*" (all SLOs) returns one summary row per SLO: set output to "summary", got "burndown"')
    ).toBeInTheDocument();
  });

  it('drops the filter when one SLO is picked (the backend refuses a filter without "*")', async () => {
    const { onChange, user } = await setup(slo({ sloId: '*', sloFilter: 'service="auth"' }));

    await user.click(screen.getByRole('combobox', { name: /^SLO/ }));
    await user.click(await screen.findByRole('option', { name: /^Availability/ }));

    expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: 'availability' }));
    expect(screen.queryByLabelText(/^Label filter/)).not.toBeInTheDocument();
  });
});
