import React from 'react';
import { Badge } from '@grafana/ui';

import type { SloState } from '../lib/model';
import { STATE_LOOKS } from '../lib/state';

/** The backend's verdict as a coloured badge; the tooltip says what it means and why. */
export function StateBadge({ state, reasons = [] }: { state: SloState; reasons?: string[] }) {
  const look = STATE_LOOKS[state];
  const tooltip =
    reasons.length === 0 ? (
      look.description
    ) : (
      <>
        {look.description}
        <ul style={{ margin: '4px 0 0', paddingLeft: 16 }}>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </>
    );
  return <Badge text={look.label} color={look.badge} icon={look.icon} tooltip={tooltip} />;
}
