import { EventBusSrv, type PanelProps } from '@grafana/data';

/** What a panel test sets; the rest of PanelProps may be set too. */
type Given<O> = Pick<PanelProps<O>, 'data' | 'timeRange' | 'options' | 'width' | 'height' | 'title'> &
  Partial<PanelProps<O>>;

/**
 * The props Grafana hands a panel on a dashboard: what the test gives, and for the rest panel 1 in
 * UTC with no field config, interpolation that leaves text as it is and callbacks that do nothing.
 * Shared by the jest renderPanel helpers and the browser harness pages.
 */
export function panelProps<O>(given: Given<O>): PanelProps<O> {
  return {
    id: 1,
    timeZone: 'utc',
    transparent: false,
    renderCounter: 0,
    eventBus: new EventBusSrv(),
    replaceVariables: (v) => v,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    onChangeTimeRange: () => {},
    ...given,
    fieldConfig: given.fieldConfig ?? { defaults: {}, overrides: [] },
  };
}
