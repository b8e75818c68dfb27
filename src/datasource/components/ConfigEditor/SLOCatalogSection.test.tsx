import '../../testing/jsdom';

import { screen, within } from '@testing-library/react';

import { SEED_SLOS } from '../../lib/seedSlos';
import { base, renderConfigEditor as setup } from '../../testing/renderConfigEditor';
import type { SLO } from '../../types';


const [availability, latency, errorRate] = SEED_SLOS;
const withSlos = (slos: SLO[]) => ({ jsonData: { slos } });
const button = (name: string | RegExp) => screen.getByRole('button', { name });
const field = (label: RegExp) => screen.getByLabelText(label);
const choice = (group: string, name: string) =>
  within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });
const rows = () =>
  within(screen.getByRole('table', { name: 'SLO catalog' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(0, 5)
        .map((cell) => cell.textContent)
    );

describe('SLO catalog', () => {
  it('starts empty and inserts the seed SLAs, as the backend defines them', async () => {
    const { onOptionsChange, user } = setup();
    expect(screen.getByText(/^The catalog is empty\./)).toBeInTheDocument();

    await user.click(button('Add the seed SLAs'));

    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: { slos: SEED_SLOS } });
    expect(rows()).toEqual([
      ['Availability', 'availability', '99.9%', '30d', 'Availability'],
      ['Latency P95 < 200 ms', 'latency-p95', '95%', '7d', 'Latency'],
      ['Error rate < 0.1 %', 'error-rate', '99.9%', '1d', 'Ratio'],
    ]);
    // Disabled with a tooltip saying why, so it stays focusable.
    expect(button('Add the seed SLAs')).toHaveAttribute('aria-disabled', 'true');
    await user.click(button('Add the seed SLAs'));
    expect(onOptionsChange).toHaveBeenCalledTimes(1);
  });

  it('adds the seed SLAs a catalog lacks after its own SLOs', async () => {
    const own: SLO = { ...errorRate, id: 'checkout', name: 'Checkout' };
    const { onOptionsChange, user } = setup(withSlos([own, latency]));

    await user.click(button('Add the seed SLAs'));

    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...base,
      jsonData: { slos: [own, latency, availability, errorRate] },
    });
  });

  it('adds an availability SLO typed in the form, with its objective as a ratio', async () => {
    const { onOptionsChange, user } = setup({ jsonData: { httpMethod: 'GET' } });

    await user.click(button('Add SLO'));
    await user.type(field(/^Id/), 'api-up');
    await user.type(field(/^Name/), 'API up');
    await user.click(choice('SLI kind', 'Availability'));
    await user.type(field(/^Up series/), 'up{{job="api"}');
    await user.click(choice('Gaps', 'Ignore'));
    await user.clear(field(/^Objective/));
    await user.type(field(/^Objective/), '99.95');
    expect(screen.getByText('Error budget: 21m36s of downtime per 30d.')).toBeInTheDocument();
    expect(onOptionsChange).not.toHaveBeenCalled();

    await user.click(button('Apply'));

    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...base,
      jsonData: {
        httpMethod: 'GET',
        slos: [
          {
            id: 'api-up',
            name: 'API up',
            sli: { kind: 'availability', expr: 'up{job="api"}', gaps: 'ignore' },
            objective: 0.9995,
            window: { kind: 'rolling', duration: '30d' },
          },
        ],
      },
    });
    expect(screen.queryByRole('button', { name: 'Apply' })).not.toBeInTheDocument();
    expect(rows()).toEqual([['API up', 'api-up', '99.95%', '30d', 'Availability']]);
  });

  it('adds a latency SLO over a calendar quarter in a time zone, with labels and guards', async () => {
    const { onOptionsChange, user } = setup();

    await user.click(button('Add SLO'));
    await user.type(field(/^Id/), 'p99');
    await user.click(choice('SLI kind', 'Latency'));
    await user.type(field(/^Histogram/), 'http_request_duration_seconds');
    await user.type(field(/^Threshold/), '0.5');
    await user.type(field(/^Selector/), '{{job="api"}');
    await user.clear(field(/^Objective/));
    await user.type(field(/^Objective/), '99');
    await user.click(choice('Window', 'Calendar'));
    await user.click(choice('Period', 'Quarter'));
    await user.type(screen.getByRole('combobox', { name: /^Time zone/ }), 'Europe/Par');
    await user.click(await screen.findByRole('option', { name: 'Europe/Paris' }));
    await user.click(button('Add label'));
    await user.type(screen.getByRole('textbox', { name: 'Label 1 name' }), 'team');
    await user.type(screen.getByRole('textbox', { name: 'Label 1 value' }), 'web');
    await user.click(button('Add label'));
    await user.type(field(/^Min events/), '200');
    await user.type(field(/^Violation for/), '1h');
    await user.click(button('Apply'));

    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...base,
      jsonData: {
        slos: [
          {
            id: 'p99',
            sli: {
              kind: 'latency',
              histogram: 'http_request_duration_seconds',
              threshold: 0.5,
              selector: '{job="api"}',
            },
            objective: 0.99,
            window: { kind: 'calendar', unit: 'quarter', timeZone: 'Europe/Paris' },
            labels: { team: 'web' },
            minEvents: 200,
            violationFor: '1h',
          },
        ],
      },
    });
    expect(rows()).toEqual([['p99', 'p99', '99%', 'calendar quarter (Europe/Paris)', 'Latency']]);
  });

  it('explains what is missing only once the user applies, and stores nothing', async () => {
    const { onOptionsChange, user } = setup();

    await user.click(button('Add SLO'));
    expect(screen.queryByText('Enter an id, such as checkout-latency.')).not.toBeInTheDocument();

    await user.click(button('Apply'));

    expect(onOptionsChange).not.toHaveBeenCalled();
    expect(screen.getByText('Enter an id, such as checkout-latency.')).toBeInTheDocument();
    expect(screen.getByText('Enter the PromQL of the good events, or of the bad ones.')).toBeInTheDocument();
    expect(screen.getByText('Enter the PromQL of all events.')).toBeInTheDocument();
    expect(screen.getByText('Fix the fields marked above to apply this SLO.')).toBeInTheDocument();
  });

  it.each([
    [
      /^Id/,
      'Checkout',
      'Use 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit, such as checkout-latency.',
    ],
    [/^Id/, 'availability', 'Another SLO already has the id “availability”.'],
    [/^Objective/, '100', 'Enter a percentage between 0 and 100, both excluded, such as 99.9.'],
    [/^Objective/, '99,9', 'Enter a percentage such as 99.9.'],
    [/^Duration/, '1y', 'Enter a duration such as 30d, 6h or 1h30m (units w, d, h, m, s, ms, largest first).'],
    [/^Violation for/, '30d', 'Must be shorter than the 30d window.'],
    [/^Min events/, 'many', 'Enter a number of events, such as 100.'],
  ])('explains a field as it is typed: %s %j', async (label, text, error) => {
    const { onOptionsChange, user } = setup(withSlos([availability]));

    await user.click(button('Add SLO'));
    await user.clear(field(label));
    await user.type(field(label), text);

    expect(screen.getByText(error)).toBeInTheDocument();
    await user.click(button('Apply'));
    expect(onOptionsChange).not.toHaveBeenCalled();
  });

  it('explains a time zone the server would not know', async () => {
    const { user } = setup();

    await user.click(button('Add SLO'));
    await user.click(choice('Window', 'Calendar'));
    await user.type(screen.getByRole('combobox', { name: /^Time zone/ }), 'Local');
    await user.click(await screen.findByRole('option', { name: /Local/ }));

    expect(
      screen.getByText('Local would be the server’s time zone: enter an IANA name such as Europe/Paris.')
    ).toBeInTheDocument();
  });

  it('edits an SLO in place, showing its objective as a percent', async () => {
    const { onOptionsChange, user } = setup(withSlos(SEED_SLOS));

    await user.click(button('Edit latency-p95'));
    expect(field(/^Objective/)).toHaveValue('95');
    expect(field(/^Threshold/)).toHaveValue('0.2');
    await user.clear(field(/^Objective/));
    await user.type(field(/^Objective/), '99.99');
    await user.click(button('Remove label 2'));
    await user.click(button('Apply'));

    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...base,
      jsonData: { slos: [availability, { ...latency, objective: 0.9999, labels: { service: 'auth' } }, errorRate] },
    });
  });

  it('keeps the id of the SLO being edited free for itself', async () => {
    const { onOptionsChange, user } = setup(withSlos(SEED_SLOS));

    await user.click(button('Edit error-rate'));
    await user.click(button('Apply'));

    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: { slos: SEED_SLOS } });
  });

  it('discards the form on Cancel', async () => {
    const { onOptionsChange, user } = setup(withSlos(SEED_SLOS));

    await user.click(button('Edit availability'));
    await user.clear(field(/^Objective/));
    await user.click(button('Cancel'));

    expect(onOptionsChange).not.toHaveBeenCalled();
    expect(screen.queryByLabelText(/^Objective/)).not.toBeInTheDocument();
  });

  it('removes an SLO', async () => {
    const { onOptionsChange, user } = setup(withSlos(SEED_SLOS));

    await user.click(button('Remove latency-p95'));

    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: { slos: [availability, errorRate] } });
    expect(rows().map((row) => row[1])).toEqual(['availability', 'error-rate']);
  });

  it('stores an empty catalog when the last SLO goes', async () => {
    const { onOptionsChange, user } = setup(withSlos([availability]));

    await user.click(button('Remove availability'));

    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...base, jsonData: { slos: [] } });
    expect(screen.getByText(/^The catalog is empty\./)).toBeInTheDocument();
  });

  it('marks an entry the backend would refuse, such as a percent stored as the objective', () => {
    setup(withSlos([{ ...availability, objective: 99.9 }, availability]));

    expect(screen.getAllByText('Enter a percentage between 0 and 100, both excluded, such as 99.9.')).toHaveLength(1);
    expect(screen.getByText('SLO 1 already has the id “availability”.')).toBeInTheDocument();
  });
});
