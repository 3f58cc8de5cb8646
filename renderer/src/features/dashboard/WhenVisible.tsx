// Renders its children (and so starts their queries) only once the place they take scrolls into
// view, so a first load waits on the figures a person sees, not on charts below the fold.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function WhenVisible({ children, minHeight }: { children: ReactNode; minHeight: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [seen]);
  return <div ref={ref}>{seen ? children : <div style={{ minHeight }} aria-hidden />}</div>;
}
