// Counts the openings of a drawer or modal, to key its form by: each opening starts from a fresh
// form, and while it slides out the closing one keeps showing what it showed (clearing the form
// on close put an empty form, with its own "Name" field, into the closing drawer).
import { useState } from 'react';

export function useOpenings(opened: boolean): number {
  const [seen, setSeen] = useState({ opened, count: opened ? 1 : 0 });
  if (seen.opened !== opened) {
    // Adjusting state while rendering, as React allows for a prop change: no extra commit.
    const next = { opened, count: seen.count + (opened ? 1 : 0) };
    setSeen(next);
    return next.count;
  }
  return seen.count;
}
