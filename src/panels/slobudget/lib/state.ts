import type { GrafanaTheme2, IconName } from '@grafana/data';
import type { BadgeColor } from '@grafana/ui';

import type { BurnRate, SloState } from './model';

/** How a state looks: the words, a Badge colour and icon, and a tone for text and bars. */
export interface StateLook {
  label: string;
  badge: BadgeColor;
  icon: IconName;
  tone: Tone;
  /** What the state means, for the badge's tooltip. */
  description: string;
}

/** Semantic colours, resolved against the theme by toneColor. */
export type Tone = 'critical' | 'warning' | 'ok' | 'info' | 'muted';

export const STATE_LOOKS: Record<SloState, StateLook> = {
  ok: {
    label: 'OK',
    badge: 'green',
    icon: 'check-circle',
    tone: 'ok',
    description: 'Within the objective, no burn-rate alert firing.',
  },
  warning: {
    label: 'Warning',
    badge: 'orange',
    icon: 'exclamation-triangle',
    tone: 'warning',
    description: 'A burn-rate alert is firing or less than a quarter of the budget is left.',
  },
  breaching: {
    label: 'Breaching',
    badge: 'red',
    icon: 'exclamation-circle',
    tone: 'critical',
    description: 'The budget is overspent or the SLI is below the objective.',
  },
  partial_history: {
    label: 'Partial history',
    badge: 'blue',
    icon: 'history-alt',
    tone: 'info',
    description: 'The data starts after the window start: figures are extrapolated.',
  },
  no_data: {
    label: 'No data',
    badge: 'darkgrey',
    icon: 'question-circle',
    tone: 'muted',
    description: 'No events in the window, or fewer than the SLO’s minimum.',
  },
};

export function toneColor(tone: Tone, theme: GrafanaTheme2): string {
  switch (tone) {
    case 'critical':
      return theme.colors.error.text;
    case 'warning':
      return theme.colors.warning.text;
    case 'ok':
      return theme.colors.success.text;
    case 'info':
      return theme.colors.info.text;
    case 'muted':
      return theme.colors.text.secondary;
  }
}

/** A burn-rate pair's status cell: firing pages are critical, firing tickets warnings. */
export interface BurnStatus {
  label: string;
  tone: Tone;
  description: string;
}

/**
 * The colour of a burn above its pair's threshold, whether or not the pair fires (it fires only
 * when both windows are above): critical for a page's threshold, warning for a ticket's.
 */
export function overThresholdTone(b: Pick<BurnRate, 'severity'>): Tone {
  return b.severity === 'page' ? 'critical' : 'warning';
}

/** Whether a burn is above its pair's threshold, on a pair that can fire. */
export function aboveThreshold(b: Pick<BurnRate, 'feasible' | 'threshold'>, burn: number): boolean {
  return b.feasible && burn > b.threshold;
}

export function burnStatus(b: BurnRate): BurnStatus {
  if (!b.feasible) {
    return {
      label: 'Cannot fire',
      tone: 'muted',
      description: 'threshold × (1 − objective) ≥ 100 %: the error ratio can never reach it at this objective',
    };
  }
  if (b.firing) {
    return b.severity === 'page'
      ? { label: 'Firing', tone: 'critical', description: 'Both windows burn above the threshold: page' }
      : { label: 'Firing', tone: 'warning', description: 'Both windows burn above the threshold: ticket' };
  }
  if (!Number.isFinite(b.longBurn) || !Number.isFinite(b.shortBurn)) {
    return { label: 'No data', tone: 'muted', description: 'Too few events in a window to judge' };
  }
  return { label: 'Not firing', tone: 'ok', description: 'At least one window burns below the threshold' };
}
