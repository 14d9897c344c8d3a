import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * A long table that fills the window down to its bottom edge and scrolls inside itself, so the page
 * head, the filters and the totals stay in view at 1366×768 and on taller screens alike.
 */
export function useFillHeight<T extends HTMLElement>(
  minimum = 220,
  bottom = 24,
): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const next = Math.max(
        minimum,
        Math.floor(window.innerHeight - el.getBoundingClientRect().top - bottom),
      );
      setHeight((h) => (Math.abs(h - next) > 1 ? next : h));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  return [ref, height];
}

/** Scrolls a row into view inside its scrolling table only (never the page), below the sticky header. */
export function revealRow(wrap: HTMLElement | null, row: HTMLElement | null): void {
  if (!wrap || !row) return;
  const area = wrap.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  const header = wrap.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  if (box.top < area.top + header) wrap.scrollTop -= area.top + header - box.top;
  else if (box.bottom > area.bottom) wrap.scrollTop += box.bottom - area.bottom;
}
