import React from 'react';
import { Text } from '@grafana/ui';

/**
 * A loading line. Not LoadingPlaceholder: its spinner icon is served by Grafana itself, not by
 * @grafana/ui's icon set, so outside Grafana (the browser harness) it fails to load.
 */
export function Loading({ text }: { text: string }) {
  return (
    <div role="status">
      <Text color="secondary" italic>
        {text}
      </Text>
    </div>
  );
}
