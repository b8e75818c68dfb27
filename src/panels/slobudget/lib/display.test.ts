import { createTheme, ThresholdsMode } from '@grafana/data';

import { displayText, ratioDisplay } from './display';

const theme = createTheme({ colors: { mode: 'dark' } });
const color = (name: string) => theme.visualization.getColorByName(name);

describe('ratioDisplay', () => {
  const display = ratioDisplay(theme);

  it('formats the remaining ratio as a percentage with one decimal by default', () => {
    expect(displayText(display(1872 / 2592))).toBe('72.2%');
    expect(displayText(display(-243 / 2592))).toBe('-9.4%');
  });

  it('colours by the default thresholds: red when overspent, orange under 25 %, green above', () => {
    expect(display(-0.01).color).toBe(color('red'));
    expect(display(0).color).toBe(color('orange'));
    expect(display(0.2499).color).toBe(color('orange'));
    expect(display(0.25).color).toBe(color('green'));
  });

  it('lets the panel’s field config and the frame’s override the defaults, the frame last', () => {
    const custom = ratioDisplay(
      theme,
      { decimals: 3, thresholds: { mode: ThresholdsMode.Absolute, steps: [{ value: -Infinity, color: 'purple' }] } },
      { decimals: 0 }
    );
    expect(displayText(custom(0.72222))).toBe('72%');
    expect(custom(0.72222).color).toBe(color('purple'));
  });
});
