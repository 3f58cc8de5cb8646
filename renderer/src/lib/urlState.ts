// Page state that belongs in the URL (filters, search, the open drawer's tab): read from and
// written to the search params, replacing the history entry so Back leaves the page.
// A control whose value lives in the URL (a switch, a search box, a tab) must show its new value in
// the same task as the click or keystroke: by default the router commits a change in a React
// transition, which a busy machine renders later, so a switch flips back and on again and a fast
// typist's next keystroke is applied to the old text. `flushSync` commits the change at once.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export function useUrlParams(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true, flushSync: true },
      ),
    [setParams],
  );
  return [params, update];
}
