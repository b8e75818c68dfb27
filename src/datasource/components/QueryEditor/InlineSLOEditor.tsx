import React, { useState } from 'react';

import { parseDraft, sloToDraft, type SLODraft } from '../../lib/sloForm';
import type { InlineSLO } from '../../types';
import { SLOForm } from '../SLOForm/SLOForm';

interface Props {
  slo: InlineSLO;
  /** Each edit that reads as an SLO; `chosen` when a choice made it, so the query may run at once. */
  onChange: (slo: InlineSLO, chosen: boolean) => void;
  onBlur: () => void;
}

const same = (a: InlineSLO, b: InlineSLO) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The SLO a query carries, edited with the catalog's form. The text is kept here, as typed; the
 * query receives the SLO at each edit, unless a number field holds something that is not a number.
 */
export function InlineSLOEditor({ slo, onChange, onBlur }: Props) {
  const [state, setState] = useState(() => ({ draft: sloToDraft(slo), sent: slo }));
  let { draft } = state;
  // A definition changed from outside (query history, a pasted query) replaces the text.
  if (!same(slo, state.sent)) {
    draft = sloToDraft(slo);
    setState({ draft, sent: slo });
  }
  const { errors } = parseDraft(draft, { requireId: false });

  const change = (next: SLODraft, chosen: boolean) => {
    const parsed = parseDraft(next, { requireId: false });
    setState({ draft: next, sent: parsed.slo ?? state.sent });
    if (parsed.slo) {
      onChange(parsed.slo, chosen);
    }
  };

  return <SLOForm inline draft={draft} errors={errors} onChange={change} onBlur={onBlur} />;
}
