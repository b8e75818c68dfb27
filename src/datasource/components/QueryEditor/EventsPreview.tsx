import React from 'react';
import type { TimeRange } from '@grafana/data';
import { Text } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { eventsLabel } from '../../lib/eventsPreview';
import type { DetectionQuery } from '../../types';
import { useEventsPreview } from './useEventsPreview';

interface Props {
  datasource: DataSource;
  query: DetectionQuery;
  range?: TimeRange;
  /** False while an option would be refused: nothing runs. */
  enabled: boolean;
}

/** "N events in this range" for the options as they are being edited, before the query is saved. */
export function EventsPreview({ datasource, query, range, enabled }: Props) {
  const preview = useEventsPreview(datasource, query, range, enabled);
  switch (preview.state) {
    case 'idle':
      return null;
    case 'loading':
      return (
        // Text, not a spinner: <Icon name="spinner"> loads an SVG Grafana serves, absent outside it.
        <div role="status">
          <Text color="secondary" italic>
            Counting events in this range…
          </Text>
        </div>
      );
    case 'done':
      return (
        <Text color="secondary" aria-live="polite">
          {eventsLabel(preview.count)} with these options
        </Text>
      );
    case 'error':
      return (
        <Text color="error" role="alert">
          Could not count events: {preview.message}
        </Text>
      );
  }
}
