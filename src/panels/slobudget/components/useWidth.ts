import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's content width, following resizes (a scrollbar appearing, the panel resized);
 * `fallback` until it is measured, and where ResizeObserver does not exist (jsdom).
 */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      setWidth(fallback);
      return;
    }
    setWidth(el.clientWidth || fallback);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || fallback));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}
