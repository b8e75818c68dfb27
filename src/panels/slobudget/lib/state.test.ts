import { createTheme } from '@grafana/data';

import type { BurnRate } from './model';
import { burnStatus, STATE_LOOKS, toneColor } from './state';

const pair: BurnRate = {
  severity: 'page',
  longWindow: '1h',
  shortWindow: '5m',
  threshold: 14.4,
  longBurn: 15.2,
  shortBurn: 18.9,
  firing: true,
  feasible: true,
};

describe('burnStatus', () => {
  it('shows a firing page in the critical colour and a firing ticket as a warning', () => {
    expect(burnStatus(pair)).toMatchObject({ label: 'Firing', tone: 'critical' });
    expect(burnStatus({ ...pair, severity: 'ticket' })).toMatchObject({ label: 'Firing', tone: 'warning' });
  });
  it('flags a pair that can never fire at the objective', () => {
    expect(burnStatus({ ...pair, feasible: false, firing: false })).toMatchObject({
      label: 'Cannot fire',
      tone: 'muted',
    });
  });
  it('says Not firing when a window is below the threshold, and No data without burns', () => {
    expect(burnStatus({ ...pair, shortBurn: 2, firing: false })).toMatchObject({ label: 'Not firing', tone: 'ok' });
    expect(burnStatus({ ...pair, longBurn: NaN, firing: false })).toMatchObject({ label: 'No data', tone: 'muted' });
  });
});

describe('state colours', () => {
  it('gives each state a badge colour', () => {
    const badges = Object.fromEntries(Object.entries(STATE_LOOKS).map(([state, look]) => [state, look.badge]));
    expect(badges).toEqual({
      ok: 'green',
      warning: 'orange',
      breaching: 'red',
      partial_history: 'blue',
      no_data: 'darkgrey',
    });
  });
  it.each(['dark', 'light'] as const)('resolves tones to the %s theme’s semantic colours', (mode) => {
    const theme = createTheme({ colors: { mode } });
    expect(toneColor('critical', theme)).toBe(theme.colors.error.text);
    expect(toneColor('warning', theme)).toBe(theme.colors.warning.text);
    expect(toneColor('ok', theme)).toBe(theme.colors.success.text);
    expect(toneColor('info', theme)).toBe(theme.colors.info.text);
    expect(toneColor('muted', theme)).toBe(theme.colors.text.secondary);
  });
});
