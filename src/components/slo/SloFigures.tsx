import React from 'react';
import { Badge, Stack, Text, useTheme2 } from '@grafana/ui';

import { BudgetBar } from '../../panels/slobudget/components/BudgetBar';
import { StateBadge } from '../../panels/slobudget/components/StateBadge';
import { ratioDisplay } from '../../panels/slobudget/lib/display';
import { formatBurn, formatExhaustion, formatSliVsObjective, formatThreshold } from '../../panels/slobudget/lib/format';
import type { BurnRate, SloSummary } from '../../panels/slobudget/lib/model';
import { countAlerts, type SloAlert } from '../../lib/sloAlerts';
import { fastestBurn } from '../../lib/sloRows';

/** The remaining budget as a bar in its threshold colour; "No data" without a summary. */
export function Budget({ summary }: { summary?: SloSummary }) {
  const theme = useTheme2();
  const ratio = summary?.remainingRatio ?? NaN;
  return <BudgetBar ratio={ratio} display={ratioDisplay(theme)(ratio)} />;
}

export function State({ summary, error }: { summary?: SloSummary; error?: string }) {
  if (!summary) {
    return (
      <Badge
        text={error ? 'Error' : 'No data'}
        color={error ? 'red' : 'blue'}
        icon="exclamation-triangle"
        tooltip={error}
      />
    );
  }
  return <StateBadge state={summary.state} reasons={summary.reasons} />;
}

export function SliVsObjective({ summary }: { summary?: SloSummary }) {
  return <Text>{summary ? formatSliVsObjective(summary.sli, summary.objective) : '–'}</Text>;
}

/** "16.2× of 14.4× (1h/5m page)": the pair closest to firing, its burn (the smaller of long and short) against its threshold. */
export function FastestBurn({ burnRates }: { burnRates: BurnRate[] }) {
  const b = fastestBurn(burnRates);
  if (!b) {
    return <Text color="secondary">–</Text>;
  }
  const burn = Math.min(b.longBurn, b.shortBurn);
  return (
    <Text color={b.firing ? 'error' : burn >= b.threshold * 0.5 ? 'warning' : undefined}>
      {formatBurn(burn)} of {formatThreshold(b.threshold)}{' '}
      <Text color="secondary">
        ({b.longWindow}/{b.shortWindow} {b.severity})
      </Text>
    </Text>
  );
}

export function Exhaustion({ summary }: { summary?: SloSummary }) {
  return <Text>{summary ? formatExhaustion(summary.exhaustionSeconds, summary.remaining) : '–'}</Text>;
}

/** Firing and pending alerts as badges; nothing when there are none. */
export function AlertCounts({ alerts }: { alerts: SloAlert[] }) {
  const { firing, pending } = countAlerts(alerts);
  if (firing === 0 && pending === 0) {
    return <Text color="secondary">none</Text>;
  }
  return (
    <Stack gap={0.5}>
      {firing > 0 && <Badge color="red" icon="fire" text={`${firing} firing`} />}
      {pending > 0 && <Badge color="orange" icon="hourglass" text={`${pending} pending`} />}
    </Stack>
  );
}
