import React, { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { TextArea, useStyles2 } from '@grafana/ui';

import { applyCompletion, type ResourceRequest, type Suggestion } from '../../lib/completion';
import { optionId, SuggestionList } from './SuggestionList';
import { useCompletion } from './useCompletion';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onRunQuery: () => void;
  fetchSuggestions: (request: ResourceRequest) => Promise<string[]>;
}

/**
 * PromQL text with metric, label and value completion. Shift+Enter or leaving the field runs the
 * query; while suggestions show, ↑/↓ pick, Enter/Tab insert and Escape closes. Ctrl+Space opens them.
 */
export function PromQLField({ id, value, onChange, onRunQuery, fetchSuggestions }: Props) {
  const styles = useStyles2(getStyles);
  const listId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const nextCursor = useRef<number>();
  // Local text, so typing never waits for the parent's round trip.
  const [text, setText] = useState(value);
  const { completion, suggestions, active, update, move, setActive, close } = useCompletion(fetchSuggestions);
  const open = Boolean(completion) && suggestions.length > 0;

  // A value changed from outside (query history, a query inspector edit) replaces the local text.
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }

  useLayoutEffect(() => {
    if (nextCursor.current !== undefined) {
      textarea.current?.setSelectionRange(nextCursor.current, nextCursor.current);
      nextCursor.current = undefined;
    }
  }, [text]);

  const change = (next: string, cursor: number) => {
    setText(next);
    onChange(next);
    update(next, cursor);
  };

  const choose = (suggestion: Suggestion | undefined) => {
    if (!completion || !suggestion) {
      return;
    }
    const result = applyCompletion(text, completion, suggestion.value);
    nextCursor.current = result.cursor;
    setText(result.text);
    onChange(result.text);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      const handled = handleListKey(e.key);
      if (handled) {
        e.preventDefault();
        e.stopPropagation(); // Escape must not also close Grafana's editor
        return;
      }
    }
    if (e.key === 'Enter' && e.shiftKey) {
      e.preventDefault();
      onRunQuery();
    } else if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      update(text, e.currentTarget.selectionStart, true);
    } else if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
      close();
    }
  };

  const handleListKey = (key: string): boolean => {
    switch (key) {
      case 'ArrowDown':
        move(1);
        return true;
      case 'ArrowUp':
        move(-1);
        return true;
      case 'Enter':
      case 'Tab':
        choose(suggestions[active]);
        return true;
      case 'Escape':
        close();
        return true;
    }
    return false;
  };

  return (
    <div className={styles.wrapper}>
      <TextArea
        id={id}
        ref={textarea}
        className={styles.textarea}
        value={text}
        rows={Math.min(10, text.split('\n').length + 1)}
        placeholder={'rate(http_requests_total{job="api"}[$__rate_interval])'}
        spellCheck={false}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(listId, active) : undefined}
        onChange={(e) => change(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onClick={close}
        onBlur={() => {
          close();
          onRunQuery();
        }}
      />
      {open && (
        <SuggestionList id={listId} suggestions={suggestions} active={active} onHover={setActive} onChoose={choose} />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    position: 'relative',
    width: '100%',
  }),
  textarea: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
