import React, { useEffect, useRef } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { testIds } from '../../../testIds';
import type { Suggestion } from '../../lib/completion';

interface Props {
  id: string;
  suggestions: Suggestion[];
  active: number;
  onHover: (index: number) => void;
  onChoose: (suggestion: Suggestion) => void;
}

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The listbox under the PromQL field; the field keeps focus and drives it with the keyboard. */
export function SuggestionList({ id, suggestions, active, onHover, onChoose }: Props) {
  const styles = useStyles2(getStyles);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  return (
    <ul
      id={id}
      ref={list}
      role="listbox"
      aria-label="Suggestions"
      className={styles.list}
      data-testid={testIds.queryEditor.suggestions}
    >
      {suggestions.map((suggestion, index) => (
        <li
          key={`${suggestion.kind}:${suggestion.value}`}
          id={optionId(id, index)}
          role="option"
          aria-selected={index === active}
          className={cx(styles.option, index === active && styles.active)}
          // mousedown would blur the field, closing the list before the click lands
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => onHover(index)}
          onClick={() => onChoose(suggestion)}
        >
          <span>{suggestion.value}</span>
          <span className={styles.kind}>{suggestion.kind}</span>
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    position: 'absolute',
    top: '100%',
    left: 0,
    zIndex: theme.zIndex.dropdown,
    minWidth: 320,
    maxHeight: 280,
    overflowY: 'auto',
    margin: 0,
    padding: theme.spacing(0.5, 0),
    listStyle: 'none',
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    fontFamily: theme.typography.fontFamilyMonospace,
  }),
  option: css({
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    padding: theme.spacing(0.5, 1),
    cursor: 'pointer',
  }),
  active: css({
    background: theme.colors.action.hover,
  }),
  kind: css({
    color: theme.colors.text.secondary,
    fontFamily: theme.typography.fontFamily,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
