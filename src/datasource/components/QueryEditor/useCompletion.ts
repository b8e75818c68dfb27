import { useCallback, useMemo, useRef, useState } from 'react';

import {
  completionAt,
  opensWhileTyping,
  suggestionsFor,
  type Completion,
  type ResourceRequest,
  type Suggestion,
} from '../../lib/completion';
import { requestKey } from '../../lib/resources';

export interface CompletionState {
  completion?: Completion;
  suggestions: Suggestion[];
  active: number;
  /** Recomputes the completion at the cursor; `explicit` (Ctrl+Space) also opens metric lists. */
  update: (text: string, cursor: number, explicit?: boolean) => void;
  move: (delta: number) => void;
  setActive: (index: number) => void;
  close: () => void;
}

/**
 * The suggestion list of a PromQL field. Each resource request is sent once per editor; later
 * keystrokes only filter its answer. A failed request lists nothing rather than interrupting typing.
 */
export function useCompletion(fetch: (request: ResourceRequest) => Promise<string[]>): CompletionState {
  const [completion, setCompletion] = useState<Completion>();
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [active, setActive] = useState(0);
  const requested = useRef(new Set<string>());

  const update = useCallback(
    (text: string, cursor: number, explicit = false) => {
      const next = completionAt(text, cursor);
      setActive(0);
      if (!next || !(explicit || opensWhileTyping(next))) {
        setCompletion(undefined);
        return;
      }
      setCompletion(next);
      const key = requestKey(next.fetch);
      if (!requested.current.has(key)) {
        requested.current.add(key);
        fetch(next.fetch)
          .catch(() => [])
          .then((values) => setAnswers((previous) => ({ ...previous, [key]: values })));
      }
    },
    [fetch]
  );

  const suggestions = useMemo(
    () => (completion ? suggestionsFor(completion, answers[requestKey(completion.fetch)]) : []),
    [completion, answers]
  );

  const move = useCallback(
    (delta: number) =>
      setActive((i) => (suggestions.length ? (i + delta + suggestions.length) % suggestions.length : 0)),
    [suggestions.length]
  );
  const close = useCallback(() => setCompletion(undefined), []);

  return { completion, suggestions, active, update, move, setActive, close };
}
